//! `k8s push` against a loopback *test* API server
//! (tests/support/test_api_server.py), a stand-in that is not Kubernetes but
//! speaks its wire protocol. It stays for what a real server will not do on
//! demand: a 500 or a 422 on a chosen object, a namespace that is
//! terminating or forbidden at the right moment, and for checking the exact
//! requests sent (field manager, force, dry run). Everything else runs
//! against the real cluster in `k8s_cluster`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use crate::common::Project;

struct TestApiServer {
    child: Child,
    url: String,
    log: PathBuf,
}

impl TestApiServer {
    // The child is killed and waited for in Drop, which clippy cannot see.
    #[allow(clippy::zombie_processes)]
    fn start(dir: &Path, script: &str) -> Self {
        let port_file = dir.join(format!("port-{}", crate::common::unique("p")));
        let log = dir.join(format!("requests-{}.jsonl", crate::common::unique("l")));
        let child = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/test_api_server.py"))
            .args([&port_file, &log])
            .arg(script)
            .spawn()
            .expect("python3 runs the test API server");
        for _ in 0..100 {
            if let Ok(p) = std::fs::read_to_string(&port_file)
                && !p.is_empty()
            {
                return TestApiServer {
                    child,
                    url: format!("http://127.0.0.1:{p}"),
                    log,
                };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the test API server did not start");
    }

    fn requests(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for TestApiServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn kubeconfig(p: &Project, server: &str) -> String {
    p.file(
        "kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: test\nclusters:\n- name: c\n  cluster: {{ server: \"{server}\" }}\ncontexts:\n- name: test\n  context: {{ cluster: c, user: u }}\nusers:\n- name: u\n  user: {{ token: test-token }}\n"
        ),
    );
    p.path().join("kubeconfig").to_str().unwrap().to_string()
}

fn profile(ns: &str, with_cache: bool) -> String {
    let cache = if with_cache {
        "\n[services.cache]\nimage = \"redis:7\"\nports = [\"6379\"]\n"
    } else {
        ""
    };
    format!(
        r#"version = 1
name = "shop"

[services.db]
image = "postgres:16"
env = {{ POSTGRES_PASSWORD = "${{DB_PASSWORD}}", POSTGRES_DB = "app" }}
secrets = ["POSTGRES_PASSWORD"]
volumes = ["db-data:/var/lib/postgresql/data"]
ports = ["5432"]
healthcheck = {{ command = ["pg_isready"], interval = "1s" }}

[services.web]
image = "nginx:1.27"
ports = ["8080:80"]
depends_on = {{ db = "healthy" }}
{cache}
[kubernetes]
namespace = "{ns}"
ttl = "24h"
"#
    )
}

const SECRET: &str = "s3cret-value";

fn push(p: &Project, kc: &str, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["k8s", "push"];
    args.extend_from_slice(extra);
    p.run_env(&args, &[("KUBECONFIG", kc), ("DB_PASSWORD", SECRET)])
}

#[test]
fn push_applies_waits_and_a_second_push_changes_nothing() {
    let p = Project::new(&profile("qa", true));
    let api = TestApiServer::start(p.path(), "{}");
    let kc = kubeconfig(&p, &api.url);
    let r = push(&p, &kc, &[]);
    r.code(0).shows(&[
        "context `test`",
        "namespace `qa`",
        "created Namespace/qa",
        "created StatefulSet/db",
        "created Deployment/web",
        "created Secret/db-secrets",
        "web: ready",
        "shop ready in `qa`",
    ]);
    assert!(
        !r.stdout.contains(SECRET) && !r.stderr.contains(SECRET),
        "secrets never shown"
    );
    let reqs = api.requests();
    let applies: Vec<&serde_json::Value> = reqs.iter().filter(|r| r["method"] == "PATCH").collect();
    assert!(!applies.is_empty());
    for a in &applies {
        assert_eq!(a["content_type"], "application/apply-patch+yaml");
        assert_eq!(a["query"]["fieldManager"], "itp-dev");
        assert_eq!(a["query"]["force"], "true");
    }
    let secret = applies
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with("/secrets/db-secrets"))
        .unwrap();
    // The real value, as `data` (base64): the API server keeps only
    // `data`, so `stringData` would be a change on every push.
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(SECRET);
    let body: serde_json::Value = serde_json::from_str(secret["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body["data"]["POSTGRES_PASSWORD"],
        encoded.as_str(),
        "{body}"
    );
    assert!(body.get("stringData").is_none(), "{body}");
    let ns = applies
        .iter()
        .find(|a| a["path"] == "/api/v1/namespaces/qa")
        .unwrap();
    assert!(ns["body"].as_str().unwrap().contains("itp.dev/expires-at"));

    push(&p, &kc, &[])
        .code(0)
        .shows(&["0 of 10 objects changed, 0 pruned"]);

    // A service leaves the profile: its objects, and only those, are pruned.
    p.file("itp-dev.toml", &profile("qa", false));
    let before = api.requests().len();
    push(&p, &kc, &[])
        .code(0)
        .shows(&["deleted Deployment/cache", "deleted Service/cache"]);
    let deletes: Vec<String> = api.requests()[before..]
        .iter()
        .filter(|r| r["method"] == "DELETE")
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(deletes.len(), 2, "{deletes:?}");
}

#[test]
fn dry_run_changes_nothing_and_never_prints_secrets() {
    let p = Project::new(&profile("qa", false));
    let api = TestApiServer::start(p.path(), "{}");
    let kc = kubeconfig(&p, &api.url);
    let r = push(&p, &kc, &["--dry-run"]);
    r.code(0)
        .shows(&["dry run: nothing changes", "would create StatefulSet/db"]);
    for a in api.requests().iter().filter(|r| r["method"] == "PATCH") {
        assert_eq!(a["query"]["dryRun"], "All", "{a}");
    }
    // The values go to the API as in a real push (the server's dry run
    // stores nothing; masked values would always read as a change), and
    // never to the output.
    assert!(!r.stdout.contains(SECRET) && !r.stderr.contains(SECRET));
    // Nothing was stored: a real push still creates everything.
    push(&p, &kc, &[])
        .code(0)
        .shows(&["created StatefulSet/db"]);
}

#[test]
fn namespaces_that_are_not_ours_terminating_or_forbidden() {
    let p = Project::new(&profile("theirs", false));
    let api = TestApiServer::start(
        p.path(),
        r#"{"foreign": ["theirs"], "terminating": ["leaving"], "forbidden": ["locked"]}"#,
    );
    let kc = kubeconfig(&p, &api.url);
    push(&p, &kc, &[])
        .code(1)
        .shows(&["exists and was not created by itp-dev", "--adopt"]);
    push(&p, &kc, &["--adopt", "--no-wait"]).code(0);
    push(&p, &kc, &["--namespace", "leaving"])
        .code(1)
        .shows(&["is being deleted"]);
    let forbidden = push(&p, &kc, &["--namespace", "locked"]);
    forbidden
        .code(3)
        .shows(&["forbidden", "ask a cluster admin for access"]);
    // Issue 13: a Kubernetes failure is never explained as a Docker one.
    assert!(
        !format!("{}{}", forbidden.stdout, forbidden.stderr).contains("Docker"),
        "{}",
        forbidden.stderr
    );
}

#[test]
fn a_rollout_that_never_finishes_names_the_reason() {
    let p = Project::new(&profile("qa", false));
    let api = TestApiServer::start(p.path(), r#"{"stuck": "ImagePullBackOff"}"#);
    let kc = kubeconfig(&p, &api.url);
    push(&p, &kc, &["--timeout", "2s"]).code(1).shows(&[
        "not ready after 2s",
        "ImagePullBackOff",
        "cannot be pulled",
    ]);
}

#[test]
fn connection_problems_exit_3() {
    let p = Project::new(&profile("qa", false));
    // Unreachable API.
    let kc = kubeconfig(&p, "https://127.0.0.1:1");
    let r = push(&p, &kc, &[]);
    r.code(3).shows(&["does not answer"]);
    assert!(!r.stderr.contains("Docker"), "{}", r.stderr);
    // A namespace that cannot be one: said before anything is sent.
    push(&p, &kc, &["--namespace", "Bad_Name"]).code(2).shows(&[
        "namespace `Bad_Name` is not a DNS label",
        "--namespace bad-name",
    ]);
    // Unknown context.
    push(&p, &kc, &["--context", "prod"])
        .code(3)
        .shows(&["context `prod` is not in the kubeconfig", "test"]);
    // A kubeconfig that is not one.
    p.file("broken", "this: [is not a kubeconfig\n");
    let broken = p.path().join("broken");
    push(&p, broken.to_str().unwrap(), &[])
        .code(3)
        .shows(&["no usable kubeconfig"]);
}

#[test]
fn status_list_gc_and_down() {
    let p = Project::new(&profile("qa", false));
    let api = TestApiServer::start(p.path(), r#"{"expired": ["old-qa"]}"#);
    let kc = kubeconfig(&p, &api.url);
    push(&p, &kc, &[]).code(0);
    let env = [("KUBECONFIG", kc.as_str()), ("DB_PASSWORD", SECRET)];

    let s = p.run_env(&["--json", "k8s", "status"], &env);
    s.code(0);
    let v: serde_json::Value = serde_json::from_str(&s.stdout).unwrap();
    let names: Vec<&str> = v["workloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["db", "web"]);

    let l = p.run_env(&["k8s", "list"], &env);
    l.code(0).shows(&[
        "NAMESPACE",
        "qa",
        "shop",
        "tester",
        "old-qa",
        "qa-bot",
        "(expired)",
    ]);

    p.run_env(&["k8s", "gc", "--dry-run"], &env)
        .code(0)
        .shows(&["would delete old-qa"]);
    let before = api.requests().len();
    p.run_env(&["k8s", "gc"], &env)
        .code(0)
        .shows(&["deleted old-qa"]);
    let deletes: Vec<String> = api.requests()[before..]
        .iter()
        .filter(|r| r["method"] == "DELETE")
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        deletes,
        ["/api/v1/namespaces/old-qa"],
        "only the expired one"
    );

    p.run_env(&["k8s", "logs", "web"], &env)
        .code(0)
        .shows(&["web | web-0 says line 1", "web | web-0 says line 3"]);
    // -f asks the API to follow (the test server then ends the stream).
    p.run_env(&["k8s", "logs", "-f", "-n", "2", "web"], &env)
        .code(0)
        .shows(&["web | web-0 says line 1"]);
    let follow = api
        .requests()
        .into_iter()
        .rev()
        .find(|r| r["path"].as_str().unwrap_or("").ends_with("/log"))
        .unwrap();
    assert_eq!(follow["query"]["follow"], "true");
    assert_eq!(follow["query"]["tailLines"], "2");
    p.run_env(&["k8s", "logs", "nope"], &env)
        .code(2)
        .shows(&["no service named `nope`", "services: db, web"]);

    // exec: output, stderr apart, the exit code passed through.
    let r = p.run_env(
        &[
            "k8s", "exec", "web", "--", "echo", "hello", "from", "the", "pod",
        ],
        &env,
    );
    r.code(0);
    assert_eq!(r.stdout, "hello from the pod\n");
    let r = p.run_env(&["k8s", "exec", "web", "--", "sh", "-c", "exit 7"], &env);
    r.code(7);
    assert!(r.stderr.contains("failing on purpose") && !r.stdout.contains("failing"));
    let ex = api
        .requests()
        .into_iter()
        .find(|r| r["method"] == "EXEC")
        .unwrap();
    assert_eq!(ex["query"]["container"][0], "web");

    // shell: a terminal is required, and the pod gets a TTY.
    p.run_env(&["k8s", "shell", "web"], &env)
        .code(2)
        .shows(&["needs a terminal"]);
    let mut cmd = crate::common::command(p.path());
    cmd.envs(env)
        .env("TERM", "xterm")
        .args(["k8s", "shell", "web"]);
    let mut pty = crate::common::Pty::spawn(cmd, 30, 100);
    let _ = pty.expect("namespace `qa`", 10);
    assert_eq!(pty.child.wait().unwrap().code(), Some(0));
    let sh = api
        .requests()
        .into_iter()
        .rev()
        .find(|r| r["method"] == "EXEC")
        .unwrap();
    assert_eq!(sh["query"]["tty"][0], "true", "{sh}");
    assert_eq!(sh["query"]["command"][0], "/bin/sh");

    // Ours: the whole namespace goes.
    p.run_env(&["k8s", "down"], &env)
        .code(0)
        .shows(&["deleted Namespace/qa"]);
}

#[test]
fn down_in_an_adopted_namespace_removes_only_our_objects() {
    let p = Project::new(&profile("theirs", false));
    let api = TestApiServer::start(p.path(), r#"{"foreign": ["theirs"]}"#);
    let kc = kubeconfig(&p, &api.url);
    push(&p, &kc, &["--adopt", "--no-wait"]).code(0);
    let before = api.requests().len();
    p.run_env(
        &["k8s", "down"],
        &[("KUBECONFIG", kc.as_str()), ("DB_PASSWORD", SECRET)],
    )
    .code(0)
    .shows(&["deleted Deployment/web"]);
    let deletes: Vec<String> = api.requests()[before..]
        .iter()
        .filter(|r| r["method"] == "DELETE")
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !deletes.iter().any(|d| d == "/api/v1/namespaces/theirs"),
        "the namespace is not ours to delete"
    );
    assert!(deletes.iter().any(|d| d.ends_with("/deployments/web")));
}

/// Built services are pushed to `kubernetes.registry` (the local Debian
/// docker-registry on 127.0.0.1:5000) and pinned by digest in what is applied.
#[test]
fn built_images_are_published_and_pinned_by_digest() {
    let project = crate::common::unique("kp");
    let p = Project::new(&format!(
        "version = 1\nname = \"{project}\"\n[services.app]\nbuild = \"app\"\ncommand = \"sleep 600\"\n\n[kubernetes]\nnamespace = \"qa\"\nregistry = \"127.0.0.1:5000/itp-test\"\n"
    ));
    p.file(
        "app/Dockerfile",
        &format!("FROM {}\nCOPY . /app\n", crate::common::TEST_IMAGE),
    );
    p.file("app/main.txt", "v1");
    let _t = crate::common::Teardown {
        dir: p.path().to_path_buf(),
        project: project.clone(),
    };
    let api = TestApiServer::start(p.path(), "{}");
    let kc = kubeconfig(&p, &api.url);
    p.run_env(
        &["k8s", "push", "--no-wait"],
        &[("KUBECONFIG", kc.as_str())],
    )
    .code(0)
    .shows(&["push 127.0.0.1:5000/itp-test/", "created Deployment/app"]);
    let apply = api
        .requests()
        .into_iter()
        .find(|r| {
            r["method"] == "PATCH" && r["path"].as_str().unwrap().ends_with("/deployments/app")
        })
        .unwrap();
    let body = apply["body"].as_str().unwrap().to_string();
    let prefix = format!("127.0.0.1:5000/itp-test/{project}-app@sha256:");
    assert!(body.contains(&prefix), "pinned by digest: {body}");
    // The registry really has it, by that digest.
    let image = body
        .split('"')
        .find(|s| s.starts_with(&prefix))
        .unwrap()
        .to_string();
    let (ok, _) = crate::common::docker(&["pull", "-q", &image]);
    assert!(ok, "{image} pulls back from the registry");
    let _ = crate::common::docker(&["rmi", &image]);
}

#[test]
fn api_errors_are_named_with_the_object_and_the_servers_message() {
    let p = Project::new(&profile("qa", false));
    let api = TestApiServer::start(
        p.path(),
        r#"{"fail": {"/deployments/web": 500, "/services/db": 422}}"#,
    );
    let kc = kubeconfig(&p, &api.url);
    let r = push(&p, &kc, &[]);
    r.code(1);
    // The first failure stops the push, named with its object and code,
    // and the API's own words as the cause.
    assert!(
        r.stderr.contains("error: Service `db` (422)")
            || r.stderr.contains("error: Deployment `web` (500)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Caused by:\n    scripted failure"),
        "{}",
        r.stderr
    );
}
