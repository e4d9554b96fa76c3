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
    on_podman(&p, &["status"]).shows(&["engine: Podman 4"]);
    let json = on_podman(&p, &["--json", "status"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        v["engine"]
            .as_str()
            .is_some_and(|e| e.starts_with("Podman 4")),
        "{v}"
    );
    on_podman(&p, &["down"]).code(0);
    let after = on_podman(&p, &["--json", "status"]);
    assert!(
        !after.stdout.contains("\"running\""),
        "containers left after down: {}",
        after.stdout
    );
}

/// `podman` itself, on the test service's socket (for faults behind
/// itp-dev's back, and to look at what it left).
fn podman(args: &[&str]) -> String {
    let host = host();
    let out = std::process::Command::new("podman")
        .arg("--url")
        .arg(&host)
        .args(args)
        .output()
        .expect("podman");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn named_volumes_survive_down_and_a_removed_container_comes_back_on_podman() {
    let name = unique("podvol");
    let p = Project::new(&crate::common::engine_profile(&name));
    let _down = Down(&p);
    on_podman(&p, &["up"]).code(0);
    on_podman(&p, &["exec", "db", "--", "sh", "-c", "echo kept > /data/f"]).code(0);
    // Removed behind itp-dev's back: the next `up` makes it again, with
    // the same volume.
    podman(&["rm", "-f", &format!("{name}-db")]);
    on_podman(&p, &["up"])
        .code(0)
        .shows(&["2 of 2 services running"]);
    let r = on_podman(&p, &["exec", "db", "--", "cat", "/data/f"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "kept"), "{}", r.stderr);
    // `down` keeps named volumes; the next `up` finds the data.
    on_podman(&p, &["down"]).code(0);
    assert!(
        podman(&["volume", "ls", "-q"]).contains(&format!("{name}_data")),
        "the named volume went with down"
    );
    on_podman(&p, &["up"]).code(0);
    let r = on_podman(&p, &["exec", "db", "--", "cat", "/data/f"]);
    assert_eq!(r.stdout.trim(), "kept");
    // `logs` reads the engine's log of a service.
    on_podman(
        &p,
        &["exec", "db", "--", "sh", "-c", "echo to-log > /proc/1/fd/1"],
    )
    .code(0);
    on_podman(&p, &["logs", "--tail", "5", "db"])
        .code(0)
        .shows(&["to-log"]);
    on_podman(&p, &["down", "--volumes", "--yes"]).code(0);
    assert!(!podman(&["volume", "ls", "-q"]).contains(&format!("{name}_data")));
}

/// A one-shot task that is recreated leaves a container Podman calls
/// `stopped` (exited, cleanup pending), a state bollard's types refuse:
/// the next list and inspect must read it all the same.
#[test]
fn a_recreated_task_is_awaited_on_podman() {
    let name = unique("podtask");
    let profile = |cmd: &str| {
        format!(
            r#"version = 1
name = "{name}"
[services.migrate]
image = "{image}"
command = ["sh", "-c", "{cmd}"]
once = true
[services.web]
image = "{image}"
command = ["sleep", "600"]
depends_on = {{ migrate = "completed" }}
"#,
            image = crate::common::TEST_IMAGE
        )
    };
    let p = Project::new(&profile("echo one"));
    let _down = Down(&p);
    on_podman(&p, &["up"]).code(0).shows(&["created web"]);
    p.file("itp-dev.toml", &profile("sleep 1; echo two"));
    on_podman(&p, &["up"]).code(0).shows(&["recreated migrate"]);
    on_podman(&p, &["status"])
        .code(0)
        .shows(&["migrate", "web"]);
    p.file("itp-dev.toml", &profile("echo failing; exit 4"));
    on_podman(&p, &["up"])
        .code(1)
        .shows(&["exited with code 4", "failing"]);
}

/// Netavark before 1.9 (Debian 12 has 1.4) lets a network's bridge take
/// the lowest MAC address of its containers, so a recreated container can
/// change the gateway's MAC and leave the others unable to resolve names
/// for up to a minute (docs/engines.md). `doctor` says so and gives the
/// fix; with the fix applied, a restarted `db` is reached by name at once.
#[test]
fn doctor_names_a_bridge_that_follows_its_containers_macs_and_its_fix_holds() {
    let name = unique("podmac");
    let p = Project::new(&crate::common::engine_profile(&name));
    let _down = Down(&p);
    on_podman(&p, &["up"]).code(0);
    let network = format!("{name}_default");
    let interface = podman(&[
        "network",
        "inspect",
        &network,
        "--format",
        "{{.NetworkInterface}}",
    ]);
    let kind = std::fs::read_to_string(format!("/sys/class/net/{interface}/addr_assign_type"))
        .expect("the bridge of a rootful Podman network is in this host's /sys");
    if kind.trim() != "3" {
        on_podman(&p, &["doctor"]).shows(&[
            &format!("bridge `{interface}` takes the MAC address of its containers"),
            &format!("ip link set dev {interface} address"),
        ]);
        // `up` that recreates `db` while `dev` keeps running says so too.
        p.file(
            "itp-dev.toml",
            &crate::common::engine_profile(&name)
                .replace("volumes = [", "env = { CHANGED = \"1\" }\nvolumes = ["),
        );
        on_podman(&p, &["up"]).code(0).shows(&[
            "recreated db",
            "may not resolve names for up to a minute",
            &format!("bridge `{interface}`"),
        ]);
        let pinned = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ip link set dev {interface} address $(cat /sys/class/net/{interface}/address)"
            ))
            .status()
            .unwrap();
        assert!(pinned.success(), "the fix doctor gives runs (as root)");
    }
    on_podman(&p, &["doctor"]).shows(&[&format!("bridge `{interface}` keeps one MAC address")]);
    p.file("itp-dev.toml", &crate::common::engine_profile(&name));
    let quiet = on_podman(&p, &["up"]);
    quiet.code(0).shows(&["recreated db"]);
    assert!(
        !quiet.stderr.contains("may not resolve"),
        "no warning once the MAC is kept: {}",
        quiet.stderr
    );
    for round in 0..3 {
        podman(&["restart", "-t", "0", &format!("{name}-db")]);
        let reached = (0..10).any(|_| {
            let ok = on_podman(&p, &["exec", "dev", "--", "nc", "-w", "1", "db", "5432"]).code == 0;
            if !ok {
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            ok
        });
        assert!(
            reached,
            "round {round}: dev reaches the restarted db by name within 5 s"
        );
    }
}
