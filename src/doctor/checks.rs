//! The checks `doctor` runs, each returning what it found and how to fix
//! it: the engine's side (socket, disk, host ports, the project network),
//! the host's (inotify, build context sizes), and Kubernetes' (kubeconfig,
//! context, API reachability and permission). The verdicts on measured
//! numbers are the pure functions in the parent module.

use std::path::Path;

use super::{Check, Status};
use crate::k8s::cluster::Access;
use crate::plan::Plan;
use crate::profile::Loaded;

/// Which engine answers, and the free space where it keeps images.
pub async fn engine(d: &crate::docker::Docker) -> Vec<Check> {
    let version = d.version().await.ok();
    let v = version
        .as_ref()
        .and_then(|v| v.version.clone())
        .unwrap_or_default();
    let api = version.and_then(|v| v.api_version).unwrap_or_default();
    let root = d.info().await.ok().and_then(|i| i.docker_root_dir);
    let name = crate::docker::connect::engine().unwrap_or_else(|| format!("Docker {v}"));
    let chosen = crate::docker::context::endpoint();
    let why = &chosen.source;
    let mut checks = vec![Check::new(
        "engine",
        Status::Pass,
        format!("{name} (API {api}) at {} (from {why})", chosen.host),
    )];
    if crate::docker::connect::is_podman() {
        checks.push(Check::new(
            "engine",
            Status::Warn,
            "Podman runs healthchecks from systemd timers: `up` runs them itself while it waits for health; `status` shows the last result",
        ));
    }
    if chosen.is_local() {
        checks.push(disk(root.as_deref()));
    } else {
        // The engine's disk is not ours to measure, and a bind mount names a
        // path on the engine's host: say so before a new user wonders why
        // the dev container sees an empty or different repository.
        checks.push(Check::new(
            "disk",
            Status::Skip,
            "the engine is on another host: its free space is not measured from here",
        ));
        checks.push(
            Check::new(
                "engine",
                Status::Warn,
                "a remote engine mounts paths of its own host: the repository and config files are read there, not from this machine",
            )
            .fix("keep the same checkout at the same path on the engine's host, or use a local engine for `up`"),
        );
    }
    checks
}

/// The project network: one, or none yet. Two of one name (an interrupted
/// `up` can leave a twin) are reported with what mends them.
pub async fn network(d: &crate::docker::Docker, plan: &Plan) -> Check {
    use crate::docker::snapshot::{SnapshotError, networks_named};
    match networks_named(d, &plan.network, &plan.project).await {
        Ok(n) if n.len() > 1 => Check::new(
            "network",
            Status::Warn,
            format!(
                "{} networks are named `{}` (an interrupted `up` left a second one)",
                n.len(),
                plan.network
            ),
        )
        .fix("`itp-dev up` keeps one, moves the containers to it and removes the others by id"),
        Ok(n) if n.is_empty() => Check::new(
            "network",
            Status::Pass,
            format!("`{}` is not created yet (`up` creates it)", plan.network),
        ),
        Ok(_) => Check::new("network", Status::Pass, format!("`{}`", plan.network)),
        Err(e @ SnapshotError::ForeignNetwork { .. }) => {
            let id = match &e {
                SnapshotError::ForeignNetwork { id, .. } => id.clone(),
                _ => String::new(),
            };
            Check::new("network", Status::Fail, e.to_string()).fix(format!(
                "remove that network by its id (`docker network rm {id}`; by name the engine may call it ambiguous), or rename the project"
            ))
        }
        Err(e) => Check::new(
            "network",
            Status::Skip,
            format!("could not list networks: {e}"),
        ),
    }
}

/// On a local Podman, whether the project network's bridge keeps its MAC
/// address (see `docker::podman::bridge_keeps_mac`).
pub async fn bridge(plan: &Plan) -> Option<Check> {
    let (interface, kept) = crate::docker::podman::bridge_keeps_mac(&plan.network).await?;
    Some(super::bridge_mac(&plan.network, &interface, kept))
}

