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
