//! `down`: stop and remove the project's containers (in parallel) and its
//! networks; its named volumes only when asked. Everything is found by the
//! project label and removed by id, so nothing else on the engine is
//! touched and two networks of one name are never "ambiguous".

use std::collections::HashMap;

use bollard::Docker;
use bollard::query_parameters::{
    ListNetworksOptionsBuilder, ListVolumesOptionsBuilder, RemoveContainerOptionsBuilder,
    RemoveVolumeOptionsBuilder, StopContainerOptionsBuilder,
};
use futures_util::future::join_all;

use super::errors::ignore_gone;
use super::inflight::{Gate, Pending};
use super::observe;
use crate::plan::labels;

/// Seconds a container gets to stop after SIGTERM before it is killed.
pub const STOP_TIMEOUT_S: i32 = 10;

#[derive(Debug, Default, serde::Serialize)]
pub struct Removed {
    pub containers: Vec<String>,
    pub networks: Vec<String>,
    pub volumes: Vec<String>,
    /// Objects left in place, with why (e.g. a network another tool's
    /// container still uses: itp-dev does not touch that container).
    pub kept: Vec<String>,
    /// Things worth saying about what was removed.
    pub notes: Vec<String>,
}

/// `volumes`: the engine names of the profile's named volumes. With
/// `remove_volumes`, one of them that exists without labels (a container
/// create that landed after an earlier `down` re-created it) is removed
/// too, but only when it is empty.
pub async fn down(
    docker: &Docker,
    project: &str,
    remove_volumes: bool,
    volumes: &[String],
) -> Result<Removed, bollard::errors::Error> {
    let mut removed = Removed::default();
    // Journaled like `up`'s requests: a `down` killed with -9 leaves stops
    // and removals in flight, and the next run waits for them to land.
    let gate = &Gate::new(project);
    let containers = observe::project_containers(docker, project).await?;
    let results = join_all(containers.iter().map(|c| async move {
        let stop = StopContainerOptionsBuilder::new().t(STOP_TIMEOUT_S).build();
        gate.send(
            Pending::StopContainer(c.name.clone()),
            docker.stop_container(&c.id, Some(stop)),
        )
        .await
        .expect("never cancelled")
        .or_else(ignore_gone)?;
        // `v: false`: anonymous volumes are left to `docker volume prune`,
        // named ones to `down --volumes`.
        let rm = RemoveContainerOptionsBuilder::new().v(false).build();
        gate.send(
            Pending::RemoveContainer(c.name.clone()),
            docker.remove_container(&c.id, Some(rm)),
        )
        .await
        .expect("never cancelled")
        .or_else(ignore_gone)?;
        Ok::<_, bollard::errors::Error>(c.name.clone())
    }))
    .await;
    for r in results {
        removed.containers.push(r?);
    }

    let filter = HashMap::from([("label", vec![format!("{}={project}", labels::PROJECT)])]);
    for n in docker
        .list_networks(Some(
            ListNetworksOptionsBuilder::new().filters(&filter).build(),
        ))
        .await?
    {
        if let (Some(name), Some(id)) = (n.name, n.id) {
            let r = gate
                .send(
                    Pending::RemoveNetwork(id.clone()),
                    docker.remove_network(&id),
                )
                .await
                .expect("never cancelled");
            match r {
                Ok(()) => removed.networks.push(name),
                Err(e) if super::errors::is_not_found(&e) => {}
                Err(e) if super::errors::message(&e).contains("active endpoints") => {
                    removed.kept.push(format!(
                        "network {name}: containers that itp-dev does not manage still use it (e.g. one started by the Dev Containers CLI)"
                    ));
                }
                Err(e) => return Err(e),
            }
        }
    }
    if remove_volumes {
        let list = docker
            .list_volumes(Some(
                ListVolumesOptionsBuilder::new().filters(&filter).build(),
            ))
            .await?;
        for v in list.volumes.unwrap_or_default() {
            docker
                .remove_volume(&v.name, Some(RemoveVolumeOptionsBuilder::new().build()))
                .await
                .or_else(ignore_gone)?;
            removed.volumes.push(v.name);
        }
        for name in volumes {
            if removed.volumes.contains(name) {
                continue;
            }
            let Ok(v) = docker.inspect_volume(name).await else {
                continue;
            };
            if v.labels.contains_key(labels::PROJECT) {
                continue;
            }
            match is_empty_dir(&v.mountpoint) {
                Some(true) => {
                    docker
                        .remove_volume(name, Some(RemoveVolumeOptionsBuilder::new().build()))
                        .await
                        .or_else(ignore_gone)?;
                    removed.volumes.push(name.clone());
                    removed.notes.push(format!(
                        "removed volume {name}: it had the project's name but no labels (an interrupted run re-created it) and was empty"
                    ));
                }
                Some(false) => removed.kept.push(format!(
                    "volume {name}: it has the project's name but no itp-dev labels, and holds data; remove it with `docker volume rm {name}` if nothing in it is needed"
                )),
                None => removed.kept.push(format!(
                    "volume {name}: it has the project's name but no itp-dev labels, and its contents cannot be checked from here; remove it with `docker volume rm {name}` if nothing in it is needed"
                )),
            }
        }
    }
    Ok(removed)
}

/// `Some(true)` when the directory exists and holds nothing; `None` when it
/// cannot be read from here (a remote engine, or no permission).
fn is_empty_dir(path: &str) -> Option<bool> {
    let mut entries = std::fs::read_dir(path).ok()?;
    Some(entries.next().is_none())
}
