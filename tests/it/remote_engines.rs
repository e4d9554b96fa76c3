//! Engines that are not a local socket (issue 17): `DOCKER_HOST=ssh://` and
//! tcp:// with TLS, from the environment and from a Docker CLI context.
//!
//! The servers are real and on loopback: OpenSSH's sshd (with the real
//! `docker system dial-stdio` behind it, as on any remote Docker host) and
//! stunnel in front of the test engine's socket, requiring a client
//! certificate (dockerd's own `--tlsverify` does the same checks; stunnel
//! lets the test avoid restarting the shared engine). The engine behind both
//! is this machine's, so "remote" bind mounts happen to resolve here.
//! scripts/ensure-remote-tools.sh installs sshd, stunnel and openssl.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::common::{Project, Run, free_port, unique};

/// A server process, stopped when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("nothing listens on 127.0.0.1:{port}");
}

/// An sshd on a free loopback port that lets in one key, and the client
/// side a user would have: the key and a known_hosts file, given to the real
/// `ssh` through a config file. (A wrapper named `ssh` on PATH adds `-F`, so
/// root's own ~/.ssh is never written by a test.)
struct Ssh {
    dir: tempfile::TempDir,
    port: u16,
    _server: Server,
}

impl Drop for Ssh {
    /// The shared connections (ControlPersist) outlive a command by 60 s;
    /// their sockets are in this test's directory, which names them.
    fn drop(&mut self) {
        let _ = Command::new("pkill")
            .args(["-f", &self.dir.path().display().to_string()])
            .status();
    }
}

