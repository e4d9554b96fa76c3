//! A build context's index, as git keeps one: each file's path and what
//! `lstat` says of it (size, mtime, ctime, inode) → the hash of its
//! content, in the state directory. A warm `up` stats every file (it must,
//! to know) but reads only those whose stat changed, so its cost grows with
//! what changed, not with the size of the context.
//!
//! A file written in the same instant as the index cannot be told from an
//! unchanged one by its stat alone (git calls it "racily clean"): an entry
//! whose mtime or ctime is not safely older than the index is read again
//! next time, and trusted only once it is.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// How much older than the index a file's times must be to be trusted:
/// more than any filesystem's timestamp granularity (FAT's is 2 s).
const RACY_NS: i128 = 2_000_000_000;

const HEADER: &str = "itp-dev build context index 1";

/// What `lstat` says of a file, as far as it tells a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
}

impl Stat {
    pub fn of(m: &Metadata) -> Stat {
        Stat {
            size: m.size(),
            mtime_ns: m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128,
            ctime_ns: m.ctime() as i128 * 1_000_000_000 + m.ctime_nsec() as i128,
            ino: m.ino(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Index {
    entries: HashMap<String, (Stat, [u8; 32])>,
    /// When the scan that wrote it began (ns since the epoch).
    written_ns: i128,
}

/// Now, in ns since the epoch.
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl Index {
    /// Where the index of the context at `root` is kept.
    pub fn path_for(root: &Path) -> PathBuf {
        let key = crate::plan::hash::hex_digest(root.as_os_str().as_encoded_bytes());
        crate::state::base_dir()
            .join("contexts")
            .join(format!("{}.idx", &key[..24]))
    }

    /// The index at `path`; empty when there is none or it cannot be read
    /// (then every file is read, as without one).
    pub fn load(path: &Path) -> Index {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Index::default();
        };
        let mut lines = text.lines();
        let written_ns = match lines.next().and_then(|h| h.strip_prefix(HEADER)) {
            Some(rest) => rest.trim().parse().unwrap_or(0),
            None => return Index::default(),
        };
        let mut entries = HashMap::new();
        for line in lines {
            let mut f = line.splitn(6, ' ');
            let parsed = (|| {
                let hash = hex32(f.next()?)?;
                let stat = Stat {
                    size: f.next()?.parse().ok()?,
                    mtime_ns: f.next()?.parse().ok()?,
                    ctime_ns: f.next()?.parse().ok()?,
                    ino: f.next()?.parse().ok()?,
                };
                Some((f.next()?.to_string(), (stat, hash)))
            })();
            match parsed {
                Some((rel, e)) => {
                    entries.insert(rel, e);
                }
                // A damaged index is no index.
                None => return Index::default(),
            }
        }
        Index {
            entries,
            written_ns,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The content hash of `rel` when its stat is what the index has and
    /// was safely older than the index.
    pub fn lookup(&self, rel: &str, stat: &Stat) -> Option<[u8; 32]> {
        let (known, hash) = self.entries.get(rel)?;
        let settled =
            stat.mtime_ns < self.written_ns - RACY_NS && stat.ctime_ns < self.written_ns - RACY_NS;
        (known == stat && settled).then_some(*hash)
    }

    /// Writes the index of a scan that began at `began_ns`, whole, then
    /// renamed into place (a crash leaves the old one or none).
    pub fn save(
        path: &Path,
        began_ns: i128,
        entries: &[(&str, Stat, [u8; 32])],
    ) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = Vec::with_capacity(entries.len() * 120);
        writeln!(out, "{HEADER} {began_ns}")?;
        for (rel, s, h) in entries {
            // A name with a newline cannot be a line: it is read each time.
            if rel.contains('\n') {
                continue;
            }
            writeln!(
                out,
                "{} {} {} {} {} {rel}",
                crate::plan::hash::to_hex(h),
                s.size,
                s.mtime_ns,
                s.ctime_ns,
                s.ino
            )?;
        }
        let tmp = path.with_extension(format!("idx.{}", std::process::id()));
        std::fs::write(&tmp, out)?;
        std::fs::rename(tmp, path)
    }
}

fn hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(mtime_ns: i128) -> Stat {
        Stat {
            size: 3,
            mtime_ns,
            ctime_ns: mtime_ns,
            ino: 7,
        }
    }

    #[test]
    fn only_a_settled_unchanged_stat_is_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.idx");
        let now = now_ns();
        let old = now - 10 * RACY_NS;
        let racy = now - 1;
        Index::save(
            &path,
            now,
            &[
                ("a b.txt", stat(old), [1; 32]),
                ("racy.txt", stat(racy), [2; 32]),
                ("bad\nname", stat(old), [3; 32]),
            ],
        )
        .unwrap();
        let idx = Index::load(&path);
        assert_eq!(idx.lookup("a b.txt", &stat(old)), Some([1; 32]));
        // Same stat, but written in the index's own instant: read again.
        assert_eq!(idx.lookup("racy.txt", &stat(racy)), None);
        // Any change of the stat.
        let mut changed = stat(old);
        changed.size = 4;
        assert_eq!(idx.lookup("a b.txt", &changed), None);
        assert_eq!(idx.lookup("new.txt", &stat(old)), None);
        assert_eq!(idx.lookup("bad\nname", &stat(old)), None);
    }

    #[test]
    fn a_damaged_index_is_no_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.idx");
        std::fs::write(&path, format!("{HEADER} 5\nnot a line\n")).unwrap();
        assert!(Index::load(&path).entries.is_empty());
        std::fs::write(&path, "something else\n").unwrap();
        assert!(Index::load(&path).entries.is_empty());
    }
}
