//! Value shapes compose and devcontainer.json share: a string or a list, a
//! `K=V` list or a map, one item or many.

use indexmap::IndexMap;
use serde::Deserialize;

use super::ImportError;
use crate::profile::model::EnvValue;

/// A scalar as YAML writes it; the profile keeps environment values as text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "expected a string, number or boolean")]
pub enum Scalar {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::String(s) => s.clone(),
            Scalar::Integer(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Boolean(b) => b.to_string(),
        }
    }
}

/// `command`, `entrypoint`, `healthcheck.test`: a string or an argument list.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a command: a string or a list of strings"
)]
pub enum StringOrList {
    String(String),
    List(Vec<String>),
}

impl StringOrList {
    /// The arguments. A string is split the way compose splits it (POSIX
    /// shell words), so `command: --flag=x` stays an argument to the
    /// image's entrypoint instead of becoming a shell.
    pub fn arguments(&self, at: &str) -> Result<Vec<String>, ImportError> {
        match self {
            StringOrList::List(l) => Ok(l.clone()),
            StringOrList::String(s) => shell_words::split(s).map_err(|source| ImportError::Split {
                at: at.to_string(),
                source,
            }),
        }
    }
}

/// `environment`, `args`: `["K=V", "K"]` or `{K: V}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a list of \"KEY=VALUE\" strings, or a mapping of KEY to VALUE"
)]
pub enum KeyValues {
    List(Vec<String>),
    Map(IndexMap<String, Option<Scalar>>),
}

impl KeyValues {
    /// As the profile's text values. A bare `K` (or `K:` with no value)
    /// passes the host's value through, as compose does: `${K:-}`.
    pub fn to_env(&self) -> IndexMap<String, EnvValue> {
        let passed = |k: &str| EnvValue::String(format!("${{{k}:-}}"));
        match self {
            KeyValues::List(l) => l
                .iter()
                .map(|item| match item.split_once('=') {
                    Some((k, v)) => (k.to_string(), EnvValue::String(v.to_string())),
                    None => (item.clone(), passed(item)),
                })
                .collect(),
            KeyValues::Map(m) => m
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => (k.clone(), EnvValue::String(v.text())),
                    None => (k.clone(), passed(k)),
                })
                .collect(),
        }
    }
}

/// One item, or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "expected one item or a list of them")]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    pub fn items(&self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Keys this importer does not read, in file order, with their values.
pub type Unknown = IndexMap<String, serde_json::Value>;

/// Quotes arguments into one shell command line (`sh -c` hooks).
pub fn shell_line(args: &[String]) -> String {
    shell_words::join(args)
}
