//! `itp-dev init --from FILE`: placeholder replaced by the importers.
use std::path::Path;

use super::CommandError;
use crate::ui::Printer;

pub fn convert(_dir: &Path, from: &Path, _printer: &Printer) -> Result<String, CommandError> {
    Err(CommandError::Usage {
        message: format!("cannot convert {} yet", from.display()),
        hint: None,
    })
}
