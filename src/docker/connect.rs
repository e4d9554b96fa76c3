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
        if std::env::var_os("DOCKER_HOST").is_some() {
            h.push_str("; DOCKER_HOST is set: check that it points at a running engine");
        } else {
            h.push_str("; or set DOCKER_HOST to the engine's address");
        }
        h
    }
}

pub fn endpoint() -> String {
    std::env::var("DOCKER_HOST").unwrap_or_else(|_| "unix:///var/run/docker.sock".into())
}

/// Connect, negotiate the API version, and check the engine answers.
pub async fn connect() -> Result<Docker, EngineError> {
    let fail = |e: bollard::errors::Error| EngineError {
        endpoint: endpoint(),
        reason: describe(&e),
    };
    let docker = Docker::connect_with_defaults().map_err(fail)?;
    // negotiate_version pings the engine, so one round trip both checks that
    // it answers and settles the version.
    docker.negotiate_version().await.map_err(fail)
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
