//! Talking to the Kubernetes API (kube): connect with the kubeconfig's
//! context, make sure the namespace is ours, server-side apply the objects
//! (field manager `itp-dev`), prune what we own and no longer plan, and
//! wait for the workloads. Decisions are in `decide`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Event as KEvent, Namespace, PersistentVolumeClaim, Pod, Secret, Service,
};
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::decide;
use super::labels;
use super::render::Object;

pub const FIELD_MANAGER: &str = "itp-dev";

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No usable kubeconfig, unknown context, API unreachable, forbidden:
    /// exit 3, as for an unreachable engine.
    #[error("{message}")]
    Unreachable { message: String, hint: String },
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Api(String),
}

pub struct Cluster {
    client: kube::Client,
    /// The API server's `major.minor`.
    pub version: String,
    pub context: String,
    pub server: String,
}

fn unreachable(message: String, hint: &str) -> ClusterError {
    ClusterError::Unreachable {
        message,
        hint: hint.to_string(),
    }
}

/// Why no kubeconfig could be read.
#[derive(Debug)]
pub enum KubeconfigProblem {
    /// None of the files exists (`where_` names them).
    Missing { where_: String },
    /// One exists and cannot be read or parsed.
    Invalid { path: PathBuf, message: String },
}

/// The kubeconfig as kubectl reads it: the files of `KUBECONFIG` merged
/// (the first to set a value wins; files that do not exist are skipped), or
/// `~/.kube/config`. Also what it was read from, for messages.
pub fn read_kubeconfig(
    env: &std::collections::HashMap<String, String>,
) -> Result<(Kubeconfig, String), KubeconfigProblem> {
    let paths: Vec<PathBuf> = match env.get("KUBECONFIG").filter(|v| !v.is_empty()) {
        Some(v) => std::env::split_paths(v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => env
            .get("HOME")
            .map(|h| PathBuf::from(h).join(".kube/config"))
            .into_iter()
            .collect(),
    };
    let where_ = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut merged: Option<Kubeconfig> = None;
    for p in paths.iter().filter(|p| p.exists()) {
        let kc = Kubeconfig::read_from(p).map_err(|e| KubeconfigProblem::Invalid {
            path: p.clone(),
            message: e.to_string(),
        })?;
        merged = Some(match merged {
            None => kc,
            Some(m) => m.merge(kc).map_err(|e| KubeconfigProblem::Invalid {
                path: p.clone(),
                message: e.to_string(),
            })?,
        });
    }
    match merged {
        Some(kc) => Ok((kc, where_)),
        None => Err(KubeconfigProblem::Missing {
            where_: if where_.is_empty() {
                "no KUBECONFIG and no HOME".into()
            } else {
                where_
            },
        }),
    }
}

pub async fn connect(context: Option<&str>) -> Result<Cluster, ClusterError> {
    let env: std::collections::HashMap<String, String> = std::env::vars().collect();
    let (kc, _) = read_kubeconfig(&env).map_err(|p| {
        let why = match p {
            KubeconfigProblem::Missing { where_ } => format!("{where_} does not exist"),
            KubeconfigProblem::Invalid { path, message } => {
                format!("{}: {message}", path.display())
            }
        };
        unreachable(
            format!("no usable kubeconfig: {why}"),
            "set KUBECONFIG, or put one at ~/.kube/config",
        )
    })?;
    let names: Vec<String> = kc.contexts.iter().map(|c| c.name.clone()).collect();
    let chosen = context
        .map(str::to_string)
        .or_else(|| kc.current_context.clone())
        .ok_or_else(|| {
            unreachable(
                "the kubeconfig has no current context".into(),
                "pass `--context NAME`",
            )
        })?;
    if !names.contains(&chosen) {
        return Err(unreachable(
            format!("context `{chosen}` is not in the kubeconfig"),
            &format!("use one of: {}", names.join(", ")),
        ));
    }
    let options = KubeConfigOptions {
        context: Some(chosen.clone()),
        ..Default::default()
    };
    let mut config = kube::Config::from_custom_kubeconfig(kc, &options)
        .await
        .map_err(|e| {
            unreachable(
                format!("the kubeconfig cannot be used: {e}"),
                "check it with `kubectl config view`",
            )
        })?;
    config.connect_timeout = Some(Duration::from_secs(5));
    config.read_timeout = Some(Duration::from_secs(30));
    let server = config.cluster_url.to_string();
    let client = kube::Client::try_from(config).map_err(|e| {
        unreachable(
            format!("no client for {server}: {e}"),
            "check the kubeconfig's cluster",
        )
    })?;
    let info = client.apiserver_version().await.map_err(|e| {
        unreachable(
            format!("the Kubernetes API at {server} does not answer: {e}"),
            "check the VPN or network, and that the context points at the right cluster",
        )
    })?;
    Ok(Cluster {
        version: format!("{}.{}", info.major, info.minor),
        client,
        context: chosen,
        server,
    })
}

fn api_error(what: &str, e: kube::Error) -> ClusterError {
    match &e {
        kube::Error::Api(s) if s.code == 403 => unreachable(
            format!("{what}: forbidden: {}", s.message),
            "ask a cluster admin for access, or use a namespace you may use (`--namespace`)",
        ),
        kube::Error::Api(s) => {
            ClusterError::Api(format!("{what}: {} ({}, {})", s.message, s.code, s.reason))
        }
        _ => unreachable(
            format!("{what}: {e}"),
            "check the connection to the cluster",
        ),
    }
}

/// What applying an object did.
pub use crate::events::ApplyOutcome as Outcome;

impl Cluster {
    /// Whether this user may create workloads in `ns`, by the API's own
    /// answer (a SelfSubjectAccessReview); `Err` carries its reason.
    pub async fn may_create_workloads(&self, ns: &str) -> Result<Result<(), String>, ClusterError> {
        use k8s_openapi::api::authorization::v1::{
            ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
        };
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
        let api: Api<SelfSubjectAccessReview> = Api::all(self.client.clone());
        let r = api
            .create(&PostParams::default(), &review)
            .await
            .map_err(|e| api_error("the permission check", e))?;
        Ok(match r.status {
            Some(s) if s.allowed => Ok(()),
            s => Err(s.and_then(|s| s.reason).unwrap_or_default()),
        })
    }

    /// The namespace exists and is ours (created here if missing, adopted
    /// only when asked); never a terminating one.
    pub async fn ensure_namespace(
        &self,
        ns_object: &mut Namespace,
        project: &str,
        adopt: bool,
        dry_run: bool,
    ) -> Result<Outcome, ClusterError> {
        let name = ns_object.metadata.name.clone().unwrap_or_default();
        let api: Api<Namespace> = Api::all(self.client.clone());
        match api
            .get_opt(&name)
            .await
            .map_err(|e| api_error(&format!("namespace `{name}`"), e))?
        {
            Some(existing) => {
                if existing.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Terminating")
                {
                    return Err(ClusterError::Refused(format!(
                        "namespace `{name}` is being deleted; wait until it is gone, then push again"
                    )));
                }
                if !decide::owned(existing.metadata.labels.as_ref(), project) && !adopt {
                    return Err(ClusterError::Refused(format!(
                        "namespace `{name}` exists and was not created by itp-dev for `{project}`; `--adopt` takes it over (its other objects are left alone)"
                    )));
                }
                // Expiry and owner are set once, when the namespace is
                // made: a second push changes nothing.
                let ann = ns_object
                    .metadata
                    .annotations
                    .get_or_insert_with(BTreeMap::new);
                let adopted = !decide::owned(existing.metadata.labels.as_ref(), project)
                    || existing
                        .metadata
                        .annotations
                        .as_ref()
                        .is_some_and(|a| a.contains_key(labels::ADOPTED));
                for key in [labels::EXPIRES, labels::OWNER] {
                    match existing
                        .metadata
                        .annotations
                        .as_ref()
                        .and_then(|a| a.get(key))
                    {
                        Some(v) => {
                            ann.insert(key.to_string(), v.clone());
                        }
                        None => {
                            ann.remove(key);
                        }
                    }
                }
                if adopted {
                    // Someone else's namespace: it never expires through us.
                    ann.insert(labels::ADOPTED.to_string(), "true".to_string());
                    ann.remove(labels::EXPIRES);
                }
                let o = self.apply_one(api, &name, ns_object, dry_run).await?;
                Ok(if o == Outcome::Created {
                    Outcome::Changed
                } else {
                    o
                })
            }
            None => self.apply_one(api, &name, &*ns_object, dry_run).await,
        }
    }

    async fn apply_one<K>(
        &self,
        api: Api<K>,
        name: &str,
        obj: &K,
        dry_run: bool,
    ) -> Result<Outcome, ClusterError>
    where
        K: kube::Resource + Clone + DeserializeOwned + Serialize + std::fmt::Debug,
        K::DynamicType: Default,
    {
        let what = format!("{} `{name}`", K::kind(&Default::default()));
        let before = api
            .get_opt(name)
            .await
            .map_err(|e| api_error(&what, e))?
            .and_then(|o| o.meta().resource_version.clone());
        let mut pp = PatchParams::apply(FIELD_MANAGER).force();
        if dry_run {
            pp = pp.dry_run();
        }
        let after = api
            .patch(name, &pp, &Patch::Apply(obj))
            .await
            .map_err(|e| api_error(&what, e))?;
        Ok(match before {
            None => Outcome::Created,
            Some(v) if after.meta().resource_version.as_deref() == Some(v.as_str()) => {
                Outcome::Unchanged
            }
            Some(_) => Outcome::Changed,
        })
    }

    /// Applies every object but the Namespace, in order.
    pub async fn apply(
        &self,
        ns: &str,
        objects: &[Object],
        dry_run: bool,
    ) -> Result<Vec<(String, Outcome)>, ClusterError> {
        let mut out = Vec::new();
        for o in objects {
            let c = self.client.clone();
            let name = o.name();
            let outcome = match o {
                Object::Namespace(_) => continue,
                Object::Deployment(x) => {
                    self.apply_one(Api::<Deployment>::namespaced(c, ns), &name, x, dry_run)
                        .await
                }
                Object::StatefulSet(x) => {
                    self.apply_one(Api::<StatefulSet>::namespaced(c, ns), &name, x, dry_run)
                        .await
                }
                Object::Service(x) => {
                    self.apply_one(Api::<Service>::namespaced(c, ns), &name, x, dry_run)
                        .await
                }
                Object::ConfigMap(x) => {
                    self.apply_one(Api::<ConfigMap>::namespaced(c, ns), &name, x, dry_run)
                        .await
                }
                Object::Secret(x) => {
                    self.apply_one(Api::<Secret>::namespaced(c, ns), &name, x, dry_run)
                        .await
                }
                Object::Pvc(x) => {
                    self.apply_one(
                        Api::<PersistentVolumeClaim>::namespaced(c, ns),
                        &name,
                        x,
                        dry_run,
                    )
                    .await
                }
            }?;
            out.push((o.key(), outcome));
        }
        Ok(out)
    }

    /// `Kind/name` of every object of the project in `ns`.
    async fn owned(&self, ns: &str, project: &str) -> Result<BTreeSet<String>, ClusterError> {
        let lp = ListParams::default().labels(&format!(
            "{}={},{}={project}",
            labels::MANAGED_BY,
            labels::MANAGER,
            labels::PART_OF
        ));
        let mut keys = BTreeSet::new();
        macro_rules! list {
            ($t:ty, $kind:literal) => {{
                let api: Api<$t> = Api::namespaced(self.client.clone(), ns);
                for o in api
                    .list(&lp)
                    .await
                    .map_err(|e| api_error(concat!("listing ", $kind), e))?
                {
                    if decide::owned(kube::Resource::meta(&o).labels.as_ref(), project) {
                        keys.insert(format!(
                            "{}/{}",
                            $kind,
                            kube::Resource::meta(&o).name.clone().unwrap_or_default()
                        ));
                    }
                }
            }};
        }
        list!(Deployment, "Deployment");
        list!(StatefulSet, "StatefulSet");
        list!(Service, "Service");
        list!(ConfigMap, "ConfigMap");
        list!(Secret, "Secret");
        list!(PersistentVolumeClaim, "PersistentVolumeClaim");
        Ok(keys)
    }

    /// Deletes the project's objects the plan no longer has.
    pub async fn prune(
        &self,
        ns: &str,
        project: &str,
        planned: &BTreeSet<String>,
        dry_run: bool,
    ) -> Result<Vec<String>, ClusterError> {
        let gone = decide::prune(&self.owned(ns, project).await?, planned);
        if dry_run {
            return Ok(gone);
        }
        for key in &gone {
            let (kind, name) = key.split_once('/').unwrap_or(("", key));
            let c = self.client.clone();
            let dp = DeleteParams::default();
            let r = match kind {
                "Deployment" => Api::<Deployment>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                "StatefulSet" => Api::<StatefulSet>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                "Service" => Api::<Service>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                "ConfigMap" => Api::<ConfigMap>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                "Secret" => Api::<Secret>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                "PersistentVolumeClaim" => Api::<PersistentVolumeClaim>::namespaced(c, ns)
                    .delete(name, &dp)
                    .await
                    .map(drop),
                _ => Ok(()),
            };
            r.map_err(|e| api_error(&format!("deleting {key}"), e))?;
        }
        Ok(gone)
    }

    /// Waits until every workload's rollout is complete; `progress` hears
    /// each change. On timeout, the reason from pod status and events.
    pub async fn wait(
        &self,
        ns: &str,
        workloads: &[(String, String)],
        timeout: Duration,
        sink: &dyn crate::events::Sink,
    ) -> Result<(), ClusterError> {
        let begun = Instant::now();
        let mut last: BTreeMap<String, String> = BTreeMap::new();
        loop {
            let mut pending = Vec::new();
            for (kind, name) in workloads {
                let (generation, observed, updated, ready) = if kind == "StatefulSet" {
                    let s = Api::<StatefulSet>::namespaced(self.client.clone(), ns)
                        .get(name)
                        .await
                        .map_err(|e| api_error(&format!("{kind} `{name}`"), e))?;
                    let st = s.status.unwrap_or_default();
                    (
                        s.metadata.generation,
                        st.observed_generation,
                        st.updated_replicas,
                        st.ready_replicas,
                    )
                } else {
                    let d = Api::<Deployment>::namespaced(self.client.clone(), ns)
                        .get(name)
                        .await
                        .map_err(|e| api_error(&format!("{kind} `{name}`"), e))?;
                    let st = d.status.unwrap_or_default();
                    (
                        d.metadata.generation,
                        st.observed_generation,
                        st.updated_replicas,
                        st.ready_replicas,
                    )
                };
                let done = decide::rollout_complete(generation, observed, 1, updated, ready);
                let state = if done {
                    "ready".to_string()
                } else {
                    format!("{}/1 ready", ready.unwrap_or(0))
                };
                if last.get(name) != Some(&state) {
                    sink.emit(crate::events::Event::Rollout {
                        workload: name.clone(),
                        state: state.clone(),
                    });
                    last.insert(name.clone(), state);
                }
                if !done {
                    pending.push(name.clone());
                }
            }
            if pending.is_empty() {
                return Ok(());
            }
            if begun.elapsed() > timeout {
                let mut reasons = Vec::new();
                for name in &pending {
                    reasons.push(format!("{name}: {}", self.why_stuck(ns, name).await));
                }
                return Err(ClusterError::Api(format!(
                    "not ready after {}s: {}",
                    timeout.as_secs(),
                    reasons.join("; ")
                )));
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    async fn why_stuck(&self, ns: &str, service: &str) -> String {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let lp = ListParams::default().labels(&format!("{}={service}", labels::NAME));
        let mut waiting = Vec::new();
        let mut names = Vec::new();
        if let Ok(list) = pods.list(&lp).await {
            for p in list {
                names.push(p.metadata.name.clone().unwrap_or_default());
                for cs in p
                    .status
                    .and_then(|s| s.container_statuses)
                    .unwrap_or_default()
                {
                    if let Some(w) = cs.state.and_then(|s| s.waiting).and_then(|w| w.reason) {
                        waiting.push(w);
                    }
                }
            }
        }
        let mut events = Vec::new();
        let ev: Api<KEvent> = Api::namespaced(self.client.clone(), ns);
        for n in &names {
            let lp = ListParams::default().fields(&format!("involvedObject.name={n}"));
            if let Ok(list) = ev.list(&lp).await {
                for e in list {
                    events.push(format!(
                        "{} {}",
                        e.reason.unwrap_or_default(),
                        e.message.unwrap_or_default()
                    ));
                }
            }
        }
        decide::stuck_reason(&waiting, &events)
            .unwrap_or_else(|| "still starting (no error reported)".into())
    }
}

/// A namespace itp-dev made, as `k8s list` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct NamespaceInfo {
    pub name: String,
    pub project: String,
    pub owner: String,
    /// RFC 3339, from the API.
    pub created: String,
    /// RFC 3339, from the `itp.dev/expires-at` annotation.
    pub expires: Option<String>,
}

/// A workload's readiness, as `k8s status` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadInfo {
    pub kind: String,
    pub name: String,
    pub ready: i32,
    pub desired: i32,
}

impl Cluster {
    /// The namespaces itp-dev owns (of `project`, when given).
    pub async fn namespaces(
        &self,
        project: Option<&str>,
    ) -> Result<Vec<NamespaceInfo>, ClusterError> {
        let mut selector = format!("{}={}", labels::MANAGED_BY, labels::MANAGER);
        if let Some(p) = project {
            selector.push_str(&format!(",{}={p}", labels::PART_OF));
        }
        let api: Api<Namespace> = Api::all(self.client.clone());
        let list = api
            .list(&ListParams::default().labels(&selector))
            .await
            .map_err(|e| api_error("listing namespaces", e))?;
        Ok(list
            .into_iter()
            .filter(|n| {
                !n.metadata
                    .annotations
                    .as_ref()
                    .is_some_and(|a| a.contains_key(labels::ADOPTED))
            })
            .map(|n| {
                let m = n.metadata;
                let ann = m.annotations.unwrap_or_default();
                NamespaceInfo {
                    name: m.name.unwrap_or_default(),
                    project: m
                        .labels
                        .unwrap_or_default()
                        .get(labels::PART_OF)
                        .cloned()
                        .unwrap_or_default(),
                    owner: ann.get(labels::OWNER).cloned().unwrap_or_default(),
                    created: m
                        .creation_timestamp
                        .map(|t| t.0.to_string())
                        .unwrap_or_default(),
                    expires: ann.get(labels::EXPIRES).cloned(),
                }
            })
            .collect())
    }

    pub async fn delete_namespace(&self, name: &str) -> Result<(), ClusterError> {
        Api::<Namespace>::all(self.client.clone())
            .delete(name, &DeleteParams::default())
            .await
            .map(drop)
            .map_err(|e| api_error(&format!("deleting namespace `{name}`"), e))
    }

    /// Removes the project from `ns`: the whole namespace when itp-dev made
    /// it for this project, otherwise only the objects it owns there.
    /// Returns what was deleted.
    pub async fn down(&self, ns: &str, project: &str) -> Result<Vec<String>, ClusterError> {
        let api: Api<Namespace> = Api::all(self.client.clone());
        let Some(existing) = api
            .get_opt(ns)
            .await
            .map_err(|e| api_error(&format!("namespace `{ns}`"), e))?
        else {
            return Ok(vec![]);
        };
        let adopted = existing
            .metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(labels::ADOPTED));
        if decide::owned(existing.metadata.labels.as_ref(), project) && !adopted {
            self.delete_namespace(ns).await?;
            return Ok(vec![format!("Namespace/{ns}")]);
        }
        self.prune(ns, project, &BTreeSet::new(), false).await
    }

    /// The project's workloads in `ns` and how many of their pods are ready.
    pub async fn workloads(
        &self,
        ns: &str,
        project: &str,
    ) -> Result<Vec<WorkloadInfo>, ClusterError> {
        let lp = ListParams::default().labels(&format!(
            "{}={},{}={project}",
            labels::MANAGED_BY,
            labels::MANAGER,
            labels::PART_OF
        ));
        let mut out = Vec::new();
        for d in Api::<Deployment>::namespaced(self.client.clone(), ns)
            .list(&lp)
            .await
            .map_err(|e| api_error("listing deployments", e))?
        {
            let st = d.status.unwrap_or_default();
            out.push(WorkloadInfo {
                kind: "Deployment".into(),
                name: d.metadata.name.unwrap_or_default(),
                ready: st.ready_replicas.unwrap_or(0),
                desired: d.spec.and_then(|s| s.replicas).unwrap_or(1),
            });
        }
        for s in Api::<StatefulSet>::namespaced(self.client.clone(), ns)
            .list(&lp)
            .await
            .map_err(|e| api_error("listing statefulsets", e))?
        {
            let st = s.status.unwrap_or_default();
            out.push(WorkloadInfo {
                kind: "StatefulSet".into(),
                name: s.metadata.name.unwrap_or_default(),
                ready: st.ready_replicas.unwrap_or(0),
                desired: s.spec.and_then(|s| s.replicas).unwrap_or(1),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The pods API of `ns`, and the names of `service`'s pods.
    async fn pods_of(
        &self,
        ns: &str,
        service: &str,
    ) -> Result<(Api<Pod>, Vec<String>), ClusterError> {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let lp = ListParams::default().labels(&format!("{}={service}", labels::NAME));
        let list = pods
            .list(&lp)
            .await
            .map_err(|e| api_error("listing pods", e))?;
        let names = list.into_iter().filter_map(|p| p.metadata.name).collect();
        Ok((pods, names))
    }

    /// Streams the logs of `service`'s pods; false when it has none.
    pub async fn logs(
        &self,
        ns: &str,
        service: &str,
        follow: bool,
        tail: Option<i64>,
        line: &(dyn Fn(&str, &str) + Sync),
    ) -> Result<bool, ClusterError> {
        use futures_util::AsyncBufReadExt;
        let (pods, names) = self.pods_of(ns, service).await?;
        if names.is_empty() {
            return Ok(false);
        }
        let params = kube::api::LogParams {
            follow,
            tail_lines: tail,
            ..Default::default()
        };
        let streams = names.iter().map(|name| {
            let pods = pods.clone();
            let params = params.clone();
            async move {
                let stream = pods
                    .log_stream(name, &params)
                    .await
                    .map_err(|e| api_error(&format!("logs of `{name}`"), e))?;
                let mut lines = stream.lines();
                use futures_util::TryStreamExt;
                while let Some(l) = lines
                    .try_next()
                    .await
                    .map_err(|e| ClusterError::Api(format!("logs of `{name}`: {e}")))?
                {
                    line(name, &l);
                }
                Ok::<_, ClusterError>(())
            }
        });
        for r in futures_util::future::join_all(streams).await {
            r?;
        }
        Ok(true)
    }

    /// Runs `cmd` in the first pod of `service`, attached to this process's
    /// stdin, stdout and stderr (one terminal stream with `tty`); returns
    /// the command's exit code, or `None` when the service has no pod.
    pub async fn exec(
        &self,
        ns: &str,
        service: &str,
        cmd: Vec<String>,
        tty: bool,
    ) -> Result<Option<i32>, ClusterError> {
        use kube::api::AttachParams;
        use tokio::io::AsyncWriteExt;
        let (pods, names) = self.pods_of(ns, service).await?;
        let Some(pod) = names.into_iter().next() else {
            return Ok(None);
        };
        let ap = AttachParams::default()
            .container(service)
            .stdin(true)
            .stdout(true)
            .stderr(!tty)
            .tty(tty);
        let mut attached = pods
            .exec(&pod, cmd, &ap)
            .await
            .map_err(|e| api_error(&format!("exec in `{pod}`"), e))?;
        let status = attached.take_status();
        if tty && let Some(mut sizes) = attached.terminal_size() {
            // The window size now, and again on every resize.
            tokio::spawn(async move {
                use futures_util::SinkExt;
                let mut resizes = crate::terminal::Resizes::new();
                let mut now = crate::terminal::size();
                while let Some((height, width)) = now {
                    if sizes
                        .send(kube::api::TerminalSize { width, height })
                        .await
                        .is_err()
                    {
                        return;
                    }
                    now = resizes.changed().await;
                }
            });
        }
        let mut out = attached.stdout();
        let mut err = attached.stderr();
        let copy_out = async {
            if let Some(o) = out.as_mut() {
                let _ = tokio::io::copy(o, &mut tokio::io::stdout()).await;
            }
            let _ = tokio::io::stdout().flush().await;
        };
        let copy_err = async {
            if let Some(e) = err.as_mut() {
                let _ = tokio::io::copy(e, &mut tokio::io::stderr()).await;
            }
        };
        if let Some(mut input) = attached.stdin() {
            let mut rx = crate::terminal::stdin_chunks();
            tokio::spawn(async move {
                while let Some(chunk) = rx.recv().await {
                    if input.write_all(&chunk).await.is_err() {
                        break;
                    }
                }
                let _ = input.shutdown().await;
            });
        }
        futures_util::join!(copy_out, copy_err);
        let status = match status {
            Some(s) => s.await,
            None => None,
        };
        Ok(Some(exit_code(status.as_ref())))
    }
}

/// The exit code in an exec's final `Status`: 0 on success, the
/// `ExitCode` cause otherwise (1 when the API gives none).
fn exit_code(s: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Status>) -> i32 {
    let Some(s) = s else { return 1 };
    if s.status.as_deref() == Some("Success") {
        return 0;
    }
    s.details
        .as_ref()
        .and_then(|d| d.causes.as_ref())
        .and_then(|c| c.iter().find(|c| c.reason.as_deref() == Some("ExitCode")))
        .and_then(|c| c.message.as_ref()?.parse().ok())
        .unwrap_or(1)
}
