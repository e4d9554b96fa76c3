//! `itp-dev validate`: load the profile (and, without `--overlay`, each of
//! its overlays) and report every problem.

use super::context::Context;
use super::{CommandError, Exit};
use crate::ui::Printer;

pub fn run(ctx: &Context, printer: &Printer) -> Result<Exit, CommandError> {
    let mut loaded = ctx.load()?;
    let mut checked = vec!["base".to_string()];
    if ctx.load.overlays.is_empty() {
        for name in &loaded.overlay_names.clone() {
            let mut opts = ctx.load.clone();
            opts.overlays = vec![name.clone()];
            let overlay = crate::profile::load(&opts)?;
            crate::ui::mask::register(crate::profile::secrets::values(&overlay));
            // What an overlay adds that reaches the host is said too.
            for w in overlay.warnings {
                if !loaded.warnings.contains(&w) {
                    let mut w = w;
                    w.message = format!("with overlay `{name}`: {}", w.message);
                    loaded.warnings.push(w);
                }
            }
            checked.push(format!("overlay {name}"));
        }
    } else {
        checked = vec![format!("overlays {}", ctx.load.overlays.join(", "))];
    }
    if !loaded.warnings.is_empty() && !printer.json {
        printer.diagnostics(&loaded.source, &loaded.warnings);
    }
    let p = &loaded.profile;
    let containers = p.services.len() + usize::from(p.dev.is_some());
    if printer.json {
        printer.out_json(&serde_json::json!({
            "valid": true,
            "file": loaded.source.display,
            "project": loaded.project,
            "containers": containers,
            "checked": checked,
            "warnings": loaded
                .warnings
                .iter()
                .map(|d| crate::profile::diagnostic::to_json(&loaded.source, d))
                .collect::<Vec<_>>(),
        }));
    } else {
        printer.out(&format!(
            "{}: valid (project {}, {} container{}; checked {})",
            loaded.source.display,
            loaded.project,
            containers,
            if containers == 1 { "" } else { "s" },
            checked.join(", ")
        ));
    }
    Ok(Exit::Ok)
}