impl Ssh {
    fn start() -> Ssh {
        let dir = tempfile::Builder::new()
            .prefix("itp-ssh-")
            .tempdir()
            .unwrap();
        let d = dir.path();
        for key in ["host_key", "client_key"] {
            run(Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(d.join(key)));
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys")).unwrap();
        let port = free_port();
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n\
                 UsePAM no\nStrictModes no\nPidFile none\nAllowUsers root\n",
                d = d.display()
            ),
        )
        .unwrap();
        std::fs::create_dir_all("/run/sshd").unwrap();
        let server = Server(
            Command::new("/usr/sbin/sshd")
                .args(["-D", "-e", "-f"])
                .arg(d.join("sshd_config"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("/usr/sbin/sshd (scripts/ensure-remote-tools.sh installs it)"),
        );
        wait_for_port(port);
        std::fs::write(
            d.join("ssh_config"),
            format!(
                "Host *\n  UserKnownHostsFile {d}/known_hosts\n  StrictHostKeyChecking accept-new\n  IdentityFile {d}/client_key\n  IdentitiesOnly yes\n  BatchMode yes\n",
                d = d.display()
            ),
        )
        .unwrap();
        let bin = d.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let wrapper = bin.join("ssh");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nexec /usr/bin/ssh -F {}/ssh_config \"$@\"\n",
                d.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        Ssh {
            dir,
            port,
            _server: server,
        }
    }

    fn host(&self, user: &str) -> String {
        format!("ssh://{user}@127.0.0.1:{}", self.port)
    }

    fn run(&self, p: &Project, user: &str, args: &[&str]) -> Run {
        let path = format!(
            "{}:{}",
            self.dir.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let runtime = self.dir.path().display().to_string();
        p.run_env(
            args,
            &[
                ("DOCKER_HOST", &self.host(user)),
                ("PATH", &path),
                // Where the shared SSH connection's socket goes.
                ("XDG_RUNTIME_DIR", &runtime),
            ],
        )
    }
}

#[test]
fn up_health_exec_status_and_down_work_over_ssh() {
    let ssh = Ssh::start();
    let name = unique("ssh");
    let p = Project::new(&crate::common::engine_profile(&name));
    struct Down<'a>(&'a Ssh, &'a Project);
    impl Drop for Down<'_> {
        fn drop(&mut self) {
            let _ = self.0.run(self.1, "root", &["down", "--volumes", "--yes"]);
        }
    }
    let _down = Down(&ssh, &p);
    ssh.run(&p, "root", &["up"])
        .code(0)
        .shows(&["db healthy", "2 of 2 services running"]);
    crate::common::engine_basics(&|args| ssh.run(&p, "root", args));
    ssh.run(&p, "root", &["doctor"]).shows(&[
        &format!("at {} (from DOCKER_HOST)", ssh.host("root")),
        "a remote engine mounts paths of its own host",
    ]);
    // A user the server refuses: the engine is unreachable (3), and the hint
    // is the ssh command to try by hand.
    ssh.run(&p, "nobody", &["status"]).code(3).shows(&[
        "cannot reach the Docker engine",
        &format!("ssh -p {} nobody@127.0.0.1 docker version", ssh.port),
    ]);
    ssh.run(&p, "root", &["down"]).code(0);
    assert_eq!(
        crate::common::docker_ok(&[
            "ps",
            "-aq",
            "--filter",
            &format!("label=dev.itp.project={name}")
        ]),
        ""
    );
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate, in
/// the file names the Docker CLI uses.
fn certificates(dir: &Path, ca_name: &str) {
    let sh = format!(
        "set -e; cd '{d}'
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN={ca_name}
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1
        printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server.pem -days 2 -extfile server.ext
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out client.csr -subj /CN=client
        printf 'extendedKeyUsage=clientAuth\\n' > client.ext
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext",
        d = dir.display()
    );
    run(Command::new("sh").args(["-c", &sh]).stderr(Stdio::piped()));
}

/// stunnel on a free port: TLS that requires a client certificate signed by
/// the CA, then the test engine's socket.
fn tls_front(certs: &Path) -> (u16, Server) {
    let port = free_port();
    let conf = certs.join("stunnel.conf");
    std::fs::write(
        &conf,
        format!(
            "foreground = yes\npid =\n[docker]\naccept = 127.0.0.1:{port}\nconnect = /var/run/docker.sock\n\
             cert = {d}/server.pem\nkey = {d}/server-key.pem\nCAfile = {d}/ca.pem\nverifyChain = yes\nrequireCert = yes\n",
            d = certs.display()
        ),
    )
    .unwrap();
    let server = Server(
        Command::new("stunnel")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("stunnel (scripts/ensure-remote-tools.sh installs it)"),
    );
    wait_for_port(port);
    (port, server)
}

#[test]
fn a_tls_engine_is_reached_from_the_environment_and_from_a_docker_context() {
    let certs = tempfile::tempdir().unwrap();
    certificates(certs.path(), "itp-test-ca");
    let (port, _stunnel) = tls_front(certs.path());
    let host = format!("tcp://127.0.0.1:{port}");
    let cert_path = certs.path().display().to_string();
    let name = unique("tls");
    let p = Project::new(&crate::common::engine_profile(&name));
    let tls_env = [
        ("DOCKER_HOST", host.as_str()),
        ("DOCKER_TLS_VERIFY", "1"),
        ("DOCKER_CERT_PATH", cert_path.as_str()),
    ];
    struct Down<'a>(&'a Project, Vec<(String, String)>);
    impl Drop for Down<'_> {
        fn drop(&mut self) {
            let env: Vec<(&str, &str)> = self
                .1
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let _ = self.0.run_env(&["down", "--volumes", "--yes"], &env);
        }
    }
    let _down = Down(
        &p,
        tls_env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    p.run_env(&["up"], &tls_env)
        .code(0)
        .shows(&["2 of 2 services running"]);

    // Without TLS the engine's front hangs up: unreachable, and the hint
    // names the TLS variables.
    p.run_env(&["status"], &[("DOCKER_HOST", &host)])
        .code(3)
        .shows(&["DOCKER_TLS_VERIFY=1"]);
    // Certificates of another CA: refused, never used unchecked.
    let other = tempfile::tempdir().unwrap();
    certificates(other.path(), "another-ca");
    let other_path = other.path().display().to_string();
    p.run_env(
        &["status"],
        &[
            ("DOCKER_HOST", &host),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", &other_path),
        ],
    )
    .code(3)
    .shows(&["cannot reach the Docker engine"]);

    // A context made by the real Docker CLI, which copies the files into its
    // store; chosen by DOCKER_CONTEXT, then as the current context.
    let config = tempfile::tempdir().unwrap();
    let config_dir = config.path().display().to_string();
    let docker_cli = |args: &[&str]| {
        run(Command::new("docker")
            .args(args)
            .env_remove("DOCKER_HOST")
            .env("DOCKER_CONFIG", &config_dir));
    };
    let key = |f: &str| -> PathBuf { certs.path().join(f) };
    docker_cli(&[
        "context",
        "create",
        "remote-tls",
        "--docker",
        &format!(
            "host={host},ca={},cert={},key={}",
            key("ca.pem").display(),
            key("cert.pem").display(),
            key("key.pem").display()
        ),
    ]);
    p.run_env(
        &["--json", "status"],
        &[
            ("DOCKER_CONFIG", &config_dir),
            ("DOCKER_CONTEXT", "remote-tls"),
        ],
    )
    .code(0)
    .shows(&["\"healthy\""]);
    // A context that does not exist is refused, as the CLI refuses it:
    // falling back to the local engine would act on the wrong one.
    p.run_env(
        &["status"],
        &[
            ("DOCKER_CONFIG", &config_dir),
            ("DOCKER_CONTEXT", "remote-tsl"),
        ],
    )
    .code(3)
    .shows(&[
        "there is no Docker context `remote-tsl`",
        "docker context ls",
    ]);
    docker_cli(&["context", "use", "remote-tls"]);
    p.run_env(&["doctor"], &[("DOCKER_CONFIG", &config_dir)])
        .shows(&[&format!(
            "at {host} (from Docker context `remote-tls` (the Docker CLI's current context))"
        )]);
    p.run_env(&["down"], &[("DOCKER_CONFIG", &config_dir)])
        .code(0);
    // The current context removed behind our back: refused, not the local
    // engine.
    std::fs::write(
        config.path().join("config.json"),
        r#"{"currentContext":"ghost"}"#,
    )
    .unwrap();
    p.run_env(&["status"], &[("DOCKER_CONFIG", &config_dir)])
        .code(3)
        .shows(&["there is no Docker context `ghost`"]);
}
