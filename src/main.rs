//! Entry point: parse the command line, run the command, render any error
//! once, and exit with a stable code.

use clap::Parser;
use itp_dev::cli::Cli;
use itp_dev::commands::{self, CommandError};
use itp_dev::profile::{LoadError, diagnostic};
use itp_dev::ui::Printer;

fn main() {
    let cli = Cli::parse();
    let g = &cli.global;
    let printer = Printer::new(g.json, g.quiet, g.verbose, g.color, g.no_progress);
    let code = match commands::run(cli, &printer) {
        Ok(exit) => exit,
        Err(e) => {
            report(&printer, &e);
            e.exit()
        }
    };
    std::process::exit(code.code());
}

fn report(printer: &Printer, e: &CommandError) {
    match e {
        CommandError::Load(LoadError::Invalid { file, diagnostics }) => {
            if printer.json {
                let list: Vec<_> = diagnostics
                    .iter()
                    .map(|d| diagnostic::to_json(file, d))
                    .collect();
                printer.out_json(
                    &serde_json::json!({ "valid": false, "file": file.display, "errors": list }),
                );
            } else {
                printer.diagnostics(&diagnostic::render(file, diagnostics, printer.color));
                let n = diagnostics.len();
                printer.error(
                    &format!(
                        "{} is invalid: {n} problem{}",
                        file.display,
                        if n == 1 { "" } else { "s" }
                    ),
                    &[],
                    None,
                );
            }
        }
        CommandError::Load(load) => printer.error(&load.to_string(), &[], load.hint().as_deref()),
        CommandError::Engine(e) => printer.error(&e.to_string(), &[], Some(&e.hint())),
        CommandError::Cluster { message, hint } => printer.error(message, &[], Some(hint)),
        CommandError::Usage { message, hint } | CommandError::Failed { message, hint } => {
            printer.error(message, &[], hint.as_deref())
        }
        CommandError::Other(err) => {
            let causes: Vec<String> = err.chain().skip(1).map(|c| c.to_string()).collect();
            printer.error(&err.to_string(), &causes, None);
        }
    }
}
