//! `k8s render`: every template's manifests validated in strict mode by
//! PyPI's `kubernetes-validate` (the official OpenAPI schemas) against the
//! oldest and newest Kubernetes it ships, plus insta snapshots
//! (`tests/it/snapshots/`; `INSTA_UPDATE=always` updates them)
//! and the rules every object follows. No cluster is involved.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Project;

const KUBERNETES: [&str; 2] = ["1.25.0", "1.37.0"];

fn validator() -> PathBuf {
    if let Some(p) = std::env::var_os("ITP_DEV_KUBERNETES_VALIDATE") {
        return PathBuf::from(p);
    }
    let out =
        Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ensure-k8s-validate.sh"))
            .output()
            .expect("installs kubernetes-validate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// `file` passes kubernetes-validate in strict mode against every version.
fn validate_strictly(validate: &Path, file: &Path, what: &str) {
    for version in KUBERNETES {
        let out = Command::new(validate)
            .args(["--strict", "--quiet", "-k", version])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{what} against Kubernetes {version}:\n{}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(file).unwrap_or_default()
        );
    }
}

fn templates() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn render(name: &str, profile: &str) -> (Project, String) {
    let p =
        Project::new(&profile.replace("version = 1", &format!("version = 1\nname = \"{name}\"")));
    p.file("services/api/Dockerfile", "FROM scratch\n");
    p.file(".itp-dev/dev/Dockerfile", "FROM scratch\n");
    let r = p.run_env(
        &["k8s", "render", "--namespace", "qa"],
        &[("DB_PASSWORD", "hunter2")],
    );
    r.code(0);
    (p, r.stdout)
}

#[test]
fn every_template_renders_manifests_kubernetes_accepts_strictly() {
    let validate = validator();
    for (name, profile) in templates() {
        let (p, yaml) = render(&name, &profile);
        let file = p.path().join("manifests.yaml");
        std::fs::write(&file, &yaml).unwrap();
        validate_strictly(&validate, &file, &name);
        insta::assert_snapshot!(name, yaml);
    }
}

#[test]
fn every_object_is_labelled_and_secrets_never_show() {
    for (name, profile) in templates() {
        let (_p, yaml) = render(&name, &profile);
        assert!(
            !yaml.contains("hunter2"),
            "{name}: a secret value in the output"
        );
        for doc in yaml.split("\n---\n") {
            let v: serde_json::Value = serde_yaml_ng::from_str(doc).unwrap();
            let l = &v["metadata"]["labels"];
            assert_eq!(
                l["app.kubernetes.io/managed-by"], "itp-dev",
                "{name}: {doc}"
            );
            assert_eq!(
                l["app.kubernetes.io/part-of"],
                name.as_str(),
                "{name}: {doc}"
            );
            if v["kind"] == "ConfigMap" {
                let data = serde_json::to_string(&v["data"]).unwrap();
                assert!(
                    !data.contains("PASSWORD"),
                    "{name}: a secret in a ConfigMap: {doc}"
                );
            }
            if matches!(v["kind"].as_str(), Some("Deployment" | "StatefulSet")) {
                assert!(v["metadata"]["annotations"]["itp.dev/config-hash"].is_string());
            }
        }
    }
}

#[test]
fn render_writes_one_file_per_object() {
    let (name, profile) = templates()
        .into_iter()
        .find(|(n, _)| n == "full-stack")
        .unwrap();
    let (p, yaml) = render(&name, &profile);
    let out = p.path().join("out");
    p.run(&[
        "k8s",
        "render",
        "--namespace",
        "qa",
        "--out",
        out.to_str().unwrap(),
    ])
    .code(0);
    let files = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(files, yaml.matches("\napiVersion:").count() + 1);
}

/// A one-shot task (`once = true`) is a Job in the namespace, as it is a
/// run-to-the-end container locally: never restarted, named by its hash
/// (a Job cannot change, so a changed task is a new Job and the old one is
/// pruned), and accepted strictly by both Kubernetes versions.
#[test]
fn a_once_task_renders_as_a_job_kubernetes_accepts() {
    let profile = "version = 1\nname = \"tasks\"\n[services.db]\nimage = \"postgres:16\"\nports = [\"5432\"]\n[services.migrate]\nimage = \"migrate:1\"\nonce = true\ncommand = [\"migrate\", \"up\"]\ndepends_on = [\"db\"]\n";
    let p = Project::new(profile);
    let r = p.run(&["k8s", "render", "--namespace", "qa"]);
    r.code(0);
    let docs: Vec<serde_json::Value> = r
        .stdout
        .split("\n---\n")
        .filter(|d| !d.trim().is_empty())
        .map(|d| serde_yaml_ng::from_str(d).unwrap())
        .collect();
    let job = docs
        .iter()
        .find(|d| d["kind"] == "Job")
        .unwrap_or_else(|| panic!("a Job in:\n{}", r.stdout));
    assert!(
        job["metadata"]["name"]
            .as_str()
            .unwrap()
            .starts_with("migrate-")
    );
    assert_eq!(job["spec"]["backoffLimit"], 0);
    assert_eq!(job["spec"]["template"]["spec"]["restartPolicy"], "Never");
    assert!(
        !docs
            .iter()
            .any(|d| d["kind"] == "Deployment" && d["metadata"]["name"] == "migrate"),
        "not also a Deployment"
    );
    let file = p.path().join("manifests.yaml");
    std::fs::write(&file, &r.stdout).unwrap();
    validate_strictly(&validator(), &file, "tasks");
}

#[test]
fn an_ingress_per_service_with_published_ports_kubernetes_accepts() {
    let profile = r#"version = 1
name = "shop"
[services.web]
image = "web:1"
ports = ["8080:80", "9090"]
[services.api]
image = "api:1"
ports = ["3000"]
[services.db]
image = "postgres:16"
expose = [5432]
[services.migrate]
image = "migrate:1"
once = true
[kubernetes.ingress]
host = "{service}-{port}.{namespace}.qa.example.test"
class = "nginx"
tls_secret = "qa-wildcard"
annotations = { "nginx.ingress.kubernetes.io/proxy-body-size" = "20m" }
"#;
    let p = Project::new(profile);
    let r = p.run(&["k8s", "render", "--namespace", "qa"]);
    r.code(0);
    let docs: Vec<serde_json::Value> = r
        .stdout
        .split("\n---\n")
        .filter(|d| !d.trim().is_empty())
        .map(|d| serde_yaml_ng::from_str(d).unwrap())
        .collect();
    let ingresses: Vec<&serde_json::Value> =
        docs.iter().filter(|d| d["kind"] == "Ingress").collect();
    let names: Vec<&str> = ingresses
        .iter()
        .map(|d| d["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["web", "api"],
        "published TCP ports only, no task, no expose"
    );
    let web = ingresses[0];
    let hosts: Vec<&str> = web["spec"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["host"].as_str().unwrap())
        .collect();
    assert_eq!(
        hosts,
        ["web-80.qa.qa.example.test", "web-9090.qa.qa.example.test"]
    );
    assert_eq!(web["spec"]["ingressClassName"], "nginx");
    assert_eq!(web["spec"]["tls"][0]["secretName"], "qa-wildcard");
    assert_eq!(
        web["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"],
        serde_json::json!({ "name": "web", "port": { "number": 80 } })
    );
    assert_eq!(
        web["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "itp-dev"
    );
    let file = p.path().join("manifests.yaml");
    std::fs::write(&file, &r.stdout).unwrap();
    validate_strictly(&validator(), &file, "ingress");
}

#[test]
fn a_bad_ingress_is_refused_where_it_is_written() {
    let bad = |ingress: &str| {
        let p = Project::new(&format!(
            "version = 1\nname = \"shop\"\n[services.web]\nimage = \"web:1\"\nports = [\"80\", \"443\"]\n[kubernetes.ingress]\n{ingress}\n"
        ));
        p.run(&["k8s", "render", "--namespace", "qa"])
    };
    bad("host = \"{svc}.example.test\"").code(2).shows(&[
        "itp-dev.toml:7",
        "placeholders are",
        "{service}",
    ]);
    bad("host = \"{service}.Example.test\"")
        .code(2)
        .shows(&["label `Example`"]);
    bad("host = \"{service}.example.test\"\nservices = [\"nope\"]")
        .code(2)
        .shows(&["itp-dev.toml:8", "`nope`, which is not a service"]);
    bad("host = \"{service}.example.test\"")
        .code(2)
        .shows(&["publishes 2 ports", "{port}"]);
    bad("host = \"10.0.0.{port}\"")
        .code(2)
        .shows(&["IP address"]);
    bad("host = \"*.{service}-{port}.example.test\"")
        .code(2)
        .shows(&["wildcard"]);
    // Two services, one host.
    let p = Project::new(
        "version = 1\nname = \"shop\"\n[services.web]\nimage = \"web:1\"\nports = [\"80\"]\n[services.api]\nimage = \"api:1\"\nports = [\"80\"]\n[kubernetes.ingress]\nhost = \"{project}-{port}.example.test\"\n",
    );
    p.run(&["k8s", "render", "--namespace", "qa"])
        .code(2)
        .shows(&["would both be `shop-80.example.test`", "`{service}`"]);
}

#[test]
fn a_port_published_twice_is_one_container_port() {
    let p = Project::new(
        "version = 1\nname = \"shop\"\n[services.web]\nimage = \"web:1\"\nports = [\"127.0.0.1:18090:8080\", \"18095:8080/tcp\"]\n",
    );
    let r = p.run(&["k8s", "render", "--namespace", "qa"]);
    r.code(0);
    assert_eq!(
        r.stdout.matches("containerPort: 8080").count(),
        1,
        "{}",
        r.stdout
    );
}
