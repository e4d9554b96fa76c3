//! The container side of a sync: one streamed tar upload per batch and
//! target, one `rm` for removed files, and the container's content hashes
//! for a rescan.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use bollard::Docker;
use bollard::query_parameters::UploadToContainerOptionsBuilder;
use bytes::Bytes;
use tokio::sync::mpsc;

use crate::docker::exec::{StreamError, capture};

/// The sync's errors become the watch's notices: one line with the causes.
/// Why files could not be sent, removed or compared; the engine's own
/// error is kept as the cause.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the engine refused the files")]
    Refused(#[source] bollard::errors::Error),
    #[error("the archive could not be written")]
    Archive(#[source] tokio::task::JoinError),
    #[error("a command in the container failed")]
    Exec(#[from] StreamError),
    #[error("rm exited {code}: {stderr}")]
    Rm { code: i64, stderr: String },
}

/// A local file and where it goes in the container (absolute).
#[derive(Clone, Debug)]
pub struct Upload {
    pub abs: PathBuf,
    pub container_path: String,
}

#[derive(Debug, Default)]
pub struct Uploaded {
    pub files: usize,
    /// What was sent, by local path: its content hash as the container's
    /// `sha256sum` prints it (`symlink:TARGET` for a symlink), for the
    /// manifest.
    pub hashes: Vec<(PathBuf, String)>,
    /// Files that vanished or could not be read meanwhile, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Writes into the upload's body from the blocking tar thread.
struct ChannelWriter(mpsc::Sender<Bytes>);

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .blocking_send(Bytes::copy_from_slice(buf))
            .map_err(|_| std::io::Error::other("upload ended"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Who synced files belong to in the container: its configured user.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    /// Numeric ids (the dev container runs as the host's `uid:gid`),
    /// written into the archive.
    Ids(u64, u64),
    /// A user name: the engine resolves it in the container (`copyUIDGID`).
    Named,
}

impl Owner {
    /// From a container's `user` setting: `None` is root.
    pub fn of(user: Option<&str>) -> Owner {
        let Some(u) = user else {
            return Owner::Ids(0, 0);
        };
        let (uid, gid) = u.split_once(':').unwrap_or((u, u));
        match (uid.parse(), gid.parse()) {
            (Ok(uid), Ok(gid)) => Owner::Ids(uid, gid),
            _ => Owner::Named,
        }
    }
}

/// Sends `files` in one tar, streamed (a 100 MB file is never held in
/// memory), owned by `owner` in the container so the dev container's files
/// stay the developer's.
pub async fn upload(
    docker: &Docker,
    container: &str,
    files: Vec<Upload>,
    owner: Owner,
) -> Result<Uploaded, SyncError> {
    let (tx, mut rx) = mpsc::channel::<Bytes>(8);
    let writer = tokio::task::spawn_blocking(move || {
        let mut report = Uploaded::default();
        let mut b = tar::Builder::new(ChannelWriter(tx));
        b.follow_symlinks(false);
        let (uid, gid) = match owner {
            Owner::Ids(u, g) => (u, g),
            Owner::Named => (0, 0),
        };
        for f in files {
            let name = f.container_path.trim_start_matches('/').to_string();
            match append(&mut b, &f.abs, &name, uid, gid) {
                Ok(hash) => {
                    report.files += 1;
                    report.hashes.push((f.abs, hash));
                }
                Err(e) => report.skipped.push((f.abs, e.to_string())),
            }
        }
        let _ = b.finish();
        report
    });
    let body = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let sent = docker
        .upload_to_container(
            container,
            Some(
                UploadToContainerOptionsBuilder::new()
                    .path("/")
                    // Never a directory replaced by a file, or the reverse:
                    // the directory may hold files that are not itp-dev's.
                    .no_overwrite_dir_non_dir("true")
                    .copy_uidgid(if owner == Owner::Named {
                        "true"
                    } else {
                        "false"
                    })
                    .build(),
            ),
            bollard::body_stream(body),
        )
        .await;
    let report = writer.await.map_err(SyncError::Archive)?;
    sent.map_err(SyncError::Refused)?;
    Ok(report)
}

/// One file or symlink, as it is now (it may have changed or gone since
/// the event), with the owner given; returns the hash of what was sent.
fn append(
    b: &mut tar::Builder<ChannelWriter>,
    abs: &std::path::Path,
    name: &str,
    uid: u64,
    gid: u64,
) -> std::io::Result<String> {
    let meta = std::fs::symlink_metadata(abs)?;
    let mut h = tar::Header::new_gnu();
    h.set_metadata_in_mode(&meta, tar::HeaderMode::Complete);
    h.set_uid(uid);
    h.set_gid(gid);
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(abs)?;
        b.append_link(&mut h, name, &target)?;
        return Ok(format!("symlink:{}", target.display()));
    }
    if !meta.is_file() {
        // A FIFO, socket or device: opening it could block forever.
        return Err(std::io::Error::other("not a regular file; not synced"));
    }
    let f = std::fs::File::open(abs)?;
    let mut hashing = Hashing {
        inner: f,
        sha: <sha2::Sha256 as sha2::Digest>::new(),
    };
    b.append_data(&mut h, name, &mut hashing)?;
    Ok(crate::plan::hash::to_hex(&sha2::Digest::finalize(
        hashing.sha,
    )))
}

/// Hashes what the archive reads, so a file is read once.
struct Hashing<R> {
    inner: R,
    sha: sha2::Sha256,
}

impl<R: std::io::Read> std::io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        sha2::Digest::update(&mut self.sha, &buf[..n]);
        Ok(n)
    }
}

/// Removes files (absolute, in the container); missing ones are fine.
/// Only files: a directory is never removed whole, since it may hold files
/// itp-dev did not put there. Directories below `target` that the removal
/// leaves empty go too.
pub async fn remove(
    docker: &Docker,
    container: &str,
    target: &str,
    files: &[String],
) -> Result<(), SyncError> {
    let root = target.trim_end_matches('/');
    let mut dirs: Vec<String> = files
        .iter()
        .flat_map(|f| {
            std::path::Path::new(f)
                .ancestors()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned())
                .take_while(|a| a.len() > root.len() && a.starts_with(root))
                .collect::<Vec<_>>()
        })
        .collect();
    dirs.sort_by(|a, b| {
        b.matches('/')
            .count()
            .cmp(&a.matches('/').count())
            .then(a.cmp(b))
    });
    dirs.dedup();
    for chunk in files.chunks(500) {
        let mut cmd = vec!["rm".to_string(), "-f".into(), "--".into()];
        cmd.extend(chunk.iter().cloned());
        let (code, _, err) = capture(docker, container, cmd).await?;
        if code != 0 {
            return Err(SyncError::Rm {
                code,
                stderr: err.trim().to_string(),
            });
        }
    }
    for chunk in dirs.chunks(500) {
        // rmdir refuses a directory that is not empty, which is the point.
        let mut cmd = vec![
            "sh".to_string(),
            "-c".into(),
            r#"rmdir -- "$@" 2>/dev/null; true"#.into(),
            "sh".into(),
        ];
        cmd.extend(chunk.iter().cloned());
        capture(docker, container, cmd).await?;
    }
    Ok(())
}

