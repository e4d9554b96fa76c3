//! The operations layer: what the commands do, knowing nothing of clap.
//! A command file turns its arguments into options and calls one function
//! here or in a backend; the pieces several commands share (bringing the
//! environment up, watching, showing a converge's outcome) live here, so no
//! command calls another.

pub mod carried_files;
pub mod cluster_images;
pub mod context;
pub mod exit;
pub mod import;
pub mod k8s_target;
pub mod publish;
pub mod timings;
pub mod trust;
pub mod up;
pub mod watch;

pub use context::Context;
pub use exit::{CommandError, Exit};

/// A single-threaded runtime for the commands that talk to an engine: it
/// starts in microseconds, and one thread is enough to drive concurrent calls.
pub fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CommandError::Other(anyhow::anyhow!("could not start the async runtime: {e}")))
}
