//! Untrusted repositories (issue 16): a profile whose parts reach the host
//! beyond the repository is shown, located, and refused (exit 2) before
//! anything starts unless approved: by `itp-dev trust`, by a question on a
//! terminal, or by `--trust` / ITP_DEV_TRUST=1. An unrelated edit keeps the
//! approval; a new host mount asks again. No Docker is needed: the refusal
//! comes before the engine is contacted.

use crate::common::{Project, Pty, command};

/// Every host-reaching form, in a repository (`repo/`) of its own, with
/// files beside it that it reaches for.
fn hostile() -> Project {
    let p = Project::empty();
    p.file("outside.env", "A=1\n");
    p.file("Dockerfile", "FROM scratch\n");
    p.file(
        "repo/itp-dev.toml",
        r#"version = 1
name = "hostile"

[dev]
image = "itp-test/busybox:2"
mounts = ["/:/host", "~/.ssh:/root/.ssh:ro", "./src:/src"]
ports = ["0.0.0.0:18999:80", "3000"]
env_file = ["../outside.env"]
hooks = { on_create = ["echo pwned > /host/tmp/itp-pwned"] }

[services.ci]
volumes = ["/var/run/docker.sock:/var/run/docker.sock"]
build = { context = "..", dockerfile = "../Dockerfile" }
"#,
    );
    p.file("repo/src/main.rs", "");
    std::fs::create_dir(p.path().join("repo/.git")).unwrap();
    p
}

fn repo(p: &Project) -> std::path::PathBuf {
    p.path().join("repo")
}

const PARTS: [&str; 7] = [
    "dev.mounts[0]",
    "dev.mounts[1]",
    "dev.ports[0]",
    "dev.env_file[0]",
    "services.ci.volumes[0]",
    "services.ci.build.context",
    "services.ci.build.dockerfile",
];

/// A state directory of the test's own, so approvals do not leak.
fn run(p: &Project, state: &std::path::Path, args: &[&str]) -> crate::common::Run {
    let dir = if p.path().join("repo").exists() {
        repo(p)
    } else {
        p.path().to_path_buf()
    };
    let mut cmd = command(&dir);
    cmd.env("ITP_DEV_STATE_DIR", state)
        .env("DOCKER_HOST", "unix:///nonexistent.sock");
    cmd.args(args);
    crate::common::finish(cmd)
}

#[test]
fn a_hostile_profile_is_refused_before_anything_starts_and_runs_once_trusted() {
    let p = hostile();
    let state = tempfile::tempdir().unwrap();
    // validate and doctor say it, located; they do not refuse.
    let v = run(&p, state.path(), &["validate"]);
    v.code(0)
        .shows(&["reaches the host", "itp-dev.toml:6:", "itp-dev.toml:13:"]);
    for part in PARTS {
        v.shows(&[part]);
    }
    assert!(!v.stderr.contains("dev.mounts[2]") && !v.stderr.contains("dev.ports[1]"));
    let j = run(&p, state.path(), &["--json", "validate"]);
    let doc: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    let warned = doc["warnings"].as_array().unwrap();
    assert_eq!(
        warned
            .iter()
            .filter(|w| w["message"].as_str().unwrap().contains("reaches the host"))
            .count(),
        PARTS.len()
    );
    run(&p, state.path(), &["--json", "doctor"]).shows(&["host access", "not approved yet"]);
    // Every command that acts refuses without a terminal, naming the parts
    // and the way out, before the engine is asked anything (it is absent).
    for args in [
        &["up"][..],
        &["build"],
        &["watch"],
        &["restart"],
        &["code"],
        &["ide", "devcontainer", "--write"],
        &["k8s", "push", "--namespace", "qa"],
    ] {
        let r = run(&p, state.path(), args);
        r.code(2)
            .shows(&["is not trusted yet", "itp-dev trust", "dev.mounts[0]"]);
        assert!(
            !r.stderr.contains("cannot reach the Docker engine"),
            "{args:?} reached for the engine: {}",
            r.stderr
        );
    }
    let events = run(&p, state.path(), &["--json", "up"]);
    events
        .code(2)
        .shows(&["\"event\":\"host_reach\"", "\"line\":6"]);
    // A dry run changes nothing, so it needs no approval.
    assert_ne!(run(&p, state.path(), &["up", "--dry-run"]).code, 2);
    // Approved: the refusal is gone (now it is the engine's absence).
    run(&p, state.path(), &["trust"])
        .code(0)
        .shows(&["approved", "7 parts"]);
    run(&p, state.path(), &["up"]).code(3);
    run(&p, state.path(), &["trust", "--list"]).shows(&["7"]);
    // An unrelated edit keeps the approval, and so does an entry added above.
    let text = std::fs::read_to_string(repo(&p).join("itp-dev.toml")).unwrap();
    let edited = text
        .replace("\"3000\"]", "\"3000\", \"3001\"]")
        .replace("mounts = [", "mounts = [\"./cache:/cache\", ");
    p.file("repo/itp-dev.toml", &edited);
    run(&p, state.path(), &["up"]).code(3);
    // A new host mount asks again.
    p.file(
        "repo/itp-dev.toml",
        &edited.replace("\"./src:/src\"]", "\"./src:/src\", \"/etc:/hostetc\"]"),
    );
    run(&p, state.path(), &["up"])
        .code(2)
        .shows(&["8 parts", "`/etc`"]);
    // For one run: the flag or the variable.
    run(&p, state.path(), &["--trust", "up"]).code(3);
    let mut cmd = command(&repo(&p));
    cmd.env("ITP_DEV_STATE_DIR", state.path())
        .env("DOCKER_HOST", "unix:///nonexistent.sock")
        .env("ITP_DEV_TRUST", "1")
        .arg("up");
    assert_eq!(crate::common::finish(cmd).code, 3);
    run(&p, state.path(), &["trust", "--revoke"]).shows(&["revoked"]);
    p.file("repo/itp-dev.toml", &text);
    run(&p, state.path(), &["up"]).code(2);
}

