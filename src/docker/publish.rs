//! Building images without starting anything (`build`, and the first step
//! of `k8s push`), with `up`'s cache rule: an image whose build-context hash
//! label matches the context is not rebuilt. With a registry, each image is
//! tagged by its content hash and pushed; the digest comes back.

use std::collections::BTreeMap;

use bollard::Docker;
use futures_util::future::join_all;

use super::images::{self, BuildRequest};
use super::snapshot::{self, SnapshotError};
use crate::build::BuildContext;
use crate::events::{Event, Failure, Sink};
use crate::plan::{ImagePlan, ImageSource, Plan};

/// An image pushed: service, reference, digest.
pub type Pushed = (String, String, String);

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Build even when the context is unchanged, without the build cache.
    pub no_cache: bool,
    /// Pull newer base images while building.
    pub pull: bool,
    /// Push each image here, tagged by its content hash.
    pub registry: Option<String>,
}

#[derive(Debug, Default)]
pub struct Published {
    pub pushed: Vec<Pushed>,
    pub failures: Vec<Failure>,
}

/// Builds (or skips) and pushes `images` of `plan` concurrently. `contexts`
/// holds the scanned build context of each.
pub async fn publish(
    docker: &Docker,
    plan: &Plan,
    built: &[&ImagePlan],
    contexts: &BTreeMap<String, BuildContext>,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<Published, SnapshotError> {
    let hashes = contexts
        .iter()
        .map(|(s, c)| (s.clone(), c.hash.clone()))
        .collect();
    let observed = snapshot::observe(docker, plan, hashes).await?;
    let jobs = built.iter().map(|img| {
        let observed = &observed;
        async move {
            let ctx = &contexts[&img.service];
            let current = observed
                .images
                .get(&img.reference)
                .and_then(|i| i.context_hash.as_deref())
                == Some(ctx.hash.as_str());
            if current && !opts.no_cache {
                sink.emit(Event::Info {
                    message: format!("{}: up to date (build context unchanged)", img.service),
                });
            } else if let ImageSource::Build { target, args, .. } = &img.source {
                let reason = if current {
                    "--no-cache"
                } else {
                    "build context changed"
                };
                build(
                    docker,
                    plan,
                    img,
                    ctx,
                    target.as_deref(),
                    args,
                    reason,
                    opts,
                    sink,
                )
                .await?;
            }
            match &opts.registry {
                Some(reg) => push(docker, plan, img, ctx, reg, sink).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let mut out = Published::default();
    for r in join_all(jobs).await {
        match r {
            Ok(Some(p)) => out.pushed.push(p),
            Ok(None) => {}
            Err(f) => out.failures.push(f),
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn build(
    docker: &Docker,
    plan: &Plan,
    img: &ImagePlan,
    ctx: &BuildContext,
    target: Option<&str>,
    args: &BTreeMap<String, String>,
    reason: &str,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<(), Failure> {
    sink.emit(Event::Begin {
        action: "build",
        subject: img.reference.clone(),
        reason: reason.into(),
    });
    let t = std::time::Instant::now();
    let req = BuildRequest {
        service: &img.service,
        reference: &img.reference,
        project: &plan.project,
        context: ctx,
        target,
        args,
        no_cache: opts.no_cache,
        pull: opts.pull,
    };
    if let Err(e) = images::build(docker, &req, sink).await {
        let mut f = Failure::new(&img.service, e.to_string());
        if let images::ImageError::Build { last_lines, .. } = e {
            f.lines = last_lines;
        }
        return Err(f);
    }
    sink.emit(Event::Done {
        action: "build",
        subject: img.reference.clone(),
        ms: t.elapsed().as_millis() as u64,
    });
    Ok(())
}

async fn push(
    docker: &Docker,
    plan: &Plan,
    img: &ImagePlan,
    ctx: &BuildContext,
    registry: &str,
    sink: &dyn Sink,
) -> Result<Pushed, Failure> {
    let remote = crate::build::pushed_reference(registry, &plan.project, &img.service, &ctx.hash);
    sink.emit(Event::Begin {
        action: "push",
        subject: remote.clone(),
        reason: format!(
            "tagged by content hash {}",
            &ctx.hash[..crate::build::TAG_LEN]
        ),
    });
    let t = std::time::Instant::now();
    match images::push(docker, &img.reference, &remote, sink).await {
        Ok(digest) => {
            sink.emit(Event::Done {
                action: "push",
                subject: remote.clone(),
                ms: t.elapsed().as_millis() as u64,
            });
            Ok((img.service.clone(), remote, digest))
        }
        Err(e) => {
            let mut f = Failure::new(&img.service, e.to_string());
            f.hint = Some(format!(
                "check that the registry `{registry}` is running and reachable, and that you may push to it (`docker login`)"
            ));
            Err(f)
        }
    }
}
