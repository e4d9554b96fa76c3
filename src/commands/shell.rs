//! `itp-dev shell` and `itp-dev exec`: a command in a running container,
//! attached to this terminal, its exit code passed through.

use std::io::IsTerminal;

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::{ExecArgs, ShellArgs};
use crate::docker::exec::{self, ExecError, ExecSpec};
use crate::docker::{self};
use crate::plan::{ContainerPlan, compile};
use crate::ui::Printer;

pub fn run_shell(ctx: &Context, args: &ShellArgs, printer: &Printer) -> Result<Exit, CommandError> {
    if !std::io::stdin().is_terminal() {
        return Err(CommandError::Usage {
            message: "`shell` needs a terminal, and stdin is not one".into(),
            hint: Some("use `itp-dev exec -- COMMAND` from scripts".into()),
        });
    }
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let c = services::one(&plan, args.service.as_deref())?;
    let shell = c.shell.clone().unwrap_or_else(|| "/bin/sh".into());
    let spec = spec_for(c, vec![shell], None, None, vec![], true);
    let rt = super::runtime()?;
    let docker = rt.block_on(docker::connect())?;
    let running = rt.block_on(docker::observe::is_running(&docker, &c.name));
    if !running {
        if args.no_up {
            return Err(not_running(&c.service));
        }
        printer.status("the environment is not running; bringing it up first");
        let up = crate::ops::up::up(ctx, &Default::default(), None, printer)?;
        if up != Exit::Ok {
            return Ok(up);
        }
    }
    attach(&rt, &docker, &spec, &c.service, printer)
}

pub fn run_exec(ctx: &Context, args: &ExecArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let c = services::one(&plan, args.service.as_deref())?;
    let tty = std::io::stdin().is_terminal();
    let spec = spec_for(
        c,
        args.command.clone(),
        args.user.clone(),
        args.workdir.clone(),
        with_host_values(&args.env),
        tty,
    );
    let rt = super::runtime()?;
    let docker = rt.block_on(docker::connect())?;
    attach(&rt, &docker, &spec, &c.service, printer)
}

/// `-e KEY` takes this shell's value of `KEY` and is left out when it is
/// unset, as `docker exec -e KEY` does (the engine would refuse the bare
/// name on Podman and drop it on Docker).
fn with_host_values(env: &[String]) -> Vec<String> {
    env.iter()
        .filter_map(|e| {
            if e.contains('=') {
                Some(e.clone())
            } else {
                std::env::var(e).ok().map(|v| format!("{e}={v}"))
            }
        })
        .collect()
}

fn spec_for(
    c: &ContainerPlan,
    cmd: Vec<String>,
    user: Option<String>,
    workdir: Option<String>,
    env: Vec<String>,
    tty: bool,
) -> ExecSpec {
    ExecSpec {
        container: c.name.clone(),
        cmd,
        user: user.or_else(|| c.user.clone()),
        workdir: workdir.or_else(|| c.workdir.clone()),
        env,
        tty,
    }
}

fn attach(
    rt: &tokio::runtime::Runtime,
    docker: &crate::docker::Docker,
    spec: &ExecSpec,
    service: &str,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    match rt.block_on(exec::run(docker, spec)) {
        Ok(exec::Outcome { code: 0, .. }) => Ok(Exit::Ok),
        Ok(exec::Outcome { code, not_started }) => {
            // Only the runtime's own refusal is blamed on the command: a
            // command that ran may exit 126 or 127 for its own reasons.
            match not_started {
                Some(exec::Refusal::Workdir) => printer.warn(&format!(
                    "the working directory `{}` could not be entered in `{service}` (exit {code}): make it, or pass another with `-w`",
                    spec.workdir.as_deref().unwrap_or("?")
                )),
                Some(exec::Refusal::Command) => printer.warn(&format!(
                    "`{}` {} in `{service}` (exit {code})",
                    spec.cmd[0],
                    if code == 127 {
                        "was not found"
                    } else {
                        "could not be run"
                    },
                )),
                None => {}
            }
            Ok(Exit::Passthrough(code.clamp(1, 255) as u8))
        }
        Err(ExecError::NotRunning(_) | ExecError::NotFound(_)) => Err(not_running(service)),
        // The command's own code (137, killed) stays the exit code, as a
        // script expects; the message says why it came.
        Err(ExecError::Ended { how, code, .. }) => {
            printer.error(
                &format!("the container of `{service}` was {how} while the command ran"),
                &[],
                Some("`itp-dev status` shows the environment; `itp-dev up` brings it back"),
            );
            Ok(Exit::Passthrough(code.clamp(1, 255) as u8))
        }
        Err(ExecError::Engine(m)) => Err(CommandError::Failed {
            message: format!("could not run the command in `{service}`: {m}"),
            hint: None,
        }),
    }
}

fn not_running(service: &str) -> CommandError {
    CommandError::Failed {
        message: format!("service `{service}` is not running"),
        hint: Some("start it with `itp-dev up`".into()),
    }
}