pub fn socket() -> Check {
    let chosen = crate::docker::context::endpoint();
    if chosen.host != crate::docker::context::DEFAULT_HOST {
        return Check::new(
            "socket",
            Status::Skip,
            format!("{} chooses another engine; see `engine`", chosen.source),
        );
    }
    let path = c"/var/run/docker.sock";
    // SAFETY: access() reads a NUL-terminated path we own.
    let exists = unsafe { libc::access(path.as_ptr(), libc::F_OK) } == 0;
    if !exists {
        return Check::new(
            "socket",
            Status::Warn,
            "/var/run/docker.sock does not exist",
        )
        .fix("start Docker, or set DOCKER_HOST to where it listens");
    }
    // SAFETY: as above.
    let usable = unsafe { libc::access(path.as_ptr(), libc::R_OK | libc::W_OK) } == 0;
    if usable {
        Check::new("socket", Status::Pass, "/var/run/docker.sock is usable")
    } else {
        Check::new("socket", Status::Fail, "/var/run/docker.sock is not writable by you")
            .fix("add yourself to the `docker` group (`sudo usermod -aG docker $USER`), then log in again")
    }
}

pub fn disk(root: Option<&str>) -> Check {
    let Some(root) = root else {
        return Check::new(
            "disk",
            Status::Skip,
            "the engine did not say where it keeps images",
        );
    };
    let Ok(c) = std::ffi::CString::new(root) else {
        return Check::new("disk", Status::Skip, "bad path");
    };
    // SAFETY: statvfs fills the struct we own from a NUL-terminated path.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut s) } != 0 {
        return Check::new(
            "disk",
            Status::Skip,
            format!("{root} is not visible from here (a VM's disk?)"),
        );
    }
    let free = s.f_bavail as u64 * s.f_frsize as u64;
    let (status, message) = super::disk(free);
    let c = Check::new("disk", status, format!("{message} ({root})"));
    if status == Status::Pass {
        c
    } else {
        c.fix("free space: `docker system prune` removes stopped containers, unused networks and dangling images")
    }
}

pub async fn ports(d: &crate::docker::Docker, plan: &Plan) -> Vec<Check> {
    let wanted: Vec<_> = plan
        .containers
        .iter()
        .flat_map(|c| c.ports.iter().map(|p| (c.service.clone(), p.clone())))
        .collect();
    if wanted.iter().all(|(_, p)| p.host_port.is_none()) {
        return vec![Check::new("ports", Status::Pass, "no fixed host ports")];
    }
    let conflicts = crate::docker::ports::conflicts(
        d,
        &wanted,
        |b| matches!(&b.holder, Some((p, s)) if *p == plan.project && *s == b.service),
    )
    .await;
    let mut out: Vec<Check> = match conflicts {
        Ok(c) => c
            .iter()
            .map(|b| {
                Check::new("ports", Status::Fail, b.describe())
                    .fix("stop what holds it, or change the host port in the profile")
            })
            .collect(),
        Err(e) => vec![Check::new(
            "ports",
            Status::Skip,
            format!("could not list containers: {e}"),
        )],
    };
    if out.is_empty() {
        let fixed = wanted.iter().filter(|(_, p)| p.host_port.is_some()).count();
        out.push(Check::new(
            "ports",
            Status::Pass,
            format!("{fixed} fixed host port(s) free or already this project's"),
        ));
    }
    out
}

pub fn inotify(l: &Loaded, plan: &Plan) -> Check {
    if plan.watch.is_empty() {
        return Check::new("inotify", Status::Pass, "no watch rules");
    }
    let Ok(limit) = std::fs::read_to_string("/proc/sys/fs/inotify/max_user_watches") else {
        return Check::new(
            "inotify",
            Status::Skip,
            "no inotify limit to read (not Linux?)",
        );
    };
    let limit: u64 = limit.trim().parse().unwrap_or(0);
    let Ok(rules) = crate::watch::rules::Rules::compile(&plan.watch, &l.dir) else {
        return Check::new("inotify", Status::Skip, "the watch rules did not compile");
    };
    let mut dirs = 0;
    for root in rules.roots() {
        dirs += count_dirs(&l.dir, &root, &rules);
    }
    let (status, message) = super::inotify(dirs, limit);
    let c = Check::new("inotify", status, message);
    if status == Status::Pass {
        c
    } else {
        c.fix(format!(
            "raise it: `sudo sysctl fs.inotify.max_user_watches={}` (and in /etc/sysctl.d/ to keep it)",
            (dirs * 2).max(524_288)
        ))
    }
}

pub fn count_dirs(dir: &Path, rel: &str, rules: &crate::watch::rules::Rules) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir.join(rel)) else {
        return 0;
    };
    let mut n = 1;
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            let name = e.file_name().to_string_lossy().into_owned();
            let child = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if !rules.ignored(&child, true) {
                n += count_dirs(dir, &child, rules);
            }
        }
    }
    n
}

