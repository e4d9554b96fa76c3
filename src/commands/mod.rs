//! One thin function per command: its arguments become options for the
//! operations layer (`ops`) or a backend, and its result an exit status.
//! Output goes through the `Printer`. A command never calls another
//! command, and never talks to bollard or kube itself.

pub mod build;
pub mod completions;
pub mod config;
pub mod diff;
pub mod doctor;
pub mod down;
pub mod ide;
pub mod init;
pub mod k8s;
pub mod logs;
pub mod manpages;
pub mod plan;
pub mod restart;
pub mod services;
pub mod shell;
pub mod status;
pub mod trust;
pub mod up;
pub mod validate;
pub mod watch;

pub use crate::ops::{CommandError, Exit, context, runtime};

use crate::cli::{Cli, Command};
use crate::ui::Printer;

pub fn run(mut cli: Cli, printer: &Printer) -> Result<Exit, CommandError> {
    if let Some(f) = cli.file_short.take() {
        cli.global.file = Some(f);
    }
    let ctx = context::Context::from_args(&cli.global);
    match cli.command {
        Command::Init(args) => init::run(&ctx, &args, printer),
        Command::Doctor => doctor::run(&ctx, printer),
        Command::Validate => validate::run(&ctx, printer),
        Command::Config(args) => config::run(&ctx, &args, printer),
        Command::Plan(args) => plan::run(&ctx, &args, printer),
        Command::Completions(args) => completions::run(&args, printer),
        Command::Trust(args) => trust::run(&ctx, &args, printer),
        Command::Up(args) => up::run(&ctx, &args, printer),
        Command::Code => ide::run_code(&ctx, printer),
        Command::Ide(cmd) => ide::run(&ctx, &cmd, printer),
        Command::Watch(args) => watch::run(&ctx, &args, printer),
        Command::Shell(args) => shell::run_shell(&ctx, &args, printer),
        Command::Exec(args) => shell::run_exec(&ctx, &args, printer),
        Command::Logs(args) => logs::run(&ctx, &args, printer),
        Command::Restart(args) => restart::run(&ctx, &args, printer),
        Command::Build(args) => build::run(&ctx, &args, printer),
        Command::K8s(cmd) => k8s::run(&ctx, &cmd, printer),
        Command::Diff(args) => diff::run(&ctx, &args, printer),
        Command::Status => status::run(&ctx, printer),
        Command::Down(args) => down::run(&ctx, &args, printer),
    }
}