#[test]
fn on_a_terminal_it_asks_and_a_yes_is_remembered() {
    let p = hostile();
    let state = tempfile::tempdir().unwrap();
    let ask = || {
        let mut cmd = command(&repo(&p));
        cmd.env("ITP_DEV_STATE_DIR", state.path())
            .env("DOCKER_HOST", "unix:///nonexistent.sock")
            .arg("up");
        Pty::spawn(cmd, 40, 200)
    };
    let mut pty = ask();
    let shown = pty.expect("reach the host like this?", 10);
    assert!(
        shown.contains("dev.mounts[0]") && shown.contains("itp-dev.toml:6:"),
        "{shown}"
    );
    pty.send("n");
    pty.expect("not trusted yet", 10);
    let mut pty = ask();
    pty.expect("reach the host like this?", 10);
    pty.send("y");
    // Approved: it goes on to the engine (absent here).
    pty.expect("cannot reach the Docker engine", 10);
    let r = run(&p, state.path(), &["up"]);
    assert_eq!(r.code, 3, "remembered: {}", r.stderr);
}

#[test]
fn a_plain_profile_never_asks_and_watch_paths_stay_in_the_repository() {
    let p = Project::new(
        "version = 1\nname = \"plain\"\n[dev]\nimage = \"x\"\nmounts = [\"./src:/src\", \"cache:/cache\"]\nports = [\"127.0.0.1:3000:3000\"]\n",
    );
    let state = tempfile::tempdir().unwrap();
    run(&p, state.path(), &["up"]).code(3);
    run(&p, state.path(), &["trust"]).shows(&["nothing to approve"]);
    p.file(
        "itp-dev.toml",
        "version = 1\nname = \"w\"\n[dev]\nimage = \"x\"\n[[watch]]\npaths = [\"src/**\", \"../other/**\", \"/etc/**\"]\naction = \"restart\"\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"/\"\n",
    );
    run(&p, state.path(), &["validate"]).code(2).shows(&[
        "`../other/**` is outside the repository",
        "itp-dev.toml:6:",
        "`/etc/**` is outside the repository",
        "system directory",
    ]);
}

#[test]
fn a_link_retargeted_a_mount_made_writable_and_a_linked_env_ask_again() {
    let p = Project::empty();
    p.file("outside-a/f.txt", "a");
    p.file("outside-b/f.txt", "b");
    p.file("creds", "HOSTTOKEN=hostsecret123\n");
    p.file(
        "repo/itp-dev.toml",
        "version = 1\nname = \"links\"\n[dev]\nimage = \"x\"\nmounts = [\"./link:/x:ro\"]\n",
    );
    std::fs::create_dir(p.path().join("repo/.git")).unwrap();
    let link = p.path().join("repo/link");
    std::os::unix::fs::symlink(p.path().join("outside-a"), &link).unwrap();
    let state = tempfile::tempdir().unwrap();
    run(&p, state.path(), &["up"])
        .code(2)
        .shows(&["`./link` (→ `", "outside-a`)", "(read-only)"]);
    run(&p, state.path(), &["trust"]).code(0);
    run(&p, state.path(), &["up"]).code(3);
    // Retargeted: a new part.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(p.path().join("outside-b"), &link).unwrap();
    run(&p, state.path(), &["up"]).code(2).shows(&["outside-b"]);
    run(&p, state.path(), &["trust"]).code(0);
    // Made writable: a new part.
    let text = std::fs::read_to_string(repo(&p).join("itp-dev.toml")).unwrap();
    p.file("repo/itp-dev.toml", &text.replace(":/x:ro", ":/x"));
    run(&p, state.path(), &["up"]).code(2);
    run(&p, state.path(), &["trust"]).code(0);
    // A `.env` that links to a host file feeds the profile: a part.
    std::os::unix::fs::symlink(p.path().join("creds"), repo(&p).join(".env")).unwrap();
    run(&p, state.path(), &["validate"])
        .shows(&["`.env` beside the profile links outside the repository"]);
    run(&p, state.path(), &["up"]).code(2);
}

#[test]
fn a_home_directory_in_git_is_not_the_repository() {
    // Dotfiles in git: a project under the home directory is its own
    // repository, not the whole home.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".git")).unwrap();
    std::fs::create_dir_all(home.path().join("secret")).unwrap();
    let proj = home.path().join("dl/proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(
        proj.join("itp-dev.toml"),
        "version = 1\nname = \"dl\"\n[dev]\nimage = \"x\"\nmounts = [\"../../secret:/y\"]\n",
    )
    .unwrap();
    let mut cmd = command(&proj);
    cmd.env("HOME", home.path())
        .env("ITP_DEV_STATE_DIR", home.path().join("state"))
        .env("DOCKER_HOST", "unix:///nonexistent.sock")
        .arg("up");
    let r = crate::common::finish(cmd);
    r.code(2).shows(&["../../secret", "outside the repository"]);
}
