//! `up` against the real engine (started by scripts/ensure-docker.sh): cold
//! and warm runs, recreation, orphans, volumes, health waits, hooks, ports,
//! the project lock, Ctrl-C and the dry run. Every test uses its own project
//! name and takes everything down (volumes and built images too) when done.

use crate::common::{TEST_IMAGE as IMAGE, docker, docker_ok, env, free_port, inspect};

/// db: an httpd that is healthy once /data/ok is served; cache: started only;
/// dev: waits for db healthy, db's data in a named volume.
fn stack(cache_env: &str) -> String {
    format!(
        r#"
[dev]
image = "{IMAGE}"
depends_on = {{ db = "healthy", cache = "started" }}

[services.db]
image = "{IMAGE}"
command = "echo db booting; mkdir -p /data; echo ok > /data/ok; httpd -f -p 80 -h /data"
volumes = ["data:/data"]
healthcheck = {{ command = "wget -q -O /dev/null http://127.0.0.1/ok", interval = "100ms", retries = 50 }}

[services.cache]
image = "{IMAGE}"
command = "httpd -f -p 6379"
env = {{ MODE = "{cache_env}" }}
"#
    )
}

fn id(project: &str, service: &str) -> String {
    inspect(&format!("{project}-{service}"), "{{.Id}}")
}

#[test]
fn cold_up_then_warm_up_changes_nothing_then_a_changed_env_recreates_only_that_service() {
    let (p, _t, project) = env("up", &stack("a"));
    p.run(&["up"]).code(0).shows(&[
        &format!("created network {project}_default"),
        &format!("created volume {project}_data"),
        "created db",
        "db healthy",
        "created dev",
        "3 of 3 services running",
    ]);
    for s in ["db", "cache", "dev"] {
        assert_eq!(
            inspect(&format!("{project}-{s}"), "{{.State.Running}}"),
            "true",
            "{s}"
        );
    }
    // Service names resolve on the project network.
    let (ok, body) = crate::common::fetch_in(&format!("{project}-dev"), "http://db/ok");
    assert!(ok && body == "ok", "dev reaches db by name: {body}");

    let before: Vec<String> = ["db", "cache", "dev"]
        .iter()
        .map(|s| id(&project, s))
        .collect();
    let started = inspect(&format!("{project}-db"), "{{.State.StartedAt}}");
    let warm = p.run(&["up", "--json"]);
    warm.code(0);
    let events: Vec<serde_json::Value> = warm
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("NDJSON"))
        .collect();
    assert_eq!(
        events.len(),
        1,
        "a warm up does nothing but report: {events:?}"
    );
    assert_eq!(events[0]["event"], "up");
    assert_eq!(events[0]["changed"], false);
    let after: Vec<String> = ["db", "cache", "dev"]
        .iter()
        .map(|s| id(&project, s))
        .collect();
    assert_eq!(before, after, "no container was replaced");
    assert_eq!(
        started,
        inspect(&format!("{project}-db"), "{{.State.StartedAt}}"),
        "nor restarted"
    );

    p.file(
        "itp-dev.toml",
        &format!("version = 1\nname = \"{project}\"\n{}", stack("b")),
    );
    p.run(&["up", "--dry-run"])
        .code(0)
        .shows(&["recreate", "cache", "changed: env"]);
    p.run(&["up"]).code(0).shows(&["recreated cache"]);
    assert_ne!(id(&project, "cache"), before[1], "cache was recreated");
    assert_eq!(id(&project, "db"), before[0], "db was left alone");
    assert_eq!(id(&project, "dev"), before[2], "dev was left alone");
    let (_, mode) = docker(&[
        "exec",
        &format!("{project}-cache"),
        "sh",
        "-c",
        "echo $MODE",
    ]);
    assert_eq!(mode, "b");
}

