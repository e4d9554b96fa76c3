//! `itp-dev k8s …`: the profile in a Kubernetes namespace. `render` prints
//! the manifests.

use std::collections::BTreeMap;

use super::context::Context;
use super::{CommandError, Exit};
use crate::build::BuildContext;
use crate::cli::{K8sCommand, K8sRenderArgs};
use crate::k8s::render::{self, Inputs};
use crate::plan::{ImageSource, Plan, compile};
use crate::profile::Loaded;
use crate::profile::specs::to_dns_label;
use crate::ui::Printer;

/// Tag length of images pushed by content hash (as `build --push`).
const TAG_LEN: usize = 12;

pub fn run(ctx: &Context, cmd: &K8sCommand, printer: &Printer) -> Result<Exit, CommandError> {
    match cmd {
        K8sCommand::Render(args) => render_cmd(ctx, args, printer),
    }
}

pub fn namespace(ctx: &Context, loaded: &Loaded, flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| {
            loaded
                .profile
                .kubernetes
                .as_ref()
                .and_then(|k| k.namespace.clone())
        })
        .unwrap_or_else(|| {
            let user = ctx
                .load
                .env
                .get("USER")
                .map(String::as_str)
                .unwrap_or("user");
            to_dns_label(&format!("itp-{}-{user}", loaded.project))
        })
}

/// The image each container runs in the cluster: pulled ones as they are,
/// built ones under `kubernetes.registry`, tagged by content hash.
pub fn images(
    loaded: &Loaded,
    plan: &Plan,
    printer: &Printer,
) -> Result<BTreeMap<String, String>, CommandError> {
    let registry = loaded
        .profile
        .kubernetes
        .as_ref()
        .and_then(|k| k.registry.clone());
    let mut out = BTreeMap::new();
    for img in &plan.images {
        if let ImageSource::Build {
            context,
            dockerfile,
            target,
            args,
            ..
        } = &img.source
        {
            let c = BuildContext::scan(context, dockerfile, target.as_deref(), args)
                .map_err(|e| anyhow::anyhow!("build context of `{}`: {e}", img.service))?;
            let r = match &registry {
                Some(reg) => format!(
                    "{}/{}-{}:{}",
                    reg.trim_end_matches('/'),
                    plan.project,
                    img.service,
                    &c.hash[..TAG_LEN]
                ),
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
    }
    Ok(out)
}

fn render_cmd(
    ctx: &Context,
    args: &K8sRenderArgs,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let ns = namespace(ctx, &loaded, args.namespace.as_deref());
    let images = images(&loaded, &plan, printer)?;
    let resources = loaded
        .profile
        .services
        .iter()
        .filter_map(|(n, s)| Some((n.clone(), s.resources.clone()?)))
        .collect();
    let k = loaded.profile.kubernetes.as_ref();
    let objects = render::render(
        &plan,
        &Inputs {
            namespace: &ns,
            images: &images,
            resources: &resources,
            storage_class: k.and_then(|k| k.storage_class.as_deref()),
            ttl: k.and_then(|k| k.ttl.as_deref()),
            reveal_secrets: false,
        },
    );
    match &args.out {
        None => printer.out(render::to_yaml(&objects).trim_end()),
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            for (i, o) in objects.iter().enumerate() {
                let path = dir.join(format!(
                    "{i:02}-{}-{}.yaml",
                    o.kind().to_lowercase(),
                    o.name()
                ));
                std::fs::write(&path, render::to_yaml(std::slice::from_ref(o)))
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            }
            printer.status(&format!(
                "wrote {} manifests to {}",
                objects.len(),
                dir.display()
            ));
        }
    }
    Ok(Exit::Ok)
}
