//! `itp-dev doctor`: one test per check that can fail, each through the
//! real binary (the engine check against a real engine and an address
//! where none listens).

use crate::common::{Project, TEST_IMAGE as IMAGE, free_port};

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

/// Issue 13: doctor read only the first `KUBECONFIG` entry, as untyped
/// YAML, while `k8s push` merged the list; now both read it as kubectl does
/// (files merged, the first to set a value wins, missing files skipped).
#[test]
fn a_kubeconfig_list_is_read_as_kubectl_and_k8s_push_read_it() {
    let p = Project::new(&healthy_profile("\n[kubernetes]\ncontext = \"qa\"\n"));
    p.file(
        "second",
        "apiVersion: v1\nkind: Config\ncontexts:\n- name: qa\n  context: { cluster: c, user: u }\n",
    );
    let list = format!(
        "/nonexistent/first:{}",
        p.path().join("second").to_str().unwrap()
    );
    let (_, c) = checks(&p, &[("KUBECONFIG", &list)]);
    assert_eq!(find(&c, "kubeconfig")["status"], "pass", "{c:?}");
    assert_eq!(find(&c, "k8s context")["status"], "pass", "{c:?}");
    // And a file that is not a kubeconfig is named, for both.
    p.file("broken", "this: [is not a kubeconfig\n");
    let list = format!("{}:{list}", p.path().join("broken").to_str().unwrap());
    let (_, c) = checks(&p, &[("KUBECONFIG", &list)]);
    let k = find(&c, "kubeconfig");
    assert_eq!(k["status"], "fail");
    assert!(k["message"].as_str().unwrap().contains("broken"), "{k:?}");
}

/// A kubeconfig with one context `ctx` pointing at `server`.
fn kubeconfig(p: &Project, server: &str) -> String {
    p.file(
        "kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: ctx\nclusters:\n- name: c\n  cluster: {{ server: \"{server}\" }}\ncontexts:\n- name: ctx\n  context: {{ cluster: c, user: u, namespace: default }}\nusers:\n- name: u\n  user: {{ token: test-token }}\n"
        ),
    );
    p.path().join("kubeconfig").to_str().unwrap().to_string()
}

/// A test API server on loopback (not Kubernetes): answers `/version` and
/// SelfSubjectAccessReviews with `allowed`, over the real wire format.
fn test_api_server(allowed: bool) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in l.incoming().flatten() {
            let mut r = BufReader::new(conn.try_clone().unwrap());
            let mut first = String::new();
            if r.read_line(&mut first).is_err() {
                continue;
            }
            let mut len = 0;
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h == "\r\n" || h.is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let reply = if first.starts_with("GET /version") {
                r#"{"major":"1","minor":"33","gitVersion":"v1.33.0","gitCommit":"x","gitTreeState":"clean","buildDate":"2026-01-01T00:00:00Z","goVersion":"go1.24","compiler":"gc","platform":"linux/amd64"}"#.to_string()
            } else {
                let mut v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                v["status"] = serde_json::json!({ "allowed": allowed, "reason": if allowed { "" } else { "no RoleBinding" } });
                v.to_string()
            };
            let mut w = conn;
            let _ = write!(
                w,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn the_kubernetes_api_unreachable_or_the_namespace_forbidden() {
    let p = Project::new(&healthy_profile("\n[kubernetes]\nnamespace = \"qa\"\n"));
    let kc = kubeconfig(&p, "https://127.0.0.1:1");
    let (code, c) = checks(&p, &[("KUBECONFIG", &kc)]);
    assert_eq!(code, 1);
    let api = find(&c, "k8s API");
    assert_eq!(api["status"], "fail");
    assert!(
        api["message"].as_str().unwrap().contains("does not answer"),
        "{api}"
    );

    let kc = kubeconfig(&p, &test_api_server(false));
    let (code, c) = checks(&p, &[("KUBECONFIG", &kc)]);
    assert_eq!(code, 1);
    assert_eq!(find(&c, "k8s API")["status"], "pass", "{c:?}");
    let ns = find(&c, "k8s namespace");
    assert_eq!(ns["status"], "fail");
    assert!(ns["message"].as_str().unwrap().contains("`qa`"));

    let kc = kubeconfig(&p, &test_api_server(true));
    let (code, c) = checks(&p, &[("KUBECONFIG", &kc)]);
    assert_eq!(code, 0, "{c:?}");
    assert_eq!(find(&c, "k8s namespace")["status"], "pass");
}
