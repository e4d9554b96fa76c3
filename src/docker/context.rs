//! Which engine to talk to, chosen as the `docker` CLI chooses it:
//! `DOCKER_HOST`; else the context named by `DOCKER_CONTEXT`, else the
//! `currentContext` of `~/.docker/config.json` (`DOCKER_CONFIG` moves that
//! directory), its `docker` endpoint read from the context store; else the
//! local socket. The context `default` is the local socket.

use std::path::PathBuf;

/// An engine address and why it was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub source: String,
}

pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

pub fn endpoint() -> Endpoint {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(host) = env("DOCKER_HOST") {
        return Endpoint {
            host,
            source: "DOCKER_HOST".into(),
        };
    }
    let config_dir = env("DOCKER_CONFIG")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".docker")));
    let (name, from) = match env("DOCKER_CONTEXT") {
        Some(n) => (Some(n), "DOCKER_CONTEXT"),
        None => (
            config_dir
                .as_ref()
                .and_then(|d| current_context(&d.join("config.json"))),
            "the Docker CLI's current context",
        ),
    };
    if let (Some(name), Some(dir)) = (name.filter(|n| n != "default"), config_dir)
        && let Some(host) = context_host(&dir, &name)
    {
        return Endpoint {
            host,
            source: format!("Docker context `{name}` ({from})"),
        };
    }
    Endpoint {
        host: DEFAULT_HOST.into(),
        source: "the default socket".into(),
    }
}

fn current_context(config: &std::path::Path) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(config).ok()?).ok()?;
    v.get("currentContext")?.as_str().map(str::to_string)
}

/// The context store keeps each context under the SHA-256 of its name.
fn context_host(config_dir: &std::path::Path, name: &str) -> Option<String> {
    let key = crate::plan::hash::hex_digest(name.as_bytes());
    let meta = config_dir.join("contexts/meta").join(key).join("meta.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
    v.pointer("/Endpoints/docker/Host")?
        .as_str()
        .map(str::to_string)
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
            context_host(d.path(), "podman").as_deref(),
            Some("unix:///run/podman.sock")
        );
        assert_eq!(context_host(d.path(), "other"), None);
    }
}