/// What a target holds in the container: its real path (symlinks
/// resolved), and the content hash of every file and symlink below it
/// (path below the target → hash; `symlink:TARGET` for a symlink, as
/// `local::hash` gives), or `None` when the container cannot hash (no
/// `sha256sum`), so everything is sent. No target yet: empty.
pub struct RemoteTree {
    pub resolved: Option<String>,
    pub hashes: Option<BTreeMap<String, String>>,
}

/// `hash FILE...`: the hash of each file or symlink that exists, one
/// `HASH  PATH` line each (symlinks as `symlink:TARGET`, since sha256sum
/// would follow them); one sha256sum for all regular files.
const HASH_FN: &str = r#"hash() { for f; do if [ -L "$f" ]; then printf "symlink:%s  %s\n" "$(readlink "$f")" "$f"; fi; done; for f; do shift; [ -L "$f" ] || [ ! -f "$f" ] || set -- "$@" "$f"; done; if [ $# -gt 0 ]; then sha256sum "$@"; fi; true; }"#;

pub async fn remote_tree(
    docker: &Docker,
    container: &str,
    target: &str,
) -> Result<RemoteTree, SyncError> {
    let script = r#"cd "$1" 2>/dev/null || exit 0; command -v sha256sum >/dev/null || exit 99; pwd -P; find . -type f -exec sha256sum {} +; find . -type l -exec sh -c 'for f; do printf "symlink:%s  %s\n" "$(readlink "$f")" "$f"; done' sh {} +"#.to_string();
    let (code, out, _) = capture(
        docker,
        container,
        vec!["sh".into(), "-c".into(), script, "sh".into(), target.into()],
    )
    .await?;
    if code == 99 {
        return Ok(RemoteTree {
            resolved: None,
            hashes: None,
        });
    }
    let mut lines = out.lines();
    let resolved = lines.next().map(str::to_string);
    let mut map = BTreeMap::new();
    for line in lines {
        if let Some((hash, path)) = line.split_once("  ") {
            map.insert(path.trim_start_matches("./").to_string(), hash.to_string());
        }
    }
    Ok(RemoteTree {
        resolved,
        hashes: Some(map),
    })
}

/// The hashes of these files (absolute, in the container) as they are
/// there now; a missing one is absent from the answer.
pub async fn hashes_of(
    docker: &Docker,
    container: &str,
    files: &[String],
) -> Result<BTreeMap<String, String>, SyncError> {
    let mut map = BTreeMap::new();
    for chunk in files.chunks(500) {
        let mut cmd = vec![
            "sh".to_string(),
            "-c".into(),
            format!(r#"{HASH_FN}; hash "$@""#),
            "sh".into(),
        ];
        cmd.extend(chunk.iter().cloned());
        let (_, out, _) = capture(docker, container, cmd).await?;
        for line in out.lines() {
            if let Some((hash, path)) = line.split_once("  ") {
                map.insert(path.to_string(), hash.to_string());
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::Owner;

    #[test]
    fn owners() {
        assert_eq!(Owner::of(None), Owner::Ids(0, 0));
        assert_eq!(Owner::of(Some("1000:1001")), Owner::Ids(1000, 1001));
        assert_eq!(Owner::of(Some("1000")), Owner::Ids(1000, 1000));
        assert_eq!(Owner::of(Some("node")), Owner::Named);
    }
}
