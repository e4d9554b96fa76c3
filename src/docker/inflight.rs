//! Engine requests in flight, so that an interruption never leaves one
//! unknown to the next run.
//!
//! The engine finishes a request even when the client that sent it is
//! gone: a container create sent just before Ctrl-C or kill -9 lands
//! seconds later (the vfs driver copies the image first). So:
//! - Ctrl-C: [`Gate::cancel`] stops new requests from being sent, and the
//!   command waits (bounded) for those already sent to come back, so it
//!   exits knowing what exists.
//! - kill -9 cannot be caught: every mutating request is written to a
//!   journal in the state directory before it is sent and struck off when
//!   it returns. The next `up` or `down`, holding the project lock (so the
//!   writer is gone), calls [`settle`] first: it waits, bounded, until what
//!   the dead run left in flight has landed, then looks at the engine.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::query_parameters::ListNetworksOptionsBuilder;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::errors::is_not_found;
use crate::events::{Event, Sink};

/// A mutating request, by the name of what it acts on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "name", rename_all = "snake_case")]
pub enum Pending {
    CreateNetwork(String),
    CreateVolume(String),
    CreateContainer(String),
    StartContainer(String),
    StopContainer(String),
    RemoveContainer(String),
    RemoveNetwork(String),
    /// A container taken off a network (by network id).
    DisconnectNetwork(String),
}

impl Pending {
    fn describe(&self) -> String {
        match self {
            Pending::CreateNetwork(n) => format!("create network {n}"),
            Pending::CreateVolume(n) => format!("create volume {n}"),
            Pending::CreateContainer(n) => format!("create container {n}"),
            Pending::StartContainer(n) => format!("start container {n}"),
            Pending::StopContainer(n) => format!("stop container {n}"),
            Pending::RemoveContainer(n) => format!("remove container {n}"),
            Pending::RemoveNetwork(n) => format!("remove network {n}"),
            Pending::DisconnectNetwork(n) => format!("disconnect from network {n}"),
        }
    }
}

/// How long a run waits for requests already sent: its own after Ctrl-C,
/// or a dead run's before it starts. A create on the vfs driver copies the
/// whole image, which takes seconds for a large one.
pub const FINISH_BOUND: Duration = Duration::from_secs(30);

#[derive(Debug, Default, Serialize, Deserialize)]
struct JournalFile {
    pid: u32,
    entries: Vec<(u64, Pending)>,
}

/// The record on disk of what this run has sent and not yet seen answered.
struct Journal {
    path: PathBuf,
    file: JournalFile,
    next: u64,
}

impl Journal {
    fn write(&self) {
        // Best effort: without a state directory, Ctrl-C still works; only
        // kill -9 loses the record.
        let tmp = self.path.with_extension("json.tmp");
        if self.file.entries.is_empty() {
            let _ = std::fs::remove_file(&self.path);
            return;
        }
        let bytes = serde_json::to_vec(&self.file).expect("serializes");
        if std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(tmp, &self.path);
        }
    }
}

fn journal_path(project: &str) -> Option<PathBuf> {
    crate::state::project_dir(project)
        .ok()
        .map(|d| d.join("inflight.json"))
}

/// What a run may send, and what it has sent.
pub struct Gate {
    cancel: watch::Sender<bool>,
    in_flight: AtomicUsize,
    journal: Option<Mutex<Journal>>,
}

impl Gate {
    /// A gate that journals to the project's state directory. Call it only
    /// while holding the project lock.
    pub fn new(project: &str) -> Gate {
        Gate {
            cancel: watch::Sender::new(false),
            in_flight: AtomicUsize::new(0),
            journal: journal_path(project).map(|path| {
                Mutex::new(Journal {
                    path,
                    file: JournalFile {
                        pid: std::process::id(),
                        entries: vec![],
                    },
                    next: 0,
                })
            }),
        }
    }

    /// A gate that journals nothing (dry runs, tests of the pure parts).
    pub fn unjournaled() -> Gate {
        Gate {
            cancel: watch::Sender::new(false),
            in_flight: AtomicUsize::new(0),
            journal: None,
        }
    }

    pub fn cancel(&self) {
        self.cancel.send_replace(true);
    }

    pub fn is_cancelled(&self) -> bool {
        *self.cancel.borrow()
    }

    /// Requests sent and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Sends a mutating request unless the run was cancelled (`None`). Once
    /// sent, it is awaited to the end: cancelling never abandons it.
    pub async fn send<T>(&self, what: Pending, request: impl Future<Output = T>) -> Option<T> {
        if self.is_cancelled() {
            return None;
        }
        let seq = self.journal.as_ref().map(|j| {
            let mut j = j.lock().expect("not poisoned");
            j.next += 1;
            let seq = j.next;
            j.file.entries.push((seq, what));
            j.write();
            seq
        });
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let out = request.await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        if let (Some(j), Some(seq)) = (&self.journal, seq) {
            let mut j = j.lock().expect("not poisoned");
            j.file.entries.retain(|(s, _)| *s != seq);
            j.write();
        }
        Some(out)
    }

