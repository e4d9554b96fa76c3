//! `itp-dev up`: bring the environment to what the profile says (see
//! `docker::converge`), then watch when asked.

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::UpArgs;
use crate::docker::converge;
use crate::ops;
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &UpArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let watch = args.watch.then(|| args.timing.options());
    if let Some(path) = &args.timings {
        crate::timeline::request_report(path);
    }
    ops::up::up(ctx, &options(args), watch, printer)
}

/// The CLI's flags are not the engine's options.
fn options(args: &UpArgs) -> converge::Options {
    converge::Options {
        dry_run: args.dry_run,
        no_dev: args.no_dev,
        wait: args.wait,
        timeout: args.timeout,
    }
}
