//! The namespace's side of `itp-dev diff`: the project's workloads as the
//! API has them, env resolved from their ConfigMaps and Secrets, and the
//! image each current pod runs. Secret values are hashed as they are read.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Container, Pod, PodSpec, Secret, Service};
use kube::api::{Api, ListParams};
use serde::de::DeserializeOwned;

use super::{Cluster, ClusterError, api_error, is_ready};
use crate::k8s::labels;
use crate::parity::{Facts, File, Image, Ports, Run, ServiceFacts, Value};

/// What a ConfigMap or Secret holds, by key; `Err` when it cannot be read.
type Store = BTreeMap<String, Result<BTreeMap<String, Vec<u8>>, String>>;

impl Cluster {
    pub async fn facts(&self, ns: &str, project: &str) -> Result<Facts, ClusterError> {
        let lp = ListParams::default().labels(&format!(
            "{}={},{}={project}",
            labels::MANAGED_BY,
            labels::MANAGER,
            labels::PART_OF
        ));
        let secrets_api = Api::<Secret>::namespaced(self.client.clone(), ns);
        let (deployments, statefulsets, jobs, services, config_maps, secrets, pods) = futures_util::join!(
            self.list::<Deployment>(ns, &lp, "deployments"),
            self.list::<StatefulSet>(ns, &lp, "statefulsets"),
            self.list::<Job>(ns, &lp, "jobs"),
            self.list::<Service>(ns, &lp, "services"),
            self.list::<ConfigMap>(ns, &lp, "configmaps"),
            secrets_api.list(&lp),
            self.list::<Pod>(ns, &lp, "pods"),
        );
        let mut store: Store = BTreeMap::new();
        for c in config_maps? {
            let mut m: BTreeMap<String, Vec<u8>> = c
                .data
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, v.into_bytes()))
                .collect();
            m.extend(
                c.binary_data
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, v.0)),
            );
            store.insert(format!("cm/{}", c.metadata.name.unwrap_or_default()), Ok(m));
        }
        // Without the right to read Secrets, their keys are unknown, not
        // different: said as such.
        let secrets_unreadable = match secrets {
            Ok(list) => {
                for s in list.items {
                    let m = s
                        .data
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(k, v)| (k, v.0))
                        .collect();
                    store.insert(
                        format!("secret/{}", s.metadata.name.unwrap_or_default()),
                        Ok(m),
                    );
                }
                None
            }
            Err(kube::Error::Api(s)) if s.code == 403 => {
                Some("you may not read Secrets here".to_string())
            }
            Err(e) => return Err(api_error("listing secrets", e)),
        };
        let services: BTreeMap<String, Service> = services?
            .into_iter()
            .map(|s| (s.metadata.name.clone().unwrap_or_default(), s))
            .collect();
        let pods = pods?;
        let mut facts = Facts::default();
        let mut workloads: Vec<(String, PodSpec, Run)> = Vec::new();
        let run = |replicas: Option<i32>, ready: Option<i32>| Run {
            replicas: replicas.unwrap_or(1).max(0) as u32,
            ready: ready.unwrap_or(0).max(0) as u32,
            ended: None,
        };
        for d in deployments? {
            let ready = d.status.and_then(|s| s.ready_replicas);
            let spec = d.spec.unwrap_or_default();
            let r = run(spec.replicas, ready);
            workloads.push((
                service_of(&d.metadata),
                spec.template.spec.unwrap_or_default(),
                r,
            ));
        }
        for s in statefulsets? {
            let ready = s.status.and_then(|s| s.ready_replicas);
            let spec = s.spec.unwrap_or_default();
            let r = run(spec.replicas, ready);
            workloads.push((
                service_of(&s.metadata),
                spec.template.spec.unwrap_or_default(),
                r,
            ));
        }
        // The newest Job of a task is what runs (older ones are pruned).
        let mut jobs = jobs?;
        jobs.sort_by(|a, b| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
        });
        for j in jobs {
            let st = j.status.clone().unwrap_or_default();
            let spec = j.spec.unwrap_or_default();
            let ended = if st.succeeded.unwrap_or(0) > 0 {
                Some(true)
            } else if st.failed.unwrap_or(0) > 0 && st.active.unwrap_or(0) == 0 {
                Some(false)
            } else {
                None
            };
            let service = service_of(&j.metadata);
            workloads.retain(|(s, _, _)| *s != service);
            workloads.push((
                service,
                spec.template.spec.unwrap_or_default(),
                Run {
                    replicas: 1,
                    ready: st.ready.unwrap_or(0).max(0) as u32,
                    ended,
                },
            ));
        }
        for (service, spec, run) in workloads {
            let Some(container) = spec.containers.iter().find(|c| c.name == service) else {
                continue;
            };
            let once = run.ended.is_some() || spec.restart_policy.as_deref() == Some("Never");
            let mut s = ServiceFacts {
                run,
                env: env_of(container, &store, secrets_unreadable.as_deref()),
                files: files_of(&spec, container, &store, secrets_unreadable.as_deref()),
                volumes: volumes_of(&spec, container),
                ..Default::default()
            };
            s.ports = if once {
                Ports::Any
            } else {
                match services.get(&service).and_then(|s| s.spec.as_ref()) {
                    None => Ports::Unresolved,
                    Some(sp) if sp.cluster_ip.as_deref() == Some("None") => Ports::Any,
                    Some(sp) => Ports::Listed(
                        sp.ports
                            .iter()
                            .flatten()
                            .map(|p| {
                                let proto = p.protocol.as_deref().unwrap_or("TCP");
                                format!("{}/{}", p.port, proto.to_lowercase())
                            })
                            .collect(),
                    ),
                }
            };
            let digests: BTreeSet<String> = pods
                .iter()
                .filter(|p| service_of(&p.metadata) == service)
                .filter(|p| p.metadata.deletion_timestamp.is_none())
                .filter_map(|p| {
                    let st = p.status.as_ref()?.container_statuses.as_ref()?;
                    let c = st.iter().find(|c| c.name == service)?;
                    crate::parity::digest_of(&c.image_id).map(str::to_string)
                })
                .collect();
            s.image = Some(Image {
                reference: container.image.clone().unwrap_or_default(),
                digests,
                names: BTreeSet::new(),
            });
            if !once {
                // Readiness as the pods have it (a Deployment's count lags).
                let ready = pods
                    .iter()
                    .filter(|p| service_of(&p.metadata) == service)
                    .filter(|p| p.metadata.deletion_timestamp.is_none() && is_ready(p))
                    .count() as u32;
                s.run.ready = s.run.ready.max(ready).min(s.run.replicas);
            }
            facts.services.insert(service, s);
        }
        Ok(facts)
    }

    async fn list<K>(&self, ns: &str, lp: &ListParams, what: &str) -> Result<Vec<K>, ClusterError>
    where
        K: kube::Resource<Scope = kube::core::NamespaceResourceScope>
            + Clone
            + DeserializeOwned
            + std::fmt::Debug,
        <K as kube::Resource>::DynamicType: Default,
    {
        Api::<K>::namespaced(self.client.clone(), ns)
            .list(lp)
            .await
            .map(|l| l.items)
            .map_err(|e| api_error(&format!("listing {what}"), e))
    }
}

