//! The engine tests that run against Podman too (issue 17): Debian's
//! podman 4.3, its Docker-compatible API on its own socket, started by
//! scripts/ensure-podman.sh, which `scripts/test.sh` runs before these
//! with ITP_DEV_TEST_PODMAN_HOST set. Podman differs from Docker where
//! these tests look: it names networks by name in its container list, it
//! runs no healthchecks without systemd, and its list shows no health.

use crate::common::{Project, Run, TEST_IMAGE as IMAGE, unique};

fn host() -> String {
    std::env::var("ITP_DEV_TEST_PODMAN_HOST")
        .expect("scripts/test.sh sets ITP_DEV_TEST_PODMAN_HOST (run scripts/ensure-podman.sh)")
}

fn on_podman(p: &Project, args: &[&str]) -> Run {
    p.run_env(args, &[("DOCKER_HOST", &host())])
}

struct Down<'a>(&'a Project);

impl Drop for Down<'_> {
    fn drop(&mut self) {
        let _ = on_podman(self.0, &["down", "--volumes", "--yes"]);
    }
}

#[test]
fn up_health_exec_status_and_down_work_on_podman() {
    let name = unique("podman");
    let p = Project::new(&format!(
        r#"version = 1
name = "{name}"

[dev]
image = "{IMAGE}"
depends_on = {{ db = "healthy" }}

[services.db]
image = "{IMAGE}"
command = ["httpd", "-f", "-p", "5432", "-h", "/"]
volumes = ["data:/data"]
healthcheck = {{ command = "nc -w 1 127.0.0.1 5432 </dev/null", interval = "500ms" }}
"#
    ));
    let _down = Down(&p);
    // Health: Podman runs no check without systemd; `up` runs them.
    on_podman(&p, &["up"])
        .code(0)
        .shows(&["db healthy", "2 of 2 services running"]);
    // Warm: the network is recognised by name, so nothing is recreated.
    on_podman(&p, &["up", "--dry-run"])
        .code(0)
        .shows(&["nothing to do"]);
    let status = on_podman(&p, &["--json", "status"]);
    status.code(0);
    let rows: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let db = rows["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == "db")
        .unwrap_or_else(|| panic!("{}", status.stdout));
    assert_eq!(db["health"], "healthy", "{db}");
    on_podman(&p, &["doctor"]).shows(&["Podman 4"]);
    let r = on_podman(
        &p,
        &[
            "exec",
            "dev",
            "--",
            "sh",
            "-c",
            "echo out; echo err >&2; exit 7",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.trim(), r.stderr.trim()),
        (7, "out", "err")
    );
    on_podman(&p, &["down"]).code(0);
    let after = on_podman(&p, &["--json", "status"]);
    assert!(
        !after.stdout.contains("\"running\""),
        "containers left after down: {}",
        after.stdout
    );
}
