//! A compose file with what it takes from other files: the files it
//! `include`s, and the services its `extends` take from another file. Each
//! one's relative paths are rewritten against the including file's
//! directory, so the converter sees one document, as `docker compose
//! config` shows it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::ImportError;
use super::compose::{merge, parse, resolve_extends};
use super::paths::{rebase, rebase_mount};

/// Files that include or extend each other deeper than this are a cycle.
const MAX_DEPTH: usize = 8;

/// The compose file at `path`, its includes merged in and its services'
/// `extends: {file: …}` resolved. What is worth knowing is added to `notes`.
pub fn load(path: &Path, notes: &mut Vec<String>) -> Result<Value, ImportError> {
    load_at(path, notes, 0)
}

fn read(path: &Path) -> Result<Value, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text).map_err(|e| in_file(path, e))
}

fn in_file(path: &Path, e: ImportError) -> ImportError {
    match e {
        // Already names its file.
        e @ (ImportError::InFile { .. } | ImportError::Read { .. }) => e,
        e => ImportError::InFile {
            path: path.to_path_buf(),
            source: Box::new(e),
        },
    }
}

fn load_at(path: &Path, notes: &mut Vec<String>, depth: usize) -> Result<Value, ImportError> {
    if depth > MAX_DEPTH {
        return Err(ImportError::TooDeep(path.to_path_buf()));
    }
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut doc = read(path)?;
    if !doc.is_object() {
        return Ok(doc);
    }
    extends_from_files(&mut doc, &dir, notes, depth)?;
    let Some(include) = doc.as_object_mut().and_then(|o| o.remove("include")) else {
        return Ok(doc);
    };
    for entry in include_entries(include) {
        // Paths in an included file are its project directory's: by
        // default, its own directory.
        for file in &entry.paths {
            let included = dir.join(file);
            let mut other = load_at(&included, notes, depth + 1)?;
            let from = match &entry.project_directory {
                Some(d) => dir.join(d),
                None => included.parent().unwrap_or(&dir).to_path_buf(),
            };
            rebase_doc(&mut other, &from, &dir);
            take_in(&mut doc, other, file, notes);
        }
        if entry.env_file {
            notes.push(
                "`include.env_file`: the included files' variables are not read; set them in `.env` beside the profile".into(),
            );
        }
    }
    Ok(doc)
}

struct Include {
    paths: Vec<String>,
    project_directory: Option<String>,
    env_file: bool,
}

/// `include: [a.yaml, {path: [b.yaml, c.yaml], project_directory: …}]`.
fn include_entries(v: Value) -> Vec<Include> {
    let list = match v {
        Value::Array(a) => a,
        other => vec![other],
    };
    list.into_iter()
        .filter_map(|e| match e {
            Value::String(p) => Some(Include {
                paths: vec![p],
                project_directory: None,
                env_file: false,
            }),
            Value::Object(o) => {
                let paths = match o.get("path")? {
                    Value::String(p) => vec![p.clone()],
                    Value::Array(a) => a
                        .iter()
                        .filter_map(|p| p.as_str().map(str::to_string))
                        .collect(),
                    _ => return None,
                };
                Some(Include {
                    paths,
                    project_directory: o
                        .get("project_directory")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    env_file: o.contains_key("env_file"),
                })
            }
            _ => None,
        })
        .collect()
}

/// An included file's services, volumes, secrets… added; compose refuses
/// a name defined twice, so the including file's is kept and it is said.
fn take_in(doc: &mut Value, other: Value, file: &str, notes: &mut Vec<String>) {
    let Value::Object(other) = other else {
        return;
    };
    let Some(main) = doc.as_object_mut() else {
        return;
    };
    for (kind, entries) in other {
        if kind == "name" || kind == "version" {
            continue;
        }
        let Value::Object(entries) = entries else {
            continue;
        };
        let into = main
            .entry(kind.clone())
            .or_insert_with(|| Value::Object(Default::default()));
        let Some(into) = into.as_object_mut() else {
            continue;
        };
        for (name, v) in entries {
            if into.contains_key(&name) {
                notes.push(format!(
                    "`include`: `{kind}.{name}` of `{file}` is also defined where it is included (compose refuses that); the including file's is kept"
                ));
            } else {
                into.insert(name, v);
            }
        }
    }
}