#[test]
fn orphans_are_removed_and_volume_data_survives_down_and_up() {
    let (p, _t, project) = env("or", &stack("a"));
    p.run(&["up"]).code(0);
    docker_ok(&[
        "exec",
        &format!("{project}-db"),
        "sh",
        "-c",
        "echo precious > /data/keep",
    ]);

    // cache leaves the profile: its container goes, with a notice.
    let without_cache = stack("a")
        .replace("cache = \"started\"", "")
        .replace(", }", " }");
    let without_cache = without_cache
        .split("[services.cache]")
        .next()
        .unwrap()
        .to_string();
    p.file(
        "itp-dev.toml",
        &format!("version = 1\nname = \"{project}\"\n{without_cache}"),
    );
    p.run(&["up"]).code(0).shows(&[
        &format!("remove {project}-cache"),
        "no longer in the profile",
        &format!("removed {project}-cache"),
    ]);
    assert_eq!(inspect(&format!("{project}-cache"), "{{.Id}}"), "");

    p.run(&["down"]).code(0).shows(&["named volumes kept"]);
    p.run(&["up"]).code(0);
    let (_, data) = docker(&["exec", &format!("{project}-db"), "cat", "/data/keep"]);
    assert_eq!(data, "precious", "named volume data survives down + up");
}

#[test]
fn an_unhealthy_dependency_is_reported_with_its_log_and_its_dependent_not_started() {
    let (p, _t, project) = env(
        "hl",
        &format!(
            r#"
[services.bad]
image = "{IMAGE}"
command = "echo bad is booting; echo cannot open config >&2; sleep 600"
healthcheck = {{ command = "exit 1", interval = "100ms", retries = 2 }}

[services.app]
image = "{IMAGE}"
command = "sleep 600"
depends_on = {{ bad = "healthy" }}
"#
        ),
    );
    p.run(&["up"]).code(1).shows(&[
        "bad: is unhealthy",
        "bad is booting",
        "cannot open config",
        "itp-dev logs bad",
    ]);
    assert_eq!(
        inspect(&format!("{project}-app"), "{{.Id}}"),
        "",
        "app never started"
    );
}

#[test]
fn a_health_wait_is_bounded_by_timeout_and_success_is_reported() {
    let (p, _t, project) = env(
        "ht",
        &format!(
            r#"
[services.slow]
image = "{IMAGE}"
command = "echo slow is warming up; sleep 600"
healthcheck = {{ command = "exit 1", interval = "100ms", retries = 3, start_period = "60s" }}

[services.fast]
image = "{IMAGE}"
command = "sleep 600"
healthcheck = {{ command = "true", interval = "100ms" }}
"#
        ),
    );
    p.run(&["up", "--wait", "--timeout", "1s"]).code(1).shows(&[
        "slow: was not healthy within 1s",
        "slow is warming up",
        "fast healthy",
    ]);
    assert_eq!(
        inspect(&format!("{project}-fast"), "{{.State.Health.Status}}"),
        "healthy"
    );
}

