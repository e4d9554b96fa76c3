//! Failures as the user reads them: what failed and why, the lines that
//! explain it, and what to do.

use super::Printer;
use crate::events::Failure;

pub fn failures(failures: &[Failure], printer: &Printer) {
    for f in failures {
        let mut causes = Vec::new();
        if !f.lines.is_empty() {
            causes.push("its last output:".to_string());
            causes.extend(f.lines.iter().map(|l| format!("  {l}")));
        }
        printer.error(
            &format!("{}: {}", f.subject, f.message),
            &causes,
            f.hint.as_deref(),
        );
    }
}
