//! itp-dev: one profile, the same development environment everywhere.
//!
//! Layers (see docs/architecture.md): `profile` (load and check the file) →
//! `plan` (pure: desired state, and the diff against what exists) →
//! backends; `cli` declares the command line, `commands` turns it into
//! calls of `ops` (the operations shared by commands) and the backends,
//! `ui` owns every byte written to the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod cli;
pub mod commands;
pub mod docker;
pub mod doctor;
pub mod events;
pub mod files;
pub mod ide;
pub mod init;
pub mod k8s;
pub mod ops;
pub mod parity;
pub mod plan;
pub mod profile;
pub mod state;
pub mod terminal;
pub mod timeline;
pub mod ui;
pub mod watch;
