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
                .or_insert_with(|| content(Path::new(&m.source)));
        }
    }
    out
}

/// A bind mount's content as `itp-dev diff` compares it: hashed, with a
/// directory's names as the ConfigMap's keys; what cannot be carried is
/// unreadable, with the reason.
pub fn as_compared(source: &str, target: &str) -> crate::parity::File {
    use crate::parity::File;
    let secret = target.starts_with("/run/secrets/");
    match content(Path::new(source)) {
        MountContent::File(bytes) => File::of_bytes(&bytes, secret),
        MountContent::Dir(files) => {
            let keyed = files
                .into_iter()
                .map(|(k, v)| (crate::k8s::render::key_of(&k), v))
                .collect();
            File::of_dir(&keyed, secret)
        }
        MountContent::No(why) => File::Unreadable(why),
    }
}

fn content(path: &Path) -> MountContent {
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
    MountContent::Dir(files)
}
