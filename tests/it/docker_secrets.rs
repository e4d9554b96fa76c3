//! The secret canary (issue 16): one value set through each route a secret
//! takes (an env file, a value listed in `secrets`, `.env` interpolated
//! into a secret-named variable, a URL's password) and echoed back by
//! hooks, logs and a failing healthcheck, must appear in no output of any
//! command, text or `--json`.

use crate::common::{Project, Run, TEST_IMAGE as IMAGE, env};

const CANARIES: [&str; 4] = [
    "canary-envfile-1111",
    "canary-listed-2222",
    "canary-dotenv-3333",
    "canary-urlpass-4444",
];

fn clean(what: &str, r: &Run) {
    for c in CANARIES {
        assert!(
            !r.stdout.contains(c) && !r.stderr.contains(c),
            "`{what}` printed {c}:\n--- stdout\n{}\n--- stderr\n{}",
            r.stdout,
            r.stderr
        );
    }
}

fn routes() -> String {
    format!(
        r#"
[dev]
image = "{IMAGE}"
workdir = "/workspace"
env_file = ["dev.env"]
secrets = ["LISTED"]
env = {{ LISTED = "canary-listed-2222", API_TOKEN = "${{TOKEN_FROM_DOTENV}}", DB_URL = "postgres://app:canary-urlpass-4444@db/app" }}
hooks = {{ on_create = ["echo hook: $CANARY $LISTED $API_TOKEN $DB_URL; echo pass alone: canary-urlpass-4444"] }}

[services.db]
image = "{IMAGE}"
env_file = ["dev.env"]
command = ["sh", "-c", "echo log: $CANARY; sleep 100000"]
"#
    )
}

fn files(p: &Project) {
    p.file("dev.env", "CANARY=canary-envfile-1111\n");
    p.file(".env", "TOKEN_FROM_DOTENV=canary-dotenv-3333\n");
}

#[test]
fn the_canary_appears_in_no_output_of_any_command() {
    let (p, _t, _) = env("canary", &routes());
    files(&p);
    let up = p.run(&["up"]);
    up.code(0).shows(&[
        "hook: ******** ******** ******** ********",
        "pass alone: ********",
    ]);
    clean("up", &up);
    for args in [
        &["validate"][..],
        &["--json", "validate"],
        &["config"],
        &["config", "--format", "json"],
        &["plan"],
        &["--json", "plan"],
        &["up", "--dry-run"],
        &["--json", "up"],
        &["status"],
        &["--json", "status"],
        &["logs"],
        &["--json", "logs"],
        &["doctor"],
        &["--json", "doctor"],
        &["k8s", "render", "--namespace", "qa"],
        &["restart", "db"],
        &["--json", "restart", "db"],
    ] {
        let r = p.run(args);
        clean(&args.join(" "), &r);
    }
    // The logs did carry it, masked.
    p.run(&["logs", "db"]).shows(&["log: ********"]);
    // A fresh dev container runs its hook again: its events too.
    p.run(&["down"]).code(0);
    let events = p.run(&["--json", "up"]);
    events.code(0).shows(&["hook_output"]);
    clean("--json up (hooks)", &events);
}

#[test]
fn a_failing_healthcheck_that_prints_the_canary_is_masked() {
    let (p, _t, _) = env(
        "canary-health",
        &format!(
            "[services.sick]\nimage = \"{IMAGE}\"\nenv_file = [\"dev.env\"]\ncommand = [\"sleep\", \"100000\"]\nhealthcheck = {{ command = \"echo health: $CANARY; exit 1\", interval = \"200ms\", retries = 2 }}\n\n[services.after]\nimage = \"{IMAGE}\"\ncommand = [\"sleep\", \"100000\"]\ndepends_on = {{ sick = \"healthy\" }}\n"
        ),
    );
    files(&p);
    let r = p.run(&["up"]);
    r.code(1).shows(&["health: ********"]);
    clean("up", &r);
    let r = p.run(&["--json", "up"]);
    clean("--json up", &r);
}

#[test]
fn a_bad_env_file_line_is_located_by_key_never_shown() {
    let (p, _t, _) = env(
        "canary-envfile",
        &format!("[services.app]\nimage = \"{IMAGE}\"\nenv_file = [\"bad.env\"]\n"),
    );
    p.file("bad.env", "GOOD=1\nBROKEN=\"canary-envfile-1111\n");
    for args in [&["validate"][..], &["--json", "validate"], &["up"]] {
        let r = p.run(args);
        r.code(2).shows(&["bad.env", "line 2", "`BROKEN`"]);
        clean(&args.join(" "), &r);
    }
}

#[test]
fn a_many_line_secret_is_masked_line_by_line_and_plain_words_are_left_alone() {
    // A key file's lines echo one by one; a number or a word itp-dev
    // prints itself, marked secret, is not masked (masking it would break
    // `"host_port":…` and every status line), and every event stays JSON.
    let (p, _t, _) = env(
        "canary-lines",
        &format!(
            "[dev]\nimage = \"{IMAGE}\"\nenv = {{ PRIVATE_KEY = \"-----BEGIN KEY-----\\nkeyline-canary-5555\\n-----END KEY-----\", TOKEN_TTL = \"3600\", SECRET_STATE = \"running\" }}\nports = [\"18702:80\"]\nhooks = {{ on_create = [\"echo \\\"$PRIVATE_KEY\\\"\"] }}\n\n[services.db]\nimage = \"{IMAGE}\"\nvolumes = [\"./secrets/pw:/run/secrets/pw:ro\"]\ncommand = [\"sh\", \"-c\", \"cat /run/secrets/pw; sleep 100000\"]\n"
        ),
    );
    p.file(
        "secrets/pw",
        "first-line-canary-6666\nsecond-line-canary-7777\n",
    );
    let r = p.run(&["--json", "up"]);
    r.code(0);
    for line in r.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
    assert!(!r.stdout.contains("keyline-canary-5555"), "{}", r.stdout);
    assert!(r.stdout.contains("\"host_port\":18702"), "{}", r.stdout);
    let logs = p.run(&["logs", "db"]);
    for c in ["first-line-canary-6666", "second-line-canary-7777"] {
        assert!(!logs.stdout.contains(c), "{}", logs.stdout);
    }
    p.run(&["status"]).shows(&["running"]);
}
