//! The cluster pulls from the private registry (htpasswd on
//! 127.0.0.1:5001) with the pull Secret `k8s push` makes from the Docker
//! CLI's login: the image is removed from the engine first, so the pod is
//! ready only if the kubelet's pull with that Secret succeeded.

use super::{Namespaces, kubeconfig, kubectl};
use crate::common::{Project, docker, docker_ok, unique};
use crate::registry_auth::{PASSWORD, REGISTRY, docker_config};

#[test]
fn the_cluster_pulls_with_a_secret_made_from_the_helpers_login_and_never_shows_it() {
    let ns = unique("itp-pull-");
    let _gone = Namespaces(vec![ns.clone()]);
    let dir = tempfile::tempdir().unwrap();
    use base64::Engine as _;
    let auth = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{PASSWORD}", crate::registry_auth::USER));
    docker_config(
        dir.path(),
        &format!(r#"{{"auths":{{"{REGISTRY}":{{"auth":"{auth}"}}}}}}"#),
        PASSWORD,
    );
    let image = format!("{REGISTRY}/itp/busybox:{ns}");
    docker_ok(&["tag", "itp-test/busybox:2", &image]);
    let (pushed, text) = docker(&["--config", dir.path().to_str().unwrap(), "push", &image]);
    assert!(pushed, "{text}");
    docker_ok(&["rmi", &image]);

    // The login now comes from the helper only.
    docker_config(
        dir.path(),
        &format!(r#"{{"credHelpers":{{"{REGISTRY}":"itptest"}}}}"#),
        PASSWORD,
    );
    let p = Project::new(&format!(
        "version = 1\nname = \"private\"\n[services.web]\nimage = \"{image}\"\ncommand = [\"httpd\", \"-f\", \"-p\", \"80\"]\nports = [\"80\"]\n[kubernetes]\nnamespace = \"{ns}\"\n"
    ));
    let path = format!(
        "{}:{}",
        dir.path().join("bin").display(),
        std::env::var("PATH").unwrap()
    );
    let env = [
        ("KUBECONFIG", kubeconfig()),
        ("DOCKER_CONFIG", dir.path().to_str().unwrap().to_string()),
        ("PATH", path),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = p.run_env(&["k8s", "push", "--timeout", "90s"], &env);
    r.code(0)
        .shows(&["Secret/itp-registry-logins", "web: ready"]);
    // A dry run of the same is valid (the real Secret goes to the API,
    // which stores nothing) and has nothing to change.
    p.run_env(&["k8s", "push", "--dry-run"], &env)
        .code(0)
        .shows(&["0 of"]);
    let r2 = p.run_env(&["k8s", "render"], &env);
    r2.code(0)
        .shows(&["kubernetes.io/dockerconfigjson", "********"]);
    for out in [&r.stdout, &r.stderr, &r2.stdout, &r2.stderr] {
        assert!(!out.contains(PASSWORD), "the password was printed:\n{out}");
    }
    let (ok, kind) = kubectl(&[
        "get",
        "secret",
        "itp-registry-logins",
        "-n",
        &ns,
        "-o",
        "jsonpath={.type}",
    ]);
    assert!(ok, "{kind}");
    assert_eq!(kind.trim(), "kubernetes.io/dockerconfigjson");
    let (_, held) = kubectl(&[
        "get",
        "secret",
        "itp-registry-logins",
        "-n",
        &ns,
        "-o",
        "jsonpath={.data.\\.dockerconfigjson}",
    ]);
    let held = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(held.trim())
            .unwrap(),
    )
    .unwrap();
    assert!(
        held.contains(REGISTRY) && !held.contains("5000"),
        "only the registry it needs: {held}"
    );
    let _ = docker(&["rmi", "-f", &image]);
}
