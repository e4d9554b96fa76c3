//! Kubernetes: the plan rendered as manifests (`render`), and the pure
//! decisions `k8s push` makes (`decide`: ownership, what to prune, whether
//! a rollout is complete).

pub mod cluster;
pub mod decide;
pub mod kinds;
pub mod render;
pub mod urls;

use std::collections::HashMap;

use crate::profile::Loaded;
use crate::profile::specs::to_dns_label;

/// The namespace to use: the flag, the profile's, or one per project and
/// user (`itp-PROJECT-USER`), so two people never share one by accident.
pub fn namespace(env: &HashMap<String, String>, loaded: &Loaded, flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| {
            loaded
                .profile
                .kubernetes
                .as_ref()
                .and_then(|k| k.namespace.clone())
        })
        .unwrap_or_else(|| to_dns_label(&format!("itp-{}-{}", loaded.project, user_name(env))))
}

/// Who pushes: `$USER`, `$LOGNAME`, or the account of this process's UID
/// (CI and containers often set neither variable).
pub fn user_name(env: &HashMap<String, String>) -> String {
    env.get("USER")
        .or_else(|| env.get("LOGNAME"))
        .filter(|u| !u.is_empty())
        .cloned()
        .or_else(account_name)
        .unwrap_or_else(|| "user".into())
}

fn account_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer to static storage or null; the
    // name is copied out at once, on this one thread.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

/// Labels on every object itp-dev puts in a cluster.
pub mod labels {
    pub const MANAGED_BY: &str = "app.kubernetes.io/managed-by";
    pub const MANAGER: &str = "itp-dev";
    pub const PART_OF: &str = "app.kubernetes.io/part-of";
    pub const NAME: &str = "app.kubernetes.io/name";
    pub const CONFIG_HASH: &str = "itp.dev/config-hash";
    pub const TTL: &str = "itp.dev/ttl";
    pub const EXPIRES: &str = "itp.dev/expires-at";
    /// On a namespace itp-dev did not create but was told to use
    /// (`--adopt`): never deleted by `down` or `gc`, only emptied of ours.
    pub const ADOPTED: &str = "itp.dev/adopted";
    /// Who first pushed to the namespace (`$USER`).
    pub const OWNER: &str = "itp.dev/owner";
    /// On a Secret whose values are shown masked (render, dry runs).
    pub const MASKED: &str = "itp.dev/masked";
}
