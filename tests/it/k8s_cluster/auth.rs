//! Authentication as managed clusters use it, against the real cluster:
//! credential plugins (the ExecCredential protocol that `aws eks
//! get-token`, `gke-gcloud-auth-plugin` and `kubelogin` speak; here small
//! shell scripts that print one), client certificates signed by the
//! cluster's CA, `tokenFile`, and `KUBECONFIG` lists merged as kubectl
//! merges them. The API server really checks each credential.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Namespaces, kubeconfig, kubectl};
use crate::common::{Project, Run, unique};

/// The test cluster's address, CA file and the admin's token, read from
/// the kubeconfig `scripts/ensure-kubernetes.sh` wrote.
struct Cluster {
    server: String,
    ca: PathBuf,
    token: String,
}

fn cluster() -> Cluster {
    let view = |path: &str| {
        let (ok, out) = kubectl(&["config", "view", "--raw", "-o", &format!("jsonpath={path}")]);
        assert!(ok, "{out}");
        out.trim().to_string()
    };
    Cluster {
        server: view("{.clusters[0].cluster.server}"),
        ca: PathBuf::from(view("{.clusters[0].cluster.certificate-authority}")),
        token: view(r#"{.users[?(@.name=="admin")].user.token}"#),
    }
}

/// A kubeconfig whose only user is `user` (YAML of `user:`'s body).
fn config_with(c: &Cluster, user: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"{}\", certificate-authority: \"{}\"}}\nusers:\n- name: u\n  user:\n{user}\ncontexts:\n- name: ctx\n  context: {{cluster: c, user: u}}\ncurrent-context: ctx\n",
        c.server,
        c.ca.display()
    )
}

/// A plugin script in `dir` that logs each run to `calls` and prints an
/// ExecCredential of `version` with `token`, valid for `ttl` seconds.
fn plugin(dir: &Path, version: &str, token: &str, ttl: u32) -> PathBuf {
    let path = dir.join("get-token");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{calls}'\n[ -n \"$KUBERNETES_EXEC_INFO\" ] || exit 9\nexp=$(date -u -d '+{ttl} seconds' +%Y-%m-%dT%H:%M:%SZ)\nprintf '{{\"apiVersion\":\"{version}\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{token}\",\"expirationTimestamp\":\"%s\"}}}}\\n' \"$exp\"\n",
            calls = dir.join("calls").display()
        ),
    )
    .unwrap();
    chmod_x(&path);
    path
}

fn chmod_x(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn calls(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("calls"))
        .unwrap_or_default()
        .lines()
        .count()
}

/// One small service the cluster can run from a local image.
fn small(ns: &str) -> Project {
    Project::new(&format!(
        r#"version = 1
name = "auth"

[services.web]
image = "itp-test/busybox:2"
command = ["httpd", "-f", "-p", "80"]
ports = ["80"]

[kubernetes]
namespace = "{ns}"
local_images = true
"#
    ))
}

fn k8s_as(p: &Project, kubeconfig: &str, args: &[&str]) -> Run {
    let mut all = vec!["k8s"];
    all.extend_from_slice(args);
    p.run_env(&all, &[("KUBECONFIG", kubeconfig)])
}

