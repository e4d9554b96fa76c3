//! `itp-dev init`: driven through a real pseudo-terminal as a new hire
//! would (answers typed at the prompts), and with flags as CI would; the
//! profile it writes validates; bad input is explained.

use crate::common::{Project, Pty};

const DOWN: &str = "\x1b[B";
const SPACE: &str = " ";
const ENTER: &str = "\r";

#[test]
fn the_wizard_on_a_terminal() {
    let p = Project::empty();
    p.file("package.json", "{\"name\": \"shop\"}");
    let mut cmd = crate::common::command(p.path());
    cmd.env("TERM", "xterm").arg("init");
    let mut pty = Pty::spawn(cmd, 40, 120);
    let out = pty.expect("Template", 15);
    assert!(out.contains("found package.json: Node.js"), "{out}");
    // node-web is proposed (detected): accept it.
    pty.send(ENTER);
    pty.expect("Services", 10);
    // node-web's own `cache` is checked; also check PostgreSQL (`db`).
    let listed = pty.expect("db", 5);
    let _ = listed;
    // The list: cache (checked), db, mysql, mongo. Move to db and toggle.
    pty.send(DOWN);
    pty.send(SPACE);
    pty.send(ENTER);
    pty.expect("Port", 10);
    pty.send("4000");
    pty.send(ENTER);
    let shown = pty.expect("Write itp-dev.toml?", 10);
    assert!(
        shown.contains("4000:4000"),
        "the profile is shown first: {shown}"
    );
    pty.send("y");
    pty.expect("Run `itp-dev up` now?", 10);
    pty.send("n");
    pty.expect("next: `itp-dev up`", 10);
    assert_eq!(pty.child.wait().unwrap().code(), Some(0));

    let text = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    assert!(text.starts_with("#:schema ./.itp-dev/itp-dev.schema.json"));
    assert!(p.path().join(".itp-dev/itp-dev.schema.json").is_file());
    let v: toml::Table = text.parse().unwrap();
    assert_eq!(v["dev"]["build"].as_str(), Some(".itp-dev/dev"));
    let dockerfile = std::fs::read_to_string(p.path().join(".itp-dev/dev/Dockerfile")).unwrap();
    assert!(dockerfile.contains("FROM debian:bookworm-slim") && dockerfile.contains("nodejs"));
    assert!(v["services"].get("cache").is_some() && v["services"].get("db").is_some());
    assert_eq!(v["dev"]["depends_on"]["db"].as_str(), Some("healthy"));
    p.run(&["validate"]).code(0);
}