pub fn contexts(plan: &Plan) -> Vec<Check> {
    plan.build_contexts()
        .map(|(service, ctx)| match crate::build::context::measure(ctx) {
            Ok((bytes, top)) => {
                let mut c = super::context_size(service, bytes, &top);
                let index = crate::build::index::Index::path_for(ctx);
                if crate::build::monitor::ask(&index, None).is_some() {
                    c.message
                        .push_str("; watched by a monitor, so a warm `up` reads none of it");
                }
                c
            }
            Err(e) => Check::new("build context", Status::Fail, format!("`{service}`: {e}")),
        })
        .collect()
}

/// The API server answers, and this user may create workloads in the
/// namespace (a SelfSubjectAccessReview, the API's own answer). Connected
/// exactly as `k8s push` connects, so the two never disagree.
pub async fn kube_api(context: Option<String>, ns: &str) -> Vec<Check> {
    use crate::k8s::cluster::{self, ClusterError};
    let cluster = match cluster::connect(context.as_deref()).await {
        Ok(c) => c,
        Err(ClusterError::Unreachable { message, hint }) => {
            return vec![
                Check::new("k8s API", Status::Fail, message).fix(hint),
                Check::new("k8s namespace", Status::Skip, "needs the API"),
            ];
        }
        Err(e) => {
            return vec![Check::new("k8s API", Status::Fail, e.to_string())];
        }
    };
    let mut out = vec![Check::new(
        "k8s API",
        Status::Pass,
        format!(
            "{} answers (Kubernetes {})",
            cluster.server, cluster.version
        ),
    )];
    out.push(match cluster.may_create_workloads(ns).await {
        Ok(Access::Allowed) => Check::new(
            "k8s namespace",
            Status::Pass,
            format!("you may create workloads in `{ns}`"),
        ),
        Ok(Access::Denied { reason: why }) => {
            Check::new("k8s namespace", Status::Fail, format!("you may not create workloads in `{ns}` {why}"))
                .fix("ask a cluster admin for a RoleBinding there, or set `kubernetes.namespace` to one you may use")
        }
        Err(e) => Check::new("k8s namespace", Status::Fail, format!("the permission check failed: {e}")),
    });
    out
}

/// The kubeconfig checks, and where to reach the API when they pass.
pub fn kubernetes(
    env: &std::collections::HashMap<String, String>,
    l: &Loaded,
) -> (Vec<Check>, Option<Option<String>>) {
    use crate::k8s::cluster::{KubeconfigProblem, read_kubeconfig};
    let Some(k) = &l.profile.kubernetes else {
        return (vec![], None);
    };
    // Read exactly as `k8s push` reads it, so the two never disagree.
    let (kc, where_) = match read_kubeconfig(env) {
        Ok(x) => x,
        Err(KubeconfigProblem::Missing { where_ }) => {
            let c = Check::new(
                "kubeconfig",
                Status::Warn,
                format!("{where_} does not exist"),
            )
            .fix("get a kubeconfig for your cluster (only `itp-dev k8s` needs one)");
            return (vec![c], None);
        }
        Err(KubeconfigProblem::Invalid { path, message }) => {
            let c = Check::new(
                "kubeconfig",
                Status::Fail,
                format!("{} is not a valid kubeconfig: {message}", path.display()),
            )
            .fix("fix or replace the file");
            return (vec![c], None);
        }
    };
    let names: Vec<String> = kc.contexts.iter().map(|c| c.name.clone()).collect();
    let mut out = vec![Check::new(
        "kubeconfig",
        Status::Pass,
        format!("{where_} ({} contexts)", names.len()),
    )];
    let mut reach = None;
    out.push(match k.context.clone().or(kc.current_context.clone()) {
        Some(c) if names.contains(&c) => {
            reach = Some(Some(c.clone()));
            Check::new("k8s context", Status::Pass, format!("`{c}` exists"))
        }
        Some(c) => Check::new(
            "k8s context",
            Status::Fail,
            format!("context `{c}` is not in {where_}"),
        )
        .fix(format!("use one of: {}", names.join(", "))),
        None => Check::new(
            "k8s context",
            Status::Warn,
            "no current context and none in the profile",
        )
        .fix("set `kubernetes.context`, or `kubectl config use-context NAME`"),
    });
    (out, reach)
}
