//! Entry point: parse the command line, run the command, render any error
//! once, and exit with a stable code.

use clap::Parser;
use itp_dev::cli::{Cli, Command};
use itp_dev::commands::{self, CommandError};
use itp_dev::profile::{LoadError, diagnostic};
use itp_dev::ui::Printer;

fn main() {
    let began = std::time::Instant::now();
    let args: Vec<std::ffi::OsString> = std::env::args_os().take(4).collect();
    if args.len() == 4 && args[1] == itp_dev::build::monitor::COMMAND {
        // A build context's monitor, started by a scan: not a command a
        // user types, so not one clap lists.
        let ok = itp_dev::build::monitor::serve(args[2].as_ref(), args[3].as_ref()).is_ok();
        std::process::exit(if ok { 0 } else { 1 });
    }
    itp_dev::build::monitor::enable();
    let cli = Cli::parse();
    let g = &cli.global;
    let printer = Printer::new(g.json, g.quiet, g.verbose, g.color, g.no_progress);
    // Spans are recorded only for a reader: a trace collector, or `up
    // --timings` (its page, and with `--json` its events). Otherwise the
    // timeline costs nothing.
    let otlp = itp_dev::timeline::otlp::configured(g.otlp.as_deref());
    let timed_up = matches!(&cli.command, Command::Up(a) if a.timings.is_some() && !a.dry_run);
    if otlp.is_some() || timed_up {
        itp_dev::timeline::enable(cli.command.name(), began);
    }
    let code = match commands::run(cli, &printer) {
        Ok(exit) => exit,
        Err(e) => {
            report(&printer, &e);
            e.exit()
        }
    };
    if let Some(target) = otlp {
        export_trace(target, code, &printer);
    }
    std::process::exit(code.code());
}

/// Sends the command's trace; a collector that is down costs a warning,
/// never the command's outcome.
fn export_trace(target: Option<String>, code: itp_dev::commands::Exit, printer: &Printer) {
    use itp_dev::timeline;
    let mut attrs = vec![
        ("itp.exit_code", code.code().to_string()),
        (
            "itp.outcome",
            if code.code() == 0 { "ok" } else { "failed" }.to_string(),
        ),
    ];
    if let Some(engine) = itp_dev::docker::connect::engine() {
        attrs.push(("itp.engine", engine));
    }
    let Some(rec) = timeline::finish(code.code() != 0, attrs) else {
        return;
    };
    let spans = timeline::otlp::span_data(&rec, rec.project());
    let url = timeline::otlp::shown(&target);
    let sent = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
        .and_then(|rt| rt.block_on(timeline::otlp::export(target, spans)));
    if let Err(e) = sent {
        printer.warn(&format!(
            "could not send the trace to the OpenTelemetry collector at {url}: {e}"
        ));
    }
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
                printer.annotations(file, diagnostics);
            } else {
                printer.diagnostics(file, diagnostics);
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
