//! `itp-dev down`: remove the project's containers and network. Named
//! volumes stay unless `--volumes`, which asks on a terminal and needs
//! `--yes` anywhere else.

use anyhow::anyhow;

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::DownArgs;
use crate::docker::{self, inflight, teardown};
use crate::state::ProjectLock;
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn run(ctx: &Context, args: &DownArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let project = loaded.project.clone();
    if args.volumes && !args.yes {
        let interactive = crate::ui::ci::may_prompt(printer.json);
        if !interactive {
            printer.error(
                "`down --volumes` deletes the project's named volumes and their data",
                &[],
                Some(
                    "pass `--yes` to confirm (no prompt is shown without a terminal, or under CI)",
                ),
            );
            return Ok(Exit::Invalid);
        }
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Delete the named volumes of `{project}` and all their data?"
            ))
            .default(false)
            .interact()
            .map_err(|e| anyhow!("could not read the answer: {e}"))?;
        if !ok {
            printer.status("nothing removed");
            return Ok(Exit::Ok);
        }
    }
    let plan = crate::plan::compile(&loaded, &ctx.host());
    let volumes: Vec<String> = plan.volumes.iter().map(|v| v.docker_name.clone()).collect();
    let removed = super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        // The same lock as `up`: a `down` during an `up` waits for it, so
        // no container appears after `down` returned.
        let _lock = ProjectLock::acquire_saying(&project, |m| printer.status(m))
            .map_err(|e| anyhow!("could not take the project lock: {e}"))?;
        let view = UpView::new(printer);
        inflight::settle(&d, &project, &view).await;
        drop(view);
        teardown::down(&d, &project, args.volumes, &volumes)
            .await
            .map_err(|e| CommandError::Other(anyhow!("down failed: {e}")))
    })?;
    // The build contexts' monitors (large contexts only) go with the rest:
    // nothing of the project stays running after `down`.
    for (service, context) in plan.build_contexts() {
        let index = crate::build::index::Index::path_for(context);
        if crate::build::monitor::stop(&index) && !printer.json {
            printer.status(&format!("stopped the build-context monitor of {service}"));
        }
    }
    if printer.json {
        printer.event("down", &serde_json::to_value(&removed).unwrap_or_default());
    } else {
        for c in &removed.containers {
            printer.status(&format!("removed container {c}"));
        }
        for n in &removed.networks {
            printer.status(&format!("removed network {n}"));
        }
        for v in &removed.volumes {
            printer.status(&format!("removed volume {v}"));
        }
        for n in &removed.notes {
            printer.status(n);
        }
        for k in &removed.kept {
            printer.warn(&format!("kept {k}"));
        }
        if removed.containers.is_empty()
            && removed.networks.is_empty()
            && removed.volumes.is_empty()
        {
            printer.status(&format!("nothing to remove for project {project}"));
        } else if !args.volumes && !volumes.is_empty() {
            printer.status("named volumes kept (`down --volumes` removes them)");
        }
    }
    Ok(Exit::Ok)
}
