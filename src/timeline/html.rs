//! `up --timings`: one self-contained HTML page (no script, no fetch), in
//! the manner of `cargo build --timings`: a row per service with its
//! phases on one time axis, the critical path outlined and listed, and
//! each phase's parts (layers, build steps) under it.

use std::fmt::Write;
use std::time::Duration;

use super::Span;

const COLORS: &[(&str, &str)] = &[
    ("prepare", "#8c959f"),
    ("network", "#8c959f"),
    ("volume", "#8c959f"),
    ("remove", "#8c959f"),
    ("pull", "#bf8700"),
    ("layer", "#d4a72c"),
    ("build", "#8250df"),
    ("step", "#a475f9"),
    ("create", "#0969da"),
    ("start", "#1a7f37"),
    ("wait", "#eaeef2"),
    ("health", "#2da44e"),
    ("hook", "#bc4c00"),
    ("task", "#57606a"),
    ("check", "#8c959f"),
    ("report", "#8c959f"),
];

fn color(phase: &str) -> &'static str {
    COLORS
        .iter()
        .find(|(p, _)| *p == phase)
        .map_or("#57606a", |(_, c)| c)
}

fn esc(s: &str) -> String {
    let s = crate::ui::mask::apply(s);
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

/// The page for a run of `wall` whose spans (assembled) and critical path
/// are given.
pub fn render(title: &str, wall: Duration, spans: &[Span], path: &[u64]) -> String {
    let covered = super::critical::covered(spans, path);
    let pct = |d: Duration| d.as_secs_f64() / wall.as_secs_f64().max(1e-9) * 100.0;
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{t}</title>
<style>
body{{font:14px system-ui,sans-serif;margin:24px;color:#1f2328}}
h1{{font-size:20px}} table{{border-collapse:collapse}} td,th{{padding:2px 10px;text-align:left}}
.row{{display:flex;align-items:center;margin:2px 0}} .label{{width:180px;flex:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}}
.track{{position:relative;flex:1;height:18px;background:#f6f8fa}}
.sub .track{{height:8px}} .sub .label{{font-size:11px;color:#57606a;padding-left:16px;width:164px}}
.bar{{position:absolute;top:0;bottom:0;min-width:1px;border-radius:2px}}
.crit{{outline:2px solid #cf222e;z-index:1}} .failed{{background-image:repeating-linear-gradient(45deg,transparent 0 4px,#cf222e55 4px 8px)}}
.legend span{{display:inline-block;margin-right:12px}} .legend i{{display:inline-block;width:10px;height:10px;margin-right:4px}}
</style></head><body>
<h1>{t}</h1>
<p>Wall time <b>{wall}</b>. The critical path (outlined in red) covers {cov} ({covp:.1}%); the rest is itp-dev's own work between phases.</p>
"#,
        t = esc(title),
        wall = ms(wall),
        cov = ms(covered),
        covp = pct(covered),
    );
    h.push_str("<p class=\"legend\">");
    let mut seen: Vec<&str> = Vec::new();
    for s in spans {
        if !matches!(s.phase, "service" | "command") && !seen.contains(&s.phase) {
            seen.push(s.phase);
            let _ = write!(
                h,
                "<span><i style=\"background:{}\"></i>{}</span>",
                color(s.phase),
                s.phase
            );
        }
    }
    h.push_str("</p>\n");

    // Rows: the run's own phases, then each service; a phase's parts under
    // its service's row.
    let bar = |h: &mut String, s: &Span| {
        let crit = if path.contains(&s.id) { " crit" } else { "" };
        let failed = if s.failed { " failed" } else { "" };
        let _ = write!(
            h,
            "<div class=\"bar{crit}{failed}\" style=\"left:{:.3}%;width:{:.3}%;background:{}\" title=\"{} — {} (at {})\"></div>",
            pct(s.start),
            pct(s.duration()),
            color(s.phase),
            esc(&s.name),
            ms(s.duration()),
            ms(s.start)
        );
    };
    let phases_of = |parent: u64| spans.iter().filter(move |s| s.parent == Some(parent));
    let mut rows: Vec<(String, u64)> = vec![("(this run)".into(), super::ROOT)];
    for s in spans.iter().filter(|s| s.phase == "service") {
        rows.push((s.name.clone(), s.id));
    }
    for (label, parent) in rows {
        let _ = write!(
            h,
            "<div class=\"row\"><div class=\"label\">{}</div><div class=\"track\">",
            esc(&label)
        );
        for s in phases_of(parent).filter(|s| s.phase != "service") {
            bar(&mut h, s);
        }
        h.push_str("</div></div>\n");
        for p in phases_of(parent).filter(|p| p.phase != "service") {
            for part in phases_of(p.id) {
                let _ = write!(
                    h,
                    "<div class=\"row sub\"><div class=\"label\" title=\"{n}\">{n}</div><div class=\"track\">",
                    n = esc(&part.name)
                );
                bar(&mut h, part);
                h.push_str("</div></div>\n");
            }
        }
    }

    let on_path: Vec<&Span> = path
        .iter()
        .filter_map(|id| spans.iter().find(|s| s.id == *id))
        .collect();
    table(&mut h, "Critical path", on_path.into_iter());
    table(
        &mut h,
        "Every phase",
        spans
            .iter()
            .filter(|s| !matches!(s.phase, "service" | "command")),
    );
    h.push_str("</body></html>\n");
    h
}

/// A table of phases: name, service, when it began, how long it took.
fn table<'a>(h: &mut String, title: &str, rows: impl Iterator<Item = &'a Span>) {
    let _ = writeln!(
        h,
        "<h2>{title}</h2>\n<table><tr><th>phase</th><th>service</th><th>from</th><th>took</th></tr>"
    );
    for s in rows {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.name),
            esc(s.service.as_deref().unwrap_or("")),
            ms(s.start),
            ms(s.duration())
        );
    }
    h.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(
        id: u64,
        parent: Option<u64>,
        phase: &'static str,
        svc: Option<&str>,
        a: u64,
        b: u64,
    ) -> Span {
        Span {
            id,
            parent,
            phase,
            name: format!("{phase} <{}>", svc.unwrap_or("-")),
            service: svc.map(str::to_string),
            start: Duration::from_millis(a),
            end: Duration::from_millis(b),
            attrs: vec![],
            failed: false,
        }
    }

    #[test]
    fn a_row_per_service_and_a_sub_row_per_part_only() {
        let spans = super::super::assemble(
            "up",
            Duration::from_millis(100),
            vec![
                span(2, None, "prepare", None, 0, 10),
                span(3, None, "build", Some("app"), 10, 60),
                span(4, Some(3), "step", None, 12, 30),
                span(5, Some(3), "step", None, 30, 60),
                span(6, None, "create", Some("app"), 60, 70),
            ],
            false,
            vec![],
        );
        let page = render("t", Duration::from_millis(100), &spans, &[2, 3, 6]);
        // The two steps, and nothing else, as sub-rows.
        assert_eq!(page.matches("class=\"row sub\"").count(), 2);
        // (this run) and app.
        assert_eq!(page.matches("<div class=\"row\">").count(), 2);
        assert_eq!(page.matches("class=\"bar crit").count(), 3);
        // Names are escaped.
        assert!(page.contains("build &lt;app&gt;") && !page.contains("<app>"));
    }
}
