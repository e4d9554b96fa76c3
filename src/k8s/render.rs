//! The plan as Kubernetes objects: a Namespace; per container a Deployment
//! (a StatefulSet when it mounts named volumes), a Service for its ports, a
//! ConfigMap for plain env, a Secret for secret env (never a ConfigMap);
//! PVCs for named volumes; healthchecks as readiness probes; `depends_on`
//! as init containers that wait for the dependency's port. Pure.

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec, StatefulSet, StatefulSetSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapEnvSource, Container, ContainerPort, EnvFromSource, ExecAction, Namespace,
    PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimVolumeSource, PodSpec,
    PodTemplateSpec, Probe, ResourceRequirements, Secret, SecretEnvSource, SecurityContext,
    Service, ServicePort, ServiceSpec, Volume, VolumeMount, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::Serialize;

use super::labels;
use crate::plan::{ContainerPlan, MASK, MountKind, Plan};
use crate::profile::model::Resources;
use crate::profile::specs::Protocol;

/// The image that waits for a dependency's port (it needs `nc`).
pub const WAIT_IMAGE: &str = "busybox:1.36";

/// Everything needed beyond the plan.
pub struct Inputs<'a> {
    pub namespace: &'a str,
    /// Image reference per container (built images: registry + content hash).
    pub images: &'a BTreeMap<String, String>,
    pub resources: &'a BTreeMap<String, Resources>,
    pub storage_class: Option<&'a str>,
    pub ttl: Option<&'a str>,
    /// Secret values as they are (push) or masked (render, dry run).
    pub reveal_secrets: bool,
    /// `IfNotPresent` when the cluster shares this engine's images
    /// (`kubernetes.local_images`); otherwise Kubernetes' default.
    pub pull_policy: Option<&'a str>,
    /// What the bind mounts hold (by host path), read by the caller: a
    /// small file or flat directory is carried as a ConfigMap (a Secret
    /// under `/run/secrets/`) mounted at the same path.
    pub files: &'a BTreeMap<String, MountContent>,
    /// `[kubernetes.ingress]`: an Ingress per service with published ports.
    pub ingress: Option<&'a crate::profile::model::Ingress>,
    /// Registry logins the images need (the Docker CLI's, by registry):
    /// one pull Secret holds them and every pod names it.
    pub pull_logins: &'a BTreeMap<String, crate::docker::registry_auth::Login>,
}

/// The pull Secret's name.
pub const PULL_SECRET: &str = "itp-registry-logins";

/// A bind mount's source, as read for the cluster.
#[derive(Clone, Debug, PartialEq)]
pub enum MountContent {
    File(Vec<u8>),
    /// A directory's regular files (no subdirectories), by name.
    Dir(BTreeMap<String, Vec<u8>>),
    /// Not carried, and why (too big, nested directories, unreadable).
    No(String),
}

/// What a ConfigMap or Secret may hold, with room for its own overhead.
pub const CARRY_LIMIT: usize = 900 * 1024;

