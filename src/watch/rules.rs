//! Which rule a changed file belongs to, and where a synced file goes in
//! the container. Pure: paths are `/`-separated and relative to the profile.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::build::IgnoreRules;
use crate::plan::WatchPlan;
use crate::profile::model::WatchAction;

pub struct Rules {
    pub rules: Vec<Rule>,
    gitignore: Gitignore,
    dockerignore: IgnoreRules,
}

pub struct Rule {
    pub index: usize,
    pub action: WatchAction,
    pub service: String,
    pub target: Option<String>,
    pub command: Option<Vec<String>>,
    /// Each glob with its fixed leading directories (`a/b` for `a/b/**/*.rs`):
    /// what is watched, and what is stripped when mapping to `target`.
    pub globs: Vec<(String, GlobMatcher)>,
    ignore: GlobSet,
}

/// Why the watch rules cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("bad glob `{glob}`")]
    Glob {
        glob: String,
        #[source]
        source: globset::Error,
    },
    #[error("cannot read the repository's ignore files")]
    Read(#[source] std::io::Error),
}

/// Directories that are never watched or synced.
const ALWAYS_IGNORED: [&str; 2] = [".git", ".itp-dev"];

impl Rules {
    /// `dir` is the profile's directory; its `.gitignore` and `.dockerignore`
    /// are honoured on top of each rule's own `ignore`.
    pub fn compile(plan: &[WatchPlan], dir: &Path) -> Result<Self, RulesError> {
        let mut rules = Vec::new();
        for (index, w) in plan.iter().enumerate() {
            let mut globs = Vec::new();
            for g in &w.paths {
                let literal = g.trim_start_matches("./").trim_end_matches('/');
                // A path naming a directory is mirrored as that directory.
                let base = if !literal.contains(['*', '?', '[', '{']) && dir.join(literal).is_dir()
                {
                    literal.to_string()
                } else {
                    base_of(g)
                };
                globs.push((base, matcher(g)?));
            }
            let mut ignore = GlobSetBuilder::new();
            for g in &w.ignore {
                ignore.add(glob(g)?);
            }
            rules.push(Rule {
                index,
                action: w.action,
                service: w.service.clone(),
                target: w.target.clone(),
                command: w.command.clone(),
                globs,
                ignore: ignore.build().map_err(|source| RulesError::Glob {
                    glob: w.ignore.join(", "),
                    source,
                })?,
            });
        }
        // Read through `files` first: a FIFO named .gitignore would block
        // the ignore crate's read forever.
        let mut gb = GitignoreBuilder::new(dir);
        if let Some(text) =
            crate::files::read_optional(&dir.join(".gitignore")).map_err(RulesError::Read)?
        {
            for line in text.lines() {
                let _ = gb.add_line(None, line);
            }
        }
        let gitignore = gb.build().unwrap_or_else(|_| Gitignore::empty());
        let dockerignore = crate::files::read_optional(&dir.join(".dockerignore"))
            .map_err(RulesError::Read)?
            .and_then(|t| IgnoreRules::parse(&t).ok())
            .unwrap_or_else(IgnoreRules::empty);
        Ok(Rules {
            rules,
            gitignore,
            dockerignore,
        })
    }

    /// Ignored by every rule: `.git`, `.gitignore`d or `.dockerignore`d.
    pub fn ignored(&self, rel: &str, is_dir: bool) -> bool {
        rel.split('/').any(|seg| ALWAYS_IGNORED.contains(&seg))
            || self
                .gitignore
                .matched_path_or_any_parents(rel, is_dir)
                .is_ignore()
            || self.dockerignore.is_excluded(rel)
    }

    /// The rules a changed path belongs to.
    pub fn matching(&self, rel: &str) -> Vec<&Rule> {
        if self.ignored(rel, false) {
            return vec![];
        }
        self.rules.iter().filter(|r| r.matches(rel)).collect()
    }

    /// Directories to watch (relative; "" is the profile's directory),
    /// shortest first and without ones inside another.
    pub fn roots(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .rules
            .iter()
            .flat_map(|r| r.globs.iter().map(|(b, _)| b.clone()))
            .collect();
        all.sort_by_key(|b| (b.len(), b.clone()));
        let mut out: Vec<String> = Vec::new();
        for b in all {
            let inside = out
                .iter()
                .any(|o| o.is_empty() || b == *o || b.starts_with(&format!("{o}/")));
            if !inside {
                out.push(b);
            }
        }
        out
    }
}

impl Rule {
    pub fn matches(&self, rel: &str) -> bool {
        self.globs.iter().any(|(_, m)| m.is_match(rel)) && !self.ignore.is_match(rel)
    }

