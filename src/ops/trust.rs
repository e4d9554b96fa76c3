//! Trust: a profile is input from whoever wrote the repository. Before a
//! command acts on the parts that reach the host beyond the repository
//! (`profile::reach`), they are shown and approved: on a terminal by a
//! question, otherwise by `itp-dev trust` (or `--trust` / `ITP_DEV_TRUST=1`
//! in CI). An approval is of this repository path and a hash of exactly
//! those parts, kept in the state directory: an unrelated edit does not ask
//! again, a new host mount does. Profiles that reach nothing never ask.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{CommandError, Context};
use crate::profile::Loaded;
use crate::profile::reach::{self, Reach};
use crate::ui::Printer;

/// One approved repository.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Approval {
    pub repository: PathBuf,
    /// `reach::fingerprint` of the parts approved.
    pub hash: String,
    /// The parts, in words, as they were approved.
    pub parts: Vec<String>,
    /// RFC 3339.
    pub approved_at: String,
}

#[derive(Default, Serialize, Deserialize)]
struct Store {
    #[serde(default)]
    approvals: BTreeMap<String, Approval>,
}

fn store_path() -> PathBuf {
    crate::state::base_dir().join("trust.json")
}

fn read_store() -> Store {
    std::fs::read(store_path())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_store(s: &Store) -> std::io::Result<()> {
    let path = store_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written whole, then renamed: a crash never leaves half a file.
    let tmp = path.with_extension(format!("json.{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec_pretty(s).expect("serializes"))?;
    std::fs::rename(tmp, path)
}

fn key(repo: &Path) -> String {
    repo.display().to_string()
}

/// Whether `--trust`/`ITP_DEV_TRUST=1` says to go ahead without asking.
fn trusted_by_flag(ctx: &Context) -> bool {
    ctx.trust
        || ctx
            .load
            .env
            .get("ITP_DEV_TRUST")
            .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// The approval this profile's host-reaching parts have, if any.
pub fn approved(loaded: &Loaded) -> bool {
    let repo = reach::repository(&loaded.dir);
    read_store()
        .approvals
        .get(&key(&repo))
        .is_some_and(|a| a.hash == reach::fingerprint(&loaded.reach))
}

/// Whether a command may act on the profile without asking.
pub fn allowed(ctx: &Context, loaded: &Loaded) -> bool {
    loaded.reach.is_empty() || trusted_by_flag(ctx) || approved(loaded)
}

/// Goes on when the profile reaches nothing beyond the repository, is
/// approved, or the user approves it now; refuses (exit 2) otherwise.
pub fn gate(ctx: &Context, loaded: &Loaded, printer: &Printer) -> Result<(), CommandError> {
    if allowed(ctx, loaded) {
        return Ok(());
    }
    show(loaded, printer);
    let interactive = crate::ui::ci::may_prompt(printer.json);
    if interactive {
        let yes = dialoguer::Confirm::new()
            .with_prompt("Allow this repository's profile to reach the host like this?")
            .default(false)
            .interact()
            .unwrap_or(false);
        if yes {
            approve(loaded).map_err(|e| anyhow::anyhow!("cannot record the approval: {e}"))?;
            return Ok(());
        }
    }
    Err(CommandError::Usage {
        message: format!(
            "{} reaches the host beyond the repository ({} part{}) and is not trusted yet",
            loaded.source.display,
            loaded.reach.len(),
            if loaded.reach.len() == 1 { "" } else { "s" }
        ),
        hint: Some(
            "check the parts above; if they are right, `itp-dev trust` approves them for this repository (`--trust` or ITP_DEV_TRUST=1 for one run, e.g. in CI)"
                .into(),
        ),
    })
}

/// The host-reaching parts, located, on stderr (an event under `--json`).
pub fn show(loaded: &Loaded, printer: &Printer) {
    if printer.json {
        printer.event(
            "host_reach",
            &serde_json::json!({ "file": loaded.source.display, "parts": parts_json(loaded) }),
        );
    } else {
        let diagnostics: Vec<_> = loaded
            .warnings
            .iter()
            .filter(|d| d.message.contains(" reaches the host: "))
            .cloned()
            .collect();
        printer.diagnostics(&loaded.source, &diagnostics);
    }
}

/// Each part with its place: `{"at", "what", "line", "column"}`.
pub fn parts_json(loaded: &Loaded) -> Vec<serde_json::Value> {
    loaded
        .reach
        .iter()
        .map(|r: &Reach| {
            let located = loaded
                .warnings
                .iter()
                .find(|d| d.message.starts_with(&format!("{} reaches", r.at)))
                .map(|d| crate::profile::diagnostic::to_json(&loaded.source, d));
            serde_json::json!({
                "at": r.at,
                "what": r.what,
                "file": loaded.source.display,
                "line": located.as_ref().and_then(|j| j.line),
                "column": located.as_ref().and_then(|j| j.column),
            })
        })
        .collect()
}

/// Records the approval of exactly these parts for this repository.
pub fn approve(loaded: &Loaded) -> std::io::Result<Approval> {
    let repo = reach::repository(&loaded.dir);
    let a = Approval {
        repository: repo.clone(),
        hash: reach::fingerprint(&loaded.reach),
        parts: loaded
            .reach
            .iter()
            .map(|r| format!("{}: {}", r.at, r.what))
            .collect(),
        approved_at: crate::ui::printer::timestamp(),
    };
    let mut s = read_store();
    s.approvals.insert(key(&repo), a.clone());
    write_store(&s)?;
    Ok(a)
}

pub fn list() -> Vec<Approval> {
    read_store().approvals.into_values().collect()
}

/// Forgets the approval of `repo`; whether there was one.
pub fn revoke(repo: &Path) -> std::io::Result<bool> {
    let mut s = read_store();
    let had = s.approvals.remove(&key(repo)).is_some();
    if had {
        write_store(&s)?;
    }
    Ok(had)
}
