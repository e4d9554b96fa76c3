//! Loading a profile: find → read → parse → merge overlays → check structure
//! → interpolate → deserialize → read env files → validate. Every stage
//! collects all its problems; the first stage with problems ends the load,
//! except that structure and interpolation problems are reported together.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::diagnostic::{Diagnostic, did_you_mean};
use super::discover::{self, FILE_NAME};
use super::interpolate::{InterpError, interpolate};
use super::model::Profile;
use super::schema_check::SchemaChecker;
use super::source::SourceFile;
use super::specs;
use super::tree::{self, Node, Seg, Value};
use super::validate::{self, DEV};

/// What to load, and the world it is loaded in (passed in, so loading is
/// deterministic in tests).
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The directory commands run in (`-C DIR`, else the working directory).
    pub cwd: PathBuf,
    /// `-f PATH`, relative to `cwd`.
    pub file: Option<PathBuf>,
    /// `--overlay NAME`, applied in order.
    pub overlays: Vec<String>,
    /// The process environment.
    pub env: HashMap<String, String>,
}

/// A profile ready to compile.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub source: SourceFile,
    /// The profile's directory: relative paths in it are relative to this.
    pub dir: PathBuf,
    pub project: String,
    pub profile: Profile,
    /// The names of all overlays the file defines.
    pub overlay_names: Vec<String>,
    /// The overlays applied, in order.
    pub overlays: Vec<String>,
    /// Values read from each container's `env_file`s (secret), by container
    /// (`dev` or the service name).
    pub env_file_values: BTreeMap<String, IndexMap<String, String>>,
    /// What validation said that does not make the profile invalid.
    pub warnings: Vec<Diagnostic>,
    /// What reaches the host beyond the repository (each also a warning).
    pub reach: Vec<super::reach::Reach>,
    /// `.env` beside the profile, as read for interpolation.
    pub dotenv: HashMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no {FILE_NAME} in {} or any directory above it", .searched_from.display())]
    NotFound { searched_from: PathBuf },
    #[error("`{}` is a directory, not a profile", .path.display())]
    IsDirectory { path: PathBuf },
    /// A FIFO, socket or device: reading one could block forever or never end.
    #[error("`{}` is a {kind}, not a regular file", .path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot read `{}`: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is invalid ({} problem{})", .file.display, .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
    Invalid {
        file: SourceFile,
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            LoadError::NotFound { .. } => Some(
                "run `itp-dev init` to write one, or point at it with `-f PATH` or `-C DIR`".into(),
            ),
            LoadError::IsDirectory { path } => Some(format!(
                "pass the file inside it: `-f {}`",
                path.join(FILE_NAME).display()
            )),
            LoadError::NotAFile { .. } => Some(
                "a profile is read from a regular file; replace it with one (or point at one with `-f PATH`)".into(),
            ),
            LoadError::Io { source, .. }
                if source.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                Some("check the file's permissions (`ls -l`); itp-dev only needs to read it".into())
            }
            LoadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Some("check the path, or run `itp-dev init` to write a profile".into())
            }
            _ => None,
        }
    }
}

pub fn load(opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let path =
        discover::discover(&opts.cwd, opts.file.as_deref()).ok_or_else(|| LoadError::NotFound {
            searched_from: opts.cwd.clone(),
        })?;
    let (source, utf8_error) = read_source(&path, &opts.cwd)?;
    let invalid = |diagnostics: Vec<Diagnostic>| LoadError::Invalid {
        file: source.clone(),
        diagnostics,
    };
    if let Some(e) = utf8_error {
        return Err(invalid(vec![utf8_problem(&source, e)]));
    }
    if source.text.trim().is_empty() {
        return Err(invalid(vec![Diagnostic::new("the profile is empty").help("add a `[dev]` section or a `[services.NAME]` section; `itp-dev init` writes a profile for you")]));
    }
    let mut root = tree::parse(&source.text).map_err(invalid)?;
    let dir = source.dir().to_path_buf();

    let mut problems = Vec::new();
    let overlay_names = apply_overlays(&mut root, &opts.overlays, &mut problems);
    let schema = crate::profile::schema::json_schema();
    SchemaChecker::new(&schema).check_root(&root, &[], &mut problems);

    // `.env` is read once: for interpolation here, for masking later.
    let dotenv = read_dotenv(&dir, &mut problems);
    let project = interpolate_tree(&mut root, &dir, &source, opts, &dotenv, &mut problems);
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let profile: Profile = serde_path_to_error::deserialize(root.to_json()).map_err(|e| {
        // The schema check should have caught this; point at the path anyway.
        let segs: Vec<Seg> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                _ => None,
            })
            .collect();
        invalid(vec![
            Diagnostic::new(format!("invalid value: {}", e.inner()))
                .at(root.span_of(&segs), "here"),
        ])
    })?;

    let env_file_values = read_env_files(&profile, &root, &dir, &mut problems);
    problems.extend(validate::validate(&profile, &root, &dir));
    if problems.iter().any(|d| !d.warning) {
        return Err(invalid(problems));
    }
    let reach = super::reach::host_reaching(&profile, &dir);
    problems.extend(reach.iter().map(|r| r.diagnostic(&root)));
    let warnings = problems;
    Ok(Loaded {
        reach,
        dotenv,
        source,
        dir,
        project,
        profile,
        overlay_names,
        overlays: opts.overlays.clone(),
        env_file_values,
        warnings,
    })
}

