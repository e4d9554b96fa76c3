//! One build's context: the files `.dockerignore` lets through, a hash of
//! everything that decides the image (those files, the Dockerfile, target,
//! build args), and the tar archive sent to the engine.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::dockerignore::IgnoreRules;
use super::monitor;

/// Where a Dockerfile that lives outside its context goes in the archive.
const OUTSIDE_DOCKERFILE: &str = ".itp-dev.Dockerfile";

#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error("build context `{0}` does not exist or is not a directory")]
    NoContext(PathBuf),
    #[error("cannot read Dockerfile `{path}`: {source}")]
    Dockerfile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Ignore {
        path: PathBuf,
        source: Box<super::dockerignore::IgnoreError>,
    },
    #[error("cannot read {}", path.display())]
    ReadIgnore {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read `{path}` in the build context: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Debug)]
pub struct BuildContext {
    pub root: PathBuf,
    /// The context's entries, sorted; listed when first needed (a scan that
    /// the context monitor answered has not walked).
    files: std::sync::OnceLock<Vec<Entry>>,
    rules: IgnoreRules,
    /// The Dockerfile's path inside the archive (the engine's `dockerfile` option).
    pub dockerfile_in_tar: String,
    dockerfile: PathBuf,
    /// Hex SHA-256 of every input of the build.
    pub hash: String,
    /// How many files were read to hash them (the rest came from the
    /// index, their stat unchanged).
    pub files_read: usize,
}

#[derive(Debug)]
pub struct Entry {
    /// `/`-separated, relative to the context root.
    pub rel: String,
    pub kind: EntryKind,
    pub mode: u32,
    /// What `lstat` said of a file (the index's key).
    pub stat: Option<super::index::Stat>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    Symlink(PathBuf),
}

impl BuildContext {
    /// The context at `root`, with its index in the state directory.
    pub fn scan(
        root: &Path,
        dockerfile: &Path,
        target: Option<&str>,
        args: &BTreeMap<String, String>,
    ) -> Result<Self, ContextError> {
        let index = super::index::Index::path_for(root);
        Self::scan_indexed(root, dockerfile, target, args, &index)
    }

    /// The same, with the index at `index_path`.
    pub fn scan_indexed(
        root: &Path,
        dockerfile: &Path,
        target: Option<&str>,
        args: &BTreeMap<String, String>,
        index_path: &Path,
    ) -> Result<Self, ContextError> {
        if !root.is_dir() {
            return Err(ContextError::NoContext(root.to_path_buf()));
        }
        let rules = ignore_rules(root)?;
        let dockerfile_in_tar = match dockerfile.strip_prefix(root) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => OUTSIDE_DOCKERFILE.to_string(),
        };
        let df_text = fs::read(dockerfile).map_err(|source| ContextError::Dockerfile {
            path: dockerfile.to_path_buf(),
            source,
        })?;
        let inputs = inputs_hash(&dockerfile_in_tar, &df_text, target, args);

        // A monitor that saw nothing change since the last scan (or only
        // ignored paths): that scan's hash holds, with no walk at all.
        let remembered = monitor::Remembered::load(index_path);
        let reply = monitor::ask(index_path, remembered.as_ref().map(|r| r.token.as_str()));
        if let (Some(last), Some(reply)) = (&remembered, &reply)
            && last.inputs == inputs
            && nothing_kept_changed(&reply.changes, &rules, &dockerfile_in_tar)
        {
            let hash = last.hash.clone();
            monitor::Remembered {
                token: reply.token.clone(),
                inputs,
                hash: hash.clone(),
            }
            .save(index_path);
            return Ok(BuildContext {
                root: root.to_path_buf(),
                files: std::sync::OnceLock::new(),
                rules,
                dockerfile_in_tar,
                dockerfile: dockerfile.to_path_buf(),
                hash,
                files_read: 0,
            });
        }

        let files = list(root, &rules, &dockerfile_in_tar)?;

