//! How QA reaches a pushed environment, on the real cluster. No ingress
//! controller runs on the test cluster, so the Ingress objects are checked
//! as the API server stored them, not by traffic; the port-forward printed
//! without an ingress is run as printed and answers.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use super::{Namespaces, k8s, kubectl};
use crate::common::{Project, unique};

fn web(ns: &str, ingress: &str) -> Project {
    Project::new(&format!(
        r#"version = 1
name = "qa"

[services.web]
image = "itp-test/busybox:2"
command = ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 80 -h /www"]
ports = ["18080:80"]

[kubernetes]
namespace = "{ns}"
local_images = true
{ingress}
"#
    ))
}

#[test]
fn push_and_status_print_a_url_per_published_port_and_the_ingress_is_there() {
    let ns = unique("itp-urls-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = web(
        &ns,
        "[kubernetes.ingress]\nhost = \"{service}.{namespace}.qa.example.test\"\ntls_secret = \"qa-tls\"",
    );
    let url = format!("https://web.{ns}.qa.example.test/");
    k8s(&p, &["push"]).code(0).shows(&[&url]);
    k8s(&p, &["status"]).code(0).shows(&["URLs:", &url]);
    let (ok, host) = kubectl(&[
        "get",
        "ingress",
        "web",
        "-n",
        &ns,
        "-o",
        "jsonpath={.spec.rules[0].host} {.spec.tls[0].secretName} {.metadata.labels.app\\.kubernetes\\.io/managed-by}",
    ]);
    assert!(ok, "{host}");
    assert_eq!(
        host.trim(),
        format!("web.{ns}.qa.example.test qa-tls itp-dev")
    );

    // Without the ingress, the next push prunes it, and status says how to
    // reach the port instead.
    let p = web(&ns, "");
    k8s(&p, &["push"]).code(0).shows(&["Ingress/web"]);
    let (_, left) = kubectl(&["get", "ingress", "-n", &ns, "-o", "name"]);
    assert!(left.trim().is_empty(), "pruned: {left}");
    let r = k8s(&p, &["status"]);
    r.code(0).shows(&["port-forward service/web 18080:80"]);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("port-forward"))
        .unwrap()
        .to_string();
    let command = line.split_once(": ").unwrap().1.trim().to_string();

    // The command works as printed (on a free port instead of 18080).
    let port = crate::common::free_port();
    let command = command.replace("18080:80", &format!("{port}:80"));
    let words = shell_words::split(&command).unwrap();
    assert_eq!(words[0], "kubectl");
    let mut child = Command::new(&words[0])
        .args(&words[1..])
        .env("KUBECONFIG", super::kubeconfig())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    assert!(first.contains("Forwarding"), "{first}");
    // Keep reading: kubectl dies of a closed stdout at its next line.
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
    // The forward reaches the pod on the first connection; a pod still
    // settling after the push is given a few tries.
    let mut out = None;
    for _ in 0..10 {
        let o = Command::new("curl")
            .args([
                "-fsS",
                "--max-time",
                "5",
                &format!("http://127.0.0.1:{port}/"),
            ])
            .output()
            .unwrap();
        let done = o.status.success();
        out = Some(o);
        if done {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let out = out.unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "hello-from-web",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
