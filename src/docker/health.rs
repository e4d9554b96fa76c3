//! Waiting for a container to be healthy: bounded, polled often enough that
//! the wait ends within a few milliseconds of the engine's verdict, and
//! explained with the last log lines when it fails.

use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::models::{HealthConfig, HealthStatusEnum};
use bollard::query_parameters::LogsOptionsBuilder;
use futures_util::StreamExt;

use super::errors::message;
use crate::events::{Event, Sink};

/// Between two inspects. The engine runs a check every `interval`; polling
/// much faster than that means the wait adds almost nothing to it.
const POLL: Duration = Duration::from_millis(25);
/// Lines of the container's log shown when it fails to come up.
pub const LOG_LINES: usize = 15;
/// The engine's defaults when a healthcheck leaves a field at zero.
pub(crate) const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_RETRIES: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Healthy,
    /// Neither the profile nor the image defines a healthcheck.
    NoCheck,
}

#[derive(Debug, Clone)]
pub struct WaitFailure {
    pub message: String,
    pub lines: Vec<String>,
}

/// How long a wait may take: the engine's own verdict comes at the latest
/// after the start period plus `retries` checks, each an interval plus its
/// timeout; a little slack on top.
pub fn bound(h: &HealthConfig) -> Duration {
    let ns = |v: Option<i64>, d: Duration| match v {
        Some(n) if n > 0 => Duration::from_nanos(n as u64),
        _ => d,
    };
    let interval = ns(h.interval, DEFAULT_INTERVAL);
    let timeout = ns(h.timeout, DEFAULT_TIMEOUT);
    let start = ns(h.start_period, Duration::ZERO);
    let retries = h
        .retries
        .filter(|r| *r > 0)
        .map_or(DEFAULT_RETRIES, |r| r as u32);
    start + (interval + timeout) * (retries + 1) + Duration::from_secs(5)
}

/// How often a long health wait says it is still waiting.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

/// Wait until the container is healthy. `limit` overrides the bound
/// computed from its healthcheck. A wait longer than a few seconds is
/// reported to `sink` every few seconds, with the time left.
pub async fn wait_healthy(
    docker: &Docker,
    id: &str,
    limit: Option<Duration>,
    service: &str,
    sink: &dyn Sink,
) -> Result<Health, WaitFailure> {
    let begun = Instant::now();
    let mut deadline: Option<Instant> = None;
    let mut next_progress = begun + PROGRESS_EVERY;
    // No check recorded an interval after the start: the engine runs none
    // (Podman without systemd), so they are run from here.
    let mut next_run: Option<Instant> = None;
    let mut runs_checks = true;
    // On Podman, a result older than its interval is stale (no timer ran
    // since): check again before believing it.
    if super::connect::is_podman() {
        super::podman::run_due_checks(docker, &[id.to_string()]).await;
    }
    loop {
        let c = super::inspect::container(docker, id)
            .await
            .map_err(|e| WaitFailure {
                message: format!("could not inspect the container: {}", message(&e)),
                lines: vec![],
            })?;
        let hc = c.config.as_ref().and_then(|c| c.healthcheck.clone());
        let has_check = hc.as_ref().is_some_and(|h| {
            h.test
                .as_ref()
                .is_some_and(|t| !t.is_empty() && t[0] != "NONE")
        });
        if !has_check {
            return Ok(Health::NoCheck);
        }
        let deadline = *deadline.get_or_insert_with(|| {
            begun + limit.unwrap_or_else(|| bound(&hc.clone().unwrap_or_default()))
        });
        let state = c.state.unwrap_or_default();
        if !state.running.unwrap_or(false) && !state.restarting.unwrap_or(false) {
            return Err(WaitFailure {
                message: format!(
                    "exited with code {} before it was healthy",
                    state.exit_code.unwrap_or(-1)
                ),
                lines: last_logs(docker, id).await,
            });
        }
        let health = state.health.unwrap_or_default();
        let hc = hc.unwrap_or_default();
        let interval = match hc.interval {
            Some(n) if n > 0 => Duration::from_nanos(n as u64),
            _ => DEFAULT_INTERVAL,
        };
        let start = match hc.start_period {
            Some(n) if n > 0 => Duration::from_nanos(n as u64),
            _ => Duration::ZERO,
        };
        let no_check_yet = health.log.as_ref().is_none_or(|l| l.is_empty());
        // On Podman the checks are run from here, an interval into the wait
        // (where systemd runs them too, a check runs twice as often, which
        // costs nothing); on another engine only when none has run for a
        // while.
        let engine_runs_none = if super::connect::is_podman() {
            begun.elapsed() >= interval
        } else {
            no_check_yet
                && begun.elapsed() > start.min(interval) + interval + Duration::from_secs(1)
        };
        if runs_checks && engine_runs_none && health.status == Some(HealthStatusEnum::STARTING) {
            runs_checks = false;
            next_run = Some(Instant::now());
        }
        if let Some(at) = next_run
            && Instant::now() >= at
        {
            next_run = Some(Instant::now() + interval);
            if !super::podman::run_healthcheck(id).await {
                next_run = None;
            }
            continue;
        }
        match health.status {
            Some(HealthStatusEnum::HEALTHY) => return Ok(Health::Healthy),
            Some(HealthStatusEnum::UNHEALTHY) => {
                let check = health
                    .log
                    .and_then(|l| l.last().cloned())
                    .map(|r| {
                        format!(
                            " (last check exited {}: {})",
                            r.exit_code.unwrap_or(-1),
                            r.output.unwrap_or_default().trim()
                        )
                    })
                    .unwrap_or_default();
                return Err(WaitFailure {
                    message: format!("is unhealthy{check}"),
                    lines: last_logs(docker, id).await,
                });
            }
            _ => {}
        }
        let now = Instant::now();
        if now >= next_progress && now < deadline {
            next_progress = now + PROGRESS_EVERY;
            sink.emit(Event::HealthWait {
                service: service.to_string(),
                ms: (now - begun).as_millis() as u64,
                left_ms: (deadline - now).as_millis() as u64,
            });
        }
        if now >= deadline {
            return Err(WaitFailure {
                message: format!(
                    "was not healthy within {}",
                    humantime::format_duration(Duration::from_millis(
                        (deadline - begun).as_millis() as u64
                    ))
                ),
                lines: last_logs(docker, id).await,
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The last lines of a container's output, stdout and stderr together.
pub async fn last_logs(docker: &Docker, id: &str) -> Vec<String> {
    let mut s = docker.logs(
        id,
        Some(
            LogsOptionsBuilder::new()
                .stdout(true)
                .stderr(true)
                .tail(&LOG_LINES.to_string())
                .build(),
        ),
    );
    let mut text = String::new();
    while let Some(Ok(chunk)) = s.next().await {
        text.push_str(&String::from_utf8_lossy(chunk.as_ref()));
    }
    text.lines().map(|l| l.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_covers_the_engines_verdict() {
        let ms = |n: i64| Some(n * 1_000_000);
        let h = HealthConfig {
            interval: ms(100),
            timeout: ms(200),
            retries: Some(3),
            start_period: ms(1000),
            ..Default::default()
        };
        // 1 s start + 4 × 300 ms + 5 s slack.
        assert_eq!(bound(&h), Duration::from_millis(7200));
        // Zeroes mean the engine's defaults: 30 s interval and timeout, 3 retries.
        assert_eq!(bound(&HealthConfig::default()), Duration::from_secs(245));
    }
}
