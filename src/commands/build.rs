//! `itp-dev build [SERVICE...]`: build images without starting anything,
//! with `up`'s cache rule (an unchanged context is not rebuilt); `--push`
//! tags each by content hash and pushes it to `kubernetes.registry`.

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::BuildArgs;
use crate::docker::publish;
use crate::ops;
use crate::plan::{ImagePlan, ImageSource, compile};
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &BuildArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load_trusted(printer)?;
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
        return Ok(Exit::Ok);
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
    let contexts = crate::build::scan_images(built.iter().copied()).map_err(anyhow::Error::new)?;
    let opts = publish::Options {
        no_cache: args.no_cache,
        pull: args.pull,
        registry,
    };
    let published = ops::publish::publish(&plan, &built, &contexts, &opts, printer)?;
    for (service, reference, digest) in published.pushed {
        if printer.json {
            printer.event(
                "pushed",
                &serde_json::json!({ "service": service, "reference": reference, "digest": digest }),
            );
        } else {
            printer.out(&format!("{reference}@{digest}"));
        }
    }
    if !published.failures.is_empty() {
        crate::ui::report::failures(&published.failures, printer);
        return Ok(Exit::Failure);
    }
    Ok(Exit::Ok)
}
