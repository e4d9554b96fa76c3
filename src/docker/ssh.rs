//! `DOCKER_HOST=ssh://[user@]host[:port]`: each connection is the user's own
//! `ssh` running `docker system dial-stdio` on the remote host, the way the
//! `docker` CLI's connection helper does it, so `~/.ssh/config`, the agent
//! and known hosts apply unchanged.
//!
//! We do not use bollard's `ssh` feature: it hands the address to openssh
//! without its `ssh://` scheme, so a port in it is taken as part of the host
//! name (bollard 0.21.1).
//!
//! Unlike the CLI, the connections share one SSH connection that stays open
//! for 60 s after the last command (`ControlMaster`), so a warm `up` pays
//! the SSH handshake once a minute, not once per request.

use std::pin::Pin;
use std::task::{Context, Poll};

use bollard::Docker;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::process::{Child, ChildStdin, ChildStdout};

/// Where `ssh` is asked to reach, from `ssh://[user@]host[:port]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
}

impl Target {
    pub fn parse(address: &str) -> Result<Target, String> {
        let rest = address
            .strip_prefix("ssh://")
            .ok_or_else(|| format!("`{address}` is not an ssh:// address"))?;
        let rest = rest.trim_end_matches('/');
        if rest.contains('/') {
            return Err(format!(
                "`{address}`: an ssh:// address has no path (the remote `docker` finds its own engine)"
            ));
        }
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(u.to_string()), h),
            None => (None, rest),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            // `[::1]:22` has a port; `[::1]` has none.
            Some((h, p)) if !hostport.starts_with('[') || h.ends_with(']') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("`{address}`: `{p}` is not a port number"))?;
                (h, Some(port))
            }
            _ => (hostport, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.starts_with('-') {
            return Err(format!("`{address}` names no host"));
        }
        Ok(Target {
            user,
            host: host.to_string(),
            port,
        })
    }

    /// The plain `ssh` command that logs in as itp-dev does, to try by hand.
    pub fn login_command(&self) -> String {
        let port = self.port.map(|p| format!("-p {p} ")).unwrap_or_default();
        let user = self
            .user
            .as_ref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        format!("ssh {port}{user}{} docker version", self.host)
    }

    /// `ssh`'s arguments for one `dial-stdio` connection.
    pub fn args(&self) -> Vec<String> {
        let mut a: Vec<String> = vec![
            "-T".into(),
            "-o".into(),
            "ConnectTimeout=30".into(),
            "-o".into(),
            "ControlMaster=auto".into(),
            "-o".into(),
            format!("ControlPath={}", control_path()),
            "-o".into(),
            "ControlPersist=60".into(),
        ];
        if let Some(u) = &self.user {
            a.extend(["-l".into(), u.clone()]);
        }
        if let Some(p) = self.port {
            a.extend(["-p".into(), p.to_string()]);
        }
        a.extend([
            "--".into(),
            self.host.clone(),
            "docker".into(),
            "system".into(),
            "dial-stdio".into(),
        ]);
        a
    }
}

/// The shared connection's socket: in the user's runtime directory when
/// there is one (private to the user), else beside `~/.ssh`'s own files.
/// `%C` is ssh's hash of host, port and user, short enough for a socket path.
fn control_path() -> String {
    let dir = std::env::var("XDG_RUNTIME_DIR")
        .ok()
        .filter(|d| std::path::Path::new(d).is_dir())
        .or_else(|| {
            std::env::var("HOME")
                .ok()
                .map(|h| format!("{h}/.ssh"))
                .filter(|d| std::path::Path::new(d).is_dir())
        })
        .unwrap_or_else(|| "/tmp".into());
    format!("{dir}/itp-dev-ssh-%C")
}

pub fn connect(address: &str, timeout: u64) -> Result<Docker, String> {
    let target = Target::parse(address)?;
    let client = Client::builder(TokioExecutor::new()).build(Dialer { target });
    let client = std::sync::Arc::new(client);
    let transport = move |req: bollard::BollardRequest| {
        let client = client.clone();
        async move {
            client
                .request(req)
                .await
                .map_err(|e| bollard::errors::Error::IOError {
                    err: std::io::Error::other(e),
                })
        }
    };
    Docker::connect_with_custom_transport(
        transport,
        Some("http://remote-engine"),
        timeout,
        bollard::API_DEFAULT_VERSION,
    )
    .map_err(|e| e.to_string())
}

/// Opens a connection by starting `ssh … docker system dial-stdio`.
#[derive(Clone)]
struct Dialer {
    target: Target,
}

impl tower_service::Service<hyper::Uri> for Dialer {
    type Response = Pipe;
    type Error = std::io::Error;
    type Future = Pin<Box<dyn Future<Output = std::io::Result<Pipe>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: hyper::Uri) -> Self::Future {
        let args = self.target.args();
        Box::pin(async move {
            let mut child = tokio::process::Command::new("ssh")
                .args(&args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                // ssh's own complaints (host key, refused) go to the user.
                .stderr(std::process::Stdio::inherit())
                .kill_on_drop(true)
                .spawn()
                .map_err(|e| std::io::Error::other(format!("cannot start `ssh`: {e}")))?;
            let stdout = child.stdout.take().expect("piped");
            let stdin = child.stdin.take().expect("piped");
            Ok(Pipe {
                io: TokioIo::new(tokio::io::join(stdout, stdin)),
                _child: child,
            })
        })
    }
}

/// One connection: `ssh`'s stdout to read, its stdin to write. Dropping it
/// ends that `ssh`.
struct Pipe {
    io: TokioIo<tokio::io::Join<ChildStdout, ChildStdin>>,
    _child: Child,
}

impl Connection for Pipe {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl hyper::rt::Read for Pipe {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for Pipe {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gives_user_host_and_port() {
        let t = Target::parse("ssh://dev@build.example.com:2222").unwrap();
        assert_eq!(t.user.as_deref(), Some("dev"));
        assert_eq!(t.host, "build.example.com");
        assert_eq!(t.port, Some(2222));
        let t = Target::parse("ssh://host").unwrap();
        assert_eq!((t.user, t.port), (None, None));
        let t = Target::parse("ssh://me@[::1]:22").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", Some(22)));
        let args = Target::parse("ssh://me@h:7").unwrap().args();
        let tail = &args[args.len() - 9..];
        assert_eq!(
            tail,
            [
                "-l",
                "me",
                "-p",
                "7",
                "--",
                "h",
                "docker",
                "system",
                "dial-stdio"
            ]
        );
    }

    #[test]
    fn bad_addresses_are_named() {
        for bad in [
            "ssh://",
            "ssh://h:port",
            "ssh://h/var/run",
            "ssh://-oProxyCommand=x",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
