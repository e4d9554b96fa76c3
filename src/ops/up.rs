//! Bringing the environment up (for `up`, and for `shell`, `init`, `code`
//! and `ide` when it is not running), and showing how a converge ended:
//! the dry run's actions, busy ports pointed at in the profile, failures
//! with their last lines, or the summary.

use std::collections::BTreeMap;
use std::time::Instant;

use super::context::Context;
use super::{CommandError, Exit};
use crate::docker::converge::{self, Converged};
use crate::docker::observe::ContainerView;
use crate::docker::ports::Busy;
use crate::docker::{self, Docker};
use crate::plan::{Action, Plan, compile, is_converged};
use crate::ui::Printer;
use crate::ui::progress::UpView;

/// Load, compile, connect and converge; then, when asked and all went
/// well, watch.
pub fn up(
    ctx: &Context,
    opts: &converge::Options,
    watch: Option<crate::watch::run::Options>,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    let begun = Instant::now();
    // A dry run changes nothing: it needs no approval.
    let loaded = if opts.dry_run {
        ctx.load()?
    } else {
        ctx.load_trusted(printer)?
    };
    let mut plan = compile(&loaded, &ctx.host());
    if !opts.dry_run {
        make_missing_bind_sources(&plan, printer);
    }
    if opts.no_dev {
        // The dev container is left to another tool; its image is still made.
        plan.containers.retain(|c| !c.is_dev);
        for level in &mut plan.levels {
            level.retain(|s| plan.containers.iter().any(|c| &c.service == s));
        }
        plan.levels.retain(|l| !l.is_empty());
    }
    super::runtime()?.block_on(async {
        let docker = docker::connect().await?;
        let exit = converge_and_show(&docker, &plan, opts, printer, begun).await?;
        if !opts.dry_run {
            super::timings::conclude(exit != Exit::Ok, printer);
        }
        match watch {
            Some(timing) if exit == Exit::Ok => {
                super::watch::watch(ctx, &docker, &loaded, plan, timing, printer).await
            }
            _ => Ok(exit),
        }
    })
}

/// A bind mount's source that does not exist yet is made, an empty
/// directory, as compose makes it (the engine refuses a missing one).
fn make_missing_bind_sources(plan: &Plan, printer: &Printer) {
    for c in &plan.containers {
        for m in &c.mounts {
            let path = std::path::Path::new(&m.source);
            if m.kind == crate::plan::MountKind::Bind && !path.exists() {
                match std::fs::create_dir_all(path) {
                    Ok(()) => printer.status(&format!(
                        "created {} for `{}` (a bind mount source that did not exist)",
                        path.display(),
                        c.service
                    )),
                    Err(e) => printer.warn(&format!("could not create {}: {e}", path.display())),
                }
            }
        }
    }
}

/// Converges with progress drawn as it goes, then shows the outcome.
pub async fn converge_and_show(
    docker: &Docker,
    plan: &Plan,
    opts: &converge::Options,
    printer: &Printer,
    begun: Instant,
) -> Result<Exit, CommandError> {
    let view = UpView::new(printer);
    let converged = converge::converge(docker, plan, opts, &view).await;
    drop(view);
    let converged = converged.map_err(|e| CommandError::Other(anyhow::Error::new(e)))?;
    let _span = crate::timeline::span("report", None, || "report the outcome".into());
    let exit = show(&converged, plan, begun, printer);
    if let Converged::Done { actions, .. } = &converged
        && others_kept_running(actions)
        && let Some((interface, false)) =
            crate::docker::podman::bridge_keeps_mac(&plan.network).await
    {
        printer.warn(&format!(
            "the containers that kept running may not resolve names for up to a minute: Podman's bridge `{interface}` takes the MAC address of its containers (netavark before 1.9); `itp-dev doctor` gives the fix"
        ));
    }
    Ok(exit)
}

/// Whether this run added, replaced, started or removed a container while
/// another kept running: the one whose ARP cache can go stale when the
/// bridge's MAC moves (`docker::podman::bridge_keeps_mac`).
fn others_kept_running(actions: &[Action]) -> bool {
    use crate::plan::ActionKind as K;
    let changed = actions.iter().any(|a| {
        matches!(
            a.kind,
            K::Create { .. } | K::Recreate { .. } | K::Start { .. } | K::RemoveOrphan { .. }
        )
    });
    changed && actions.iter().any(|a| matches!(a.kind, K::Keep { .. }))
}

fn show(converged: &Converged, plan: &Plan, begun: Instant, printer: &Printer) -> Exit {
    match converged {
        Converged::Done { actions, seen } => {
            summary(seen, plan, actions, begun, printer);
            Exit::Ok
        }
        Converged::DryRun { actions } => {
            dry_run(actions, printer);
            Exit::Ok
        }
        Converged::PortsBusy { conflicts } => {
            ports_busy(plan, conflicts, printer);
            Exit::Failure
        }
        Converged::Failed { failures } => {
            crate::ui::report::failures(failures, printer);
            Exit::Failure
        }
        Converged::Interrupted => {
            printer.error(
                "interrupted",
                &[],
                Some(
                    "the environment may be partly up; `itp-dev up` continues from where this stopped",
                ),
            );
            Exit::Interrupted
        }
    }
}

