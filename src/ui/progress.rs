//! How `up` shows its work: per-action spinners and per-layer bars on a
//! terminal (indicatif), one plain line per step in a pipe, and NDJSON
//! events under `--json`. The backend only emits `Event`s; this decides.
#![allow(clippy::print_stderr)]

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Printer;
use crate::events::{ApplyOutcome, Event, Sink};

/// JSON pull progress per layer is throttled to this.
const JSON_PROGRESS_EVERY: Duration = Duration::from_millis(250);

pub struct UpView {
    printer: Printer,
    bars: Option<Bars>,
    /// Last progress event per layer under `--json`.
    json_last: Mutex<HashMap<String, Instant>>,
    /// Under GitHub Actions (lines, not bars): each pull's and build's
    /// output, kept until it ends and then printed as one `::group::`, so
    /// concurrent ones never interleave inside a fold. (key, title, lines)
    groups: Option<Mutex<Vec<Group>>>,
}

/// Output kept for a fold: its key (the action's subject), title, lines.
type Group = (String, String, Vec<String>);

struct Bars {
    multi: MultiProgress,
    /// Keyed by action subject, and by `reference layer` for pulls.
    live: Mutex<HashMap<String, ProgressBar>>,
}

impl UpView {
    pub fn new(printer: &Printer) -> Self {
        let bars = printer.progress.then(|| Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(12)),
            live: Mutex::new(HashMap::new()),
        });
        let groups = (bars.is_none() && !printer.json && crate::ui::ci::github_actions())
            .then(|| Mutex::new(Vec::new()));
        UpView {
            printer: printer.clone(),
            bars,
            json_last: Mutex::new(HashMap::new()),
            groups,
        }
    }

    fn open_group(&self, key: &str, title: String) {
        if let Some(g) = &self.groups {
            g.lock()
                .expect("not poisoned")
                .push((key.to_string(), title, Vec::new()));
        }
    }

    /// Keeps `text` in the open group of `key`; false when there is none.
    fn grouped(&self, key: &str, text: &str) -> bool {
        let Some(g) = &self.groups else { return false };
        let mut g = g.lock().expect("not poisoned");
        match g.iter_mut().find(|(k, _, _)| k == key) {
            Some((_, _, lines)) => {
                lines.push(text.to_string());
                true
            }
            None => false,
        }
    }

    /// Prints the groups of `key` (all, with `None`) as folds.
    fn close_groups(&self, key: Option<&str>) {
        let Some(g) = &self.groups else { return };
        let closed: Vec<Group> = {
            let mut g = g.lock().expect("not poisoned");
            let (closed, open) = g
                .drain(..)
                .partition(|(k, _, _)| key.is_none_or(|key| k == key));
            *g = open;
            closed
        };
        for (_, title, lines) in closed {
            self.line(&format!("::group::{title}"));
            for l in lines {
                self.line(&l);
            }
            self.line("::endgroup::");
        }
    }

    /// A line above the bars, or on stderr.
    fn line(&self, text: &str) {
        if self.printer.quiet {
            return;
        }
        let text = crate::ui::mask::apply(text);
        match &self.bars {
            Some(b) => b.multi.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    fn json(&self, e: &Event) {
        if let Event::Pull {
            reference,
            layer,
            current: Some(_),
            ..
        }
        | Event::Push {
            reference,
            layer,
            current: Some(_),
            ..
        } = e
        {
            let key = format!("{reference} {layer}");
            let mut last = self.json_last.lock().expect("not poisoned");
            let now = Instant::now();
            if last
                .get(&key)
                .is_some_and(|t| now.duration_since(*t) < JSON_PROGRESS_EVERY)
            {
                return;
            }
            last.insert(key, now);
        }
        let mut v = serde_json::to_value(e).expect("events serialize");
        let name = v
            .as_object_mut()
            .and_then(|o| o.remove("event"))
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_default();
        self.printer.event(&name, &v);
    }

    fn spinner(b: &Bars, key: &str, msg: String) {
        let pb = b.multi.add(ProgressBar::new_spinner());
        pb.set_style(
            ProgressStyle::with_template("{spinner:.cyan} {msg} {elapsed:.dim}")
                .expect("valid template"),
        );
        pb.set_message(crate::ui::mask::apply(&msg).into_owned());
        pb.enable_steady_tick(Duration::from_millis(100));
        b.live
            .lock()
            .expect("not poisoned")
            .insert(key.to_string(), pb);
    }

    fn finish(&self, key: &str, text: &str) {
        if let Some(b) = &self.bars {
            let pb = b.live.lock().expect("not poisoned").remove(key);
            if let Some(pb) = pb {
                pb.finish_and_clear();
                b.multi.remove(&pb);
            }
            // Layer bars of a finished pull go too.
            let prefix = format!("{key} ");
            let mut live = b.live.lock().expect("not poisoned");
            let layers: Vec<String> = live
                .keys()
                .filter(|k| k.starts_with(&prefix))
                .cloned()
                .collect();
            for k in layers {
                if let Some(pb) = live.remove(&k) {
                    pb.finish_and_clear();
                    b.multi.remove(&pb);
                }
            }
        }
        self.line(text);
    }
}

pub fn ms_text(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

fn past(verb: &str) -> String {
    match verb {
        "create network" => "created network".into(),
        "create volume" => "created volume".into(),
        "pull" => "pulled".into(),
        "build" => "built".into(),
        "remove" => "removed".into(),
        "remove network" => "removed network".into(),
        "create" => "created".into(),
        "recreate" => "recreated".into(),
        "start" => "started".into(),
        v => v.into(),
    }
}

impl Sink for UpView {
    fn emit(&self, e: Event) {
        if self.printer.json {
            return self.json(&e);
        }
        match e {
            Event::Begin {
                action,
                subject,
                reason,
            } if action == "start" && reason.starts_with("exited with code") => {
                self.printer.warn(&format!(
                    "{subject} {reason} (`itp-dev logs {subject}` shows why)"
                ));
                if let Some(b) = &self.bars {
                    Self::spinner(b, &subject, format!("{action} {subject}"));
                }
            }
            Event::Begin {
                action,
                subject,
                reason,
            } => match &self.bars {
                Some(b) => Self::spinner(b, &subject, format!("{action} {subject}")),
                None => {
                    // Long steps announce themselves; quick ones report when done.
                    if matches!(action, "pull" | "build" | "recreate" | "remove") {
                        self.line(&format!("{action} {subject}: {reason}"));
                    }
                    if matches!(action, "pull" | "build") {
                        self.open_group(&subject, format!("{action} {subject}"));
                    }
                }
            },
            Event::Done {
                action,
                subject,
                ms,
            } => {
                self.close_groups(Some(&subject));
                self.finish(
                    &subject,
                    &format!("✓ {} {subject} ({})", past(action), ms_text(ms)),
                )
            }
            Event::Pull {
                reference,
                layer,
                status,
                current,
                total,
            }
            | Event::Push {
                reference,
                layer,
                status,
                current,
                total,
            } => match &self.bars {
                Some(b) if !layer.is_empty() => {
                    let key = format!("{reference} {layer}");
                    let mut live = b.live.lock().expect("not poisoned");
                    let pb = live.entry(key).or_insert_with(|| {
                        let pb = b.multi.add(ProgressBar::new(0));
                        pb.set_style(
                            ProgressStyle::with_template(
                                "  {prefix:.dim} {msg:<12} {bar:30.cyan/blue} {bytes}/{total_bytes}",
                            )
                            .expect("valid template")
                            .progress_chars("=> "),
                        );
                        pb.set_prefix(layer.clone());
                        pb
                    });
                    pb.set_message(crate::ui::mask::apply(&status).into_owned());
                    if let (Some(c), Some(t)) = (current, total) {
                        pb.set_length(t);
                        pb.set_position(c);
                    }
                }
                _ => {
                    // In a pipe: the end of each layer, and the summary lines.
                    let layer_done = matches!(
                        status.as_str(),
                        "Pull complete" | "Already exists" | "Pushed" | "Layer already exists"
                    );
                    let summary = status.starts_with("Digest:")
                        || status.starts_with("Status:")
                        || status.contains("digest: ");
                    if layer_done || summary {
                        let who = if layer.is_empty() {
                            reference.clone()
                        } else {
                            format!("{reference} {layer}")
                        };
                        let text = format!("  {who}: {status}");
                        if !self.grouped(&reference, &text) {
                            self.line(&text);
                        }
                    }
                }
            },
            Event::Build {
                service,
                reference,
                line,
            } => match &self.bars {
                Some(b) => {
                    if let Some(pb) = b.live.lock().expect("not poisoned").get(&reference) {
                        let mut l = line.clone();
                        l.truncate(80);
                        pb.set_message(
                            crate::ui::mask::apply(&format!("build {service}: {l}")).into_owned(),
                        );
                    }
                    if self.printer.verbose > 0 {
                        self.line(&format!("  {service} | {line}"));
                    }
                }
                None => {
                    // Under GitHub Actions the whole build log, folded.
                    let text = format!("  {service} | {line}");
                    if !self.grouped(&reference, &text)
                        && (line.starts_with("Step ") || self.printer.verbose > 0)
                    {
                        self.line(&text);
                    }
                }
            },
            Event::Waiting {
                service,
                dependency,
                condition,
            } => self.line(&format!(
                "… {service} waits for {dependency} to be {condition}"
            )),
            Event::Healthy { service, ms } => {
                self.line(&format!("✓ {service} healthy ({})", ms_text(ms)))
            }
            Event::HealthWait {
                service,
                ms,
                left_ms,
            } => self.line(&format!(
                "… {service} not healthy yet after {}s (giving up in {}s)",
                ms / 1000,
                left_ms.div_ceil(1000)
            )),
            Event::Hook {
                service,
                hook,
                command,
            } => self.line(&format!("▸ {service} {hook}: {command}")),
            Event::HookOutput { service, line, .. } => self.line(&format!("  {service} | {line}")),
            Event::HookDone {
                service,
                hook,
                exit_code,
                ms,
            } => {
                if exit_code == 0 {
                    self.line(&format!("✓ {service} {hook} ({})", ms_text(ms)));
                }
            }
            Event::Applied {
                object,
                outcome,
                dry_run,
            } => {
                let verb = match (outcome, dry_run) {
                    (ApplyOutcome::Unchanged, _) => return,
                    (ApplyOutcome::LeftAsIs, _) => {
                        self.line(&format!(
                            "{object}: yours to work in, not to change; no owner or expiry is recorded on it, and itp-dev touches only its own objects there"
                        ));
                        return;
                    }
                    (ApplyOutcome::Created, false) => "created",
                    (ApplyOutcome::Created, true) => "would create",
                    (ApplyOutcome::Changed, false) => "changed",
                    (ApplyOutcome::Changed, true) => "would change",
                };
                self.line(&format!("{verb} {object}"));
            }
            Event::Pruned { object, dry_run } => self.line(&format!(
                "{} {object} (no longer in the profile)",
                if dry_run { "would delete" } else { "deleted" }
            )),
            Event::Rollout { workload, state } => self.line(&format!("  {workload}: {state}")),
            Event::Notice { message } => self.printer.warn(&message),
            Event::Info { message } => self.line(&message),
            Event::Batch {
                rule,
                action,
                service,
                files,
                removed,
                rescan,
                ms,
                latency_ms,
            } => {
                let what = match (action, rescan) {
                    ("sync", true) if files + removed == 0 => "in sync".to_string(),
                    ("sync", _) => format!("{files} sent, {removed} removed"),
                    (_, _) => format!("{files} changed"),
                };
                let when = if rescan {
                    format!("rescan, {}", ms_text(ms))
                } else {
                    format!("{}, {} after the change", ms_text(ms), ms_text(latency_ms))
                };
                self.line(&format!(
                    "[rule {rule}] {action} {service}: {what} ({when})"
                ));
            }
            // On a terminal or in a pipe, `ops::timings` prints the
            // critical path itself; spans are for `--json`.
            Event::Span { .. } | Event::Timings { .. } => {}
        }
    }
}

impl Drop for UpView {
    fn drop(&mut self) {
        // A pull or build that failed: its output still, folded.
        self.close_groups(None);
        if let Some(b) = &self.bars {
            let _ = b.multi.clear();
        }
    }
}
