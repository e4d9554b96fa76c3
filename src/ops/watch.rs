//! Watching (for `itp-dev watch` and `up --watch`): compile the rules, say
//! what is watched, then hand over to the watch loop until Ctrl-C. A changed
//! profile or a `rebuild` rule converges as `up` does.

use std::time::Instant;

use anyhow::Context as _;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;

use super::context::Context;
use super::{CommandError, Exit};
use crate::docker::Docker;
use crate::docker::converge;
use crate::plan::{Plan, compile};
use crate::profile::diagnostic::{self, Diagnostic};
use crate::profile::{LoadError, Loaded, tree};
use crate::ui::Printer;
use crate::ui::progress::UpView;
use crate::watch::rules::{Rules, base_of};
use crate::watch::run::{self, Host, HostError, Options, Setup};

pub async fn watch(
    ctx: &Context,
    docker: &Docker,
    loaded: &Loaded,
    plan: Plan,
    timing: Options,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    if plan.watch.is_empty() {
        return Err(CommandError::Usage {
            message: format!("{} has no `[[watch]]` rules", loaded.source.display),
            hint: Some(
                "add one, e.g. `[[watch]]` with `paths = [\"src/**\"]`, `action = \"sync\"`, `target = \"/app/src\"`".into(),
            ),
        });
    }
    let rules = Rules::compile(&plan.watch, &loaded.dir).context("the watch rules")?;
    warn_missing_paths(loaded, printer);
    // "watching" is said by the loop once the watches are set and the
    // start-up rescan is done: a tool that waits for it may edit at once.
    let view = UpView::new(printer);
    let host = WatchHost {
        ctx,
        printer,
        docker: docker.clone(),
    };
    let setup = Setup {
        docker: docker.clone(),
        dir: loaded.dir.clone(),
        profile_file: loaded.source.path.clone(),
        plan,
        rules,
        opts: timing,
    };
    run::run(setup, &view, &host)
        .await
        .map_err(anyhow::Error::new)?;
    Ok(Exit::Ok)
}

/// A watch path whose fixed directory does not exist is not an error (it
/// may be created later), but it is worth a located warning.
fn warn_missing_paths(loaded: &Loaded, printer: &Printer) {
    let Ok(node) = tree::parse(&loaded.source.text) else {
        return;
    };
    let mut found = Vec::new();
    for (i, rule) in loaded.profile.watch.iter().enumerate() {
        for (j, g) in rule.paths.iter().enumerate() {
            let literal = g.trim_end_matches('/');
            let base = if literal.contains(['*', '?', '[', '{']) {
                base_of(g)
            } else {
                literal.to_string()
            };
            let exists = if base == literal {
                loaded.dir.join(literal).exists()
            } else {
                loaded.dir.join(&base).is_dir()
            };
            if !exists {
                found.push(
                    Diagnostic::new(format!("watch path `{g}` matches nothing: `{base}` does not exist"))
                        .at(node.span_of(&crate::path!["watch", i, "paths", j]), "not found")
                        .help("create it, or fix the path (relative to the profile); it is watched once it exists and the profile is saved")
                        .as_warning(),
                );
            }
        }
    }
    if !found.is_empty() {
        printer.diagnostics(&loaded.source, &found);
    }
}

struct WatchHost<'a> {
    ctx: &'a Context,
    printer: &'a Printer,
    docker: Docker,
}

impl Host for WatchHost<'_> {
    fn reload(&self) -> Result<(Plan, Rules), HostError> {
        match self.ctx.load() {
            // An edit that reaches the host anew is not applied unasked.
            Ok(loaded) if !super::trust::allowed(self.ctx, &loaded) => {
                let parts: Vec<String> = loaded
                    .reach
                    .iter()
                    .map(|r| format!("  {}: {}", r.at, r.what))
                    .collect();
                Err(HostError::Invalid(format!(
                    "{} now reaches the host beyond the repository in a way not approved; the change is not applied (`itp-dev trust` approves it):\n{}\n",
                    loaded.source.display,
                    parts.join("\n")
                )))
            }
            Ok(loaded) => {
                let plan = compile(&loaded, &self.ctx.host());
                let rules = Rules::compile(&plan.watch, &loaded.dir).context("the watch rules")?;
                Ok((plan, rules))
            }
            Err(LoadError::Invalid { file, diagnostics }) => Err(HostError::Invalid(
                diagnostic::render(&file, &diagnostics, self.printer.color),
            )),
            Err(e) => Err(anyhow::Error::new(e).into()),
        }
    }

    fn converge<'a>(&'a self, plan: &'a Plan) -> BoxFuture<'a, Result<(), HostError>> {
        async move {
            match super::up::converge_and_show(
                &self.docker,
                plan,
                &converge::Options::default(),
                self.printer,
                Instant::now(),
            )
            .await
            {
                Ok(Exit::Ok) => Ok(()),
                Ok(_) => Err(HostError::Reported),
                Err(e) => Err(anyhow::Error::new(e).into()),
            }
        }
        .boxed()
    }
}
