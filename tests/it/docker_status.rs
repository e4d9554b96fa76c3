//! `status` against the real Docker engine (scripts/ensure-docker.sh starts
//! one and builds the `itp-test/busybox:2` image). Containers are made with
//! the docker CLI carrying the labels `up` sets, plus one without them that
//! status must never show. Every object has a unique name and is removed.

use crate::common::Project;

use crate::common::{Cleanup, TEST_IMAGE as IMAGE, docker_ok as docker, unique};

#[test]
fn status_shows_state_health_ports_and_orphans_and_ignores_unlabelled_containers() {
    let project = unique("st");
    let p = Project::new(&format!(
        "name = \"{project}\"\n[services.web]\nimage = \"{IMAGE}\"\nports = [\"8080\"]\n[services.db]\nimage = \"{IMAGE}\"\n"
    ));
    let web = format!("{project}-web");
    let old = format!("{project}-old");
    let stranger = format!("{project}-stranger");
    let _cleanup = Cleanup(vec![
        ("container", web.clone()),
        ("container", old.clone()),
        ("container", stranger.clone()),
    ]);
    let label = |svc: &str| {
        vec![
            format!("--label=dev.itp.project={project}"),
            format!("--label=dev.itp.service={svc}"),
        ]
    };
    let mut args = vec![
        "run",
        "-d",
        "--name",
        &web,
        "-p",
        "127.0.0.1::8080",
        "--health-cmd",
        "true",
        "--health-interval",
        "200ms",
    ];
    let web_labels = label("web");
    args.extend(web_labels.iter().map(String::as_str));
    args.extend([IMAGE, "httpd", "-f", "-p", "8080"]);
    docker(&args);
    let old_labels = label("old");
    let mut args = vec!["create", "--name", &old];
    args.extend(old_labels.iter().map(String::as_str));
    args.extend([IMAGE, "true"]);
    docker(&args);
    // Same name prefix, but not labelled: not the project's.
    docker(&["create", "--name", &stranger, IMAGE, "true"]);

    let host_port = docker(&["port", &web, "8080/tcp"]);
    let host_port = host_port.rsplit(':').next().unwrap().to_string();
    // Wait (bounded) for the healthcheck to pass.
    let mut r = p.run(&["status"]);
    for _ in 0..50 {
        if r.stdout.contains("healthy") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        r = p.run(&["status"]);
    }
    r.code(0).shows(&[
        "SERVICE",
        "HEALTH",
        "UPTIME",
        "web",
        "running",
        "healthy",
        &format!("127.0.0.1:{host_port}->8080/tcp"),
        "db       not created",
        "old",
        "created (orphan)",
    ]);
    assert!(
        !r.stdout.contains("stranger"),
        "unlabelled containers are never shown:\n{}",
        r.stdout
    );

    let j = p.run(&["ps", "--json"]);
    j.code(0);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    let services = v["services"].as_array().unwrap();
    let web_row = services.iter().find(|s| s["service"] == "web").unwrap();
    assert_eq!(web_row["state"], "running");
    assert_eq!(
        web_row["ports"][0]["host_port"]
            .as_u64()
            .unwrap()
            .to_string(),
        host_port
    );
    assert!(
        services
            .iter()
            .any(|s| s["service"] == "old" && s["orphan"] == true)
    );
    assert!(services.iter().all(|s| s["service"] != "stranger"));
}

#[test]
fn an_unreachable_engine_exits_3_and_says_what_was_tried() {
    let p = Project::new(&format!("[services.a]\nimage = \"{IMAGE}\"\n"));
    p.run_env(
        &["status"],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    )
    .code(3)
    .shows(&[
        "cannot reach the Docker engine at unix:///nonexistent/docker.sock",
        "help: start Docker",
        "DOCKER_HOST is set",
    ]);
    p.run_env(&["status"], &[("DOCKER_HOST", "tcp://127.0.0.1:1")])
        .code(3)
        .shows(&[
            "cannot reach the Docker engine at tcp://127.0.0.1:1",
            "refused",
        ]);
}

#[test]
fn the_docker_clis_current_context_chooses_the_engine() {
    if crate::common::engine_host().is_some() {
        // DOCKER_HOST names the engine under test, and wins over contexts.
        eprintln!("skipped: the engine is set by ITP_DEV_TEST_ENGINE_HOST");
        return;
    }
    // A context whose endpoint is a link to this engine's socket: used, and
    // named by `doctor`; one whose endpoint is nowhere: exit 3, naming it.
    let p = Project::new(&format!("[services.a]\nimage = \"{IMAGE}\"\n"));
    let cfg = tempfile::tempdir().unwrap();
    let sock = cfg.path().join("engine.sock");
    std::os::unix::fs::symlink("/var/run/docker.sock", &sock).unwrap();
    let context = |name: &str, host: &str| {
        let key = {
            use sha2::Digest;
            sha2::Sha256::digest(name.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let dir = cfg.path().join("contexts/meta").join(key);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("meta.json"),
            format!(r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":false}}}}}}"#),
        )
        .unwrap();
    };
    context("linked", &format!("unix://{}", sock.display()));
    context("gone", "unix:///nonexistent/docker.sock");
    std::fs::write(
        cfg.path().join("config.json"),
        r#"{"currentContext":"linked"}"#,
    )
    .unwrap();
    let config = cfg.path().display().to_string();
    let env = [("DOCKER_CONFIG", config.as_str())];
    p.run_env(&["status"], &env).code(0);
    p.run_env(&["doctor"], &env)
        .shows(&["engine.sock (from Docker context `linked`"]);
    // DOCKER_CONTEXT wins over the config file, DOCKER_HOST over both.
    let r = p.run_env(
        &["status"],
        &[
            ("DOCKER_CONFIG", config.as_str()),
            ("DOCKER_CONTEXT", "gone"),
        ],
    );
    r.code(3).shows(&[
        "unix:///nonexistent/docker.sock",
        "Docker context `gone` (DOCKER_CONTEXT)",
    ]);
    p.run_env(
        &["status"],
        &[
            ("DOCKER_CONFIG", config.as_str()),
            ("DOCKER_CONTEXT", "gone"),
            ("DOCKER_HOST", "unix:///var/run/docker.sock"),
        ],
    )
    .code(0);
}
