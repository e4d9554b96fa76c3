//! The generated IDE files used by real clients, against the real engine:
//! the Dev Containers CLI (`@devcontainers/cli`, the reference
//! implementation behind VS Code's extension, installed by
//! scripts/ensure-devcontainer-cli.sh) reads and runs the generated
//! devcontainer.json; `itp-dev code` hands VS Code the right URI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TEST_IMAGE as IMAGE, docker, healthy_httpd};

fn devcontainer_cli() -> PathBuf {
    if let Some(p) = std::env::var_os("ITP_DEV_DEVCONTAINER_CLI") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(root.join("scripts/ensure-devcontainer-cli.sh"))
        .output()
        .expect("installs the Dev Containers CLI");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// PATH with the itp-dev binary first (the generated `initializeCommand`
/// runs `itp-dev up --no-dev`).
fn path_with_itp_dev() -> String {
    format!(
        "{}:{}",
        crate::common::bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Removes what the Dev Containers CLI started for `dir`: it carries no
/// itp-dev label, so `down` leaves it alone by design.
struct DevcontainerCleanup(PathBuf);

impl Drop for DevcontainerCleanup {
    fn drop(&mut self) {
        let filter = format!("label=devcontainer.local_folder={}", self.0.display());
        let (_, ids) = docker(&["ps", "-aq", "--filter", &filter]);
        for id in ids.split_whitespace() {
            let _ = docker(&["rm", "-f", id]);
        }
    }
}

#[test]
fn the_dev_containers_cli_reads_and_runs_the_generated_file() {
    let project = crate::common::unique("dc");
    // A checkout path with spaces in it.
    let base = tempfile::Builder::new()
        .prefix("itp test ")
        .tempdir()
        .unwrap();
    let dir = base.path().join("my repo");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("itp-dev.toml"),
        format!(
            r#"version = 1
name = "{project}"

[dev]
image = "{IMAGE}"
env = {{ GREETING = "hello", TOKEN = "${{TOKEN:-dev-token}}" }}
secrets = ["TOKEN"]
depends_on = {{ db = "healthy" }}

[dev.hooks]
on_create = ["echo created > /tmp/on_create"]
post_start = ["echo started > /tmp/post_start"]
{}"#,
            healthy_httpd("db")
        ),
    )
    .unwrap();
    let _t = crate::common::Teardown {
        dir: dir.clone(),
        project: project.clone(),
    };
    let _dc = DevcontainerCleanup(dir.clone());
    let mut cmd = crate::common::command(&dir);
    cmd.args(["ide", "devcontainer", "--write"]);
    crate::common::finish(cmd).code(0);

    let cli = devcontainer_cli();
    // `devcontainer SUB --workspace-folder DIR [command…]`
    let run = |args: &[&str]| {
        let out = Command::new(&cli)
            .arg(args[0])
            .arg("--workspace-folder")
            .arg(&dir)
            .args(&args[1..])
            .env("PATH", path_with_itp_dev())
            .env("TOKEN", "from-host")
            .env("ITP_DEV_STATE_DIR", crate::common::state_dir())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "devcontainer {args:?}:\n{text}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let config = run(&["read-configuration"]);
    assert!(
        config.contains(&format!("--network={project}_default")),
        "{config}"
    );

    let up = run(&["up"]);
    assert!(up.contains("\"outcome\":\"success\""), "{up}");
    // Services started by itp-dev first, reachable by name.
    let exec = run(&[
        "exec",
        "sh",
        "-c",
        "wget -q -O - http://db/ok; cat /tmp/on_create /tmp/post_start; id -u; echo $GREETING $TOKEN; ls /workspace",
    ]);
    let lines: Vec<&str> = exec.lines().collect();
    assert!(lines.contains(&"ok"), "db by name: {exec}");
    assert!(
        lines.contains(&"created") && lines.contains(&"started"),
        "hooks: {exec}"
    );
    let uid = unsafe { libc::getuid() }.to_string();
    assert!(lines.contains(&uid.as_str()), "user: {exec}");
    assert!(
        lines.contains(&"hello from-host"),
        "env, secret from the host: {exec}"
    );
    assert!(lines.contains(&"itp-dev.toml"), "workspace mounted: {exec}");
    // itp-dev did not start its own dev container alongside.
    assert_eq!(
        crate::common::inspect(&format!("{project}-dev"), "{{.Id}}"),
        ""
    );
}

#[test]
fn code_opens_the_attached_container_or_prints_the_uri() {
    let (p, _t, project) = crate::common::env(
        "cd",
        &format!(
            "[dev]\nimage = \"{IMAGE}\"\nworkdir = \"/src\"\n[dev.vscode]\nextensions = [\"ms-python.python\"]\n"
        ),
    );
    let home = tempfile::tempdir().unwrap();
    let home_s = home.path().to_str().unwrap();
    // Without `code` on PATH: the URI, and a hint.
    let r = p.run_env(&["code"], &[("HOME", home_s)]);
    r.code(0).shows(&["`code` command is not on PATH"]);
    let uri = r.stdout.trim();
    assert!(
        uri.starts_with("vscode-remote://attached-container+") && uri.ends_with("/src"),
        "{uri}"
    );
    let config = home.path().join(format!(
        ".config/Code/User/globalStorage/ms-vscode-remote.remote-containers/nameConfigs/{project}-dev.json"
    ));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    assert_eq!(v["workspaceFolder"], "/src");
    assert_eq!(v["extensions"][0], "ms-python.python");

    // With a `code` on PATH: it is called with that URI.
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("args");
    let fake = bin.path().join("code");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    p.run_env(&["code"], &[("HOME", home_s), ("PATH", &path)])
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().trim(),
        format!("--folder-uri {uri}")
    );
}
