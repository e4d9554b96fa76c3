//! The Docker backend (bollard). Connects, observes the project's objects by
//! label, and reports them. It never touches an object without the
//! project's labels.

pub mod connect;
pub mod observe;
pub mod teardown;

pub use connect::{EngineError, connect};