    /// Work that may be dropped half-way without leaving anything unknown
    /// (health waits, pulls and builds the engine cancels with the
    /// connection, hooks that are recorded only when they finish): `None`
    /// once the run is cancelled.
    pub async fn unless_cancelled<T>(&self, work: impl Future<Output = T>) -> Option<T> {
        let mut rx = self.cancel.subscribe();
        tokio::select! {
            out = work => Some(out),
            _ = rx.wait_for(|c| *c) => None,
        }
    }
}

/// Waits until the requests a dead run left in flight have landed (or
/// `FINISH_BOUND` passes), then clears its journal. Call it holding the
/// project lock, before observing the engine.
pub async fn settle(docker: &Docker, project: &str, sink: &dyn Sink) {
    let Some(path) = journal_path(project) else {
        return;
    };
    let Some(left) = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<JournalFile>(&b).ok())
    else {
        let _ = std::fs::remove_file(&path);
        return;
    };
    if left.entries.is_empty() || left.pid == std::process::id() {
        let _ = std::fs::remove_file(&path);
        return;
    }
    let pending: Vec<Pending> = left.entries.into_iter().map(|(_, p)| p).collect();
    sink.emit(Event::Info {
        message: format!(
            "an interrupted run (pid {}) left {} request{} with the engine: {}; waiting for {} to land",
            left.pid,
            pending.len(),
            if pending.len() == 1 { "" } else { "s" },
            pending
                .iter()
                .map(Pending::describe)
                .collect::<Vec<_>>()
                .join(", "),
            if pending.len() == 1 { "it" } else { "them" },
        ),
    });
    let deadline = Instant::now() + FINISH_BOUND;
    let mut waiting = pending;
    while !waiting.is_empty() && Instant::now() < deadline {
        let mut still = Vec::new();
        for p in waiting {
            if !landed(docker, &p).await {
                still.push(p);
            }
        }
        waiting = still;
        if !waiting.is_empty() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    if !waiting.is_empty() {
        sink.emit(Event::Notice {
            message: format!(
                "gave up waiting after {}s for: {} (it may never have reached the engine)",
                FINISH_BOUND.as_secs(),
                waiting
                    .iter()
                    .map(Pending::describe)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let _ = std::fs::remove_file(&path);
}

/// True once the engine shows the request's effect.
async fn landed(docker: &Docker, p: &Pending) -> bool {
    match p {
        Pending::CreateContainer(name) => super::inspect::container(docker, name).await.is_ok(),
        // A start that landed leaves "created" behind (running, or exited).
        Pending::StartContainer(name) => match super::inspect::container(docker, name).await {
            Ok(c) => c
                .state
                .and_then(|s| s.status)
                .is_some_and(|s| s.to_string() != "created"),
            Err(e) => is_not_found(&e),
        },
        Pending::StopContainer(name) => match super::inspect::container(docker, name).await {
            Ok(c) => !c.state.and_then(|s| s.running).unwrap_or(false),
            Err(e) => is_not_found(&e),
        },
        Pending::RemoveContainer(name) => matches!(
            super::inspect::container(docker, name).await,
            Err(e) if is_not_found(&e)
        ),
        Pending::CreateNetwork(name) => {
            let filters = std::collections::HashMap::from([("name", vec![name.clone()])]);
            docker
                .list_networks(Some(
                    ListNetworksOptionsBuilder::new().filters(&filters).build(),
                ))
                .await
                .is_ok_and(|l| l.iter().any(|n| n.name.as_deref() == Some(name)))
        }
        Pending::RemoveNetwork(id) => matches!(
            docker.inspect_network(id, None).await,
            Err(e) if is_not_found(&e)
        ),
        // Creating a volume that exists, or disconnecting what is no longer
        // connected, is harmless: nothing to wait for.
        Pending::CreateVolume(_) | Pending::DisconnectNetwork(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_cancelled_gate_sends_nothing_and_abandons_waits() {
        let g = Gate::unjournaled();
        assert_eq!(
            g.send(Pending::CreateVolume("v".into()), async { 1 }).await,
            Some(1)
        );
        g.cancel();
        assert_eq!(
            g.send(Pending::CreateVolume("v".into()), async { 2 }).await,
            None
        );
        let forever = std::future::pending::<()>();
        assert_eq!(g.unless_cancelled(forever).await, None);
    }

    #[tokio::test]
    async fn a_request_in_flight_is_finished_and_counted() {
        let g = std::sync::Arc::new(Gate::unjournaled());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let g2 = g.clone();
        let sent = tokio::spawn(async move {
            g2.send(Pending::CreateContainer("c".into()), async {
                rx.await.ok();
                "done"
            })
            .await
        });
        while g.in_flight() == 0 {
            tokio::task::yield_now().await;
        }
        g.cancel();
        assert_eq!(g.in_flight(), 1, "cancelling does not drop what was sent");
        tx.send(()).unwrap();
        assert_eq!(sent.await.unwrap(), Some("done"));
        assert_eq!(g.in_flight(), 0);
    }
}
