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
        "`services.web` starts with compose's `--profile frontend` only: it is in the overlay `frontend`",
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

/// The Dev Containers templates' database shape: the dev service shares
/// the database's network (`network_mode: service:db`) and its env file
/// says `localhost`; the database has a container name and an alias.
#[test]
fn a_shared_network_becomes_names_and_aliases_become_services() {
    let p = Project::empty();
    p.file(
        ".devcontainer/devcontainer.json",
        r#"{
  // as the template writes it
  "name": "Python 3 & PostgreSQL",
  "dockerComposeFile": "docker-compose.yml",
  "service": "app",
  "workspaceFolder": "/workspaces/${localWorkspaceFolderBasename}",
  "forwardPorts": [5432],
}"#,
    );
    p.file(
        ".devcontainer/docker-compose.yml",
        r#"services:
  app:
    build:
      context: ..
      dockerfile: .devcontainer/Dockerfile
    env_file: .env
    environment:
      CACHE_URL: redis://localhost:6379/0
      NOT_A_HOST: mylocalhost.example
    volumes:
      - ../..:/workspaces:cached
    command: sleep infinity
    network_mode: service:db
  db:
    image: postgres:16
    container_name: pg-db
    restart: unless-stopped
    volumes:
      - postgres-data:/var/lib/postgresql/data
    env_file: .env
    networks:
      default:
        aliases: [database, pg-db]
volumes:
  postgres-data:
"#,
    );
    p.file(
        ".devcontainer/.env",
        "POSTGRES_USER=postgres\nPOSTGRES_PASSWORD=postgres\nPOSTGRES_HOSTNAME=localhost\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n",
    );
    p.file(".devcontainer/Dockerfile", "FROM itp-test/busybox:2\n");
    let r = p.run(&["init", "--from", ".devcontainer/devcontainer.json", "--yes"]);
    r.code(0).shows(&[
        "`localhost` no longer reaches `db`",
        "CACHE_URL `redis://localhost:6379/0` → `redis://db:6379/0`",
        "POSTGRES_HOSTNAME `localhost` → `db`",
        "`DATABASE_URL` says `localhost`",
        "it is not copied",
    ]);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    let profile: toml::Value = toml::from_str(&got).unwrap();
    let dev = &profile["dev"];
    assert_eq!(
        dev["env"]["POSTGRES_HOSTNAME"].as_str(),
        Some("db"),
        "{got}"
    );
    assert_eq!(
        dev["env"]["CACHE_URL"].as_str(),
        Some("redis://db:6379/0"),
        "{got}"
    );
    assert_eq!(
        dev["env"]["NOT_A_HOST"].as_str(),
        Some("mylocalhost.example")
    );
    assert!(
        !got.contains("postgres:postgres@"),
        "a secret copied: {got}"
    );
    assert!(got.contains("depends_on = [\"db\"]"), "{got}");
    // The dev container keeps its compose name for the others.
    assert_eq!(
        dev["aliases"],
        toml::Value::Array(vec!["app".into()]),
        "{got}"
    );
    assert_eq!(
        profile["services"]["db"]["aliases"],
        toml::Value::Array(vec!["database".into(), "pg-db".into()])
    );
    p.run(&["validate"]).code(0);
    let r = p.run(&["k8s", "render", "--namespace", "qa"]);
    r.code(0);
    // The password `postgres` is also the image's name: masking it in
    // free text would mangle the image; it stays.
    assert!(r.stdout.contains("image: postgres:16"), "{}", r.stdout);
    let services: Vec<String> = r
        .stdout
        .split("\n---\n")
        .map(|d| serde_yaml_ng::from_str::<serde_json::Value>(&format!("{d}\n")).unwrap())
        .filter(|d| d["kind"] == "Service")
        .map(|d| d["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    for name in ["db", "database", "pg-db", "dev", "app"] {
        assert!(
            services.iter().any(|s| s == name),
            "Service/{name}: {services:?}"
        );
    }
}

