//! `watch` against the real engine: syncing (create, change, delete, nested
//! directories), edits made while it was off, a 5,000-file burst and a
//! 100 MB file verified by content hash inside the container, unreadable
//! files, symlink loops, files gone before the sync, a stopped container,
//! an invalid profile mid-watch, and the restart/run/rebuild actions.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TEST_IMAGE as IMAGE, docker, docker_ok, env, inspect};

/// An `app` service whose /srv mirrors ./src.
fn profile(extra: &str) -> String {
    format!(
        r#"
[services.app]
image = "{IMAGE}"
command = "mkdir -p /srv; sleep 100000"

[[watch]]
paths = ["src/**"]
ignore = ["**/*.tmp"]
action = "sync"
service = "app"
target = "/srv"
{extra}"#
    )
}

/// The watcher, with `--json` events in a file; stopped with Ctrl-C.
struct Watcher {
    child: Child,
    out: PathBuf,
}

impl Watcher {
    fn start(dir: &Path) -> Self {
        Self::start_cmd(crate::common::command(dir), dir)
    }

    fn start_cmd(mut cmd: std::process::Command, dir: &Path) -> Self {
        let out = dir.join(format!("watch-{}.ndjson", crate::common::unique("w")));
        let child = cmd
            .args(["--json", "watch"])
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(out.with_extension("err")).unwrap())
            .spawn()
            .unwrap();
        let w = Watcher { child, out };
        w.wait_for(
            |e| e["event"] == "info" && e["message"].as_str().unwrap_or("").starts_with("watching"),
            "the watch to start",
        );
        w
    }

    fn events(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// Waits for an event of `kind` (`info`, `warning`) whose message
    /// contains `text`.
    fn said(&self, kind: &str, text: &str) -> serde_json::Value {
        self.wait_for(
            |e| e["event"] == kind && e["message"].as_str().unwrap_or("").contains(text),
            &format!("a {kind} saying {text:?}"),
        )
    }

    fn wait_for(&self, f: impl Fn(&serde_json::Value) -> bool, what: &str) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(e) = self.events().into_iter().find(|e| f(e)) {
                return e;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no event for {what}: {:?}", self.events());
    }

    fn stop(mut self) -> String {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let status = self.child.wait().unwrap();
        let err = std::fs::read_to_string(self.out.with_extension("err")).unwrap_or_default();
        assert_eq!(status.code(), Some(0), "Ctrl-C ends watch cleanly: {err}");
        err
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Polls `sh -c SCRIPT` in the container until its output is `want`.
fn eventually(container: &str, script: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = String::new();
    while Instant::now() < deadline {
        last = docker(&["exec", container, "sh", "-c", script]).1;
        if last == want {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("`{script}` in {container}: wanted {want:?}, last saw {last:?}");
}

/// sha256 of every file's path and content under `dir`, as the container
/// computes it for `/srv` (same command on both sides: busybox's find/sort).
fn tree_hash_local(dir: &Path) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("cd \"$1\" && find . -type f | sort | xargs -r sha256sum | sha256sum")
        .arg("sh")
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

const TREE_HASH: &str = "cd /srv && find . -type f | sort | xargs -r sha256sum | sha256sum";

#[test]
fn sync_creates_changes_and_deletes_and_picks_up_edits_made_while_off() {
    let (p, _t, project) = env("ws", &profile(""));
    let app = format!("{project}-app");
    // Made before the watcher runs: picked up by the first rescan.
    p.file("src/before.txt", "early")
        .file("src/junk.tmp", "ignored");
    p.run(&["up"]).code(0);
    // Written there by hand: not itp-dev's, so never deleted (issue 12).
    docker_ok(&[
        "exec",
        &app,
        "sh",
        "-c",
        "echo mine > /srv/hand-written.txt",
    ]);
    let w = Watcher::start(p.path());
    eventually(&app, "cat /srv/before.txt", "early");
    eventually(
        &app,
        "ls /srv | tr '\\n' ' '",
        "before.txt hand-written.txt",
    );
    w.said(
        "info",
        "1 file in `/srv` of `app` was not synced by itp-dev; left alone",
    );

    p.file("src/a/b/c.txt", "deep");
    eventually(&app, "cat /srv/a/b/c.txt", "deep");
    p.file("src/a/b/c.txt", "changed");
    eventually(&app, "cat /srv/a/b/c.txt", "changed");
    std::fs::remove_file(p.path().join("src/a/b/c.txt")).unwrap();
    eventually(
        &app,
        "test -e /srv/a/b/c.txt && echo there || echo gone",
        "gone",
    );
    p.file("src/x.tmp", "ignored by the rule");
    p.file("src/marker", "m");
    eventually(&app, "cat /srv/marker", "m");
    eventually(&app, "test -e /srv/x.tmp && echo there || echo no", "no");

    let batch = w.wait_for(|e| e["event"] == "batch" && e["rescan"] == false, "a batch");
    assert_eq!(batch["action"], "sync");
    assert!(batch["latency_ms"].as_u64().unwrap() < 5000);
    w.stop();

    // Deleted here while nobody watched: a file itp-dev synced goes at the
    // next start; the hand-written one still stays.
    std::fs::remove_file(p.path().join("src/marker")).unwrap();
    let w = Watcher::start(p.path());
    eventually(
        &app,
        "ls /srv | tr '\\n' ' '",
        "before.txt hand-written.txt",
    );
    assert_eq!(
        docker(&["exec", &app, "cat", "/srv/hand-written.txt"]).1,
        "mine"
    );
    w.stop();
}

/// Issue 12: a sync target that is a host directory (bind mount) or a part
/// of the repository holds files itp-dev never synced. The rescan on start
/// deleted them ("1 sent, 2 removed (rescan)"); now it leaves them alone,
/// and a local deletion removes only what itp-dev put there.
#[test]
fn files_in_a_sync_target_that_itp_dev_did_not_sync_are_never_deleted() {
    let host = tempfile::tempdir().unwrap();
    std::fs::write(host.path().join("keep-1.txt"), "host file").unwrap();
    std::fs::create_dir(host.path().join("sub")).unwrap();
    std::fs::write(host.path().join("sub/keep-2.txt"), "host file").unwrap();
    let (p, _t, project) = env(
        "wk",
        &format!(
            r#"
[services.app]
image = "{IMAGE}"
command = "sleep 100000"
volumes = ["{}:/data"]

[dev]
image = "{IMAGE}"

[[watch]]
paths = ["src/**"]
action = "sync"
service = "app"
target = "/data"

[[watch]]
paths = ["site/**"]
action = "sync"
service = "dev"
target = "/workspace/public"
"#,
            host.path().display()
        ),
    );
    let app = format!("{project}-app");
    p.file("src/new.txt", "from the repo")
        .file("site/index.html", "<h1>hi</h1>")
        .file("public/hand-written.html", "kept");
    // The host directory is outside the project: approved, as a user would.
    p.run(&["trust"]).code(0).shows(&["approved"]);
    p.run(&["up"]).code(0);
    let w = Watcher::start(p.path());
    eventually(&app, "cat /data/new.txt", "from the repo");
    eventually(
        &format!("{project}-dev"),
        "cat /workspace/public/index.html",
        "<h1>hi</h1>",
    );
    let host_files = || {
        let mut v: Vec<String> = ["keep-1.txt", "sub/keep-2.txt", "new.txt"]
            .iter()
            .filter(|f| host.path().join(f).exists())
            .map(|f| f.to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(host_files(), ["keep-1.txt", "new.txt", "sub/keep-2.txt"]);
    assert_eq!(
        std::fs::read_to_string(p.path().join("public/hand-written.html")).unwrap(),
        "kept"
    );

    // A deleted directory here removes only the files itp-dev synced below it.
    p.file("src/sub/mine.txt", "synced");
    eventually(&app, "cat /data/sub/mine.txt", "synced");
    std::fs::remove_dir_all(p.path().join("src/sub")).unwrap();
    eventually(
        &app,
        "test -e /data/sub/mine.txt && echo there || echo gone",
        "gone",
    );
    std::fs::remove_file(p.path().join("src/new.txt")).unwrap();
    eventually(
        &app,
        "test -e /data/new.txt && echo there || echo gone",
        "gone",
    );
    assert_eq!(host_files(), ["keep-1.txt", "sub/keep-2.txt"]);

    // A local file named like a host file or directory that is not
    // itp-dev's is not synced over it (found by a tester: a file `src/sub`
    // replaced the host directory `sub/` and everything in it).
    p.file("src/sub", "a file now")
        .file("src/keep-1.txt", "local");
    p.file("src/other.txt", "synced");
    eventually(&app, "cat /data/other.txt", "synced");
    assert_eq!(
        std::fs::read_to_string(host.path().join("keep-1.txt")).unwrap(),
        "host file"
    );
    assert_eq!(
        std::fs::read_to_string(host.path().join("sub/keep-2.txt")).unwrap(),
        "host file"
    );
    w.said("warning", "`/data/sub` is on the host");
    w.stop();

    // And a restart of the watch (a rescan) touches none of them either.
    let w = Watcher::start(p.path());
    w.stop();
    assert_eq!(host_files(), ["keep-1.txt", "sub/keep-2.txt"]);
    assert!(p.path().join("public/hand-written.html").exists());
}

/// Found by a tester: a synced directory replaced here by a symlink (or a
/// file) made the upload replace the whole directory in the container,
/// with files someone wrote there by hand. Now only the synced files go,
/// and the directory stays with what is not itp-dev's.
#[test]
fn a_synced_directory_replaced_by_a_symlink_keeps_what_others_wrote_there() {
    let (p, _t, project) = env("wt", &profile(""));
    let app = format!("{project}-app");
    p.file("src/first.txt", "1");
    p.run(&["up"]).code(0);
    docker_ok(&[
        "exec",
        &app,
        "sh",
        "-c",
        "mkdir -p /srv/hand && echo h > /srv/hand/x",
    ]);
    let w = Watcher::start(p.path());
    p.file("src/d/y.txt", "synced");
    eventually(&app, "cat /srv/d/y.txt", "synced");
    docker_ok(&["exec", &app, "sh", "-c", "echo by-hand > /srv/d/mine.txt"]);
    std::fs::remove_dir_all(p.path().join("src/d")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", p.path().join("src/d")).unwrap();
    // A file over a directory someone made there: refused, not forced.
    p.file("src/hand", "a file");
    p.file("src/marker", "m");
    eventually(&app, "cat /srv/marker", "m");
    eventually(
        &app,
        "test -e /srv/d/y.txt && echo there || echo gone",
        "gone",
    );
    assert_eq!(
        docker(&["exec", &app, "cat", "/srv/d/mine.txt"]).1,
        "by-hand"
    );
    assert_eq!(docker(&["exec", &app, "cat", "/srv/hand/x"]).1, "h");
    w.stop();
}

#[test]
fn a_burst_of_5000_files_syncs_completely_in_few_batches() {
    let (p, _t, project) = env("wb", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    p.run(&["up"]).code(0);
    let w = Watcher::start(p.path());
    let burst = p.path().join("src/burst");
    std::fs::create_dir_all(&burst).unwrap();
    for i in 0..5000 {
        std::fs::write(burst.join(format!("f{i:04}.txt")), format!("content {i}\n")).unwrap();
    }
    let want = tree_hash_local(&p.path().join("src"));
    eventually(&app, TREE_HASH, &want);
    let batches: Vec<u64> = w
        .events()
        .iter()
        .filter(|e| e["event"] == "batch" && e["rescan"] == false)
        .map(|e| e["files"].as_u64().unwrap())
        .collect();
    // A new directory's files may go with it and again on their own
    // events: at least every file, and never thousands of calls.
    assert!(batches.iter().sum::<u64>() >= 5000, "{batches:?}");
    assert!(
        batches.len() <= 30,
        "a few batches, not thousands: {}",
        batches.len()
    );
    w.stop();
}

#[test]
fn a_100_mb_file_is_streamed_and_arrives_whole() {
    let (p, _t, project) = env("wl", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    p.run(&["up"]).code(0);
    let w = Watcher::start(p.path());
    let data: Vec<u8> = (0..100 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(p.path().join("src/big.bin"), &data).unwrap();
    drop(data);
    let want = tree_hash_local(&p.path().join("src"));
    eventually(&app, TREE_HASH, &want);
    w.stop();
}

#[test]
fn unreadable_files_symlink_loops_and_vanished_files_do_not_stop_the_sync() {
    let (p, _t, project) = env("wu", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src/sub")).unwrap();
    std::os::unix::fs::symlink("..", p.path().join("src/sub/loop")).unwrap();
    p.run(&["up"]).code(0);
    // Unprivileged, so a mode-000 file is really unreadable.
    let (cmd, _uid) = crate::common::unprivileged_command(p.path());
    for d in ["src", "src/sub"] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p.path().join(d), std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let w = Watcher::start_cmd(cmd, p.path());
    p.file("src/secret.txt", "no");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            p.path().join("src/secret.txt"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
    }
    p.file("src/ok.txt", "fine");
    // Created and gone again before the batch is acted on.
    p.file("src/flash.txt", "here and gone");
    std::fs::remove_file(p.path().join("src/flash.txt")).unwrap();
    eventually(&app, "cat /srv/ok.txt", "fine");
    eventually(&app, "readlink /srv/sub/loop", "..");
    eventually(
        &app,
        "test -e /srv/flash.txt && echo there || echo no",
        "no",
    );
    let warned = w.wait_for(
        |e| e["event"] == "warning" && e["message"].as_str().unwrap_or("").contains("secret.txt"),
        "a warning about the unreadable file",
    );
    assert!(
        warned["message"]
            .as_str()
            .unwrap()
            .contains("ermission denied"),
        "{warned}"
    );
    p.file("src/after.txt", "still syncing");
    eventually(&app, "cat /srv/after.txt", "still syncing");
    w.stop();
}

#[test]
fn a_stopped_container_is_synced_when_it_starts_again() {
    let (p, _t, project) = env("wc", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    p.run(&["up"]).code(0);
    p.file("src/delete-me.txt", "soon gone");
    let w = Watcher::start(p.path());
    eventually(&app, "cat /srv/delete-me.txt", "soon gone");
    docker_ok(&["stop", "-t", "1", &app]);
    // A stopped container still takes files; a removal needs it running.
    p.file("src/while-stopped.txt", "queued");
    std::fs::remove_file(p.path().join("src/delete-me.txt")).unwrap();
    w.said("warning", "synced again when it starts");
    docker_ok(&["start", &app]);
    eventually(&app, "cat /srv/while-stopped.txt", "queued");
    eventually(
        &app,
        "test -e /srv/delete-me.txt && echo there || echo gone",
        "gone",
    );
    w.stop();
}

#[test]
fn an_invalid_profile_mid_watch_is_reported_and_the_watch_goes_on() {
    let (p, _t, project) = env("wi", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    p.run(&["up"]).code(0);
    let w = Watcher::start(p.path());
    let good = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.file(
        "itp-dev.toml",
        &good.replace("action = \"sync\"", "action = \"snyc\""),
    );
    let e = w.said("warning", "the profile is invalid");
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("itp-dev.toml:") && m.contains("snyc"),
        "located: {m}"
    );
    p.file("src/still.txt", "watching");
    eventually(&app, "cat /srv/still.txt", "watching");
    p.file("itp-dev.toml", &good);
    w.wait_for(|e| e["event"] == "info", "the fixed profile applied");
    w.stop();
}

#[test]
fn restart_run_and_rebuild_rules() {
    let (p, _t, project) = env(
        "wa",
        r#"
[services.app]
build = "app"
command = "sleep 100000"

[[watch]]
paths = ["conf/*.conf"]
action = "restart"
service = "app"

[[watch]]
paths = ["tests/**"]
action = "run"
service = "app"
command = ["sh", "-c", "echo ran-tests > /tmp/ran"]

[[watch]]
paths = ["app/**"]
action = "rebuild"
service = "app"
"#,
    );
    p.file(
        "app/Dockerfile",
        &format!("FROM {IMAGE}\nCOPY version /version\n"),
    )
    .file("app/version", "1")
    .file("conf/a.conf", "x")
    .file("tests/t.sh", "x");
    p.run(&["up"]).code(0);
    let app = format!("{project}-app");
    let w = Watcher::start(p.path());
    let started = inspect(&app, "{{.State.StartedAt}}");
    p.file("conf/a.conf", "y");
    w.wait_for(
        |e| e["event"] == "batch" && e["action"] == "restart",
        "a restart",
    );
    assert_ne!(started, inspect(&app, "{{.State.StartedAt}}"));

    p.file("tests/t.sh", "y");
    eventually(&app, "cat /tmp/ran", "ran-tests");

    let before = inspect(&app, "{{.Id}}");
    p.file("app/version", "2");
    w.wait_for(
        |e| e["event"] == "batch" && e["action"] == "rebuild",
        "a rebuild",
    );
    eventually(&app, "cat /version", "2");
    assert_ne!(
        before,
        inspect(&app, "{{.Id}}"),
        "recreated on the new image"
    );
    w.stop();
}

#[test]
fn bad_watch_input_is_explained() {
    // A rule naming a service that does not exist: the profile is invalid.
    let (p, _t, _) = env(
        "wx",
        &profile("").replace("service = \"app\"", "service = \"ap\""),
    );
    p.run(&["watch"]).code(2).shows(&[
        "watch rule acts on unknown service `ap`",
        "did you mean `app`?",
    ]);

    // A path that does not exist: a located warning, and the watch runs.
    let (q, _tq, project) = env("wy", &profile("").replace("src/**", "nowhere/**"));
    q.run(&["up"]).code(0);
    let mut cmd = crate::common::command(q.path());
    let child = cmd
        .arg("watch")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("watch path `nowhere/**` matches nothing"),
        "{err}"
    );
    assert!(err.contains("itp-dev.toml:"), "located: {err}");
    let _ = project;

    // No rules at all.
    let (r, _tr, _) = env("wz", &format!("[services.app]\nimage = \"{IMAGE}\"\n"));
    r.run(&["watch"])
        .code(2)
        .shows(&["has no `[[watch]]` rules"]);
}

#[test]
fn recreation_and_a_lost_engine_are_followed_by_a_resync() {
    let (p, _t, project) = env("wr", &profile(""));
    let app = format!("{project}-app");
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    p.run(&["up"]).code(0);
    let sock = p.path().join("engine.sock");
    let proxy = crate::common::EngineProxy::start(&sock);
    let mut cmd = crate::common::command(p.path());
    cmd.env("DOCKER_HOST", format!("unix://{}", sock.display()));
    let w = Watcher::start_cmd(cmd, p.path());
    p.file("src/one.txt", "1");
    eventually(&app, "cat /srv/one.txt", "1");

    // Recreated by `up` (changed env): the new container starts empty and
    // is synced as soon as it starts.
    let good = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.file(
        "itp-dev.toml",
        &good.replace("[services.app]", "[services.app]\nenv = { V = \"2\" }"),
    );
    eventually(&app, "echo $V; cat /srv/one.txt", "2\n1");

    // The engine goes away; a file changed meanwhile arrives once it is back.
    proxy.kill();
    std::thread::sleep(Duration::from_millis(500));
    p.file("src/while-away.txt", "kept");
    std::thread::sleep(Duration::from_millis(1000));
    let _back = crate::common::EngineProxy::start(&sock);
    eventually(&app, "cat /srv/while-away.txt", "kept");
    w.said("info", "engine is back");
    w.stop();
}

#[test]
fn files_synced_into_the_dev_container_belong_to_the_developer() {
    let (p, _t, project) = env(
        "wd",
        &format!(
            "[dev]\nimage = \"{IMAGE}\"\n\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"/tmp/srv\"\n"
        ),
    );
    std::fs::create_dir_all(p.path().join("src")).unwrap();
    let (mut up, uid) = crate::common::unprivileged_command(p.path());
    up.arg("up");
    crate::common::finish(up).code(0);
    let (cmd, _) = crate::common::unprivileged_command(p.path());
    let w = Watcher::start_cmd(cmd, p.path());
    p.file("src/mine.txt", "mine");
    let dev = format!("{project}-dev");
    eventually(&dev, "cat /tmp/srv/mine.txt", "mine");
    eventually(&dev, "stat -c %u /tmp/srv/mine.txt", &uid.to_string());
    w.stop();
}

/// Found by a second tester round: a symlink itp-dev synced, replaced here
/// by a directory, let the next sync write through it (into the user's
/// repository) and then delete what it wrote there; a file edited in the
/// target after it was synced was deleted with its local copy; a target
/// that is a symlink to a host directory hid that it was on the host.
#[test]
fn nothing_is_written_through_a_symlink_and_edited_files_are_kept() {
    let (p, _t, project) = env(
        "wy",
        &format!(
            r#"
[dev]
image = "{IMAGE}"

[services.db]
image = "{IMAGE}"
command = "ln -sfn /data /link; sleep 100000"
volumes = ["./hostdir:/data"]

[[watch]]
paths = ["src/**"]
action = "sync"
target = "/workspace/out"

[[watch]]
paths = ["lnk/**"]
action = "sync"
service = "db"
target = "/link"
"#
        ),
    );
    let dev = format!("{project}-dev");
    p.file("victim.txt", "USER FILE")
        .file("src/keep.txt", "synced")
        .file("hostdir/a.txt", "HOST OWN")
        .file("lnk/a.txt", "local");
    p.run(&["up"]).code(0);
    let w = Watcher::start(p.path());
    eventually(&dev, "cat /workspace/out/keep.txt", "synced");
    // Through the symlinked target, the host file is not overwritten.
    assert_eq!(
        std::fs::read_to_string(p.path().join("hostdir/a.txt")).unwrap(),
        "HOST OWN"
    );

    std::os::unix::fs::symlink("/workspace", p.path().join("src/k")).unwrap();
    eventually(&dev, "readlink /workspace/out/k", "/workspace");
    std::fs::remove_file(p.path().join("src/k")).unwrap();
    p.file("src/k/victim.txt", "X");
    eventually(&dev, "cat /workspace/out/k/victim.txt", "X");
    assert_eq!(
        std::fs::read_to_string(p.path().join("victim.txt")).unwrap(),
        "USER FILE",
        "nothing written through the old symlink"
    );

    // Edited there after the sync: someone's now, kept when the local copy goes.
    std::fs::write(p.path().join("out/keep.txt"), "edited by hand").unwrap();
    std::fs::remove_file(p.path().join("src/keep.txt")).unwrap();
    std::fs::remove_file(p.path().join("src/k/victim.txt")).unwrap();
    eventually(
        &dev,
        "test -e /workspace/out/k/victim.txt && echo there || echo gone",
        "gone",
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("out/keep.txt")).unwrap(),
        "edited by hand"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("victim.txt")).unwrap(),
        "USER FILE"
    );
    w.said("warning", "it changed there since itp-dev synced it");
    w.stop();
}
