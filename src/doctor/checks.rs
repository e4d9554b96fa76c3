//! The checks `doctor` runs, each returning what it found and how to fix
//! it: the engine's side (socket, disk, host ports, the project network),
//! the host's (inotify, build context sizes), and Kubernetes' (kubeconfig,
//! context, API reachability and permission). The verdicts on measured
//! numbers are the pure functions in the parent module.

use std::path::{Path, PathBuf};

use super::{Check, Status};
use crate::plan::{ImageSource, Plan};
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
    vec![
        Check::new(
            "engine",
            Status::Pass,
            format!(
                "Docker {v} (API {api}) at {}",
                crate::docker::connect::endpoint()
            ),
        ),
        disk(root.as_deref()),
    ]
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

pub fn socket() -> Check {
    if std::env::var_os("DOCKER_HOST").is_some() {
        return Check::new("socket", Status::Skip, "DOCKER_HOST is set; see `engine`");
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
    plan.images
        .iter()
        .filter_map(|img| match &img.source {
            ImageSource::Build { context, .. } => Some((img.service.clone(), context.clone())),
            ImageSource::Pull { .. } => None,
        })
        .map(
            |(service, ctx)| match crate::build::context::measure(&ctx) {
                Ok((bytes, top)) => super::context_size(&service, bytes, &top),
                Err(e) => Check::new("build context", Status::Fail, format!("`{service}`: {e}")),
            },
        )
        .collect()
}

/// The API server answers, and this user may create workloads in the
/// namespace (a SelfSubjectAccessReview, the API's own answer).
pub async fn kube_api(path: &Path, context: Option<String>, ns: &str) -> Vec<Check> {
    use k8s_openapi::api::authorization::v1::{
        ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
    };
    use kube::api::{Api, PostParams};
    let options = kube::config::KubeConfigOptions {
        context,
        ..Default::default()
    };
    let config = match kube::config::Kubeconfig::read_from(path) {
        Ok(kc) => kube::Config::from_custom_kubeconfig(kc, &options).await,
        Err(e) => Err(kube::config::KubeconfigError::ReadConfig(
            std::io::Error::other(e.to_string()),
            path.to_path_buf(),
        )),
    };
    let config = match config {
        Ok(mut c) => {
            c.connect_timeout = Some(std::time::Duration::from_secs(5));
            c.read_timeout = Some(std::time::Duration::from_secs(10));
            c
        }
        Err(e) => {
            return vec![
                Check::new(
                    "k8s API",
                    Status::Fail,
                    format!("the kubeconfig cannot be used: {e}"),
                )
                .fix("check its cluster, user and credentials (`kubectl config view`)"),
            ];
        }
    };
    let server = config.cluster_url.to_string();
    let client = match kube::Client::try_from(config) {
        Ok(c) => c,
        Err(e) => {
            return vec![Check::new(
                "k8s API",
                Status::Fail,
                format!("no client for {server}: {e}"),
            )];
        }
    };
    let version = match client.apiserver_version().await {
        Ok(v) => v,
        Err(e) => {
            return vec![
                Check::new(
                    "k8s API",
                    Status::Fail,
                    format!("{server} does not answer: {e}"),
                )
                .fix("check the VPN or network, and that the context points at the right cluster"),
                Check::new("k8s namespace", Status::Skip, "needs the API"),
            ];
        }
    };
    let mut out = vec![Check::new(
        "k8s API",
        Status::Pass,
        format!(
            "{server} answers (Kubernetes {}.{})",
            version.major, version.minor
        ),
    )];
    let review = SelfSubjectAccessReview {
        spec: SelfSubjectAccessReviewSpec {
            resource_attributes: Some(ResourceAttributes {
                namespace: Some(ns.to_string()),
                verb: Some("create".into()),
                group: Some("apps".into()),
                resource: Some("deployments".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    let api: Api<SelfSubjectAccessReview> = Api::all(client);
    out.push(match api.create(&PostParams::default(), &review).await {
        Ok(r) if r.status.as_ref().is_some_and(|s| s.allowed) => Check::new(
            "k8s namespace",
            Status::Pass,
            format!("you may create workloads in `{ns}`"),
        ),
        Ok(r) => {
            let why = r.status.and_then(|s| s.reason).unwrap_or_default();
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
) -> (Vec<Check>, Option<(PathBuf, Option<String>)>) {
    let Some(k) = &l.profile.kubernetes else {
        return (vec![], None);
    };
    let path: Option<PathBuf> = env
        .get("KUBECONFIG")
        .and_then(|p| std::env::split_paths(p).next())
        .or_else(|| {
            env.get("HOME")
                .map(|h| PathBuf::from(h).join(".kube/config"))
        });
    let Some(path) = path else {
        return (
            vec![Check::new(
                "kubeconfig",
                Status::Warn,
                "no KUBECONFIG and no HOME",
            )],
            None,
        );
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        let c = Check::new(
            "kubeconfig",
            Status::Warn,
            format!("{} does not exist", path.display()),
        )
        .fix("get a kubeconfig for your cluster (only `itp-dev k8s` needs one)");
        return (vec![c], None);
    };
    let doc: serde_json::Value = match serde_yaml_ng::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            let c = Check::new(
                "kubeconfig",
                Status::Fail,
                format!("{} is not valid YAML: {e}", path.display()),
            )
            .fix("fix or replace the file");
            return (vec![c], None);
        }
    };
    let names: Vec<String> = doc["contexts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let current = doc["current-context"].as_str().map(str::to_string);
    let mut out = vec![Check::new(
        "kubeconfig",
        Status::Pass,
        format!("{} ({} contexts)", path.display(), names.len()),
    )];
    let mut reach = None;
    out.push(match k.context.clone().or(current) {
        Some(c) if names.contains(&c) => {
            reach = Some((path.clone(), Some(c.clone())));
            Check::new("k8s context", Status::Pass, format!("`{c}` exists"))
        }
        Some(c) => Check::new(
            "k8s context",
            Status::Fail,
            format!("context `{c}` is not in {}", path.display()),
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
