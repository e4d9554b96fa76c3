//! Living in the environment, against the real engine: `exec`, `shell`
//! (through a real pseudo-terminal), `logs`, `restart` and `build`
//! (pushing to the local registry on 127.0.0.1:5000).

use std::process::Stdio;
use std::time::Duration;

use crate::common::{Pty, TEST_IMAGE as IMAGE, docker, docker_ok, env, healthy_httpd, inspect};

/// A dev container and a chatty service that logs a boot line, then a
/// numbered line every 100 ms.
fn stack() -> String {
    format!(
        r#"
[dev]
image = "{IMAGE}"
workdir = "/workspace"

[services.talker]
image = "{IMAGE}"
command = "echo boot $(date +%s); i=0; while :; do i=$((i+1)); echo line $i; echo oops $i >&2; sleep 0.1; done"
"#
    )
}

#[test]
fn exec_passes_exit_codes_streams_and_stdin_and_explains_what_it_cannot_do() {
    let (p, _t, project) = env("ex", &stack());
    p.run(&["up"]).code(0);

    let r = p.run(&[
        "exec",
        "--",
        "sh",
        "-c",
        "echo to-out; echo to-err >&2; exit 5",
    ]);
    r.code(5);
    assert_eq!(r.stdout, "to-out\n", "stdout kept apart");
    assert!(r.stderr.contains("to-err") && !r.stdout.contains("to-err"));

    // In the repository, as the profile's workdir, by default.
    p.file("marker.txt", "from the host");
    p.run(&["exec", "--", "cat", "marker.txt"])
        .code(0)
        .shows(&["from the host"]);

    // stdin streamed through, and closed at its end.
    let mut child = crate::common::command(p.path())
        .args(["exec", "--", "sh", "-c", "wc -c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&vec![b'x'; 100_000]).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "100000");

    p.run(&["exec", "--", "no-such-command"]).code(127).shows(&[
        "executable file not found",
        "`no-such-command` was not found in `dev`",
    ]);
    // A command that ran and chose 127 is not blamed on `sh`.
    let own = p.run(&["exec", "--", "sh", "-c", "exit 127"]);
    own.code(127);
    assert!(!own.stderr.contains("was not found"), "{}", own.stderr);
    // A working directory that is not there is named, not the command.
    let cwd = p.run(&["exec", "-w", "/nonexistent", "--", "pwd"]);
    cwd.shows(&["working directory `/nonexistent` could not be entered"]);
    assert!(
        !cwd.stderr.contains("`pwd` was not found"),
        "{}",
        cwd.stderr
    );
    // `-e KEY` takes this shell's value, and an unset one is left out,
    // as `docker exec -e KEY` does.
    p.run_env(
        &[
            "exec",
            "-e",
            "FROM_HOST",
            "-e",
            "GIVEN=1",
            "-e",
            "UNSET_HERE",
            "--",
            "sh",
            "-c",
            "echo \"$FROM_HOST $GIVEN ${UNSET_HERE-unset}\"",
        ],
        &[("FROM_HOST", "host value")],
    )
    .code(0)
    .shows(&["host value 1 unset"]);
    p.run(&["exec", "talkr", "--", "true"])
        .code(2)
        .shows(&["no service named `talkr`", "did you mean `talker`?"]);

    docker_ok(&["stop", "-t", "1", &format!("{project}-talker")]);
    p.run(&["exec", "talker", "--", "true"])
        .code(1)
        .shows(&["service `talker` is not running", "itp-dev up"]);
}

#[test]
fn shell_is_a_real_terminal_with_the_window_size_and_the_exit_code() {
    let (p, _t, _project) = env("sh", &stack());
    p.run(&["up"]).code(0);
    let mut cmd = crate::common::command(p.path());
    cmd.env("TERM", "xterm").arg("shell");
    let mut pty = Pty::spawn(cmd, 40, 100);
    // Type once the shell's prompt is there, as a person would.
    let prompt = pty.expect("# ", 15);
    assert!(
        prompt.contains("/workspace"),
        "starts in the workdir: {prompt}"
    );
    pty.send("stty size; echo sum=$((6*7))\n");
    let out = pty.expect("sum=42", 10);
    assert!(out.contains("40 100"), "window size forwarded: {out}");
    assert!(out.contains("sum=42"), "typed input ran: {out}");
    pty.resize(50, 120);
    std::thread::sleep(Duration::from_millis(300));
    pty.send("stty size\n");
    let out = pty.expect("50 120", 10);
    assert!(out.contains("50 120"), "resize forwarded: {out}");
    // Ctrl-C goes to the container's terminal: it interrupts `sleep`, not itp-dev.
    pty.send("sleep 30\n");
    std::thread::sleep(Duration::from_millis(500));
    pty.send("\x03");
    pty.send("echo after-interrupt\n");
    let out = pty.expect("after-interrupt\r\n", 10);
    assert!(out.contains("after-interrupt"), "{out}");
    pty.send("exit 3\n");
    let status = pty.child.wait().unwrap();
    assert_eq!(status.code(), Some(3));
}

#[test]
fn shell_without_a_terminal_or_with_no_up_says_what_to_do() {
    let (p, _t, _project) = env("sn", &stack());
    p.run(&["shell"])
        .code(2)
        .shows(&["needs a terminal", "itp-dev exec"]);
    let mut cmd = crate::common::command(p.path());
    cmd.args(["shell", "--no-up"]);
    let mut pty = Pty::spawn(cmd, 24, 80);
    let out = pty.expect("itp-dev up", 15);
    assert!(out.contains("service `dev` is not running"), "{out}");
    assert_eq!(pty.child.wait().unwrap().code(), Some(1));
    // Without --no-up, the environment comes up first.
    let mut cmd = crate::common::command(p.path());
    cmd.arg("shell");
    let mut pty = Pty::spawn(cmd, 24, 80);
    let out = pty.expect("# ", 30);
    assert!(out.contains("bringing it up first"), "{out}");
    pty.send("exit\n");
    assert_eq!(pty.child.wait().unwrap().code(), Some(0));
}

#[test]
fn logs_prefix_align_merge_tail_and_json() {
    let (p, _t, _project) = env(
        "lg",
        &format!(
            "{}\n[services.b]\nimage = \"{IMAGE}\"\ncommand = \"echo hello from b; printf 'bin\\\\000\\\\377\\\\n'; sleep 600\"\n",
            stack()
        ),
    );
    p.run(&["up"]).code(0);
    std::thread::sleep(Duration::from_millis(700));
    let r = p.run(&["logs", "--tail", "2", "talker", "b"]);
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // --tail counts lines per container, stdout and stderr together.
    assert_eq!(lines.len(), 4, "2 of talker and 2 of b: {}", r.stdout);
    assert!(
        lines.iter().any(|l| l.starts_with("b      | hello from b")),
        "aligned prefix: {}",
        r.stdout
    );
    assert!(lines.iter().any(|l| l.starts_with("talker | line ")));
    assert!(
        lines.iter().any(|l| l.starts_with("talker | oops ")),
        "stderr too"
    );
    assert!(
        r.stdout.contains("bin"),
        "binary output shown lossily: {:?}",
        r.stdout
    );
    assert!(!r.stdout.contains("\x1b["), "no colour in a pipe");

    let j = p.run(&["--json", "logs", "--tail", "1", "b"]);
    let v: serde_json::Value = serde_json::from_str(j.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["event"], "log");
    assert_eq!(v["service"], "b");
    assert_eq!(v["stream"], "stdout");
    assert!(v["ts"].as_str().unwrap().contains('T'));

    p.run(&["logs", "nope"])
        .code(2)
        .shows(&["no service named `nope`"]);
}

#[test]
fn logs_follow_survives_restart_and_recreation_and_ends_on_ctrl_c() {
    if crate::common::engine_host().is_some() {
        // Podman 4.3's log timestamps have whole seconds and its `since`
        // is loose, so a follow across a restart is not exact there
        // (docs/engines.md).
        eprintln!("skipped: not exact on Podman");
        return;
    }
    let (p, _t, project) = env("lf", &stack());
    p.run(&["up"]).code(0);
    let talker = format!("{project}-talker");
    let out_path = p.path().join("follow.out");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut follow = crate::common::command(p.path())
        .args(["logs", "-f", "--tail", "1", "talker"])
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = || std::fs::read_to_string(&out_path).unwrap_or_default();
    let wait_for = |f: &dyn Fn(&str) -> bool, what: &str| {
        for _ in 0..100 {
            if f(&read()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{what}: {}", read());
    };
    wait_for(&|t| t.contains("line "), "follows");
    docker_ok(&["restart", "-t", "1", &talker]);
    wait_for(
        &|t| t.matches("boot ").count() >= 1,
        "a boot line after restart",
    );
    // Recreated under the same name (a changed env recreates it).
    let profile = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.file(
        "itp-dev.toml",
        &profile.replace(
            "[services.talker]",
            "[services.talker]\nenv = { V = \"2\" }",
        ),
    );
    p.run(&["up"]).code(0).shows(&["recreated talker"]);
    wait_for(
        &|t| t.matches("boot ").count() >= 2,
        "a boot line after recreation",
    );
    let lines = read();
    let n_before = lines.lines().count();
    std::thread::sleep(Duration::from_millis(500));
    assert!(read().lines().count() > n_before, "still following");
    unsafe { libc::kill(follow.id() as i32, libc::SIGINT) };
    let status = follow.wait().unwrap();
    assert_eq!(status.code(), Some(0), "Ctrl-C ends a follow cleanly");
    // No line shown twice across the reconnections: within each boot, the
    // numbered lines only go up (boot lines themselves may repeat: the
    // image's `date` has whole seconds only).
    let mut last = 0u64;
    for l in read().lines() {
        if l.contains("boot ") {
            last = 0;
        } else if let Some(n) = l
            .split("line ")
            .nth(1)
            .and_then(|n| n.trim().parse::<u64>().ok())
        {
            assert!(n > last, "line {n} after line {last}: replayed");
            last = n;
        }
    }
}

#[test]
fn restart_restarts_in_order_and_waits_for_health() {
    let (p, _t, project) = env(
        "rs",
        &format!(
            r#"
[dev]
image = "{IMAGE}"
depends_on = {{ db = "healthy" }}
[dev.hooks]
post_start = ["echo started >> /workspace/starts.log"]
{}"#,
            healthy_httpd("db")
        ),
    );
    p.run(&["up"]).code(0);
    let before = inspect(&format!("{project}-db"), "{{.State.StartedAt}}");
    p.run(&["restart"]).code(0).shows(&[
        "started db",
        "db healthy",
        "started dev",
        "restarted db, dev",
    ]);
    assert_ne!(
        before,
        inspect(&format!("{project}-db"), "{{.State.StartedAt}}")
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("starts.log")).unwrap(),
        "started\nstarted\n",
        "post_start ran again"
    );
    p.run(&["restart", "dbx"])
        .code(2)
        .shows(&["did you mean `db`?"]);
}

#[test]
fn build_without_starting_then_push_by_content_hash() {
    let (p, _t, project) = env(
        "bu",
        r#"
[services.app]
build = "app"

[kubernetes]
registry = "127.0.0.1:5000/itp-test"
"#,
    );
    p.file("app/Dockerfile", &format!("FROM {IMAGE}\nCOPY . /ctx\n"))
        .file("app/a.txt", "1");
    p.run(&["build"]).code(0).shows(&["built"]);
    assert_eq!(
        inspect(&format!("{project}-app"), "{{.Id}}"),
        "",
        "nothing started"
    );
    p.run(&["build"])
        .code(0)
        .shows(&["app: up to date (build context unchanged)"]);
    p.run(&["build", "--no-cache"])
        .code(0)
        .shows(&["--no-cache", "built"]);

    let r = p.run(&["build", "--push"]);
    r.code(0);
    let pushed = r.stdout.trim();
    let (reference, digest) = pushed.split_once('@').expect("reference@digest on stdout");
    assert!(reference.starts_with(&format!("127.0.0.1:5000/itp-test/{project}-app:")));
    assert!(digest.starts_with("sha256:"));
    let tag = reference.rsplit(':').next().unwrap();
    assert_eq!(tag.len(), 12, "tagged by content hash");
    // The registry has it: pulled back by digest.
    let by_digest = format!("{}@{digest}", reference.rsplit_once(':').unwrap().0);
    docker_ok(&["rmi", reference]);
    docker_ok(&["pull", "-q", &by_digest]);
    let _ = docker(&["rmi", &by_digest]);

    p.run(&["build", "nope"])
        .code(2)
        .shows(&["no service named `nope`"]);
}

#[test]
fn push_to_a_registry_that_is_down_is_a_clear_error() {
    let (p, _t, _project) = env(
        "pd",
        r#"
[services.app]
build = "app"

[kubernetes]
registry = "127.0.0.1:5999/nobody-home"
"#,
    );
    p.file("app/Dockerfile", &format!("FROM {IMAGE}\n"));
    p.run(&["build", "--push"]).code(1).shows(&[
        "push of `127.0.0.1:5999/nobody-home/",
        "connection refused",
        "check that the registry `127.0.0.1:5999/nobody-home` is running",
    ]);
    let (q, _tq, _) = env("pn", "[services.app]\nbuild = \"app\"\n");
    q.file("app/Dockerfile", &format!("FROM {IMAGE}\n"));
    q.run(&["build", "--push"])
        .code(2)
        .shows(&["`--push` needs a registry"]);
}

#[test]
fn logs_follow_reconnects_after_the_engine_goes_away_and_comes_back() {
    let (p, _t, _project) = env("le", &stack());
    p.run(&["up"]).code(0);
    let sock = p.path().join("engine.sock");
    let proxy = crate::common::EngineProxy::start(&sock);
    let out_path = p.path().join("follow.out");
    let mut follow = crate::common::command(p.path())
        .env("DOCKER_HOST", format!("unix://{}", sock.display()))
        .args(["logs", "-f", "--tail", "1", "talker"])
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let count = || {
        std::fs::read_to_string(&out_path)
            .unwrap_or_default()
            .lines()
            .count()
    };
    let wait_more = |than: usize, what: &str| {
        for _ in 0..100 {
            if count() > than {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{what}");
    };
    wait_more(2, "follows through the proxy");
    proxy.kill();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        follow.try_wait().unwrap().is_none(),
        "still running while the engine is away"
    );
    let during = count();
    let _back = crate::common::EngineProxy::start(&sock);
    wait_more(during + 3, "lines again after the engine came back");
    unsafe { libc::kill(follow.id() as i32, libc::SIGINT) };
    assert_eq!(follow.wait().unwrap().code(), Some(0));
    let text = std::fs::read_to_string(&out_path).unwrap();
    let numbers: Vec<u64> = text
        .lines()
        .filter_map(|l| l.split("line ").nth(1)?.trim().parse().ok())
        .collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "no line twice, in order: {numbers:?}"
    );
}
