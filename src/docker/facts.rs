//! The local side of `itp-dev diff`: what the project's containers run, as
//! the engine reports it (not what the profile asks for: a container left
//! from an older profile shows as it is).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use bollard::Docker;
use futures_util::future::join_all;

use crate::parity::{Facts, File, Image, Ports, Run, ServiceFacts, Value};
use crate::plan::{Plan, labels};

/// The project's containers, one `ServiceFacts` each. `read` gives a bind
/// mount's content by its host path, and whether it is secret (the caller
/// reads the host's files).
pub async fn local(
    docker: &Docker,
    plan: &Plan,
    read: impl Fn(&str, bool, bool) -> File,
) -> Result<Facts, bollard::errors::Error> {
    let list = super::observe::project_containers(docker, &plan.project).await?;
    let inspected = join_all(
        list.iter()
            .map(|c| super::inspect::container(docker, &c.id)),
    )
    .await;
    // Services mostly share a few images: each is inspected once.
    let mut image_ids: Vec<String> = inspected
        .iter()
        .filter_map(|c| c.as_ref().ok()?.image.clone())
        .collect();
    image_ids.sort();
    image_ids.dedup();
    let images: HashMap<String, bollard::models::ImageInspect> =
        join_all(image_ids.iter().map(|id| docker.inspect_image(id)))
            .await
            .into_iter()
            .zip(&image_ids)
            .filter_map(|(r, id)| Some((id.clone(), r.ok()?)))
            .collect();
    let mut facts = Facts::default();
    for c in inspected {
        let c = c?;
        let config = c.config.unwrap_or_default();
        let service = config
            .labels
            .as_ref()
            .and_then(|l| l.get(labels::SERVICE))
            .cloned()
            .unwrap_or_default();
        let planned = plan.container(&service);
        let secret_keys = planned.map(|p| p.secret_keys.clone()).unwrap_or_default();
        let mut s = ServiceFacts::default();
        if let Some((id, img)) = c
            .image
            .as_deref()
            .and_then(|id| Some((id, images.get(id)?.clone())))
        {
            let mut digests = BTreeSet::from([id.to_string()]);
            for d in img.repo_digests.unwrap_or_default() {
                if let Some(d) = crate::parity::digest_of(&d) {
                    digests.insert(d.to_string());
                }
            }
            s.image_env = env_map(img.config.and_then(|c| c.env).unwrap_or_default());
            s.image = Some(Image {
                reference: config.image.clone().unwrap_or_default(),
                digests,
                names: img.repo_tags.unwrap_or_default().into_iter().collect(),
            });
        }
        s.env = env_map(config.env.unwrap_or_default())
            .into_iter()
            .map(|(k, v)| {
                let v = if secret_keys.contains(&k) {
                    Value::secret(v.as_bytes())
                } else {
                    Value::Plain(v)
                };
                (k, v)
            })
            .collect();
        // On the project network a container answers on every port; what
        // the profile lists (published, `expose`) is what a Service lists.
        let mut ports: BTreeSet<String> = c
            .host_config
            .as_ref()
            .and_then(|h| h.port_bindings.as_ref())
            .map(|b| b.keys().cloned().collect())
            .unwrap_or_default();
        if let Some(p) = planned {
            ports.extend(p.expose.iter().map(|e| format!("{e}/tcp")));
        }
        s.ports = if ports.is_empty() {
            Ports::Any
        } else {
            Ports::Listed(ports)
        };
        for m in c.mounts.unwrap_or_default() {
            let (Some(source), Some(target)) = (m.source.as_deref(), m.destination.clone()) else {
                continue;
            };
            match m.typ.map(|t| t.to_string()).as_deref() {
                Some("volume") => {
                    let docker_name = m.name.clone().unwrap_or_default();
                    // The profile's name for it, as the claim is named.
                    if let Some(v) = plan.volumes.iter().find(|v| v.docker_name == docker_name) {
                        s.volumes.insert(target, v.name.clone());
                    }
                }
                Some("bind") => {
                    // The repository mount of the dev container is never
                    // carried; it is not compared.
                    if planned.is_some_and(|p| p.is_dev && p.workdir.as_ref() == Some(&target)) {
                        continue;
                    }
                    let secret = planned.is_some_and(|p| p.is_secret_file(&target))
                        || target.starts_with("/run/secrets/");
                    let read_only = m.rw == Some(false);
                    s.files
                        .insert(target.clone(), read(source, read_only, secret));
                }
                _ => {}
            }
        }
        let state = c.state.unwrap_or_default();
        let running = state.running == Some(true);
        let healthy = state
            .health
            .and_then(|h| h.status)
            .map(|h| h.to_string())
            .is_none_or(|h| h == "healthy" || h == "none" || h.is_empty());
        let once = planned.is_some_and(|p| p.once);
        s.run = Run {
            replicas: 1,
            ready: u32::from(running && healthy),
            ended: (once && !running && state.finished_at.as_deref().is_some_and(ended))
                .then(|| state.exit_code == Some(0)),
        };
        facts.services.insert(service, s);
    }
    Ok(facts)
}

/// A container that has run has a finish time; one never started has the
/// zero time.
fn ended(finished_at: &str) -> bool {
    !finished_at.is_empty() && !finished_at.starts_with("0001-")
}

fn env_map(env: Vec<String>) -> BTreeMap<String, String> {
    env.into_iter()
        .filter_map(|e| {
            let (k, v) = e.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}
