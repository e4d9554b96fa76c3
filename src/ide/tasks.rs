//! `.vscode/tasks.json`: tasks that run itp-dev, and a problem matcher that
//! turns its `file:line:col` profile diagnostics into VS Code problems.
//! Merged into an existing file (JSONC, comments kept): only tasks whose
//! label starts with `itp-dev:` are replaced.

use jsonc_parser::ParseOptions;
use jsonc_parser::cst::CstRootNode;
use serde_json::{Value, json};

pub const PATH: &str = ".vscode/tasks.json";
const PREFIX: &str = "itp-dev:";

/// Diagnostics look like `error: message` then `  --> file:line:col`.
fn problem_matcher() -> Value {
    json!({
        "owner": "itp-dev",
        "fileLocation": ["relative", "${workspaceFolder}"],
        "pattern": [
            { "regexp": "^(error|warning): (.*)$", "severity": 1, "message": 2 },
            { "regexp": "^\\s*--> (.+):(\\d+):(\\d+)$", "file": 1, "line": 2, "column": 3 }
        ]
    })
}

fn task(label: &str, args: &[&str]) -> Value {
    json!({
        "label": format!("{PREFIX} {label}"),
        "type": "process",
        "command": "itp-dev",
        "args": args,
        "problemMatcher": problem_matcher(),
    })
}

/// The tasks itp-dev owns.
pub fn tasks() -> Vec<Value> {
    let mut watch = task("watch", &["watch"]);
    watch["isBackground"] = json!(true);
    let mut bg = problem_matcher();
    // A background task is "ready" once the watch says it is watching.
    bg["background"] = json!({
        "activesBegin": true,
        "beginsPattern": "^the profile changed|^watching",
        "endsPattern": "^watching \\d+ rules?"
    });
    watch["problemMatcher"] = bg;
    let mut up = task("up", &["up", "--no-progress"]);
    up["group"] = json!({ "kind": "build", "isDefault": true });
    vec![
        up,
        task("down", &["down"]),
        watch,
        task("logs", &["logs", "-f"]),
        task("status", &["status"]),
        task("validate", &["validate"]),
    ]
}

/// The new text of tasks.json: `existing` (if any) with itp-dev's tasks
/// replaced or added, the user's tasks and comments untouched.
pub fn merge(existing: Option<&str>) -> Result<String, jsonc_parser::errors::ParseError> {
    let text = existing.unwrap_or("{}");
    let root = CstRootNode::parse(text, &ParseOptions::default())?;
    let obj = root.object_value_or_set();
    if obj.get("version").is_none() {
        obj.append("version", "2.0.0".into());
    }
    let list = obj.array_value_or_set("tasks");
    for el in list.elements() {
        let ours = el
            .to_serde_value()
            .and_then(|v| v.get("label").and_then(|l| l.as_str()).map(str::to_string))
            .is_some_and(|l| l.starts_with(PREFIX));
        if ours {
            el.remove();
        }
    }
    for t in tasks() {
        list.append(super::cst_input(&t));
    }
    let mut out = root.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_tasks_and_comments_are_kept_and_ours_replaced() {
        let existing = r#"{
  // my build
  "version": "2.0.0",
  "tasks": [
    { "label": "cargo build", "type": "shell", "command": "cargo build", }, // trailing comma
    { "label": "itp-dev: up", "type": "process", "command": "old" },
  ],
}"#;
        let out = merge(Some(existing)).unwrap();
        assert!(
            out.contains("// my build") && out.contains("// trailing comma"),
            "{out}"
        );
        assert!(out.contains("cargo build"));
        assert!(!out.contains("\"old\""), "our stale task replaced: {out}");
        let v: Value = jsonc_parser::parse_to_serde_value(&out, &ParseOptions::default()).unwrap();
        let labels: Vec<&str> = v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels[0], "cargo build");
        assert_eq!(labels.iter().filter(|l| l.starts_with(PREFIX)).count(), 6);
        assert_eq!(merge(Some(&out)).unwrap(), out, "stable across runs");
    }

    #[test]
    fn the_problem_matcher_reads_our_diagnostics() {
        let m = problem_matcher();
        let first = regex_lite(m["pattern"][0]["regexp"].as_str().unwrap());
        let second = regex_lite(m["pattern"][1]["regexp"].as_str().unwrap());
        assert!(first.is_match("error: unknown key `helthcheck`"));
        assert!(second.is_match("  --> itp-dev.toml:14:1"));
    }

    /// VS Code's patterns are JavaScript regexes; these use nothing the
    /// `regex` crate reads differently.
    fn regex_lite(re: &str) -> regex::Regex {
        regex::Regex::new(re).unwrap()
    }
}
