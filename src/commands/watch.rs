//! `itp-dev watch`: act on file changes by the profile's `[[watch]]` rules
//! until Ctrl-C.

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::WatchArgs;
use crate::plan::compile;
use crate::ui::Printer;
use crate::{docker, ops};

pub fn run(ctx: &Context, args: &WatchArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load_trusted(printer)?;
    let plan = compile(&loaded, &ctx.host());
    ops::runtime()?.block_on(async {
        let d = docker::connect().await?;
        ops::watch::watch(ctx, &d, &loaded, plan, args.timing.options(), printer).await
    })
}
