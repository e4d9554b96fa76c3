//! `itp-dev restart [SERVICE...]`: stop the named services (all by
//! default), then start them along the dependency DAG with the same health
//! waits as `up`; the dev container's `post_start` hooks run again.

use std::time::Instant;

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::RestartArgs;
use crate::docker::{self, apply};
use crate::plan::compile;
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn run(ctx: &Context, args: &RestartArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let begun = Instant::now();
    let loaded = ctx.load_trusted(printer)?;
    let plan = compile(&loaded, &ctx.host());
    let chosen: Vec<String> = services::select(&plan, &args.services)?
        .iter()
        .map(|c| c.service.clone())
        .collect();
    super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        let _lock = crate::state::ProjectLock::acquire_saying(&plan.project, |m| printer.status(m))
            .map_err(|e| anyhow::anyhow!("could not take the project lock: {e}"))?;
        // Every chosen container must exist: restart does not create.
        let seen = docker::observe::project_containers(&d, &plan.project)
            .await
            .map_err(|e| anyhow::anyhow!("could not list containers: {e}"))?;
        for s in &chosen {
            let name = &plan.container(s).expect("selected").name;
            if !seen.iter().any(|c| &c.name == name) {
                return Err(CommandError::Failed {
                    message: format!("service `{s}` has no container to restart"),
                    hint: Some("create it with `itp-dev up`".into()),
                });
            }
        }
        let view = UpView::new(printer);
        let restarted = apply::restart(&d, &plan, &chosen, args.timeout, &view).await;
        drop(view);
        if let Err(failures) = restarted {
            crate::ui::report::failures(&failures, printer);
            return Ok(Exit::Failure);
        }
        printer.status(&format!(
            "restarted {} ({} ms)",
            chosen.join(", "),
            begun.elapsed().as_millis()
        ));
        Ok(Exit::Ok)
    })
}
