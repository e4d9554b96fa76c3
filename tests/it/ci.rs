//! Running under CI (issue 18): every workflow file in the repository, and
//! the one docs/ci.md shows, passes GitHub's workflow schema (PyPI
//! check-jsonschema's vendored copy); `GITHUB_ACTIONS=true` turns profile
//! problems into annotations and folds build output; `CI=true` means no
//! bars and no prompts even on a terminal.

use std::path::{Path, PathBuf};

use crate::common::{Project, Pty, TEST_IMAGE as IMAGE, command, env};

fn check_jsonschema() -> PathBuf {
    let python = std::env::var("ITP_DEV_PY_TOOLS")
        .expect("scripts/test.sh sets ITP_DEV_PY_TOOLS (scripts/ensure-py-tools.sh)");
    Path::new(&python).with_file_name("check-jsonschema")
}

/// The YAML blocks of a Markdown file whose first line names a workflow
/// file (`# .github/workflows/…`).
fn workflows_in(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in markdown.lines() {
        match (&mut block, line.trim_start()) {
            (None, "```yaml") => block = Some(String::new()),
            (Some(b), "```") => {
                if b.starts_with("# .github/workflows/") {
                    out.push(b.clone());
                }
                block = None;
            }
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_workflow_file_passes_githubs_workflow_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    let docs = std::fs::read_to_string(root.join("docs/ci.md")).unwrap();
    let shown = workflows_in(&docs);
    assert!(!shown.is_empty(), "docs/ci.md shows no workflow");
    for (i, w) in shown.iter().enumerate() {
        let p = dir.path().join(format!("docs-ci-{i}.yml"));
        std::fs::write(&p, w).unwrap();
        files.push(p);
    }
    assert!(files.len() >= 2);
    let out = std::process::Command::new(check_jsonschema())
        .args(["--builtin-schema", "vendor.github-workflows"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // The check can fail: a workflow with a job that has no steps.
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    stepz: []\n",
    )
    .unwrap();
    let out = std::process::Command::new(check_jsonschema())
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success(), "a broken workflow passed the schema");
}

#[test]
fn under_github_actions_profile_problems_are_annotations_on_the_line() {
    let p = Project::new(&format!(
        "version = 1\nname = \"ann\"\n\n[services.db]\nimage = \"{IMAGE}\"\nimagee = \"x\"\n"
    ));
    let workspace = p.path().display().to_string();
    let r = p.run_env(
        &["validate"],
        &[("GITHUB_ACTIONS", "true"), ("GITHUB_WORKSPACE", &workspace)],
    );
    r.code(2).shows(&[
        "::error file=itp-dev.toml,line=6,col=1::unknown key `imagee`",
        "::error title=itp-dev::",
    ]);
    // Not under GitHub Actions: no workflow commands.
    let plain = p.run(&["validate"]);
    plain.code(2);
    assert!(!plain.stderr.contains("::error"), "{}", plain.stderr);
}

#[test]
fn under_github_actions_a_builds_output_is_one_fold() {
    let (p, _t, _) = env(
        "fold",
        "[services.app]\nbuild = \"app\"\ncommand = \"sleep 100000\"\n",
    );
    p.file(
        "app/Dockerfile",
        &format!("FROM {IMAGE}\nRUN echo built-here\n"),
    );
    let r = p.run_env(&["up"], &[("GITHUB_ACTIONS", "true")]);
    r.code(0);
    let lines: Vec<&str> = r.stderr.lines().collect();
    let open = lines
        .iter()
        .position(|l| l.starts_with("::group::build "))
        .unwrap_or_else(|| panic!("no build group:\n{}", r.stderr));
    let close = open
        + lines[open..]
            .iter()
            .position(|l| *l == "::endgroup::")
            .expect("the group ends");
    let inside = lines[open..close].join("\n");
    assert!(inside.contains("RUN echo built-here") && inside.contains("built-here"));
    assert!(
        lines[close + 1].starts_with("✓ built "),
        "the fold is printed as the build ends: {}",
        lines[close + 1]
    );
}

#[test]
fn with_ci_set_a_terminal_gets_lines_not_bars_and_no_question() {
    let (p, _t, _) = env(
        "cipty",
        &format!(
            "[services.a]\nimage = \"{IMAGE}\"\ncommand = \"sleep 100000\"\nvolumes = [\"data:/d\"]\n"
        ),
    );
    let mut cmd = command(p.path());
    cmd.env("CI", "true").args(["up"]);
    let mut pty = Pty::spawn(cmd, 30, 100);
    let out = pty.expect("1 of 1 services running", 30);
    // indicatif's spinner frames and cursor movements never appear.
    assert!(
        !out.contains("\u{1b}[2K") && !out.contains("⠁"),
        "bars under CI: {out:?}"
    );
    assert!(out.contains("✓ created a"), "{out:?}");
    // `down --volumes` would ask on a terminal; under CI it refuses at once.
    let mut cmd = command(p.path());
    cmd.env("CI", "true").args(["down", "--volumes"]);
    let mut pty = Pty::spawn(cmd, 30, 100);
    let out = pty.expect("--yes", 20);
    assert!(!out.contains("[y/N]"), "asked under CI: {out:?}");
}