        // Each file's content hash from the index when its stat is
        // unchanged; read (and indexed) otherwise.
        let began = super::index::now_ns();
        let index = super::index::Index::load(index_path);
        let mut indexed = Vec::with_capacity(files.len());
        let mut files_read = 0;
        let mut h = Sha256::new();
        for e in &files {
            h.update(e.rel.as_bytes());
            h.update([0]);
            h.update(e.mode.to_le_bytes());
            match &e.kind {
                EntryKind::Dir => h.update(b"d"),
                EntryKind::Symlink(t) => {
                    h.update(b"l");
                    h.update(t.as_os_str().as_encoded_bytes());
                }
                EntryKind::File => {
                    let stat = e.stat.expect("files have a stat");
                    let digest = match index.lookup(&e.rel, &stat) {
                        Some(d) => d,
                        None => {
                            files_read += 1;
                            hash_file(&root.join(&e.rel))?
                        }
                    };
                    h.update(b"f");
                    h.update(digest);
                    indexed.push((e.rel.as_str(), stat, digest));
                }
            }
            h.update([0]);
        }
        if files_read > 0 || indexed.len() != index.len() {
            // A lost index costs a read of every file next time, nothing
            // more: an error here is not worth failing the build for.
            let _ = super::index::Index::save(index_path, began, &indexed);
        }
        h.update(b"dockerfile\0");
        h.update(dockerfile_in_tar.as_bytes());
        h.update(&df_text);
        h.update(b"\0target\0");
        h.update(target.unwrap_or("").as_bytes());
        for (k, v) in args {
            h.update(format!("\0arg\0{k}={v}").as_bytes());
        }
        let hash = crate::plan::hash::to_hex(&h.finalize());
        match reply {
            // The token was taken before the walk: a change made during it
            // shows next time.
            Some(reply) => monitor::Remembered {
                token: reply.token,
                inputs,
                hash: hash.clone(),
            }
            .save(index_path),
            None => {
                monitor::Remembered::forget(index_path);
                if files.len() >= monitor::MIN_FILES {
                    monitor::start(root, index_path);
                }
            }
        }
        Ok(BuildContext {
            root: root.to_path_buf(),
            files: files.into(),
            rules,
            dockerfile_in_tar,
            dockerfile: dockerfile.to_path_buf(),
            hash,
            files_read,
        })
    }

    /// The context's entries, sorted by path.
    pub fn files(&self) -> Result<&[Entry], ContextError> {
        if let Some(f) = self.files.get() {
            return Ok(f);
        }
        let listed = list(&self.root, &self.rules, &self.dockerfile_in_tar)?;
        Ok(self.files.get_or_init(|| listed))
    }

    /// The archive for the engine: uncompressed (the engine is local, so
    /// compression would only cost CPU), owner root, the files' own modes.
    pub fn tar(&self) -> Result<Vec<u8>, ContextError> {
        self.tar_with(None)
    }

    /// The context's archive, with `suffix` appended to the Dockerfile in
    /// it (the build's own instructions, such as its labels).
    pub fn tar_with(&self, suffix: Option<&str>) -> Result<Vec<u8>, ContextError> {
        let mut b = tar::Builder::new(Vec::new());
        b.follow_symlinks(false);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ContextError::Read { path, source }
        };
        for e in self.files()? {
            let abs = self.root.join(&e.rel);
            let meta = fs::symlink_metadata(&abs).map_err(io(&abs))?;
            let mut header = tar::Header::new_gnu();
            header.set_metadata_in_mode(&meta, tar::HeaderMode::Deterministic);
            header.set_mode(e.mode);
            match &e.kind {
                EntryKind::Dir => b
                    .append_data(&mut header, &e.rel, std::io::empty())
                    .map_err(io(&abs))?,
                EntryKind::Symlink(t) => b.append_link(&mut header, &e.rel, t).map_err(io(&abs))?,
                EntryKind::File if suffix.is_some() && e.rel == self.dockerfile_in_tar => {
                    let mut text = fs::read(&abs).map_err(io(&abs))?;
                    text.extend_from_slice(suffix.unwrap_or_default().as_bytes());
                    header.set_size(text.len() as u64);
                    b.append_data(&mut header, &e.rel, text.as_slice())
                        .map_err(io(&abs))?
                }
                EntryKind::File => {
                    let f = fs::File::open(&abs).map_err(io(&abs))?;
                    b.append_data(&mut header, &e.rel, f).map_err(io(&abs))?
                }
            }
        }
        if self.dockerfile_in_tar == OUTSIDE_DOCKERFILE {
            let mut text = fs::read(&self.dockerfile).map_err(io(&self.dockerfile))?;
            text.extend_from_slice(suffix.unwrap_or_default().as_bytes());
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            b.append_data(&mut header, OUTSIDE_DOCKERFILE, text.as_slice())
                .map_err(io(&self.dockerfile))?;
        }
        b.into_inner().map_err(io(&self.root))
    }
}

