//! The plan's data: what should exist, with nothing left to decide.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::profile::model::{Condition, PullPolicy, WatchAction};
use crate::profile::specs::PortSpec;

/// Labels on every object itp-dev creates. Observing by label is how it
/// finds its own objects and leaves everything else alone.
pub mod labels {
    pub const PROJECT: &str = "dev.itp.project";
    pub const SERVICE: &str = "dev.itp.service";
    pub const CONFIG_HASH: &str = "dev.itp.config-hash";
    pub const CONFIG_KEYS: &str = "dev.itp.config-keys";
    pub const PROJECT_DIR: &str = "dev.itp.project-dir";
    pub const CONTEXT_HASH: &str = "dev.itp.context-hash";
    pub const VOLUME: &str = "dev.itp.volume";
}

/// What secret values are replaced with wherever they are shown.
pub const MASK: &str = "********";

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Plan {
    pub project: String,
    pub project_dir: PathBuf,
    pub network: String,
    pub volumes: Vec<VolumePlan>,
    pub images: Vec<ImagePlan>,
    pub containers: Vec<ContainerPlan>,
    /// Start order: each level depends only on earlier levels, so the
    /// containers of one level start in parallel.
    pub levels: Vec<Vec<String>>,
    pub watch: Vec<WatchPlan>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct VolumePlan {
    /// The name in the profile.
    pub name: String,
    /// The engine's name: `<project>_<name>`.
    pub docker_name: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ImagePlan {
    pub service: String,
    /// The reference containers run: pulled, or the tag a build produces.
    pub reference: String,
    pub source: ImageSource,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ImageSource {
    Pull {
        policy: PullPolicy,
    },
    /// The inputs of the build-context hash: a build is skipped when the hash
    /// of these equals the label on the existing image.
    Build {
        context: PathBuf,
        dockerfile: PathBuf,
        target: Option<String>,
        args: BTreeMap<String, String>,
        /// `.dockerignore` in the context, when it exists, decides which files count.
        ignore_file: PathBuf,
    },
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ContainerPlan {
    pub service: String,
    /// `<project>-<service>`.
    pub name: String,
    pub is_dev: bool,
    pub image: String,
    pub command: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    pub env: BTreeMap<String, String>,
    /// Keys of `env` whose values are secret.
    pub secret_keys: BTreeSet<String>,
    pub mounts: Vec<MountPlan>,
    pub ports: Vec<PortSpec>,
    /// Ports reachable by other services, unpublished (`expose`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expose: Vec<u16>,
    /// Mount targets whose files are secret (besides `/run/secrets/…`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secret_files: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub healthcheck: Option<HealthPlan>,
    /// Names the container answers to on the project network.
    pub aliases: Vec<String>,
    pub depends_on: Vec<Dependency>,
    pub hooks: HookPlan,
    pub shell: Option<String>,
    /// A one-shot task: exiting 0 is its success (`once = true`).
    pub once: bool,
    pub labels: BTreeMap<String, String>,
    /// Hash of everything that needs a new container when it changes.
    pub config_hash: String,
    /// The same, key by key, so a recreate can say what changed.
    pub key_hashes: BTreeMap<String, String>,
}

impl ContainerPlan {
    /// Whether the file mounted at `target` is secret: under
    /// `/run/secrets/`, or listed in `secret_files`.
    pub fn is_secret_file(&self, target: &str) -> bool {
        target.starts_with("/run/secrets/") || self.secret_files.iter().any(|t| t == target)
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Dependency {
    pub service: String,
    pub condition: Condition,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MountPlan {
    #[serde(rename = "type")]
    pub kind: MountKind,
    /// The engine's volume name, or an absolute host path.
    pub source: String,
    pub target: String,
    pub read_only: bool,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    Volume,
    Bind,
}

/// A healthcheck in the engine's terms.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct HealthPlan {
    /// `["CMD", args…]` or `["CMD-SHELL", script]`.
    pub test: Vec<String>,
    pub interval_ms: u64,
    pub timeout_ms: u64,
    pub retries: u32,
    pub start_period_ms: u64,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct HookPlan {
    pub on_create: Vec<String>,
    pub post_start: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WatchPlan {
    pub paths: Vec<String>,
    pub ignore: Vec<String>,
    pub action: WatchAction,
    pub service: String,
    pub target: Option<String>,
    pub command: Option<Vec<String>>,
}

impl Plan {
    pub fn container(&self, service: &str) -> Option<&ContainerPlan> {
        self.containers.iter().find(|c| c.service == service)
    }

    pub fn image(&self, service: &str) -> Option<&ImagePlan> {
        self.images.iter().find(|i| i.service == service)
    }

    /// The services built here, with their build contexts.
    pub fn build_contexts(&self) -> impl Iterator<Item = (&str, &std::path::Path)> {
        self.images.iter().filter_map(|i| match &i.source {
            ImageSource::Build { context, .. } => Some((i.service.as_str(), context.as_path())),
            ImageSource::Pull { .. } => None,
        })
    }

    /// `text` with every secret value of the plan replaced by `MASK`: for
    /// what comes back from elsewhere (a failing probe's output, an event)
    /// and may quote a value. Values shorter than 4 characters are left, as
    /// masking them would mask ordinary words.
    pub fn mask_text(&self, text: &str) -> String {
        let mut values: Vec<&str> = self
            .containers
            .iter()
            .flat_map(|c| c.secret_keys.iter().filter_map(|k| c.env.get(k)))
            .map(String::as_str)
            .filter(|v| v.len() >= 4)
            .collect();
        // Longest first, so a value inside another is not half-masked.
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let mut out = text.to_string();
        for v in values {
            out = out.replace(v, MASK);
        }
        out
    }

    /// A copy safe to print: secret values replaced by `MASK`.
    pub fn masked(&self) -> Plan {
        let mut p = self.clone();
        for c in &mut p.containers {
            for k in &c.secret_keys {
                if let Some(v) = c.env.get_mut(k) {
                    *v = MASK.to_string();
                }
            }
        }
        p
    }
}