fn dry_run(actions: &[Action], printer: &Printer) {
    if printer.json {
        printer.out_json(&serde_json::json!({
            "converged": is_converged(actions),
            "actions": actions,
        }));
    } else if is_converged(actions) {
        printer.out("nothing to do: everything is up to date");
    } else {
        let text: Vec<String> = actions.iter().map(|a| a.to_string()).collect();
        printer.out(&text.join("\n"));
    }
}

fn ports_busy(plan: &Plan, conflicts: &[Busy], printer: &Printer) {
    let causes: Vec<String> = conflicts.iter().map(|b| b.describe()).collect();
    let hint = match conflicts.iter().find_map(|b| b.holder.clone()) {
        Some((p, _)) if p != plan.project => {
            "stop that project (`itp-dev down` in its directory), or change the host port in the profile".to_string()
        }
        _ => "stop the program using it, or change the host port in the profile (a bare container port gets a free host port)".to_string(),
    };
    if !printer.json
        && let Some((source, diags)) = locate_ports(plan, conflicts)
    {
        printer.diagnostics(&source, &diags);
    }
    printer.error(
        "host ports are in use; nothing was started",
        &causes,
        Some(&hint),
    );
}

/// Each busy port pointed at in the profile (`file:line:col`), when the
/// profile is the usual `itp-dev.toml` beside the project.
fn locate_ports(
    plan: &Plan,
    conflicts: &[Busy],
) -> Option<(
    crate::profile::source::SourceFile,
    Vec<crate::profile::diagnostic::Diagnostic>,
)> {
    use crate::profile::diagnostic::Diagnostic;
    use crate::profile::discover::FILE_NAME;
    let path = plan.project_dir.join(FILE_NAME);
    let text = std::fs::read_to_string(&path).ok()?;
    let node = crate::profile::tree::parse(&text).ok()?;
    let diags: Vec<Diagnostic> = conflicts
        .iter()
        .filter_map(|b| {
            let c = plan.container(&b.service)?;
            let i = c.ports.iter().position(|p| *p == b.spec)?;
            let at = if c.is_dev {
                crate::path!["dev", "ports", i]
            } else {
                crate::path!["services", b.service.as_str(), "ports", i]
            };
            Some(Diagnostic::new(b.describe()).at(node.span_of(&at), "this host port is taken"))
        })
        .collect();
    let source = crate::profile::source::SourceFile::new(path, FILE_NAME.to_string(), text);
    (!diags.is_empty()).then_some((source, diags))
}

fn summary(
    seen: &[ContainerView],
    plan: &Plan,
    actions: &[Action],
    begun: Instant,
    printer: &Printer,
) {
    let running: Vec<&ContainerView> = seen.iter().filter(|c| c.state == "running").collect();
    let ms = begun.elapsed().as_millis() as u64;
    if printer.json {
        printer.event(
            "up",
            &serde_json::json!({
                "project": plan.project,
                "changed": !is_converged(actions),
                "services": running.iter().map(|c| &c.service).collect::<Vec<_>>(),
                "ports": running.iter().map(|c| (c.service.clone(), c.ports.clone())).collect::<BTreeMap<_, _>>(),
                "ms": ms,
            }),
        );
        return;
    }
    let what = if is_converged(actions) {
        "up to date"
    } else {
        "up"
    };
    printer.status(&format!(
        "{} {what}: {} of {} services running ({ms} ms)",
        plan.project,
        running.len(),
        plan.containers.len()
    ));
    for c in running {
        for p in &c.ports {
            printer.status(&format!(
                "  {:<12} {}:{} -> {}/{}",
                c.service, p.host_ip, p.host_port, p.container_port, p.protocol
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::others_kept_running;
    use crate::plan::{Action, ActionKind};

    fn action(kind: ActionKind) -> Action {
        Action {
            kind,
            reason: String::new(),
        }
    }

    #[test]
    fn a_stale_gateway_is_possible_only_where_a_container_was_kept() {
        let keep = || {
            action(ActionKind::Keep {
                service: "dev".into(),
            })
        };
        let recreate = || {
            action(ActionKind::Recreate {
                service: "db".into(),
                changed: vec!["env".into()],
            })
        };
        assert!(others_kept_running(&[recreate(), keep()]));
        // All new (a first `up`), or nothing changed: nobody holds an old MAC.
        assert!(!others_kept_running(&[
            action(ActionKind::Create {
                service: "db".into()
            }),
            action(ActionKind::Create {
                service: "dev".into()
            }),
        ]));
        assert!(!others_kept_running(&[keep(), keep()]));
    }
}