/// Each service's `extends: {file, service}` replaced by that service (its
/// own `extends` resolved in its file, its paths rewritten) with the
/// service's own keys merged over it, as compose merges them.
fn extends_from_files(
    doc: &mut Value,
    dir: &Path,
    notes: &mut Vec<String>,
    depth: usize,
) -> Result<(), ImportError> {
    let Some(services) = doc.get_mut("services").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for (_, svc) in services.iter_mut() {
        let Some(ext) = svc.get("extends").and_then(Value::as_object) else {
            continue;
        };
        let (Some(file), Some(base)) = (
            ext.get("file").and_then(Value::as_str),
            ext.get("service").and_then(Value::as_str),
        ) else {
            continue;
        };
        let (file, base) = (PathBuf::from(file), base.to_string());
        let path = dir.join(&file);
        let other = load_at(&path, notes, depth + 1)?;
        let mut theirs: indexmap::IndexMap<String, Value> = other
            .get("services")
            .and_then(Value::as_object)
            .map(|o| o.clone().into_iter().collect())
            .unwrap_or_default();
        resolve_extends(&mut theirs, notes);
        let Some(mut merged) = theirs.shift_remove(&base) else {
            notes.push(format!(
                "`extends`: `{}` has no service `{base}`",
                file.display()
            ));
            continue;
        };
        rebase_service(&mut merged, path.parent().unwrap_or(dir), dir);
        if let Some(o) = svc.as_object_mut() {
            o.remove("extends");
        }
        merge(&mut merged, svc.take());
        *svc = merged;
    }
    Ok(())
}

/// Relative paths of a whole document, from `from` to `to`.
fn rebase_doc(doc: &mut Value, from: &Path, to: &Path) {
    if let Some(services) = doc.get_mut("services").and_then(Value::as_object_mut) {
        for svc in services.values_mut() {
            rebase_service(svc, from, to);
        }
    }
    for kind in ["secrets", "configs"] {
        if let Some(entries) = doc.get_mut(kind).and_then(Value::as_object_mut) {
            for e in entries.values_mut() {
                rebase_key(e, "file", from, to);
            }
        }
    }
}

fn rebase_service(svc: &mut Value, from: &Path, to: &Path) {
    let Some(o) = svc.as_object_mut() else {
        return;
    };
    match o.get_mut("build") {
        Some(Value::String(c)) => *c = path(c, from, to),
        Some(Value::Object(b)) => {
            // No context is the file's own directory.
            let c = b
                .get("context")
                .and_then(Value::as_str)
                .unwrap_or(".")
                .to_string();
            b.insert("context".into(), Value::String(path(&c, from, to)));
        }
        _ => {}
    }
    match o.get_mut("env_file") {
        Some(Value::String(p)) => *p = path(p, from, to),
        Some(Value::Array(list)) => {
            for e in list {
                match e {
                    Value::String(p) => *p = path(p, from, to),
                    e => rebase_key(e, "path", from, to),
                }
            }
        }
        _ => {}
    }
    if let Some(Value::Array(list)) = o.get_mut("volumes") {
        for v in list {
            match v {
                Value::String(m) if !m.contains('$') => *m = rebase_mount(m, from, to),
                v if v.get("type").and_then(Value::as_str) == Some("bind") => {
                    rebase_key(v, "source", from, to)
                }
                _ => {}
            }
        }
    }
}

fn rebase_key(v: &mut Value, key: &str, from: &Path, to: &Path) {
    if let Some(Value::String(p)) = v.get_mut(key) {
        *p = path(p, from, to);
    }
}

/// A relative path from `from` to `to`; variables, URLs and absolute
/// paths stay as written.
fn path(p: &str, from: &Path, to: &Path) -> String {
    if p.contains('$') || p.contains("://") || p.starts_with("git@") {
        return p.to_string();
    }
    let r = rebase(p, from, to);
    if r.is_empty() { ".".into() } else { r }
}