    /// Where `rel` goes in the container: `target` plus its path below the
    /// fixed start of the glob it matched.
    pub fn container_path(&self, rel: &str) -> Option<String> {
        let target = self.target.as_deref()?;
        let (base, _) = self.globs.iter().find(|(_, m)| m.is_match(rel))?;
        let below = if base.is_empty() {
            rel
        } else {
            rel.strip_prefix(base.as_str())?.trim_start_matches('/')
        };
        Some(format!("{}/{below}", target.trim_end_matches('/')))
    }

    /// The local path a container path under `target` mirrors (for the
    /// rescan's comparison); the first glob's base is used.
    pub fn local_path(&self, below_target: &str) -> Option<String> {
        let (base, _) = self.globs.first()?;
        Some(if base.is_empty() {
            below_target.to_string()
        } else {
            format!("{base}/{below_target}")
        })
    }
}

/// The leading directories of a glob that contain no glob characters.
pub fn base_of(glob: &str) -> String {
    let mut parts = Vec::new();
    let segs: Vec<&str> = glob.trim_start_matches("./").split('/').collect();
    for (i, s) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        if last || s.contains(['*', '?', '[', '{']) {
            break;
        }
        parts.push(*s);
    }
    parts.join("/")
}

fn glob(g: &str) -> Result<Glob, RulesError> {
    GlobBuilder::new(g.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .map_err(|source| RulesError::Glob {
            glob: g.to_string(),
            source,
        })
}

fn matcher(g: &str) -> Result<GlobMatcher, RulesError> {
    // A glob naming a directory (`src`, `src/`) means everything below it.
    let g = g.trim_end_matches('/');
    let pattern = if g.contains(['*', '?', '[', '{']) {
        g.to_string()
    } else {
        format!("{{{g},{g}/**}}")
    };
    Ok(glob(&pattern)?.compile_matcher())
}

/// `path` relative to `dir`, `/`-separated; `None` outside it.
pub fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel: PathBuf = path.strip_prefix(dir).ok()?.to_path_buf();
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(
        paths: &[&str],
        ignore: &[&str],
        action: WatchAction,
        target: Option<&str>,
    ) -> WatchPlan {
        WatchPlan {
            paths: paths.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            action,
            service: "api".into(),
            target: target.map(str::to_string),
            command: None,
        }
    }

    #[test]
    fn bases_and_targets() {
        assert_eq!(base_of("services/api/www/**"), "services/api/www");
        assert_eq!(base_of("src/**/*.rs"), "src");
        assert_eq!(base_of("Cargo.toml"), "");
        assert_eq!(base_of("**/*.rs"), "");
        let t = tempfile::tempdir().unwrap();
        let r = Rules::compile(
            &[plan(
                &["services/api/www/**"],
                &["**/*.tmp"],
                WatchAction::Sync,
                Some("/www/"),
            )],
            t.path(),
        )
        .unwrap();
        let rule = &r.rules[0];
        assert_eq!(
            rule.container_path("services/api/www/css/a.css").as_deref(),
            Some("/www/css/a.css")
        );
        assert_eq!(
            r.matching("services/api/www/x.tmp").len(),
            0,
            "rule's own ignore"
        );
        assert_eq!(r.matching("services/api/other.txt").len(), 0);
        assert_eq!(
            rule.local_path("css/a.css").as_deref(),
            Some("services/api/www/css/a.css")
        );
    }

    #[test]
    fn gitignore_dockerignore_and_git_are_ignored() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join(".gitignore"), "target/\n*.log\n").unwrap();
        std::fs::write(t.path().join(".dockerignore"), "secrets\n").unwrap();
        let r =
            Rules::compile(&[plan(&["**"], &[], WatchAction::Restart, None)], t.path()).unwrap();
        assert_eq!(r.matching("src/main.rs").len(), 1);
        assert!(r.matching("target/debug/x").is_empty());
        assert!(r.matching("logs/a.log").is_empty());
        assert!(r.matching("secrets/key").is_empty());
        assert!(r.matching(".git/index").is_empty());
    }

    #[test]
    fn a_directory_glob_means_everything_below_and_roots_nest() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(t.path().join("web/static")).unwrap();
        let r = Rules::compile(
            &[
                plan(&["web/static"], &[], WatchAction::Sync, Some("/s")),
                plan(
                    &["web/static/img/**", "docs/*.md"],
                    &[],
                    WatchAction::Restart,
                    None,
                ),
            ],
            t.path(),
        )
        .unwrap();
        assert_eq!(r.matching("web/static/a/b.js").len(), 1);
        assert_eq!(r.matching("web/static/img/x.png").len(), 2);
        assert_eq!(
            r.roots(),
            vec!["docs".to_string(), "web/static".to_string()]
        );
        assert_eq!(
            r.rules[0].container_path("web/static/a/b.js").as_deref(),
            Some("/s/a/b.js"),
        );
    }
}
