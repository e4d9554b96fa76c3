//! Podman, through its Docker-compatible API. Two differences matter here:
//! its container list names a network by name where Docker gives its id
//! (`snapshot::attachments` takes both), and Podman 4 runs healthchecks
//! from systemd timers, so where there is no systemd (a container, CI, a
//! minimal VM) no check ever runs and a container stays `starting`. While
//! itp-dev waits for health it then runs the checks itself, through
//! libpod's own endpoint, which runs one check and records it exactly as
//! the timer would.

use std::time::Duration;

/// Runs the container's healthcheck once through libpod's endpoint (on the
/// unix socket of `DOCKER_HOST`). `false` when the engine has no such
/// endpoint (Docker) or cannot be asked.
pub async fn run_healthcheck(container: &str) -> bool {
    let path = format!(
        "/v4.0.0/libpod/containers/{}/healthcheck",
        super::inspect::url_escape(container)
    );
    // A check is bounded by its own timeout; this by a generous one.
    super::inspect::raw(&path, Duration::from_secs(120))
        .await
        .is_some()
}

/// The host's interface of a Podman network (`podman1`), from libpod's
/// own inspect: the Docker-compatible one does not name it.
async fn network_interface(network: &str) -> Option<String> {
    let path = format!(
        "/v4.0.0/libpod/networks/{}/json",
        super::inspect::url_escape(network)
    );
    let json = super::inspect::raw(&path, Duration::from_secs(30)).await?;
    Some(json.get("network_interface")?.as_str()?.to_string())
}

/// On a local Podman, the bridge of `network` and whether the kernel keeps
/// its MAC address (`addr_assign_type` 3, "set"). A bridge that does not
/// keep one takes the lowest MAC of its ports, so each container added or
/// removed can change the gateway's MAC, and the other containers reach
/// nothing at the gateway (the name server included) until their ARP
/// entry expires: netavark before 1.9 leaves it so; Docker sets it.
/// `None` elsewhere: Docker, a remote or rootless engine (its bridge is not
/// in this host's `/sys`), or no bridge yet (netavark makes it only while
/// a container is on the network).
pub async fn bridge_keeps_mac(network: &str) -> Option<(String, bool)> {
    if !super::connect::is_podman() || !super::context::endpoint().is_local() {
        return None;
    }
    let interface = network_interface(network).await?;
    let kind =
        std::fs::read_to_string(format!("/sys/class/net/{interface}/addr_assign_type")).ok()?;
    let kept = kind.trim() == "3";
    Some((interface, kept))
}

/// Runs, for each of the running `containers`, the healthcheck Podman's
/// timer would have run by now: where no result is recorded, or the last is
/// older than the check's interval (where systemd runs them, that is never
/// and nothing runs). `status` calls it so that health on Podman is current,
/// not what the last `up` saw. Whether any check ran.
pub async fn run_due_checks(docker: &bollard::Docker, containers: &[String]) -> bool {
    let due = futures_util::future::join_all(containers.iter().map(|id| async move {
        let c = super::inspect::container(docker, id).await.ok()?;
        let interval = c
            .config
            .and_then(|c| c.healthcheck)
            .filter(|h| {
                h.test
                    .as_ref()
                    .is_some_and(|t| !t.is_empty() && t[0] != "NONE")
            })
            .map(|h| match h.interval {
                Some(n) if n > 0 => Duration::from_nanos(n as u64),
                _ => super::health::DEFAULT_INTERVAL,
            })?;
        let last_end = c
            .state
            .and_then(|s| s.health)
            .and_then(|h| h.log)
            .and_then(|l| l.last().and_then(|r| r.end.clone()));
        let fresh = last_end
            .and_then(|end| humantime::parse_rfc3339_weak(end.split('.').next()?).ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < interval + Duration::from_secs(1));
        (!fresh).then(|| id.clone())
    }))
    .await;
    let due: Vec<String> = due.into_iter().flatten().collect();
    futures_util::future::join_all(due.iter().map(|id| run_healthcheck(id))).await;
    !due.is_empty()
}