/// One object, ready to serialize.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Object {
    Namespace(Namespace),
    Deployment(Deployment),
    StatefulSet(StatefulSet),
    /// A one-shot task (`once = true`).
    Job(Job),
    Service(Service),
    ConfigMap(ConfigMap),
    Secret(Secret),
    Pvc(PersistentVolumeClaim),
    Ingress(Box<k8s_openapi::api::networking::v1::Ingress>),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Namespace(_) => "Namespace",
            Object::Deployment(_) => "Deployment",
            Object::StatefulSet(_) => "StatefulSet",
            Object::Job(_) => "Job",
            Object::Service(_) => "Service",
            Object::ConfigMap(_) => "ConfigMap",
            Object::Secret(_) => "Secret",
            Object::Pvc(_) => "PersistentVolumeClaim",
            Object::Ingress(_) => "Ingress",
        }
    }

    pub fn name(&self) -> String {
        let m = match self {
            Object::Namespace(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::StatefulSet(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
            Object::ConfigMap(o) => &o.metadata,
            Object::Secret(o) => &o.metadata,
            Object::Pvc(o) => &o.metadata,
            Object::Ingress(o) => &o.metadata,
        };
        m.name.clone().unwrap_or_default()
    }

    /// `Kind/name`, as pruning compares objects.
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind(), self.name())
    }

    /// The object as JSON with `apiVersion` and `kind` (what the API takes).
    pub fn to_json(&self) -> serde_json::Value {
        use k8s_openapi::Resource;
        let (api, kind) = match self {
            Object::Namespace(_) => (Namespace::API_VERSION, Namespace::KIND),
            Object::Deployment(_) => (Deployment::API_VERSION, Deployment::KIND),
            Object::StatefulSet(_) => (StatefulSet::API_VERSION, StatefulSet::KIND),
            Object::Job(_) => (Job::API_VERSION, Job::KIND),
            Object::Service(_) => (Service::API_VERSION, Service::KIND),
            Object::ConfigMap(_) => (ConfigMap::API_VERSION, ConfigMap::KIND),
            Object::Secret(_) => (Secret::API_VERSION, Secret::KIND),
            Object::Pvc(_) => (
                PersistentVolumeClaim::API_VERSION,
                PersistentVolumeClaim::KIND,
            ),
            Object::Ingress(_) => (
                k8s_openapi::api::networking::v1::Ingress::API_VERSION,
                k8s_openapi::api::networking::v1::Ingress::KIND,
            ),
        };
        let mut v = serde_json::to_value(self).expect("objects serialize");
        let o = v.as_object_mut().expect("an object");
        o.insert("apiVersion".into(), api.into());
        o.insert("kind".into(), kind.into());
        // apiVersion, kind and metadata first, as people write them.
        let mut ordered = serde_json::Map::new();
        for k in ["apiVersion", "kind", "metadata"] {
            if let Some(v) = o.remove(k) {
                ordered.insert(k.into(), v);
            }
        }
        ordered.extend(std::mem::take(o));
        serde_json::Value::Object(ordered)
    }
}

fn meta(name: &str, project: &str, ns: Option<&str>, extra: &[(&str, &str)]) -> ObjectMeta {
    let mut l = BTreeMap::from([
        (labels::MANAGED_BY.to_string(), labels::MANAGER.to_string()),
        (labels::PART_OF.to_string(), project.to_string()),
    ]);
    for (k, v) in extra {
        l.insert(k.to_string(), v.to_string());
    }
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: ns.map(str::to_string),
        labels: Some(l),
        ..Default::default()
    }
}

