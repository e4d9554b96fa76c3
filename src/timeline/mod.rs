//! Where a command's time went: spans for each phase of each service (pull
//! and its layers, build and its steps, create, start, the wait for a
//! dependency, the health wait, hooks), recorded only when someone will
//! read them (`up --timings`, `--json`, or an OpenTelemetry endpoint), and
//! turned into the critical path, an HTML report and OTLP spans.
//!
//! Off, a span is a check of one `OnceLock`: nothing is allocated, no
//! clock is read.

pub mod critical;
pub mod html;
pub mod otlp;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

/// One finished span. Times are offsets from the command's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub id: u64,
    /// `None` for the command's own span.
    pub parent: Option<u64>,
    /// `pull`, `build`, `create`, `start`, `wait`, `health`, `hook`,
    /// `layer`, `step`, `prepare`, `service`, `command`, …
    pub phase: &'static str,
    /// What a reader sees: `create db`, `RUN apt-get install …`.
    pub name: String,
    pub service: Option<String>,
    pub start: Duration,
    pub end: Duration,
    pub attrs: Vec<(&'static str, String)>,
    pub failed: bool,
}

impl Span {
    pub fn duration(&self) -> Duration {
        self.end.saturating_sub(self.start)
    }
}

struct Recorder {
    began: Instant,
    began_wall: SystemTime,
    command: String,
    spans: Mutex<Vec<Span>>,
    /// Attributes of the command's span (project, engine), noted as they
    /// become known.
    notes: Mutex<Vec<(&'static str, String)>>,
    next: AtomicU64,
}

/// Where `up --timings` writes its page (empty: the default place).
static REPORT: OnceLock<String> = OnceLock::new();

pub fn request_report(path: &str) {
    let _ = REPORT.set(path.to_string());
}

pub fn report_requested() -> Option<&'static str> {
    REPORT.get().map(String::as_str)
}

/// An attribute of the command's span; the first value of a key stays.
pub fn note(key: &'static str, value: impl FnOnce() -> String) {
    if let Some(r) = RECORDER.get() {
        let mut notes = r.notes.lock().expect("not poisoned");
        if !notes.iter().any(|(k, _)| *k == key) {
            notes.push((key, value()));
        }
    }
}

static RECORDER: OnceLock<Recorder> = OnceLock::new();

/// The command's own span id.
pub const ROOT: u64 = 1;

/// Start recording, from `began` (the process's start, so loading the
/// profile and connecting count). The first call wins.
pub fn enable(command: &str, began: Instant) {
    let wall = SystemTime::now() - began.elapsed();
    let _ = RECORDER.set(Recorder {
        began,
        began_wall: wall,
        command: command.to_string(),
        spans: Mutex::new(Vec::new()),
        notes: Mutex::new(Vec::new()),
        next: AtomicU64::new(ROOT + 1),
    });
}

pub fn enabled() -> bool {
    RECORDER.get().is_some()
}

/// A span being timed; recorded when ended or dropped. Inert when
/// recording is off.
#[must_use = "a span is timed until it is dropped"]
pub struct Guard {
    live: Option<Live>,
}

struct Live {
    id: u64,
    parent: Option<u64>,
    phase: &'static str,
    name: String,
    service: Option<String>,
    start: Instant,
    attrs: Vec<(&'static str, String)>,
    failed: bool,
    /// Failed unless `ok` is called first (`until_ok`).
    pending: bool,
}

/// Times a phase of `service` (or of the whole run, with `None`).
pub fn span(phase: &'static str, service: Option<&str>, name: impl FnOnce() -> String) -> Guard {
    child(None, phase, service, name)
}

/// Times a part of another span (a layer of a pull, a step of a build).
pub fn child(
    parent: Option<u64>,
    phase: &'static str,
    service: Option<&str>,
    name: impl FnOnce() -> String,
) -> Guard {
    let Some(r) = RECORDER.get() else {
        return Guard { live: None };
    };
    Guard {
        live: Some(Live {
            id: r.next.fetch_add(1, Ordering::Relaxed),
            parent,
            phase,
            name: name(),
            service: service.map(str::to_string),
            start: Instant::now(),
            attrs: Vec::new(),
            failed: false,
            pending: false,
        }),
    }
}

tokio::task_local! {
    /// The span the running future works within, for its parts (a pull's
    /// layers, a build's steps) without passing ids through every call.
    static CURRENT: Option<u64>;
}

/// Runs `fut` as the work of the span `id` (none: as before).
pub async fn within<F: std::future::Future>(id: Option<u64>, fut: F) -> F::Output {
    CURRENT.scope(id, fut).await
}

/// A part of the span the current future works within (see `within`).
pub fn part(phase: &'static str, name: impl FnOnce() -> String) -> Guard {
    let parent = CURRENT.try_with(|c| *c).ok().flatten();
    if parent.is_none() {
        return Guard { live: None };
    }
    child(parent, phase, None, name)
}

/// A span from the command's start until now (`prepare`: reading the
/// profile, connecting, planning, observing).
pub fn since_start(phase: &'static str, name: &str) {
    let Some(r) = RECORDER.get() else {
        return;
    };
    let mut g = span(phase, None, || name.to_string());
    if let Some(l) = g.live.as_mut() {
        l.start = r.began;
    }
}

impl Guard {
    pub fn id(&self) -> Option<u64> {
        self.live.as_ref().map(|l| l.id)
    }

    pub fn attr(&mut self, key: &'static str, value: impl FnOnce() -> String) {
        if let Some(l) = self.live.as_mut() {
            l.attrs.push((key, value()));
        }
    }

