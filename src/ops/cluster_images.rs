//! The image each container runs in a cluster, for `k8s render` and
//! `k8s push`: pulled images as they are, built ones pushed to
//! `kubernetes.registry` (pinned by digest) or, for a cluster on this
//! engine (`kubernetes.local_images`), tagged here by content hash. Images
//! that only this engine has are refused unless the cluster shares it.

use std::collections::BTreeMap;

use super::CommandError;
use crate::build::{BuildContext, TAG_LEN};
use crate::docker::publish::Options;
use crate::plan::{ImagePlan, ImageSource, Plan};
use crate::profile::Loaded;
use crate::ui::Printer;

/// The local tag a built image gets for a cluster on this engine: its
/// repository, tagged by content hash, so a changed context rolls out.
fn local_reference(img: &ImagePlan, ctx: &BuildContext) -> String {
    let (repo, _) = crate::docker::images::split_reference(&img.reference);
    format!("{repo}:{}", &ctx.hash[..TAG_LEN])
}

fn built(plan: &Plan) -> Vec<&ImagePlan> {
    plan.images
        .iter()
        .filter(|i| matches!(i.source, ImageSource::Build { .. }))
        .collect()
}

/// Names only, nothing built or pushed (`render`, `push --dry-run`).
pub fn names(
    loaded: &Loaded,
    plan: &Plan,
    contexts: &BTreeMap<String, BuildContext>,
    printer: &Printer,
) -> BTreeMap<String, String> {
    let k = loaded.profile.kubernetes.as_ref();
    let registry = k.and_then(|k| k.registry.as_deref());
    let local = k.is_some_and(|k| k.local_images);
    let mut out = BTreeMap::new();
    for img in built(plan) {
        let Some(ctx) = contexts.get(&img.service) else {
            continue;
        };
        let r = match registry {
            Some(reg) => {
                crate::build::pushed_reference(reg, &plan.project, &img.service, &ctx.hash)
            }
            None if local => local_reference(img, ctx),
            None => {
                printer.warn(&format!(
                    "`{}` is built, and the profile sets no `kubernetes.registry`: a cluster cannot pull `{}`",
                    img.service, img.reference
                ));
                img.reference.clone()
            }
        };
        out.insert(img.service.clone(), r);
    }
    out
}

/// Builds what is needed and makes every image available to the cluster;
/// refuses (exit 2) what the cluster could not pull.
pub fn prepare(
    loaded: &Loaded,
    plan: &Plan,
    contexts: &BTreeMap<String, BuildContext>,
    printer: &Printer,
) -> Result<BTreeMap<String, String>, CommandError> {
    let k = loaded.profile.kubernetes.as_ref();
    let registry = k.and_then(|k| k.registry.clone());
    let local = k.is_some_and(|k| k.local_images);
    let built = built(plan);
    let mut images = BTreeMap::new();
    if !built.is_empty() {
        if registry.is_none() && !local {
            return Err(CommandError::Usage {
                message: "services are built, and the profile sets no `kubernetes.registry` to push them to".into(),
                hint: Some("add `registry = \"host:port/path\"` under `[kubernetes]` (or `local_images = true` when the cluster runs on this machine's engine)".into()),
            });
        }
        let opts = Options {
            registry: registry.clone(),
            ..Default::default()
        };
        let published = super::publish::publish(plan, &built, contexts, &opts, printer)?;
        if !published.failures.is_empty() {
            crate::ui::report::failures(&published.failures, printer);
            return Err(CommandError::Failed {
                message: "the images could not be made available to the cluster".into(),
                hint: None,
            });
        }
        for (service, reference, digest) in published.pushed {
            let (repo, _) = crate::docker::images::split_reference(&reference);
            images.insert(service, format!("{repo}@{digest}"));
        }
        if registry.is_none() {
            let tags: Vec<(String, String, String)> = built
                .iter()
                .filter_map(|img| {
                    let ctx = contexts.get(&img.service)?;
                    let r = local_reference(img, ctx);
                    Some((img.service.clone(), img.reference.clone(), r))
                })
                .collect();
            super::runtime()?.block_on(async {
                let d = crate::docker::connect().await?;
                for (_, from, to) in &tags {
                    crate::docker::images::tag(&d, from, to)
                        .await
                        .map_err(|e| CommandError::Other(e.into()))?;
                }
                Ok::<_, CommandError>(())
            })?;
            images.extend(tags.into_iter().map(|(s, _, r)| (s, r)));
        }
    }
    refuse_local_only(loaded, plan, printer)?;
    Ok(images)
}

/// Pulled images that this engine has but no registry does cannot reach a
/// cluster elsewhere: the push (a dry run too) stops before anything is
/// applied, unless the cluster shares this engine (`local_images`).
pub fn refuse_local_only(
    loaded: &Loaded,
    plan: &Plan,
    printer: &Printer,
) -> Result<(), CommandError> {
    if loaded
        .profile
        .kubernetes
        .as_ref()
        .is_some_and(|k| k.local_images)
    {
        return Ok(());
    }
    let pulled: Vec<String> = plan
        .images
        .iter()
        .filter(|i| matches!(i.source, ImageSource::Pull { .. }))
        .map(|i| i.reference.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if pulled.is_empty() {
        return Ok(());
    }
    let only_here = super::runtime()?.block_on(async {
        match crate::docker::connect().await {
            Ok(d) => Some(crate::docker::images::local_only(&d, &pulled).await),
            Err(_) => None,
        }
    });
    let Some(only_here) = only_here else {
        printer.detail("no Docker engine answers: images are taken to be in their registries");
        return Ok(());
    };
    if only_here.is_empty() {
        return Ok(());
    }
    Err(CommandError::Usage {
        message: format!(
            "these images exist only in this machine's engine, and a cluster cannot pull them: {}",
            only_here.join(", ")
        ),
        hint: Some("push them to a registry the cluster can reach and use that reference, or set `local_images = true` under `[kubernetes]` when the cluster runs on this engine (kind, minikube, Docker Desktop)".into()),
    })
}
