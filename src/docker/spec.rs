//! The plan's container in the engine's terms. Pure: a mapping from
//! `ContainerPlan` to the create request, tested without an engine.

use std::collections::HashMap;

use bollard::models::{
    ContainerCreateBody, EndpointSettings, HealthConfig, HostConfig, Mount, MountType,
    NetworkingConfig, PortBinding,
};

use crate::plan::{ContainerPlan, HealthPlan, MountKind};

pub fn create_body(c: &ContainerPlan, network: &str) -> ContainerCreateBody {
    let mut exposed = Vec::new();
    let mut bindings: HashMap<String, Option<Vec<PortBinding>>> = HashMap::new();
    for p in &c.ports {
        let key = format!("{}/{}", p.container_port, p.protocol.as_str());
        exposed.push(key.clone());
        bindings
            .entry(key)
            .or_default()
            .get_or_insert_with(Vec::new)
            .push(PortBinding {
                host_ip: Some(p.host_ip_or_default().to_string()),
                // Empty: the engine picks a free port, which `status` reports.
                host_port: Some(p.host_port.map(|n| n.to_string()).unwrap_or_default()),
            });
    }
    let mounts = c
        .mounts
        .iter()
        .map(|m| Mount {
            target: Some(m.target.clone()),
            source: Some(m.source.clone()),
            typ: Some(match m.kind {
                MountKind::Bind => MountType::BIND,
                MountKind::Volume => MountType::VOLUME,
            }),
            read_only: Some(m.read_only),
            ..Default::default()
        })
        .collect();
    ContainerCreateBody {
        image: Some(c.image.clone()),
        cmd: c.command.clone(),
        entrypoint: c.entrypoint.clone(),
        env: Some(c.env.iter().map(|(k, v)| format!("{k}={v}")).collect()),
        user: c.user.clone(),
        working_dir: c.workdir.clone(),
        hostname: Some(c.service.clone()),
        labels: Some(c.labels.clone().into_iter().collect()),
        exposed_ports: (!exposed.is_empty()).then_some(exposed),
        healthcheck: c.healthcheck.as_ref().map(health_config),
        host_config: Some(HostConfig {
            network_mode: Some(network.to_string()),
            port_bindings: (!bindings.is_empty()).then_some(bindings),
            mounts: Some(mounts),
            // A real init reaps zombies and forwards signals, so `down` is quick
            // even for processes that ignore SIGTERM as PID 1.
            init: Some(true),
            ..Default::default()
        }),
        networking_config: Some(NetworkingConfig {
            endpoints_config: Some(HashMap::from([(
                network.to_string(),
                EndpointSettings {
                    aliases: Some(c.aliases.clone()),
                    ..Default::default()
                },
            )])),
        }),
        ..Default::default()
    }
}

const NS_PER_MS: i64 = 1_000_000;

fn health_config(h: &HealthPlan) -> HealthConfig {
    HealthConfig {
        test: Some(h.test.clone()),
        interval: Some(h.interval_ms as i64 * NS_PER_MS),
        timeout: Some(h.timeout_ms as i64 * NS_PER_MS),
        retries: Some(h.retries as i64),
        start_period: Some(h.start_period_ms as i64 * NS_PER_MS),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Host, compile};
    use crate::profile::{LoadOptions, load};

    #[test]
    fn ports_mounts_network_and_health_are_mapped() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(
            t.path().join("itp-dev.toml"),
            r#"
version = 1
name = "p"
[services.web]
image = "busybox"
ports = ["8080:80", "9000", "0.0.0.0:53:53/udp"]
volumes = ["data:/data", "./conf:/conf:ro"]
healthcheck = { command = "true", interval = "500ms" }
"#,
        )
        .unwrap();
        std::fs::create_dir(t.path().join("conf")).unwrap();
        let loaded = load(&LoadOptions {
            cwd: t.path().into(),
            file: None,
            overlays: vec![],
            env: Default::default(),
        })
        .unwrap();
        let plan = compile(
            &loaded,
            &Host {
                uid: 1000,
                gid: 1000,
                home: None,
            },
        );
        let body = create_body(plan.container("web").unwrap(), &plan.network);
        let hc = body.host_config.unwrap();
        let b = hc.port_bindings.unwrap();
        let one = |k: &str| b[k].as_ref().unwrap()[0].clone();
        assert_eq!(one("80/tcp").host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(one("80/tcp").host_port.as_deref(), Some("8080"));
        assert_eq!(one("9000/tcp").host_port.as_deref(), Some(""));
        assert_eq!(one("53/udp").host_ip.as_deref(), Some("0.0.0.0"));
        let m = hc.mounts.unwrap();
        assert_eq!(m[0].source.as_deref(), Some("p_data"));
        assert_eq!(m[1].read_only, Some(true));
        assert_eq!(hc.network_mode.as_deref(), Some("p_default"));
        let ep = &body.networking_config.unwrap().endpoints_config.unwrap()["p_default"];
        assert_eq!(ep.aliases.as_deref(), Some(&["web".to_string()][..]));
        assert_eq!(body.healthcheck.unwrap().interval, Some(500 * NS_PER_MS));
    }
}
