//! `itp-dev plan`: the desired state, without Docker.

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::{PlanArgs, PlanFormat};
use crate::plan::{compile, render};
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &PlanArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host()).masked();
    if printer.json || args.format == PlanFormat::Json {
        printer.out_json(&plan);
    } else {
        printer.out(&render::text(&plan));
    }
    Ok(Exit::Ok)
}
