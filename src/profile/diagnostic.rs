//! Problems found in a profile, each pointing at the text that caused it, and
//! their rendering the way a compiler shows them (via annotate-snippets, the
//! renderer rustc and cargo use, rather than a hand-written one).

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::source::SourceFile;

/// One problem in a profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub message: String,
    /// Where it is; the first label is the primary location. Empty when the
    /// problem belongs to the file as a whole.
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A warning: worth showing, not a reason to refuse the profile.
    pub warning: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            labels: Vec::new(),
            help: None,
            warning: false,
        }
    }

    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn at(mut self, span: Range<usize>, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Render diagnostics as text: `error: …`, ` --> file:line:col`, the line
/// with a caret, `help: …`.
pub fn render(file: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let mut groups = Vec::new();
        let level = if d.warning {
            Level::WARNING
        } else {
            Level::ERROR
        };
        let title = level.primary_title(d.message.as_str());
        let group = if d.labels.is_empty() {
            Group::with_title(title).element(annotate_snippets::Origin::path(file.display.as_str()))
        } else {
            let mut snippet = Snippet::source(file.text.as_str()).path(file.display.as_str());
            for (i, l) in d.labels.iter().enumerate() {
                let kind = if i == 0 {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                snippet = snippet.annotation(kind.span(l.span.clone()).label(l.text.as_str()));
            }
            title.element(snippet)
        };
        groups.push(group);
        if let Some(h) = &d.help {
            groups.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
        }
        out.push_str(&renderer.render(&groups));
        out.push_str("\n\n");
    }
    out
}

/// A diagnostic as the machine interface shows it (`--json`).
#[derive(Serialize, Debug)]
pub struct JsonDiagnostic {
    pub severity: &'static str,
    pub message: String,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub labels: Vec<String>,
    pub help: Option<String>,
}

pub fn to_json(file: &SourceFile, d: &Diagnostic) -> JsonDiagnostic {
    let (line, column, end_line, end_column) = match d.labels.first() {
        Some(l) => {
            let (a, b) = file.line_col(l.span.start);
            let (c, e) = file.line_col(l.span.end);
            (Some(a), Some(b), Some(c), Some(e))
        }
        None => (None, None, None, None),
    };
    JsonDiagnostic {
        severity: if d.warning { "warning" } else { "error" },
        message: d.message.clone(),
        file: file.display.clone(),
        line,
        column,
        end_line,
        end_column,
        labels: d.labels.iter().map(|l| l.text.clone()).collect(),
        help: d.help.clone(),
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a
/// plausible typo (strsim's Jaro-Winkler, the measure clap uses too).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let f = SourceFile::new(
            "/p/itp-dev.toml".into(),
            "itp-dev.toml".into(),
            "[services.db]\nhelthcheck = 1\n".into(),
        );
        let d = Diagnostic::new("unknown key `helthcheck`")
            .at(14..24, "not a key of a service")
            .help("did you mean `healthcheck`?");
        let text = render(&f, &[d], false);
        assert!(text.contains("error: unknown key `helthcheck`"), "{text}");
        assert!(text.contains("--> itp-dev.toml:2:1"), "{text}");
        assert!(text.contains("^^^^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `healthcheck`?"), "{text}");
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(
            did_you_mean("helthcheck", ["image", "healthcheck"]),
            Some("healthcheck")
        );
        assert_eq!(did_you_mean("zzz", ["image", "healthcheck"]), None);
    }
}
