//! `itp-dev trust [--list | --revoke]`: approve, list or forget what this
//! repository's profile may reach on the host.

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::TrustArgs;
use crate::ops::trust;
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &TrustArgs, printer: &Printer) -> Result<Exit, CommandError> {
    if args.list {
        let all = trust::list();
        if printer.json {
            printer.out_json(&serde_json::json!({ "approvals": all }));
        } else if all.is_empty() {
            printer.out("no repository is approved on this machine");
        } else {
            let rows: Vec<[String; 3]> = all
                .iter()
                .map(|a| {
                    [
                        a.repository.display().to_string(),
                        a.parts.len().to_string(),
                        a.approved_at.clone(),
                    ]
                })
                .collect();
            printer.out(&crate::ui::table::format_table(
                ["REPOSITORY", "PARTS", "APPROVED"],
                &rows,
            ));
        }
        return Ok(Exit::Ok);
    }
    let loaded = ctx.load()?;
    let repo = crate::profile::reach::repository(&loaded.dir);
    if args.revoke {
        let had = trust::revoke(&repo)
            .map_err(|e| anyhow::anyhow!("cannot update the approvals: {e}"))?;
        printer.out(&if had {
            format!(
                "revoked: {} asks again before reaching the host",
                repo.display()
            )
        } else {
            format!("{} had no approval", repo.display())
        });
        return Ok(Exit::Ok);
    }
    if loaded.reach.is_empty() {
        printer.out(&format!(
            "nothing to approve: {} reaches nothing on the host beyond the repository",
            loaded.source.display
        ));
        return Ok(Exit::Ok);
    }
    trust::show(&loaded, printer);
    let a =
        trust::approve(&loaded).map_err(|e| anyhow::anyhow!("cannot record the approval: {e}"))?;
    if printer.json {
        printer.out_json(&a);
    } else {
        printer.out(&format!(
            "approved for {}: {} part{} that reach the host (a new one asks again; `itp-dev trust --revoke` forgets this)",
            repo.display(),
            a.parts.len(),
            if a.parts.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(Exit::Ok)
}