#[test]
fn flags_without_a_terminal() {
    let p = Project::empty();
    p.file("pyproject.toml", "[project]\nname = \"api\"\n");
    // No terminal and no answers: it says which flag is missing.
    p.run(&["init"])
        .code(2)
        .shows(&["no terminal to ask on", "--template NAME", "--yes"]);
    p.run(&[
        "init",
        "--yes",
        "--service",
        "cache",
        "--port",
        "9000",
        "--name",
        "billing",
    ])
    .code(0)
    .shows(&["found pyproject.toml: Python", "wrote"]);
    let v: toml::Table = std::fs::read_to_string(p.path().join("itp-dev.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(v["name"].as_str(), Some("billing"));
    assert_eq!(v["dev"]["build"].as_str(), Some(".itp-dev/dev"));
    assert!(p.path().join(".itp-dev/dev/Dockerfile").is_file());
    assert_eq!(v["dev"]["ports"][0].as_str(), Some("9000:9000"));
    assert!(
        v["services"].get("db").is_none(),
        "only the chosen services"
    );
    p.run(&["validate"]).code(0);
    // An existing profile is never replaced without --force.
    p.run(&["init", "--yes"])
        .code(1)
        .shows(&["already exists", "--force"]);
    p.run(&[
        "init",
        "--yes",
        "--force",
        "--template",
        "rust-service",
        "--no-services",
    ])
    .code(0);
}

/// The full-stack template's `api` and `worker` build from
/// `services/api/Dockerfile`: in a repository without it, `--yes` leaves
/// them out and says how to add them, so the profile it writes loads.
#[test]
fn template_services_without_their_dockerfile_are_left_out_and_named() {
    let p = Project::empty();
    p.run(&["init", "--yes", "--template", "full-stack"])
        .code(0)
        .shows(&[
            "left out the template's `api`: it builds from `services/api/Dockerfile`",
            "--service api",
        ]);
    p.run(&["validate"]).code(0).shows(&["valid"]);
    let v: toml::Table = std::fs::read_to_string(p.path().join("itp-dev.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(v["services"].get("api").is_none() && v["services"].get("db").is_some());
    assert!(
        v["dev"]["depends_on"].get("api").is_none(),
        "nothing waits for it"
    );
    p.file("services/api/Dockerfile", "FROM scratch AS dev\n");
    let again = p.run(&["init", "--yes", "--force", "--template", "full-stack"]);
    again.code(0);
    assert!(!again.stdout.contains("left out") && !again.stderr.contains("left out"));
    p.run(&["validate"]).code(0).shows(&["5 containers"]);
}

#[test]
fn init_bad_input() {
    let p = Project::empty();
    p.run(&["init", "--yes"])
        .code(2)
        .shows(&["no stack recognised", "--template NAME"]);
    p.run(&["init", "--yes", "--template", "rust"])
        .code(2)
        .shows(&["no template named `rust`", "rust-service"]);
    p.run(&[
        "init",
        "--yes",
        "--template",
        "rust-service",
        "--service",
        "postgres",
    ])
    .code(2)
    .shows(&["unknown service `postgres`", "db"]);
    p.run(&["init", "--yes", "--template", "rust-service", "--port", "0"])
        .code(2)
        .shows(&["0 is not in 1..=65535"]);
    // Flags that make a profile that does not load: the error points at
    // it, and nothing stays, so the next `init` needs no --force.
    let full_stack = ["init", "--yes", "--template", "full-stack"];
    p.run(&[&full_stack[..], &["--service", "api"]].concat())
        .code(2)
        .shows(&["services/api", "itp-dev.toml is as it was"]);
    assert!(!p.path().join("itp-dev.toml").exists());
    assert!(!p.path().join(".itp-dev/dev/Dockerfile").exists());
    p.run(&[&full_stack[..], &["--name", "Bad Name"]].concat())
        .code(2)
        .shows(&["not a DNS label", "use `bad-name`"]);
    assert!(!p.path().join("itp-dev.toml").exists());
    // Over an existing profile with --force: the old one is put back.
    p.run(&[&full_stack[..], &["--name", "shop"]].concat())
        .code(0);
    let good = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    p.run(&[&full_stack[..], &["--force", "--name", "Bad Name"]].concat())
        .code(2);
    assert_eq!(
        std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap(),
        good
    );
}

/// The dev image's Dockerfile follows the template while nobody has edited
/// it: switching template with --force brings the new one's tools. An
/// edited one is the team's: kept, with a warning to check it.
#[test]
fn a_template_switch_replaces_an_unedited_dev_dockerfile_only() {
    let p = Project::empty();
    p.file("package.json", "{}\n");
    let init = |template: &str| {
        p.run(&[
            "init",
            "--yes",
            "--template",
            template,
            "--no-services",
            "--name",
            "sw",
            "--force",
        ])
    };
    let dockerfile = || std::fs::read_to_string(p.path().join(".itp-dev/dev/Dockerfile")).unwrap();
    init("rust-service").code(0);
    assert!(dockerfile().contains("cargo"));
    init("rust-service").code(0).shows(&["(unchanged)"]);
    init("node-web").code(0).shows(&["wrote"]);
    assert!(dockerfile().contains("nodejs") && !dockerfile().contains("cargo"));
    p.file(
        ".itp-dev/dev/Dockerfile",
        &(dockerfile() + "RUN npm install -g pnpm\n"),
    );
    init("python-api")
        .code(0)
        .shows(&["it is yours", "check that it has Python"]);
    assert!(dockerfile().contains("pnpm"), "the team's edit is kept");
}
