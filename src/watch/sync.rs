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

use crate::docker::errors::message;
use crate::docker::exec::capture;

/// A local file and where it goes in the container (absolute).
#[derive(Clone, Debug)]
pub struct Upload {
    pub abs: PathBuf,
    pub container_path: String,
}

#[derive(Debug, Default)]
pub struct Uploaded {
    pub files: usize,
    pub bytes: u64,
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

/// Sends `files` in one tar, streamed (a 100 MB file is never held in
/// memory). Files are owned by the container's user (`copyUIDGID`), so the
/// dev container's files stay the developer's.
pub async fn upload(
    docker: &Docker,
    container: &str,
    files: Vec<Upload>,
) -> Result<Uploaded, String> {
    let (tx, mut rx) = mpsc::channel::<Bytes>(8);
    let writer = tokio::task::spawn_blocking(move || {
        let mut report = Uploaded::default();
        let mut b = tar::Builder::new(ChannelWriter(tx));
        b.follow_symlinks(false);
        for f in files {
            let name = f.container_path.trim_start_matches('/').to_string();
            match std::fs::symlink_metadata(&f.abs) {
                Ok(meta) => match b.append_path_with_name(&f.abs, &name) {
                    Ok(()) => {
                        report.files += 1;
                        report.bytes += meta.len();
                    }
                    Err(e) => report.skipped.push((f.abs, e.to_string())),
                },
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
                    .copy_uidgid("true")
                    .build(),
            ),
            bollard::body_stream(body),
        )
        .await;
    let report = writer.await.map_err(|e| e.to_string())?;
    sent.map_err(|e| message(&e))?;
    Ok(report)
}

/// Removes paths (absolute, in the container); missing ones are fine.
pub async fn remove(docker: &Docker, container: &str, paths: &[String]) -> Result<(), String> {
    for chunk in paths.chunks(500) {
        let mut cmd = vec!["rm".to_string(), "-rf".into(), "--".into()];
        cmd.extend(chunk.iter().cloned());
        let (code, _, err) = capture(docker, container, cmd).await?;
        if code != 0 {
            return Err(format!("rm exited {code}: {}", err.trim()));
        }
    }
    Ok(())
}

/// Content hashes of the files under `target` in the container (path
/// below `target` → hash). Empty when `target` does not exist; `None` when
/// the container cannot hash (no `sha256sum`), so everything is sent.
pub async fn remote_hashes(
    docker: &Docker,
    container: &str,
    target: &str,
) -> Result<Option<BTreeMap<String, String>>, String> {
    let script = r#"cd "$1" 2>/dev/null || exit 0; command -v sha256sum >/dev/null || exit 99; find . -type f -exec sha256sum {} +"#;
    let (code, out, _) = capture(
        docker,
        container,
        vec![
            "sh".into(),
            "-c".into(),
            script.into(),
            "sh".into(),
            target.into(),
        ],
    )
    .await?;
    if code == 99 {
        return Ok(None);
    }
    let mut map = BTreeMap::new();
    for line in out.lines() {
        if let Some((hash, path)) = line.split_once("  ") {
            map.insert(path.trim_start_matches("./").to_string(), hash.to_string());
        }
    }
    Ok(Some(map))
}