#[test]
fn hooks_run_once_per_container_and_per_start_and_a_failure_keeps_the_container() {
    let body = |post: &str| {
        format!(
            r#"
[dev]
image = "{IMAGE}"
[dev.hooks]
on_create = ["echo creating; echo one >> /workspace/created.log"]
post_start = ["{post}"]
"#
        )
    };
    let (p, _t, project) = env("hk", &body("echo started >> /workspace/started.log"));
    let dev = format!("{project}-dev");
    p.run(&["up"]).code(0).shows(&[
        "dev on_create: echo creating",
        "dev | creating",
        "dev post_start",
    ]);
    p.run(&["up"]).code(0);
    let read = |f: &str| std::fs::read_to_string(p.path().join(f)).unwrap_or_default();
    assert_eq!(read("created.log"), "one\n", "on_create ran once");
    assert_eq!(read("started.log"), "started\n");

    // Started again by hand: post_start is due, on_create is not.
    docker_ok(&["restart", "-t", "1", &dev]);
    p.run(&["up"]).code(0);
    assert_eq!(read("created.log"), "one\n");
    assert_eq!(read("started.log"), "started\nstarted\n");

    // A failing hook: exit 1 with its code and output, the container kept.
    p.file(
        "itp-dev.toml",
        &format!(
            "version = 1\nname = \"{project}\"\n{}",
            body("echo boom >&2; exit 7")
        ),
    );
    docker_ok(&["restart", "-t", "1", &dev]);
    p.run(&["up"]).code(1).shows(&[
        "post_start hook `echo boom >&2; exit 7` failed with exit code 7",
        "boom",
        "kept for debugging",
    ]);
    assert_eq!(
        inspect(&dev, "{{.State.Running}}"),
        "true",
        "the container is kept"
    );
    // Fixed: the next up runs it again.
    p.file(
        "itp-dev.toml",
        &format!(
            "version = 1\nname = \"{project}\"\n{}",
            body("echo fixed >> /workspace/started.log")
        ),
    );
    p.run(&["up"]).code(0).shows(&["dev post_start"]);
    assert!(read("started.log").ends_with("fixed\n"));
}

#[test]
fn files_created_in_the_dev_container_belong_to_the_host_user() {
    let (p, _t, _project) = env(
        "uid",
        &format!(
            "[dev]\nimage = \"{IMAGE}\"\n[dev.hooks]\non_create = [\"touch /workspace/made-inside && id -u\"]\n"
        ),
    );
    use std::os::unix::fs::MetadataExt;
    // As root the UID check would prove nothing: an unprivileged user.
    let (mut cmd, uid) = crate::common::unprivileged_command(p.path());
    cmd.arg("up");
    crate::common::finish(cmd)
        .code(0)
        .shows(&[&format!("dev | {uid}")]);
    let meta = std::fs::metadata(p.path().join("made-inside")).expect("the hook created the file");
    assert_eq!(meta.uid(), uid, "owned by the host user, not root");
}

#[test]
fn a_busy_host_port_is_reported_before_anything_starts() {
    let port = free_port();
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let (p, _t, project) = env(
        "pt",
        &format!(
            "[services.web]\nimage = \"{IMAGE}\"\ncommand = \"httpd -f -p 80\"\nports = [\"{port}:80\"]\n"
        ),
    );
    p.run(&["up"]).code(1).shows(&[
        "host ports are in use; nothing was started",
        "--> itp-dev.toml:6:10",
        "this host port is taken",
        &format!("port 127.0.0.1:{port}->80/tcp of `web` is already in use by another program"),
    ]);
    assert_eq!(
        inspect(&format!("{project}_default"), "{{.Id}}"),
        "",
        "not even the network"
    );
    drop(listener);

    // Held by another itp-dev project: its name is given.
    p.run(&["up"]).code(0);
    let (q, _tq, _) = env(
        "pt",
        &format!(
            "[services.site]\nimage = \"{IMAGE}\"\ncommand = \"httpd -f -p 80\"\nports = [\"{port}:80\"]\n"
        ),
    );
    q.run(&["up"])
        .code(1)
        .shows(&[&format!("by service `web` of itp-dev project `{project}`")]);
}

