//! The profile's types: what `itp-dev.toml` may contain. These types are the
//! single source of the JSON Schema (docs/itp-dev.schema.json), of the
//! structural checks (unknown keys, wrong types) and of deserialization, so
//! the three cannot drift apart. Doc comments here become the schema's
//! descriptions that editors show.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An itp-dev profile: one development environment, described once for
/// Docker and Kubernetes alike.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Version of the profile format. Only `1` exists.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub version: i64,
    /// Project name: prefixes containers, the network and volumes. Must be a
    /// DNS label. Default: the profile's directory name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The container you code in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dev: Option<Dev>,
    /// Services the environment needs: databases, caches, other apps.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub services: IndexMap<String, Service>,
    /// File-watch rules (`itp-dev watch`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watch: Vec<WatchRule>,
    /// How the same setup maps to a Kubernetes namespace (`itp-dev k8s`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<Kubernetes>,
    /// Named overlays, deep-merged over the base with `--overlay NAME`: any
    /// key of the profile may be overridden. Tables merge; other values,
    /// arrays included, are replaced.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[schemars(with = "IndexMap<String, serde_json::Map<String, serde_json::Value>>")]
    pub overlays: IndexMap<String, serde_json::Map<String, serde_json::Value>>,
}

impl Default for Profile {
    /// An empty profile of the one format version there is.
    fn default() -> Self {
        Profile {
            version: one(),
            name: None,
            dev: None,
            services: IndexMap::new(),
            watch: Vec::new(),
            kubernetes: None,
            overlays: IndexMap::new(),
        }
    }
}

fn one() -> i64 {
    1
}
fn is_one(v: &i64) -> bool {
    *v == 1
}

/// The development container: the repository is mounted into it and you run
/// your editor's terminal, builds and tests there.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dev {
    /// Image to run (pulled when missing). Exactly one of `image` and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Build the image from a Dockerfile. Exactly one of `image` and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<Build>,
    /// Where the repository is bind-mounted, and the working directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workdir: Option<String>,
    /// The user you work as inside the container. Whatever its name, it runs
    /// with your host UID and GID so files you create stay yours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Shell for `itp-dev shell`. Default: `/bin/sh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shell: Option<String>,
    /// What the container runs. Default: a process that sleeps until stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Command>,
    /// Environment variables. Values may use `${VAR}` interpolation.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub env: IndexMap<String, EnvValue>,
    /// Files of `KEY=value` lines, relative to the profile. Their values are
    /// treated as secrets: masked wherever itp-dev prints them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_file: Vec<String>,
    /// Names of `env` variables whose values are secret (masked in output).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<String>,
    /// Published ports: `"HOST:CONTAINER"`, `"IP:HOST:CONTAINER"`, or a bare
    /// `"CONTAINER"` (a free host port is chosen). Optional `/udp` suffix.
    /// Bound to 127.0.0.1 unless an IP is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    /// Mounts: `"VOLUME:/path"` for a named volume (kept across `down`), or
    /// `"./host/path:/path"` for a bind mount. Optional `:ro` suffix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<String>,
    /// Services to start first: a list of names (started), or a table of
    /// name = "started" | "healthy".
    #[serde(default, skip_serializing_if = "DependsOn::is_empty")]
    pub depends_on: DependsOn,
    /// More names the dev container answers to, besides `dev` (as for
    /// services); an imported compose service keeps its own name here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Commands run inside the dev container.
    #[serde(default, skip_serializing_if = "Hooks::is_empty")]
    pub hooks: Hooks,
    /// What VS Code gets when it attaches (`itp-dev code`, and the generated
    /// `.devcontainer/devcontainer.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vscode: Option<VsCode>,
}

/// VS Code in the dev container.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VsCode {
    /// Extension IDs installed in the container, e.g. `"rust-lang.rust-analyzer"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    /// Settings applied in the container, as in `settings.json`.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub settings: serde_json::Map<String, serde_json::Value>,
}

/// Lifecycle hooks, each a shell command run in `workdir`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Hooks {
    /// Run once, when the container is created.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_create: Vec<String>,
    /// Run every time the container starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_start: Vec<String>,
}

impl Hooks {
    pub fn is_empty(&self) -> bool {
        self.on_create.is_empty() && self.post_start.is_empty()
    }
}

