//! What exists of a plan's objects, in the shape `plan::diff` reads. A few
//! calls made concurrently: containers and volumes by label, networks by
//! name (every one with the plan's name, so twins are seen and never met as
//! "ambiguous"), and one inspect per image.

use std::collections::{BTreeMap, HashMap};

use bollard::Docker;
use bollard::query_parameters::{ListNetworksOptionsBuilder, ListVolumesOptionsBuilder};
use futures_util::future::join_all;

use super::errors::is_not_found;
use crate::plan::hash::decode_keys;
use crate::plan::{
    ContainerState, Observed, ObservedContainer, ObservedImage, ObservedNetwork, Plan, labels,
};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(transparent)]
    Engine(#[from] bollard::errors::Error),
    #[error(
        "a network named `{name}` ({id}) exists but was not created by itp-dev; itp-dev will not use or remove it"
    )]
    ForeignNetwork { name: String, id: String },
}

pub async fn observe(
    docker: &Docker,
    plan: &Plan,
    context_hashes: BTreeMap<String, String>,
) -> Result<Observed, SnapshotError> {
    let filter = HashMap::from([(
        "label",
        vec![format!("{}={}", labels::PROJECT, plan.project)],
    )]);
    let label = format!("{}={}", labels::PROJECT, plan.project);
    let containers = super::inspect::containers(docker, true, &label);
    let volumes = docker.list_volumes(Some(
        ListVolumesOptionsBuilder::new().filters(&filter).build(),
    ));
    let network = networks_named(docker, &plan.network, &plan.project);
    let mut refs: Vec<&str> = plan.images.iter().map(|i| i.reference.as_str()).collect();
    refs.sort();
    refs.dedup();
    let images = join_all(refs.iter().map(|r| docker.inspect_image(r)));
    let (containers, volumes, network, images) =
        futures_util::join!(containers, volumes, network, images);

    let mut observed = Observed {
        context_hashes,
        ..Default::default()
    };
    for v in volumes?.volumes.unwrap_or_default() {
        observed.volumes.insert(v.name);
    }
    observed.networks = network?;
    for c in containers? {
        let l = c.labels.unwrap_or_default();
        let networks = attachments(
            c.network_settings
                .and_then(|n| n.networks)
                .unwrap_or_default(),
            c.host_config.and_then(|h| h.network_mode),
            &plan.network,
            &observed.networks,
        );
        let exit_code = c.status.as_deref().and_then(super::observe::exit_code_of);
        let state = match c.state.map(|s| s.to_string()).as_deref() {
            Some("running") => ContainerState::Running,
            Some("paused") => ContainerState::Paused,
            Some("restarting") => ContainerState::Restarting,
            _ => ContainerState::Stopped,
        };
        observed.containers.push(ObservedContainer {
            id: c.id.unwrap_or_default(),
            name: c
                .names
                .and_then(|n| n.into_iter().next())
                .unwrap_or_default()
                .trim_start_matches('/')
                .to_string(),
            service: l.get(labels::SERVICE).cloned().unwrap_or_default(),
            config_hash: l.get(labels::CONFIG_HASH).cloned().unwrap_or_default(),
            key_hashes: l
                .get(labels::CONFIG_KEYS)
                .map(|k| decode_keys(k))
                .unwrap_or_default(),
            state,
            image_id: c.image_id.unwrap_or_default(),
            networks,
            exit_code,
        });
    }
    for (r, img) in refs.iter().zip(images) {
        match img {
            Ok(i) => {
                let context_hash = i
                    .config
                    .and_then(|c| c.labels)
                    .and_then(|l| l.get(labels::CONTEXT_HASH).cloned());
                observed.images.insert(
                    r.to_string(),
                    ObservedImage {
                        id: i.id.unwrap_or_default(),
                        context_hash,
                    },
                );
            }
            Err(e) if is_not_found(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(observed)
}

/// Every network named exactly `name` (the engine's filter matches parts of
/// names); an error when one of them is not `project`'s.
pub async fn networks_named(
    docker: &Docker,
    name: &str,
    project: &str,
) -> Result<Vec<ObservedNetwork>, SnapshotError> {
    let filter = HashMap::from([("name", vec![name.to_string()])]);
    let list = docker
        .list_networks(Some(
            ListNetworksOptionsBuilder::new().filters(&filter).build(),
        ))
        .await?;
    let mut out = Vec::new();
    for n in list {
        if n.name.as_deref() != Some(name) {
            continue;
        }
        let ours = n
            .labels
            .as_ref()
            .and_then(|l| l.get(labels::PROJECT))
            .is_some_and(|p| p == project);
        if !ours {
            return Err(SnapshotError::ForeignNetwork {
                name: name.to_string(),
                id: n.id.unwrap_or_default(),
            });
        }
        out.push(ObservedNetwork {
            id: n.id.unwrap_or_default(),
            created: n.created.map(|c| c.to_string()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The ids of the networks a container is on. A container that never ran
/// has endpoints without ids yet: its network is then its network mode
/// (an id, as itp-dev creates containers) or, for an endpoint named like
/// the project network, that network when there is exactly one.
pub fn attachments(
    endpoints: HashMap<String, bollard::models::EndpointSettings>,
    network_mode: Option<String>,
    project_network: &str,
    networks: &[ObservedNetwork],
) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for (name, e) in endpoints {
        match e.network_id.filter(|id| !id.is_empty()) {
            // Podman puts the network's name where Docker puts its id.
            Some(id) if id == project_network && networks.len() == 1 => {
                out.insert(networks[0].id.clone());
            }
            Some(id) => {
                out.insert(id);
            }
            None if name == project_network && networks.len() == 1 => {
                out.insert(networks[0].id.clone());
            }
            None => {
                if let Some(mode) = &network_mode
                    && networks.iter().any(|n| n.id == *mode)
                {
                    out.insert(mode.clone());
                }
            }
        }
    }
    out
}
