//! Logs of several services, as one stream of lines. Each line keeps the
//! engine's timestamp, so lines of different services are merged in time
//! order and a stream reopened after a restart skips what it already gave.
//! Following survives restarts and recreation (the container is found again
//! by name) and a restarted engine (reconnect with backoff, then a clear
//! error): never a silent hang.

use std::time::Duration;

use bollard::Docker;
use bollard::container::LogOutput;
use bollard::query_parameters::LogsOptionsBuilder;
use futures_util::StreamExt;
use serde::Serialize;
use tokio::sync::mpsc;

use super::errors::is_not_found;

#[derive(Clone, Debug, Serialize)]
pub struct LogLine {
    pub service: String,
    /// `stdout` or `stderr`.
    pub stream: &'static str,
    /// RFC 3339 with nanoseconds, as the engine gives it.
    pub ts: String,
    pub line: String,
}

#[derive(Clone, Debug)]
pub struct LogsSpec {
    pub follow: bool,
    /// Lines per service at the start ("all" when `None`).
    pub tail: Option<u64>,
    /// Unix seconds.
    pub since: Option<i64>,
}

pub enum Item {
    Line(LogLine),
    /// A service's container went away or the engine could not be reached.
    Notice(String),
    Error(String),
}

/// How long to keep trying when the engine stops answering during `-f`.
const ENGINE_PATIENCE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(200);

/// One task per service feeding `tx`; they end when the logs end (or, with
/// `follow`, when the receiver is dropped).
pub fn spawn(
    docker: &Docker,
    targets: Vec<(String, String)>,
    spec: LogsSpec,
    tx: mpsc::Sender<Item>,
) {
    for (service, container) in targets {
        let docker = docker.clone();
        let spec = spec.clone();
        let tx = tx.clone();
        tokio::spawn(async move { follow_one(docker, service, container, spec, tx).await });
    }
}

async fn follow_one(
    docker: Docker,
    service: String,
    container: String,
    spec: LogsSpec,
    tx: mpsc::Sender<Item>,
) {
    let mut last_ts: Option<String> = None;
    let mut first = true;
    let mut announced_missing = false;
    loop {
        let mut opts = LogsOptionsBuilder::new()
            .stdout(true)
            .stderr(true)
            .timestamps(true)
            .follow(spec.follow);
        match (&last_ts, first) {
            (Some(ts), _) => opts = opts.since(unix_secs(ts) as i32),
            (None, true) => {
                if let Some(s) = spec.since {
                    opts = opts.since(s as i32);
                }
                opts = opts.tail(&spec.tail.map_or("all".to_string(), |n| n.to_string()));
            }
            (None, false) => {}
        }
        first = false;
        // On a reopened stream, skip what the previous one already gave.
        // (Within one stream, stdout and stderr lines may carry timestamps
        // slightly out of order, so nothing is skipped there.)
        let resume_after = last_ts.clone();
        let mut stream = docker.logs(&container, Some(opts.build()));
        let mut partial = [String::new(), String::new()];
        let mut engine_lost = false;
        while let Some(item) = stream.next().await {
            let (idx, name, bytes) = match item {
                Ok(LogOutput::StdErr { message }) => (1, "stderr", message),
                Ok(LogOutput::StdOut { message } | LogOutput::Console { message }) => {
                    (0, "stdout", message)
                }
                Ok(LogOutput::StdIn { .. }) => continue,
                Err(e) if is_not_found(&e) => {
                    if !announced_missing && !spec.follow {
                        announced_missing = true;
                        let _ = tx
                            .send(Item::Notice(format!(
                                "{service} has no container (`itp-dev up` creates it)"
                            )))
                            .await;
                    }
                    break;
                }
                Err(_) => {
                    engine_lost = true;
                    break;
                }
            };
            // Binary output is shown, never a reason to stop.
            partial[idx].push_str(&String::from_utf8_lossy(&bytes));
            while let Some(i) = partial[idx].find('\n') {
                let raw: String = partial[idx].drain(..=i).collect();
                let raw = raw.trim_end_matches(['\n', '\r']);
                let (ts, line) = raw.split_once(' ').unwrap_or(("", raw));
                if resume_after.as_deref().is_some_and(|l| ts <= l) {
                    continue;
                }
                if last_ts.as_deref().is_none_or(|l| ts > l) {
                    last_ts = Some(ts.to_string());
                }
                let l = LogLine {
                    service: service.clone(),
                    stream: name,
                    ts: ts.to_string(),
                    line: line.to_string(),
                };
                if tx.send(Item::Line(l)).await.is_err() {
                    return;
                }
            }
        }
        if !spec.follow {
            return;
        }
        if !wait_running(&docker, &service, &container, engine_lost, &tx).await {
            return;
        }
    }
}

/// With `-f`, after a stream ends: wait for the container to run again
/// (restarted, or recreated under the same name). False when following
/// should stop.
async fn wait_running(
    docker: &Docker,
    service: &str,
    container: &str,
    engine_lost: bool,
    tx: &mpsc::Sender<Item>,
) -> bool {
    let mut told = false;
    let mut unreachable_since: Option<tokio::time::Instant> = None;
    if engine_lost {
        let _ = tx
            .send(Item::Notice(format!(
                "{service}: lost the engine; reconnecting…"
            )))
            .await;
        told = true;
    }
    let mut backoff = POLL;
    loop {
        match super::inspect::container(docker, container).await {
            Ok(c) if c.state.as_ref().and_then(|s| s.running).unwrap_or(false) => {
                if told {
                    let _ = tx
                        .send(Item::Notice(format!("{service}: running again")))
                        .await;
                }
                return true;
            }
            Ok(_) => {
                unreachable_since = None;
                backoff = POLL;
                if !told {
                    let _ = tx
                        .send(Item::Notice(format!(
                            "{service}: stopped; waiting for it to start again"
                        )))
                        .await;
                    told = true;
                }
            }
            Err(e) if is_not_found(&e) => {
                unreachable_since = None;
                backoff = POLL;
                if !told {
                    let _ = tx
                        .send(Item::Notice(format!(
                            "{service}: container removed; waiting for it to come back"
                        )))
                        .await;
                    told = true;
                }
            }
            Err(e) => {
                let since = *unreachable_since.get_or_insert_with(tokio::time::Instant::now);
                if since.elapsed() > ENGINE_PATIENCE {
                    let _ = tx
                        .send(Item::Error(format!(
                            "{service}: the engine has not answered for {} s: {e}",
                            ENGINE_PATIENCE.as_secs()
                        )))
                        .await;
                    return false;
                }
                backoff = (backoff * 2).min(Duration::from_secs(2));
            }
        }
        if tx.is_closed() {
            return false;
        }
        tokio::time::sleep(backoff).await;
    }
}

/// Seconds of an RFC 3339 timestamp (the engine's `since` takes whole
/// seconds; lines already shown are skipped by timestamp).
fn unix_secs(ts: &str) -> i64 {
    humantime::parse_rfc3339_weak(ts.split('.').next().unwrap_or(ts).trim_end_matches('Z'))
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::unix_secs;

    #[test]
    fn engine_timestamps_to_seconds() {
        assert_eq!(unix_secs("1970-01-01T00:01:40.123456789Z"), 100);
        assert_eq!(unix_secs("garbage"), 0);
    }
}
