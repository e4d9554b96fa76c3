//! `itp-dev doctor`'s checks: each says pass, warn, fail or skip, what it
//! found, and how to fix it. The deciding parts are pure functions of what
//! was measured, unit-tested here.

use serde::Serialize;

pub mod checks;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    /// Could not be checked (something it needs failed or is absent).
    Skip,
}

#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Check {
    pub fn new(name: &'static str, status: Status, message: impl Into<String>) -> Self {
        Check {
            name,
            status,
            message: message.into(),
            fix: None,
        }
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// Free space where the engine keeps images.
pub fn disk(free_bytes: u64) -> (Status, String) {
    const GIB: u64 = 1 << 30;
    let gib = free_bytes as f64 / GIB as f64;
    let status = if free_bytes < 2 * GIB {
        Status::Fail
    } else if free_bytes < 10 * GIB {
        Status::Warn
    } else {
        Status::Pass
    };
    (status, format!("{gib:.1} GiB free for images"))
}

/// inotify watches (one per directory) against the limit.
pub fn inotify(dirs: u64, limit: u64) -> (Status, String) {
    let status = if dirs >= limit {
        Status::Fail
    } else if dirs * 10 >= limit * 8 {
        Status::Warn
    } else {
        Status::Pass
    };
    (
        status,
        format!("{dirs} directories to watch, limit {limit} (fs.inotify.max_user_watches)"),
    )
}

/// A build context's size: big ones slow every build.
pub fn context_size(service: &str, bytes: u64, top: &[(String, u64)]) -> Check {
    const MIB: u64 = 1 << 20;
    let message = format!(
        "`{service}` sends {:.1} MiB to the engine per build",
        bytes as f64 / MIB as f64
    );
    if bytes < 100 * MIB {
        return Check::new("build context", Status::Pass, message);
    }
    let heavy: Vec<String> = top
        .iter()
        .take(3)
        .filter(|(_, b)| *b >= 10 * MIB)
        .map(|(n, b)| format!("{n} ({:.0} MiB)", *b as f64 / MIB as f64))
        .collect();
    Check::new("build context", Status::Warn, message).fix(format!(
        "add what the build does not need to its .dockerignore; the largest entries: {}",
        heavy.join(", ")
    ))
}

/// A network's bridge that does not keep one MAC address: after a
/// container of it is recreated, the others may not resolve names for up
/// to a minute (netavark before 1.9; see `docker::podman::bridge_keeps_mac`).
pub fn bridge_mac(network: &str, interface: &str, kept: bool) -> Check {
    if kept {
        return Check::new(
            "network",
            Status::Pass,
            format!("`{network}`'s bridge `{interface}` keeps one MAC address"),
        );
    }
    Check::new(
        "network",
        Status::Warn,
        format!(
            "`{network}`'s bridge `{interface}` takes the MAC address of its containers (netavark before 1.9): after a container of it is recreated, names may not resolve in the others for up to a minute"
        ),
    )
    .fix(format!(
        "update netavark to 1.9 or later; meanwhile, as root, pin it until the bridge goes: `ip link set dev {interface} address $(cat /sys/class/net/{interface}/address)` (docs/engines.md)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(disk(1 << 30).0, Status::Fail);
        assert_eq!(disk(5 << 30).0, Status::Warn);
        assert_eq!(disk(50 << 30).0, Status::Pass);
        assert_eq!(inotify(100, 8192).0, Status::Pass);
        assert_eq!(inotify(7000, 8192).0, Status::Warn);
        assert_eq!(inotify(9000, 8192).0, Status::Fail);
        let c = context_size("api", 300 << 20, &[("node_modules".into(), 280 << 20)]);
        assert_eq!(c.status, Status::Warn);
        assert!(c.fix.unwrap().contains("node_modules (280 MiB)"));
    }

    #[test]
    fn a_bridge_that_follows_its_ports_is_a_warning() {
        assert_eq!(
            bridge_mac("p_default", "podman1", true).status,
            Status::Pass
        );
        let c = bridge_mac("p_default", "podman1", false);
        assert_eq!(c.status, Status::Warn);
        assert!(c.fix.unwrap().contains("ip link set dev podman1 address"));
    }
}
