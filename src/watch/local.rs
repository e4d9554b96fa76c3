//! The local side of a sync rule: which files it covers now (for the
//! rescan), and their content hashes. Symlinks are never followed, so a
//! symlink loop is just a symlink.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::rules::{Rule, Rules};

/// Files of `rule` under `dir` (relative path → content hash), and the
/// paths that could not be read, with why.
pub fn snapshot(dir: &Path, rules: &Rules, rule: &Rule) -> (BTreeMap<String, String>, Vec<String>) {
    // The same index as build contexts keep: a start-up rescan reads only
    // the files whose stat changed since the last one.
    let index_path = crate::build::index::Index::path_for(&dir.join(".itp-dev-watch"));
    let began = crate::build::index::now_ns();
    let index = crate::build::index::Index::load(&index_path);
    let mut w = Walk::new(dir, rules, rule, true);
    w.index = Some(&index);
    for (base, _) in &rule.globs {
        w.visit(base);
    }
    if w.read > 0 || w.indexed.len() != index.len() {
        let entries: Vec<(&str, crate::build::index::Stat, [u8; 32])> = w
            .indexed
            .iter()
            .map(|(r, s, h)| (r.as_str(), *s, *h))
            .collect();
        // Lost, it costs a full read next time, nothing more.
        let _ = crate::build::index::Index::save(&index_path, began, &entries);
    }
    (w.files, w.errors)
}

/// The files of `rule` below the directory `rel_dir` (relative paths),
/// without hashing them.
pub fn list_dir(
    dir: &Path,
    rel_dir: &str,
    rules: &Rules,
    rule: &Rule,
) -> (Vec<String>, Vec<String>) {
    let mut w = Walk::new(dir, rules, rule, false);
    w.visit(rel_dir);
    (w.files.into_keys().collect(), w.errors)
}

struct Walk<'a> {
    dir: &'a Path,
    rules: &'a Rules,
    rule: &'a Rule,
    /// Hash each file (for a rescan), or only list it.
    hashed: bool,
    files: BTreeMap<String, String>,
    errors: Vec<String>,
    index: Option<&'a crate::build::index::Index>,
    /// What the index will hold: regular files, by stat.
    indexed: Vec<(String, crate::build::index::Stat, [u8; 32])>,
    /// Files read to hash them (not known to the index).
    read: usize,
}

impl<'a> Walk<'a> {
    fn new(dir: &'a Path, rules: &'a Rules, rule: &'a Rule, hashed: bool) -> Self {
        Walk {
            dir,
            rules,
            rule,
            hashed,
            files: BTreeMap::new(),
            errors: Vec::new(),
            index: None,
            indexed: Vec::new(),
            read: 0,
        }
    }

    fn visit(&mut self, rel_dir: &str) {
        let entries = match fs::read_dir(self.dir.join(rel_dir)) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => {
                self.errors.push(format!("{rel_dir}: {e}"));
                return;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel_dir.is_empty() {
                name
            } else {
                format!("{rel_dir}/{name}")
            };
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                if !self.rules.ignored(&rel, true) {
                    self.visit(&rel);
                }
                continue;
            }
            if !self.rule.matches(&rel)
                || self.rules.ignored(&rel, false)
                || self.files.contains_key(&rel)
            {
                continue;
            }
            if !(ft.is_file() || ft.is_symlink()) {
                // A FIFO, socket or device: reading it could block forever.
                self.errors
                    .push(format!("{rel}: not a regular file; not synced"));
                continue;
            }
            if !self.hashed {
                self.files.insert(rel, String::new());
                continue;
            }
            if ft.is_file()
                && let Some(index) = self.index
                && let Ok(meta) = entry.metadata()
            {
                let stat = crate::build::index::Stat::of(&meta);
                let digest = match index.lookup(&rel, &stat) {
                    Some(d) => d,
                    None => match digest(&self.dir.join(&rel)) {
                        Ok(d) => {
                            self.read += 1;
                            d
                        }
                        Err(e) => {
                            self.errors.push(format!("{rel}: {e}"));
                            continue;
                        }
                    },
                };
                self.files
                    .insert(rel.clone(), crate::plan::hash::to_hex(&digest));
                self.indexed.push((rel, stat, digest));
                continue;
            }
            match hash(&self.dir.join(&rel)) {
                Ok(h) => {
                    self.files.insert(rel, h);
                }
                Err(e) => self.errors.push(format!("{rel}: {e}")),
            }
        }
    }
}

/// SHA-256 of a regular file's content.
fn digest(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut f = fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(h.finalize().into());
        }
        h.update(&buf[..n]);
    }
}

/// SHA-256 of a file's content, or of a symlink's target text (as the
/// container's `sha256sum` would see neither the same way, a symlink always
/// counts as changed and is sent again).
pub fn hash(path: &Path) -> std::io::Result<String> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Ok(format!("symlink:{}", fs::read_link(path)?.display()));
    }
    Ok(crate::plan::hash::to_hex(&digest(path)?))
}
