//! Scenario helpers: a profile in a temp directory, and the real binary run
//! against it with a clean, fixed environment.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Project {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert the output (stdout and stderr) contains each of `needles`.
    pub fn shows(&self, needles: &[&str]) -> &Self {
        let all = format!("{}{}", self.stdout, self.stderr);
        for n in needles {
            assert!(
                all.contains(n),
                "expected {n:?} in output:\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }

    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl Project {
    pub fn new(profile: &str) -> Self {
        let p = Project {
            dir: tempfile::Builder::new()
                .prefix("itp-test-")
                .tempdir()
                .unwrap(),
        };
        p.file("itp-dev.toml", profile);
        p
    }

    pub fn empty() -> Self {
        Project {
            dir: tempfile::Builder::new()
                .prefix("itp-test-")
                .tempdir()
                .unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, content: &str) -> &Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = command(self.dir.path());
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        finish(cmd)
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_itp-dev"))
}

pub fn command(cwd: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/home/tester")
        .env("USER", "tester")
        .env("ITP_DEV_STATE_DIR", state_dir());
    if let Some(host) = engine_host() {
        cmd.env("DOCKER_HOST", host);
    }
    cmd
}

/// The engine the tests run against: the default Docker engine, or the one
/// `ITP_DEV_TEST_ENGINE_HOST` names (scripts/test.sh runs the engine suites
/// a second time against Podman's socket with it).
pub fn engine_host() -> Option<String> {
    std::env::var("ITP_DEV_TEST_ENGINE_HOST")
        .ok()
        .filter(|h| !h.is_empty())
}

/// The unix socket of the engine under test.
pub fn engine_socket() -> String {
    match engine_host() {
        Some(h) => h.strip_prefix("unix://").unwrap_or(&h).to_string(),
        None => "/var/run/docker.sock".to_string(),
    }
}

/// The docker CLI, talking to the engine under test.
pub fn docker_cli() -> Command {
    let mut c = Command::new("docker");
    if let Some(host) = engine_host() {
        c.arg("-H").arg(host);
    }
    c
}

/// Where the binary keeps locks and hook records during tests: shared by
/// all tests (projects have unique names), so two runs of one project meet.
pub fn state_dir() -> PathBuf {
    std::env::temp_dir().join("itp-dev-test-state")
}

/// A TCP port nothing listens on right now, below the kernel's ephemeral
/// range (32768 and up here), where the engine and the kernel pick ports for
/// everyone else: a port handed out here is not given to a parallel test's
/// bare port or connection between this check and its use. Each call in a
/// process gets a different one, starting from a place set by the pid.
pub fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let base = 20_000 + (std::process::id() * 97) % 10_000;
    loop {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let port = (20_000 + (base + n * 7) % 12_000) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
            && std::net::TcpListener::bind(("0.0.0.0", port)).is_ok()
        {
            return port;
        }
    }
}

/// `docker inspect -f FORMAT NAME`, or "" when it does not exist.
pub fn inspect(name: &str, format: &str) -> String {
    docker(&["inspect", "-f", format, name]).1
}

/// Takes an environment down (volumes too) and removes the images built for
/// it when dropped, so a failing test leaves nothing behind.
pub struct Teardown {
    pub dir: PathBuf,
    pub project: String,
}

impl Drop for Teardown {
    fn drop(&mut self) {
        let _ = command(&self.dir)
            .args(["down", "--volumes", "--yes"])
            .output();
        let label = format!("label=dev.itp.project={}", self.project);
        let (_, ids) = docker(&["images", "-q", "--filter", &label]);
        for id in ids.split_whitespace() {
            let _ = docker(&["rmi", "-f", id]);
        }
    }
}

pub fn finish(mut cmd: Command) -> Run {
    let out = cmd.output().expect("the itp-dev binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The small image the Docker tests run (built by scripts/ensure-docker.sh).
pub const TEST_IMAGE: &str = "itp-test/busybox:2";

/// Run the docker CLI: (succeeded, trimmed stdout).
pub fn docker(args: &[&str]) -> (bool, String) {
    let out = docker_cli()
        .args(args)
        .output()
        .expect("docker CLI runs (scripts/ensure-docker.sh installs it)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    )
}

/// What `container` fetches from `url` (busybox wget), and whether it did.
///
/// On Podman this waits up to two minutes for an answer. Netavark before
/// 1.9 (Debian 12 has 1.4) lets the bridge take the lowest MAC of its
/// ports, so each container added to or removed from a network changes the
/// gateway's MAC; the other containers keep the old one in their ARP cache
/// and reach nothing at the gateway, aardvark-dns included, for 10 to 100 s
/// (containers/netavark#833). Measured here: a name stopped resolving for
/// 30 to 50 s after a container of the network restarted, while the host
/// got answers from the same server at once. Docker pins the bridge MAC,
/// so there the first answer counts.
pub fn fetch_in(container: &str, url: &str) -> (bool, String) {
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs(if engine_host().is_some() { 120 } else { 0 });
    loop {
        let got = docker(&[
            "exec", container, "timeout", "5", "wget", "-q", "-O", "-", url,
        ]);
        if got.0 || std::time::Instant::now() >= deadline {
            return got;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// Run the docker CLI and require success.
pub fn docker_ok(args: &[&str]) -> String {
    let (ok, out) = docker(args);
    assert!(ok, "docker {args:?} failed");
    out
}

/// A name no other test run uses.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}{}x{nanos}", std::process::id())
}

/// Removes the Docker objects it names when dropped, even when a test fails.
/// Kinds: "container", "network", "volume", "image".
pub struct Cleanup(pub Vec<(&'static str, String)>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for (kind, name) in &self.0 {
            let _ = match *kind {
                "container" => docker_cli().args(["rm", "-f", name]).output(),
                "image" => docker_cli().args(["rmi", "-f", name]).output(),
                k => docker_cli().args([k, "rm", name]).output(),
            };
        }
    }
}

/// A child process on a real pseudo-terminal: its own session with the PTY
/// as controlling terminal, as in a terminal emulator, so raw mode, window
/// size and SIGWINCH all behave for real.
pub struct Pty {
    pub master: std::fs::File,
    pub child: std::process::Child,
}

impl Pty {
    pub fn spawn(mut cmd: Command, rows: u16, cols: u16) -> Pty {
        use std::os::fd::{FromRawFd, OwnedFd};
        use std::os::unix::process::CommandExt;
        let (mut master, mut slave) = (0, 0);
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors we then own.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &ws,
            )
        };
        assert_eq!(rc, 0, "openpty");
        let slave = unsafe { OwnedFd::from_raw_fd(slave) };
        cmd.stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn on a pty");
        Pty {
            master: unsafe { std::fs::File::from_raw_fd(master) },
            child,
        }
    }

    pub fn send(&mut self, text: &str) {
        use std::io::Write;
        self.master.write_all(text.as_bytes()).unwrap();
    }

    /// Read until `needle` appears (or `secs` pass); returns what was read.
    pub fn expect(&mut self, needle: &str, secs: u64) -> String {
        use std::io::Read;
        use std::os::fd::AsRawFd;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        let mut out = Vec::new();
        let fd = self.master.as_raw_fd();
        while std::time::Instant::now() < deadline {
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            if unsafe { libc::poll(&mut pfd, 1, 100) } > 0 {
                let mut buf = [0u8; 4096];
                match self.master.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // Answer a cursor-position query (ESC[6n), as a
                        // terminal emulator does; line editors wait for it.
                        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                            self.send("\x1b[1;1R");
                        }
                        out.extend_from_slice(&buf[..n]);
                    }
                }
                if String::from_utf8_lossy(&out).contains(needle) {
                    break;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        use std::os::fd::AsRawFd;
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
    }
}

/// A project with a unique name (`version` and `name` prepended to `body`),
/// and the teardown that removes everything it made.
pub fn env(prefix: &str, body: &str) -> (Project, Teardown, String) {
    let project = unique(prefix);
    let p = Project::new(&format!("version = 1\nname = \"{project}\"\n{body}"));
    let t = Teardown {
        dir: p.path().to_path_buf(),
        project: project.clone(),
    };
    (p, t, project)
}

/// A service `name` serving HTTP on port 80 that turns healthy once up
/// (checked every 100 ms).
pub fn healthy_httpd(name: &str) -> String {
    format!(
        r#"
[services.{name}]
image = "{TEST_IMAGE}"
command = "mkdir -p /d; echo ok > /d/ok; httpd -f -p 80 -h /d"
healthcheck = {{ command = "wget -q -O /dev/null http://127.0.0.1/ok", interval = "100ms", retries = 50 }}
"#
    )
}

/// The binary run as an unprivileged user (uid 4321 when the tests run as
/// root) that may still use the Docker socket, in `dir` (made writable for
/// it). Returns the command and the uid it runs as.
pub fn unprivileged_command(dir: &Path) -> (Command, u32) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mut cmd = command(dir);
    if unsafe { libc::getuid() } != 0 {
        return (cmd, unsafe { libc::getuid() });
    }
    let uid = 4321;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let socket_gid = std::fs::metadata(engine_socket()).unwrap().gid();
    let inner = std::mem::replace(&mut cmd, Command::new("setpriv"));
    cmd.args([
        format!("--reuid={uid}"),
        format!("--regid={uid}"),
        format!("--groups={socket_gid}"),
    ])
    .arg(inner.get_program());
    for (k, v) in inner.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.current_dir(dir);
    let state = std::env::temp_dir().join(format!("itp-dev-test-state-{uid}"));
    std::fs::create_dir_all(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o777)).unwrap();
    cmd.env("ITP_DEV_STATE_DIR", &state);
    (cmd, uid)
}

/// A stand-in for an engine restart that leaves the real engine alone: the
/// binary talks to the engine through a Unix-socket proxy, which the test
/// kills (dropping every connection) and brings back a second later.
pub struct EngineProxy {
    path: std::path::PathBuf,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    conns: std::sync::Arc<std::sync::Mutex<Vec<std::os::unix::net::UnixStream>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Called by the proxy before it forwards a client's bytes that contain a
/// pattern (a request line such as `POST /v1.41/containers/create`): it may
/// signal the test, and sleep to hold the request back. The request is
/// forwarded afterwards even when the client is gone, as the engine would
/// go on with a request it already had.
pub type ProxyHook = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

impl EngineProxy {
    pub fn start(path: &std::path::Path) -> Self {
        Self::start_hooked(path, vec![], None)
    }

    pub fn start_hooked(
        path: &std::path::Path,
        patterns: Vec<&'static str>,
        hook: Option<ProxyHook>,
    ) -> Self {
        use std::os::unix::net::{UnixListener, UnixStream};
        use std::sync::atomic::Ordering;
        let _ = std::fs::remove_file(path);
        let listener = UnixListener::bind(path).unwrap();
        listener.set_nonblocking(true).unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let conns = std::sync::Arc::new(std::sync::Mutex::new(Vec::<UnixStream>::new()));
        let (s, c) = (stop.clone(), conns.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let engine = UnixStream::connect(engine_socket()).unwrap();
                        let (mut up_from, mut up_to) =
                            (client.try_clone().unwrap(), engine.try_clone().unwrap());
                        let (patterns, hook) = (patterns.clone(), hook.clone());
                        std::thread::spawn(move || {
                            use std::io::{Read, Write};
                            let mut buf = vec![0u8; 64 * 1024];
                            loop {
                                let n = match up_from.read(&mut buf) {
                                    Ok(0) | Err(_) => break,
                                    Ok(n) => n,
                                };
                                if let Some(h) = &hook {
                                    let text = String::from_utf8_lossy(&buf[..n]);
                                    if let Some(p) = patterns.iter().find(|p| text.contains(*p)) {
                                        h(p);
                                    }
                                }
                                if up_to.write_all(&buf[..n]).is_err() {
                                    break;
                                }
                            }
                            // Half-close only: the engine still answers what
                            // it was sent (to nobody, if the client died).
                            let _ = up_to.shutdown(std::net::Shutdown::Write);
                        });
                        let (mut down_from, mut down_to) =
                            (engine.try_clone().unwrap(), client.try_clone().unwrap());
                        std::thread::spawn(move || {
                            let _ = std::io::copy(&mut down_from, &mut down_to);
                            let _ = down_to.shutdown(std::net::Shutdown::Both);
                        });
                        c.lock().unwrap().extend([client, engine]);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
                }
            }
        });
        EngineProxy {
            path: path.to_path_buf(),
            stop,
            conns,
            thread: Some(thread),
        }
    }

    /// The engine "goes away": no listener, every connection cut.
    pub fn kill(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        self.thread.take().unwrap().join().unwrap();
        for c in self.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The profile `engine_basics` expects: `dev` waits for a healthy `db`,
/// which keeps a named volume.
pub fn engine_profile(name: &str) -> String {
    format!(
        r#"version = 1
name = "{name}"

[dev]
image = "{TEST_IMAGE}"
depends_on = {{ db = "healthy" }}

[services.db]
image = "{TEST_IMAGE}"
command = ["httpd", "-f", "-p", "5432", "-h", "/"]
volumes = ["data:/data"]
healthcheck = {{ command = "nc -w 1 127.0.0.1 5432 </dev/null", interval = "500ms" }}
"#
    )
}

/// What every engine must do once `up` has brought up a `dev` and a `db`
/// with a healthcheck (Docker, Podman, remote engines): the same warm `up`
/// changes nothing, `status --json` shows db healthy, and `exec` passes the
/// command's exit code and both streams through.
pub fn engine_basics(run: &dyn Fn(&[&str]) -> Run) {
    run(&["up", "--dry-run"]).code(0).shows(&["nothing to do"]);
    let status = run(&["--json", "status"]);
    status.code(0);
    let rows: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let db = rows["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "db")
        .unwrap_or_else(|| panic!("{}", status.stdout));
    assert_eq!(db["health"], "healthy", "{db}");
    let r = run(&[
        "exec",
        "dev",
        "--",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 7",
    ]);
    assert_eq!(
        (r.code, r.stdout.trim(), r.stderr.trim()),
        (7, "out", "err")
    );
}
