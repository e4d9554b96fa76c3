//! Turning a stream of file events into batches: a batch is flushed after a
//! short quiet window, or after a maximum wait so that a steady stream still
//! flushes. Pure (time is passed in), so its timing is unit-tested.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

pub const DEFAULT_QUIET: Duration = Duration::from_millis(30);
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_millis(300);

#[derive(Debug)]
pub struct Batcher {
    quiet: Duration,
    max_wait: Duration,
    paths: BTreeSet<String>,
    rescan: bool,
    first: Option<Instant>,
    last: Option<Instant>,
}

#[derive(Debug, Default, PartialEq)]
pub struct Batch {
    /// Changed paths, relative to the profile. Whether each was modified or
    /// removed is read from the filesystem when the batch is acted on.
    pub paths: BTreeSet<String>,
    /// Events were lost (queue overflow) or an error occurred: compare
    /// everything with the container instead of trusting `paths`.
    pub rescan: bool,
    /// When the batch's first event arrived (its latency is measured from here).
    pub since: Option<Instant>,
}

impl Batcher {
    pub fn new(quiet: Duration, max_wait: Duration) -> Self {
        Batcher {
            quiet,
            max_wait,
            paths: BTreeSet::new(),
            rescan: false,
            first: None,
            last: None,
        }
    }

    pub fn add(&mut self, rel: String, now: Instant) {
        self.paths.insert(rel);
        self.touch(now);
    }

    pub fn need_rescan(&mut self, now: Instant) {
        self.rescan = true;
        self.touch(now);
    }

    fn touch(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
    }

    /// When the pending batch is due, if there is one.
    pub fn deadline(&self) -> Option<Instant> {
        Some((self.last? + self.quiet).min(self.first? + self.max_wait))
    }

    /// The batch, if it is due at `now`.
    pub fn take(&mut self, now: Instant) -> Option<Batch> {
        if now < self.deadline()? {
            return None;
        }
        let since = self.first.take();
        self.last = None;
        Some(Batch {
            paths: std::mem::take(&mut self.paths),
            rescan: std::mem::take(&mut self.rescan),
            since,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_quiet_window_ends_a_batch() {
        let t0 = Instant::now();
        let mut b = Batcher::new(ms(30), ms(300));
        assert_eq!(b.deadline(), None);
        b.add("a".into(), t0);
        b.add("b".into(), t0 + ms(10));
        assert_eq!(b.deadline(), Some(t0 + ms(40)));
        assert!(b.take(t0 + ms(39)).is_none());
        let batch = b.take(t0 + ms(40)).unwrap();
        assert_eq!(batch.paths.len(), 2);
        assert_eq!(batch.since, Some(t0));
        assert!(b.take(t0 + ms(1000)).is_none(), "nothing left");
    }

    #[test]
    fn a_steady_stream_still_flushes_at_the_maximum_wait() {
        let t0 = Instant::now();
        let mut b = Batcher::new(ms(30), ms(300));
        let mut flushed = Vec::new();
        // An event every 10 ms for a second: never 30 ms of quiet.
        for i in 0..100u64 {
            let now = t0 + ms(i * 10);
            b.add(format!("f{i}"), now);
            if let Some(batch) = b.take(now) {
                flushed.push(batch.paths.len());
            }
        }
        assert_eq!(flushed.len(), 3, "{flushed:?}");
        assert!(flushed.iter().all(|n| *n >= 29));
    }

    #[test]
    fn one_path_changed_many_times_is_one_entry_and_rescan_is_kept() {
        let t0 = Instant::now();
        let mut b = Batcher::new(ms(30), ms(300));
        for i in 0..50 {
            b.add("same".into(), t0 + ms(i));
        }
        b.need_rescan(t0 + ms(50));
        let batch = b.take(t0 + ms(80)).unwrap();
        assert_eq!(batch.paths.len(), 1);
        assert!(batch.rescan);
    }
}
