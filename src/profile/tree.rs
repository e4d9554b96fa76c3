//! The parsed profile as a tree of values that remember where they came from.
//!
//! Parsing goes through toml's span-keeping `DeTable` (recovering so every
//! syntax error is reported at once); everything after that—overlay merge,
//! schema check, interpolation, semantic checks—works on this owned tree so a
//! problem anywhere can be pointed at.

use std::ops::Range;

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;

pub type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub node: Node,
}

/// One step of a path into the tree: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_string())
    }
}
impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// A path as a user reads it: `services.db.volumes[0]`.
pub fn display_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Build a path: `path!["services", name, "ports", 0]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {{
        // Often borrowed at once as a slice; a Vec keeps one macro for both uses.
        #[allow(clippy::useless_vec)]
        let path: Vec<$crate::profile::tree::Seg> = vec![$($crate::profile::tree::Seg::from($seg)),*];
        path
    }};
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }

    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }
}

impl Value {
    /// How a user would name this kind of value in an error: "a string".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a datetime",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

impl Node {
    pub fn as_table(&self) -> Option<&Table> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The node at `path` and, when its last step is a table key, the key's
    /// span (errors about a key point at the key, not at its value).
    pub fn locate(&self, path: &[Seg]) -> Option<(&Node, Option<Span>)> {
        let mut node = self;
        let mut key_span = None;
        for seg in path {
            match (seg, &node.value) {
                (Seg::Key(k), Value::Table(t)) => {
                    let e = t.get(k)?;
                    key_span = Some(e.key_span.clone());
                    node = &e.node;
                }
                (Seg::Index(i), Value::Array(a)) => {
                    node = a.get(*i)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((node, key_span))
    }

    /// The best span for `path`: the value's span, or the nearest ancestor's
    /// when the path does not exist (a key that is missing, say).
    pub fn span_of(&self, path: &[Seg]) -> Span {
        for len in (0..=path.len()).rev() {
            if let Some((n, _)) = self.locate(&path[..len]) {
                return n.span.clone();
            }
        }
        self.span.clone()
    }

    /// Like `span_of`, but a key's own span when the path ends in a key.
    pub fn key_span_of(&self, path: &[Seg]) -> Span {
        match self.locate(path) {
            Some((_, Some(k))) => k,
            Some((n, None)) => n.span.clone(),
            None => self.span_of(path),
        }
    }

    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::String(s) => Json::String(s.clone()),
            Value::Integer(i) => Json::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
            Value::Boolean(b) => Json::Bool(*b),
            Value::Datetime(d) => Json::String(d.clone()),
            Value::Array(a) => Json::Array(a.iter().map(Node::to_json).collect()),
            Value::Table(t) => Json::Object(
                t.entries
                    .iter()
                    .map(|e| (e.key.clone(), e.node.to_json()))
                    .collect(),
            ),
        }
    }

    /// Visit every string value mutably, with its path (for interpolation).
    pub fn for_each_string_mut(&mut self, f: &mut dyn FnMut(&mut String, &Span)) {
        match &mut self.value {
            Value::String(s) => f(s, &self.span),
            Value::Array(a) => a.iter_mut().for_each(|n| n.for_each_string_mut(f)),
            Value::Table(t) => t
                .entries
                .iter_mut()
                .for_each(|e| e.node.for_each_string_mut(f)),
            _ => {}
        }
    }
}

/// Deep-merge `overlay` over `base`: tables merge key by key, anything else
/// (strings, numbers, arrays) is replaced whole. Replaced nodes keep the
/// overlay's spans, so errors in overlaid values point into the overlay.
pub fn merge(base: &mut Table, overlay: &Table) {
    for e in &overlay.entries {
        match base.get_mut(&e.key) {
            Some(existing) => match (&mut existing.node.value, &e.node.value) {
                (Value::Table(b), Value::Table(o)) => merge(b, o),
                _ => existing.node = e.node.clone(),
            },
            None => base.entries.push(e.clone()),
        }
    }
}

/// Parse TOML text into a tree, collecting every syntax error.
pub fn parse(text: &str) -> Result<Node, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                let first = msg.lines().next().unwrap_or("invalid TOML").to_string();
                Diagnostic::new(format!("invalid TOML: {first}"))
                    .at(span, first)
                    .help("fix the TOML syntax; see https://toml.io for the format")
            })
            .collect());
    }
    let mut problems = Vec::new();
    let span = doc.span();
    let table = convert_table(doc.get_ref(), &mut problems);
    if problems.is_empty() {
        Ok(Node {
            span,
            value: Value::Table(table),
        })
    } else {
        Err(problems)
    }
}

fn convert_table(t: &DeTable<'_>, problems: &mut Vec<Diagnostic>) -> Table {
    Table {
        entries: t
            .iter()
            .map(|(k, v)| Entry {
                key: k.get_ref().to_string(),
                key_span: k.span(),
                node: Node {
                    span: v.span(),
                    value: convert(v.get_ref(), v.span(), problems),
                },
            })
            .collect(),
    }
}

fn convert(v: &DeValue<'_>, span: Span, problems: &mut Vec<Diagnostic>) -> Value {
    match v {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(&digits, i.radix()) {
                Ok(n) => Value::Integer(n),
                Err(_) => {
                    problems.push(
                        Diagnostic::new("integer out of range").at(span, "does not fit in 64 bits"),
                    );
                    Value::Integer(0)
                }
            }
        }
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(a) => Value::Array(
            a.iter()
                .map(|n| Node {
                    span: n.span(),
                    value: convert(n.get_ref(), n.span(), problems),
                })
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let text = "[services.db]\nimage = \"redis\"\n";
        let root = parse(text).unwrap();
        let (node, key) = root.locate(&path!["services", "db", "image"]).unwrap();
        assert_eq!(&text[node.span.clone()], "\"redis\"");
        assert_eq!(&text[key.unwrap()], "image");
    }

    #[test]
    fn reports_every_syntax_error() {
        let errs = parse("a = \nb = \"x\nc = 1\nc = 2\n").unwrap_err();
        assert!(errs.len() >= 2, "{errs:?}");
    }

    #[test]
    fn merge_replaces_scalars_and_merges_tables() {
        let mut base = parse("[a]\nx = 1\ny = [1]\n").unwrap();
        let over = parse("[a]\ny = [2]\nz = 3\n").unwrap();
        let (Value::Table(b), Value::Table(o)) = (&mut base.value, &over.value) else {
            unreachable!()
        };
        merge(b, o);
        assert_eq!(
            base.to_json(),
            serde_json::json!({"a": {"x": 1, "y": [2], "z": 3}})
        );
    }
}
