//! Reading small files from the user's repository (ignore files, `.env`)
//! without ever blocking: a FIFO, socket or device where a file belongs is
//! an error naming its type, not a read that never returns.

use std::io;
use std::path::Path;

/// The file's text; `Ok(None)` when there is none; an error when it is not
/// a regular file or cannot be read.
pub fn read_optional(path: &Path) -> io::Result<Option<String>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
        Ok(m) if !m.is_file() => Err(io::Error::other(format!(
            "`{}` is a {}, not a regular file",
            path.display(),
            crate::profile::load::file_kind(&m)
        ))),
        Ok(_) => std::fs::read_to_string(path).map(Some),
    }
}
