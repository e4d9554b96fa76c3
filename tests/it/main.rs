//! The integration tests, one crate (one compile of the helpers, one link).
//! Tests that need the machine prepared by `scripts/test.sh` (a Docker engine,
//! the local registry, the image set, kubernetes-validate, the Dev Containers
//! CLI) are behind the `system-tests` feature, which that script turns on; a
//! plain `cargo test` runs the rest anywhere.

mod common;

mod bad_input;
#[cfg(feature = "system-tests")]
mod ci;
mod cli;
#[cfg(feature = "system-tests")]
mod context_monitor;
#[cfg(feature = "system-tests")]
mod docker_daily;
#[cfg(feature = "system-tests")]
mod docker_down;
#[cfg(feature = "system-tests")]
mod docker_faults;
#[cfg(feature = "system-tests")]
mod docker_ide;
#[cfg(feature = "system-tests")]
mod docker_onboarding;
#[cfg(feature = "system-tests")]
mod docker_secrets;
#[cfg(feature = "system-tests")]
mod docker_status;
#[cfg(feature = "system-tests")]
mod docker_up;
#[cfg(feature = "system-tests")]
mod docker_watch;
#[cfg(feature = "system-tests")]
mod doctor;
mod ide;
mod import;
mod in_sync;
mod init;
#[cfg(feature = "system-tests")]
mod k8s_cluster;
#[cfg(feature = "system-tests")]
mod k8s_push;
#[cfg(feature = "system-tests")]
mod k8s_render;
mod no_panic;
#[cfg(feature = "system-tests")]
mod package;
mod plan_diff;
#[cfg(feature = "system-tests")]
mod podman;
#[cfg(feature = "system-tests")]
mod registry_auth;
#[cfg(feature = "system-tests")]
mod remote_engines;
mod templates;
#[cfg(feature = "system-tests")]
mod timings;
mod trust;
