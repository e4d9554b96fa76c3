//! `init --from`: real-looking compose files and devcontainer.json files
//! (anchors and merge keys, `x-` fields, profiles, builds, env files,
//! healthchecks, named and bind volumes; JSONC, features, compose-based
//! configurations) converted to profiles that validate. The profiles are
//! insta snapshots (`tests/it/snapshots/`; `INSTA_UPDATE=always` or
//! `cargo insta review` updates them), and what was not converted is
//! asserted line by line.

use std::path::Path;

use crate::common::Project;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Runs the importer on a case; returns the project and stderr.
fn import(case: &str, file: &str) -> (Project, String) {
    let p = Project::empty();
    copy_dir(&fixtures().join(case).join("in"), p.path());
    let r = p.run(&["init", "--from", file, "--yes"]);
    r.code(0);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    insta::assert_snapshot!(case, got);
    p.run(&["validate"]).code(0);
    (p, r.stderr)
}

#[test]
fn a_compose_file_with_anchors_profiles_and_extensions() {
    let (_p, err) = import("compose", "docker-compose.yml");
    for expected in [
        "`x-common-env`: extension fields are compose-only",
        "`x-healthcheck-defaults`: extension fields",
        "top-level `networks`: itp-dev gives each project one network",
        "`services.web.restart`: itp-dev restarts nothing",
        "`services.web.profiles`: compose profiles have no equivalent",
        "`services.web.ports`: published on 127.0.0.1 now",
        "`services.api.image`: dropped, the image is built",
        "`services.api.networks`: each project has one network",
        "`services.db.deploy`: use `resources`",
        "`services.cache.container_name`: itp-dev names containers",
        "`services.cache.x-team-owner`: extension field",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn a_devcontainer_json_with_features_and_lifecycle_commands() {
    let (p, err) = import("devcontainer", ".devcontainer/devcontainer.json");
    for expected in [
        "feature `ghcr.io/devcontainers/features/node:1`: features are not supported",
        "feature `ghcr.io/devcontainers/features/docker-in-docker:2`",
        "`forwardPorts` entry \"db:5432\"",
        "`postAttachCommand`: runs when an editor attaches",
        "`runArgs`: docker run flags are not converted",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let text = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    assert!(
        text.contains("# Not converted from .devcontainer/devcontainer.json:"),
        "kept in the file too"
    );
}

#[test]
fn a_compose_based_devcontainer() {
    let (_p, err) = import("devcontainer-compose", ".devcontainer/devcontainer.json");
    assert!(err.contains("`shutdownAction`"), "{err}");
    assert!(
        err.contains("itp-dev mounts the repository at `workdir` itself"),
        "{err}"
    );
}

#[test]
fn importer_bad_input() {
    let p = Project::empty();
    p.file("compose.yaml", "services: [not, a, mapping\n");
    p.run(&["init", "--from", "compose.yaml", "--yes"])
        .code(1)
        .shows(&["cannot convert", "not valid YAML"]);
    p.run(&["init", "--from", "missing.yaml", "--yes"])
        .code(2)
        .shows(&["cannot read", "missing.yaml"]);
}

/// The shapes real stacks use, imported, and the meaning kept from the
/// compose file through the profile to the namespace (issue 15).
#[test]
fn a_compose_stack_keeps_its_meaning_in_the_profile_and_the_namespace() {
    let p = Project::empty();
    copy_dir(&fixtures().join("parity/in"), p.path());
    let env = [("UPLOAD_LOCATION", "/srv/photos")];
    let r = p.run_env(&["init", "--from", "compose.yaml", "--yes"], &env);
    r.code(0);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    insta::assert_snapshot!("parity", got);
    p.run_env(&["validate"], &env).code(0);
    // A string command is arguments to the image's entrypoint, as compose
    // runs it: mysqld gets its flag, no shell is involved.
    assert!(
        got.contains("command = [\"--default-authentication-plugin=mysql_native_password\"]"),
        "{got}"
    );
    assert!(
        got.contains("\"json lines\""),
        "quoted words stay one argument: {got}"
    );
    // Secrets by name or by shape are marked, and masked in every output.
    assert!(got.contains("secrets = [\"MYSQL_ROOT_PASSWORD\"]"), "{got}");
    for cmd in [&["config"][..], &["plan"], &["--json", "plan"]] {
        let out = p.run_env(cmd, &env);
        out.code(0);
        for secret in ["root-secret", "postgres-password"] {
            assert!(
                !out.stdout.contains(secret),
                "{cmd:?} shows {secret}:\n{}",
                out.stdout
            );
        }
    }
    // In the namespace: every service name has a Service (a headless one
    // when no port is known), no secret value is in a ConfigMap, the
    // config file is a ConfigMap and the compose secret a Secret, mounted
    // where compose mounts them.
    let r = p.run_env(&["k8s", "render", "--namespace", "qa"], &env);
    r.code(0);
    let docs: Vec<serde_json::Value> = r
        .stdout
        .split("\n---\n")
        .map(|d| serde_yaml_ng::from_str(&format!("{d}\n")).unwrap())
        .collect();
    let find = |kind: &str, name: &str| {
        docs.iter()
            .find(|d| d["kind"] == kind && d["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("no {kind}/{name} in:\n{}", r.stdout))
    };
    for service in ["server", "machine-learning", "redis", "database"] {
        find("Service", service);
    }
    assert_eq!(find("Service", "redis")["spec"]["clusterIP"], "None");
    assert_eq!(
        find("Service", "machine-learning")["spec"]["ports"][0]["port"],
        3003
    );
    for d in docs.iter().filter(|d| d["kind"] == "ConfigMap") {
        let data = d["data"].to_string();
        for key in ["DB_PASSWORD", "DB_URL", "MYSQL_ROOT_PASSWORD", "api_key"] {
            assert!(!data.contains(key), "{key} in a ConfigMap: {d}");
        }
    }
    let config = find("ConfigMap", "server-files-1");
    assert_eq!(config["data"]["server.yml"], "log: info\n");
    assert!(find("Secret", "server-files-0")["stringData"]["api_key"].is_string());
    let server = find("StatefulSet", "server");
    let mounts = server["spec"]["template"]["spec"]["containers"][0]["volumeMounts"].to_string();
    assert!(
        mounts.contains("/etc/photos/server.yml") && mounts.contains("/run/secrets/api_key"),
        "{mounts}"
    );
    // The published port keeps compose's meaning: every address.
    assert!(got.contains("\"0.0.0.0:2283:2283\""), "{got}");
}

#[test]
fn a_compose_files_own_env_file_is_pointed_at() {
    let p = Project::empty();
    p.file(
        "deploy/compose.yaml",
        "services:\n  db:\n    image: postgres:${PG_TAG}\n    environment:\n      DEBUG: ${DEBUG:+1}\n",
    );
    p.file("deploy/.env", "PG_TAG=16\n");
    let r = p.run_env(
        &["init", "--from", "deploy/compose.yaml", "--yes"],
        &[("PG_TAG", "16")],
    );
    r.code(0).shows(&[
        "`deploy/.env`: compose reads its variables from it",
        "copy it there",
    ]);
    // `${VAR:+alternative}` is a form the profile reads too.
    p.run_env(&["validate"], &[("PG_TAG", "16")]).code(0);
}

#[test]
fn a_compose_service_named_dev_is_renamed_beside_the_dev_container() {
    let p = Project::empty();
    p.file(
        ".devcontainer/compose.yaml",
        "services:\n  app:\n    image: node:20\n    depends_on: [dev]\n  dev:\n    image: mailhog/mailhog\n  api:\n    image: api:1\n    depends_on: [dev]\n",
    );
    p.file(
        ".devcontainer/devcontainer.json",
        r#"{ "dockerComposeFile": "compose.yaml", "service": "app" }"#,
    );
    p.run(&["init", "--from", ".devcontainer/devcontainer.json", "--yes"])
        .code(0)
        .shows(&["service `dev` is called `dev-service`"]);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    assert!(got.contains("[services.dev-service]"), "{got}");
    assert!(got.contains("depends_on = [\"dev-service\"]"), "{got}");
    p.run(&["validate"]).code(0);
}
