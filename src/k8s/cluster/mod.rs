//! Talking to the Kubernetes API (kube). This file: the target (read the
//! kubeconfig as kubectl does, connect with its context, make sure the
//! namespace is ours, permissions, namespaces listed and deleted);
//! `push`: server-side apply (field manager `itp-dev`), prune what we own
//! and no longer plan, wait for rollouts; `session`: readiness, logs and
//! attached commands. Decisions are in `decide`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{Event as KEvent, Namespace, Pod};
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
    /// itp-dev will not go on (a namespace that is not ours, or going).
    #[error("{0}")]
    Refused(String),
    /// The API answered with an error status; the status is the cause.
    #[error("{what} ({code})")]
    Api {
        what: String,
        code: u16,
        #[source]
        status: Box<kube::core::Status>,
    },
    #[error("not ready after {seconds}s: {reasons}")]
    NotReady { seconds: u64, reasons: String },
    /// A pod that has run to its end (a one-shot task's) runs nothing more.
    #[error(
        "`{pod}` has run to its end ({phase}); nothing runs in it now (`itp-dev k8s logs` shows what it did)"
    )]
    Ended { pod: String, phase: String },
    /// A pod whose container has not started has no logs yet.
    #[error(
        "`{pod}` has not started yet ({why}), so it has no logs; `itp-dev k8s status` says what it waits for"
    )]
    NotStarted { pod: String, why: String },
    #[error("the logs of `{name}` broke off")]
    Logs {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

pub struct Cluster {
    client: kube::Client,
    /// The API server's `major.minor`.
    pub version: String,
    pub context: String,
    pub server: String,
}

mod credentials;
mod facts;
mod push;
mod session;

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
    let (kc, _) = read_kubeconfig(&env).map_err(|p| match p {
        KubeconfigProblem::Missing { where_ } => unreachable(
            format!("no usable kubeconfig: {where_} does not exist"),
            "set KUBECONFIG, or put one at ~/.kube/config",
        ),
        KubeconfigProblem::Invalid { path, message } => unreachable(
            format!("no usable kubeconfig: {}: {message}", path.display()),
            &format!(
                "fix {} (`kubectl config view` shows what kubectl makes of it)",
                path.display()
            ),
        ),
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
    let client = client_for(config, &chosen).await?;
    let info = client.apiserver_version().await.map_err(|e| match e {
        kube::Error::Api(s) if s.code == 401 => unreachable(
            format!("the Kubernetes API at {server} does not accept the credentials of context `{chosen}` (401 Unauthorized)"),
            "log in again (a token or certificate that expired or was revoked), or check the kubeconfig's user",
        ),
        e if e.to_string().contains("invalid bearer token") => unreachable(
            format!("the token of context `{chosen}` cannot be sent: {e}"),
            "check the kubeconfig's user: the token (or tokenFile) holds characters a header cannot carry",
        ),
        e => unreachable(
            format!("the Kubernetes API at {server} does not answer: {e}"),
            "check the VPN or network, and that the context points at the right cluster",
        ),
    })?;
    Ok(Cluster {
        version: format!("{}.{}", info.major, info.minor),
        client,
        context: chosen,
        server,
    })
}

/// A client for `config`. A credential plugin (`exec`) runs here, once:
/// its token goes on each request through a layer that runs it again when
/// it expires; a certificate it gives becomes the TLS client identity.
async fn client_for(mut config: kube::Config, context: &str) -> Result<kube::Client, ClusterError> {
    let server = config.cluster_url.to_string();
    let no_client = |e: kube::Error| {
        unreachable(
            format!("no client for {server}: {e}"),
            "check the kubeconfig's cluster and user",
        )
    };
    // A token file ending in a newline (`echo TOKEN > file`) is what
    // kubectl accepts; kube would put the newline in the header.
    if config.auth_info.token.is_none()
        && let Some(file) = config.auth_info.token_file.clone()
        && let Ok(text) = std::fs::read_to_string(&file)
        && text.trim() != text
    {
        config.auth_info.token = Some(text.trim().to_string().into());
        config.auth_info.token_file = None;
    }
    let Some(exec) = config.auth_info.exec.take() else {
        return kube::Client::try_from(config).map_err(no_client);
    };
    let plugin = exec.clone();
    let first = tokio::task::spawn_blocking(move || credentials::run(&plugin))
        .await
        .map_err(|e| unreachable(format!("the credential plugin did not finish: {e}"), ""))?
        .map_err(|e| unreachable(format!("context `{context}`: {}", e.message), &e.hint))?;
    let token = match first.secret.clone() {
        credentials::Secret::Certificate { cert, key } => {
            use base64::Engine as _;
            let b64 = base64::engine::general_purpose::STANDARD;
            config.auth_info.client_certificate_data = Some(b64.encode(cert));
            config.auth_info.client_key_data = Some(b64.encode(key).into());
            return kube::Client::try_from(config).map_err(no_client);
        }
        credentials::Secret::Token(_) => credentials::TokenSource::new(exec, first),
    };
    let builder = kube::client::ClientBuilder::try_from(config).map_err(no_client)?;
    // The filter clones the service it wraps; a buffer makes kube's boxed
    // stack cloneable.
    let builder = builder.with_layer(&tower::buffer::BufferLayer::new(64));
    let layer =
        tower::filter::AsyncFilterLayer::new(move |mut req: http::Request<kube::client::Body>| {
            let token = token.clone();
            async move {
                let value = token.header().await?;
                req.headers_mut().insert(http::header::AUTHORIZATION, value);
                Ok::<_, tower::BoxError>(req)
            }
        });
    Ok(builder.with_layer(&layer).build())
}

fn api_error(what: &str, e: kube::Error) -> ClusterError {
    match e {
        kube::Error::Api(s) if s.code == 403 => unreachable(
            format!("{what}: forbidden: {}", s.message),
            "ask a cluster admin for access (in a namespace, a RoleBinding to the `edit` ClusterRole is enough for `push`; creating the namespace needs more), or use a namespace you may use (`--namespace`)",
        ),
        kube::Error::Api(status) => ClusterError::Api {
            what: what.to_string(),
            code: status.code,
            status,
        },
        e => unreachable(
            format!("{what}: {e}"),
            "check the connection to the cluster",
        ),
    }
}

/// The API's answer to "may I create workloads here?".
#[derive(Debug, PartialEq, Eq)]
pub enum Access {
    Allowed,
    /// With the authorizer's reason (often empty).
    Denied {
        reason: String,
    },
}

/// What applying an object did.
pub use crate::events::ApplyOutcome as Outcome;

impl Cluster {
    /// Whether this user may create workloads in `ns`, by the API's own
    /// answer (a SelfSubjectAccessReview).
    pub async fn may_create_workloads(&self, ns: &str) -> Result<Access, ClusterError> {
        self.may("create", "apps", "deployments", Some(ns), None)
            .await
    }

    /// Whether this user may `verb` the `resource` (of `group`, in `ns`,
    /// named `name`), by the API's own answer.
    async fn may(
        &self,
        verb: &str,
        group: &str,
        resource: &str,
        ns: Option<&str>,
        name: Option<&str>,
    ) -> Result<Access, ClusterError> {
        use k8s_openapi::api::authorization::v1::{
            ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
        };
        let review = SelfSubjectAccessReview {
            spec: SelfSubjectAccessReviewSpec {
                resource_attributes: Some(ResourceAttributes {
                    namespace: ns.map(str::to_string),
                    verb: Some(verb.into()),
                    group: Some(group.into()),
                    resource: Some(resource.into()),
                    name: name.map(str::to_string),
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
            Some(s) if s.allowed => Access::Allowed,
            s => Access::Denied {
                reason: s.and_then(|s| s.reason).unwrap_or_default(),
            },
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
        let existing = match api.get_opt(&name).await {
            // Rights inside a namespace (a RoleBinding to `edit`) do not
            // include reading the namespace itself: work there all the same
            // when the API says workloads may be created, as it is not ours.
            Err(kube::Error::Api(s))
                if s.code == 403 && self.may_create_workloads(&name).await? == Access::Allowed =>
            {
                return Ok(Outcome::LeftAsIs);
            }
            r => r.map_err(|e| api_error(&format!("namespace `{name}`"), e))?,
        };
        match existing {
            Some(existing) => {
                if existing.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Terminating")
                {
                    return Err(ClusterError::Refused(format!(
                        "namespace `{name}` is being deleted; wait until it is gone, then push again"
                    )));
                }
                let l = existing.metadata.labels.as_ref();
                let a = existing.metadata.annotations.as_ref();
                let ours = decide::owned(l, project);
                // Adopted earlier by this project: its mark says so.
                let adopted_here =
                    a.and_then(|a| a.get(labels::ADOPTED)).map(String::as_str) == Some(project);
                let managed = l
                    .and_then(|l| l.get(labels::MANAGED_BY))
                    .map(String::as_str)
                    == Some(labels::MANAGER);
                if managed && !ours {
                    let other = l
                        .and_then(|l| l.get(labels::PART_OF))
                        .cloned()
                        .unwrap_or_default();
                    return Err(ClusterError::Refused(format!(
                        "namespace `{name}` belongs to the itp-dev project `{other}`; push `{project}` to a namespace of its own (`--namespace`)"
                    )));
                }
                if !ours && !adopted_here && !adopt {
                    return Err(ClusterError::Refused(format!(
                        "namespace `{name}` exists and was not created by itp-dev for `{project}`; `--adopt` works in it (its other objects are left alone)"
                    )));
                }
                // Expiry and owner are set once, when the namespace is
                // made: a second push changes nothing. A changed `ttl` is
                // the exception: the new expiry is the one asked for.
                let ttl_changed = ns_object
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(labels::TTL))
                    != existing
                        .metadata
                        .annotations
                        .as_ref()
                        .and_then(|a| a.get(labels::TTL));
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
                    if key == labels::EXPIRES && ttl_changed {
                        continue;
                    }
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
                    // Someone else's namespace: it never expires through
                    // us, and keeps its labels (ours would make it look
                    // like ours to `list`, `gc` and `down`); a mark names
                    // the project that works in it.
                    ann.insert(labels::ADOPTED.to_string(), project.to_string());
                    ann.remove(labels::EXPIRES);
                    ann.remove(labels::TTL);
                    if let Some(l) = ns_object.metadata.labels.as_mut() {
                        l.remove(labels::MANAGED_BY);
                        l.remove(labels::PART_OF);
                    }
                }
                // Rights inside it (a RoleBinding to `edit`) do not include
                // changing the namespace itself: work there as it is,
                // touching only our own objects.
                if self
                    .may("patch", "", "namespaces", None, Some(&name))
                    .await?
                    != Access::Allowed
                {
                    return Ok(Outcome::LeftAsIs);
                }
                let what = format!("Namespace `{name}`");
                let o = self
                    .apply_one(api, &what, &name, ns_object, dry_run, None)
                    .await?;
                Ok(if o == Outcome::Created {
                    Outcome::Changed
                } else {
                    o
                })
            }
            None => {
                let what = format!("Namespace `{name}`");
                self.apply_one(api, &what, &name, &*ns_object, dry_run, None)
                    .await
            }
        }
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
    /// Why it is not ready, as the pods and their events say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
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
            // Ours: both labels (a project name too), not adopted, and
            // not already going.
            .filter(|n| {
                let project = n
                    .metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get(labels::PART_OF));
                let going =
                    n.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Terminating");
                project.is_some_and(|p| !p.is_empty())
                    && !going
                    && !n
                        .metadata
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
        let existing = match api.get_opt(ns).await {
            // A namespace one may work in but not read is not ours: only
            // our objects go.
            Err(kube::Error::Api(s))
                if s.code == 403 && self.may_create_workloads(ns).await? == Access::Allowed =>
            {
                return self.prune(ns, project, &BTreeSet::new(), false).await;
            }
            r => r.map_err(|e| api_error(&format!("namespace `{ns}`"), e))?,
        };
        let Some(existing) = existing else {
            return Ok(vec![]);
        };
        let adopted = existing
            .metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(labels::ADOPTED));
        // Ours to delete, unless the user may only work inside it.
        if decide::owned(existing.metadata.labels.as_ref(), project)
            && !adopted
            && self.may("delete", "", "namespaces", None, Some(ns)).await? == Access::Allowed
        {
            self.delete_namespace(ns).await?;
            return Ok(vec![format!("Namespace/{ns}")]);
        }
        self.prune(ns, project, &BTreeSet::new(), false).await
    }
}

impl ClusterError {
    /// The error with `mask` applied to what the cluster said in it (a
    /// probe's output may quote a secret).
    pub fn masked(self, mask: impl Fn(&str) -> String) -> ClusterError {
        match self {
            ClusterError::NotReady { seconds, reasons } => ClusterError::NotReady {
                seconds,
                reasons: mask(&reasons),
            },
            ClusterError::NotStarted { pod, why } => ClusterError::NotStarted {
                pod,
                why: mask(&why),
            },
            e => e,
        }
    }
}

/// The pod's `Ready` condition is True.
fn is_ready(p: &Pod) -> bool {
    p.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// The label selector of a service's pods: its name, and itp-dev's mark,
/// so a pod someone else labelled with the same name is never taken for
/// one of ours (by logs, exec or the stuck reasons).
fn pods_selector(service: &str) -> String {
    format!(
        "{}={service},{}={}",
        labels::NAME,
        labels::MANAGED_BY,
        labels::MANAGER
    )
}
