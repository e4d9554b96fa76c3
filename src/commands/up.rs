//! `itp-dev up`: observe, diff, apply, run hooks. Holds the project lock
//! throughout; Ctrl-C stops at once and leaves a state the next `up`
//! converges from (every step is idempotent, and hooks are recorded only
//! when they finish).

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::anyhow;

use super::context::Context;
use super::{CommandError, Exit};
use crate::build::BuildContext;
use crate::cli::UpArgs;
use crate::docker::apply::{self, Failure};
use crate::docker::inflight::{self, Gate};
use crate::docker::snapshot::{self, SnapshotError};
use crate::docker::{self, observe, ports};
use crate::plan::{Action, ActionKind, Plan, chosen_network, compile, diff, is_converged};
use crate::state::ProjectLock;
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn run(ctx: &Context, args: &UpArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let begun = Instant::now();
    let loaded = ctx.load()?;
    let mut plan = compile(&loaded, &ctx.host());
    if args.no_dev {
        // The dev container is left to another tool; its image is still made.
        plan.containers.retain(|c| !c.is_dev);
        for level in &mut plan.levels {
            level.retain(|s| plan.containers.iter().any(|c| &c.service == s));
        }
        plan.levels.retain(|l| !l.is_empty());
    }
    let rt = super::runtime()?;
    rt.block_on(async {
        let docker = docker::connect().await?;
        let exit = converge(&docker, &plan, args, printer, begun).await?;
        if exit == Exit::Ok && args.watch {
            return super::watch::watch(ctx, &docker, &loaded, plan, &args.timing, printer).await;
        }
        Ok(exit)
    })
}

/// Everything `up` does once the profile is compiled and the engine is
/// connected (also what `watch` runs when the profile changes or a rule
/// says `rebuild`).
pub async fn converge(
    docker: &bollard::Docker,
    plan: &Plan,
    args: &UpArgs,
    printer: &Printer,
    begun: Instant,
) -> Result<Exit, CommandError> {
    let contexts = scan_contexts(plan)?;
    let hashes = hashes_of(&contexts);
    let _lock = if args.dry_run {
        None
    } else {
        Some(
            ProjectLock::acquire(&plan.project, |pid| {
                let who = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
                printer.status(&format!(
                    "waiting for another itp-dev run on project `{}`{who} to finish…",
                    plan.project
                ));
            })
            .map_err(|e| anyhow!("could not take the project lock: {e}"))?,
        )
    };
    let view = UpView::new(printer);
    if !args.dry_run {
        inflight::settle(docker, &plan.project, &view).await;
    }
    let mut observed = snapshot::observe(docker, plan, hashes)
        .await
        .map_err(|e| match e {
            SnapshotError::Engine(e) => anyhow!("could not read the engine's state: {e}"),
            e => anyhow!("{e}"),
        })?;
    if args.no_dev {
        // Not an orphan: only out of this run's hands.
        observed
            .containers
            .retain(|c| c.service != crate::profile::validate::DEV);
    }
    let actions = diff(plan, &observed).map_err(|e| anyhow!("{e}"))?;
    if args.dry_run {
        drop(view);
        return Ok(dry_run(&actions, printer));
    }
    if let Some(exit) = check_ports(docker, plan, &actions, printer).await? {
        return Ok(exit);
    }
    let network = chosen_network(&observed).map(|n| n.id.clone());
    let opts = apply::Options {
        wait: args.wait,
        timeout: args.timeout,
    };
    let gate = Gate::new(&plan.project);
    let work = async {
        let network_id = apply::prepare(
            docker,
            plan,
            &actions,
            network.as_deref(),
            &contexts,
            &view,
            &gate,
        )
        .await?;
        let pulled = actions
            .iter()
            .any(|a| matches!(a.kind, ActionKind::Pull { .. }));
        let actions = if pulled {
            // A pull may have brought a newer image for a container that
            // would otherwise be kept: decide the containers again.
            rediff_containers(docker, plan, &hashes_of(&contexts)).await?
        } else {
            actions.clone()
        };
        let applied =
            apply::containers(docker, plan, &actions, &network_id, &opts, &view, &gate).await?;
        gate.unless_cancelled(apply::run_hooks(docker, plan, &view))
            .await
            .unwrap_or(Ok(()))
            .map_err(|f| vec![f])?;
        let (seen, stopped) = apply::not_running(docker, plan, &applied, &opts, &view)
            .await
            .map_err(|e| {
                vec![Failure::new(
                    &plan.project,
                    format!("could not list containers: {e}"),
                )]
            })?;
        if stopped.is_empty() {
            Ok(seen)
        } else {
            Err(stopped)
        }
    };
    let mut work = Box::pin(work);
    let outcome = tokio::select! {
        r = &mut work => Some(r),
        _ = interrupted() => None,
    };
    let Some(outcome) = outcome else {
        // Nothing new is sent; what was sent is awaited, so the engine is
        // left in a state the next run knows (bounded; a second Ctrl-C
        // stops at once).
        gate.cancel();
        let n = gate.in_flight();
        if n > 0 {
            printer.status(&format!(
                "finishing {n} operation{} already sent to the engine… (Ctrl-C again to stop now)",
                if n == 1 { "" } else { "s" }
            ));
        }
        tokio::select! {
            _ = &mut work => {}
            _ = tokio::time::sleep(inflight::FINISH_BOUND) => {}
            _ = interrupted() => {}
        }
        drop(work);
        drop(view);
        printer.error(
            "interrupted",
            &[],
            Some(
                "the environment may be partly up; `itp-dev up` continues from where this stopped",
            ),
        );
        return Ok(Exit::Interrupted);
    };
    drop(work);
    drop(view);
    let seen = match outcome {
        Ok(seen) => seen,
        Err(failures) => {
            report(&failures, printer);
            return Ok(Exit::Failure);
        }
    };
    summary(&seen, plan, &actions, begun, printer);
    Ok(Exit::Ok)
}