/// Every entry a build sends, sorted: what `.dockerignore` keeps, and the
/// Dockerfile and `.dockerignore` whatever it says (the engine needs them).
fn list(
    root: &Path,
    rules: &IgnoreRules,
    dockerfile_in_tar: &str,
) -> Result<Vec<Entry>, ContextError> {
    let mut files = walk(root, rules)?;
    for keep in [dockerfile_in_tar, ".dockerignore"] {
        if keep != OUTSIDE_DOCKERFILE
            && root.join(keep).is_file()
            && !files.iter().any(|e| e.rel == keep)
        {
            files.push(entry(root, keep)?);
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}

/// The hash of a build's inputs besides its context's files.
fn inputs_hash(
    dockerfile_in_tar: &str,
    df_text: &[u8],
    target: Option<&str>,
    args: &BTreeMap<String, String>,
) -> String {
    let mut h = Sha256::new();
    h.update(dockerfile_in_tar.as_bytes());
    h.update([0]);
    h.update(df_text);
    h.update(b"\0target\0");
    h.update(target.unwrap_or("").as_bytes());
    for (k, v) in args {
        h.update(format!("\0arg\0{k}={v}").as_bytes());
    }
    crate::plan::hash::to_hex(&h.finalize())
}

/// Whether the changes a monitor reports leave the build's files as they
/// were: none, or only paths `.dockerignore` leaves out (a `target/` a
/// compiler keeps writing). Not when `!` exceptions could bring one back,
/// nor for the Dockerfile or `.dockerignore` themselves.
fn nothing_kept_changed(
    changes: &monitor::Changes,
    rules: &IgnoreRules,
    dockerfile_in_tar: &str,
) -> bool {
    match changes {
        monitor::Changes::Nothing => true,
        monitor::Changes::Unknown => false,
        monitor::Changes::Paths(paths) => {
            rules.can_prune()
                && paths.iter().all(|p| {
                    !p.is_empty()
                        && p != ".dockerignore"
                        && p != dockerfile_in_tar
                        && rules.is_excluded(p)
                })
        }
    }
}

/// The context's `.dockerignore` (none: nothing ignored); a bad pattern is
/// an error naming the file.
fn ignore_rules(root: &Path) -> Result<IgnoreRules, ContextError> {
    let path = root.join(".dockerignore");
    match crate::files::read_optional(&path) {
        Ok(Some(t)) => IgnoreRules::parse(&t).map_err(|e| ContextError::Ignore {
            path,
            source: Box::new(e),
        }),
        Ok(None) => Ok(IgnoreRules::empty()),
        Err(source) => Err(ContextError::ReadIgnore { path, source }),
    }
}

/// The size of what a build would send, and of each top-level entry, for
/// `doctor`: metadata only, nothing read.
pub fn measure(root: &Path) -> Result<(u64, Vec<(String, u64)>), ContextError> {
    let rules = ignore_rules(root)?;
    let files = walk(root, &rules)?;
    let mut total = 0;
    let mut top: std::collections::BTreeMap<String, u64> = Default::default();
    for e in files.iter().filter(|e| e.kind == EntryKind::File) {
        let len = e.stat.map_or(0, |s| s.size);
        total += len;
        let first = e.rel.split('/').next().unwrap_or(&e.rel).to_string();
        *top.entry(first).or_default() += len;
    }
    let mut top: Vec<(String, u64)> = top.into_iter().collect();
    top.sort_by_key(|e| std::cmp::Reverse(e.1));
    Ok((total, top))
}

/// Every entry of the context that `.dockerignore` keeps, in no set order
/// (callers sort). Directories are read by a few threads from one queue:
/// on a warm `up` the cost is one lstat per file, which is system time that
/// spreads over cores.
fn walk(root: &Path, rules: &IgnoreRules) -> Result<Vec<Entry>, ContextError> {
    use std::sync::{Condvar, Mutex};
    struct Queue {
        dirs: Vec<String>,
        /// Directories taken but not yet read: while any is, more may come.
        busy: usize,
        failed: Option<ContextError>,
    }
    let queue = Mutex::new(Queue {
        dirs: vec![String::new()],
        busy: 0,
        failed: None,
    });
    let more = Condvar::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let worker = || {
        let mut mine = Vec::new();
        loop {
            let dir = {
                let mut q = queue.lock().unwrap();
                loop {
                    if q.failed.is_some() {
                        return mine;
                    }
                    if let Some(d) = q.dirs.pop() {
                        q.busy += 1;
                        break d;
                    }
                    if q.busy == 0 {
                        more.notify_all();
                        return mine;
                    }
                    q = more.wait(q).unwrap();
                }
            };
            let read = read_dir_entries(root, &dir, rules, &mut mine);
            let mut q = queue.lock().unwrap();
            q.busy -= 1;
            match read {
                Ok(subdirs) => q.dirs.extend(subdirs),
                Err(e) => {
                    q.failed.get_or_insert(e);
                }
            }
            more.notify_all();
        }
    };
    let parts: Vec<Vec<Entry>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
        let mut parts = vec![worker()];
        parts.extend(handles.into_iter().map(|h| h.join().unwrap()));
        parts
    });
    if let Some(e) = queue.into_inner().unwrap().failed {
        return Err(e);
    }
    Ok(parts.into_iter().flatten().collect())
}

