//! The profile (`itp-dev.toml`): finding, parsing, checking and resolving it.
//! Pure apart from reading files: never touches Docker or the network.

pub mod diagnostic;
pub mod discover;
pub mod env_file;
pub mod interpolate;
pub mod load;
pub mod model;
pub mod reach;
pub mod schema;
pub mod schema_check;
pub mod secrets;
pub mod source;
pub mod specs;
pub mod tree;
pub mod validate;

pub use load::{LoadError, LoadOptions, Loaded, load};
pub use model::Profile;