/// A compose file that includes another (with its own directory and
/// paths), extends a service from a third file, and uses a variable set
/// nowhere: one profile, paths right, compose's meaning kept.
#[test]
fn include_extends_from_another_file_and_unset_variables() {
    let p = Project::empty();
    p.file(
        "compose.yaml",
        r#"include:
  - infra/compose.yaml
  - path: [tools/compose.yaml]
services:
  web:
    extends:
      file: common/base.yaml
      service: app
    image: shop/web:${TAG}
    environment:
      ROLE: web
      OPTIONAL: ${NOT_SET_ANYWHERE}
      WITH_DEFAULT: ${ALSO_UNSET:-fallback}
      LITERAL: $${NOT_A_VARIABLE}
  cache:
    image: redis:7
"#,
    );
    p.file(
        "infra/compose.yaml",
        r#"services:
  db:
    image: postgres:16
    env_file: db.env
    volumes:
      - ./init:/docker-entrypoint-initdb.d:ro
      - db-data:/var/lib/postgresql/data
  cache:
    image: redis:6
volumes:
  db-data:
"#,
    );
    p.file("infra/db.env", "POSTGRES_PASSWORD=example\n");
    p.file("infra/init/schema.sql", "create table t (id int);\n");
    p.file(
        "tools/compose.yaml",
        "services:\n  mailhog:\n    build: ./mailhog\n",
    );
    p.file("tools/mailhog/Dockerfile", "FROM itp-test/busybox:2\n");
    p.file(
        "common/base.yaml",
        r#"services:
  base:
    environment:
      LOG: debug
      ROLE: base
  app:
    extends: base
    build: ../app
    volumes:
      - ./config.yml:/etc/app/config.yml:ro
"#,
    );
    p.file("common/config.yml", "a: 1\n");
    p.file("app/Dockerfile", "FROM itp-test/busybox:2\n");
    let r = p.run_env(
        &["init", "--from", "compose.yaml", "--yes"],
        &[("TAG", "3")],
    );
    r.code(0).shows(&[
        "`include`: `services.cache` of `infra/compose.yaml` is also defined where it is included",
        "`${NOT_SET_ANYWHERE}`: not set here",
    ]);
    assert!(!r.stderr.contains("ALSO_UNSET"), "{}", r.stderr);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    let v: toml::Value = toml::from_str(&got).unwrap();
    let s = &v["services"];
    // Included: paths against the included file's directory.
    assert_eq!(
        s["db"]["env_file"][0].as_str(),
        Some("infra/db.env"),
        "{got}"
    );
    assert_eq!(
        s["db"]["volumes"][0].as_str(),
        Some("./infra/init:/docker-entrypoint-initdb.d:ro"),
        "{got}"
    );
    assert_eq!(
        s["mailhog"]["build"].as_str(),
        Some("tools/mailhog"),
        "{got}"
    );
    // The including file's `cache` wins.
    assert_eq!(s["cache"]["image"].as_str(), Some("redis:7"));
    // Extended from another file: its chain merged, its paths rebased,
    // the service's own keys over it.
    let web = &s["web"];
    assert_eq!(web["build"].as_str(), Some("app"), "{got}");
    assert_eq!(web["env"]["LOG"].as_str(), Some("debug"));
    assert_eq!(web["env"]["ROLE"].as_str(), Some("web"));
    assert_eq!(
        web["volumes"][0].as_str(),
        Some("./common/config.yml:/etc/app/config.yml:ro"),
        "{got}"
    );
    // Unset: empty, as compose has it; a default and `$$` untouched.
    assert_eq!(
        web["env"]["OPTIONAL"].as_str(),
        Some("${NOT_SET_ANYWHERE:-}")
    );
    assert_eq!(
        web["env"]["WITH_DEFAULT"].as_str(),
        Some("${ALSO_UNSET:-fallback}")
    );
    assert_eq!(web["env"]["LITERAL"].as_str(), Some("$${NOT_A_VARIABLE}"));
    p.run_env(&["validate"], &[("TAG", "3")]).code(0);
    let c = p.run_env(&["config", "--json"], &[("TAG", "3")]);
    c.code(0);
    let cfg: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
    assert_eq!(cfg["services"]["web"]["env"]["OPTIONAL"], "");
    assert_eq!(
        cfg["services"]["web"]["env"]["LITERAL"],
        "${NOT_A_VARIABLE}"
    );
}

/// Files written on Windows: backslashes become `/`, a drive path is not
/// carried (it names one machine's disk), and the cross-platform idiom
/// `${localEnv:HOME}${localEnv:USERPROFILE}` keeps working where one of
/// the two is unset, as in the Dev Containers tools.
#[test]
fn windows_paths_and_the_home_idiom() {
    let p = Project::empty();
    p.file(
        ".devcontainer/devcontainer.json",
        r#"{
  "image": "itp-test/busybox:2",
  "mounts": [
    "source=${localEnv:HOME}${localEnv:USERPROFILE}/.aws,target=/home/dev/.aws,type=bind",
    "source=C:\\Users\\me\\.kube,target=/home/dev/.kube,type=bind"
  ]
}"#,
    );
    p.file(
        "compose.yaml",
        "services:\n  app:\n    image: itp-test/busybox:2\n    volumes:\n      - .\\data\\cache:/cache\n      - C:\\Users\\me\\data:/data\n      - d:/named\n",
    );
    let r = p.run(&["init", "--from", ".devcontainer/devcontainer.json", "--yes"]);
    r.code(0)
        .shows(&["`C:\\Users\\me\\.kube` is a Windows drive path"]);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    assert!(
        got.contains("\"${HOME:-}${USERPROFILE:-}/.aws:/home/dev/.aws\""),
        "{got}"
    );
    assert!(!got.contains(".kube:"), "{got}");
    let c = p.run_env(&["config", "--json"], &[("HOME", "/home/tester")]);
    c.code(0).shows(&["/home/tester/.aws:/home/dev/.aws"]);

    std::fs::remove_file(p.path().join("itp-dev.toml")).unwrap();
    let r = p.run(&["init", "--from", "compose.yaml", "--yes"]);
    r.code(0).shows(&[
        "is written `./data/cache:/cache`",
        "`C:\\Users\\me\\data:/data` is a Windows drive path",
    ]);
    let got = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    let v: toml::Value = toml::from_str(&got).unwrap();
    assert_eq!(
        v["services"]["app"]["volumes"],
        toml::Value::Array(vec!["./data/cache:/cache".into(), "d:/named".into()]),
        "{got}"
    );
    p.run(&["validate"]).code(0);
    // Written by hand, a Windows path is refused with what to write.
    p.file(
        "itp-dev.toml",
        "version = 1\nname = \"w\"\n[services.app]\nimage = \"itp-test/busybox:2\"\nvolumes = ['C:\\Users\\me:/data']\n",
    );
    p.run(&["validate"])
        .code(2)
        .shows(&["is a Windows path", "./data:/data", "itp-dev.toml:5:"]);
}
