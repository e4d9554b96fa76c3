//! The pure core: compile a profile into a plan and diff it against what an
//! engine would report. Every action kind is covered here without Docker.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::Project;
use itp_dev::plan::{
    self, ActionKind, ContainerState, DiffError, Host, Observed, ObservedContainer, ObservedImage,
    ObservedNetwork, Plan,
};
use itp_dev::profile::{LoadOptions, load};

const HOST: Host = Host {
    uid: 1000,
    gid: 1000,
    home: None,
};

fn plan_of(p: &Project, overlays: &[&str]) -> Plan {
    let loaded = load(&LoadOptions {
        cwd: p.path().to_path_buf(),
        overlays: overlays.iter().map(|s| s.to_string()).collect(),
        env: [("USER".to_string(), "tester".to_string())].into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("profile loads: {e:?}"));
    plan::compile(&loaded, &HOST)
}

const STACK: &str = r#"
name = "shop"
[dev]
image = "busybox"
depends_on = { db = "healthy" }
mounts = ["cache:/cache"]
[services.db]
image = "postgres:16"
volumes = ["db-data:/var/lib/postgresql/data"]
healthcheck = { command = ["pg_isready"], interval = "500ms" }
env = { POSTGRES_PASSWORD = "pw" }
secrets = ["POSTGRES_PASSWORD"]
[services.web]
build = "web"
depends_on = ["db"]
ports = ["8080:80"]
[overlays.debug]
services.db.env = { POSTGRES_PASSWORD = "pw", LOG = "all" }
"#;

fn stack() -> Project {
    let p = Project::new(STACK);
    p.file("web/Dockerfile", "FROM scratch\n");
    p
}

/// What an engine reports after `up` applied `plan` exactly.
fn converged(plan: &Plan) -> Observed {
    Observed {
        networks: vec![ObservedNetwork {
            id: "net-1".into(),
            created: "2026-11-01T10:00:00Z".into(),
        }],
        volumes: plan.volumes.iter().map(|v| v.docker_name.clone()).collect(),
        containers: plan
            .containers
            .iter()
            .map(|c| ObservedContainer {
                id: format!("id-{}", c.service),
                name: c.name.clone(),
                service: c.service.clone(),
                config_hash: c.config_hash.clone(),
                key_hashes: c.key_hashes.clone(),
                state: ContainerState::Running,
                image_id: format!("sha256:{}", c.image),
                networks: BTreeSet::from(["net-1".to_string()]),
                exit_code: None,
            })
            .collect(),
        images: plan
            .images
            .iter()
            .map(|i| {
                (
                    i.reference.clone(),
                    ObservedImage {
                        id: format!("sha256:{}", i.reference),
                        context_hash: Some("ctx1".into()),
                    },
                )
            })
            .collect(),
        context_hashes: BTreeMap::from([("web".to_string(), "ctx1".to_string())]),
    }
}

fn kinds(actions: &[plan::Action]) -> Vec<String> {
    actions
        .iter()
        .filter(|a| !a.is_noop())
        .map(|a| format!("{} {}", a.verb(), a.subject()))
        .collect()
}

#[test]
fn compile_names_labels_and_orders_everything() {
    let plan = stack_plan();
    assert_eq!(plan.network, "shop_default");
    assert_eq!(
        plan.volumes
            .iter()
            .map(|v| v.docker_name.as_str())
            .collect::<Vec<_>>(),
        ["shop_db-data", "shop_cache"]
    );
    assert_eq!(
        plan.levels,
        vec![
            vec!["db".to_string()],
            vec!["web".to_string(), "dev".to_string()]
        ]
    );
    let dev = plan.container("dev").unwrap();
    assert_eq!(dev.name, "shop-dev");
    assert_eq!(dev.user.as_deref(), Some("1000:1000"));
    assert_eq!(dev.workdir.as_deref(), Some("/workspace"));
    assert_eq!(
        dev.mounts[0].source,
        plan.project_dir.display().to_string(),
        "the repository is mounted first"
    );
    assert_eq!(dev.labels["dev.itp.project"], "shop");
    assert_eq!(dev.labels["dev.itp.service"], "dev");
    assert_eq!(dev.labels["dev.itp.config-hash"], dev.config_hash);
    let db = plan.container("db").unwrap();
    let hc = db.healthcheck.as_ref().unwrap();
    assert_eq!(
        (hc.test.as_slice(), hc.interval_ms, hc.retries),
        (&["CMD".to_string(), "pg_isready".to_string()][..], 500, 30)
    );
    let web = plan.image("web").unwrap();
    assert_eq!(web.reference, "itp-shop-web:latest");
    assert!(
        matches!(&web.source, plan::ImageSource::Build { dockerfile, .. } if dockerfile.ends_with("web/Dockerfile"))
    );
}

fn stack_plan() -> Plan {
    plan_of(&stack(), &[])
}

#[test]
fn the_config_hash_is_deterministic_and_tracks_changes() {
    let p = stack();
    let a = plan_of(&p, &[]);
    let b = plan_of(&p, &[]);
    assert_eq!(a, b, "same profile, same plan");
    let c = plan_of(&p, &["debug"]);
    assert_ne!(
        a.container("db").unwrap().config_hash,
        c.container("db").unwrap().config_hash
    );
    assert_eq!(
        a.container("web").unwrap().config_hash,
        c.container("web").unwrap().config_hash
    );
}

#[test]
fn secrets_are_masked_in_the_printable_plan() {
    let masked = stack_plan().masked();
    assert_eq!(
        masked.container("db").unwrap().env["POSTGRES_PASSWORD"],
        plan::MASK
    );
    let json = serde_json::to_string(&masked).unwrap();
    assert!(!json.contains("\"pw\""), "{json}");
}

#[test]
fn cold_start_creates_everything_in_order() {
    let plan = stack_plan();
    let actions = plan::diff(&plan, &Observed::default()).unwrap();
    assert_eq!(
        kinds(&actions),
        [
            "create network shop_default",
            "create volume shop_db-data",
            "create volume shop_cache",
            "pull postgres:16",
            "build itp-shop-web:latest",
            "pull busybox",
            "create db",
            "create web",
            "create dev"
        ]
    );
    assert!(
        actions.iter().all(|a| !a.reason.is_empty()),
        "every action has a reason"
    );
}

#[test]
fn warm_start_has_nothing_to_do() {
    let plan = stack_plan();
    let actions = plan::diff(&plan, &converged(&plan)).unwrap();
    assert!(plan::diff::is_converged(&actions), "{actions:?}");
    assert_eq!(actions.len(), 3, "one `keep` per container");
    assert!(actions.iter().all(|a| a.reason == "up to date"));
}

#[test]
fn a_changed_env_recreates_only_that_service_and_says_why() {
    let p = stack();
    let before = plan_of(&p, &[]);
    let after = plan_of(&p, &["debug"]);
    let actions = plan::diff(&after, &converged(&before)).unwrap();
    assert_eq!(kinds(&actions), ["recreate db"]);
    let recreate = actions.iter().find(|a| !a.is_noop()).unwrap();
    assert_eq!(
        recreate.kind,
        ActionKind::Recreate {
            service: "db".into(),
            changed: vec!["env".into()]
        }
    );
    assert_eq!(recreate.reason, "changed: env");
}

#[test]
fn a_stopped_or_paused_container_is_started() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.containers[0].state = ContainerState::Stopped;
    seen.containers[1].state = ContainerState::Paused;
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(kinds(&actions), ["start db", "start web"]);
}