/// A service container: a database, a cache, another app.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Image to run. Exactly one of `image` and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Build the image from a Dockerfile. Exactly one of `image` and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<Build>,
    /// When to pull `image`: `missing` (default), `always` or `never`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull: Option<PullPolicy>,
    /// Override the image's command: a list (run as is) or a string (run by `/bin/sh -c`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Command>,
    /// Override the image's entrypoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    /// Working directory inside the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workdir: Option<String>,
    /// User to run as (`name`, `uid` or `uid:gid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Environment variables. Values may use `${VAR}` interpolation.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub env: IndexMap<String, EnvValue>,
    /// Files of `KEY=value` lines, relative to the profile; values are secret.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_file: Vec<String>,
    /// Names of `env` variables whose values are secret (masked in output,
    /// a Kubernetes `Secret` rather than a `ConfigMap`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<String>,
    /// Published ports, as for `dev.ports`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    /// Ports other services use, not published on the host (compose's
    /// `expose`). On the project network every port is reachable anyway;
    /// in Kubernetes they become the service's Service ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(range(min = 1, max = 65535)))]
    pub expose: Vec<u16>,
    /// Container paths of mounted files that are secret (compose `secrets`
    /// with a `target` of their own): carried to Kubernetes as a Secret,
    /// never a ConfigMap, and never shown. Files under `/run/secrets/` are
    /// secret without being listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_files: Vec<String>,
    /// More names the service answers to (compose's network `aliases`, or
    /// a `container_name` other services use as a hostname): aliases on
    /// the project network, and Services of their own in Kubernetes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Mounts: `"VOLUME:/path"` (named volume, kept across `down`) or
    /// `"./host/path:/path"` (bind mount). Optional `:ro` suffix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<String>,
    /// Services to start first, as for `dev.depends_on`.
    #[serde(default, skip_serializing_if = "DependsOn::is_empty")]
    pub depends_on: DependsOn,
    /// How to tell the service is ready. Default: the image's own HEALTHCHECK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<Healthcheck>,
    /// CPU and memory for Kubernetes requests/limits and Docker limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    /// A one-shot task (migrations, seed data): it is expected to exit.
    /// `up` fails only when it exits with a code other than 0, and does not
    /// run it again while it has exited 0 and its configuration is
    /// unchanged. Without it, a service that is not running when `up`
    /// finishes is a failure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub once: bool,
}

/// Build an image from a Dockerfile: a context path, or a table.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Build {
    /// The build context directory, relative to the profile.
    Context(String),
    Full(BuildSpec),
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BuildSpec {
    /// The build context directory, relative to the profile. `.dockerignore` in it is honoured.
    pub context: String,
    /// The Dockerfile, relative to the profile. Default: `Dockerfile` in the context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dockerfile: Option<String>,
    /// The build stage to stop at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Build arguments (`ARG` values).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub args: IndexMap<String, EnvValue>,
}

/// A command: a list of arguments, or one string run by `/bin/sh -c`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Command {
    Shell(String),
    Exec(Vec<String>),
}

/// An environment value; numbers and booleans are written as text.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum EnvValue {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
}

impl EnvValue {
    pub fn to_text(&self) -> String {
        match self {
            EnvValue::String(s) => s.clone(),
            EnvValue::Integer(i) => i.to_string(),
            EnvValue::Float(f) => f.to_string(),
            EnvValue::Boolean(b) => b.to_string(),
        }
    }
}

/// A published port: a spec string, or a bare container port number.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Port {
    Spec(String),
    Number(i64),
}

impl Port {
    pub fn to_text(&self) -> String {
        match self {
            Port::Spec(s) => s.clone(),
            Port::Number(n) => n.to_string(),
        }
    }
}

/// Start-up dependencies.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum DependsOn {
    /// Service names; each only needs to have started.
    List(Vec<String>),
    /// Service name = condition.
    Map(IndexMap<String, Condition>),
}

impl Default for DependsOn {
    fn default() -> Self {
        DependsOn::List(Vec::new())
    }
}

impl DependsOn {
    pub fn is_empty(&self) -> bool {
        match self {
            DependsOn::List(l) => l.is_empty(),
            DependsOn::Map(m) => m.is_empty(),
        }
    }

    /// Each dependency renamed by `f` (its condition kept).
    pub fn rename(&mut self, f: impl Fn(&str) -> String) {
        match self {
            DependsOn::List(l) => l.iter_mut().for_each(|d| *d = f(d)),
            DependsOn::Map(m) => {
                *m = std::mem::take(m)
                    .into_iter()
                    .map(|(d, c)| (f(&d), c))
                    .collect()
            }
        }
    }

