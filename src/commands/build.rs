//! `itp-dev build [SERVICE...]`: build images without starting anything,
//! with `up`'s cache rule (an unchanged context is not rebuilt); `--push`
//! tags each by content hash and pushes it to `kubernetes.registry`.

use futures_util::future::join_all;

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::BuildArgs;
use crate::docker::apply::Failure;
use crate::docker::events::{Event, Sink};
use crate::docker::images::{self, BuildRequest};
use crate::docker::{self, snapshot};
use crate::plan::{ImagePlan, ImageSource, compile};
use crate::ui::Printer;
use crate::ui::progress::UpView;

/// An image pushed by `--push`: service, reference, digest.
pub type Pushed = (String, String, String);

pub fn run(ctx: &Context, args: &BuildArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let (pushed, failures) = publish(ctx, args, printer)?;
    for (service, reference, digest) in pushed {
        if printer.json {
            printer.event(
                "pushed",
                &serde_json::json!({ "service": service, "reference": reference, "digest": digest }),
            );
        } else {
            printer.out(&format!("{reference}@{digest}"));
        }
    }
    if !failures.is_empty() {
        super::up::report(&failures, printer);
        return Ok(Exit::Failure);
    }
    Ok(Exit::Ok)
}

/// Builds (and with `push`, publishes) the images; what was pushed, and
/// what failed. Also the first step of `k8s push`.
pub fn publish(
    ctx: &Context,
    args: &BuildArgs,
    printer: &Printer,
) -> Result<(Vec<Pushed>, Vec<Failure>), CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let chosen = services::select(&plan, &args.services)?;
    let mut built: Vec<&ImagePlan> = Vec::new();
    for c in &chosen {
        let img = plan
            .image(&c.service)
            .expect("every container has an image");
        match img.source {
            ImageSource::Build { .. } => built.push(img),
            ImageSource::Pull { .. } if !args.services.is_empty() => {
                return Err(CommandError::Usage {
                    message: format!(
                        "`{}` has no `build` section; its image `{}` is pulled, not built",
                        c.service, img.reference
                    ),
                    hint: None,
                });
            }
            ImageSource::Pull { .. } => {}
        }
    }
    if built.is_empty() {
        printer.status("no service has a `build` section: nothing to build");
        return Ok((vec![], vec![]));
    }
    let registry = if args.push {
        Some(
            loaded
                .profile
                .kubernetes
                .as_ref()
                .and_then(|k| k.registry.clone())
                .ok_or_else(|| CommandError::Usage {
                    message: "`--push` needs a registry, and the profile sets none".into(),
                    hint: Some("add `registry = \"host:port/path\"` under `[kubernetes]`".into()),
                })?,
        )
    } else {
        None
    };
    let contexts =
        crate::build::scan_images(built.iter().copied()).map_err(|e| anyhow::anyhow!(e))?;
    let view = UpView::new(printer);
    let result = super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        let hashes = contexts.iter().map(|(s, c)| (s.clone(), c.hash.clone())).collect();
        let observed = snapshot::observe(&d, &plan, hashes)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let plan = &plan;
        let jobs = built.iter().map(|img| {
            let (d, view, contexts, observed) = (&d, &view, &contexts, &observed);
            let registry = registry.clone();
            async move {
                let ctx = &contexts[&img.service];
                let current = observed
                    .images
                    .get(&img.reference)
                    .and_then(|i| i.context_hash.as_deref())
                    == Some(ctx.hash.as_str());
                if current && !args.no_cache {
                    printer.status(&format!(
                        "{}: up to date (build context unchanged)",
                        img.service
                    ));
                } else if let ImageSource::Build { target, args: bargs, .. } = &img.source {
                    view.emit(Event::Begin {
                        action: "build",
                        subject: img.reference.clone(),
                        reason: if current { "--no-cache".into() } else { "build context changed".into() },
                    });
                    let t = std::time::Instant::now();
                    let req = BuildRequest {
                        service: &img.service,
                        reference: &img.reference,
                        project: &plan.project,
                        context: ctx,
                        target: target.as_deref(),
                        args: bargs,
                        no_cache: args.no_cache,
                        pull: args.pull,
                    };
                    if let Err(e) = images::build(d, &req, view).await {
                        let mut f = Failure::new(&img.service, e.to_string());
                        if let images::ImageError::Build { last_lines, .. } = e {
                            f.lines = last_lines;
                        }
                        return Err(f);
                    }
                    view.emit(Event::Done {
                        action: "build",
                        subject: img.reference.clone(),
                        ms: t.elapsed().as_millis() as u64,
                    });
                }
                if let Some(reg) = registry {
                    let remote =
                        crate::build::pushed_reference(&reg, &plan.project, &img.service, &ctx.hash);
                    view.emit(Event::Begin {
                        action: "push",
                        subject: remote.clone(),
                        reason: format!("tagged by content hash {}", &ctx.hash[..crate::build::TAG_LEN]),
                    });
                    let t = std::time::Instant::now();
                    match images::push(d, &img.reference, &remote, view).await {
                        Ok(digest) => {
                            view.emit(Event::Done {
                                action: "push",
                                subject: remote.clone(),
                                ms: t.elapsed().as_millis() as u64,
                            });
                            return Ok(Some((img.service.clone(), remote, digest)));
                        }
                        Err(e) => {
                            let mut f = Failure::new(&img.service, e.to_string());
                            f.hint = Some(format!("check that the registry `{reg}` is running and reachable, and that you may push to it (`docker login`)"));
                            return Err(f);
                        }
                    }
                }
                Ok(None)
            }
        });
        let results = join_all(jobs).await;
        let mut pushed = Vec::new();
        let mut failures = Vec::new();
        for r in results {
            match r {
                Ok(Some(p)) => pushed.push(p),
                Ok(None) => {}
                Err(f) => failures.push(f),
            }
        }
        Ok::<_, CommandError>((pushed, failures))
    })?;
    drop(view);
    Ok(result)
}
