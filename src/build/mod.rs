//! Build contexts: which files a build sends (`.dockerignore`), their
//! content hash (so an unchanged context skips the build entirely), and the
//! tar archive the engine receives. Filesystem only, no engine.

pub mod context;
pub mod dockerignore;

pub use context::{BuildContext, ContextError};
pub use dockerignore::IgnoreRules;
