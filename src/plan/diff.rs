//! `diff(&Plan, &Observed) -> Vec<Action>`: what to do, and why, to turn
//! what exists into what the plan wants. Pure, so every decision `up` makes
//! is unit-tested here without an engine.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::types::*;
use crate::profile::model::PullPolicy;

/// What a backend saw: only objects carrying this project's labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observed {
    /// The project's networks with the plan's network name: one normally,
    /// none before the first `up`, two or more when an interrupted run's
    /// create landed after the next run had made its own.
    pub networks: Vec<ObservedNetwork>,
    /// Engine names of the project's volumes that exist.
    pub volumes: BTreeSet<String>,
    pub containers: Vec<ObservedContainer>,
    /// Local images by reference.
    pub images: BTreeMap<String, ObservedImage>,
    /// The current build-context hash of each built service, computed by the
    /// backend from the plan's build inputs.
    pub context_hashes: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObservedNetwork {
    pub id: String,
    /// The engine's creation time (RFC 3339), to keep the oldest of twins.
    pub created: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObservedContainer {
    pub id: String,
    pub name: String,
    pub service: String,
    pub config_hash: String,
    pub key_hashes: BTreeMap<String, String>,
    pub state: ContainerState,
    pub image_id: String,
    /// Ids of the networks the container is attached to.
    pub networks: BTreeSet<String>,
    /// How a stopped container ended, when it ran and exited.
    pub exit_code: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerState {
    Running,
    Paused,
    Restarting,
    /// Created, exited or dead: not running, can be started.
    Stopped,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObservedImage {
    pub id: String,
    /// The `dev.itp.context-hash` label of an image itp-dev built.
    pub context_hash: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Action {
    #[serde(flatten)]
    pub kind: ActionKind,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ActionKind {
    CreateNetwork {
        name: String,
    },
    /// A surplus network of the project's name, removed by id once no
    /// container of the project uses it.
    RemoveNetwork {
        name: String,
        id: String,
    },
    CreateVolume {
        name: String,
    },
    Pull {
        service: String,
        reference: String,
    },
    Build {
        service: String,
        reference: String,
    },
    RemoveOrphan {
        service: String,
        container: String,
    },
    Create {
        service: String,
    },
    Recreate {
        service: String,
        changed: Vec<String>,
    },
    Start {
        service: String,
    },
    Keep {
        service: String,
    },
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum DiffError {
    #[error("image `{reference}` of `{service}` is not present and its pull policy is `never`")]
    ImageMissing { service: String, reference: String },
}

impl Action {
    fn new(kind: ActionKind, reason: impl Into<String>) -> Self {
        Action {
            kind,
            reason: reason.into(),
        }
    }

    /// True when the action changes nothing.
    pub fn is_noop(&self) -> bool {
        matches!(self.kind, ActionKind::Keep { .. })
    }

    pub fn verb(&self) -> &'static str {
        match self.kind {
            ActionKind::CreateNetwork { .. } => "create network",
            ActionKind::RemoveNetwork { .. } => "remove network",
            ActionKind::CreateVolume { .. } => "create volume",
            ActionKind::Pull { .. } => "pull",
            ActionKind::Build { .. } => "build",
            ActionKind::RemoveOrphan { .. } => "remove",
            ActionKind::Create { .. } => "create",
            ActionKind::Recreate { .. } => "recreate",
            ActionKind::Start { .. } => "start",
            ActionKind::Keep { .. } => "keep",
        }
    }

    pub fn subject(&self) -> &str {
        match &self.kind {
            ActionKind::CreateNetwork { name } | ActionKind::CreateVolume { name } => name,
            ActionKind::RemoveNetwork { id, .. } => id,
            ActionKind::Pull { reference, .. } | ActionKind::Build { reference, .. } => reference,
            ActionKind::RemoveOrphan { container, .. } => container,
            ActionKind::Create { service }
            | ActionKind::Recreate { service, .. }
            | ActionKind::Start { service }
            | ActionKind::Keep { service } => service,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<14} {:<24} {}",
            self.verb(),
            self.subject(),
            self.reason
        )
    }
}

/// True when there is nothing to do.
pub fn is_converged(actions: &[Action]) -> bool {
    actions.iter().all(Action::is_noop)
}

/// Of several networks with the project's name, the one to keep: the one
/// most of the project's containers use (fewest recreated), then the oldest.
pub fn chosen_network(observed: &Observed) -> Option<&ObservedNetwork> {
    observed.networks.iter().min_by(|a, b| {
        let users = |n: &ObservedNetwork| {
            observed
                .containers
                .iter()
                .filter(|c| c.networks.contains(&n.id))
                .count()
        };
        users(b)
            .cmp(&users(a))
            .then_with(|| a.created.cmp(&b.created))
            .then_with(|| a.id.cmp(&b.id))
    })
}

pub fn diff(plan: &Plan, observed: &Observed) -> Result<Vec<Action>, DiffError> {
    let mut actions = Vec::new();
    let network = chosen_network(observed);
    match network {
        None => actions.push(Action::new(
            ActionKind::CreateNetwork {
                name: plan.network.clone(),
            },
            "the project network does not exist",
        )),
        Some(keep) => {
            for n in observed.networks.iter().filter(|n| n.id != keep.id) {
                actions.push(Action::new(
                    ActionKind::RemoveNetwork {
                        name: plan.network.clone(),
                        id: n.id.clone(),
                    },
                    format!(
                        "a second network named `{}` (an interrupted run created it); the project keeps one",
                        plan.network
                    ),
                ));
            }
        }
    }
    for v in &plan.volumes {
        if !observed.volumes.contains(&v.docker_name) {
            actions.push(Action::new(
                ActionKind::CreateVolume {
                    name: v.docker_name.clone(),
                },
                "new named volume",
            ));
        }
    }

    // Images first; a container whose image is rebuilt must be recreated.
    let mut rebuilt: BTreeSet<&str> = BTreeSet::new();
    for img in &plan.images {
        let present = observed.images.get(&img.reference);
        match &img.source {
            ImageSource::Pull { policy } => match (policy, present) {
                (PullPolicy::Always, _) => actions.push(Action::new(
                    ActionKind::Pull {
                        service: img.service.clone(),
                        reference: img.reference.clone(),
                    },
                    "pull policy is `always`",
                )),
                (PullPolicy::Missing, None) => actions.push(Action::new(
                    ActionKind::Pull {
                        service: img.service.clone(),
                        reference: img.reference.clone(),
                    },
                    "image not present",
                )),
                (PullPolicy::Never, None) => {
                    return Err(DiffError::ImageMissing {
                        service: img.service.clone(),
                        reference: img.reference.clone(),
                    });
                }
                _ => {}
            },
            ImageSource::Build { .. } => {
                let wanted = observed.context_hashes.get(&img.service);
                let reason = match present {
                    None => Some("image not built yet"),
                    Some(i) if wanted.is_some() && i.context_hash.as_ref() != wanted => {
                        Some("build context changed")
                    }
                    _ => None,
                };
                if let Some(r) = reason {
                    actions.push(Action::new(
                        ActionKind::Build {
                            service: img.service.clone(),
                            reference: img.reference.clone(),
                        },
                        r,
                    ));
                    rebuilt.insert(img.service.as_str());
                }
            }
        }
    }

    // Containers that no longer belong to the plan, and duplicates of one service.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut current: BTreeMap<&str, &ObservedContainer> = BTreeMap::new();
    for c in &observed.containers {
        let wanted = plan.container(&c.service).is_some_and(|p| p.name == c.name);
        if !wanted {
            actions.push(Action::new(
                ActionKind::RemoveOrphan {
                    service: c.service.clone(),
                    container: c.name.clone(),
                },
                format!(
                    "service `{}` is no longer in the profile (its volumes are kept)",
                    c.service
                ),
            ));
        } else if !seen.insert(c.service.as_str()) {
            actions.push(Action::new(
                ActionKind::RemoveOrphan {
                    service: c.service.clone(),
                    container: c.name.clone(),
                },
                "a second container for the same service",
            ));
        } else {
            current.insert(c.service.as_str(), c);
        }
    }

    for level in &plan.levels {
        for service in level {
            let Some(want) = plan.container(service) else {
                continue;
            };
            let action = match current.get(service.as_str()) {
                None => Action::new(
                    ActionKind::Create {
                        service: service.clone(),
                    },
                    "new service",
                ),
                Some(have) => container_action(
                    want,
                    have,
                    observed,
                    network.map(|n| n.id.as_str()),
                    rebuilt.contains(service.as_str()),
                ),
            };
            actions.push(action);
        }
    }
    Ok(actions)
}

fn container_action(
    want: &ContainerPlan,
    have: &ObservedContainer,
    observed: &Observed,
    network: Option<&str>,
    rebuilt: bool,
) -> Action {
    let service = want.service.clone();
    if have.config_hash != want.config_hash {
        let changed: Vec<String> = want
            .key_hashes
            .iter()
            .filter(|(k, v)| have.key_hashes.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        let reason = if changed.is_empty() {
            "configuration changed".to_string()
        } else {
            format!("changed: {}", changed.join(", "))
        };
        return Action::new(ActionKind::Recreate { service, changed }, reason);
    }
    // A container whose network was removed behind itp-dev's back keeps
    // running, but names no longer resolve and published ports refuse
    // connections: only a new container joins the network as `up` would.
    let detached = match network {
        None => Some("the project network was removed; the container is recreated on the new one"),
        Some(id) if !have.networks.contains(id) => {
            Some("not attached to the project network (it was removed or replaced)")
        }
        Some(_) => None,
    };
    if let Some(reason) = detached {
        return Action::new(
            ActionKind::Recreate {
                service,
                changed: vec!["network".into()],
            },
            reason,
        );
    }
    if rebuilt {
        return Action::new(
            ActionKind::Recreate {
                service,
                changed: vec!["image".into()],
            },
            "image is being rebuilt",
        );
    }
    if let Some(img) = observed.images.get(&want.image)
        && !have.image_id.is_empty()
        && img.id != have.image_id
    {
        return Action::new(
            ActionKind::Recreate {
                service,
                changed: vec!["image".into()],
            },
            "a newer image is present",
        );
    }
    match have.state {
        ContainerState::Running | ContainerState::Restarting => {
            Action::new(ActionKind::Keep { service }, "up to date")
        }
        ContainerState::Paused => Action::new(ActionKind::Start { service }, "paused"),
        ContainerState::Stopped if want.once && have.exit_code == Some(0) => {
            Action::new(ActionKind::Keep { service }, "ran to completion (`once`)")
        }
        // A crash since the last `up` is worth saying before it is hidden
        // by a restart.
        ContainerState::Stopped => match have.exit_code {
            Some(code) if code != 0 => Action::new(
                ActionKind::Start { service },
                format!("exited with code {code} since the last `up`; starting it again"),
            ),
            _ => Action::new(ActionKind::Start { service }, "stopped"),
        },
    }
}
