//! `.dockerignore` with the engine's rules (moby/patternmatcher): patterns
//! are relative to the context root, `*` stops at `/`, `**` spans
//! directories, `!` re-includes, the last matching line wins, and a pattern
//! that matches a directory excludes everything below it.

use std::path::Path;

use globset::{Glob, GlobBuilder, GlobMatcher};

#[derive(Debug)]
pub struct IgnoreRules {
    rules: Vec<Rule>,
    has_exceptions: bool,
}

/// A `.dockerignore` line that is not a valid pattern.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: `{pattern}` is not a valid pattern")]
pub struct IgnoreError {
    pub line: usize,
    pub pattern: String,
    #[source]
    pub source: globset::Error,
}

#[derive(Debug)]
struct Rule {
    matcher: GlobMatcher,
    exception: bool,
}

impl IgnoreRules {
    /// Rules from a file's text. A line that is not a valid pattern is an
    /// error naming the line, as `docker build` would refuse it too.
    pub fn parse(text: &str) -> Result<Self, IgnoreError> {
        let mut rules = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exception, pat) = match line.strip_prefix('!') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let pat = clean(pat);
            if pat.is_empty() {
                continue;
            }
            let glob: Glob = GlobBuilder::new(&pat)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|source| IgnoreError {
                    line: i + 1,
                    pattern: raw.to_string(),
                    source,
                })?;
            rules.push(Rule {
                matcher: glob.compile_matcher(),
                exception,
            });
        }
        let has_exceptions = rules.iter().any(|r| r.exception);
        Ok(IgnoreRules {
            rules,
            has_exceptions,
        })
    }

    pub fn empty() -> Self {
        IgnoreRules {
            rules: Vec::new(),
            has_exceptions: false,
        }
    }

    /// Whether `rel` (a `/`-separated path relative to the context) is left out.
    pub fn is_excluded(&self, rel: &str) -> bool {
        let mut excluded = false;
        for r in &self.rules {
            if matches_or_parent(&r.matcher, rel) {
                excluded = !r.exception;
            }
        }
        excluded
    }

    /// Whether a walk may skip an excluded directory without looking inside:
    /// only when no `!` line could bring a file below it back.
    pub fn can_prune(&self) -> bool {
        !self.has_exceptions
    }
}

fn matches_or_parent(m: &GlobMatcher, rel: &str) -> bool {
    if m.is_match(Path::new(rel)) {
        return true;
    }
    let mut end = rel.len();
    while let Some(i) = rel[..end].rfind('/') {
        if m.is_match(Path::new(&rel[..i])) {
            return true;
        }
        end = i;
    }
    false
}

/// `filepath.Clean` plus the leading `/` the engine strips.
fn clean(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(t: &str) -> IgnoreRules {
        IgnoreRules::parse(t).unwrap()
    }

    #[test]
    fn plain_names_and_directories() {
        let r = rules("target\n# comment\n\n/node_modules\n*.log\n");
        assert!(r.is_excluded("target"));
        assert!(r.is_excluded("target/debug/app"));
        assert!(r.is_excluded("node_modules/x/index.js"));
        assert!(r.is_excluded("app.log"));
        // `*` does not cross `/`: only top-level logs.
        assert!(!r.is_excluded("logs/app.log"));
        assert!(!r.is_excluded("src/main.rs"));
    }

    #[test]
    fn double_star_and_exceptions_last_match_wins() {
        let r = rules("**/*.tmp\ndocs\n!docs/keep.md\n");
        assert!(r.is_excluded("a/b/c.tmp"));
        assert!(r.is_excluded("c.tmp"));
        assert!(r.is_excluded("docs/other.md"));
        assert!(!r.is_excluded("docs/keep.md"));
        assert!(!r.can_prune());
        let r = rules("!keep\n*\n");
        assert!(
            r.is_excluded("keep"),
            "a later line overrides an earlier exception"
        );
    }

    #[test]
    fn cleaned_patterns() {
        let r = rules("./build/../dist/\n");
        assert!(r.is_excluded("dist/x.js"));
        assert!(!r.is_excluded("build/x.js"));
    }

    #[test]
    fn invalid_pattern_names_its_line() {
        let e = IgnoreRules::parse("ok\n[z-a\n").unwrap_err();
        assert!(e.to_string().starts_with("line 2:"), "{e}");
        assert!(
            std::error::Error::source(&e).is_some(),
            "the glob error is kept"
        );
    }
}
