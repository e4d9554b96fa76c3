//! Exit codes (stable; documented in docs/automation.md) and the error type
//! every command returns, rendered once by `main`.

use crate::profile::LoadError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Failure = 1,
    /// Bad usage or an invalid profile.
    Invalid = 2,
    /// The Docker engine or Kubernetes API could not be reached.
    Unreachable = 3,
    Interrupted = 130,
}

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Engine(#[from] crate::docker::EngineError),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

impl CommandError {
    pub fn exit(&self) -> Exit {
        match self {
            CommandError::Load(_) => Exit::Invalid,
            CommandError::Engine(_) => Exit::Unreachable,
            CommandError::Other(_) => Exit::Failure,
        }
    }
}
