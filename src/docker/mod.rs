//! The Docker backend (bollard). Connects, observes the project's objects by
//! label, and converges them to the plan. It never touches an object without
//! the project's labels, and never prints: progress goes to an event `Sink`.

pub mod apply;
pub mod connect;
pub mod context;
pub mod converge;
pub mod errors;
pub mod exec;
pub mod facts;
pub mod health;
pub mod hooks;
pub mod images;
pub mod inflight;
pub mod inspect;
pub mod logs;
pub mod observe;
pub mod origins;
pub mod podman;
pub mod ports;
pub mod publish;
pub mod registry_auth;
pub mod snapshot;
pub mod spec;
pub mod ssh;
pub mod teardown;

pub use bollard::Docker;
pub use connect::{EngineError, connect};