    /// Keeps the dependencies `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        match self {
            DependsOn::List(l) => l.retain(|d| keep(d)),
            DependsOn::Map(m) => m.retain(|d, _| keep(d)),
        }
    }

    /// Adds a dependency that only needs to have started (unless there).
    pub fn add(&mut self, service: &str) {
        if self.entries().iter().any(|(d, _)| d == service) {
            return;
        }
        match self {
            DependsOn::List(l) => l.push(service.to_string()),
            DependsOn::Map(m) => {
                m.insert(service.to_string(), Condition::Started);
            }
        }
    }

    /// The dependencies with their conditions, in the order written.
    pub fn entries(&self) -> Vec<(String, Condition)> {
        match self {
            DependsOn::List(l) => l.iter().map(|s| (s.clone(), Condition::Started)).collect(),
            DependsOn::Map(m) => m.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        }
    }
}

/// What a dependent waits for.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    /// The container is running.
    Started,
    /// The container's healthcheck passes.
    Healthy,
    /// A one-shot task (`once = true`) has exited 0 (compose's
    /// `service_completed_successfully`).
    Completed,
}

/// When to pull an image.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum PullPolicy {
    /// Pull only when the image is not present locally.
    #[default]
    Missing,
    /// Pull on every `up`.
    Always,
    /// Never pull; fail when the image is missing.
    Never,
}

/// A readiness check, run inside the container.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Healthcheck {
    /// The check: a list (run as is) or a string (run by `/bin/sh -c`). Exit 0 means healthy.
    pub command: Command,
    /// Time between checks, e.g. `"1s"`, `"500ms"`. Default `"1s"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// How long one check may take. Default `"3s"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// Failures in a row before the service counts as unhealthy. Default 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub retries: Option<i64>,
    /// Grace period after start during which failures do not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_period: Option<String>,
}

/// CPU and memory.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// CPUs, as a number or Kubernetes quantity (`"500m"`, `2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpus: Option<String>,
    /// Memory as a Kubernetes quantity (`"512Mi"`, `"2Gi"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
}

/// A file-watch rule.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WatchRule {
    /// Globs, relative to the profile, of the files this rule watches.
    pub paths: Vec<String>,
    /// Globs to ignore. `.gitignore` and `.dockerignore` are honoured too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// What to do when files change.
    pub action: WatchAction,
    /// The service acted on. Default: `dev`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// For `sync`: the directory in the container that mirrors the watched files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// For `run`: the command to run in the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Command>,
}

/// What a watch rule does.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum WatchAction {
    /// Copy changed files into the container; delete removed ones.
    Sync,
    /// Restart the service.
    Restart,
    /// Rebuild the service's image and recreate it.
    Rebuild,
    /// Run `command` in the service.
    Run,
}

/// Kubernetes settings for `itp-dev k8s`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Kubernetes {
    /// Namespace to apply to. Default: `itp-<project>-<user>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// kubeconfig context. Default: the current context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Registry that locally built images are pushed to for the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// How long the namespace lives before `itp-dev k8s gc` may delete it, e.g. `"72h"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<String>,
    /// Storage class for the volumes' PersistentVolumeClaims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// The cluster runs on this machine's engine (kind, minikube's
    /// docker-env, Docker Desktop, a test cluster): images that exist only
    /// here are used as they are (`imagePullPolicy: IfNotPresent`), and
    /// built images without a `registry` are tagged here by content hash
    /// instead of pushed. Without it, `k8s push` refuses images that only
    /// this engine has, since a cluster elsewhere cannot pull them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local_images: bool,
    /// URLs for the published ports (QA environments people open in a
    /// browser): an Ingress per service with published TCP ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Ingress>,
}

/// `[kubernetes.ingress]`: one host per published port, from a pattern.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ingress {
    /// Host name pattern. `{service}`, `{namespace}`, `{project}` and
    /// `{port}` are filled in, e.g. `"{service}.{namespace}.qa.example.com"`.
    /// A service that publishes several ports needs `{port}` in it.
    pub host: String,
    /// `ingressClassName`: which ingress controller serves it (e.g.
    /// `"nginx"`); default: the cluster's default class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// A TLS Secret in the namespace (e.g. a wildcard certificate) for the
    /// hosts; the URLs are then `https://`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_secret: Option<String>,
    /// Only these services get URLs. Default: every service that publishes
    /// a TCP port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<String>>,
    /// Annotations for the Ingress objects (controller settings such as
    /// `nginx.ingress.kubernetes.io/proxy-body-size`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}
