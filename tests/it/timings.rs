//! Set-up time you can see (issue 18): `up --timings` and its `--json`
//! spans, and the OpenTelemetry trace of a command, received by a real
//! OTLP/HTTP endpoint (tests/support/otlp_receiver.py) that decodes it
//! with PyPI's opentelemetry-proto, the official protobuf bindings
//! (scripts/ensure-py-tools.sh installs them; `scripts/test.sh` passes the
//! venv's python as ITP_DEV_PY_TOOLS).

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::common::{Project, TEST_IMAGE as IMAGE, docker_ok, env, free_port};

const SECRET: &str = "canary-timings-5555";

/// A pulled image (from the local registry, removed here first), a built
/// one (two steps), a health wait, a service that waits for it, a hook,
/// and a secret.
fn profile(pulled: &str) -> String {
    format!(
        r#"
[dev]
build = "app"
depends_on = {{ db = "healthy" }}
secrets = ["TOKEN"]
env = {{ TOKEN = "{SECRET}" }}
hooks = {{ on_create = ["echo created"] }}

[services.db]
image = "{pulled}"
command = "mkdir -p /d; echo ok > /d/ok; httpd -f -p 80 -h /d"
healthcheck = {{ command = "wget -q -O /dev/null http://127.0.0.1/ok", interval = "100ms", retries = 50 }}
"#
    )
}

