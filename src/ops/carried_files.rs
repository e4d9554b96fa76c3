//! What the bind mounts of a plan hold, read for `k8s render` and `push`:
//! a small file or a flat directory goes to the cluster as a ConfigMap (or
//! a Secret); the rest is reported as not carried, with the reason.

use std::collections::BTreeMap;
use std::path::Path;

use crate::k8s::render::{CARRY_LIMIT, MountContent};
use crate::plan::{MountKind, Plan};

/// By host path, each bind mount's content (the dev container's repository
/// mount is not read: it is never carried).
pub fn read(plan: &Plan) -> BTreeMap<String, MountContent> {
    let mut out = BTreeMap::new();
    for c in &plan.containers {
        for m in c.mounts.iter().filter(|m| m.kind == MountKind::Bind) {
            if c.is_dev && Some(&m.target) == c.workdir.as_ref() {
                continue;
            }
            out.entry(m.source.clone())
                .or_insert_with(|| content(Path::new(&m.source), m.read_only));
        }
    }
    out
}

/// A bind mount's content as `itp-dev diff` compares it: hashed, with a
/// directory's names as the ConfigMap's keys; what cannot be carried is
/// unreadable, with the reason.
pub fn as_compared(source: &str, read_only: bool, secret: bool) -> crate::parity::File {
    use crate::parity::File;
    match content(Path::new(source), read_only) {
        MountContent::File(bytes) => File::of_bytes(&bytes, secret),
        MountContent::Dir(files) => {
            let keyed = files
                .into_iter()
                .map(|(k, v)| (crate::k8s::render::key_of(&k), v))
                .collect();
            File::of_dir(&keyed, secret)
        }
        MountContent::No(why) => File::NotCarried(why),
    }
}

/// What a bind mount's source holds for the cluster. A file is carried
/// (config files are often mounted writable); a directory only when it is
/// mounted read-only and holds files: a writable one is where a service
/// keeps data (`./data:/var/lib/postgresql/data`), which a read-only
/// ConfigMap would break.
fn content(path: &Path, read_only: bool) -> MountContent {
    let no = |why: &str| MountContent::No(why.to_string());
    let Ok(meta) = std::fs::metadata(path) else {
        return no("it does not exist on this machine");
    };
    if meta.is_file() {
        if meta.len() as usize > CARRY_LIMIT {
            return no("larger than a ConfigMap may be (about 1 MiB)");
        }
        return match std::fs::read(path) {
            Ok(bytes) => MountContent::File(bytes),
            Err(_) => no("it cannot be read"),
        };
    }
    if !meta.is_dir() {
        return no("not a regular file or directory");
    }
    if !read_only {
        return no(
            "a writable directory: what a service keeps there stays on this machine (a named volume carries data; mount config directories `:ro`)",
        );
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return no("it cannot be read");
    };
    let mut files = BTreeMap::new();
    let mut total = 0usize;
    for e in entries.flatten() {
        let Ok(m) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        if !m.is_file() {
            return no("a directory with subdirectories or links (a ConfigMap holds flat files)");
        }
        total += m.len() as usize;
        if total > CARRY_LIMIT {
            return no("larger than a ConfigMap may be (about 1 MiB)");
        }
        match std::fs::read(e.path()) {
            Ok(bytes) => {
                files.insert(e.file_name().to_string_lossy().into_owned(), bytes);
            }
            Err(_) => return no("a file in it cannot be read"),
        }
    }
    if files.is_empty() {
        return no("an empty directory");
    }
    MountContent::Dir(files)
}
