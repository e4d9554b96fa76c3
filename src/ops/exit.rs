//! Exit codes (stable; documented in docs/automation.md) and the error type
//! every command returns, rendered once by `main`.

use crate::profile::LoadError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok,
    Failure,
    /// Bad usage or an invalid profile.
    Invalid,
    /// The Docker engine or Kubernetes API could not be reached.
    Unreachable,
    Interrupted,
    /// A command run in a container (`exec`, `shell`) ended with this code.
    Passthrough(u8),
}

impl Exit {
    pub fn code(self) -> i32 {
        match self {
            Exit::Ok => 0,
            Exit::Failure => 1,
            Exit::Invalid => 2,
            Exit::Unreachable => 3,
            Exit::Interrupted => 130,
            Exit::Passthrough(c) => c as i32,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Engine(#[from] crate::docker::EngineError),
    /// The Kubernetes API cannot be used (no kubeconfig, unknown context,
    /// unreachable, forbidden): exit 3, with its own advice, never Docker's.
    #[error("{message}")]
    Cluster { message: String, hint: String },
    /// Bad usage the parser cannot see (an unknown service name…): exit 2.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// A failure with advice: exit 1.
    #[error("{message}")]
    Failed {
        message: String,
        hint: Option<String>,
    },
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

impl CommandError {
    pub fn exit(&self) -> Exit {
        match self {
            CommandError::Load(_) => Exit::Invalid,
            CommandError::Engine(_) | CommandError::Cluster { .. } => Exit::Unreachable,
            CommandError::Usage { .. } => Exit::Invalid,
            CommandError::Failed { .. } | CommandError::Other(_) => Exit::Failure,
        }
    }
}
