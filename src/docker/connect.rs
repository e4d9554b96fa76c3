//! Connecting to the engine: `DOCKER_HOST` or the local socket, with the
//! API version negotiated (so an older engine, such as Debian's 20.10 with
//! API 1.41, is spoken to in its own version rather than refused).

use bollard::Docker;

/// The engine could not be reached: exit code 3, with what was tried.
#[derive(Debug, thiserror::Error)]
#[error("cannot reach the Docker engine at {endpoint}: {reason}")]
pub struct EngineError {
    pub endpoint: String,
    pub reason: String,
}

impl EngineError {
    pub fn hint(&self) -> String {
        let mut h = String::from(
            "start Docker (e.g. `sudo systemctl start docker`, or open Docker Desktop)",
        );
        if self.reason.contains("ermission denied") {
            h = "your user may not use the Docker socket: add it to the `docker` group (`sudo usermod -aG docker $USER`, then log in again)".into();
        }
        let chosen = super::context::endpoint();
        if chosen.problem.is_some() {
            return "`docker context ls` lists the contexts; `docker context use default` (or unsetting DOCKER_CONTEXT) goes back to the local engine".into();
        }
        if self.reason.contains("is not an address itp-dev can use")
            || self.reason.contains("ssh:// address")
            || self.reason.contains("is not a port number")
            || self.reason.contains("names no host")
        {
            return format!(
                "correct the engine's address ({}): unix:///var/run/docker.sock, tcp://HOST:2376 or ssh://USER@HOST[:PORT]",
                chosen.source
            );
        }
        let tls_failure = [
            "certificate",
            "Certificate",
            "UnknownIssuer",
            "alert",
            "TLS",
            ".pem",
        ]
        .iter()
        .any(|w| self.reason.contains(w));
        if tls_failure {
            return "put the engine's ca.pem and your cert.pem and key.pem in DOCKER_CERT_PATH (default ~/.docker) and set DOCKER_TLS_VERIFY=1, or use a context made by `docker context create --docker host=…,ca=…,cert=…,key=…`".into();
        }
        if chosen.host.starts_with("tcp://") && chosen.tls.is_none() {
            h.push_str("; if the engine speaks TLS (port 2376), set DOCKER_TLS_VERIFY=1 with its certificates in DOCKER_CERT_PATH");
        }
        if let Ok(target) = super::ssh::Target::parse(&chosen.host) {
            return format!(
                "check that `{}` logs in without a prompt and that `docker` runs there (itp-dev runs `docker system dial-stdio` on that host, as the docker CLI does)",
                target.login_command()
            );
        }
        if chosen.source != "the default socket" {
            let what = if chosen.source == "DOCKER_HOST" {
                "DOCKER_HOST is set".to_string()
            } else {
                format!("the address comes from {}", chosen.source)
            };
            h.push_str(&format!(
                "; {what}: check that it points at a running engine"
            ));
        } else {
            h.push_str("; or set DOCKER_HOST to the engine's address");
        }
        h
    }
}

/// The engine's address, as the `docker` CLI would choose it.
pub fn endpoint() -> String {
    super::context::endpoint().host
}

/// Connect, negotiate the API version, and check the engine answers.
pub async fn connect() -> Result<Docker, EngineError> {
    let chosen = super::context::endpoint();
    if let Some(problem) = &chosen.problem {
        return Err(EngineError {
            endpoint: chosen.host.clone(),
            reason: problem.clone(),
        });
    }
    let fail = |e: bollard::errors::Error| EngineError {
        endpoint: chosen.host.clone(),
        reason: describe(&e),
    };
    // On a unix socket the engine's API version comes from `/_ping`'s
    // header: one cheap round trip. bollard's negotiation asks `/version`,
    // which Podman answers in about 300 ms (it gathers system facts).
    if chosen.tls.is_none()
        && let Some(path) = chosen.host.strip_prefix("unix://")
        && let Some(v) = ping_api_version(path).await
    {
        // Never newer than bollard speaks.
        let v = if v > *bollard::API_DEFAULT_VERSION {
            *bollard::API_DEFAULT_VERSION
        } else {
            v
        };
        return Docker::connect_with_unix(path, 120, &v).map_err(fail);
    }
    let docker = transport(&chosen).map_err(|reason| EngineError {
        endpoint: chosen.host.clone(),
        reason,
    })?;
    // negotiate_version pings the engine, so one round trip both checks that
    // it answers and settles the version.
    let docker = docker.negotiate_version().await.map_err(fail)?;
    if ENGINE.get().is_none() {
        learn_engine(&docker).await;
    }
    Ok(docker)
}

