//! The critical path: the chain of phases that set the command's wall time.
//! Walking back from the command's end, each step takes the phase that
//! ended last before the current point: what finished last is what the
//! next thing waited for. Waits for a dependency are not work and are
//! never on the path (the dependency's own phases are); parts of a phase
//! (layers, build steps) are inside their phase and not counted twice.

use std::time::Duration;

use super::Span;

/// Phases that are work on the path. `service` and `command` are
/// envelopes; `wait` is waiting; `layer` and `step` are inside a phase.
fn on_path(s: &Span) -> bool {
    !matches!(s.phase, "service" | "command" | "wait" | "layer" | "step")
}

/// Two phases closer than this are back to back (the scheduler's and the
/// clock's slack).
const SLACK: Duration = Duration::from_millis(3);

/// The ids of the phases on the critical path, first to last.
pub fn path(spans: &[Span], wall: Duration) -> Vec<u64> {
    let mut cursor = wall;
    let mut chosen: Vec<u64> = Vec::new();
    let mut service: Option<&str> = None;
    loop {
        let candidates: Vec<&Span> = spans
            .iter()
            .filter(|s| on_path(s) && !chosen.contains(&s.id))
            .filter(|s| s.end <= cursor + SLACK && s.start < cursor)
            .collect();
        let Some(latest) = candidates.iter().map(|s| s.end).max() else {
            break;
        };
        // Of those that ended together (within the slack), the same
        // service's own previous phase: `health db` follows `start db`,
        // not a `start cache` that ended a millisecond later.
        let together = candidates.iter().filter(|s| s.end + SLACK >= latest);
        let s = together
            .clone()
            .filter(|s| service.is_some() && s.service.as_deref() == service)
            .max_by_key(|s| (s.end, s.duration()))
            .or_else(|| together.max_by_key(|s| (s.end, s.duration())))
            .expect("at least the latest");
        chosen.push(s.id);
        service = s.service.as_deref();
        cursor = s.start;
        if cursor.is_zero() {
            break;
        }
    }
    chosen.reverse();
    chosen
}

/// How much of the wall time the path's phases cover (overlaps between
/// consecutive phases counted once).
pub fn covered(spans: &[Span], path: &[u64]) -> Duration {
    let mut total = Duration::ZERO;
    let mut until = Duration::ZERO;
    for id in path {
        let Some(s) = spans.iter().find(|s| s.id == *id) else {
            continue;
        };
        let from = s.start.max(until);
        total += s.end.saturating_sub(from);
        until = until.max(s.end);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: u64, phase: &'static str, a: u64, b: u64) -> Span {
        Span {
            id,
            parent: None,
            phase,
            name: String::new(),
            service: None,
            start: Duration::from_millis(a),
            end: Duration::from_millis(b),
            attrs: vec![],
            failed: false,
        }
    }

    #[test]
    fn the_path_follows_what_each_step_waited_for() {
        // prepare; db and cache created together (cache a hair later);
        // db's health; api waited (not work) then created; its hook.
        let mut spans = vec![
            s(1, "prepare", 0, 20),
            s(2, "create", 20, 70),  // db
            s(3, "create", 20, 71),  // cache
            s(4, "health", 70, 120), // db
            s(5, "wait", 20, 120),   // api waits for db
            s(6, "create", 121, 160),
            s(7, "hook", 160, 180),
            s(8, "step", 125, 150), // inside something: never chosen
        ];
        for (id, svc) in [(2, "db"), (3, "cache"), (4, "db"), (6, "api"), (7, "api")] {
            spans.iter_mut().find(|s| s.id == id).unwrap().service = Some(svc.into());
        }
        let p = path(&spans, Duration::from_millis(182));
        assert_eq!(p, vec![1, 2, 4, 6, 7]);
        assert_eq!(covered(&spans, &p), Duration::from_millis(179));
    }

    #[test]
    fn nothing_recorded_is_an_empty_path() {
        assert!(path(&[], Duration::from_millis(5)).is_empty());
    }
}