#[test]
fn orphans_and_duplicates_are_removed_with_a_notice() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    let mut old = seen.containers[0].clone();
    old.service = "legacy".into();
    old.name = "shop-legacy".into();
    let mut dup = seen.containers[0].clone();
    dup.name = "shop-db-2".into();
    seen.containers.push(old);
    seen.containers.push(dup);
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(kinds(&actions), ["remove shop-legacy", "remove shop-db-2"]);
    assert!(actions.iter().any(|a| {
        a.reason
            .contains("no longer in the profile (its volumes are kept)")
    }));
}

#[test]
fn missing_volumes_are_created_alone() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.volumes = BTreeSet::from(["shop_cache".to_string()]);
    assert_eq!(
        kinds(&plan::diff(&plan, &seen).unwrap()),
        ["create volume shop_db-data"]
    );
}

/// Issue 12: containers whose network was removed by hand kept running as
/// "up to date", with names that no longer resolved.
#[test]
fn a_removed_network_is_created_again_and_every_container_rejoins_it() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.networks.clear();
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(
        kinds(&actions),
        [
            "create network shop_default",
            "recreate db",
            "recreate web",
            "recreate dev"
        ]
    );
    assert!(
        actions
            .iter()
            .filter(|a| matches!(a.kind, ActionKind::Recreate { .. }))
            .all(|a| a.reason.contains("network was removed")),
        "{actions:?}"
    );
}

#[test]
fn a_container_not_attached_to_the_project_network_is_recreated() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.networks[0].id = "net-2".into();
    for c in &mut seen.containers {
        if c.service != "db" {
            c.networks = BTreeSet::from(["net-2".to_string()]);
        }
    }
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(kinds(&actions), ["recreate db"]);
    assert!(
        actions.iter().any(
            |a| a.subject() == "db" && a.reason.contains("not attached to the project network")
        ),
        "{actions:?}"
    );
}