#[test]
fn a_bare_port_gets_a_free_host_port_shown_by_status() {
    let (p, _t, _project) = env(
        "bp",
        &format!(
            "[services.web]\nimage = \"{IMAGE}\"\ncommand = \"httpd -f -p 80\"\nports = [\"80\"]\n"
        ),
    );
    p.run(&["up"]).code(0).shows(&["-> 80/tcp"]);
    let s = p.run(&["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&s.stdout).unwrap();
    let port = v["services"][0]["ports"][0]["host_port"].as_u64().unwrap();
    assert!(port > 0);
    assert_eq!(v["services"][0]["ports"][0]["host_ip"], "127.0.0.1");
}

#[test]
fn pull_from_the_local_registry_and_an_unknown_tag() {
    let (p, _t, project) = env(
        "pl",
        "[services.web]\nimage = \"127.0.0.1:5000/itp-test/busybox:2\"\npull = \"always\"\ncommand = \"sleep 600\"\n",
    );
    p.run(&["up"])
        .code(0)
        .shows(&["pulled 127.0.0.1:5000/itp-test/busybox:2"]);
    assert_eq!(
        inspect(&format!("{project}-web"), "{{.State.Running}}"),
        "true"
    );

    // A new image behind the same tag: `always` pulls it and the container
    // is recreated on it. (Locally the tag is put back on the old image, so
    // only the pull can bring the new one.)
    let moving = format!("127.0.0.1:5000/itp-test/{project}:1");
    let _gone = crate::common::Cleanup(vec![("image", moving.clone())]);
    docker_ok(&["tag", IMAGE, &moving]);
    docker_ok(&["push", &moving]);
    p.file(
        "itp-dev.toml",
        &format!("version = 1\nname = \"{project}\"\n[services.web]\nimage = \"{moving}\"\npull = \"always\"\ncommand = \"sleep 600\"\n"),
    );
    p.run(&["up"]).code(0).shows(&["recreated web"]);
    let old_image = inspect(&format!("{project}-web"), "{{.Image}}");
    let ctx = tempfile::tempdir().unwrap();
    std::fs::write(
        ctx.path().join("Dockerfile"),
        format!("FROM {IMAGE}\nLABEL version=2\n"),
    )
    .unwrap();
    docker_ok(&["build", "-q", "-t", &moving, ctx.path().to_str().unwrap()]);
    docker_ok(&["push", &moving]);
    docker_ok(&["tag", IMAGE, &moving]);
    p.run(&["up"]).code(0).shows(&[
        &format!("pulled {moving}"),
        "a newer image is present",
        "recreated web",
    ]);
    let new_image = inspect(&format!("{project}-web"), "{{.Image}}");
    assert_ne!(old_image, new_image);
    assert_eq!(inspect(&new_image, "{{.Config.Labels.version}}"), "2");

    let (q, _tq, _) = env(
        "pl",
        "[services.web]\nimage = \"127.0.0.1:5000/itp-test/busybox:no-such-tag\"\n",
    );
    q.run(&["up"]).code(1).shows(&[
        "pull of `127.0.0.1:5000/itp-test/busybox:no-such-tag` failed",
        "not found",
        "check the image name and tag",
    ]);
}

#[test]
fn builds_are_skipped_when_the_context_is_unchanged_and_respect_dockerignore() {
    let (p, _t, project) = env(
        "bd",
        "[services.app]\nbuild = \"app\"\ncommand = \"sleep 600\"\n",
    );
    p.file("app/Dockerfile", &format!("FROM {IMAGE}\nCOPY . /ctx\n"))
        .file("app/main.txt", "v1")
        .file("app/.dockerignore", "secret.env\nlogs\n")
        .file("app/secret.env", "TOKEN=x")
        .file("app/logs/today.log", "noise");
    p.run(&["up"])
        .code(0)
        .shows(&["build", "image not built yet", "created app"]);
    let app = format!("{project}-app");
    let (_, listing) = docker(&["exec", &app, "ls", "-a", "/ctx"]);
    assert!(listing.contains("main.txt"), "{listing}");
    assert!(
        !listing.contains("secret.env") && !listing.contains("logs"),
        ".dockerignore respected: {listing}"
    );

    // An ignored file changes: no build, nothing changes.
    p.file("app/logs/today.log", "more noise");
    let r = p.run(&["up"]);
    r.code(0).shows(&["up to date"]);
    assert!(!r.stderr.contains("build"), "{}", r.stderr);

    // A file that counts changes: rebuilt, and the container recreated.
    let before = id(&project, "app");
    p.file("app/main.txt", "v2");
    p.run(&["up"])
        .code(0)
        .shows(&["build context changed", "recreated app"]);
    assert_ne!(id(&project, "app"), before);
    let (_, v) = docker(&["exec", &app, "cat", "/ctx/main.txt"]);
    assert_eq!(v, "v2");
}

#[test]
fn a_failed_build_shows_the_failing_step_and_its_output() {
    let (p, _t, _project) = env("bf", "[services.app]\nbuild = \"app\"\n");
    p.file(
        "app/Dockerfile",
        &format!(
            "FROM {IMAGE}\nRUN echo compiling module x && echo 'error: x is broken' && false\n"
        ),
    );
    let r = p.run(&["up"]);
    r.code(1).shows(&[
        "build of `app` failed at step 2/",
        "RUN echo compiling module x",
        "error: x is broken",
    ]);
    // The engine's own words for the exit code: Docker's, or Podman's.
    assert!(
        r.stderr.contains("returned a non-zero code: 1") || r.stderr.contains("exit status 1"),
        "{}",
        r.stderr
    );
}

#[test]
fn engine_unreachable_exits_3_with_what_was_tried() {
    let (p, _t, _project) = env("ur", &format!("[services.a]\nimage = \"{IMAGE}\"\n"));
    p.run_env(
        &["up"],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    )
    .code(3)
    .shows(&["unix:///nonexistent/docker.sock", "DOCKER_HOST"]);
}

#[test]
fn two_concurrent_ups_take_turns_and_converge_once() {
    let (p, _t, project) = env(
        "cc",
        &format!(
            r#"
[dev]
image = "{IMAGE}"
depends_on = {{ db = "healthy" }}
[dev.hooks]
on_create = ["echo once >> /workspace/hook.log"]

[services.db]
image = "{IMAGE}"
command = "mkdir -p /d; echo ok > /d/ok; sleep 0.5; httpd -f -p 80 -h /d"
healthcheck = {{ command = "wget -q -O /dev/null http://127.0.0.1/ok", interval = "100ms", retries = 50 }}
"#
        ),
    );
    let spawn = || {
        crate::common::command(p.path())
            .arg("up")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let outs: Vec<_> = [a, b]
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let text: Vec<String> = outs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(outs.iter().all(|o| o.status.success()), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("waiting for another itp-dev run")),
        "the second run says it waits: {text:?}"
    );
    assert_eq!(
        text.iter().filter(|t| t.contains("created db")).count(),
        1,
        "one run created, the other found it done: {text:?}"
    );
    let (_, names) = docker(&[
        "ps",
        "-a",
        "--filter",
        &format!("label=dev.itp.project={project}"),
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(
        names.lines().count(),
        2,
        "one container per service: {names}"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("hook.log")).unwrap(),
        "once\n"
    );
}

#[test]
fn ctrl_c_during_up_exits_130_and_the_next_up_converges() {
    let (p, _t, project) = env(
        "ci",
        &format!(
            r#"
[services.slow]
image = "{IMAGE}"
command = "sleep 600"
healthcheck = {{ command = "test -e /tmp/ready", interval = "100ms", retries = 3, start_period = "60s" }}

[services.app]
image = "{IMAGE}"
command = "sleep 600"
depends_on = {{ slow = "healthy" }}
"#
        ),
    );
    let child = crate::common::command(p.path())
        .arg("up")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt while it waits for `slow`.
    let slow = format!("{project}-slow");
    for _ in 0..200 {
        if inspect(&slow, "{{.State.Running}}") == "true" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted") && err.contains("continues from where this stopped"),
        "{err}"
    );
    assert_eq!(inspect(&format!("{project}-app"), "{{.Id}}"), "");

    docker_ok(&[
        "exec",
        &slow,
        "sh",
        "-c",
        "mkdir -p /tmp && touch /tmp/ready",
    ]);
    p.run(&["up"])
        .code(0)
        .shows(&["created app", "2 of 2 services running"]);
}

#[test]
fn dry_run_lists_actions_with_reasons_and_changes_nothing() {
    let (p, _t, project) = env("dr", &stack("a"));
    p.run(&["up", "--dry-run"]).code(0).shows(&[
        "create network",
        "the project network does not exist",
        "create volume",
        "new named volume",
        "create         db",
        "new service",
    ]);
    assert_eq!(inspect(&format!("{project}_default"), "{{.Id}}"), "");
    assert_eq!(inspect(&format!("{project}-db"), "{{.Id}}"), "");
    let j = p.run(&["up", "--dry-run", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["converged"], false);
    assert_eq!(v["actions"][0]["action"], "create_network");
}

#[test]
fn build_args_target_and_a_dockerfile_outside_the_context() {
    let (p, _t, project) = env(
        "ba",
        r#"
[services.app]
build = { context = "src", dockerfile = "docker/app.Dockerfile", target = "dev", args = { GREETING = "hello" } }
command = "sleep 600"
"#,
    );
    p.file(
        "docker/app.Dockerfile",
        &format!(
            "FROM {IMAGE} AS base\nARG GREETING\nRUN echo \"$GREETING from base\" > /greeting\nFROM base AS dev\nRUN echo dev >> /greeting\nFROM base AS prod\nRUN echo prod >> /greeting\n"
        ),
    )
    .file("src/app.txt", "x");
    p.run(&["up"]).code(0).shows(&["created app"]);
    let (_, g) = docker(&["exec", &format!("{project}-app"), "cat", "/greeting"]);
    assert_eq!(
        g, "hello from base\ndev",
        "build arg passed, target `dev` built"
    );

    // A changed build arg is a changed input: rebuilt.
    let profile = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.file("itp-dev.toml", &profile.replace("hello", "howdy"));
    p.run(&["up"])
        .code(0)
        .shows(&["build context changed", "recreated app"]);
}

#[test]
fn pull_policy_never_refuses_a_missing_image_before_changing_anything() {
    let (p, _t, project) = env(
        "pn",
        "[services.web]\nimage = \"itp-test/not-here:1\"\npull = \"never\"\n",
    );
    p.run(&["up"]).code(1).shows(&[
        "image `itp-test/not-here:1` of `web` is not present and its pull policy is `never`",
    ]);
    assert_eq!(inspect(&format!("{project}_default"), "{{.Id}}"), "");
}

#[test]
fn on_a_terminal_pulls_and_actions_draw_progress() {
    let (p, _t, _project) = env(
        "tt",
        "[services.web]\nimage = \"127.0.0.1:5000/itp-test/busybox:2\"\npull = \"always\"\ncommand = \"sleep 600\"\n",
    );
    let mut cmd = crate::common::command(p.path());
    cmd.env("TERM", "xterm").arg("up");
    let mut pty = crate::common::Pty::spawn(cmd, 30, 100);
    let out = pty.expect("services running", 30);
    assert_eq!(pty.child.wait().unwrap().code(), Some(0), "{out}");
    assert!(
        out.contains("pull 127.0.0.1:5000/itp-test/busybox:2"),
        "a spinner line: {out}"
    );
    assert!(
        out.contains("\x1b["),
        "drawn with terminal control sequences"
    );
    assert!(
        out.contains("✓ pulled 127.0.0.1:5000/itp-test/busybox:2"),
        "{out}"
    );
}

#[test]
fn a_bind_mount_source_that_does_not_exist_yet_is_made_as_compose_makes_it() {
    let (p, _t, _project) = env(
        "bindsrc",
        &format!(
            "[services.app]\nimage = \"{IMAGE}\"\ncommand = \"echo hi > /cache/hello; sleep 1000\"\nvolumes = [\"./data/cache:/cache\"]\n"
        ),
    );
    // A warning, not an error: the profile is valid.
    p.run(&["validate"]).code(0).shows(&[
        "warning",
        "`./data/cache` does not exist yet",
        "itp-dev.toml:",
    ]);
    p.run(&["up"]).code(0).shows(&["created", "data/cache"]);
    assert!(p.path().join("data/cache").is_dir());
    let begun = std::time::Instant::now();
    while !p.path().join("data/cache/hello").exists() && begun.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        p.path().join("data/cache/hello").exists(),
        "the container writes into it"
    );
}

#[test]
fn an_alias_reaches_its_service_on_the_project_network() {
    // compose's network aliases and a container_name used as a hostname
    // become `aliases`: other containers reach the service by each.
    let (p, _t, _project) = env(
        "alias",
        &format!(
            "[services.search]\nimage = \"{IMAGE}\"\ncommand = [\"httpd\", \"-f\", \"-p\", \"9200\", \"-h\", \"/\"]\naliases = [\"es\", \"elastic\"]\n\n[services.client]\nimage = \"{IMAGE}\"\ncommand = [\"sleep\", \"1000\"]\ndepends_on = [\"search\"]\n"
        ),
    );
    p.run(&["up"]).code(0);
    for name in ["es", "elastic", "search"] {
        // httpd answers (404 for a directory): the name resolved and the
        // connection was made.
        let url = format!("http://{name}:9200/");
        p.run(&["exec", "client", "--", "wget", "-qO-", &url])
            .shows(&["404 Not Found"]);
        p.run(&["exec", "client", "--", "nslookup", "nosuch-alias"])
            .shows(&["can't find"]);
    }
}

#[test]
fn a_service_waits_for_a_task_to_complete_and_a_failed_task_stops_it() {
    // compose's `service_completed_successfully`: `app` starts only once
    // `migrate` has exited 0, so it sees what the task wrote.
    let (p, _t, project) = env(
        "completed",
        &format!(
            "[services.migrate]\nimage = \"{IMAGE}\"\ncommand = [\"sh\", \"-c\", \"sleep 1; echo done > /shared/migrated\"]\nvolumes = [\"shared:/shared\"]\nonce = true\n\n[services.app]\nimage = \"{IMAGE}\"\ncommand = [\"sh\", \"-c\", \"cat /shared/migrated; sleep 100000\"]\nvolumes = [\"shared:/shared\"]\ndepends_on = {{ migrate = \"completed\" }}\n"
        ),
    );
    p.run(&["up"])
        .code(0)
        .shows(&["app waits for migrate to be completed"]);
    p.run(&["logs", "app"]).shows(&["done"]);
    let _ = project;
    // A task that fails stops what waits for it.
    let text = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.file(
        "itp-dev.toml",
        &text.replace("sleep 1; echo done > /shared/migrated", "exit 4"),
    );
    p.run(&["up"])
        .code(1)
        .shows(&["migrate", "exited with code 4"]);
}

#[test]
fn a_task_still_running_from_a_killed_up_is_waited_for_by_the_next() {
    // `up` is killed while the task runs; the next `up` keeps the running
    // task and still waits for it to complete before starting `app`.
    let (p, t, _) = env(
        "k9task",
        &format!(
            "[services.migrate]\nimage = \"{IMAGE}\"\ncommand = [\"sh\", \"-c\", \"sleep 3; echo done > /shared/ok\"]\nvolumes = [\"shared:/shared\"]\nonce = true\n\n[services.app]\nimage = \"{IMAGE}\"\ncommand = [\"sh\", \"-c\", \"cat /shared/ok; sleep 100000\"]\nvolumes = [\"shared:/shared\"]\ndepends_on = {{ migrate = \"completed\" }}\n"
        ),
    );
    let mut first = crate::common::command(p.path())
        .arg("up")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let begun = std::time::Instant::now();
    while inspect(&format!("{}-migrate", t.project), "{{.State.Running}}") != "true"
        && begun.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    p.run(&["up"]).code(0);
    p.run(&["logs", "app"]).shows(&["done"]);
}
