//! Converging the engine to a plan: what `up` does once the profile is
//! compiled and the engine connected (and what `watch` runs when the
//! profile changes or a rule says `rebuild`). Holds the project lock
//! throughout; never prints: progress goes to the `Sink`, the outcome is a
//! [`Converged`] value the caller shows.
//!
//! Ctrl-C (or SIGTERM) cancels the run's [`Gate`]: nothing new is sent, and
//! the requests already sent are awaited (bounded) before it returns
//! [`Converged::Interrupted`], so the engine is left in a state the next
//! run knows.

use std::collections::BTreeMap;
use std::time::Duration;

use bollard::Docker;

use super::apply::{self, Failure};
use super::inflight::{self, Gate};
use super::observe::ContainerView;
use super::ports::{self, Busy};
use super::snapshot::{self, SnapshotError};
use crate::build::BuildContext;
use crate::events::{Event, Sink};
use crate::plan::{Action, ActionKind, DiffError, Plan, chosen_network, diff};
use crate::state::ProjectLock;

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Decide and report, change nothing (no lock is taken).
    pub dry_run: bool,
    /// The dev container is another tool's: leave it out of the diff.
    pub no_dev: bool,
    /// Wait for every service with a healthcheck, not only those a
    /// dependency needs healthy.
    pub wait: bool,
    /// Overrides each health wait's bound.
    pub timeout: Option<Duration>,
}

/// How a converge ended.
#[derive(Debug)]
pub enum Converged {
    /// Everything is as planned: the actions taken and the containers seen.
    Done {
        actions: Vec<Action>,
        seen: Vec<ContainerView>,
    },
    /// `dry_run`: what would be done.
    DryRun { actions: Vec<Action> },
    /// Fixed host ports someone else holds; nothing was changed.
    PortsBusy { conflicts: Vec<Busy> },
    /// Something failed; each failure carries what explains it.
    Failed { failures: Vec<Failure> },
    /// Ctrl-C or SIGTERM; the requests already sent were finished.
    Interrupted,
}

#[derive(Debug, thiserror::Error)]
pub enum ConvergeError {
    /// A build context could not be read (a profile problem).
    #[error(transparent)]
    Contexts(#[from] crate::build::ScanError),
    #[error("could not take the project lock")]
    Lock(#[source] std::io::Error),
    #[error("could not read the engine's state")]
    Observe(#[source] bollard::errors::Error),
    #[error(transparent)]
    ForeignNetwork(SnapshotError),
    #[error(transparent)]
    Diff(#[from] DiffError),
    #[error("could not list containers")]
    Ports(#[source] bollard::errors::Error),
}

impl From<SnapshotError> for ConvergeError {
    fn from(e: SnapshotError) -> Self {
        match e {
            SnapshotError::Engine(e) => ConvergeError::Observe(e),
            e => ConvergeError::ForeignNetwork(e),
        }
    }
}

pub async fn converge(
    docker: &Docker,
    plan: &Plan,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<Converged, ConvergeError> {
    // Build contexts are read before anything else: their hashes decide
    // whether a build is needed, and a missing one is a profile error.
    let contexts = crate::build::scan_images(&plan.images)?;
    let hashes = hashes_of(&contexts);
    let _lock = if opts.dry_run {
        None
    } else {
        Some(
            ProjectLock::acquire_saying(&plan.project, |m| {
                sink.emit(Event::Info {
                    message: m.to_string(),
                })
            })
            .map_err(ConvergeError::Lock)?,
        )
    };
    if !opts.dry_run {
        inflight::settle(docker, &plan.project, sink).await;
    }
    let mut observed = snapshot::observe(docker, plan, hashes).await?;
    if opts.no_dev {
        // Not an orphan: only out of this run's hands.
        observed
            .containers
            .retain(|c| c.service != crate::profile::validate::DEV);
    }
    let actions = diff(plan, &observed)?;
    if opts.dry_run {
        return Ok(Converged::DryRun { actions });
    }
    let conflicts = busy_ports(docker, plan, &actions)
        .await
        .map_err(ConvergeError::Ports)?;
    if !conflicts.is_empty() {
        return Ok(Converged::PortsBusy { conflicts });
    }
    let network = chosen_network(&observed).map(|n| n.id.clone());
    let apply_opts = apply::Options {
        wait: opts.wait,
        timeout: opts.timeout,
    };
    // Everything so far (the profile, the engine, the plan, what runs) is
    // one phase of the timeline.
    crate::timeline::since_start("prepare", "read the profile, reach the engine, compare");
    let gate = Gate::new(&plan.project);
    let work = async {
        let network_id = apply::prepare(
            docker,
            plan,
            &actions,
            network.as_deref(),
            &contexts,
            sink,
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
        let applied = apply::containers(
            docker,
            plan,
            &actions,
            &network_id,
            &apply_opts,
            sink,
            &gate,
        )
        .await?;
        gate.unless_cancelled(apply::run_hooks(docker, plan, sink))
            .await
            .unwrap_or(Ok(()))
            .map_err(|f| vec![f])?;
        // Cancellable: it may wait minutes for a one-shot task to end.
        let Some(checked) = gate
            .unless_cancelled(apply::not_running(
                docker,
                plan,
                &applied,
                &apply_opts,
                sink,
            ))
            .await
        else {
            return Err(vec![]);
        };
        let (seen, stopped) = checked.map_err(|e| {
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
            sink.emit(Event::Info {
                message: format!(
                    "finishing {n} operation{} already sent to the engine… (Ctrl-C again to stop now)",
                    if n == 1 { "" } else { "s" }
                ),
            });
        }
        tokio::select! {
            _ = &mut work => {}
            _ = tokio::time::sleep(inflight::FINISH_BOUND) => {}
            _ = interrupted() => {}
        }
        return Ok(Converged::Interrupted);
    };
    drop(work);
    Ok(match outcome {
        Ok(seen) => Converged::Done { actions, seen },
        Err(failures) => Converged::Failed { failures },
    })
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
    docker: &Docker,
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

/// Fixed host ports that something else holds, found before anything
/// changes. A port held by this project's own container that is about to
/// be replaced, or of the same service (kept, started, adopted or
/// replaced), is not a conflict.
async fn busy_ports(
    docker: &Docker,
    plan: &Plan,
    actions: &[Action],
) -> Result<Vec<Busy>, bollard::errors::Error> {
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
    ports::conflicts(docker, &wanted, |b| {
        matches!(&b.holder, Some((p, s)) if *p == plan.project && (replaced.contains(s) || *s == b.service))
    })
    .await
}
