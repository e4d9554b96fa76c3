//! Reading small files from the user's repository (ignore files, `.env`)
//! without ever blocking: a FIFO, socket or device where a file belongs is
//! an error naming its type, not a read that never returns.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The file's text; `Ok(None)` when there is none; an error when it is not
/// a regular file or cannot be read.
pub fn read_optional(path: &Path) -> io::Result<Option<String>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
        Ok(m) if !m.is_file() => Err(io::Error::other(format!(
            "`{}` is a {}, not a regular file",
            path.display(),
            crate::profile::load::file_kind(&m)
        ))),
        Ok(_) => std::fs::read_to_string(path).map(Some),
    }
}
/// The path with its links resolved as far as it exists, the rest added
/// lexically.
pub fn resolve_links(p: &Path) -> PathBuf {
    let p = normalize(p);
    let mut existing = p.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(r) = existing.canonicalize() {
            let mut out = r;
            out.extend(rest.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return p,
        }
    }
}

/// `a/./b/../c` → `a/c` without touching the filesystem.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
