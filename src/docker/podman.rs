//! Podman, through its Docker-compatible API. Two differences matter here:
//! its container list names a network by name where Docker gives its id
//! (`snapshot::attachments` takes both), and Podman 4 runs healthchecks
//! from systemd timers, so where there is no systemd (a container, CI, a
//! minimal VM) no check ever runs and a container stays `starting`. While
//! itp-dev waits for health it then runs the checks itself, through
//! libpod's own endpoint, which runs one check and records it exactly as
//! the timer would.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Runs the container's healthcheck once through libpod's endpoint (on the
/// unix socket of `DOCKER_HOST`). `false` when the engine has no such
/// endpoint (Docker) or cannot be asked.
pub async fn run_healthcheck(container: &str) -> bool {
    let endpoint = super::connect::endpoint();
    let Some(path) = endpoint.strip_prefix("unix://") else {
        return false;
    };
    let request = async {
        let mut s = tokio::net::UnixStream::connect(path).await.ok()?;
        let req = format!(
            "GET /v4.0.0/libpod/containers/{container}/healthcheck HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"
        );
        s.write_all(req.as_bytes()).await.ok()?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.ok()?;
        let head = String::from_utf8_lossy(&out[..out.len().min(16)]).into_owned();
        Some(head.starts_with("HTTP/1.1 200"))
    };
    // A check is bounded by its own timeout; this by a generous one.
    tokio::time::timeout(Duration::from_secs(120), request)
        .await
        .ok()
        .flatten()
        .unwrap_or(false)
}