/// A client for the chosen address: a unix socket, plain TCP, TLS (the
/// CLI's certificate files), or SSH, which runs `docker system dial-stdio`
/// on the remote host through the user's own `ssh` and its configuration,
/// as the `docker` CLI does.
fn transport(chosen: &super::context::Endpoint) -> Result<Docker, String> {
    let host = chosen.host.as_str();
    let version = bollard::API_DEFAULT_VERSION;
    let scheme = host.split_once("://").map_or("", |(s, _)| s);
    let made = match (&chosen.tls, scheme) {
        (Some(tls), "tcp" | "https") => {
            if !tls.verify {
                return Err(format!(
                    "TLS without checking the engine's certificate ({}) is not supported: give the engine's CA as ca.pem in {} and check it (DOCKER_TLS_VERIFY=1)",
                    chosen.source,
                    tls.dir.display()
                ));
            }
            let file = |name: &str| tls.dir.join(name);
            for name in ["ca.pem", "cert.pem", "key.pem"] {
                if !file(name).is_file() {
                    return Err(format!(
                        "{} is missing ({} asks for TLS)",
                        file(name).display(),
                        chosen.source
                    ));
                }
            }
            Docker::connect_with_ssl(
                host,
                &file("key.pem"),
                &file("cert.pem"),
                &file("ca.pem"),
                120,
                version,
            )
        }
        (None, "tcp" | "http") => Docker::connect_with_http(host, 120, version),
        (None, "unix") => Docker::connect_with_unix(&host["unix://".len()..], 120, version),
        (None, "ssh") => return super::ssh::connect(host, 120),
        _ => {
            return Err(format!(
                "`{host}` ({}) is not an address itp-dev can use: give unix://PATH, tcp://HOST:PORT (with TLS from DOCKER_TLS_VERIFY or the context) or ssh://USER@HOST",
                chosen.source
            ));
        }
    };
    made.map_err(|e| describe(&e))
}

/// On a remote engine the name comes from `/version` (Podman lists a
/// `Podman Engine` component); one more round trip, paid only off the local
/// socket, where `/_ping`'s header already told.
async fn learn_engine(docker: &Docker) {
    let Ok(v) = docker.version().await else {
        return;
    };
    let podman = v
        .components
        .iter()
        .flatten()
        .any(|c| c.name.contains("Podman"));
    let name = if podman { "Libpod" } else { "Docker" };
    let _ = ENGINE.set(format!("{name}/{}", v.version.unwrap_or_default()));
}

/// The engine's `Server` header (`Libpod/4.3.1 (linux)`,
/// `Docker/20.10.24 (linux)`), once a connection has pinged it.
static ENGINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The engine in words (`Podman 4.3.1`, `Docker 20.10.24`), when known.
pub fn engine() -> Option<String> {
    let server = ENGINE.get()?;
    let first = server.split_whitespace().next()?;
    let (name, version) = first.split_once('/')?;
    let name = if name == "Libpod" { "Podman" } else { name };
    Some(format!("{name} {version}"))
}

/// Whether the engine is Podman (which runs no healthchecks without
/// systemd, and lists no health in its container list).
pub fn is_podman() -> bool {
    engine().is_some_and(|e| e.starts_with("Podman"))
}

/// The `Api-Version` header of the engine's `/_ping` answer.
async fn ping_api_version(path: &str) -> Option<bollard::ClientVersion> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let exchange = async {
        let mut s = tokio::net::UnixStream::connect(path).await.ok()?;
        s.write_all(b"GET /_ping HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
            .await
            .ok()?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.ok()?;
        Some(String::from_utf8_lossy(&out).into_owned())
    };
    let text = tokio::time::timeout(std::time::Duration::from_secs(5), exchange)
        .await
        .ok()??;
    if !text.starts_with("HTTP/1.1 200") {
        return None;
    }
    let header = |name: &str| {
        text.lines().take_while(|l| !l.is_empty()).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    };
    // `Server: Libpod/4.3.1 (linux)` or `Server: Docker/20.10.24 (linux)`.
    if let Some(server) = header("server") {
        let _ = ENGINE.set(server);
    }
    let value = header("api-version")?;
    let (major, minor) = value.split_once('.')?;
    Some(bollard::ClientVersion {
        major_version: major.parse().ok()?,
        minor_version: minor.parse().ok()?,
    })
}

fn describe(e: &bollard::errors::Error) -> String {
    // bollard's errors nest the io error; show the innermost cause.
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    msg
}