fn service_of(m: &kube::core::ObjectMeta) -> String {
    m.labels
        .as_ref()
        .and_then(|l| l.get(labels::NAME).cloned())
        .or_else(|| m.name.clone())
        .unwrap_or_default()
}

/// The container's env as the kubelet builds it: `envFrom` first, then
/// `env` over it.
fn env_of(c: &Container, store: &Store, no_secrets: Option<&str>) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let unknown = |why: &str| Value::Plain(format!("(unknown: {why})"));
    for f in c.env_from.iter().flatten() {
        let prefix = f.prefix.clone().unwrap_or_default();
        let (key, secret) = match (&f.config_map_ref, &f.secret_ref) {
            (Some(r), _) => (format!("cm/{}", r.name), false),
            (_, Some(r)) => (format!("secret/{}", r.name), true),
            _ => continue,
        };
        match (store.get(&key), secret.then_some(no_secrets).flatten()) {
            (_, Some(why)) => {
                // Its keys cannot be listed either.
                out.insert(format!("{prefix}(keys of {key})"), unknown(why));
            }
            (Some(Ok(m)), None) => {
                for (k, v) in m {
                    out.insert(format!("{prefix}{k}"), value(v, secret));
                }
            }
            _ => {}
        }
    }
    for e in c.env.iter().flatten() {
        let v = match (&e.value, &e.value_from) {
            (Some(v), _) => Value::Plain(v.clone()),
            (None, Some(from)) => {
                let (key, item, secret) = match (&from.config_map_key_ref, &from.secret_key_ref) {
                    (Some(r), _) => (format!("cm/{}", r.name), r.key.clone(), false),
                    (_, Some(r)) => (format!("secret/{}", r.name), r.key.clone(), true),
                    _ => {
                        out.insert(e.name.clone(), unknown("set from the pod's own fields"));
                        continue;
                    }
                };
                match (secret.then_some(no_secrets).flatten(), store.get(&key)) {
                    (Some(why), _) => unknown(why),
                    (None, Some(Ok(m))) => match m.get(&item) {
                        Some(v) => value(v, secret),
                        None => continue,
                    },
                    _ => continue,
                }
            }
            (None, None) => Value::Plain(String::new()),
        };
        out.insert(e.name.clone(), v);
    }
    out
}

