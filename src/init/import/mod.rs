//! Importers: a compose file or a devcontainer.json turned into a profile,
//! with a list of everything not converted (never silently dropped).
//!
//! Typed at both ends: the input is read into compose and devcontainer
//! structs whose unknown keys are collected (that collection is the "not
//! converted" list), and the output is the profile model itself, so the
//! compiler checks every key the importer writes. Pure: text in, profile
//! and notes out; only a compose-based devcontainer.json reads the compose
//! files it names.

pub mod compose;
mod compose_files;
pub mod devcontainer;
mod paths;
mod shapes;

use std::path::PathBuf;

use crate::profile::model::Profile;

/// A converted profile and what could not be converted, each a line.
#[derive(Debug, Default)]
pub struct Imported {
    pub profile: Profile,
    pub not_converted: Vec<String>,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not valid YAML")]
    Yaml(#[source] serde_yaml_ng::Error),
    #[error("not valid JSON with comments")]
    Jsonc(#[source] jsonc_parser::errors::ParseError),
    /// A key has a shape the format does not allow; `at` is its path.
    #[error("`{at}` has an unexpected shape")]
    Shape {
        at: String,
        #[source]
        source: serde_json::Error,
    },
    /// A command string with unbalanced quotes.
    #[error("`{at}` cannot be split into arguments")]
    Split {
        at: String,
        #[source]
        source: shell_words::ParseError,
    },
    #[error("the file is not a mapping of keys")]
    NotAMapping,
    #[error("no `services`")]
    NoServices,
    #[error("`dockerComposeFile` without `service`")]
    NoDevService,
    #[error("`service` names `{0}`, which the compose files do not have")]
    UnknownDevService(String),
    /// A compose file named by a devcontainer.json has a problem.
    #[error("in {}", .path.display())]
    InFile {
        path: PathBuf,
        #[source]
        source: Box<ImportError>,
    },
    #[error("`include` and `extends` go deeper than 8 files at {} (do they include each other?)", .0.display())]
    TooDeep(PathBuf),
    #[error("cannot read {}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Reads a JSON value into a typed struct, naming the path of a mismatch.
fn typed<T: serde::de::DeserializeOwned>(
    v: serde_json::Value,
    prefix: &str,
) -> Result<T, ImportError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let at = match (prefix.is_empty(), path.as_str()) {
            (true, _) => path,
            (false, ".") => prefix.to_string(),
            (false, p) => format!("{prefix}.{p}"),
        };
        ImportError::Shape {
            at,
            source: e.into_inner(),
        }
    })
}