/// Issue 12: an interrupted network create left two networks of one name.
#[test]
fn of_two_twin_networks_the_one_in_use_is_kept_and_the_other_removed() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    // The newer twin is the one the containers use: it stays.
    seen.networks = vec![
        ObservedNetwork {
            id: "net-0".into(),
            created: "2026-10-01T10:00:00Z".into(),
        },
        seen.networks[0].clone(),
    ];
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(kinds(&actions), ["remove network net-0"]);
    assert_eq!(plan::chosen_network(&seen).unwrap().id, "net-1");
    // Nobody uses either: the oldest stays.
    for c in &mut seen.containers {
        c.networks.clear();
    }
    assert_eq!(plan::chosen_network(&seen).unwrap().id, "net-0");
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(
        kinds(&actions),
        [
            "remove network net-1",
            "recreate db",
            "recreate web",
            "recreate dev"
        ]
    );
}

#[test]
fn a_once_task_that_exited_0_is_kept_and_one_that_failed_runs_again() {
    let p = Project::new(&STACK.replace(
        "[services.web]",
        "[services.migrate]\nimage = \"busybox\"\nonce = true\n[services.web]",
    ));
    p.file("web/Dockerfile", "FROM scratch\n");
    let plan = plan_of(&p, &[]);
    let mut seen = converged(&plan);
    for c in &mut seen.containers {
        if c.service == "migrate" || c.service == "web" {
            c.state = ContainerState::Stopped;
            c.exit_code = Some(0);
        }
    }
    // A task that ran to completion is left; a service that exited is not.
    assert_eq!(kinds(&plan::diff(&plan, &seen).unwrap()), ["start web"]);
    for c in &mut seen.containers {
        if c.service == "migrate" {
            c.exit_code = Some(3);
        }
    }
    assert_eq!(
        kinds(&plan::diff(&plan, &seen).unwrap()),
        ["start migrate", "start web"]
    );
}

#[test]
fn a_changed_build_context_rebuilds_and_recreates() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.context_hashes.insert("web".into(), "ctx2".into());
    let actions = plan::diff(&plan, &seen).unwrap();
    assert_eq!(
        kinds(&actions),
        ["build itp-shop-web:latest", "recreate web"]
    );
    assert!(actions.iter().any(|a| a.reason == "build context changed"));
}

#[test]
fn a_newer_image_recreates_its_containers() {
    let plan = stack_plan();
    let mut seen = converged(&plan);
    seen.images.get_mut("postgres:16").unwrap().id = "sha256:newer".into();
    assert_eq!(kinds(&plan::diff(&plan, &seen).unwrap()), ["recreate db"]);
}

#[test]
fn pull_policies() {
    let p = Project::new(
        "[services.a]\nimage = \"x:1\"\npull = \"always\"\n[services.b]\nimage = \"y:1\"\npull = \"never\"\n",
    );
    let plan = plan_of(&p, &[]);
    let mut seen = converged(&plan);
    assert_eq!(
        kinds(&plan::diff(&plan, &seen).unwrap()),
        ["pull x:1"],
        "always pulls, even when present"
    );
    seen.images.remove("y:1");
    assert_eq!(
        plan::diff(&plan, &seen).unwrap_err(),
        DiffError::ImageMissing {
            service: "b".into(),
            reference: "y:1".into()
        }
    );
}

#[test]
fn interpolation_overlays_and_env_files_reach_the_plan() {
    let p = Project::new(
        "name = \"${ITP_USER}-app\"\n[services.a]\nimage = \"x:${TAG:-1}\"\nenv_file = [\"a.env\"]\nenv = { MODE = \"${MODE}\" }\n[overlays.qa]\nservices.a.env = { MODE = \"qa\" }\n",
    );
    p.file("a.env", "TOKEN=s3cret\n# comment\nMODE=from-file\n")
        .file(".env", "MODE=dotenv\n");
    let plan = plan_of(&p, &[]);
    assert_eq!(plan.project, "tester-app");
    let a = plan.container("a").unwrap();
    assert_eq!(a.image, "x:1");
    assert_eq!(
        a.env["MODE"], "dotenv",
        "the profile's env wins over env_file; .env feeds interpolation"
    );
    assert_eq!(a.env["TOKEN"], "s3cret");
    assert!(a.secret_keys.contains("TOKEN") && !a.secret_keys.contains("MODE"));
    assert_eq!(
        plan.masked().container("a").unwrap().env["TOKEN"],
        plan::MASK
    );
    assert_eq!(
        plan_of(&p, &["qa"]).container("a").unwrap().env["MODE"],
        "qa"
    );
}
