//! The one printer. Commands hand it data; it decides how that looks: plain
//! lines, colour on a terminal, or JSON under `--json`. Nothing else in the
//! crate prints (the crate denies `print_stdout`/`print_stderr` elsewhere).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug)]
pub struct Printer {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    /// Colour on stderr, where diagnostics and status go.
    pub color: bool,
    /// Colour on stdout (service prefixes of `logs`).
    pub out_color: bool,
    pub progress: bool,
}

impl Printer {
    pub fn new(
        json: bool,
        quiet: bool,
        verbose: u8,
        color: ColorChoice,
        no_progress: bool,
    ) -> Self {
        let stderr_tty = std::io::stderr().is_terminal();
        let decide = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        let out_color = decide(std::io::stdout().is_terminal());
        let color = decide(stderr_tty);
        Printer {
            json,
            quiet,
            verbose,
            color,
            out_color,
            // CI: lines, not bars, even where the runner gives a terminal.
            progress: stderr_tty && !no_progress && !json && !super::ci::ci(),
        }
    }

    /// The command's result: always written, to stdout.
    pub fn out(&self, text: &str) {
        let text = &*super::mask::apply(text);
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = o.write_all(b"\n");
        }
        let _ = o.flush();
    }

    /// One JSON document on stdout (queries under `--json`), its strings
    /// masked.
    pub fn out_json(&self, value: &impl Serialize) {
        let mut v = serde_json::to_value(value).expect("output values always serialize");
        super::mask::leaves(&mut v);
        let text = serde_json::to_string_pretty(&v).expect("output values always serialize");
        self.out_document(&text);
    }

    /// A document (YAML, TOML) whose strings the caller has masked
    /// (`mask::leaves`): written as it is, its syntax intact.
    pub fn out_document(&self, text: &str) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = o.write_all(b"\n");
        }
        let _ = o.flush();
    }

    /// A status line on stderr, hidden by `-q` and `--json`.
    pub fn status(&self, text: &str) {
        if !self.quiet && !self.json {
            eprintln!("{}", super::mask::apply(text));
        }
    }

    /// Detail shown with `-v`.
    pub fn detail(&self, text: &str) {
        if self.verbose > 0 && !self.json {
            eprintln!("{}", super::mask::apply(text));
        }
    }

    pub fn warn(&self, text: &str) {
        if self.json {
            self.event("warning", &serde_json::json!({ "message": text }));
        } else if !self.quiet {
            eprintln!(
                "{}: {}",
                self.paint("warning", "33"),
                super::mask::apply(text)
            );
        }
    }

    /// An error, rendered once, at the top.
    pub fn error(&self, message: &str, causes: &[String], hint: Option<&str>) {
        if self.json {
            self.event(
                "error",
                &serde_json::json!({ "message": message, "causes": causes, "hint": hint }),
            );
            if super::ci::github_actions() {
                eprintln!(
                    "{}",
                    super::mask::apply(&super::ci::error_annotation(message))
                );
            }
            return;
        }
        let mut s = format!("{}: {message}\n", self.paint("error", "1;31"));
        if !causes.is_empty() {
            s.push_str("\nCaused by:\n");
            for c in causes {
                s.push_str(&format!("    {c}\n"));
            }
        }
        if let Some(h) = hint {
            s.push_str(&format!("{}: {h}\n", self.paint("help", "1;36")));
        }
        if super::ci::github_actions() {
            s.push_str(&super::ci::error_annotation(message));
            s.push('\n');
        }
        eprint!("{}", super::mask::apply(&s));
    }

    /// Pre-rendered text (a diff, already coloured or not) on stderr.
    pub fn block(&self, rendered: &str) {
        eprint!("{}", super::mask::apply(rendered));
    }

    /// A file's diagnostics, drawn with their source lines on stderr; under
    /// GitHub Actions also as annotations on the file and line.
    pub fn diagnostics(
        &self,
        file: &crate::profile::source::SourceFile,
        list: &[crate::profile::diagnostic::Diagnostic],
    ) {
        let rendered = crate::profile::diagnostic::render(file, list, self.color);
        eprint!("{}", super::mask::apply(&rendered));
        self.annotations(file, list);
    }

    /// Under GitHub Actions, a file's diagnostics as annotations on stderr
    /// (with `--json` too: stdout stays the event stream).
    pub fn annotations(
        &self,
        file: &crate::profile::source::SourceFile,
        list: &[crate::profile::diagnostic::Diagnostic],
    ) {
        if super::ci::github_actions() {
            for d in list {
                let at = d.labels.first().map(|l| file.line_col(l.span.start));
                let line = super::ci::annotation(
                    d.warning,
                    &file.path.display().to_string(),
                    at,
                    &d.message,
                );
                eprintln!("{}", super::mask::apply(&line));
            }
        }
    }

    /// One NDJSON event on stdout: `{"v":1,"event":…,"ts":…,…}`.
    pub fn event(&self, event: &str, fields: &serde_json::Value) {
        let mut obj = serde_json::Map::new();
        obj.insert("v".into(), 1.into());
        obj.insert("event".into(), event.into());
        obj.insert("ts".into(), crate::ui::printer::timestamp().into());
        if let Some(f) = fields.as_object() {
            obj.extend(f.clone());
        }
        // Strings masked one by one: the line stays valid JSON.
        let mut v = serde_json::Value::Object(obj);
        super::mask::leaves(&mut v);
        let mut o = std::io::stdout().lock();
        let _ = writeln!(o, "{v}");
        let _ = o.flush();
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// RFC 3339 UTC timestamp with milliseconds, for events.
pub fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    humantime::format_rfc3339_millis(std::time::UNIX_EPOCH + now).to_string()
}
