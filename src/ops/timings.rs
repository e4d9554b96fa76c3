//! The end of `up --timings`: the HTML page, and the critical path printed,
//! or with `--json` the spans and the path as events.

use crate::events::{Event, Sink};
use crate::timeline::{self, critical};
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn conclude(failed: bool, printer: &Printer) {
    // Recording for a trace collector alone: nothing to show here.
    if timeline::report_requested().is_none() {
        return;
    }
    let Some(rec) = timeline::finish(failed, vec![]) else {
        return;
    };
    let path = critical::path(&rec.spans, rec.wall);
    let covered = critical::covered(&rec.spans, &path);
    let report = timeline::report_requested().map(|p| write_report(p, &rec, &path, printer));
    let report = report.flatten();
    let ms = |d: std::time::Duration| (d.as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
    if printer.json {
        let view = UpView::new(printer);
        for s in &rec.spans {
            view.emit(Event::Span {
                id: s.id,
                parent: s.parent,
                phase: s.phase,
                name: s.name.clone(),
                service: s.service.clone(),
                start_ms: ms(s.start),
                ms: ms(s.duration()),
                critical: path.contains(&s.id),
                failed: s.failed,
            });
        }
        view.emit(Event::Timings {
            wall_ms: ms(rec.wall),
            covered_ms: ms(covered),
            critical_path: path.clone(),
            report,
        });
        return;
    }
    let steps: Vec<String> = path
        .iter()
        .filter_map(|id| rec.spans.iter().find(|s| s.id == *id))
        .map(|s| {
            format!(
                "{} {}",
                s.name,
                crate::ui::progress::ms_text(s.duration().as_millis() as u64)
            )
        })
        .collect();
    printer.status(&format!(
        "critical path ({} of {} wall): {}",
        crate::ui::progress::ms_text(covered.as_millis() as u64),
        crate::ui::progress::ms_text(rec.wall.as_millis() as u64),
        steps.join(" → ")
    ));
    if let Some(r) = report {
        printer.status(&format!("timings: {r}"));
    }
}

/// Writes the page; its path, or `None` (said) when it cannot be written.
fn write_report(
    requested: &str,
    rec: &timeline::Recorded,
    path: &[u64],
    printer: &Printer,
) -> Option<String> {
    let file = if requested.is_empty() {
        let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
            .to_string()
            .replace(':', "");
        let project = rec.project().unwrap_or("itp-dev");
        crate::state::base_dir()
            .join("timings")
            .join(format!("{project}-up-{stamp}.html"))
    } else {
        std::path::PathBuf::from(requested)
    };
    let page = timeline::html::render(
        &format!("itp-dev {} — {}", rec.command, file.display()),
        rec.wall,
        &rec.spans,
        path,
    );
    let written = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&file, page));
    match written {
        Ok(()) => Some(file.display().to_string()),
        Err(e) => {
            printer.warn(&format!(
                "could not write the timings page {}: {e}",
                file.display()
            ));
            None
        }
    }
}