/// One directory's kept entries (into `out`), and the subdirectories still
/// to read.
fn read_dir_entries(
    root: &Path,
    rel_dir: &str,
    rules: &IgnoreRules,
    out: &mut Vec<Entry>,
) -> Result<Vec<String>, ContextError> {
    let dir = root.join(rel_dir);
    let read = fs::read_dir(&dir).map_err(|source| ContextError::Read {
        path: dir.clone(),
        source,
    })?;
    let mut subdirs = Vec::new();
    for d in read {
        let d = d.map_err(|source| ContextError::Read {
            path: dir.clone(),
            source,
        })?;
        let name = d.file_name().to_string_lossy().into_owned();
        let rel = if rel_dir.is_empty() {
            name
        } else {
            format!("{rel_dir}/{name}")
        };
        let excluded = rules.is_excluded(&rel);
        // The entry's lstat through the directory's open descriptor
        // (statx on dirfd + name): the kernel does not walk the whole path
        // again for each of 20,000 files.
        let meta = d.metadata().map_err(|source| ContextError::Read {
            path: d.path(),
            source,
        })?;
        if excluded && special(&meta) {
            continue;
        }
        let e = entry_of(root, &rel, meta)?;
        if e.kind == EntryKind::Dir {
            if excluded && rules.can_prune() {
                continue;
            }
            subdirs.push(rel.clone());
        }
        if !excluded {
            out.push(e);
        }
    }
    Ok(subdirs)
}

/// A FIFO, socket or device (not a file, directory or symlink).
fn special(m: &fs::Metadata) -> bool {
    !(m.is_file() || m.is_dir() || m.file_type().is_symlink())
}

fn entry(root: &Path, rel: &str) -> Result<Entry, ContextError> {
    let abs = root.join(rel);
    let meta = fs::symlink_metadata(&abs).map_err(|source| ContextError::Read {
        path: abs.clone(),
        source,
    })?;
    entry_of(root, rel, meta)
}

/// An entry from its lstat.
fn entry_of(root: &Path, rel: &str, meta: fs::Metadata) -> Result<Entry, ContextError> {
    // The full path only where it is used: a link to read, or an error.
    let abs = || root.join(rel);
    let kind = if meta.file_type().is_symlink() {
        EntryKind::Symlink(fs::read_link(abs()).map_err(|source| ContextError::Read {
            path: abs(),
            source,
        })?)
    } else if meta.is_dir() {
        EntryKind::Dir
    } else if meta.is_file() {
        EntryKind::File
    } else {
        // Reading a FIFO would never end; a socket or device means nothing
        // to a build.
        return Err(ContextError::Read {
            path: abs(),
            source: std::io::Error::other(format!(
                "it is a {}, not a regular file; add it to .dockerignore",
                crate::profile::load::file_kind(&meta)
            )),
        });
    };
    Ok(Entry {
        rel: rel.to_string(),
        stat: (kind == EntryKind::File).then(|| super::index::Stat::of(&meta)),
        kind,
        mode: meta.permissions().mode() & 0o7777,
    })
}

