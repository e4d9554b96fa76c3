//! `itp-dev watch`: file changes → batches → actions (sync, restart,
//! rebuild, run). `rules` and `batch` are pure; `sync` talks to the engine;
//! `run` is the loop that ties them to notify and the engine's events.

pub mod batch;
pub mod local;
pub mod manifest;
pub mod rules;
pub mod run;
pub mod sync;
