//! The command line as users meet it: help, version, discovery flags,
//! output formats, secrets masked. Runs the real binary.

use crate::common::Project;

const PROFILE: &str = r#"
name = "demo"
[services.db]
image = "postgres:16"
env = { POSTGRES_PASSWORD = "hunter2", POSTGRES_DB = "app" }
secrets = ["POSTGRES_PASSWORD"]
ports = ["5432:5432"]
[services.api]
image = "busybox"
env_file = ["api.env"]
depends_on = { db = "started" }
[overlays.qa]
services.db.env = { POSTGRES_PASSWORD = "hunter2", POSTGRES_DB = "qa" }
"#;

fn project() -> Project {
    let p = Project::new(PROFILE);
    p.file("api.env", "API_TOKEN=tok-123456\n");
    p
}

#[test]
fn version_and_help_list_only_working_commands() {
    let p = Project::empty();
    p.run(&["--version"])
        .code(0)
        .shows(&[concat!("itp-dev ", env!("CARGO_PKG_VERSION"))]);
    let help = p.run(&["--help"]);
    help.code(0).shows(&[
        "validate",
        "config",
        "plan",
        "completions",
        "--json",
        "--overlay",
        "--color",
        "--no-progress",
        "-C <DIR>",
        "--file <PATH>",
    ]);
    let commands: Vec<&str> = help
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        commands,
        [
            "init",
            "doctor",
            "validate",
            "config",
            "plan",
            "up",
            "watch",
            "status",
            "shell",
            "exec",
            "logs",
            "restart",
            "build",
            "code",
            "ide",
            "k8s",
            "diff",
            "down",
            "completions",
            "trust",
            "help"
        ],
        "no stubs in --help"
    );
}

#[test]
fn discovery_walks_up_and_respects_minus_c_and_minus_f() {
    let p = project();
    let deep = p.path().join("src/deep");
    std::fs::create_dir_all(&deep).unwrap();
    crate::common::finish({
        let mut c = crate::common::command(&deep);
        c.arg("validate");
        c
    })
    .code(0)
    .shows(&["valid (project demo, 2 containers; checked base, overlay qa)"]);
    let other = Project::empty();
    other
        .run(&["-C", p.path().to_str().unwrap(), "validate"])
        .code(0);
    std::fs::rename(p.path().join("itp-dev.toml"), p.path().join("custom.toml")).unwrap();
    p.run(&["-f", "custom.toml", "validate"])
        .code(0)
        .shows(&["custom.toml: valid"]);
}

#[test]
fn config_is_resolved_and_masks_secrets() {
    let p = project();
    let r = p.run(&["config", "--overlay", "qa"]);
    r.code(0).shows(&[
        "name = \"demo\"",
        "POSTGRES_DB = \"qa\"",
        "POSTGRES_PASSWORD = \"********\"",
    ]);
    assert!(!r.stdout.contains("hunter2"), "{}", r.stdout);
    let j = p.run(&["config", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["services"]["db"]["env"]["POSTGRES_PASSWORD"], "********");
    assert_eq!(v["services"]["db"]["env"]["POSTGRES_DB"], "app");
    assert!(
        v.get("overlays").is_none(),
        "overlays are applied, not shown"
    );
}

#[test]
fn plan_as_text_and_json_masks_secrets_and_env_files() {
    let p = project();
    let t = p.run(&["plan"]);
    t.code(0).shows(&[
        "network  demo_default",
        "1. db",
        "2. api",
        "API_TOKEN=********",
        "POSTGRES_PASSWORD=********",
        "127.0.0.1:5432->5432/tcp",
    ]);
    assert!(!t.stdout.contains("hunter2") && !t.stdout.contains("tok-123456"));
    let j = p.run(&["--json", "plan"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["levels"], serde_json::json!([["db"], ["api"]]));
    assert_eq!(v["containers"][1]["env"]["API_TOKEN"], "********");
    assert!(!j.stdout.contains("tok-123456"));
}

#[test]
fn completions_for_every_shell() {
    let p = Project::empty();
    p.run(&["completions", "bash"])
        .code(0)
        .shows(&["_itp__dev()", "validate"]);
    p.run(&["completions", "zsh"])
        .code(0)
        .shows(&["#compdef itp-dev"]);
    p.run(&["completions", "fish"])
        .code(0)
        .shows(&["complete -c itp-dev"]);
    p.run(&["completions", "powershell"])
        .code(0)
        .shows(&["Register-ArgumentCompleter"]);
    p.run(&["completions", "tcsh"])
        .code(2)
        .shows(&["invalid value 'tcsh'"]);
}

#[test]
fn colour_follows_the_flag() {
    let p = Project::new("[services.a]\nimage = 1\n");
    let plain = p.run(&["validate", "--color", "never"]);
    assert!(!plain.stderr.contains('\x1b'));
    let coloured = p.run(&["validate", "--color", "always"]);
    assert!(coloured.stderr.contains('\x1b'), "{}", coloured.stderr);
}

#[test]
fn quiet_hides_status_but_not_errors() {
    let p = Project::new("[services.a]\nimage = 1\n");
    p.run(&["-q", "validate"]).code(2).shows(&["wrong type"]);
}
