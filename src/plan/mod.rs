//! The plan: desired state compiled from a profile, and the diff between it
//! and what a backend observed. Pure: no I/O anywhere in this module, so all
//! of it is tested without Docker.

pub mod compile;
pub mod diff;
pub mod hash;
pub mod render;
pub mod types;

pub use compile::{Host, compile};
pub use diff::{
    Action, ActionKind, ContainerState, DiffError, Observed, ObservedContainer, ObservedImage,
    ObservedNetwork, chosen_network, diff, is_converged,
};
pub use types::*;