#[test]
fn an_exec_plugin_authenticates_runs_once_and_again_when_its_credential_expires() {
    let c = cluster();
    let dir = tempfile::tempdir().unwrap();
    let ns = unique("itp-exec-");
    let _gone = Namespaces(vec![ns.clone()]);
    let p = small(&ns);

    // A credential valid for an hour: one run of the plugin per command.
    let cmd = plugin(
        dir.path(),
        "client.authentication.k8s.io/v1",
        &c.token,
        3600,
    );
    let kc = dir.path().join("config");
    std::fs::write(
        &kc,
        config_with(
            &c,
            &format!(
                "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      args: [eks, get-token]\n      interactiveMode: Never\n",
                cmd.display()
            ),
        ),
    )
    .unwrap();
    let kc = kc.to_str().unwrap();
    k8s_as(&p, kc, &["status"]).code(0);
    assert_eq!(
        calls(dir.path()),
        1,
        "one `k8s status` runs the plugin once"
    );
    k8s_as(&p, kc, &["push"]).code(0).shows(&["web: ready"]);
    assert_eq!(
        calls(dir.path()),
        2,
        "a push with a fresh credential runs it once more"
    );
    let (_, text) = kubectl(&["get", "deployment", "web", "-n", &ns]);
    assert!(text.contains("1/1"), "{text}");

    // A credential that lapses at once (within the 5 s margin) is fetched
    // again for each request of the command, and the next command works
    // after it expired.
    std::fs::remove_file(dir.path().join("calls")).unwrap();
    plugin(dir.path(), "client.authentication.k8s.io/v1", &c.token, 5);
    k8s_as(&p, kc, &["push"]).code(0);
    let during = calls(dir.path());
    assert!(
        during >= 2,
        "an expired credential is fetched again ({during} runs)"
    );
    std::thread::sleep(std::time::Duration::from_secs(2));
    k8s_as(&p, kc, &["down"]).code(0);
    assert!(calls(dir.path()) > during);
}

#[test]
fn a_missing_or_failing_plugin_is_named_with_its_hint_and_its_words() {
    let c = cluster();
    let dir = tempfile::tempdir().unwrap();
    let p = small(&unique("itp-noexec-"));
    let missing = dir.path().join("missing");
    std::fs::write(
        &missing,
        config_with(
            &c,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: itp-test-no-such-plugin\n      installHint: \"install it with: apt install itp-test-plugin\"\n",
        ),
    )
    .unwrap();
    let r = k8s_as(&p, missing.to_str().unwrap(), &["status"]);
    r.code(3).shows(&[
        "itp-test-no-such-plugin",
        "not installed",
        "apt install itp-test-plugin",
    ]);
    assert!(!r.stderr.contains("Docker"), "{}", r.stderr);
    let r = p.run_env(&["doctor"], &[("KUBECONFIG", missing.to_str().unwrap())]);
    r.shows(&["itp-test-no-such-plugin", "apt install itp-test-plugin"]);

    let failing = dir.path().join("fail");
    std::fs::write(
        &failing,
        "#!/bin/sh\necho 'the SSO session has expired; log in again' >&2\nexit 2\n",
    )
    .unwrap();
    chmod_x(&failing);
    let kc = dir.path().join("failing");
    std::fs::write(
        &kc,
        config_with(
            &c,
            &format!(
                "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never\n",
                failing.display()
            ),
        ),
    )
    .unwrap();
    k8s_as(&p, kc.to_str().unwrap(), &["push"])
        .code(3)
        .shows(&["exited with 2", "the SSO session has expired"]);

    // A token the API server does not accept is the server's answer, not a
    // connection problem.
    plugin(
        dir.path(),
        "client.authentication.k8s.io/v1beta1",
        "not-a-token",
        3600,
    );
    let wrong = dir.path().join("wrong");
    std::fs::write(
        &wrong,
        config_with(
            &c,
            &format!(
                "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {}\n",
                dir.path().join("get-token").display()
            ),
        ),
    )
    .unwrap();
    let r = k8s_as(&p, wrong.to_str().unwrap(), &["status"]);
    r.code(3);
    assert!(
        r.stderr.contains("401") || r.stderr.contains("Unauthorized"),
        "{}",
        r.stderr
    );
}

