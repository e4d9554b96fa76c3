//! `itp-dev doctor`: what is wrong with this machine for this profile, and
//! how to fix it. Exit 0 only when no check fails.

use super::context::Context;
use super::{CommandError, Exit};
use crate::doctor::checks::*;
use crate::doctor::{Check, Status};
use crate::plan::compile;
use crate::profile::LoadError;
use crate::ui::Printer;

pub fn run(ctx: &Context, printer: &Printer) -> Result<Exit, CommandError> {
    let mut checks = Vec::new();
    checks.push(socket());
    let loaded = match ctx.load() {
        Ok(l) => {
            checks.push(Check::new(
                "profile",
                Status::Pass,
                format!("{} is valid", l.source.display),
            ));
            checks.extend(reach(ctx, &l));
            Some(l)
        }
        Err(LoadError::Invalid { file, diagnostics }) => {
            checks.push(
                Check::new(
                    "profile",
                    Status::Fail,
                    format!("{} has {} problem(s)", file.display, diagnostics.len()),
                )
                .fix("`itp-dev validate` shows each with its line and column"),
            );
            None
        }
        Err(e) => {
            checks.push(
                Check::new("profile", Status::Fail, e.to_string()).fix(
                    e.hint()
                        .unwrap_or_else(|| "run `itp-dev init` to write one".into()),
                ),
            );
            None
        }
    };
    let plan = loaded.as_ref().map(|l| compile(l, &ctx.host()));
    let rt = super::runtime()?;
    rt.block_on(async {
        match crate::docker::connect().await {
            Err(e) => {
                checks.push(Check::new("engine", Status::Fail, e.to_string()).fix(e.hint()));
                checks.push(Check::new("disk", Status::Skip, "needs the engine"));
            }
            Ok(d) => {
                checks.extend(engine(&d).await);
                if let Some(plan) = &plan {
                    checks.extend(ports(&d, plan).await);
                    checks.push(network(&d, plan).await);
                    checks.extend(bridge(plan).await);
                    let root = loaded
                        .as_ref()
                        .and_then(|l| l.source.path.parent().map(|p| p.to_path_buf()))
                        .unwrap_or_default();
                    checks.extend(images(&d, plan, &root).await);
                }
            }
        }
    });
    if let (Some(l), Some(plan)) = (&loaded, &plan) {
        checks.push(inotify(l, plan));
        checks.extend(contexts(plan));
        let (mut k8s, reach) = kubernetes(&ctx.load.env, l);
        if let Some(context) = reach {
            let ns = crate::k8s::namespace(&ctx.load.env, l, None);
            k8s.extend(rt.block_on(kube_api(context, &ns)));
        }
        checks.extend(k8s);
    }
    let failed = checks.iter().any(|c| c.status == Status::Fail);
    if printer.json {
        printer.out_json(&serde_json::json!({ "ok": !failed, "checks": checks }));
    } else {
        for c in &checks {
            let mark = match c.status {
                Status::Pass => "✓",
                Status::Warn => "!",
                Status::Fail => "✗",
                Status::Skip => "-",
            };
            let mut line = format!("{mark} {:<14} {}", c.name, c.message);
            if let Some(f) = &c.fix {
                line.push_str(&format!("\n  {:<14} fix: {f}", ""));
            }
            printer.out(&line);
        }
    }
    Ok(if failed { Exit::Failure } else { Exit::Ok })
}

/// The profile's host-reaching parts, each a warning with its place, and
/// whether this repository has approved them.
fn reach(ctx: &Context, l: &crate::profile::Loaded) -> Vec<Check> {
    if l.reach.is_empty() {
        return vec![];
    }
    let approved = crate::ops::trust::allowed(ctx, l);
    crate::ops::trust::parts_json(l)
        .into_iter()
        .map(|p| {
            let place = format!(
                "{}:{}:{}",
                p["file"].as_str().unwrap_or_default(),
                p["line"],
                p["column"]
            );
            let c = Check::new(
                "host access",
                Status::Warn,
                format!(
                    "{place} {}: {}",
                    p["at"].as_str().unwrap_or_default(),
                    p["what"].as_str().unwrap_or_default()
                ),
            );
            if approved {
                c.fix("approved for this repository (`itp-dev trust --revoke` withdraws it)")
            } else {
                c.fix("not approved yet: check it, then `itp-dev trust`")
            }
        })
        .collect()
}

/// Each image the profile needs and how `up` gets it: here, pulled, or
/// built (and whether the build's base images are here or pulled first).
async fn images(
    d: &crate::docker::Docker,
    plan: &crate::plan::Plan,
    root: &std::path::Path,
) -> Vec<Check> {
    use crate::docker::origins::{Origin, describe, needed};
    needed(d, plan)
        .await
        .into_iter()
        .map(|n| {
            let line = describe(&n, root);
            match &n.origin {
                Origin::Build { bases, .. } if bases.iter().any(|(_, here)| !here) => {
                    Check::new("image", Status::Warn, line).fix(
                        "`up` pulls the base first; without registry access, load it (`docker load`) before `up`",
                    )
                }
                Origin::Pull => Check::new("image", Status::Warn, line)
                    .fix("`up` pulls it; without registry access, load it (`docker load`) first"),
                _ => Check::new("image", Status::Pass, line),
            }
        })
        .collect()
}
