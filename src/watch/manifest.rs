//! What `watch` itself put into a sync target, so that it only ever
//! deletes its own files.
//!
//! A sync target is not itp-dev's: it may be a bind mount of a host
//! directory, a directory of the repository, or hold files the image or
//! the developer put there. A file there is removed only when it is in
//! this manifest with the content itp-dev sent (a file edited there since
//! is someone's), and itp-dev saw it deleted (or found it gone) locally.
//! One manifest per service and target, in the project's state directory,
//! kept across runs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Absolute container paths of the files synced there → the hash of
    /// what was sent (`symlink:TARGET` for a symlink).
    files: BTreeMap<String, String>,
    #[serde(skip)]
    path: Option<PathBuf>,
}

impl Manifest {
    /// The manifest of `service`'s `target`, empty when none was kept (or
    /// the state directory cannot be used: then nothing is ever deleted).
    pub fn load(project: &str, service: &str, target: &str) -> Manifest {
        let path = crate::state::project_dir(project).ok().map(|d| {
            let key = hex(&Sha256::digest(target.as_bytes())[..8]);
            d.join("sync").join(format!("{service}-{key}.json"))
        });
        let mut m: Manifest = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        m.path = path;
        m
    }

    pub fn contains(&self, container_path: &str) -> bool {
        self.files.contains_key(container_path)
    }

    /// What itp-dev sent to this path.
    pub fn hash_of(&self, container_path: &str) -> Option<&str> {
        self.files.get(container_path).map(String::as_str)
    }

    /// Synced paths that are proper ancestors of `container_path` (a file or
    /// symlink itp-dev put there, where a directory is wanted now).
    pub fn ancestors_of(&self, container_path: &str) -> Vec<String> {
        std::path::Path::new(container_path)
            .ancestors()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .filter(|a| self.files.contains_key(a))
            .collect()
    }

    /// Synced files at `container_path` or below it (a deleted directory).
    pub fn at_or_below(&self, container_path: &str) -> Vec<String> {
        // Sorted keys: the path, then everything below it, sit in one range
        // (this runs per uploaded file, so no scan of the whole manifest).
        let dir = format!("{}/", container_path.trim_end_matches('/'));
        let mut out: Vec<String> = self
            .files
            .get_key_value(container_path)
            .map(|(k, _)| k.clone())
            .into_iter()
            .collect();
        out.extend(
            self.files
                .range(dir.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(&dir))
                .cloned(),
        );
        out
    }

    /// Records `(path, hash)` pairs just sent.
    pub fn add(&mut self, sent: impl IntoIterator<Item = (String, String)>) {
        self.files.extend(sent);
        self.save();
    }

    pub fn forget(&mut self, paths: &[String]) {
        for p in paths {
            self.files.remove(p);
        }
        self.save();
    }

    fn save(&self) {
        let Some(path) = &self.path else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension("json.tmp");
        if std::fs::write(&tmp, serde_json::to_vec(self).expect("serializes")).is_ok() {
            let _ = std::fs::rename(tmp, path);
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_synced_files_are_known_and_a_directory_covers_its_files() {
        let mut m = Manifest::default();
        m.add(
            ["/w/a.txt", "/w/d/b.txt", "/w/dd/c", "/w/k"].map(|p| (p.to_string(), "h".to_string())),
        );
        assert!(m.contains("/w/a.txt"));
        assert_eq!(m.hash_of("/w/a.txt"), Some("h"));
        assert_eq!(m.ancestors_of("/w/k/x/y.txt"), ["/w/k"]);
        assert!(!m.contains("/w/other.txt"));
        assert_eq!(m.at_or_below("/w/d"), vec!["/w/d/b.txt".to_string()]);
        m.forget(&["/w/a.txt".into()]);
        assert!(!m.contains("/w/a.txt"));
    }
}
