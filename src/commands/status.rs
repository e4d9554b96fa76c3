//! `itp-dev status` (alias `ps`): each service of the profile with its
//! container's state, health, ports, image and uptime. One list call.

use super::context::Context;
use super::{CommandError, Exit};
use crate::docker::{self, observe};
use crate::plan::compile;
use crate::ui::Printer;

#[derive(serde::Serialize)]
struct Row {
    service: String,
    container: String,
    state: String,
    /// How an exited container ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<i64>,
    health: String,
    ports: Vec<observe::PublishedPort>,
    image: String,
    uptime: String,
    /// True for a container whose service is no longer in the profile.
    orphan: bool,
    /// True for a running container cut from the project network (names
    /// of and from it do not resolve); `up` recreates it on the network.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    off_network: bool,
}

pub fn run(ctx: &Context, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let seen = super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        let list = || async {
            observe::project_containers(&d, &plan.project)
                .await
                .map_err(|e| CommandError::Other(anyhow::anyhow!("listing containers failed: {e}")))
        };
        let seen = list().await?;
        if !docker::connect::is_podman() {
            return Ok(seen);
        }
        // Podman without systemd runs no check: the due ones run now.
        let running: Vec<String> = seen
            .iter()
            .filter(|v| v.state == "running")
            .map(|v| v.id.clone())
            .collect();
        if docker::podman::run_due_checks(&d, &running).await {
            return list().await;
        }
        Ok(seen)
    })?;
    let mut rows: Vec<Row> = Vec::new();
    for c in &plan.containers {
        let found: Vec<&observe::ContainerView> =
            seen.iter().filter(|v| v.service == c.service).collect();
        if found.is_empty() {
            rows.push(Row {
                service: c.service.clone(),
                container: c.name.clone(),
                state: "not created".into(),
                exit_code: None,
                health: String::new(),
                ports: vec![],
                image: c.image.clone(),
                uptime: String::new(),
                orphan: false,
                off_network: false,
            });
        }
        rows.extend(found.into_iter().map(|v| row(v, false, &plan.network)));
    }
    rows.extend(
        seen.iter()
            .filter(|v| plan.container(&v.service).is_none())
            .map(|v| row(v, true, &plan.network)),
    );

    // The engine in words (`Docker 20.10.24`, `Podman 4.3.1`).
    let engine = docker::connect::engine();
    if printer.json {
        printer.out_json(&serde_json::json!({
            "project": plan.project,
            "engine": engine,
            "services": rows
        }));
        return Ok(Exit::Ok);
    }
    let table: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let ports = r
                .ports
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}->{}/{}",
                        p.host_ip, p.host_port, p.container_port, p.protocol
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let mut state = r.state.clone();
            if let Some(code) = r.exit_code {
                state.push_str(&format!(" ({code})"));
            }
            if r.orphan {
                state.push_str(" (orphan)");
            }
            if r.off_network {
                state.push_str(" (off the network)");
            }
            [
                r.service.clone(),
                state,
                r.health.clone(),
                ports,
                r.image.clone(),
                r.uptime.clone(),
            ]
        })
        .collect();
    printer.out(&crate::ui::table::format_table(
        ["SERVICE", "STATE", "HEALTH", "PORTS", "IMAGE", "UPTIME"],
        &table,
    ));
    for r in rows.iter().filter(|r| r.off_network) {
        printer.warn(&format!(
            "`{}` is not on the project network `{}`: names of and from it do not resolve; `itp-dev up` recreates it on the network",
            r.service, plan.network
        ));
    }
    // Docker is the default and goes unsaid; another engine is named, with
    // what differs for what this table shows.
    if docker::connect::is_podman() {
        printer.status(&format!(
            "engine: {} (health: checks run by itp-dev, as Podman runs none without systemd)",
            engine.unwrap_or_default()
        ));
    }
    Ok(Exit::Ok)
}

fn row(v: &observe::ContainerView, orphan: bool, network: &str) -> Row {
    Row {
        off_network: v.state == "running" && !v.networks.iter().any(|n| n == network),
        service: v.service.clone(),
        container: v.name.clone(),
        state: v.state.clone(),
        exit_code: v.exit_code,
        health: v.health.clone(),
        ports: v.ports.clone(),
        image: v.image.clone(),
        uptime: v.uptime.clone(),
        orphan,
    }
}
