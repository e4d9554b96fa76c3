//! The plan as text for people (`itp-dev plan`); JSON comes from serde.

use std::fmt::Write;

use super::types::*;
use crate::profile::specs::PortSpec;

pub fn port_text(p: &PortSpec) -> String {
    let proto = match p.protocol {
        crate::profile::specs::Protocol::Tcp => "tcp",
        crate::profile::specs::Protocol::Udp => "udp",
    };
    match p.host_port {
        Some(h) => format!(
            "{}:{h}->{}/{proto}",
            p.host_ip_or_default(),
            p.container_port
        ),
        None => format!(
            "{}:(free)->{}/{proto}",
            p.host_ip_or_default(),
            p.container_port
        ),
    }
}

/// Render a plan that has already been masked.
pub fn text(plan: &Plan) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "project  {}  ({})",
        plan.project,
        plan.project_dir.display()
    );
    let _ = writeln!(s, "network  {}", plan.network);
    if !plan.volumes.is_empty() {
        let names: Vec<&str> = plan
            .volumes
            .iter()
            .map(|v| v.docker_name.as_str())
            .collect();
        let _ = writeln!(s, "volumes  {}", names.join(", "));
    }
    let _ = writeln!(s, "\nimages");
    for i in &plan.images {
        let how = match &i.source {
            ImageSource::Pull { policy } => format!(
                "pull ({})",
                serde_json::to_value(policy)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
            ImageSource::Build {
                context,
                dockerfile,
                target,
                ..
            } => {
                let rel = |p: &std::path::Path| {
                    p.strip_prefix(&plan.project_dir).map_or_else(
                        |_| p.display().to_string(),
                        |r| format!("./{}", r.display()),
                    )
                };
                let mut b = format!("build {} (Dockerfile {})", rel(context), rel(dockerfile));
                if let Some(t) = target {
                    let _ = write!(b, " target {t}");
                }
                b
            }
        };
        let _ = writeln!(s, "  {:<12} {:<32} {how}", i.service, i.reference);
    }
    let _ = writeln!(s, "\nstart order");
    for (n, level) in plan.levels.iter().enumerate() {
        let _ = writeln!(s, "  {}. {}", n + 1, level.join(", "));
    }
    let _ = writeln!(s, "\ncontainers");
    for c in &plan.containers {
        let _ = writeln!(s, "  {}  ({})  config {}", c.service, c.name, c.config_hash);
        let _ = writeln!(s, "    image       {}", c.image);
        if let Some(cmd) = &c.command {
            let _ = writeln!(s, "    command     {}", shell_words(cmd));
        }
        if let Some(u) = &c.user {
            let _ = writeln!(s, "    user        {u}");
        }
        if let Some(w) = &c.workdir {
            let _ = writeln!(s, "    workdir     {w}");
        }
        for (k, v) in &c.env {
            let _ = writeln!(s, "    env         {k}={v}");
        }
        for p in &c.ports {
            let _ = writeln!(s, "    port        {}", port_text(p));
        }
        for m in &c.mounts {
            let ro = if m.read_only { " (read-only)" } else { "" };
            let kind = match m.kind {
                MountKind::Volume => "volume",
                MountKind::Bind => "bind",
            };
            let _ = writeln!(s, "    {kind:<11} {} -> {}{ro}", m.source, m.target);
        }
        for d in &c.depends_on {
            let _ = writeln!(
                s,
                "    depends on  {} ({})",
                d.service,
                d.condition.as_str()
            );
        }
        if let Some(h) = &c.healthcheck {
            let _ = writeln!(
                s,
                "    healthcheck {} every {}ms, timeout {}ms, {} retries",
                shell_words(&h.test[1..]),
                h.interval_ms,
                h.timeout_ms,
                h.retries
            );
        }
        for h in &c.hooks.on_create {
            let _ = writeln!(s, "    on_create   {h}");
        }
        for h in &c.hooks.post_start {
            let _ = writeln!(s, "    post_start  {h}");
        }
    }
    if !plan.watch.is_empty() {
        let _ = writeln!(s, "\nwatch");
        for w in &plan.watch {
            let action = serde_json::to_value(w.action)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} -> {action} {}{}",
                w.paths.join(", "),
                w.service,
                w.target
                    .as_ref()
                    .map(|t| format!(" at {t}"))
                    .unwrap_or_default()
            );
        }
    }
    s
}

fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$;&|".contains(c)) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