    pub fn fail(&mut self) {
        if let Some(l) = self.live.as_mut() {
            l.failed = true;
        }
    }

    pub fn end(self) {}

    /// Recorded as failed unless `ok` is called: for work that leaves by
    /// `?` when it fails.
    pub fn until_ok(mut self) -> Self {
        if let Some(l) = self.live.as_mut() {
            l.pending = true;
        }
        self
    }

    pub fn ok(mut self) {
        if let Some(l) = self.live.as_mut() {
            l.pending = false;
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let (Some(l), Some(r)) = (self.live.take(), RECORDER.get()) else {
            return;
        };
        let span = Span {
            id: l.id,
            parent: l.parent,
            phase: l.phase,
            name: l.name,
            service: l.service,
            start: l.start.saturating_duration_since(r.began),
            end: r.began.elapsed(),
            attrs: l.attrs,
            failed: l.failed || l.pending,
        };
        r.spans.lock().expect("not poisoned").push(span);
    }
}

/// What was recorded, whole: the command's span (ending now) and one span
/// per service around its phases, which become the services' children.
pub struct Recorded {
    pub command: String,
    pub began_wall: SystemTime,
    pub wall: Duration,
    pub spans: Vec<Span>,
    pub failed: bool,
}

impl Recorded {
    /// The project, as noted on the command's span.
    pub fn project(&self) -> Option<&str> {
        self.spans
            .iter()
            .find(|s| s.phase == "command")?
            .attrs
            .iter()
            .find(|(k, _)| *k == "itp.project")
            .map(|(_, v)| v.as_str())
    }
}

/// What was recorded so far, the command's span ending now (`None` when
/// recording is off). The record stays: a later call sees it all again.
pub fn finish(failed: bool, mut attrs: Vec<(&'static str, String)>) -> Option<Recorded> {
    let r = RECORDER.get()?;
    let wall = r.began.elapsed();
    let spans = r.spans.lock().expect("not poisoned").clone();
    attrs.extend(r.notes.lock().expect("not poisoned").iter().cloned());
    Some(Recorded {
        command: r.command.clone(),
        began_wall: r.began_wall,
        wall,
        spans: assemble(&r.command, wall, spans, failed, attrs),
        failed,
    })
}

/// Adds the command's span and the services' spans, and hangs each phase
/// under its service (or the command).
pub fn assemble(
    command: &str,
    wall: Duration,
    mut spans: Vec<Span>,
    failed: bool,
    attrs: Vec<(&'static str, String)>,
) -> Vec<Span> {
    let mut next = spans.iter().map(|s| s.id).max().unwrap_or(ROOT) + 1;
    let mut services: Vec<(String, u64, Duration, Duration, bool)> = Vec::new();
    for s in spans.iter().filter(|s| s.parent.is_none()) {
        let Some(svc) = &s.service else { continue };
        match services.iter_mut().find(|e| &e.0 == svc) {
            Some(e) => {
                e.2 = e.2.min(s.start);
                e.3 = e.3.max(s.end);
                e.4 |= s.failed;
            }
            None => {
                services.push((svc.clone(), next, s.start, s.end, s.failed));
                next += 1;
            }
        }
    }
    for s in spans.iter_mut().filter(|s| s.parent.is_none()) {
        s.parent = Some(
            s.service
                .as_ref()
                .and_then(|svc| services.iter().find(|e| &e.0 == svc))
                .map_or(ROOT, |e| e.1),
        );
    }
    for (svc, id, start, end, f) in services {
        spans.push(Span {
            id,
            parent: Some(ROOT),
            phase: "service",
            name: svc.clone(),
            service: Some(svc),
            start,
            end,
            attrs: Vec::new(),
            failed: f,
        });
    }
    spans.push(Span {
        id: ROOT,
        parent: None,
        phase: "command",
        name: format!("itp-dev {command}"),
        service: None,
        start: Duration::ZERO,
        end: wall,
        attrs,
        failed,
    });
    spans.sort_by_key(|s| (s.start, s.id));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn phase(id: u64, phase: &'static str, svc: Option<&str>, a: u64, b: u64) -> Span {
        Span {
            id,
            parent: None,
            phase,
            name: format!("{phase} {}", svc.unwrap_or("")),
            service: svc.map(str::to_string),
            start: ms(a),
            end: ms(b),
            attrs: vec![],
            failed: false,
        }
    }

    #[test]
    fn phases_hang_under_their_service_and_services_under_the_command() {
        let mut layer = phase(5, "layer", Some("db"), 12, 30);
        layer.parent = Some(2);
        let spans = assemble(
            "up",
            ms(100),
            vec![
                phase(2, "pull", Some("db"), 10, 40),
                layer,
                phase(3, "create", Some("db"), 40, 60),
                phase(4, "network", None, 5, 9),
            ],
            false,
            vec![],
        );
        let by = |name: &str| spans.iter().find(|s| s.name == name).unwrap().clone();
        let db = by("db");
        assert_eq!((db.phase, db.start, db.end), ("service", ms(10), ms(60)));
        assert_eq!(db.parent, Some(ROOT));
        assert_eq!(by("pull db").parent, Some(db.id));
        assert_eq!(by("layer db").parent, Some(2));
        assert_eq!(by("network ").parent, Some(ROOT));
        assert_eq!(by("itp-dev up").end, ms(100));
    }

    #[test]
    fn off_means_inert() {
        // Nothing enabled in unit tests: guards record nothing.
        let mut g = span("create", Some("x"), || unreachable!("not built when off"));
        g.attr("k", || unreachable!());
        assert_eq!(g.id(), None);
    }
}
