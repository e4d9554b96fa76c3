//! Running under CI: `CI=true` (every major CI sets it) means no prompt and
//! no progress bars even when a terminal is attached (some runners give
//! one); `GITHUB_ACTIONS=true` adds workflow commands: profile diagnostics
//! and errors as annotations on the file and line, and long output (a
//! build's, a pull's) folded into `::group::` blocks.

use std::io::IsTerminal;

fn set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

pub fn ci() -> bool {
    set("CI") || github_actions()
}

pub fn github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// Whether a question may be asked: a person at a terminal, not a tool
/// (`--json`), not CI.
pub fn may_prompt(json: bool) -> bool {
    !json && !ci() && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A workflow command's message, escaped as the runner reads it.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,col=…::message` (or `warning`); the file
/// relative to the workspace, as GitHub shows annotations.
pub fn annotation(warning: bool, file: &str, at: Option<(usize, usize)>, message: &str) -> String {
    let kind = if warning { "warning" } else { "error" };
    let file = std::env::var("GITHUB_WORKSPACE")
        .ok()
        .and_then(|w| {
            std::path::Path::new(file)
                .strip_prefix(&w)
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| file.to_string());
    let mut props = format!("file={}", property(&file));
    if let Some((line, col)) = at {
        props.push_str(&format!(",line={line},col={col}"));
    }
    format!("::{kind} {props}::{}", data(message))
}

/// An error of the command itself, not of a file.
pub fn error_annotation(message: &str) -> String {
    format!("::error title=itp-dev::{}", data(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_escape_what_the_runner_would_split_on() {
        assert_eq!(
            annotation(false, "a,b:c.toml", Some((3, 7)), "100% wrong\nsecond line"),
            "::error file=a%2Cb%3Ac.toml,line=3,col=7::100%25 wrong%0Asecond line"
        );
        assert_eq!(
            annotation(true, "itp-dev.toml", None, "x"),
            "::warning file=itp-dev.toml::x"
        );
        assert_eq!(error_annotation("a\nb"), "::error title=itp-dev::a%0Ab");
    }
}