/// Ctrl-C, or a polite `kill` (SIGTERM, as CI systems send on cancel).
async fn interrupted() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        },
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

fn hashes_of(contexts: &BTreeMap<String, BuildContext>) -> BTreeMap<String, String> {
    contexts
        .iter()
        .map(|(s, c)| (s.clone(), c.hash.clone()))
        .collect()
}

async fn rediff_containers(
    docker: &bollard::Docker,
    plan: &Plan,
    hashes: &BTreeMap<String, String>,
) -> Result<Vec<Action>, Vec<Failure>> {
    let fail = |m: String| vec![Failure::new(&plan.project, m)];
    let observed = snapshot::observe(docker, plan, hashes.clone())
        .await
        .map_err(|e| fail(e.to_string()))?;
    let actions = diff(plan, &observed).map_err(|e| fail(e.to_string()))?;
    Ok(actions
        .into_iter()
        .filter(|a| {
            matches!(
                a.kind,
                ActionKind::Create { .. }
                    | ActionKind::Recreate { .. }
                    | ActionKind::Start { .. }
                    | ActionKind::Keep { .. }
            )
        })
        .collect())
}

/// Build contexts are read before anything else: their hashes decide
/// whether a build is needed, and a missing one is a profile error.
fn scan_contexts(plan: &Plan) -> Result<BTreeMap<String, BuildContext>, CommandError> {
    crate::build::scan_images(&plan.images).map_err(|e| CommandError::Other(anyhow!(e)))
}

fn dry_run(actions: &[Action], printer: &Printer) -> Exit {
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
    Exit::Ok
}

/// Fixed host ports that something else holds, found before anything
/// changes. A port held by this project's own container that is about to
/// be replaced is not a conflict.
async fn check_ports(
    docker: &bollard::Docker,
    plan: &Plan,
    actions: &[Action],
    printer: &Printer,
) -> Result<Option<Exit>, CommandError> {
    let mut wanted = Vec::new();
    let mut replaced = Vec::new();
    for a in actions {
        match &a.kind {
            ActionKind::Create { service }
            | ActionKind::Recreate { service, .. }
            | ActionKind::Start { service } => {
                if let Some(c) = plan.container(service) {
                    wanted.extend(c.ports.iter().map(|p| (service.clone(), p.clone())));
                }
                if matches!(a.kind, ActionKind::Recreate { .. }) {
                    replaced.push(service.clone());
                }
            }
            ActionKind::RemoveOrphan { service, .. } => replaced.push(service.clone()),
            _ => {}
        }
    }
    // A port held by this project's own container of the same service is
    // not a conflict: that container is kept, started, adopted or replaced.
    let conflicts = ports::conflicts(
        docker,
        &wanted,
        |b| matches!(&b.holder, Some((p, s)) if *p == plan.project && (replaced.contains(s) || *s == b.service)),
    )
    .await
    .map_err(|e| anyhow!("could not list containers: {e}"))?;
    if conflicts.is_empty() {
        return Ok(None);
    }
    let causes: Vec<String> = conflicts.iter().map(|b| b.describe()).collect();
    let hint = match conflicts.iter().find_map(|b| b.holder.clone()) {
        Some((p, _)) if p != plan.project => {
            "stop that project (`itp-dev down` in its directory), or change the host port in the profile".to_string()
        }
        _ => "stop the program using it, or change the host port in the profile (a bare container port gets a free host port)".to_string(),
    };
    if !printer.json
        && let Some(located) = locate_ports(plan, &conflicts, printer.color)
    {
        printer.diagnostics(&located);
    }
    printer.error(
        "host ports are in use; nothing was started",
        &causes,
        Some(&hint),
    );
    Ok(Some(Exit::Failure))
}

/// Each busy port pointed at in the profile (`file:line:col`), when the
/// profile is the usual `itp-dev.toml` beside the project.
fn locate_ports(plan: &Plan, conflicts: &[ports::Busy], color: bool) -> Option<String> {
    use crate::profile::diagnostic::{Diagnostic, render};
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
    (!diags.is_empty()).then(|| render(&source, &diags, color))
}

pub fn report(failures: &[Failure], printer: &Printer) {
    for f in failures {
        let mut causes = Vec::new();
        if !f.lines.is_empty() {
            causes.push("its last output:".to_string());
            causes.extend(f.lines.iter().map(|l| format!("  {l}")));
        }
        printer.error(
            &format!("{}: {}", f.subject, f.message),
            &causes,
            f.hint.as_deref(),
        );
    }
}

fn summary(
    seen: &[observe::ContainerView],
    plan: &Plan,
    actions: &[Action],
    begun: Instant,
    printer: &Printer,
) {
    let running: Vec<&observe::ContainerView> =
        seen.iter().filter(|c| c.state == "running").collect();
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
