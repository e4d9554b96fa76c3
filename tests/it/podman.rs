//! The engine tests that run against Podman too (issue 17): Debian's
//! podman 4.3, its Docker-compatible API on its own socket, started by
//! scripts/ensure-podman.sh, which `scripts/test.sh` runs before these
//! with ITP_DEV_TEST_PODMAN_HOST set. Podman differs from Docker where
//! these tests look: it names networks by name in its container list, it
//! runs no healthchecks without systemd, and its list shows no health.

use crate::common::{Project, Run, unique};

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
    let p = Project::new(&crate::common::engine_profile(&name));
    let _down = Down(&p);
    // Health: Podman runs no check without systemd; `up` runs them.
    on_podman(&p, &["up"])
        .code(0)
        .shows(&["db healthy", "2 of 2 services running"]);
    // Warm: the network is recognised by name, so nothing is recreated;
    // health is what `up` recorded.
    crate::common::engine_basics(&|args| on_podman(&p, args));
    on_podman(&p, &["doctor"]).shows(&["Podman 4"]);
    on_podman(&p, &["down"]).code(0);
    let after = on_podman(&p, &["--json", "status"]);
    assert!(
        !after.stdout.contains("\"running\""),
        "containers left after down: {}",
        after.stdout
    );
}