pub fn render(plan: &Plan, i: &Inputs<'_>) -> Vec<Object> {
    let ns = i.namespace;
    let p = plan.project.as_str();
    let mut out = Vec::new();
    let mut ns_meta = meta(ns, p, None, &[]);
    if let Some(ttl) = i.ttl {
        ns_meta.annotations = Some(BTreeMap::from([(labels::TTL.to_string(), ttl.to_string())]));
    }
    out.push(Object::Namespace(Namespace {
        metadata: ns_meta,
        ..Default::default()
    }));
    for v in &plan.volumes {
        out.push(Object::Pvc(PersistentVolumeClaim {
            metadata: meta(&v.name, p, Some(ns), &[]),
            spec: Some(PersistentVolumeClaimSpec {
                access_modes: Some(vec!["ReadWriteOnce".into()]),
                storage_class_name: i.storage_class.map(str::to_string),
                resources: Some(VolumeResourceRequirements {
                    requests: Some(BTreeMap::from([("storage".into(), Quantity("1Gi".into()))])),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    if !i.pull_logins.is_empty() {
        out.push(pull_secret(p, ns, i));
    }
    for c in &plan.containers {
        out.extend(container_objects(plan, c, i));
    }
    let own = |s: &str| meta(s, p, Some(ns), &[(labels::NAME, s)]);
    for ing in super::urls::ingresses(plan, i.ingress, ns, own) {
        out.push(Object::Ingress(Box::new(ing)));
    }
    out
}

/// A `kubernetes.io/dockerconfigjson` Secret with the logins the images
/// need, masked unless it is for the API.
fn pull_secret(p: &str, ns: &str, i: &Inputs<'_>) -> Object {
    let json = crate::docker::registry_auth::dockerconfigjson(i.pull_logins);
    let mut m = meta(PULL_SECRET, p, Some(ns), &[]);
    let (data, string_data) = if i.reveal_secrets {
        let d = BTreeMap::from([(
            ".dockerconfigjson".to_string(),
            ByteString(json.into_bytes()),
        )]);
        (Some(d), None)
    } else {
        m.annotations = Some(BTreeMap::from([(
            labels::MASKED.to_string(),
            "true".to_string(),
        )]));
        // The shape the API validates, with every value masked.
        let auths: serde_json::Map<String, serde_json::Value> = i
            .pull_logins
            .keys()
            .map(|r| (r.clone(), serde_json::json!({ "auth": MASK })))
            .collect();
        let masked = serde_json::json!({ "auths": auths }).to_string();
        let d = BTreeMap::from([(".dockerconfigjson".to_string(), masked)]);
        (None, Some(d))
    };
    Object::Secret(Secret {
        metadata: m,
        data,
        string_data,
        type_: Some("kubernetes.io/dockerconfigjson".into()),
        ..Default::default()
    })
}

fn container_objects(plan: &Plan, c: &ContainerPlan, i: &Inputs<'_>) -> Vec<Object> {
    let (ns, p, name) = (i.namespace, plan.project.as_str(), c.service.as_str());
    let mut out = Vec::new();
    let selector = BTreeMap::from([(labels::NAME.to_string(), name.to_string())]);
    let own = [(labels::NAME, name)];
    let plain: BTreeMap<String, String> = c
        .env
        .iter()
        .filter(|(k, _)| !c.secret_keys.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let secret: BTreeMap<String, String> = c
        .env
        .iter()
        .filter(|(k, _)| c.secret_keys.contains(*k))
        .map(|(k, v)| {
            let v = if i.reveal_secrets {
                v.clone()
            } else {
                MASK.to_string()
            };
            (k.clone(), v)
        })
        .collect();
    let mut env_from = Vec::new();
    if !plain.is_empty() {
        let cm = format!("{name}-env");
        out.push(Object::ConfigMap(ConfigMap {
            metadata: meta(&cm, p, Some(ns), &own),
            data: Some(plain),
            ..Default::default()
        }));
        env_from.push(EnvFromSource {
            config_map_ref: Some(ConfigMapEnvSource {
                name: cm,
                optional: None,
            }),
            ..Default::default()
        });
    }
    if !secret.is_empty() {
        let s = format!("{name}-secrets");
        let mut m = meta(&s, p, Some(ns), &own);
        if !i.reveal_secrets {
            m.annotations = Some(BTreeMap::from([(
                labels::MASKED.to_string(),
                "true".to_string(),
            )]));
        }
        // `data` when the values are real: the API server stores `data`
        // only, so applying `stringData` again is a change on every push.
        // Masked (render, dry run) they stay readable as `stringData`.
        let (data, string_data) = if i.reveal_secrets {
            let bytes = secret
                .into_iter()
                .map(|(k, v)| (k, ByteString(v.into_bytes())))
                .collect();
            (Some(bytes), None)
        } else {
            (None, Some(secret))
        };
        out.push(Object::Secret(Secret {
            metadata: m,
            data,
            string_data,
            type_: Some("Opaque".into()),
            ..Default::default()
        }));
        env_from.push(EnvFromSource {
            secret_ref: Some(SecretEnvSource {
                name: s,
                optional: None,
            }),
            ..Default::default()
        });
    }
    // One entry per port and protocol: a port published twice on the host
    // (two addresses) is one container port, and the API refuses duplicates.
    let mut listed = std::collections::BTreeSet::new();
    let ports: Vec<ContainerPort> = c
        .ports
        .iter()
        .filter(|pt| listed.insert((pt.container_port, pt.protocol)))
        .map(|pt| ContainerPort {
            container_port: pt.container_port as i32,
            protocol: Some(proto(pt.protocol).into()),
            ..Default::default()
        })
        .collect();
    // On the project network every service answers to its name; in a
    // cluster only a Service makes a name resolve. So every long-running
    // service gets one: its published and exposed ports, or, when no port
    // is known, a headless Service (the name resolves to the pod).
    if !c.once {
        let mut seen = std::collections::BTreeSet::new();
        let sp: Vec<ServicePort> = service_ports(c)
            .into_iter()
            .filter(|pt| seen.insert(*pt))
            .map(|(port, protocol)| ServicePort {
                name: Some(format!("{}-{port}", proto(protocol).to_lowercase())),
                port: port as i32,
                target_port: Some(IntOrString::Int(port as i32)),
                protocol: Some(proto(protocol).into()),
                ..Default::default()
            })
            .collect();
        let headless = sp.is_empty();
        // The project's own pods only: a pod someone else labelled with
        // the same name gets none of this Service's traffic.
        let mut service_selector = selector.clone();
        service_selector.insert(labels::MANAGED_BY.to_string(), labels::MANAGER.to_string());
        service_selector.insert(labels::PART_OF.to_string(), p.to_string());
        // Its aliases too: each name other services use resolves.
        let others = c.aliases.iter().map(String::as_str).filter(|a| *a != name);
        for alias in std::iter::once(name).chain(others) {
            out.push(Object::Service(Service {
                metadata: meta(alias, p, Some(ns), &own),
                spec: Some(ServiceSpec {
                    selector: Some(service_selector.clone()),
                    cluster_ip: headless.then(|| "None".to_string()),
                    ports: (!headless).then(|| sp.clone()),
                    ..Default::default()
                }),
                ..Default::default()
            }));
        }
    }
    let mut volumes = Vec::new();
    let mut mounts = Vec::new();
    let mut carried_hashes = Vec::new();
    for (n, (m, content)) in carried(c, i.files).into_iter().enumerate() {
        let (object, volume, mount, hash) = carried_object(plan, c, i, n, m, content);
        out.push(object);
        volumes.push(volume);
        mounts.push(mount);
        carried_hashes.push(hash);
    }
    let files_only = volumes.len();
    for m in c.mounts.iter().filter(|m| m.kind == MountKind::Volume) {
        let claim = plan
            .volumes
            .iter()
            .find(|v| v.docker_name == m.source)
            .map_or(m.source.clone(), |v| v.name.clone());
        if !volumes.iter().any(|v: &Volume| v.name == claim) {
            volumes.push(Volume {
                name: claim.clone(),
                persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                    claim_name: claim.clone(),
                    read_only: None,
                }),
                ..Default::default()
            });
        }
        mounts.push(VolumeMount {
            name: claim,
            mount_path: m.target.clone(),
            read_only: m.read_only.then_some(true),
            ..Default::default()
        });
    }
    let container = Container {
        name: name.to_string(),
        image: Some(
            i.images
                .get(name)
                .cloned()
                .unwrap_or_else(|| c.image.clone()),
        ),
        command: c.entrypoint.clone(),
        args: c.command.clone(),
        working_dir: c.workdir.clone(),
        env_from: (!env_from.is_empty()).then_some(env_from),
        ports: (!ports.is_empty()).then_some(ports),
        volume_mounts: (!mounts.is_empty()).then_some(mounts),
        readiness_probe: c.healthcheck.as_ref().map(|h| Probe {
            exec: Some(ExecAction {
                command: Some(match h.test.first().map(String::as_str) {
                    Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), h.test[1..].join(" ")],
                    _ => h.test.iter().skip(1).cloned().collect(),
                }),
            }),
            period_seconds: Some(secs(h.interval_ms)),
            timeout_seconds: Some(secs(h.timeout_ms)),
            failure_threshold: Some(h.retries.max(1) as i32),
            initial_delay_seconds: (h.start_period_ms > 0).then(|| secs(h.start_period_ms)),
            ..Default::default()
        }),
        resources: i.resources.get(name).map(resources),
        image_pull_policy: i.pull_policy.map(str::to_string),
        // The dev container's user is this machine's UID, meaningless in a
        // cluster; a service's numeric user is carried as is.
        security_context: if c.is_dev {
            None
        } else {
            c.user.as_deref().and_then(numeric_user)
        },
        // The dev container is kept alive and is where people shell in.
        stdin: c.is_dev.then_some(true),
        tty: c.is_dev.then_some(true),
        ..Default::default()
    };
    let init_containers: Vec<Container> = c
        .depends_on
        .iter()
        .filter_map(|d| {
            // A task has no Service to wait for, and a pod cannot see a
            // Job end: `not_carried` says so.
            let dep = plan.container(&d.service).filter(|dep| !dep.once)?;
            let port = service_ports(dep)
                .into_iter()
                .find(|(_, protocol)| *protocol == Protocol::Tcp);
            let wait = match port {
                // `nc -z` is not in every busybox; a connect with stdin
                // closed is: it exits 0 once the port accepts.
                Some((port, _)) => format!(
                    "until nc -w 1 {} {port} </dev/null >/dev/null 2>&1; do sleep 1; done",
                    d.service
                ),
                // No port known: its headless Service's name resolves once
                // a pod of it is ready. (busybox's nslookup exits 1 when
                // any query of its search list fails, found or not.)
                None => format!(
                    "until nslookup {} 2>/dev/null | grep -q '^Name:'; do sleep 1; done",
                    d.service
                ),
            };
            Some(Container {
                name: format!("wait-for-{}", d.service),
                image: Some(WAIT_IMAGE.into()),
                image_pull_policy: i.pull_policy.map(str::to_string),
                command: Some(vec!["sh".into(), "-c".into(), wait]),
                ..Default::default()
            })
        })
        .collect();
    let pod_spec = PodSpec {
        containers: vec![container],
        init_containers: (!init_containers.is_empty()).then_some(init_containers),
        volumes: (!volumes.is_empty()).then_some(volumes.clone()),
        // A one-shot task runs once to its end, as `up` runs it.
        restart_policy: c.once.then(|| "Never".to_string()),
        image_pull_secrets: (!i.pull_logins.is_empty()).then(|| {
            vec![k8s_openapi::api::core::v1::LocalObjectReference {
                name: PULL_SECRET.to_string(),
            }]
        }),
        ..Default::default()
    };
    // The hash of what the pod runs in the cluster (the local config hash
    // also covers host paths and IDs, which mean nothing there).
    // The env's and the carried files' content is in it too (the pod spec
    // only names their ConfigMaps and Secrets): a changed value rolls the
    // pods, as a recreated container gets it locally. A hash, never the
    // values, and the same whether this render masks them or not.
    let env_hash = crate::plan::hash::key_hash(&c.env);
    let spec_json =
        serde_json::to_string(&(&pod_spec, &carried_hashes, &env_hash)).expect("serializes");
    let config_hash = crate::plan::hash::hex_digest(spec_json.as_bytes())[..16].to_string();
    let hash_annotation = || {
        Some(BTreeMap::from([(
            labels::CONFIG_HASH.to_string(),
            config_hash.clone(),
        )]))
    };
    let mut pod_meta = meta(name, p, None, &own);
    pod_meta.name = None;
    pod_meta.annotations = hash_annotation();
    let template = PodTemplateSpec {
        metadata: Some(pod_meta),
        spec: Some(pod_spec),
    };
    let mut wl_meta = meta(name, p, Some(ns), &own);
    wl_meta.annotations = hash_annotation();
    let label_selector = LabelSelector {
        match_labels: Some(selector),
        ..Default::default()
    };
    if c.once {
        // A Job's pod template cannot change: a changed task is a new Job
        // (named by its hash), and `push` prunes the old one.
        wl_meta.name = Some(format!("{name}-{}", &config_hash[..8]));
        out.push(Object::Job(Job {
            metadata: wl_meta,
            spec: Some(JobSpec {
                backoff_limit: Some(0),
                template,
                ..Default::default()
            }),
            ..Default::default()
        }));
    } else if volumes.len() == files_only {
        out.push(Object::Deployment(Deployment {
            metadata: wl_meta,
            spec: Some(DeploymentSpec {
                replicas: Some(1),
                selector: label_selector,
                template,
                ..Default::default()
            }),
            ..Default::default()
        }));
    } else {
        out.push(Object::StatefulSet(StatefulSet {
            metadata: wl_meta,
            spec: Some(StatefulSetSpec {
                replicas: Some(1),
                service_name: Some(name.to_string()),
                selector: label_selector,
                template,
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    out
}

/// The container's bind mounts that are carried, with what they hold (the
/// repository mount of the dev container never is).
fn carried<'a>(
    c: &'a ContainerPlan,
    files: &'a BTreeMap<String, MountContent>,
) -> Vec<(&'a crate::plan::MountPlan, &'a MountContent)> {
    c.mounts
        .iter()
        .filter(|m| m.kind == MountKind::Bind && !is_repository(c, m))
        .filter_map(|m| match files.get(&m.source) {
            Some(content @ (MountContent::File(_) | MountContent::Dir(_))) => Some((m, content)),
            _ => None,
        })
        .collect()
}

fn is_repository(c: &ContainerPlan, m: &crate::plan::MountPlan) -> bool {
    c.is_dev && Some(&m.target) == c.workdir.as_ref()
}

/// One carried bind mount: its ConfigMap (or Secret), the pod's volume and
/// the container's mount at the same path, and a hash of the content.
fn carried_object(
    plan: &Plan,
    c: &ContainerPlan,
    i: &Inputs<'_>,
    n: usize,
    m: &crate::plan::MountPlan,
    content: &MountContent,
) -> (Object, Volume, VolumeMount, String) {
    use k8s_openapi::api::core::v1::{ConfigMapVolumeSource, SecretVolumeSource};
    let entries: BTreeMap<String, Vec<u8>> = match content {
        MountContent::File(bytes) => {
            let key = key_of(m.target.rsplit('/').next().unwrap_or("file"));
            BTreeMap::from([(key, bytes.clone())])
        }
        MountContent::Dir(d) => d.iter().map(|(k, v)| (key_of(k), v.clone())).collect(),
        MountContent::No(_) => BTreeMap::new(),
    };
    let hash = crate::plan::hash::key_hash(&entries);
    let name = format!("{}-files-{n}", c.service);
    let secret = c.is_secret_file(&m.target);
    let mut meta = meta(
        &name,
        &plan.project,
        Some(i.namespace),
        &[(labels::NAME, &c.service)],
    );
    let object = if secret {
        // Masked (render, dry run) as readable `stringData`, as env secrets are.
        let (data, string_data) = if i.reveal_secrets {
            let data = entries
                .iter()
                .map(|(k, v)| (k.clone(), ByteString(v.clone())))
                .collect();
            (Some(data), None)
        } else {
            meta.annotations = Some(BTreeMap::from([(
                labels::MASKED.to_string(),
                "true".to_string(),
            )]));
            let masked = entries
                .keys()
                .map(|k| (k.clone(), MASK.to_string()))
                .collect();
            (None, Some(masked))
        };
        Object::Secret(Secret {
            metadata: meta,
            data,
            string_data,
            type_: Some("Opaque".into()),
            ..Default::default()
        })
    } else {
        let (mut text, mut binary) = (BTreeMap::new(), BTreeMap::new());
        for (k, v) in &entries {
            match String::from_utf8(v.clone()) {
                Ok(t) => {
                    text.insert(k.clone(), t);
                }
                Err(_) => {
                    binary.insert(k.clone(), ByteString(v.clone()));
                }
            }
        }
        Object::ConfigMap(ConfigMap {
            metadata: meta,
            data: (!text.is_empty()).then_some(text),
            binary_data: (!binary.is_empty()).then_some(binary),
            ..Default::default()
        })
    };
    let volume_name = format!("files-{n}");
    let volume = Volume {
        name: volume_name.clone(),
        config_map: (!secret).then(|| ConfigMapVolumeSource {
            name: name.clone(),
            ..Default::default()
        }),
        secret: secret.then(|| SecretVolumeSource {
            secret_name: Some(name.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let sub_path = match content {
        MountContent::File(_) => entries.keys().next().cloned(),
        _ => None,
    };
    let mount = VolumeMount {
        name: volume_name,
        mount_path: m.target.clone(),
        sub_path,
        // A ConfigMap is read-only in the pod whatever the profile says.
        read_only: Some(true),
        ..Default::default()
    };
    (object, volume, mount, hash)
}

/// A ConfigMap key: letters, digits, `-`, `_` and `.`.
pub fn key_of(name: &str) -> String {
    let k: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if k.is_empty() || k == "." || k == ".." {
        "file".into()
    } else {
        k
    }
}

/// `uid` or `uid:gid` as a security context; a name is not carried (the
/// cluster cannot look it up: `not_carried` says so).
fn numeric_user(user: &str) -> Option<SecurityContext> {
    let (uid, gid) = match user.split_once(':') {
        Some((u, g)) => (u.parse::<i64>().ok()?, Some(g.parse::<i64>().ok()?)),
        None => (user.parse::<i64>().ok()?, None),
    };
    Some(SecurityContext {
        run_as_user: Some(uid),
        run_as_group: gid,
        ..Default::default()
    })
}

/// What the profile asks for that the manifests do not carry, and why:
/// said by `k8s render` and `k8s push`, never silently dropped.
pub fn not_carried(plan: &Plan, files: &BTreeMap<String, MountContent>) -> Vec<String> {
    let mut out = Vec::new();
    for c in &plan.containers {
        for m in c.mounts.iter().filter(|m| m.kind == MountKind::Bind) {
            if is_repository(c, m) {
                out.push(format!(
                    "`{}`: the repository mount at `{}` (a cluster has no access to this machine's files; the image has what it needs)",
                    c.service, m.target
                ));
            } else {
                let why = match files.get(&m.source) {
                    Some(MountContent::No(why)) => why.as_str(),
                    Some(_) => continue,
                    None => "a cluster has no access to this machine's files",
                };
                out.push(format!(
                    "`{}`: bind mount `{}` at `{}` ({why})",
                    c.service, m.source, m.target
                ));
            }
        }
        for d in &c.depends_on {
            if plan.container(&d.service).is_some_and(|t| t.once) {
                out.push(format!(
                    "`{}`: waits for the task `{}` locally; in a cluster it starts without waiting (a pod cannot see a Job end), so it must cope until the task is done",
                    c.service, d.service
                ));
            }
        }
        if c.is_dev && !(c.hooks.on_create.is_empty() && c.hooks.post_start.is_empty()) {
            out.push(format!(
                "`{}`: its hooks (`on_create`, `post_start`) run where itp-dev starts the container, not in a cluster",
                c.service
            ));
        }
        if !c.is_dev
            && let Some(u) = c.user.as_deref().filter(|u| numeric_user(u).is_none())
        {
            out.push(format!(
                "`{}`: user `{u}` is a name; Kubernetes runs as a numeric user, so the image's default user is used (write `user = \"UID:GID\"` to carry it)",
                c.service
            ));
        }
    }
    out
}

/// The ports other pods reach a container on: published, then exposed.
fn service_ports(c: &ContainerPlan) -> Vec<(u16, Protocol)> {
    c.ports
        .iter()
        .map(|p| (p.container_port, p.protocol))
        .chain(c.expose.iter().map(|p| (*p, Protocol::Tcp)))
        .collect()
}

fn proto(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "TCP",
        Protocol::Udp => "UDP",
    }
}

fn secs(ms: u64) -> i32 {
    ms.div_ceil(1000).max(1) as i32
}

fn resources(r: &Resources) -> ResourceRequirements {
    let mut q = BTreeMap::new();
    if let Some(c) = &r.cpus {
        q.insert(
            "cpu".to_string(),
            Quantity(crate::profile::specs::canonical_cpus(c)),
        );
    }
    if let Some(m) = &r.memory {
        q.insert("memory".to_string(), Quantity(m.clone()));
    }
    ResourceRequirements {
        requests: Some(q.clone()),
        limits: Some(q),
        ..Default::default()
    }
}

/// The objects as one YAML stream.
/// The objects as YAML documents; strings that quote a registered secret
/// are masked (`ui::mask`): the secret values themselves are already.
pub fn to_yaml(objects: &[Object]) -> String {
    objects
        .iter()
        .map(|o| {
            let mut v = o.to_json();
            crate::ui::mask::leaves(&mut v);
            serde_yaml_ng::to_string(&v).expect("objects serialize")
        })
        .collect::<Vec<_>>()
        .join("---\n")
}
