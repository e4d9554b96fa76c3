//! Where people reach a pushed environment: with `[kubernetes.ingress]`, a
//! URL per published port (an Ingress per service, rendered here); without
//! it, the `kubectl port-forward` that reaches each published port. Pure:
//! the plan and the settings in, hosts and commands out.

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress as KIngress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};

use crate::plan::Plan;
use crate::profile::model::Ingress;
use crate::profile::specs::Protocol;

/// One published port and how it is reached.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reach {
    pub service: String,
    pub port: u16,
    /// `http(s)://host/` with an ingress; none without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The command that forwards it to this machine (always given: it
    /// works without an ingress controller too).
    pub port_forward: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_port: Option<u16>,
}

/// A container port and the host port it is published on, if fixed.
type Ports = Vec<(u16, Option<u16>)>;

/// Published TCP ports per long-running service, in profile order (an
/// Ingress carries HTTP; UDP and one-shot tasks have no URL).
pub fn published(plan: &Plan) -> Vec<(String, Ports)> {
    plan.containers
        .iter()
        .filter(|c| !c.once)
        .filter_map(|c| {
            let mut ports: Ports = Vec::new();
            for p in c.ports.iter().filter(|p| p.protocol == Protocol::Tcp) {
                if !ports.iter().any(|(cp, _)| *cp == p.container_port) {
                    ports.push((p.container_port, p.host_port));
                }
            }
            (!ports.is_empty()).then(|| (c.service.clone(), ports))
        })
        .collect()
}

/// The host for one port: the pattern with its placeholders filled.
pub fn host(pattern: &str, service: &str, namespace: &str, project: &str, port: u16) -> String {
    pattern
        .replace("{service}", service)
        .replace("{namespace}", namespace)
        .replace("{project}", project)
        .replace("{port}", &port.to_string())
}

/// What is wrong with a host pattern, checked with a sample filling: an
/// unknown placeholder, or a host the API server would refuse.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        let end = rest[i..]
            .find('}')
            .ok_or_else(|| "has a `{` that is not closed".to_string())?;
        let name = &rest[i + 1..i + end];
        if !["service", "namespace", "project", "port"].contains(&name) {
            return Err(format!(
                "has `{{{name}}}`; the placeholders are {{service}}, {{namespace}}, {{project}} and {{port}}"
            ));
        }
        rest = &rest[i + end + 1..];
    }
    let sample = host(pattern, "web", "itp-app-ann", "app", 8080);
    check_host(&sample).map_err(|e| format!("gives hosts like `{sample}`, which {e}"))
}

/// A DNS subdomain as the Ingress API takes it, and one a browser can
/// open: lowercase labels of letters, digits and `-`, dots between; not an
/// IP address, no wildcard (a URL needs one host).
fn check_host(h: &str) -> Result<(), String> {
    if h.contains('*') {
        return Err("has a wildcard; a URL needs one host per port".into());
    }
    let body = h;
    if body.is_empty() || h.len() > 253 {
        return Err("is empty or longer than 253 characters".into());
    }
    if !body.contains('.') {
        return Err("is not a fully qualified name (it needs a dot)".into());
    }
    // An address, or a name whose last part is a number (never a real top
    // level domain; `10.0.0.{port}` is an address in the making).
    let last = body.rsplit('.').next().unwrap_or_default();
    if body.parse::<std::net::Ipv4Addr>().is_ok()
        || (!last.is_empty() && last.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("is an IP address; an Ingress host must be a DNS name".into());
    }
    for label in body.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Err(format!(
                "has the label `{label}` (lowercase letters, digits and `-`, at most 63)"
            ));
        }
    }
    Ok(())
}

fn chosen<'a>(
    plan: &Plan,
    ingress: Option<&'a Ingress>,
) -> Vec<(String, Ports, Option<&'a Ingress>)> {
    published(plan)
        .into_iter()
        .map(|(s, ports)| {
            let with = ingress.filter(|i| i.services.as_ref().is_none_or(|list| list.contains(&s)));
            (s, ports, with)
        })
        .collect()
}

/// How each published port is reached.
pub fn reach(plan: &Plan, ingress: Option<&Ingress>, namespace: &str, context: &str) -> Vec<Reach> {
    let mut out = Vec::new();
    for (service, ports, with) in chosen(plan, ingress) {
        for (port, host_port) in ports {
            let local = host_port.unwrap_or(port);
            out.push(Reach {
                url: with.map(|i| {
                    let scheme = if i.tls_secret.is_some() { "https" } else { "http" };
                    let h = host(&i.host, &service, namespace, &plan.project, port);
                    format!("{scheme}://{h}/")
                }),
                port_forward: format!(
                    "kubectl --context {context} -n {namespace} port-forward service/{service} {local}:{port}"
                ),
                local_port: Some(local),
                service: service.clone(),
                port,
            });
        }
    }
    out
}

