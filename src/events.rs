//! What a backend (the Docker engine, a Kubernetes cluster, the file
//! watcher) reports while it works, and what it reports when something
//! fails. Backends never print: they hand events to a `Sink`, and the UI
//! decides how they look (progress bars on a terminal, lines in a pipe,
//! NDJSON under `--json`). Nothing here knows any backend.

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// An action of the plan begins.
    Begin {
        action: &'static str,
        subject: String,
        reason: String,
    },
    /// It ended well.
    Done {
        action: &'static str,
        subject: String,
        ms: u64,
    },
    /// One layer of a pull moved on.
    Pull {
        reference: String,
        layer: String,
        status: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        current: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
    },
    /// A push moved on.
    Push {
        reference: String,
        layer: String,
        status: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        current: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
    },
    /// A line of build output.
    Build {
        service: String,
        reference: String,
        line: String,
    },
    /// A service waits for a dependency to reach a condition.
    Waiting {
        service: String,
        dependency: String,
        condition: &'static str,
    },
    Healthy {
        service: String,
        ms: u64,
    },
    /// A health wait goes on (every few seconds, so a hung check is seen).
    HealthWait {
        service: String,
        /// Waited so far.
        ms: u64,
        /// The most the wait may still take.
        left_ms: u64,
    },
    Hook {
        service: String,
        hook: &'static str,
        command: String,
    },
    /// A line a hook wrote (stdout and stderr both, in order).
    HookOutput {
        service: String,
        hook: &'static str,
        line: String,
    },
    HookDone {
        service: String,
        hook: &'static str,
        exit_code: i64,
        ms: u64,
    },
    /// A problem worth knowing that does not stop the command (`warning`).
    #[serde(rename = "warning")]
    Notice {
        message: String,
    },
    /// Something the user may like to know; not a problem.
    Info {
        message: String,
    },
    /// `k8s push` applied an object (`Kind/name`).
    Applied {
        object: String,
        outcome: ApplyOutcome,
        dry_run: bool,
    },
    /// `k8s push` deleted an object of itp-dev's no longer planned.
    Pruned {
        object: String,
        dry_run: bool,
    },
    /// A workload's rollout moved on (`ready`, or `N/1 ready`).
    Rollout {
        workload: String,
        state: String,
    },
    /// `watch` acted on a batch of changes (or a rescan).
    Batch {
        rule: usize,
        action: &'static str,
        service: String,
        /// Files sent (sync) or that triggered the action.
        files: usize,
        removed: usize,
        rescan: bool,
        /// Time the action took.
        ms: u64,
        /// From the batch's first file event to the action's end.
        latency_ms: u64,
    },
    /// Where a phase's time went (`up`, at its end, under `--json` or
    /// `--timings`): times from the command's start, in ms.
    Span {
        id: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        parent: Option<u64>,
        phase: &'static str,
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        start_ms: f64,
        ms: f64,
        critical: bool,
        failed: bool,
    },
    /// The run's wall time and the critical path (span ids, first to
    /// last), with how much of the wall time the path covers.
    Timings {
        wall_ms: f64,
        covered_ms: f64,
        critical_path: Vec<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        report: Option<String>,
    },
}

/// What a Kubernetes server-side apply did to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApplyOutcome {
    Created,
    Changed,
    Unchanged,
    /// Not readable or not writable with the user's rights, and left as it
    /// is: a namespace the user may only work in (namespaced RBAC).
    LeftAsIs,
}

pub trait Sink: Send + Sync {
    fn emit(&self, e: Event);
}

/// One thing that went wrong, with what explains it.
#[derive(Clone, Debug)]
pub struct Failure {
    pub subject: String,
    pub message: String,
    /// Log or build output lines that explain it.
    pub lines: Vec<String>,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(subject: &str, message: impl Into<String>) -> Self {
        Failure {
            subject: subject.to_string(),
            message: message.into(),
            lines: vec![],
            hint: None,
        }
    }
}

/// An error and its causes on one line, for a notice or a failure message
/// that goes on (an error that ends a command is rendered by `main`, with
/// `Caused by:` lines).
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}