/// A file's content hash.
fn hash_file(path: &Path) -> Result<[u8; 32], ContextError> {
    let err = |source| ContextError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut f = fs::File::open(path).map_err(err)?;
    let mut h = Sha256::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(err)?;
        if n == 0 {
            return Ok(h.finalize().into());
        }
        h.update(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests' indexes, away from the user's state directory.
    fn index_for(dir: &Path) -> PathBuf {
        static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
        let base = DIR.get_or_init(|| tempfile::tempdir().unwrap());
        let key = crate::plan::hash::hex_digest(dir.as_os_str().as_encoded_bytes());
        base.path().join(&key[..16])
    }

    fn scan(dir: &Path) -> BuildContext {
        BuildContext::scan_indexed(
            dir,
            &dir.join("Dockerfile"),
            None,
            &BTreeMap::new(),
            &index_for(dir),
        )
        .unwrap()
    }

    #[test]
    fn an_unchanged_context_is_not_read_again_and_a_changed_file_is() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        fs::write(d.join("Dockerfile"), "FROM scratch\n").unwrap();
        for i in 0..50 {
            fs::write(d.join(format!("f{i}.txt")), format!("{i}")).unwrap();
        }
        // Files written this instant are racily clean: read each time.
        let fresh = scan(d);
        assert_eq!(fresh.files_read, 51);
        assert_eq!(scan(d).files_read, 51);
        // Settled (older than any timestamp granularity): read once more
        // to index them as settled, then never.
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let settled = scan(d);
        assert_eq!(settled.hash, fresh.hash);
        let warm = scan(d);
        assert_eq!(
            (warm.files_read, warm.hash.as_str()),
            (0, fresh.hash.as_str())
        );
        // Same size, new content: read, and the hash follows.
        fs::write(d.join("f7.txt"), "x").unwrap();
        let changed = scan(d);
        assert_eq!(changed.files_read, 1);
        assert_ne!(changed.hash, fresh.hash);
        // A file removed, one added.
        fs::remove_file(d.join("f8.txt")).unwrap();
        fs::write(d.join("new.txt"), "n").unwrap();
        let again = scan(d);
        assert_ne!(again.hash, changed.hash);
        assert!(!again.files().unwrap().iter().any(|e| e.rel == "f8.txt"));
    }

    #[test]
    fn hash_follows_included_content_only() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        fs::write(d.join("Dockerfile"), "FROM scratch\n").unwrap();
        fs::write(d.join(".dockerignore"), "Dockerfile\nlogs\n").unwrap();
        fs::create_dir(d.join("logs")).unwrap();
        fs::write(d.join("logs/a.log"), "1").unwrap();
        fs::write(d.join("app.txt"), "v1").unwrap();
        let first = scan(d);
        let names: Vec<&str> = first
            .files()
            .unwrap()
            .iter()
            .map(|e| e.rel.as_str())
            .collect();
        assert_eq!(names, [".dockerignore", "Dockerfile", "app.txt"]);

        fs::write(d.join("logs/a.log"), "2").unwrap();
        assert_eq!(scan(d).hash, first.hash, "an ignored file changed");
        fs::write(d.join("app.txt"), "v2").unwrap();
        assert_ne!(scan(d).hash, first.hash, "an included file changed");

        let args = BTreeMap::from([("A".to_string(), "1".to_string())]);
        let with_arg =
            BuildContext::scan_indexed(d, &d.join("Dockerfile"), None, &args, &index_for(d))
                .unwrap();
        assert_ne!(with_arg.hash, scan(d).hash, "a build arg changed");
    }

    #[test]
    fn tar_holds_the_included_files_and_an_outside_dockerfile() {
        let t = tempfile::tempdir().unwrap();
        let ctx = t.path().join("ctx");
        fs::create_dir_all(ctx.join("src")).unwrap();
        fs::write(ctx.join("src/main.rs"), "fn main() {}").unwrap();
        fs::write(ctx.join("secret.env"), "X=1").unwrap();
        fs::write(ctx.join(".dockerignore"), "*.env\n").unwrap();
        let df = t.path().join("build.Dockerfile");
        fs::write(&df, "FROM scratch\n").unwrap();
        let c =
            BuildContext::scan_indexed(&ctx, &df, Some("dev"), &BTreeMap::new(), &index_for(&ctx))
                .unwrap();
        assert_eq!(c.dockerfile_in_tar, OUTSIDE_DOCKERFILE);
        let bytes = c.tar().unwrap();
        let mut a = tar::Archive::new(bytes.as_slice());
        let names: Vec<String> = a
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"src/main.rs".to_string()), "{names:?}");
        assert!(names.contains(&OUTSIDE_DOCKERFILE.to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("secret")), "{names:?}");
    }

    #[test]
    fn missing_context_and_dockerfile_are_named() {
        let t = tempfile::tempdir().unwrap();
        let e = BuildContext::scan_indexed(
            &t.path().join("nope"),
            &t.path().join("Dockerfile"),
            None,
            &BTreeMap::new(),
            &index_for(t.path()),
        )
        .unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
        let e = BuildContext::scan_indexed(
            t.path(),
            &t.path().join("Dockerfile"),
            None,
            &BTreeMap::new(),
            &index_for(t.path()),
        )
        .unwrap_err();
        assert!(e.to_string().contains("Dockerfile"), "{e}");
    }
}