/// The Ingress objects: one per service, a rule per published port.
pub fn ingresses(
    plan: &Plan,
    ingress: Option<&Ingress>,
    namespace: &str,
    meta: impl Fn(&str) -> k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> Vec<KIngress> {
    let mut out = Vec::new();
    for (service, ports, with) in chosen(plan, ingress) {
        let Some(i) = with else { continue };
        let hosts: Vec<String> = ports
            .iter()
            .map(|(p, _)| host(&i.host, &service, namespace, &plan.project, *p))
            .collect();
        let rules = ports
            .iter()
            .zip(&hosts)
            .map(|((port, _), h)| IngressRule {
                host: Some(h.clone()),
                http: Some(HTTPIngressRuleValue {
                    paths: vec![HTTPIngressPath {
                        path: Some("/".into()),
                        path_type: "Prefix".into(),
                        backend: IngressBackend {
                            service: Some(IngressServiceBackend {
                                name: service.clone(),
                                port: Some(ServiceBackendPort {
                                    number: Some(i32::from(*port)),
                                    ..Default::default()
                                }),
                            }),
                            ..Default::default()
                        },
                    }],
                }),
            })
            .collect();
        let mut metadata = meta(&service);
        if !i.annotations.is_empty() {
            metadata.annotations = Some(i.annotations.clone());
        }
        out.push(KIngress {
            metadata,
            spec: Some(IngressSpec {
                ingress_class_name: i.class.clone(),
                rules: Some(rules),
                tls: i.tls_secret.as_ref().map(|s| {
                    vec![IngressTLS {
                        hosts: Some(hosts.clone()),
                        secret_name: Some(s.clone()),
                    }]
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    out
}

/// What is wrong with the ingress for this plan in `namespace`, each with
/// what to do: listed services that publish no TCP port, several ports of
/// a service without `{port}`, two ports on one host, hosts the API would
/// refuse once the real names are filled in.
pub fn problems(plan: &Plan, ingress: &Ingress, namespace: &str) -> Vec<(String, String)> {
    let published: BTreeMap<String, usize> = published(plan)
        .into_iter()
        .map(|(s, p)| (s, p.len()))
        .collect();
    let mut out = Vec::new();
    for s in ingress.services.iter().flatten() {
        if !published.contains_key(s) {
            out.push((
                format!("`{s}` is listed under kubernetes.ingress.services but publishes no TCP port"),
                format!("publish a port of `{s}` (`ports`), or take it out of kubernetes.ingress.services"),
            ));
        }
    }
    if !ingress.host.contains("{port}") {
        for (s, n) in &published {
            let listed = ingress.services.as_ref().is_none_or(|l| l.contains(s));
            if listed && *n > 1 {
                out.push((
                    format!("`{s}` publishes {n} ports and kubernetes.ingress.host has no `{{port}}`, so they would share one host"),
                    "add `{port}` to kubernetes.ingress.host, e.g. \"{service}-{port}.{namespace}.example.com\"".into(),
                ));
            }
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (service, ports, with) in chosen(plan, Some(ingress)) {
        if with.is_none() {
            continue;
        }
        for (port, _) in ports {
            let h = host(&ingress.host, &service, namespace, &plan.project, port);
            if let Err(e) = check_host(&h) {
                out.push((
                    format!("kubernetes.ingress.host gives `{h}` for `{service}` port {port}, which {e}"),
                    "shorten the pattern's parts (a label is at most 63 characters; the namespace is one of them)".into(),
                ));
            }
            let this = format!("`{service}` port {port}");
            if let Some(other) = seen.insert(h.clone(), this.clone())
                && other != this
                && !out.iter().any(|(m, _)| m.contains(&h))
            {
                out.push((
                        format!("{other} and {this} would both be `{h}`"),
                        "put `{service}` and `{port}` in kubernetes.ingress.host so each port has its own host".into(),
                    ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_filled_and_checked() {
        assert_eq!(
            host(
                "{service}-{port}.{namespace}.qa.example.com",
                "web",
                "ns",
                "app",
                80
            ),
            "web-80.ns.qa.example.com"
        );
        assert!(check_pattern("{service}.{namespace}.example.test").is_ok());
        let e = |p| check_pattern(p).unwrap_err();
        assert!(e("{svc}.example.test").contains("placeholders are"));
        assert!(e("{service}.Example.test").contains("label `Example`"));
        assert!(e("{service}").contains("fully qualified"));
        assert!(e("{service.example.test").contains("not closed"));
        assert!(e("{service}_x.example.test").contains("web_x"));
        assert!(e("*.{namespace}.example.test").contains("wildcard"));
        assert!(e("10.0.0.{port}").contains("IP address"));
    }
}