/// A client certificate for `cn` in `group`, signed by the cluster's CA
/// (what a cloud's admin credential or a kubeadm config carries).
fn client_certificate(c: &Cluster, dir: &Path, cn: &str, group: &str) -> (PathBuf, PathBuf) {
    let key = dir.join("client.key");
    let csr = dir.join("client.csr");
    let crt = dir.join("client.crt");
    let ca_key = c.ca.with_file_name("ca.key");
    // Version 3 with a client-auth usage, as real ones are (rustls
    // refuses version 1 certificates).
    let ext = dir.join("client.ext");
    std::fs::write(&ext, "extendedKeyUsage=clientAuth\n").unwrap();
    let ok = |cmd: &mut Command| assert!(cmd.status().unwrap().success(), "{cmd:?}");
    ok(Command::new("openssl")
        .args(["req", "-newkey", "rsa:2048", "-nodes", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&csr)
        .arg("-subj")
        .arg(format!("/O={group}/CN={cn}"))
        .stderr(std::process::Stdio::null()));
    ok(Command::new("openssl")
        .args(["x509", "-req", "-days", "1", "-in"])
        .arg(&csr)
        .arg("-CA")
        .arg(&c.ca)
        .arg("-CAkey")
        .arg(&ca_key)
        .arg("-CAcreateserial")
        .arg("-CAserial")
        .arg(dir.join("ca.srl"))
        .arg("-extfile")
        .arg(&ext)
        .arg("-out")
        .arg(&crt)
        .stderr(std::process::Stdio::null()));
    (crt, key)
}

#[test]
fn certificates_token_files_and_kubeconfig_lists_authenticate() {
    let c = cluster();
    let dir = tempfile::tempdir().unwrap();
    let p = small(&unique("itp-auth-"));
    let (crt, key) = client_certificate(&c, dir.path(), "itp-test-admin", "system:masters");

    // Certificate files, named relative to the kubeconfig as kubectl reads them.
    let files = dir.path().join("certs");
    std::fs::write(
        &files,
        config_with(
            &c,
            "    client-certificate: client.crt\n    client-key: client.key\n",
        ),
    )
    .unwrap();
    k8s_as(&p, files.to_str().unwrap(), &["status"]).code(0);

    // A plugin that answers with a certificate instead of a token.
    use base64::Engine as _;
    let pem = |p: &Path| std::fs::read_to_string(p).unwrap().replace('\n', "\\n");
    let answer = dir.path().join("cert-plugin");
    std::fs::write(
        &answer,
        format!(
            "#!/bin/sh\nprintf '%s' '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"clientCertificateData\":\"{}\",\"clientKeyData\":\"{}\"}}}}'\n",
            pem(&crt),
            pem(&key)
        ),
    )
    .unwrap();
    chmod_x(&answer);
    let by_plugin = dir.path().join("cert-by-plugin");
    std::fs::write(
        &by_plugin,
        config_with(
            &c,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./cert-plugin\n      interactiveMode: IfAvailable\n",
        ),
    )
    .unwrap();
    k8s_as(&p, by_plugin.to_str().unwrap(), &["status"]).code(0);

    // Certificate data inline, base64 as kubectl writes it.
    let b64 =
        |p: &Path| base64::engine::general_purpose::STANDARD.encode(std::fs::read(p).unwrap());
    let inline = dir.path().join("inline");
    std::fs::write(
        &inline,
        config_with(
            &c,
            &format!(
                "    client-certificate-data: {}\n    client-key-data: {}\n",
                b64(&crt),
                b64(&key)
            ),
        ),
    )
    .unwrap();
    k8s_as(&p, inline.to_str().unwrap(), &["status"]).code(0);

    // tokenFile.
    // Ending in a newline, as `echo TOKEN > token` writes it.
    std::fs::write(dir.path().join("token"), format!("{}\n", c.token)).unwrap();
    let token_file = dir.path().join("token-file");
    std::fs::write(&token_file, config_with(&c, "    tokenFile: token\n")).unwrap();
    k8s_as(&p, token_file.to_str().unwrap(), &["status"]).code(0);

    // A KUBECONFIG list: the cluster in one file, the user and the context
    // in another; a file that does not exist is skipped, as kubectl does.
    let clusters = dir.path().join("clusters");
    std::fs::write(
        &clusters,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"{}\", certificate-authority: \"{}\"}}\n",
            c.server,
            c.ca.display()
        ),
    )
    .unwrap();
    let users = dir.path().join("users");
    std::fs::write(
        &users,
        format!(
            "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user: {{token: \"{}\"}}\ncontexts:\n- name: ctx\n  context: {{cluster: c, user: u}}\ncurrent-context: ctx\n",
            c.token
        ),
    )
    .unwrap();
    let list = std::env::join_paths([
        dir.path().join("nothing-here"),
        users.clone(),
        clusters.clone(),
    ])
    .unwrap();
    k8s_as(&p, list.to_str().unwrap(), &["status"]).code(0);
    let _ = kubeconfig();
}
