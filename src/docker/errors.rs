//! Small helpers over bollard's error type.

use bollard::errors::Error;

pub fn is_not_found(e: &Error) -> bool {
    matches!(
        e,
        Error::DockerResponseServerError {
            status_code: 404,
            ..
        }
    )
}

/// For stop and remove: an object already gone (404) or already stopped
/// (304) is what was wanted.
pub fn ignore_gone(e: Error) -> Result<(), Error> {
    match e {
        Error::DockerResponseServerError {
            status_code: 404 | 304,
            ..
        } => Ok(()),
        e => Err(e),
    }
}

/// For start: 304 means already started, which is what was wanted (a
/// container that is gone is an error there).
pub fn ignore_not_modified(e: Error) -> Result<(), Error> {
    match e {
        Error::DockerResponseServerError {
            status_code: 304, ..
        } => Ok(()),
        e => Err(e),
    }
}

/// The engine's own message, without bollard's wrapping.
pub fn message(e: &Error) -> String {
    match e {
        Error::DockerResponseServerError { message, .. } => message.trim().to_string(),
        Error::DockerStreamError { error } => error.trim().to_string(),
        e => e.to_string(),
    }
}
