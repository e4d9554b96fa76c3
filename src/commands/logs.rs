//! `itp-dev logs`: several services' logs as one stream, each line
//! prefixed with its service (aligned, coloured on a terminal), merged in
//! time order; `-f` follows until Ctrl-C.

use std::time::SystemTime;

use tokio::sync::mpsc;

use super::context::Context;
use super::{CommandError, Exit, services};
use crate::cli::LogsArgs;
use crate::docker::logs::{self, Item, LogLine, LogsSpec};
use crate::docker::{self};
use crate::plan::compile;
use crate::ui::Printer;

/// ANSI colours for service prefixes, in turn.
const COLOURS: [&str; 6] = ["36", "33", "32", "35", "34", "31"];

pub fn run(ctx: &Context, args: &LogsArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let chosen = services::select(&plan, &args.services)?;
    let width = chosen.iter().map(|c| c.service.len()).max().unwrap_or(0);
    let colour: std::collections::HashMap<String, &str> = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| (c.service.clone(), COLOURS[i % COLOURS.len()]))
        .collect();
    let targets: Vec<(String, String)> = chosen
        .iter()
        .map(|c| (c.service.clone(), c.name.clone()))
        .collect();
    let since = args.since.map(|d| {
        SystemTime::now()
            .checked_sub(d)
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs() as i64)
    });
    let spec = LogsSpec {
        follow: args.follow,
        tail: args.tail,
        since,
    };
    let show = |l: &LogLine| {
        if printer.json {
            printer.event("log", &serde_json::to_value(l).unwrap_or_default());
            return;
        }
        let prefix = format!("{:<width$} |", l.service);
        let prefix = if printer.out_color {
            format!(
                "\x1b[{}m{prefix}\x1b[0m",
                colour.get(&l.service).unwrap_or(&"0")
            )
        } else {
            prefix
        };
        if args.timestamps {
            printer.out(&format!("{prefix} {} {}", l.ts, l.line));
        } else {
            printer.out(&format!("{prefix} {}", l.line));
        }
    };
    super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        let (tx, mut rx) = mpsc::channel::<Item>(1024);
        logs::spawn(&d, targets, spec, tx);
        let mut failed = false;
        if !args.follow {
            // Everything at once: merge the services in time order.
            let mut lines = Vec::new();
            while let Some(item) = rx.recv().await {
                match item {
                    Item::Line(l) => lines.push(l),
                    Item::Notice(m) => printer.warn(&m),
                    Item::Error(m) => {
                        printer.error(&m, &[], None);
                        failed = true;
                    }
                }
            }
            lines.sort_by(|a, b| a.ts.cmp(&b.ts));
            lines.iter().for_each(show);
        } else {
            let ctrl_c = tokio::signal::ctrl_c();
            tokio::pin!(ctrl_c);
            loop {
                tokio::select! {
                    item = rx.recv() => match item {
                        Some(Item::Line(l)) => show(&l),
                        Some(Item::Notice(m)) => printer.warn(&m),
                        Some(Item::Error(m)) => {
                            printer.error(&m, &[], Some("is the Docker engine running? `itp-dev status` checks"));
                            failed = true;
                            break;
                        }
                        None => break,
                    },
                    // Ctrl-C ends a follow cleanly: it is how one stops it.
                    _ = &mut ctrl_c => break,
                }
            }
        }
        Ok(if failed { Exit::Failure } else { Exit::Ok })
    })
}