fn read_source(
    path: &Path,
    cwd: &Path,
) -> Result<(SourceFile, Option<std::str::Utf8Error>), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
            kind: file_kind(&meta),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let display = path
        .strip_prefix(cwd)
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
    let utf8_error = std::str::from_utf8(&bytes).err();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok((
        SourceFile::new(path.to_path_buf(), display, text),
        utf8_error,
    ))
}

/// What a non-regular file is, in words a user knows from `ls -l`.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "FIFO (named pipe)"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Non-UTF-8 bytes: the lossy text has U+FFFD where they were.
fn utf8_problem(source: &SourceFile, err: std::str::Utf8Error) -> Diagnostic {
    let at = source.text.find('\u{FFFD}').unwrap_or(0);
    let end = at + '\u{FFFD}'.len_utf8();
    Diagnostic::new(format!(
        "the profile is not valid UTF-8 (bad byte at offset {})",
        err.valid_up_to()
    ))
    .at(at..end, "not UTF-8")
    .help("save the file as UTF-8 (TOML files must be UTF-8)")
}

/// Take `overlays` out of the document, check the selected names exist, and
/// merge them over the base in order. Returns every overlay name defined.
fn apply_overlays(
    root: &mut Node,
    selected: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Value::Table(top) = &mut root.value else {
        return Vec::new();
    };
    let Some(entry) = top.remove("overlays") else {
        for name in selected {
            problems.push(
                Diagnostic::new(format!("unknown overlay `{name}`"))
                    .help("the profile defines no overlays; add an `[overlays.NAME]` section"),
            );
        }
        return Vec::new();
    };
    let Value::Table(overlays) = &entry.node.value else {
        problems.push(
            Diagnostic::new(format!(
                "wrong type: expected a table, found {}",
                entry.node.value.kind()
            ))
            .at(
                entry.node.span.clone(),
                "`overlays` must be a table of overlays",
            ),
        );
        return Vec::new();
    };
    let names: Vec<String> = overlays.entries.iter().map(|e| e.key.clone()).collect();
    for e in &overlays.entries {
        if e.node.as_table().is_none() {
            problems.push(
                Diagnostic::new(format!(
                    "overlay `{}` must be a table, found {}",
                    e.key,
                    e.node.value.kind()
                ))
                .at(e.node.span.clone(), "expected a table")
                .help(format!(
                    "write it as `[overlays.{}]` followed by the keys it overrides",
                    e.key
                )),
            );
        }
        if e.node
            .as_table()
            .is_some_and(|t| t.get("overlays").is_some())
        {
            problems.push(
                Diagnostic::new("overlays cannot define overlays")
                    .at(e.key_span.clone(), "nested `overlays`"),
            );
        }
    }
    for name in selected {
        match overlays.get(name).and_then(|e| e.node.as_table()) {
            Some(t) => {
                let t = t.clone();
                tree::merge(top, &t);
            }
            None if overlays.get(name).is_some() => {}
            None => {
                let help = match did_you_mean(name, names.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!(
                        "the overlays are: {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::new(format!("unknown overlay `{name}`"))
                        .at(entry.key_span.clone(), "overlays are defined here")
                        .help(help),
                );
            }
        }
    }
    names
}

/// Interpolate every string; returns the project name. Unset variables are
/// gathered into one diagnostic that lists them all.
fn interpolate_tree(
    root: &mut Node,
    dir: &Path,
    source: &SourceFile,
    opts: &LoadOptions,
    dotenv: &HashMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let user = opts
        .env
        .get("USER")
        .or_else(|| opts.env.get("LOGNAME"))
        .cloned()
        .unwrap_or_else(|| "user".into());
    let branch = discover::git_branch(dir)
        .map(|b| specs::to_dns_label(&b))
        .unwrap_or_else(|| "none".into());
    let mut builtins: HashMap<&str, String> = HashMap::from([
        ("ITP_USER", specs::to_dns_label(&user)),
        ("ITP_BRANCH", branch),
    ]);
    let lookup_with = |builtins: &HashMap<&str, String>, name: &str| -> Option<String> {
        opts.env
            .get(name)
            .cloned()
            .or_else(|| dotenv.get(name).cloned())
            .or_else(|| builtins.get(name).cloned())
    };
    let mut unset: Vec<(String, tree::Span)> = Vec::new();
    let mut other: Vec<Diagnostic> = Vec::new();
    let mut report = |errs: Vec<InterpError>, span: &tree::Span| {
        for e in errs {
            match e {
                InterpError::Unset { name } => {
                    let narrowed = narrow(&source.text, span, &name);
                    unset.push((name, narrowed));
                }
                InterpError::Required { name, message } => other.push(
                    Diagnostic::new(format!("variable `{name}` is required: {message}"))
                        .at(narrow(&source.text, span, &name), "required here")
                        .help(format!(
                            "set {name} in the environment or in .env beside the profile"
                        )),
                ),
                InterpError::Malformed { reason } => other.push(
                    Diagnostic::new(format!("bad interpolation: {reason}"))
                        .at(span.clone(), "here")
                        .help("write `$$` for a literal `$`"),
                ),
            }
        }
    };

    // The name first: ITP_PROJECT is derived from it.
    let mut project = None;
    if let Value::Table(t) = &mut root.value
        && let Some(e) = t.entries.iter_mut().find(|e| e.key == "name")
        && let Value::String(s) = &mut e.node.value
    {
        match interpolate(s, &|n| lookup_with(&builtins, n)) {
            Ok(v) => {
                *s = v.clone();
                project = Some(v);
            }
            Err(errs) => report(errs, &e.node.span),
        }
    }
    let project = project.unwrap_or_else(|| {
        let dir_name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let p = specs::to_dns_label(&dir_name);
        if p.is_empty() { "itp".into() } else { p }
    });
    builtins.insert("ITP_PROJECT", project.clone());
    root.for_each_string_mut(&mut |s, span| {
        if !s.contains('$') {
            return;
        }
        match interpolate(s, &|n| lookup_with(&builtins, n)) {
            Ok(v) => *s = v,
            Err(errs) => report(errs, span),
        }
    });
    if !unset.is_empty() {
        let mut names: Vec<&str> = unset.iter().map(|(n, _)| n.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(*n));
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(format!(
            "{} not set: {list}",
            if names.len() == 1 {
                "variable"
            } else {
                "variables"
            }
        ));
        for (n, span) in &unset {
            d = d.at(span.clone(), format!("`{n}` is not set"));
        }
        problems.push(d.help(format!("set {} in the environment or in .env beside the profile, or give a default: `${{{}:-value}}`", names.join(", "), names[0])));
    }
    problems.extend(other);
    project
}

/// Point at `${NAME` inside a string literal when it can be found there.
fn narrow(text: &str, span: &tree::Span, name: &str) -> tree::Span {
    let needle = format!("${{{name}");
    match text.get(span.clone()).and_then(|s| s.find(&needle)) {
        Some(i) => {
            let start = span.start + i;
            let end = text[start..span.end]
                .find('}')
                .map_or(start + needle.len(), |j| start + j + 1);
            start..end
        }
        None => span.clone(),
    }
}

/// `.env` beside the profile supplies interpolation variables (the process
/// environment wins), as with docker compose.
fn read_dotenv(dir: &Path, problems: &mut Vec<Diagnostic>) -> HashMap<String, String> {
    let path = dir.join(".env");
    if !path.is_file() {
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_dir()
        {
            problems.push(
                Diagnostic::new(format!(
                    "`{}` is a {}, not a regular file",
                    path.display(),
                    file_kind(&meta)
                ))
                .help("`.env` beside the profile must be a regular `KEY=value` file"),
            );
        }
        return HashMap::new();
    }
    match parse_env_file(&path) {
        Ok(v) => v.into_iter().collect(),
        Err(e) => {
            problems.push(
                Diagnostic::new(format!("cannot read {}: {e}", path.display()))
                    .help("each line of .env is `KEY=value`; `#` starts a comment"),
            );
            HashMap::new()
        }
    }
}

/// Why an env file could not be read. The parser's own message for a bad
/// line would print the line, and env files hold secrets: only where it is.
#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    #[error(
        "cannot parse line {line}{} (at character {character}); the line's value is not shown, as env files hold secrets",
        key.as_ref().map(|k| format!(" (`{k}`)")).unwrap_or_default()
    )]
    Line {
        line: usize,
        character: usize,
        /// The key the line sets, when it has a plain one.
        key: Option<String>,
    },
    #[error(transparent)]
    Read(dotenvy::Error),
}

