//! Which engine to talk to, chosen as the `docker` CLI chooses it:
//! `DOCKER_HOST`; else the context named by `DOCKER_CONTEXT`, else the
//! `currentContext` of `~/.docker/config.json` (`DOCKER_CONFIG` moves that
//! directory), its `docker` endpoint read from the context store; else the
//! local socket. The context `default` is the local socket.
//!
//! TLS follows the CLI too: `DOCKER_TLS_VERIFY` (or `DOCKER_TLS`) with the
//! certificates in `DOCKER_CERT_PATH` (default `~/.docker`) for
//! `DOCKER_HOST`; a context's own `ca.pem`, `cert.pem` and `key.pem` in the
//! store's `tls/<sha256 of the name>/docker/`.

use std::path::PathBuf;

/// An engine address and why it was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub source: String,
    pub tls: Option<Tls>,
    /// Why there is no address to use: a context named that does not
    /// exist. The CLI refuses then, and so does itp-dev: falling back to
    /// the local engine would act on the wrong one.
    pub problem: Option<String>,
}

impl Endpoint {
    /// A unix socket is this machine's engine; tcp:// and ssh:// may be
    /// anywhere, so their paths and disk are not ours to check.
    pub fn is_local(&self) -> bool {
        self.host.starts_with("unix://")
    }
}

/// Where an endpoint's TLS files are, and whether the engine's certificate
/// is to be checked against `ca.pem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tls {
    pub dir: PathBuf,
    pub verify: bool,
}

pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

pub fn endpoint() -> Endpoint {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let config_dir = env("DOCKER_CONFIG")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".docker")));
    if let Some(host) = env("DOCKER_HOST") {
        // As the CLI: DOCKER_TLS_VERIFY set to anything turns checking on;
        // DOCKER_TLS alone encrypts without checking.
        let verify = env("DOCKER_TLS_VERIFY").is_some();
        let tls = (verify || env("DOCKER_TLS").is_some()).then(|| Tls {
            dir: env("DOCKER_CERT_PATH")
                .map(PathBuf::from)
                .or_else(|| config_dir.clone())
                .unwrap_or_default(),
            verify,
        });
        return Endpoint {
            host,
            source: "DOCKER_HOST".into(),
            tls,
            problem: None,
        };
    }
    let (name, from) = match env("DOCKER_CONTEXT") {
        Some(n) => (Some(n), "DOCKER_CONTEXT"),
        None => (
            config_dir
                .as_ref()
                .and_then(|d| current_context(&d.join("config.json"))),
            "the Docker CLI's current context",
        ),
    };
    let name = name.filter(|n| n != "default");
    if let Some(name) = &name
        && config_dir
            .as_ref()
            .and_then(|d| context_host(d, name))
            .is_none()
    {
        return Endpoint {
            host: format!("docker context {name}"),
            source: from.into(),
            tls: None,
            problem: Some(format!(
                "there is no Docker context `{name}` (named by {from})"
            )),
        };
    }
    if let (Some(name), Some(dir)) = (name, config_dir)
        && let Some((host, skip_verify)) = context_host(&dir, &name)
    {
        let tls_dir = dir
            .join("contexts/tls")
            .join(crate::plan::hash::hex_digest(name.as_bytes()))
            .join("docker");
        let tls = (tls_dir.is_dir() || skip_verify).then_some(Tls {
            dir: tls_dir,
            verify: !skip_verify,
        });
        return Endpoint {
            host,
            source: format!("Docker context `{name}` ({from})"),
            tls,
            problem: None,
        };
    }
    Endpoint {
        host: DEFAULT_HOST.into(),
        source: "the default socket".into(),
        tls: None,
        problem: None,
    }
}

fn current_context(config: &std::path::Path) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(config).ok()?).ok()?;
    v.get("currentContext")?.as_str().map(str::to_string)
}

/// The context store keeps each context under the SHA-256 of its name:
/// its `docker` endpoint's address, and whether TLS checking is skipped.
fn context_host(config_dir: &std::path::Path, name: &str) -> Option<(String, bool)> {
    let key = crate::plan::hash::hex_digest(name.as_bytes());
    let meta = config_dir.join("contexts/meta").join(key).join("meta.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
    let docker = v.pointer("/Endpoints/docker")?;
    let host = docker.get("Host")?.as_str()?.to_string();
    let skip = docker.get("SkipTLSVerify").and_then(|s| s.as_bool()) == Some(true);
    Some((host, skip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_is_found_by_its_name_in_the_store() {
        let d = tempfile::tempdir().unwrap();
        let key = crate::plan::hash::hex_digest(b"podman");
        let meta = d.path().join("contexts/meta").join(key);
        std::fs::create_dir_all(&meta).unwrap();
        std::fs::write(
            meta.join("meta.json"),
            r#"{"Name":"podman","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///run/podman.sock","SkipTLSVerify":false}}}"#,
        )
        .unwrap();
        std::fs::write(
            d.path().join("config.json"),
            r#"{"currentContext":"podman"}"#,
        )
        .unwrap();
        assert_eq!(
            current_context(&d.path().join("config.json")).as_deref(),
            Some("podman")
        );
        assert_eq!(
            context_host(d.path(), "podman"),
            Some(("unix:///run/podman.sock".to_string(), false))
        );
        assert_eq!(context_host(d.path(), "other"), None);
    }
}
