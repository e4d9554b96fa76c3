//! Host ports, checked before anything starts: a port another program holds
//! is reported up front (naming the itp-dev project that holds it, when one
//! does) instead of failing half-way through `up`.

use std::collections::HashMap;
use std::net::{TcpListener, UdpSocket};

use bollard::Docker;

use crate::plan::labels;
use crate::plan::render::port_text;
use crate::profile::specs::{PortSpec, Protocol};

#[derive(Debug, Clone)]
pub struct Busy {
    pub service: String,
    pub spec: PortSpec,
    /// `project` and `service` of the itp-dev container publishing it.
    pub holder: Option<(String, String)>,
}

impl Busy {
    pub fn describe(&self) -> String {
        let who = match &self.holder {
            Some((p, s)) => format!("by service `{s}` of itp-dev project `{p}`"),
            None => "by another program".into(),
        };
        format!(
            "port {} of `{}` is already in use {who}",
            port_text(&self.spec),
            self.service
        )
    }
}

/// Ports among `wanted` that cannot be bound now. Bare ports (`"8080"`) get
/// a free port from the engine, so only fixed host ports are checked.
pub fn busy(wanted: &[(String, PortSpec)]) -> Vec<(String, PortSpec)> {
    wanted
        .iter()
        .filter(|(_, p)| {
            let Some(port) = p.host_port else {
                return false;
            };
            let addr = (p.host_ip_or_default(), port);
            let r = match p.protocol {
                Protocol::Tcp => TcpListener::bind(addr).map(drop),
                Protocol::Udp => UdpSocket::bind(addr).map(drop),
            };
            // Only "in use" is a conflict; a privileged port or an address
            // this host lacks is left for the engine to explain.
            matches!(r, Err(e) if e.kind() == std::io::ErrorKind::AddrInUse)
        })
        .cloned()
        .collect()
}

/// Which itp-dev containers publish which host ports: `(port, protocol)` →
/// `(project, service)`. Only asked when a port is busy.
pub async fn holders(
    docker: &Docker,
) -> Result<HashMap<(u16, String), (String, String)>, bollard::errors::Error> {
    let list = super::inspect::containers(docker, false, labels::PROJECT).await?;
    let mut out = HashMap::new();
    for c in list {
        let l = c.labels.unwrap_or_default();
        let who = (
            l.get(labels::PROJECT).cloned().unwrap_or_default(),
            l.get(labels::SERVICE).cloned().unwrap_or_default(),
        );
        for p in c.ports.unwrap_or_default() {
            if let Some(host) = p.public_port {
                let proto = p.typ.map(|t| t.to_string()).unwrap_or_else(|| "tcp".into());
                out.insert((host, proto), who.clone());
            }
        }
    }
    Ok(out)
}

/// Fixed host ports among `wanted` that something holds, each with the
/// itp-dev project and service holding it when one does, less those that
/// `mine` says the caller will free itself. Containers are listed only when
/// a port is busy.
pub async fn conflicts(
    docker: &Docker,
    wanted: &[(String, PortSpec)],
    mine: impl Fn(&Busy) -> bool,
) -> Result<Vec<Busy>, bollard::errors::Error> {
    let busy = busy(wanted);
    if busy.is_empty() {
        return Ok(vec![]);
    }
    let holders = holders(docker).await?;
    Ok(busy
        .into_iter()
        .map(|(service, spec)| {
            let holder = spec.host_port.and_then(|p| {
                holders
                    .get(&(p, spec.protocol.as_str().to_string()))
                    .cloned()
            });
            Busy {
                service,
                spec,
                holder,
            }
        })
        .filter(|b| !mine(b))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listening_port_is_busy_and_a_bare_port_never_is() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let spec = |host_port| PortSpec {
            host_ip: None,
            host_port,
            container_port: 80,
            protocol: Protocol::Tcp,
        };
        let wanted = vec![
            ("web".to_string(), spec(Some(port))),
            ("api".to_string(), spec(None)),
        ];
        let b = busy(&wanted);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].0, "web");
        drop(l);
        assert!(busy(&wanted).is_empty());
    }
}