/// Read a `KEY=value` file (dotenvy's parser: quotes, escapes, comments).
pub fn parse_env_file(path: &Path) -> Result<IndexMap<String, String>, EnvFileError> {
    let iter = dotenvy::from_path_iter(path).map_err(EnvFileError::Read)?;
    let mut out = IndexMap::new();
    for item in iter {
        let (k, v) = match item {
            Ok(kv) => kv,
            // What dotenvy refuses, compose may take (`A=two words`).
            Err(dotenvy::Error::LineParse(..)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| EnvFileError::Read(dotenvy::Error::Io(e)))?;
                return super::env_file::parse(&text).map_err(|bad| EnvFileError::Line {
                    line: bad.line,
                    character: 1,
                    key: bad.key,
                });
            }
            Err(other) => return Err(EnvFileError::Read(other)),
        };
        out.insert(k, v);
    }
    Ok(out)
}

fn read_env_files(
    profile: &Profile,
    root: &Node,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, IndexMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut containers: Vec<(&str, Vec<Seg>, &Vec<String>)> = Vec::new();
    if let Some(d) = &profile.dev {
        containers.push((DEV, crate::path!["dev"], &d.env_file));
    }
    for (n, s) in &profile.services {
        containers.push((
            n.as_str(),
            crate::path!["services", n.as_str()],
            &s.env_file,
        ));
    }
    for (name, base, files) in containers {
        let mut values = IndexMap::new();
        for (i, f) in files.iter().enumerate() {
            let p: Vec<Seg> = base
                .iter()
                .cloned()
                .chain(crate::path!["env_file", i])
                .collect();
            let path = dir.join(f);
            if let Ok(meta) = std::fs::metadata(&path)
                && !meta.is_file()
            {
                problems.push(
                    Diagnostic::new(format!(
                        "env file `{f}` is a {}, not a regular file",
                        file_kind(&meta)
                    ))
                    .at(root.span_of(&p), "not a regular file")
                    .help("point `env_file` at a regular `KEY=value` file"),
                );
                continue;
            }
            if !path.is_file() {
                problems.push(
                    Diagnostic::new(format!("env file `{f}` does not exist"))
                        .at(root.span_of(&p), "no such file")
                        .help(format!(
                            "create it, or remove it from `env_file` (paths are relative to {})",
                            dir.display()
                        )),
                );
                continue;
            }
            match parse_env_file(&path) {
                Ok(v) => {
                    // The engine refuses a NUL and quotes the whole
                    // variable in its error: named here, value unshown.
                    if let Some(k) = v.iter().find(|(_, v)| v.contains('\0')).map(|(k, _)| k) {
                        problems.push(
                            Diagnostic::new(format!(
                                "env file `{f}`: the value of `{k}` contains a NUL byte, which no environment can hold (the value is not shown)"
                            ))
                            .at(root.span_of(&p), "a NUL byte")
                            .help("remove the NUL byte from the file"),
                        );
                    }
                    values.extend(v)
                }
                Err(e) => problems.push(
                    Diagnostic::new(format!("env file `{f}`: {e}"))
                        .at(root.span_of(&p), "cannot be read")
                        .help("each line is `KEY=value`; `#` starts a comment"),
                ),
            }
        }
        if !values.is_empty() {
            out.insert(name.to_string(), values);
        }
    }
    out
}
