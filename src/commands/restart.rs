//! `itp-dev restart [SERVICE...]`: stop the named services (all by
//! default), then start them along the dependency DAG with the same health
//! waits as `up`; the dev container's `post_start` hooks run again.

use std::time::Instant;

use bollard::query_parameters::StopContainerOptionsBuilder;
use futures_util::future::join_all;

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::RestartArgs;
use crate::docker::apply::{self, Failure};
use crate::docker::errors::{ignore_gone, message};
use crate::docker::teardown::STOP_TIMEOUT_S;
use crate::docker::{self};
use crate::plan::{Action, ActionKind, compile};
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn run(ctx: &Context, args: &RestartArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let begun = Instant::now();
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let chosen: Vec<String> = services::select(&plan, &args.services)?
        .iter()
        .map(|c| c.service.clone())
        .collect();
    super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        let _lock = crate::state::ProjectLock::acquire(&plan.project, |_| {
            printer.status("waiting for another itp-dev run on this project to finish…")
        })
        .map_err(|e| anyhow::anyhow!("could not take the project lock: {e}"))?;
        // Every chosen container must exist: restart does not create.
        for s in &chosen {
            let name = &plan.container(s).expect("selected").name;
            if d.inspect_container(name, None).await.is_err() {
                return Err(CommandError::Failed {
                    message: format!("service `{s}` has no container to restart"),
                    hint: Some("create it with `itp-dev up`".into()),
                });
            }
        }
        let stops = chosen.iter().map(|s| {
            let d = &d;
            let name = plan.container(s).expect("selected").name.clone();
            async move {
                d.stop_container(
                    &name,
                    Some(StopContainerOptionsBuilder::new().t(STOP_TIMEOUT_S).build()),
                )
                .await
                .or_else(ignore_gone)
                .map_err(|e| Failure::new(&name, format!("could not stop: {}", message(&e))))
            }
        });
        let mut failures: Vec<Failure> = join_all(stops)
            .await
            .into_iter()
            .filter_map(Result::err)
            .collect();
        if failures.is_empty() {
            let actions: Vec<Action> = plan
                .levels
                .iter()
                .flatten()
                .map(|s| {
                    let service = s.clone();
                    if chosen.contains(s) {
                        Action {
                            kind: ActionKind::Start { service },
                            reason: "restart".into(),
                        }
                    } else {
                        Action {
                            kind: ActionKind::Keep { service },
                            reason: "not restarted".into(),
                        }
                    }
                })
                .collect();
            let view = UpView::new(printer);
            let opts = apply::Options {
                wait: true,
                timeout: args.timeout,
            };
            // Restart only starts: the network is named for form's sake.
            let gate = crate::docker::inflight::Gate::new(&plan.project);
            match apply::containers(&d, &plan, &actions, &plan.network, &opts, &view, &gate).await {
                Ok(_) => {
                    if let Err(f) = apply::run_hooks(&d, &plan, &view).await {
                        failures.push(f);
                    }
                }
                Err(f) => failures.extend(f),
            }
        }
        if !failures.is_empty() {
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
