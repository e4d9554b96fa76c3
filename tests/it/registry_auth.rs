//! Private registries: the Docker CLI's credentials (`config.json`'s
//! `credHelpers`, `credsStore` and `auths`) used for pushes and pulls,
//! against a real registry behind htpasswd basic auth on 127.0.0.1:5001
//! (`scripts/ensure-registry.sh`), with a credential helper script.

use std::path::Path;

use crate::common::{Project, Run, docker};

pub const REGISTRY: &str = "127.0.0.1:5001";
pub const USER: &str = "itp-test";
pub const PASSWORD: &str = "itp-registry-pw-7";

/// A Docker config dir whose `config.json` is `config`, and a `bin` dir
/// with `docker-credential-itptest`, which answers `secret` for the
/// private registry and "not found" for any other.
pub fn docker_config(dir: &Path, config: &str, secret: &str) {
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    std::fs::write(dir.join("config.json"), config).unwrap();
    let helper = dir.join("bin/docker-credential-itptest");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread server\necho \"$server\" >> '{log}'\nif [ \"$server\" != '{REGISTRY}' ]; then echo 'credentials not found in native keychain'; exit 1; fi\nprintf '{{\"ServerURL\":\"%s\",\"Username\":\"{USER}\",\"Secret\":\"{secret}\"}}\\n' \"$server\"\n",
            log = dir.join("helper.log").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
}

pub fn with_config(p: &Project, dir: &Path, args: &[&str]) -> Run {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap()
    );
    p.run_env(
        args,
        &[("DOCKER_CONFIG", dir.to_str().unwrap()), ("PATH", &path)],
    )
}

fn built(name: &str) -> Project {
    let p = Project::new(&format!(
        "version = 1\nname = \"{name}\"\n[services.app]\nbuild = \"app\"\ncommand = [\"httpd\", \"-f\", \"-p\", \"80\"]\n[kubernetes]\nregistry = \"{REGISTRY}/itp\"\n"
    ));
    p.file(
        "app/Dockerfile",
        &format!("FROM itp-test/busybox:2\nRUN echo {name} > /name\n"),
    );
    p
}

fn no_password(r: &Run) {
    assert!(
        !r.stdout.contains(PASSWORD)
            && !r.stderr.contains(PASSWORD)
            && !r.stderr.contains("aXRwLXRlc3Q6"),
        "a password was printed:\n{}\n{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_push_uses_the_helpers_login_and_fails_clearly_without_one() {
    let name = crate::common::unique("privpush");
    let p = built(&name);
    let _built = crate::common::Teardown {
        dir: p.path().to_path_buf(),
        project: name.clone(),
    };
    let dir = tempfile::tempdir().unwrap();

    // No login at all: refused by the registry, named, exit 1.
    docker_config(dir.path(), "{}", PASSWORD);
    let r = with_config(&p, dir.path(), &["build", "--push"]);
    r.code(1)
        .shows(&[REGISTRY, "no basic auth credentials", "docker login"]);

    // A wrong password from the helper: refused, and never printed.
    docker_config(
        dir.path(),
        &format!(r#"{{"credHelpers":{{"{REGISTRY}":"itptest"}}}}"#),
        "not-the-password",
    );
    let r = with_config(&p, dir.path(), &["build", "--push"]);
    r.code(1).shows(&[REGISTRY]);
    assert!(!r.stderr.contains("not-the-password"), "{}", r.stderr);

    // The right one: pushed, and the registry has it.
    docker_config(
        dir.path(),
        &format!(r#"{{"credHelpers":{{"{REGISTRY}":"itptest"}}}}"#),
        PASSWORD,
    );
    let r = with_config(&p, dir.path(), &["build", "--push"]);
    r.code(0);
    no_password(&r);
    let log = std::fs::read_to_string(dir.path().join("helper.log")).unwrap();
    assert!(
        log.lines().all(|l| l == REGISTRY),
        "asked only for the registry: {log}"
    );
    r.shows(&[&format!("{REGISTRY}/itp/{name}-app:"), "@sha256:"]);

    // `auths` written by `docker login` work the same, and so does a pull.
    use base64::Engine as _;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    docker_config(
        dir.path(),
        &format!(r#"{{"auths":{{"{REGISTRY}":{{"auth":"{auth}"}}}}}}"#),
        "unused",
    );
    let image = format!("{REGISTRY}/itp/busybox:{name}");
    crate::common::docker_ok(&["tag", "itp-test/busybox:2", &image]);
    let pusher = Project::new(&format!(
        "version = 1\nname = \"{name}\"\n[services.app]\nimage = \"{image}\"\ncommand = [\"sleep\", \"60\"]\n"
    ));
    // Pushed through the engine with the same login, removed here, pulled by up.
    let (pushed, text) = docker(&["--config", dir.path().to_str().unwrap(), "push", &image]);
    assert!(pushed, "{text}");
    crate::common::docker_ok(&["rmi", &image]);
    let _t = crate::common::Teardown {
        dir: pusher.path().to_path_buf(),
        project: name.clone(),
    };
    let r = with_config(&pusher, dir.path(), &["up"]);
    r.code(0);
    no_password(&r);
    let _ = docker(&["rmi", "-f", &image]);
}