/// An image with a layer of this test's own, pushed to the local registry
/// and removed from the engine, so `up` pulls it and downloads that layer.
fn pushed_image(name: &str) -> String {
    let reference = format!("127.0.0.1:5000/itp-test/{name}:1");
    let mut build = Command::new("docker")
        .args(["build", "-q", "-t", &reference, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    build
        .stdin
        .take()
        .unwrap()
        .write_all(format!("FROM {IMAGE}\nRUN echo {name} > /own-layer\n").as_bytes())
        .unwrap();
    assert!(build.wait().unwrap().success());
    docker_ok(&["push", &reference]);
    docker_ok(&["rmi", &reference]);
    reference
}

type Made = (
    Project,
    crate::common::Teardown,
    String,
    String,
    crate::common::Cleanup,
);

fn project(prefix: &str) -> Made {
    let name = crate::common::unique(prefix);
    let pulled = pushed_image(&name);
    let cleanup = crate::common::Cleanup(vec![("image", pulled.clone())]);
    let (p, t, project) = env(prefix, &profile(&pulled));
    p.file(
        "app/Dockerfile",
        &format!(
            "FROM {IMAGE}\nRUN echo {project} > /own\nRUN echo one > /one\nRUN sleep 0.3 && echo two > /two\n"
        ),
    );
    (p, t, project, pulled, cleanup)
}

fn spans(stdout: &str) -> (Vec<Value>, Value) {
    let events: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let spans = events
        .iter()
        .filter(|e| e["event"] == "span")
        .cloned()
        .collect();
    let timings = events
        .iter()
        .find(|e| e["event"] == "timings")
        .cloned()
        .unwrap_or_else(|| panic!("no timings event in:\n{stdout}"));
    (spans, timings)
}

#[test]
fn timings_cover_every_phase_and_add_up_to_the_wall_time() {
    let (p, _t, _project, pulled, _cleanup) = project("timings");
    let page = p.path().join("timings.html");
    let page_arg = format!("--timings={}", page.display());
    let r = p.run(&["--json", "up", &page_arg]);
    r.code(0);
    assert!(!r.stdout.contains(SECRET) && !r.stderr.contains(SECRET));
    let (spans, timings) = spans(&r.stdout);
    let by_id: HashMap<u64, &Value> = spans
        .iter()
        .map(|s| (s["id"].as_u64().unwrap(), s))
        .collect();
    let phase_of = |s: &Value| s["phase"].as_str().unwrap().to_string();
    let phases: Vec<String> = spans.iter().map(phase_of).collect();
    for want in [
        "command", "prepare", "network", "pull", "layer", "build", "step", "create", "start",
        "health", "wait", "hook", "service",
    ] {
        assert!(
            phases.iter().any(|p| p == want),
            "no {want} span: {phases:?}"
        );
    }
    // Each phase is inside its parent, a service's phases under the
    // service, the services under the command.
    for s in &spans {
        let Some(parent) = s["parent"].as_u64() else {
            assert_eq!(s["phase"], "command");
            continue;
        };
        let up = by_id[&parent];
        let (a, b) = (s["start_ms"].as_f64().unwrap(), s["ms"].as_f64().unwrap());
        let (pa, pb) = (up["start_ms"].as_f64().unwrap(), up["ms"].as_f64().unwrap());
        assert!(
            a + 0.2 >= pa && a + b <= pa + pb + 0.2,
            "{s} is not inside {up}"
        );
        match s["phase"].as_str().unwrap() {
            "layer" => assert_eq!(up["phase"], "pull"),
            "step" => assert_eq!(up["phase"], "build"),
            "service" => assert_eq!(up["phase"], "command"),
            "create" | "start" | "health" | "hook" => {
                assert_eq!(up["phase"], "service");
                assert_eq!(up["service"], s["service"]);
            }
            _ => {}
        }
    }
    // Each Dockerfile step (and the engine's label steps) is a span.
    let steps: Vec<&str> = spans
        .iter()
        .filter(|s| s["phase"] == "step")
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        steps.iter().any(|s| s.ends_with("RUN echo one > /one")),
        "{steps:?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.ends_with("RUN sleep 0.3 && echo two > /two")),
        "{steps:?}"
    );
    assert!(
        spans
            .iter()
            .any(|s| s["phase"] == "pull" && s["name"].as_str().unwrap().contains(&pulled))
    );
    // The bar: the critical path's phases add up to the wall time within 5%.
    let wall = timings["wall_ms"].as_f64().unwrap();
    let covered = timings["covered_ms"].as_f64().unwrap();
    assert!(
        covered <= wall + 0.5 && covered >= 0.95 * wall,
        "the critical path covers {covered} of {wall} ms"
    );
    // The path runs through the health wait the dev container waited for,
    // and ends with the dev container's hook and the report.
    let path: Vec<&Value> = timings["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| by_id[&id.as_u64().unwrap()])
        .collect();
    let names: Vec<String> = path.iter().map(|s| phase_of(s)).collect();
    assert_eq!(
        names.first().map(String::as_str),
        Some("prepare"),
        "{names:?}"
    );
    assert!(names.contains(&"health".to_string()), "{names:?}");
    assert!(names.contains(&"hook".to_string()), "{names:?}");
    assert!(!names.contains(&"wait".to_string()), "{names:?}");
    assert!(path.iter().all(|s| s["critical"] == true));
    // The page: self-contained, every service, the path, no secret.
    assert_eq!(timings["report"], page.display().to_string());
    let html = std::fs::read_to_string(&page).unwrap();
    for needle in [
        "<!DOCTYPE html>",
        "Critical path",
        ">db<",
        ">dev<",
        "class=\"bar crit",
    ] {
        assert!(html.contains(needle), "{needle} not in the page");
    }
    assert!(!html.contains(SECRET) && !html.contains("<script") && !html.contains("http"));

    // On a terminal or in a pipe: the path printed, and where the page is.
    let warm = p.run(&["up", &page_arg]);
    warm.code(0).shows(&["critical path (", "timings: "]);
}

/// The test collector: started on a free port, stopped at the end.
struct Collector {
    child: Child,
    out: tempfile::NamedTempFile,
    port: u16,
}

impl Collector {
    fn start() -> Collector {
        let python = std::env::var("ITP_DEV_PY_TOOLS")
            .expect("scripts/test.sh sets ITP_DEV_PY_TOOLS (scripts/ensure-py-tools.sh)");
        let out = tempfile::NamedTempFile::new().unwrap();
        let port = free_port();
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/otlp_receiver.py"
        );
        let mut child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .arg(out.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready");
        Collector { child, out, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn spans(&self) -> Vec<Value> {
        std::fs::read_to_string(self.out.path())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn every_command_sends_one_trace_with_a_span_per_service_phase() {
    let collector = Collector::start();
    let (p, _t, project, _, _cleanup) = project("otlp");
    let r = p.run_env(
        &["up"],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.url()),
            (
                "OTEL_EXPORTER_OTLP_HEADERS",
                "authorization=Bearer collector-key",
            ),
        ],
    );
    r.code(0);
    let spans = collector.spans();
    let text = serde_json::to_string(&spans).unwrap();
    assert!(!text.contains(SECRET), "a secret in the trace");
    let traces: std::collections::BTreeSet<&str> = spans
        .iter()
        .map(|s| s["trace_id"].as_str().unwrap())
        .collect();
    assert_eq!(traces.len(), 1, "one trace per command");
    let ids: HashMap<&str, &Value> = spans
        .iter()
        .map(|s| (s["span_id"].as_str().unwrap(), s))
        .collect();
    let root: Vec<&Value> = spans.iter().filter(|s| s["parent_span_id"] == "").collect();
    assert_eq!(root.len(), 1, "one root");
    let root = root[0];
    assert_eq!(root["name"], "itp-dev up");
    assert_eq!(root["attributes"]["itp.project"], project.as_str());
    assert_eq!(root["attributes"]["itp.outcome"], "ok");
    assert_eq!(root["attributes"]["itp.exit_code"], 0, "a number");
    assert!(
        root["attributes"]["itp.engine"]
            .as_str()
            .unwrap()
            .starts_with("Docker")
    );
    assert_eq!(root["resource"]["service.name"], "itp-dev");
    assert_eq!(root["scope"], "itp-dev");
    assert_eq!(root["authorization"], "Bearer collector-key");
    for s in &spans {
        assert!(s["end"].as_u64() >= s["start"].as_u64(), "{s}");
        if s["parent_span_id"] != "" {
            let parent = ids[s["parent_span_id"].as_str().unwrap()];
            assert!(
                s["start"].as_u64() >= parent["start"].as_u64(),
                "{s} starts before {parent}"
            );
            assert!(
                s["end"].as_u64() <= parent["end"].as_u64(),
                "{s} ends after {parent}"
            );
        }
    }
    // Per service: a span, and under it its phases.
    for (service, phases) in [
        ("db", vec!["pull", "create", "start", "health"]),
        ("dev", vec!["build", "create", "start", "hook"]),
    ] {
        let svc = spans
            .iter()
            .find(|s| {
                s["attributes"]["itp.phase"] == "service"
                    && s["attributes"]["itp.service"] == service
            })
            .unwrap_or_else(|| panic!("no span for {service}"));
        assert_eq!(svc["parent_span_id"], root["span_id"]);
        for phase in phases {
            let found = spans.iter().find(|s| {
                s["attributes"]["itp.phase"] == phase && s["parent_span_id"] == svc["span_id"]
            });
            let found = found.unwrap_or_else(|| panic!("no {phase} span under {service}"));
            assert!(found["end"].as_u64().unwrap() > found["start"].as_u64().unwrap());
        }
    }
    let build = spans
        .iter()
        .find(|s| s["attributes"]["itp.phase"] == "build")
        .unwrap();
    assert!(
        build["attributes"]["container.image.name"]
            .as_str()
            .is_some()
    );
    // A step no build ran before is a cache miss, said on the step.
    let own = format!("RUN echo {project} > /own");
    let run_step = spans
        .iter()
        .find(|s| s["name"].as_str().unwrap().ends_with(&own))
        .expect("the RUN step's span");
    assert_eq!(run_step["attributes"]["itp.cache"], "miss");

    // A warm run, and another command: one more trace each.
    p.run_env(
        &["status"],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.url())],
    )
    .code(0);
    let spans = collector.spans();
    assert!(
        spans
            .iter()
            .any(|s| s["name"] == "itp-dev status" && s["parent_span_id"] == "")
    );
}

#[test]
fn a_phase_that_fails_is_recorded_as_failed() {
    // An image with no command: the engine refuses to create the container.
    let (p, _t, _) = env("failphase", "[services.b]\nbuild = \"b\"\n");
    p.file("b/Dockerfile", "FROM scratch\nLABEL x=1\n");
    let r = p.run(&["--json", "up", "--timings"]);
    r.code(1);
    let (spans, _) = spans(&r.stdout);
    let create = spans
        .iter()
        .find(|s| s["phase"] == "create" && s["service"] == "b")
        .unwrap_or_else(|| panic!("no create span: {}", r.stdout));
    assert_eq!(create["failed"], true, "{create}");
    let service = spans
        .iter()
        .find(|s| s["phase"] == "service" && s["name"] == "b")
        .unwrap();
    assert_eq!(service["failed"], true);
    assert!(
        spans
            .iter()
            .any(|s| s["phase"] == "command" && s["failed"] == true)
    );
}

#[test]
fn a_collector_that_is_down_costs_a_warning_not_the_command() {
    let (p, _t, _) = env(
        "otlpdown",
        &format!("[services.a]\nimage = \"{IMAGE}\"\ncommand = \"sleep 100000\"\n"),
    );
    let closed = format!("http://127.0.0.1:{}", free_port());
    p.run(&["--otlp", &closed, "up"]).code(0).shows(&[&format!(
        "could not send the trace to the OpenTelemetry collector at {closed}/v1/traces"
    )]);
    // Switched off by the standard variable, even with an endpoint.
    let r = p.run_env(
        &["--otlp", &closed, "status"],
        &[("OTEL_SDK_DISABLED", "true")],
    );
    r.code(0);
    assert!(
        !r.stderr.contains("could not send the trace"),
        "{}",
        r.stderr
    );
}