fn value(bytes: &[u8], secret: bool) -> Value {
    if secret {
        Value::secret(bytes)
    } else {
        Value::Plain(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Named volumes (claims) by mount path.
fn volumes_of(spec: &PodSpec, c: &Container) -> BTreeMap<String, String> {
    let claims: BTreeMap<&str, &str> = spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| {
            let claim = v.persistent_volume_claim.as_ref()?;
            Some((v.name.as_str(), claim.claim_name.as_str()))
        })
        .collect();
    c.volume_mounts
        .iter()
        .flatten()
        .filter_map(|m| {
            let claim = claims.get(m.name.as_str())?;
            Some((m.mount_path.clone(), claim.to_string()))
        })
        .collect()
}

/// Files from ConfigMaps and Secrets by mount path: one key (`subPath`) or
/// all of them, as a directory.
fn files_of(
    spec: &PodSpec,
    c: &Container,
    store: &Store,
    no_secrets: Option<&str>,
) -> BTreeMap<String, File> {
    let sources: BTreeMap<&str, (String, bool)> = spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| match (&v.config_map, &v.secret) {
            (Some(cm), _) => Some((v.name.as_str(), (format!("cm/{}", cm.name), false))),
            (_, Some(s)) => Some((
                v.name.as_str(),
                (
                    format!("secret/{}", s.secret_name.clone().unwrap_or_default()),
                    true,
                ),
            )),
            _ => None,
        })
        .collect();
    let mut out = BTreeMap::new();
    for m in c.volume_mounts.iter().flatten() {
        let Some((key, secret)) = sources.get(m.name.as_str()) else {
            continue;
        };
        let file = match (secret.then_some(no_secrets).flatten(), store.get(key)) {
            (Some(why), _) => File::Unreadable(why.to_string()),
            (None, Some(Ok(data))) => match m.sub_path.as_deref().filter(|p| !p.is_empty()) {
                Some(item) => match data.get(item) {
                    Some(bytes) => File::of_bytes(bytes, *secret),
                    None => File::Unreadable(format!("`{key}` has no key `{item}`")),
                },
                None => File::of_dir(data, *secret),
            },
            _ => File::Unreadable(format!("`{key}` is not there")),
        };
        out.insert(m.mount_path.clone(), file);
    }
    out
}
