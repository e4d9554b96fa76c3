//! Observing the project's containers by label: one list call.

use bollard::Docker;
use serde::Serialize;

use crate::plan::labels;

/// A container of the project as the engine reports it.
#[derive(Clone, Debug, Serialize)]
pub struct ContainerView {
    pub service: String,
    pub name: String,
    pub id: String,
    pub state: String,
    /// `healthy`, `unhealthy`, `starting`, or empty when there is no healthcheck.
    pub health: String,
    pub ports: Vec<PublishedPort>,
    pub image: String,
    /// The engine's status text, e.g. "Up 5 minutes (healthy)".
    pub status: String,
    /// Time since start, from the status text ("5 minutes"), when running.
    pub uptime: String,
    /// How it ended, when it ran and exited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    /// The names of the networks it is on.
    #[serde(skip)]
    pub networks: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PublishedPort {
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: String,
}

pub async fn project_containers(
    docker: &Docker,
    project: &str,
) -> Result<Vec<ContainerView>, bollard::errors::Error> {
    let label = format!("{}={project}", labels::PROJECT);
    let list = super::inspect::containers(docker, true, &label).await?;
    let mut out: Vec<ContainerView> = list
        .into_iter()
        .map(|c| {
            let labels = c.labels.unwrap_or_default();
            let status = c.status.unwrap_or_default();
            let mut ports: Vec<PublishedPort> = c
                .ports
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| {
                    Some(PublishedPort {
                        host_ip: p.ip.unwrap_or_default(),
                        host_port: p.public_port?,
                        container_port: p.private_port,
                        protocol: p.typ.map(|t| t.to_string()).unwrap_or_else(|| "tcp".into()),
                    })
                })
                .collect();
            ports.sort();
            ports.dedup();
            let networks = c
                .network_settings
                .and_then(|n| n.networks)
                .map(|n| n.into_keys().collect())
                .unwrap_or_default();
            ContainerView {
                networks,
                service: labels.get(labels::SERVICE).cloned().unwrap_or_default(),
                name: c
                    .names
                    .and_then(|n| n.first().cloned())
                    .unwrap_or_default()
                    .trim_start_matches('/')
                    .to_string(),
                id: c.id.unwrap_or_default(),
                state: c.state.map(|s| s.to_string()).unwrap_or_default(),
                health: health_of(&status).to_string(),
                ports,
                image: c.image.unwrap_or_default(),
                uptime: uptime_of(&status),
                exit_code: exit_code_of(&status),
                status,
            }
        })
        .collect();
    out.sort_by(|a, b| a.service.cmp(&b.service).then(a.name.cmp(&b.name)));
    // Podman's list says nothing of health: asked of each running container.
    if super::connect::is_podman() {
        let running: Vec<usize> = (0..out.len())
            .filter(|i| out[*i].state == "running")
            .collect();
        let inspected = futures_util::future::join_all(
            running
                .iter()
                .map(|i| super::inspect::container(docker, &out[*i].id)),
        )
        .await;
        for (i, c) in running.into_iter().zip(inspected) {
            if let Some(h) = c
                .ok()
                .and_then(|c| c.state)
                .and_then(|s| s.health)
                .and_then(|h| h.status)
            {
                out[i].health = match h.to_string().as_str() {
                    "healthy" => "healthy",
                    "unhealthy" => "unhealthy",
                    "starting" => "starting",
                    _ => "",
                }
                .to_string();
            }
        }
    }
    Ok(out)
}

/// True when the container exists and runs.
pub async fn is_running(docker: &Docker, name: &str) -> bool {
    super::inspect::container(docker, name)
        .await
        .ok()
        .and_then(|i| i.state)
        .and_then(|s| s.running)
        .unwrap_or(false)
}

/// API 1.41 lists health only inside the status text: "Up 3s (healthy)".
fn health_of(status: &str) -> &'static str {
    if status.contains("(healthy)") {
        "healthy"
    } else if status.contains("(unhealthy)") {
        "unhealthy"
    } else if status.contains("(health: starting)") {
        "starting"
    } else {
        ""
    }
}

fn uptime_of(status: &str) -> String {
    match status.strip_prefix("Up ") {
        Some(rest) => rest.split(" (").next().unwrap_or(rest).to_string(),
        None => String::new(),
    }
}

/// The code in the engine's status text of an exited container:
/// "Exited (3) 2 minutes ago" → 3 (the list call has no field for it).
pub fn exit_code_of(status: &str) -> Option<i64> {
    let rest = status.strip_prefix("Exited (")?;
    rest.split(')').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_come_from_the_status_text() {
        assert_eq!(exit_code_of("Exited (3) 2 minutes ago"), Some(3));
        assert_eq!(exit_code_of("Exited (0) Less than a second ago"), Some(0));
        assert_eq!(exit_code_of("Up 3 seconds"), None);
        assert_eq!(exit_code_of("Created"), None);
    }

    #[test]
    fn health_and_uptime_come_from_the_status_text() {
        assert_eq!(health_of("Up 3 seconds (healthy)"), "healthy");
        assert_eq!(health_of("Up 1 second (health: starting)"), "starting");
        assert_eq!(health_of("Exited (0) 2 minutes ago"), "");
        assert_eq!(uptime_of("Up 3 seconds (healthy)"), "3 seconds");
        assert_eq!(uptime_of("Exited (0) 2 minutes ago"), "");
    }
}
