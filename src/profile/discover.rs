//! Finding the profile: `-f PATH` if given, else the nearest `itp-dev.toml`
//! walking up from the working directory (as git and cargo find theirs).

use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "itp-dev.toml";

/// The profile path to read, or `None` when no directory up to the root has one.
pub fn discover(start: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(f) = explicit {
        return Some(start.join(f));
    }
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.exists())
}

/// The current git branch of the repository holding `dir`, read from
/// `.git/HEAD` directly (no `git` process: this runs on every command).
pub fn git_branch(dir: &Path) -> Option<String> {
    let git = dir
        .ancestors()
        .map(|d| d.join(".git"))
        .find(|p| p.exists())?;
    let git_dir = if git.is_file() {
        // A worktree or submodule: `.git` is a file saying `gitdir: PATH`.
        let text = std::fs::read_to_string(&git).ok()?;
        let p = PathBuf::from(text.trim().strip_prefix("gitdir:")?.trim());
        if p.is_absolute() {
            p
        } else {
            git.parent()?.join(p)
        }
    } else {
        git
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    match head.strip_prefix("ref: refs/heads/") {
        Some(branch) => Some(branch.to_string()),
        None => Some(head.chars().take(12).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_up_to_the_nearest_profile() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join(FILE_NAME), "").unwrap();
        let deep = t.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(discover(&deep, None), Some(t.path().join(FILE_NAME)));
        assert_eq!(
            discover(&deep, Some(Path::new("x.toml"))),
            Some(deep.join("x.toml"))
        );
    }

    #[test]
    fn reads_the_branch_from_head() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(t.path().join(".git")).unwrap();
        std::fs::write(
            t.path().join(".git/HEAD"),
            "ref: refs/heads/feature/login\n",
        )
        .unwrap();
        assert_eq!(git_branch(t.path()).as_deref(), Some("feature/login"));
    }
}
