//! Records the git commit the binary is built from, for `itp-dev --version`
//! (and bug reports). Outside a git checkout (a crate tarball, a .deb
//! built from a source package) `ITP_DEV_GIT_COMMIT` may say it; otherwise
//! it is "unknown". Only git's own files are read, so this costs nothing
//! measurable and needs no git on PATH.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=ITP_DEV_GIT_COMMIT");
    let commit = std::env::var("ITP_DEV_GIT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git_dir().and_then(|d| head_commit(&d)))
        .map(|c| c.chars().take(12).collect::<String>())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ITP_DEV_GIT_COMMIT={commit}");
}

/// `.git` of the manifest's checkout: a directory, or a file pointing at
/// one (worktrees and cargo's git checkouts).
fn git_dir() -> Option<PathBuf> {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let dot = root.join(".git");
    if dot.is_dir() {
        return Some(dot);
    }
    let text = std::fs::read_to_string(&dot).ok()?;
    let target = text.strip_prefix("gitdir:")?.trim();
    Some(root.join(target))
}

fn head_commit(git: &Path) -> Option<String> {
    let head_file = git.join("HEAD");
    println!("cargo:rerun-if-changed={}", head_file.display());
    let head = std::fs::read_to_string(&head_file).ok()?;
    let Some(reference) = head.trim().strip_prefix("ref: ") else {
        return Some(head.trim().to_string());
    };
    // A worktree keeps its refs in the common directory.
    let common = std::fs::read_to_string(git.join("commondir"))
        .map(|c| git.join(c.trim()))
        .unwrap_or_else(|_| git.to_path_buf());
    let loose = common.join(reference);
    // Only files that exist: cargo takes a missing one as always changed,
    // and rebuilt the crate on every `cargo run` (minutes in release) in a
    // checkout without packed-refs. A ref not yet written loose is watched
    // through its directory, where a commit would write it.
    let watch = |p: &Path| println!("cargo:rerun-if-changed={}", p.display());
    match (loose.exists(), loose.parent()) {
        (true, _) => watch(&loose),
        (false, Some(dir)) if dir.exists() => watch(dir),
        _ => {}
    }
    let packed_refs = common.join("packed-refs");
    if packed_refs.exists() {
        watch(&packed_refs);
    }
    if let Ok(c) = std::fs::read_to_string(&loose) {
        return Some(c.trim().to_string());
    }
    let packed = std::fs::read_to_string(common.join("packed-refs")).ok()?;
    packed.lines().find_map(|l| {
        let (hash, name) = l.split_once(' ')?;
        (name == reference).then(|| hash.to_string())
    })
}
