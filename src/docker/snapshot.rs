//! What exists of a plan's objects, in the shape `plan::diff` reads. A few
//! calls made concurrently: containers, volumes and the network by label or
//! name, and one inspect per image.

use std::collections::{BTreeMap, HashMap};

use bollard::Docker;
use bollard::query_parameters::{ListContainersOptionsBuilder, ListVolumesOptionsBuilder};
use futures_util::future::join_all;

use super::errors::is_not_found;
use crate::plan::hash::decode_keys;
use crate::plan::{ContainerState, Observed, ObservedContainer, ObservedImage, Plan, labels};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(transparent)]
    Engine(#[from] bollard::errors::Error),
    #[error(
        "a network named `{0}` exists but was not created by itp-dev; itp-dev will not use or remove it"
    )]
    ForeignNetwork(String),
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
    let containers = docker.list_containers(Some(
        ListContainersOptionsBuilder::new()
            .all(true)
            .filters(&filter)
            .build(),
    ));
    let volumes = docker.list_volumes(Some(
        ListVolumesOptionsBuilder::new().filters(&filter).build(),
    ));
    let network = docker.inspect_network(&plan.network, None);
    let mut refs: Vec<&str> = plan.images.iter().map(|i| i.reference.as_str()).collect();
    refs.sort();
    refs.dedup();
    let images = join_all(refs.iter().map(|r| docker.inspect_image(r)));
    let (containers, volumes, network, images) =
        futures_util::join!(containers, volumes, network, images);

    let network_exists = match network {
        Ok(n) => {
            let ours = n
                .labels
                .as_ref()
                .and_then(|l| l.get(labels::PROJECT))
                .is_some_and(|p| *p == plan.project);
            if !ours {
                return Err(SnapshotError::ForeignNetwork(plan.network.clone()));
            }
            true
        }
        Err(e) if is_not_found(&e) => false,
        Err(e) => return Err(e.into()),
    };
    let mut observed = Observed {
        network_exists,
        context_hashes,
        ..Default::default()
    };
    for v in volumes?.volumes.unwrap_or_default() {
        observed.volumes.insert(v.name);
    }
    for c in containers? {
        let l = c.labels.unwrap_or_default();
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
