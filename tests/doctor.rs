//! `itp-dev doctor`: one test per check that can fail, each through the
//! real binary (the engine check against a real engine and an address
//! where none listens).

mod common;
use common::{Project, TEST_IMAGE as IMAGE, free_port};

fn checks(p: &Project, env: &[(&str, &str)]) -> (i32, Vec<serde_json::Value>) {
    let r = p.run_env(&["--json", "doctor"], env);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(v["ok"], r.code == 0, "exit 0 exactly when nothing fails");
    (r.code, v["checks"].as_array().unwrap().clone())
}

fn find<'a>(checks: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    checks
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no `{name}` check in {checks:?}"))
}

fn healthy_profile(extra: &str) -> String {
    format!("version = 1\nname = \"doc\"\n[services.web]\nimage = \"{IMAGE}\"\n{extra}")
}

#[test]
fn all_good_exits_0() {
    let p = Project::new(&healthy_profile(""));
    let (code, c) = checks(&p, &[]);
    assert_eq!(code, 0, "{c:?}");
    for name in ["engine", "profile", "disk", "ports", "socket"] {
        assert_eq!(find(&c, name)["status"], "pass", "{name}: {c:?}");
    }
}

#[test]
fn engine_down() {
    let p = Project::new(&healthy_profile(""));
    let (code, c) = checks(&p, &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")]);
    assert_eq!(code, 1);
    let e = find(&c, "engine");
    assert_eq!(e["status"], "fail");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/docker.sock")
    );
    assert!(e["fix"].as_str().unwrap().contains("DOCKER_HOST"));
    assert_eq!(find(&c, "disk")["status"], "skip");
}

#[test]
fn a_port_taken() {
    let port = free_port();
    let _l = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let p = Project::new(&healthy_profile(&format!("ports = [\"{port}:80\"]\n")));
    let (code, c) = checks(&p, &[]);
    assert_eq!(code, 1);
    let ports = find(&c, "ports");
    assert_eq!(ports["status"], "fail");
    assert!(
        ports["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{port}"))
    );
    assert!(
        ports["message"]
            .as_str()
            .unwrap()
            .contains("another program")
    );
}

#[test]
fn an_invalid_profile() {
    let p = Project::new("version = 1\nname = \"doc\"\n[services.web]\nimgae = \"x\"\n");
    let (code, c) = checks(&p, &[]);
    assert_eq!(code, 1);
    let prof = find(&c, "profile");
    assert_eq!(prof["status"], "fail");
    assert!(prof["fix"].as_str().unwrap().contains("itp-dev validate"));
    // Text output too, for people.
    p.run(&["doctor"])
        .code(1)
        .shows(&["✗ profile", "fix: `itp-dev validate`"]);
}

#[test]
fn a_huge_build_context() {
    let p = Project::new(
        &healthy_profile("").replace(&format!("image = \"{IMAGE}\"\n"), "build = \"app\"\n"),
    );
    p.file("app/Dockerfile", "FROM scratch\n");
    // 200 MiB of node_modules, without using 200 MiB of disk.
    std::fs::create_dir_all(p.path().join("app/node_modules")).unwrap();
    let f = std::fs::File::create(p.path().join("app/node_modules/blob")).unwrap();
    f.set_len(200 << 20).unwrap();
    let (code, c) = checks(&p, &[]);
    assert_eq!(code, 0, "a warning is not a failure");
    let b = find(&c, "build context");
    assert_eq!(b["status"], "warn");
    assert!(
        b["fix"]
            .as_str()
            .unwrap()
            .contains("node_modules (200 MiB)"),
        "{b}"
    );
    // Once ignored, it is fine.
    p.file("app/.dockerignore", "node_modules\n");
    let (_, c) = checks(&p, &[]);
    assert_eq!(find(&c, "build context")["status"], "pass");
}

#[test]
fn a_kubeconfig_without_the_profiles_context() {
    let p = Project::new(&healthy_profile("\n[kubernetes]\ncontext = \"qa\"\n"));
    p.file(
        "kubeconfig",
        "apiVersion: v1\nkind: Config\ncurrent-context: dev\ncontexts:\n- name: dev\n  context: { cluster: c, user: u }\n",
    );
    let kc = p.path().join("kubeconfig");
    let (code, c) = checks(&p, &[("KUBECONFIG", kc.to_str().unwrap())]);
    assert_eq!(code, 1);
    let k = find(&c, "k8s context");
    assert_eq!(k["status"], "fail");
    assert!(k["fix"].as_str().unwrap().contains("dev"));
    assert_eq!(find(&c, "kubeconfig")["status"], "pass");
    let (_, c) = checks(&p, &[("KUBECONFIG", "/nonexistent/kubeconfig")]);
    assert_eq!(find(&c, "kubeconfig")["status"], "warn");
}
