//! `itp-dev k8s` against a real Kubernetes: the single-node cluster that
//! `scripts/ensure-kubernetes.sh` starts (v1.20.2 API server, scheduler,
//! controller-manager, kubelet on this machine's Docker engine, kube-proxy,
//! and a dnsmasq cluster DNS fed from the Services). Pods really run, from
//! local images. `scripts/test.sh` starts the cluster for these tests only
//! and passes its kubeconfig in `ITP_DEV_TEST_KUBECONFIG`; run alone:
//! `scripts/ensure-kubernetes.sh start`, then
//! `ITP_DEV_TEST_KUBECONFIG=/tmp/itp-dev-kube/kubeconfig cargo test --features system-tests --test it k8s_cluster`.
//!
//! Each test works in namespaces of its own and deletes them at the end.
//! Faults a real server will not produce on demand (a 500, a 409 at the
//! right moment) stay with the test API server in `k8s_push`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{Project, Pty, Run, unique};

fn kubeconfig() -> String {
    std::env::var("ITP_DEV_TEST_KUBECONFIG").expect(
        "these tests need a cluster: run scripts/test.sh, or scripts/ensure-kubernetes.sh start and set ITP_DEV_TEST_KUBECONFIG",
    )
}

/// `kubectl` as the cluster's admin: the tests' own view of the cluster.
fn kubectl(args: &[&str]) -> (bool, String) {
    let out = Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(args)
        .output()
        .expect("kubectl runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Deletes the test's namespaces when it ends, passed or not.
struct Namespaces(Vec<String>);

impl Drop for Namespaces {
    fn drop(&mut self) {
        for ns in &self.0 {
            let _ = kubectl(&["delete", "namespace", ns, "--wait=false"]);
        }
    }
}

/// A namespace made by someone else (kubectl), holding their ConfigMap
/// `theirs`.
fn someone_elses_namespace(prefix: &str) -> (String, Namespaces) {
    let ns = unique(prefix);
    let gone = Namespaces(vec![ns.clone()]);
    kubectl(&["create", "namespace", &ns]);
    kubectl(&[
        "create",
        "configmap",
        "theirs",
        "-n",
        &ns,
        "--from-literal=k=v",
    ]);
    (ns, gone)
}

const SECRET: &str = "hunter2-real-cluster";

/// The holdout-style stack: a database as a StatefulSet with a volume and a
/// secret env file, a web server that waits for it by name, a dev
/// container. Every image is local (`local_images`: the cluster runs on
/// this engine).
fn stack(ns: &str, with_cache: bool) -> Project {
    let cache = if with_cache {
        "[services.cache]\nimage = \"itp-test/busybox:2\"\ncommand = [\"httpd\", \"-f\", \"-p\", \"6379\"]\nports = [\"6379\"]\n"
    } else {
        ""
    };
    let p = Project::new(&format!(
        r#"version = 1
name = "holdout"

[dev]
image = "itp-test/busybox:2"
workdir = "/workspace"
env = {{ DATABASE_HOST = "db" }}

[services.db]
image = "itp-test/busybox:2"
command = ["sh", "-c", "echo db up; exec httpd -f -p 5432 -h /data"]
env_file = ["db.env"]
volumes = ["db-data:/data"]
ports = ["5432"]
healthcheck = {{ command = "nc -w 1 127.0.0.1 5432 </dev/null", interval = "1s" }}

[services.web]
image = "itp-test/busybox:2"
command = ["sh", "-c", "while true; do echo tick $(date +%s); sleep 1; done & exec httpd -f -p 80"]
ports = ["18080:80"]
depends_on = {{ db = "healthy" }}
{cache}
[kubernetes]
namespace = "{ns}"
ttl = "24h"
local_images = true
"#
    ));
    p.file("db.env", &format!("DB_PASSWORD={SECRET}\n"));
    p
}

fn k8s(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["k8s"];
    all.extend_from_slice(args);
    p.run_env(&all, &[("KUBECONFIG", &kubeconfig())])
}

fn no_secret_in(r: &Run) {
    assert!(
        !r.stdout.contains(SECRET) && !r.stderr.contains(SECRET),
        "a secret value was printed:\n{}\n{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn the_stack_becomes_ready_and_two_more_pushes_change_nothing() {
    let ns = unique("itp-ready-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    let r = k8s(&p, &["push", "--timeout", "120s"]);
    r.code(0).shows(&[
        "created StatefulSet/db",
        "created Secret/db-secrets",
        "db: ready",
        "web: ready",
        "dev: ready",
        &format!("holdout ready in `{ns}`"),
    ]);
    no_secret_in(&r);
    // The pods really run, and say so.
    let (ok, pods) = kubectl(&["get", "pods", "-n", &ns, "-o", "wide"]);
    assert!(ok && pods.matches("Running").count() >= 3, "{pods}");
    for _ in 0..2 {
        let again = k8s(&p, &["push"]);
        again.code(0).shows(&["0 of 10 objects changed, 0 pruned"]);
        no_secret_in(&again);
    }
    // The value is in the Secret (and reaches the pod), in no ConfigMap.
    let (_, cms) = kubectl(&["get", "configmaps", "-n", &ns, "-o", "yaml"]);
    assert!(!cms.contains(SECRET), "{cms}");
    let in_pod = k8s(&p, &["exec", "db", "--", "sh", "-c", "echo $DB_PASSWORD"]);
    in_pod.code(0);
    assert_eq!(in_pod.stdout.trim(), SECRET);
    // status, list: what a QA engineer looks at.
    k8s(&p, &["status"])
        .code(0)
        .shows(&["db", "StatefulSet", "1/1", "web", "Deployment"]);
    k8s(&p, &["list"]).code(0).shows(&[&ns, "holdout"]);
}

#[test]
fn exec_passes_the_exit_code_and_keeps_stdout_and_stderr_apart() {
    let ns = unique("itp-exec-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let r = k8s(
        &p,
        &[
            "exec",
            "dev",
            "--",
            "sh",
            "-c",
            "echo to-out; echo to-err >&2; exit 7",
        ],
    );
    r.code(7);
    assert_eq!(r.stdout.trim(), "to-out");
    assert!(r.stderr.contains("to-err"), "{}", r.stderr);
    // Input reaches the command (Kubernetes 1.20 cannot end stdin alone:
    // `head -1` ends by itself once it has its line).
    let mut cmd = crate::common::command(p.path());
    cmd.env("KUBECONFIG", kubeconfig())
        .args(["k8s", "exec", "dev", "--", "head", "-1"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"piped line\nsecond\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "piped line");
    // A command that does not exist, and a service that does not.
    k8s(&p, &["exec", "dev", "--", "no-such-command"]).shows(&["no-such-command"]);
    k8s(&p, &["exec", "nope", "--", "true"])
        .code(2)
        .shows(&["nope"]);
}

#[test]
fn shell_is_a_terminal_in_the_pod() {
    let ns = unique("itp-shell-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let mut cmd = crate::common::command(p.path());
    cmd.env("KUBECONFIG", kubeconfig())
        .env("TERM", "xterm")
        .args(["k8s", "shell"]);
    let mut pty = Pty::spawn(cmd, 30, 90);
    pty.expect("# ", 30);
    pty.send("stty size; echo sum=$((6*7))\n");
    let out = pty.expect("sum=42", 15);
    assert!(
        out.contains("30 90"),
        "the window size reaches the pod: {out}"
    );
    pty.send("exit 4\n");
    assert_eq!(pty.child.wait().unwrap().code(), Some(4));
}

#[test]
fn logs_follow_until_interrupted() {
    let ns = unique("itp-logs-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    k8s(&p, &["logs", "db"]).code(0).shows(&["db up"]);
    let mut cmd = crate::common::command(p.path());
    cmd.env("KUBECONFIG", kubeconfig())
        .args(["k8s", "logs", "-f", "web"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    // New lines keep arriving while it follows.
    let mut ticks = std::collections::BTreeSet::new();
    let begun = Instant::now();
    while ticks.len() < 3 && begun.elapsed() < Duration::from_secs(20) {
        if let Ok(l) = rx.recv_timeout(Duration::from_secs(5))
            && l.contains("tick")
        {
            ticks.insert(l);
        }
    }
    assert!(ticks.len() >= 3, "followed lines: {ticks:?}");
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert!(
        matches!(status.code(), Some(0) | Some(130)),
        "ends on Ctrl-C: {status:?}"
    );
}

#[test]
fn prune_and_dry_run_touch_only_what_they_say() {
    let ns = unique("itp-prune-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, true);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    // A dry run of a change: said, and nothing in the cluster changes.
    let later = stack(&ns, false);
    std::fs::copy(
        later.path().join("itp-dev.toml"),
        p.path().join("itp-dev.toml"),
    )
    .unwrap();
    k8s(&p, &["push", "--dry-run"])
        .code(0)
        .shows(&["dry run", "would delete Deployment/cache"]);
    let (_, deploys) = kubectl(&["get", "deployments", "-n", &ns, "-o", "name"]);
    assert!(deploys.contains("deployment.apps/cache"), "{deploys}");
    // The real push prunes the service that left the profile, and only it.
    k8s(&p, &["push", "--timeout", "120s"])
        .code(0)
        .shows(&["deleted Deployment/cache", "deleted Service/cache"]);
    let (_, left) = kubectl(&[
        "get",
        "deployments,statefulsets,services",
        "-n",
        &ns,
        "-o",
        "name",
    ]);
    assert!(!left.contains("/cache"), "{left}");
    assert!(
        left.contains("deployment.apps/web") && left.contains("statefulset.apps/db"),
        "{left}"
    );
}

#[test]
fn a_namespace_that_is_not_ours_is_adopted_only_when_asked_and_down_leaves_its_objects() {
    let (ns, _gone) = someone_elses_namespace("itp-theirs-");
    let p = stack(&ns, false);
    k8s(&p, &["push"])
        .code(1)
        .shows(&["was not created by itp-dev", "--adopt"]);
    k8s(&p, &["push", "--adopt", "--timeout", "120s"]).code(0);
    // The volume claim stays, with its data, as a named volume does locally.
    k8s(&p, &["down"]).code(0).shows(&[
        "deleted StatefulSet/db",
        "kept PersistentVolumeClaim/db-data",
    ]);
    // Deleting is asynchronous (the garbage collector, then the kubelet
    // stopping each pod): on this 2-core machine, with the rest of the
    // suite running, one CI run saw a pod outlast 90 s.
    let begun = Instant::now();
    let ours = loop {
        let (_, ours) = kubectl(&[
            "get",
            "all,configmaps,secrets",
            "-n",
            &ns,
            "-l",
            "app.kubernetes.io/managed-by=itp-dev",
            "-o",
            "name",
        ]);
        if ours.trim().is_empty() || begun.elapsed() > Duration::from_secs(180) {
            break ours;
        }
        std::thread::sleep(Duration::from_secs(1));
    };
    if !ours.trim().is_empty() {
        let (_, pods) = kubectl(&["get", "pods", "-n", &ns, "-o", "wide"]);
        let (_, events) = kubectl(&["get", "events", "-n", &ns]);
        panic!("left of ours: {ours}\n{pods}\n{events}");
    }
    let (ok, cm) = kubectl(&["get", "configmap", "theirs", "-n", &ns]);
    assert!(ok, "their ConfigMap survives `down`: {cm}");
    let (ok, _) = kubectl(&["get", "namespace", &ns]);
    assert!(ok, "an adopted namespace is not deleted");
}

#[test]
fn gc_deletes_only_expired_namespaces_of_itp_dev() {
    let expired = unique("itp-expired-");
    let fresh = unique("itp-fresh-");
    let _gone = Namespaces(vec![expired.clone(), fresh.clone()]);
    for ns in [&expired, &fresh] {
        k8s(&stack(ns, false), &["push", "--no-wait"]).code(0);
    }
    kubectl(&[
        "annotate",
        "namespace",
        &expired,
        "--overwrite",
        "itp.dev/expires-at=2020-01-01T00:00:00Z",
    ]);
    // Someone else's namespace with the same annotation is never ours to delete.
    let foreign = unique("itp-foreign-");
    let _gone_too = Namespaces(vec![foreign.clone()]);
    kubectl(&["create", "namespace", &foreign]);
    kubectl(&[
        "annotate",
        "namespace",
        &foreign,
        "itp.dev/expires-at=2020-01-01T00:00:00Z",
    ]);
    let p = Project::new("version = 1\n");
    k8s(&p, &["gc", "--dry-run"])
        .code(0)
        .shows(&[&format!("would delete {expired}")]);
    let r = k8s(&p, &["gc"]);
    r.code(0).shows(&[&format!("deleted {expired}")]);
    assert!(
        !r.stdout.contains(&fresh) && !r.stderr.contains(&foreign),
        "{}",
        r.stderr
    );
    let (_, phase) = kubectl(&[
        "get",
        "namespace",
        &expired,
        "-o",
        "jsonpath={.status.phase}",
    ]);
    assert!(
        phase.contains("Terminating") || phase.contains("NotFound"),
        "{phase}"
    );
    let (ok, _) = kubectl(&["get", "namespace", &fresh]);
    assert!(ok);
    let (ok, _) = kubectl(&["get", "namespace", &foreign]);
    assert!(ok);
}

#[test]
fn stuck_workloads_are_named_with_the_reason_the_pods_give() {
    let ns = unique("itp-stuck-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = Project::new(&format!(
        r#"version = 1
name = "stuck"

[services.noimage]
image = "itp-test/does-not-exist:1"

[services.crash]
image = "itp-test/busybox:2"
command = ["sh", "-c", "echo crashing; exit 3"]

[services.unready]
image = "itp-test/busybox:2"
command = ["sleep", "100000"]
healthcheck = {{ command = ["false"], interval = "1s" }}

[services.huge]
image = "itp-test/busybox:2"
command = ["sleep", "100000"]
resources = {{ cpus = "64", memory = "1Gi" }}

[kubernetes]
namespace = "{ns}"
local_images = true
"#
    ));
    k8s(&p, &["push", "--timeout", "45s"]).code(1).shows(&[
        "not ready after 45s",
        "noimage: ",
        "the image cannot be pulled",
        "crash: ",
        "code 3",
        "unready: the healthcheck (readiness probe) fails",
        "huge: not scheduled: 0/1 nodes are available: 1 Insufficient cpu",
    ]);
    k8s(&p, &["status"])
        .code(0)
        .shows(&["WAITING FOR", "Insufficient cpu", "code 3"]);
    k8s(&p, &["logs", "huge"])
        .code(1)
        .shows(&["has not started yet", "not scheduled"]);
}

#[test]
fn a_user_without_permissions_gets_a_kubernetes_answer_not_a_docker_one() {
    let ns = unique("itp-rbac-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    let r = k8s(&p, &["push", "--context", "itp-dev-test-dev"]);
    r.code(3)
        .shows(&["forbidden", "User \"dev\"", &ns, "ask a cluster admin"]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(!all.contains("Docker") && !all.contains("docker"), "{all}");
    k8s(&p, &["status", "--context", "itp-dev-test-dev"])
        .code(3)
        .shows(&["forbidden"]);
}

#[test]
fn rights_inside_a_namespace_are_enough_to_push_and_take_down() {
    // What QA usually gets: `edit` in one namespace, nothing cluster-wide
    // (it may read that namespace, not change it).
    let (ns, _gone) = someone_elses_namespace("itp-edit-");
    kubectl(&[
        "create",
        "rolebinding",
        "dev-edit",
        "--clusterrole=edit",
        "--user=dev",
        "-n",
        &ns,
    ]);
    let p = stack(&ns, false);
    let as_dev = ["--context", "itp-dev-test-dev"];
    // Readable (the `view` part of `edit`), not ours: refused, then adopted.
    k8s(&p, &["push", as_dev[0], as_dev[1]])
        .code(1)
        .shows(&["--adopt"]);
    let r = k8s(
        &p,
        &["push", as_dev[0], as_dev[1], "--adopt", "--timeout", "120s"],
    );
    r.code(0).shows(&[
        "yours to work in, not to change",
        "created StatefulSet/db",
        &format!("holdout ready in `{ns}`"),
    ]);
    k8s(&p, &["push", as_dev[0], as_dev[1], "--adopt"])
        .code(0)
        .shows(&["0 of 10 objects changed"]);
    k8s(&p, &["down", as_dev[0], as_dev[1]])
        .code(0)
        .shows(&["deleted StatefulSet/db"]);
    let (ok, _) = kubectl(&["get", "configmap", "theirs", "-n", &ns]);
    assert!(ok, "only itp-dev's objects go");
}

#[test]
fn images_only_this_engine_has_are_refused_unless_the_cluster_shares_it() {
    let ns = unique("itp-local-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = Project::new(&format!(
        "version = 1\nname = \"local\"\n[services.app]\nimage = \"itp-test/busybox:2\"\ncommand = [\"sleep\", \"1000\"]\n[kubernetes]\nnamespace = \"{ns}\"\n"
    ));
    k8s(&p, &["push"]).code(2).shows(&[
        "exist only in this machine's engine",
        "itp-test/busybox:2",
        "local_images = true",
    ]);
    let (ok, _) = kubectl(&["get", "namespace", &ns]);
    assert!(!ok, "refused before anything was applied");
}

#[test]
fn a_service_without_ports_is_reached_by_its_name_and_its_config_file_arrives() {
    // Locally every service answers to its name on every port; in the
    // namespace too: `db` publishes nothing, has a headless Service, and
    // serves the page its bind-mounted file (now a ConfigMap) holds.
    let ns = unique("itp-names-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = Project::new(&format!(
        r#"version = 1
name = "names"

[services.db]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "5432", "-h", "/www"]
volumes = ["./www/index.html:/www/index.html:ro"]

[services.client]
image = "itp-test/busybox:2"
command = ["sleep", "100000"]
depends_on = ["db"]

[kubernetes]
namespace = "{ns}"
local_images = true
"#
    ));
    p.file("www/index.html", "served from a config file\n");
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let (_, svc) = kubectl(&[
        "get",
        "service",
        "db",
        "-n",
        &ns,
        "-o",
        "jsonpath={.spec.clusterIP}",
    ]);
    assert_eq!(svc.trim(), "None", "a headless Service");
    // The name resolves once the Service's endpoints are known (the test
    // cluster's DNS picks them up within a second or two).
    let begun = Instant::now();
    let got = loop {
        let r = k8s(
            &p,
            &["exec", "client", "--", "wget", "-qO-", "http://db:5432/"],
        );
        if r.stdout.contains("served") || begun.elapsed() > Duration::from_secs(30) {
            break r;
        }
        std::thread::sleep(Duration::from_secs(1));
    };
    assert_eq!(
        got.stdout.trim(),
        "served from a config file",
        "{}",
        got.stderr
    );
}

#[test]
fn a_changed_value_rolls_out_and_a_broken_update_is_never_called_ready() {
    let ns = unique("itp-update-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = stack(&ns, false);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let profile = std::fs::read_to_string(p.path().join("itp-dev.toml")).unwrap();
    // A new value reaches the pods (the ConfigMap alone would not).
    p.file(
        "itp-dev.toml",
        &profile.replace("DATABASE_HOST = \"db\"", "DATABASE_HOST = \"db2\""),
    );
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let r = k8s(
        &p,
        &["exec", "dev", "--", "sh", "-c", "echo $DATABASE_HOST"],
    );
    assert_eq!(r.stdout.trim(), "db2", "{}", r.stderr);
    // A rotated secret too.
    p.file("db.env", "DB_PASSWORD=rotated-value-1234\n");
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let r = k8s(
        &p,
        &["exec", "db", "--", "sh", "-c", "echo ${#DB_PASSWORD}"],
    );
    assert_eq!(r.stdout.trim(), "18", "{}", r.stderr);
    // A broken update: the old pods still serve, and that is not "ready".
    let broken = profile
        .replace(
            "echo db up; exec httpd",
            "echo db broken; exit 2; exec httpd",
        )
        .replace("exec httpd -f -p 80\"]", "exit 1\"]");
    p.file("itp-dev.toml", &broken);
    k8s(&p, &["push", "--timeout", "30s"])
        .code(1)
        .shows(&["not ready after 30s", "web: ", "db: "]);
    // Fixed again: both roll out, the StatefulSet's stuck pod included.
    p.file("itp-dev.toml", &profile);
    k8s(&p, &["push", "--timeout", "150s"])
        .code(0)
        .shows(&["db: ready", "web: ready"]);
}

#[test]
fn adopting_a_namespace_never_takes_over_objects_that_are_not_ours() {
    let (ns, _gone) = someone_elses_namespace("itp-takeover-");
    // Their ConfigMap has the name ours would have.
    kubectl(&[
        "create",
        "configmap",
        "dev-env",
        "-n",
        &ns,
        "--from-literal=THEIRS=precious",
    ]);
    let p = stack(&ns, false);
    k8s(&p, &["push", "--adopt", "--no-wait"]).code(1).shows(&[
        "ConfigMap `dev-env` exists",
        "is not itp-dev's for `holdout`",
    ]);
    let (_, cm) = kubectl(&["get", "configmap", "dev-env", "-n", &ns, "-o", "yaml"]);
    assert!(
        cm.contains("precious") && !cm.contains("managed-by"),
        "{cm}"
    );
    // And the namespace keeps its own labels: it is not itp-dev's to list.
    let (_, labels) = kubectl(&["get", "namespace", &ns, "-o", "jsonpath={.metadata.labels}"]);
    assert!(!labels.contains("itp-dev"), "{labels}");
}

#[test]
fn a_probe_that_prints_a_secret_never_shows_it() {
    let ns = unique("itp-probe-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = Project::new(&format!(
        r#"version = 1
name = "probe"
[services.app]
image = "itp-test/busybox:2"
command = ["sleep", "100000"]
env_file = ["app.env"]
healthcheck = {{ command = "echo login failed password=$$API_PASSWORD >&2; exit 1", interval = "1s" }}
[kubernetes]
namespace = "{ns}"
local_images = true
"#
    ));
    p.file("app.env", "API_PASSWORD=leaky-secret-99\n");
    let r = k8s(&p, &["push", "--timeout", "20s"]);
    r.code(1).shows(&["login failed password=********"]);
    no_secret_in(&r);
    assert!(!r.stderr.contains("leaky-secret-99"));
    let s = p.run_env(
        &["--json", "k8s", "status"],
        &[("KUBECONFIG", &kubeconfig())],
    );
    assert!(!s.stdout.contains("leaky-secret-99"), "{}", s.stdout);
}

#[test]
fn a_task_that_has_run_says_so_to_exec_and_status_names_its_service() {
    let ns = unique("itp-task-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = Project::new(&format!(
        "version = 1\nname = \"task\"\n[services.migrate]\nimage = \"itp-test/busybox:2\"\ncommand = [\"sh\", \"-c\", \"echo migrated\"]\nonce = true\n[kubernetes]\nnamespace = \"{ns}\"\nlocal_images = true\n"
    ));
    k8s(&p, &["push"]).code(0);
    let begun = Instant::now();
    while !k8s(&p, &["status"]).stdout.contains("1/1") && begun.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_secs(1));
    }
    k8s(&p, &["status"])
        .code(0)
        .shows(&["migrate", "Job", "1/1"]);
    k8s(&p, &["exec", "migrate", "--", "true"])
        .code(1)
        .shows(&["has run to its end (Succeeded)"]);
    k8s(&p, &["logs", "migrate"]).code(0).shows(&["migrated"]);
}

#[test]
fn diff_is_equal_after_up_and_push_and_names_each_difference() {
    // The same profile up locally and pushed: `diff` finds them the same.
    // A rotated secret and an edited config file, brought up locally only,
    // are the two differences it names (the secret by hash, never shown);
    // a push makes them the same again.
    let ns = unique("itp-diff-");
    let _gone = Namespaces(vec![ns.clone()]);
    let name = unique("diff");
    let p = Project::new(&format!(
        r#"version = 1
name = "{name}"

[services.db]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "5432", "-h", "/data"]
env_file = ["db.env"]
env = {{ MODE = "dev" }}
volumes = ["db-data:/data", "./conf/app.conf:/etc/app.conf:ro"]
ports = ["5432"]
healthcheck = {{ command = "nc -w 1 127.0.0.1 5432 </dev/null", interval = "1s" }}

[services.web]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "80"]
depends_on = {{ db = "healthy" }}

[kubernetes]
namespace = "{ns}"
local_images = true
"#
    ));
    let _down = crate::common::Teardown {
        dir: p.path().to_path_buf(),
        project: name.clone(),
    };
    p.file("db.env", &format!("DB_PASSWORD={SECRET}\n"));
    p.file("conf/app.conf", "level = 1\n");
    p.run(&["up", "--wait"]).code(0);
    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    let diff = |json: bool| {
        let args: &[&str] = if json { &["diff", "--json"] } else { &["diff"] };
        let r = p.run_env(args, &[("KUBECONFIG", &kubeconfig())]);
        no_secret_in(&r);
        r
    };
    diff(false).code(0).shows(&["the same"]);
    let same: serde_json::Value = serde_json::from_str(&diff(true).stdout).unwrap();
    let aspects: Vec<String> = same["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["service"] == "db")
        .map(|r| r["aspect"].as_str().unwrap().to_string())
        .collect();
    for a in [
        "image",
        "env DB_PASSWORD",
        "env MODE",
        "ports",
        "volume /data",
        "file /etc/app.conf",
        "ready",
    ] {
        assert!(aspects.iter().any(|x| x == a), "{a} compared: {aspects:?}");
    }

    p.file("db.env", "DB_PASSWORD=rotated-locally\n");
    p.file("conf/app.conf", "level = 2\n");
    p.run(&["up", "--wait"]).code(0);
    let r = diff(true);
    r.code(1);
    assert!(!r.stdout.contains("rotated-locally"), "{}", r.stdout);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let differing: Vec<String> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["same"] == false)
        .map(|r| {
            format!(
                "{} {}",
                r["service"].as_str().unwrap(),
                r["aspect"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(differing, ["db env DB_PASSWORD", "db file /etc/app.conf"]);
    diff(false)
        .code(1)
        .shows(&["env DB_PASSWORD", "(another value)", "file /etc/app.conf"]);

    k8s(&p, &["push", "--timeout", "120s"]).code(0);
    diff(false).code(0);
}

/// Kubeconfig authentication as the clouds use it (exec plugins, client
/// certificates, token files, KUBECONFIG lists), against this cluster.
mod auth;

/// QA URLs (Ingress objects) and the port-forwards printed without them.
mod urls;

/// A private registry's login carried to the cluster as a pull Secret.
mod pull_secret;
