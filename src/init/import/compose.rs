//! `compose.yaml` → profile.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use super::paths::{portable_source, rebase, rebase_mount, volume_name};
use super::shapes::{KeyValues, OneOrMany, Scalar, StringOrList, Unknown};
use super::{ImportError, Imported, typed};
use crate::profile::model::{
    Build, BuildSpec, Command, Condition, DependsOn, Healthcheck, Port, PullPolicy, Service,
};

/// The top level of a compose file.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a compose file: a mapping with `services`")]
struct ComposeFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    services: Option<IndexMap<String, Value>>,
    /// Secrets from files, mounted at `/run/secrets/NAME` where a service
    /// lists them.
    #[serde(default)]
    secrets: Option<IndexMap<String, TopSecret>>,
    /// Config files, mounted at `/NAME` (or their `target`) where a
    /// service lists them.
    #[serde(default)]
    configs: Option<IndexMap<String, TopSecret>>,
    /// `version`, `volumes`, `networks`, `x-…`.
    #[serde(flatten)]
    other: Unknown,
}

#[derive(Debug, Deserialize)]
struct TopSecret {
    file: Option<String>,
    #[serde(flatten)]
    other: Unknown,
}

/// A service's `secrets` entry: a name, or a mapping with `source`.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a secret name, or a mapping with `source`"
)]
enum SecretRef {
    Name(String),
    Long {
        source: String,
        target: Option<String>,
        #[serde(flatten)]
        _other: Unknown,
    },
}

/// A service, as far as the profile can express it.
#[derive(Debug, Default, Deserialize)]
#[serde(expecting = "a service: a mapping of compose keys")]
struct ComposeService {
    image: Option<String>,
    build: Option<ComposeBuild>,
    command: Option<StringOrList>,
    entrypoint: Option<StringOrList>,
    environment: Option<KeyValues>,
    env_file: Option<OneOrMany<EnvFile>>,
    ports: Option<Vec<ComposePort>>,
    expose: Option<Vec<Scalar>>,
    volumes: Option<Vec<ComposeMount>>,
    secrets: Option<Vec<SecretRef>>,
    configs: Option<Vec<SecretRef>>,
    depends_on: Option<ComposeDependsOn>,
    healthcheck: Option<ComposeHealthcheck>,
    user: Option<Scalar>,
    working_dir: Option<String>,
    container_name: Option<String>,
    pull_policy: Option<String>,
    networks: Option<ComposeNetworks>,
    network_mode: Option<String>,
    #[serde(flatten)]
    other: Unknown,
}

/// A service's `networks`: names, or names with their settings.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a list of network names, or a mapping of network names to settings"
)]
enum ComposeNetworks {
    Names(#[allow(dead_code)] Vec<serde::de::IgnoredAny>),
    Settings(IndexMap<String, Option<NetworkSettings>>),
}

#[derive(Debug, Deserialize)]
struct NetworkSettings {
    aliases: Option<Vec<String>>,
    #[serde(flatten)]
    _other: Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a build context path, or a mapping with `context`"
)]
enum ComposeBuild {
    Context(String),
    Full(BuildLong),
}

#[derive(Debug, Deserialize)]
struct BuildLong {
    context: Option<String>,
    dockerfile: Option<String>,
    target: Option<String>,
    args: Option<KeyValues>,
    #[serde(flatten)]
    other: Unknown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "expected an env file path, or a mapping with `path`"
)]
enum EnvFile {
    Path(String),
    Long {
        path: String,
        required: Option<bool>,
        #[serde(flatten)]
        _other: Unknown,
    },
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a port: a number, \"HOST:CONTAINER\", or a mapping with `target`"
)]
enum ComposePort {
    Number(i64),
    Spec(String),
    Long {
        target: Scalar,
        published: Option<Scalar>,
        protocol: Option<String>,
        host_ip: Option<String>,
        #[serde(flatten)]
        _other: Unknown,
    },
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a volume: \"SOURCE:TARGET[:MODE]\", or a mapping with `source` and `target`"
)]
enum ComposeMount {
    Short(String),
    Long {
        #[serde(rename = "type")]
        kind: Option<String>,
        source: Option<String>,
        target: Option<String>,
        read_only: Option<bool>,
        #[serde(flatten)]
        _other: Unknown,
    },
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a list of service names, or a mapping of service name to `condition`"
)]
enum ComposeDependsOn {
    List(Vec<String>),
    Map(IndexMap<String, DependsLong>),
}

#[derive(Debug, Deserialize)]
struct DependsLong {
    condition: Option<String>,
    #[serde(flatten)]
    _other: Unknown,
}

#[derive(Debug, Deserialize)]
struct ComposeHealthcheck {
    test: Option<StringOrList>,
    interval: Option<String>,
    timeout: Option<String>,
    start_period: Option<String>,
    retries: Option<i64>,
    disable: Option<bool>,
    #[serde(flatten)]
    _other: Unknown,
}

/// Reads compose YAML into a JSON value with `<<: *defaults` merge keys
/// applied, as compose applies them.
pub fn parse(text: &str) -> Result<Value, ImportError> {
    let mut y: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(ImportError::Yaml)?;
    // A merged mapping may carry its own `<<` (`x-backend: {<<: *app}`,
    // then `<<: *backend`): merge until none is left, as compose does.
    for _ in 0..16 {
        y.apply_merge().map_err(ImportError::Yaml)?;
        if !has_merge_key(&y) {
            break;
        }
    }
    serde_json::to_value(&y).map_err(|source| ImportError::Shape {
        at: ".".into(),
        source,
    })
}

fn has_merge_key(v: &serde_yaml_ng::Value) -> bool {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::Mapping(m) => m
            .iter()
            .any(|(k, v)| k.as_str() == Some("<<") || has_merge_key(v)),
        Y::Sequence(s) => s.iter().any(has_merge_key),
        Y::Tagged(t) => has_merge_key(&t.value),
        _ => false,
    }
}

/// Checks one file's shape before it is merged with others, so a mistake
/// is reported in the file that has it.
pub fn check(doc: &Value) -> Result<(), ImportError> {
    let file: ComposeFile = typed(doc.clone(), "")?;
    for (name, raw) in file.services.unwrap_or_default() {
        typed::<ComposeService>(raw, &format!("services.{name}"))?;
    }
    Ok(())
}

/// `compose.yaml` → profile. `base` is the compose file's directory,
/// `relative_to` the profile's (paths are rewritten from one to the other).
pub fn from_compose(text: &str, base: &Path, relative_to: &Path) -> Result<Imported, ImportError> {
    from_value(parse(text)?, base, relative_to)
}

/// The compose file at `path` → profile, with the files it includes and
/// extends from.
pub fn from_file(path: &Path, relative_to: &Path) -> Result<Imported, ImportError> {
    let mut notes = Vec::new();
    let doc = super::compose_files::load(path, &mut notes)?;
    let base = path.parent().unwrap_or(relative_to);
    let mut imported = from_value(doc, base, relative_to)?;
    notes.append(&mut imported.not_converted);
    imported.not_converted = notes;
    Ok(imported)
}

/// A parsed (and, for several files, merged) compose document → profile.
pub fn from_value(mut doc: Value, base: &Path, rel: &Path) -> Result<Imported, ImportError> {
    if !doc.is_object() {
        return Err(ImportError::NotAMapping);
    }
    braced_variables(&mut doc);
    let mut out = Imported::default();
    default_unset(&mut doc, &[base, rel], &mut out.not_converted);
    let file: ComposeFile = typed(doc, "")?;
    out.profile.name = file.name;
    for k in file.other.keys() {
        let why = match k.as_str() {
            "volumes" | "version" => continue,
            k if k.starts_with("x-") => {
                "extension fields are compose-only (their anchors were applied)"
            }
            "networks" => {
                "itp-dev gives each project one network, on which every service answers to its name"
            }
            "include" => {
                "the included files' services are not here: import each file, or merge them into one"
            }
            _ => "not converted",
        };
        out.not_converted.push(format!("top-level `{k}`: {why}"));
    }
    let secret_files: IndexMap<String, Option<String>> = file
        .secrets
        .unwrap_or_default()
        .into_iter()
        .map(|(name, s)| {
            if s.file.is_none() {
                out.not_converted.push(format!(
                    "secret `{name}`: only secrets from a `file` are converted ({} is not)",
                    s.other.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            (name, s.file)
        })
        .collect();
    let config_files: IndexMap<String, Option<String>> = file
        .configs
        .unwrap_or_default()
        .into_iter()
        .map(|(name, c)| {
            if c.file.is_none() {
                out.not_converted.push(format!(
                    "config `{name}`: only configs from a `file` are converted ({} is not): write its content to a file in the repository and mount it",
                    c.other.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            (name, c.file)
        })
        .collect();
    let mut services = file.services.ok_or(ImportError::NoServices)?;
    resolve_extends(&mut services, &mut out.not_converted);
    // Service names become hostnames and Kubernetes names: DNS labels.
    let renamed: IndexMap<String, String> = services
        .keys()
        .map(|n| (n.clone(), crate::profile::specs::to_service_name(n)))
        .collect();
    let mut shared = Vec::new();
    let mut tasks: Vec<String> = Vec::new();
    for (name, mut raw) in services {
        let at = format!("services.{name}");
        // A service of compose profiles starts only with `--profile P`:
        // in the profile it is in the overlay `P` (`--overlay P`).
        let profiles: Vec<String> = raw
            .as_object_mut()
            .and_then(|o| o.remove("profiles"))
            .and_then(|p| serde_json::from_value(p).ok())
            .unwrap_or_default();
        let s: ComposeService = typed(raw, &at)?;
        let (mut service, shares) = Converter {
            at: &at,
            base,
            rel,
            notes: &mut out.not_converted,
            secret_files: &secret_files,
            config_files: &config_files,
            tasks: &mut tasks,
        }
        .service(s)?;
        service
            .depends_on
            .rename(|d| renamed.get(d).cloned().unwrap_or_else(|| d.to_string()));
        let new = renamed[&name].clone();
        if new != name {
            out.not_converted.push(format!(
                "service `{name}` is called `{new}` (service names are hostnames: DNS labels); its `depends_on` entries follow"
            ));
        }
        if let Some(other) = shares {
            shared.push((new.clone(), renamed.get(&other).cloned().unwrap_or(other)));
        }
        if profiles.is_empty() {
            out.profile.services.insert(new, service);
            continue;
        }
        let value = serde_json::to_value(&service).expect("a service serializes");
        for p in &profiles {
            let overlay = out.profile.overlays.entry(p.clone()).or_default();
            let services = overlay
                .entry("services")
                .or_insert_with(|| Value::Object(Default::default()));
            if let Some(s) = services.as_object_mut() {
                s.insert(new.clone(), value.clone());
            }
        }
        out.not_converted.push(format!(
            "`services.{name}` starts with compose's `--profile {}` only: it is in the overlay{} {} (`itp-dev --overlay {} up`)",
            profiles.join("`/`"),
            if profiles.len() == 1 { "" } else { "s" },
            profiles.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "),
            profiles[0]
        ));
    }
    for (name, other) in shared {
        share_network(&mut out, &name, &other, rel);
    }
    tasks.sort();
    tasks.dedup();
    for t in tasks {
        let name = renamed.get(&t).cloned().unwrap_or(t);
        if let Some(s) = out.profile.services.get_mut(&name)
            && !s.once
        {
            s.once = true;
            out.not_converted.push(format!(
                "`{name}` is a one-shot task (`once = true`): others wait for it to complete (`service_completed_successfully`)"
            ));
        }
    }
    tidy_aliases(&mut out);
    Ok(out)
}

/// `network_mode: service:OTHER` shares OTHER's network namespace: there,
/// `localhost` is OTHER. Each service has its own address here (and its
/// own pod in Kubernetes), so `localhost` in the service's env is
/// rewritten to OTHER's name, and OTHER starts first, as compose starts it.
fn share_network(out: &mut Imported, name: &str, other: &str, rel: &Path) {
    use crate::profile::model::EnvValue;
    if !out.profile.services.contains_key(other) {
        out.not_converted.push(format!(
            "`services.{name}.network_mode: service:{other}`: there is no service `{other}`; left out"
        ));
        return;
    }
    let Some(svc) = out.profile.services.get_mut(name) else {
        return;
    };
    let mut rewritten = Vec::new();
    for (k, v) in svc.env.iter_mut() {
        if let EnvValue::String(t) = v {
            let new = rewrite_localhost(t, other);
            if new != *t {
                rewritten.push(shown_change(k, t, &new));
                *t = new;
            }
        }
    }
    // Its healthcheck probed `other` through the shared network too.
    if let Some(h) = &mut svc.healthcheck {
        let before = format!("{:?}", h.command);
        match &mut h.command {
            Command::Shell(s) => *s = rewrite_localhost(s, other),
            Command::Exec(args) => args
                .iter_mut()
                .for_each(|a| *a = rewrite_localhost(a, other)),
        }
        if format!("{:?}", h.command) != before {
            rewritten.push("its healthcheck".into());
        }
    }
    // The env files stay the team's: a value there is overridden in `env`
    // (which wins over `env_file`), unless it is a secret, which is never
    // copied into the profile.
    for file in svc.env_file.clone() {
        let Ok(values) = crate::profile::load::parse_env_file(&rel.join(&file)) else {
            continue;
        };
        for (k, v) in values {
            let new = rewrite_localhost(&v, other);
            if new == v || svc.env.contains_key(&k) {
                continue;
            }
            if crate::profile::secrets::looks_secret(&k, &v) {
                out.not_converted.push(format!(
                    "`{file}`: `{k}` says `localhost`, which no longer reaches `{other}` from `{name}`; it looks secret, so it is not copied: write `{other}` for `localhost` there"
                ));
                continue;
            }
            rewritten.push(shown_change(&k, &v, &new));
            svc.env.insert(k, EnvValue::String(new));
        }
    }
    svc.depends_on.add(other);
    let said = if rewritten.is_empty() {
        String::new()
    } else {
        format!(
            " (rewritten: {}; check them: a port `{name}` itself serves is still its own)",
            rewritten.join(", ")
        )
    };
    out.not_converted.push(format!(
        "`services.{name}.network_mode: service:{other}`: converted; `{name}` gets its own address, so `localhost` no longer reaches `{other}`: use the name `{other}`. Its env values that said `localhost` or `127.0.0.1` now say `{other}`{said}, and it starts after `{other}`. A port published for `{name}` that `{other}` listens on (a forwarded port) belongs in `services.{other}.ports`"
    ));
}

/// `KEY` (`before` → `after`), the values shown unless they look secret.
fn shown_change(key: &str, before: &str, after: &str) -> String {
    if crate::profile::secrets::looks_secret(key, before) {
        key.to_string()
    } else {
        format!("{key} `{before}` → `{after}`")
    }
}

/// `localhost` and `127.0.0.1` as a host (not inside a longer name) become
/// `host`. A list of hosts (`NO_PROXY=localhost,127.0.0.1`) is left: it
/// names this machine on purpose.
fn rewrite_localhost(text: &str, host: &str) -> String {
    if text.contains(',') && !text.contains("://") {
        return text.to_string();
    }
    let mut out = text.to_string();
    for local in ["localhost", "127.0.0.1"] {
        let mut result = String::new();
        let mut rest = out.as_str();
        while let Some(at) = rest.find(local) {
            let before = rest[..at].chars().last();
            let after = rest[at + local.len()..].chars().next();
            let part_of_name = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            };
            result.push_str(&rest[..at]);
            if part_of_name(before) || part_of_name(after) {
                result.push_str(local);
            } else {
                result.push_str(host);
            }
            rest = &rest[at + local.len()..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// An alias that is its own service's name says nothing; one that is
/// another service's name would take that name: dropped, with a note.
fn tidy_aliases(out: &mut Imported) {
    let names: Vec<String> = out.profile.services.keys().cloned().collect();
    for (name, svc) in out.profile.services.iter_mut() {
        svc.aliases.retain(|a| {
            if a == name {
                return false;
            }
            if names.contains(a) || a == "dev" {
                out.not_converted.push(format!(
                    "`services.{name}`: the alias `{a}` is another service's name, so it is left out"
                ));
                return false;
            }
            true
        });
    }
}

/// Compose interpolates a bare `$NAME` as it does `${NAME}`; the profile
/// only reads the braced form. Every string value is rewritten (`$$` stays
/// a literal `$` in both).
fn braced_variables(v: &mut Value) {
    match v {
        Value::String(s) if s.contains('$') => *s = braced(s),
        Value::Array(a) => a.iter_mut().for_each(braced_variables),
        Value::Object(o) => o.values_mut().for_each(braced_variables),
        _ => {}
    }
}

/// Compose substitutes an empty string for a variable that is not set
/// (and warns); the profile refuses one. A bare `${NAME}` that is set
/// nowhere here (the environment, the `.env` beside the compose file or
/// the profile) becomes `${NAME:-}`, which keeps compose's meaning and
/// still takes a value once one is set.
fn default_unset(doc: &mut Value, env_dirs: &[&Path], notes: &mut Vec<String>) {
    let mut known: std::collections::BTreeSet<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .collect();
    for dir in env_dirs {
        if let Ok(values) = crate::profile::load::parse_env_file(&dir.join(".env")) {
            known.extend(values.into_keys());
        }
    }
    let mut unset = std::collections::BTreeSet::new();
    defaults_in(doc, &known, &mut unset);
    if !unset.is_empty() {
        let names: Vec<String> = unset.iter().map(|n| format!("`${{{n}}}`")).collect();
        notes.push(format!(
            "{}: not set here (not in the environment or a `.env`); compose substitutes an empty string, so each is written `${{NAME:-}}`, which does the same (set it in `.env` beside the profile to give it a value)",
            names.join(", ")
        ));
    }
}

fn defaults_in(
    v: &mut Value,
    known: &std::collections::BTreeSet<String>,
    unset: &mut std::collections::BTreeSet<String>,
) {
    match v {
        Value::String(s) if s.contains("${") => {
            let mut out = String::with_capacity(s.len());
            let mut rest = s.as_str();
            while let Some(at) = rest.find("${") {
                // `$${` is a literal `$` and a brace.
                let escaped = rest[..at].ends_with('$')
                    && rest[..at].chars().rev().take_while(|c| *c == '$').count() % 2 == 1;
                out.push_str(&rest[..at]);
                let after = &rest[at + 2..];
                let name_len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                let name = &after[..name_len];
                if !escaped
                    && !name.is_empty()
                    && after[name_len..].starts_with('}')
                    && !known.contains(name)
                {
                    out.push_str(&format!("${{{name}:-}}"));
                    unset.insert(name.to_string());
                    rest = &after[name_len + 1..];
                } else {
                    out.push_str("${");
                    rest = after;
                }
            }
            out.push_str(rest);
            *s = out;
        }
        Value::Array(a) => a.iter_mut().for_each(|v| defaults_in(v, known, unset)),
        Value::Object(o) => o.values_mut().for_each(|v| defaults_in(v, known, unset)),
        _ => {}
    }
}

fn braced(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('$') => {
                out.push_str("$$");
                chars.next();
            }
            Some(n) if n.is_ascii_alphabetic() || *n == '_' => {
                let mut name = String::new();
                while let Some(n) = chars
                    .peek()
                    .filter(|n| n.is_ascii_alphanumeric() || **n == '_')
                {
                    name.push(*n);
                    chars.next();
                }
                out.push_str(&format!("${{{name}}}"));
            }
            _ => out.push('$'),
        }
    }
    out
}

/// `extends` of a service in the same file: the base's keys, with the
/// service's own merged over them as compose merges them (chains too).
/// One in another file is noted, not followed.
pub(super) fn resolve_extends(services: &mut IndexMap<String, Value>, notes: &mut Vec<String>) {
    for _ in 0..services.len() {
        let mut changed = false;
        let names: Vec<String> = services.keys().cloned().collect();
        for name in names {
            let Some(ext) = services[&name].get("extends").cloned() else {
                continue;
            };
            let (base, file) = match &ext {
                Value::String(b) => (b.clone(), None),
                Value::Object(o) => (
                    o.get("service")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    o.get("file").and_then(Value::as_str).map(str::to_string),
                ),
                _ => (String::new(), None),
            };
            let own = services.get_mut(&name).and_then(Value::as_object_mut);
            if let Some(own) = own {
                own.remove("extends");
            }
            if let Some(f) = file {
                notes.push(format!(
                    "`services.{name}.extends`: `{base}` of `{f}` is in another file; copy its keys here"
                ));
                continue;
            }
            // A base that extends another is resolved first (next round).
            match services.get(&base) {
                Some(b) if b.get("extends").is_none() => {
                    let mut merged = b.clone();
                    merge(&mut merged, services[&name].clone());
                    services.insert(name, merged);
                    changed = true;
                }
                Some(_) => {
                    // Put it back for the next round.
                    if let Some(o) = services.get_mut(&name).and_then(Value::as_object_mut) {
                        o.insert("extends".into(), ext);
                    }
                }
                None => notes.push(format!(
                    "`services.{name}.extends`: there is no service `{base}` in this file"
                )),
            }
        }
        if !changed {
            break;
        }
    }
}

/// Converts one service; `at` names it in notes (`services.NAME`).
struct Converter<'a> {
    at: &'a str,
    base: &'a Path,
    rel: &'a Path,
    notes: &'a mut Vec<String>,
    /// Top-level secrets: name → file (relative to the compose file).
    secret_files: &'a IndexMap<String, Option<String>>,
    /// Top-level configs: name → file.
    config_files: &'a IndexMap<String, Option<String>>,
    /// Services others wait to complete: one-shot tasks.
    tasks: &'a mut Vec<String>,
}

impl Converter<'_> {
    fn note(&mut self, key: &str, why: &str) {
        self.notes.push(format!("`{}.{key}`: {why}", self.at));
    }

    /// The service, and the service whose network it shares
    /// (`network_mode: service:NAME`), if any.
    fn service(mut self, s: ComposeService) -> Result<(Service, Option<String>), ImportError> {
        for k in s.other.keys() {
            let why = match k.as_str() {
                "restart" => "itp-dev restarts nothing by itself",
                "deploy" => "use `resources` (cpus, memory) by hand",
                k if k.starts_with("x-") => "extension field",
                _ => "not converted",
            };
            self.note(k, why);
        }
        let mut out = Service {
            image: s.image,
            build: s.build.map(|b| self.build(b)),
            ..Service::default()
        };
        if out.image.is_some() && out.build.is_some() {
            // Compose builds and tags; the profile builds under its own tag.
            out.image = None;
            self.note(
                "image",
                "dropped, the image is built (itp-dev tags it itself)",
            );
        }
        if let Some(c) = s.command {
            let at = format!("{}.command", self.at);
            out.command = Some(Command::Exec(c.arguments(&at)?));
        }
        if let Some(e) = s.entrypoint {
            out.entrypoint = Some(e.arguments(&format!("{}.entrypoint", self.at))?);
        }
        if let Some(e) = s.environment {
            out.env = e.to_env();
            // Values that are secrets by their name or shape are marked,
            // so the profile says so (and Kubernetes gets a Secret).
            out.secrets = out
                .env
                .iter()
                .filter(|(k, v)| crate::profile::secrets::looks_secret(k, &v.to_text()))
                .map(|(k, _)| k.clone())
                .collect();
        }
        if let Some(expose) = s.expose {
            for e in expose {
                match parse_expose(&e.text()) {
                    Some(ports) => out.expose.extend(ports),
                    None => self.note(
                        "expose",
                        &format!("`{}` is not a port or a short range of ports", e.text()),
                    ),
                }
            }
        }
        for r in s.secrets.unwrap_or_default() {
            let (name, target) = match r {
                SecretRef::Name(n) => (n, None),
                SecretRef::Long { source, target, .. } => (source, target),
            };
            let target = match target {
                Some(t) if t.starts_with('/') => t,
                Some(t) => format!("/run/secrets/{t}"),
                None => format!("/run/secrets/{name}"),
            };
            match self.secret_files.get(&name) {
                Some(Some(file)) => {
                    // `file: db/password.txt` is a path however written.
                    let file = if file.starts_with(['.', '/', '~', '$']) {
                        file.clone()
                    } else {
                        format!("./{file}")
                    };
                    let source = rebase_mount(&format!("{file}:{target}:ro"), self.base, self.rel);
                    out.volumes.push(source);
                    // Under /run/secrets/ a file is a secret already.
                    if !target.starts_with("/run/secrets/") {
                        out.secret_files.push(target.clone());
                    }
                }
                _ => self.note(
                    "secrets",
                    &format!("secret `{name}` has no `file` at the top level; mount it by hand"),
                ),
            }
        }
        for r in s.configs.unwrap_or_default() {
            let (name, target) = match r {
                SecretRef::Name(n) => (n, None),
                SecretRef::Long { source, target, .. } => (source, target),
            };
            // Compose mounts a config at `/NAME` unless told where.
            let target = match target {
                Some(t) if t.starts_with('/') => t,
                Some(t) => format!("/{t}"),
                None => format!("/{name}"),
            };
            match self.config_files.get(&name) {
                Some(Some(file)) => {
                    let file = if file.starts_with(['.', '/', '~', '$']) {
                        file.clone()
                    } else {
                        format!("./{file}")
                    };
                    out.volumes.push(rebase_mount(
                        &format!("{file}:{target}:ro"),
                        self.base,
                        self.rel,
                    ));
                }
                _ => self.note(
                    "configs",
                    &format!("config `{name}` has no `file` at the top level; mount it by hand"),
                ),
            }
        }
        if let Some(files) = s.env_file {
            for f in files.items() {
                let (p, required) = match f {
                    EnvFile::Path(p) => (p, true),
                    EnvFile::Long { path, required, .. } => (path, required != Some(false)),
                };
                // An optional env file that is not there is skipped, as
                // compose skips it.
                if !required && !self.base.join(&p).exists() {
                    self.note(
                        "env_file",
                        &format!("`{p}` is optional and not there; left out"),
                    );
                    continue;
                }
                out.env_file.push(rebase(&p, self.base, self.rel));
            }
        }
        if let Some(ports) = s.ports {
            out.ports = ports.into_iter().flat_map(port).collect();
            if out.ports.iter().any(|p| p.to_text().split(':').count() < 3) {
                self.note(
                    "ports",
                    "published on 127.0.0.1 now (compose binds all interfaces); write \"0.0.0.0:HOST:CONTAINER\" to keep that",
                );
            }
        }
        if let Some(mounts) = s.volumes {
            for m in mounts {
                if let Some(v) = self.mount(m) {
                    out.volumes.push(v);
                }
            }
        }
        if let Some(d) = s.depends_on {
            out.depends_on = self.depends_on(d);
        }
        if let Some(h) = s.healthcheck {
            if h.disable == Some(true) {
                self.note(
                    "healthcheck",
                    "a disabled healthcheck is left out: the image's own HEALTHCHECK, if it has one, applies (itp-dev cannot switch it off)",
                );
            } else {
                out.healthcheck = healthcheck(h);
                // Compose's defaults are not itp-dev's: written out, so the
                // check keeps its timing.
                if let Some(h) = &mut out.healthcheck {
                    let mut filled = Vec::new();
                    for (field, value, default) in [
                        ("interval", &mut h.interval, "30s"),
                        ("timeout", &mut h.timeout, "30s"),
                    ] {
                        if value.is_none() {
                            *value = Some(default.into());
                            filled.push(format!("{field} {default}"));
                        }
                    }
                    if h.retries.is_none() {
                        h.retries = Some(3);
                        filled.push("retries 3".into());
                    }
                    if !filled.is_empty() {
                        self.note(
                            "healthcheck",
                            &format!(
                                "compose's defaults written out ({}); a shorter `interval` makes `up` see it healthy sooner",
                                filled.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        out.user = s.user.map(|u| u.text());
        out.workdir = s.working_dir;
        match s.pull_policy.as_deref() {
            Some("always") => out.pull = Some(PullPolicy::Always),
            Some("missing" | "if_not_present") => out.pull = Some(PullPolicy::Missing),
            Some("never") => out.pull = Some(PullPolicy::Never),
            Some(p) => self.note("pull_policy", &format!("`{p}` is not converted")),
            None => {}
        }
        // Other names the service is reached by: its network aliases, and
        // a container name (other services may use it as a hostname).
        let (networks, mut names): (Vec<String>, Vec<String>) = match s.networks {
            Some(ComposeNetworks::Settings(n)) => (
                n.keys().cloned().collect(),
                n.into_values()
                    .flatten()
                    .flat_map(|s| s.aliases.unwrap_or_default())
                    .collect(),
            ),
            Some(ComposeNetworks::Names(n)) => (vec![String::new(); n.len()], vec![]),
            None => (vec![], vec![]),
        };
        if networks.iter().any(|n| n != "default") {
            self.note(
                "networks",
                "each project has one network; services reach each other by name (and by their aliases, which are kept)",
            );
        }
        if let Some(n) = &s.container_name {
            names.push(n.clone());
            self.note(
                "container_name",
                "itp-dev names containers `<project>-<service>`; the name is kept as an alias, so other services still reach it by it",
            );
        }
        for n in names {
            let label = crate::profile::specs::to_dns_label(&n);
            if label != n {
                self.note(
                    "networks",
                    &format!("the name `{n}` is not a hostname itp-dev can give (DNS label); `{label}` is given instead"),
                );
            }
            if !out.aliases.contains(&label) {
                out.aliases.push(label);
            }
        }
        let shares = match s.network_mode.as_deref() {
            None | Some("bridge" | "default") => None,
            Some(m) => match m.split_once(':') {
                Some(("service" | "container", other)) => Some(other.to_string()),
                _ => {
                    self.note(
                        "network_mode",
                        &format!("`{m}` is not converted: each project has one network, on which services reach each other by name"),
                    );
                    None
                }
            },
        };
        Ok((out, shares))
    }

    fn build(&mut self, b: ComposeBuild) -> Build {
        let b = match b {
            ComposeBuild::Context(ctx) => return Build::Context(rebase(&ctx, self.base, self.rel)),
            ComposeBuild::Full(b) => b,
        };
        for k in b.other.keys() {
            self.note(&format!("build.{k}"), "not converted");
        }
        let ctx = b.context.unwrap_or_else(|| ".".into());
        Build::Full(BuildSpec {
            context: rebase(&ctx, self.base, self.rel),
            // Compose reads `dockerfile` relative to the context.
            dockerfile: b.dockerfile.map(|d| {
                let joined = format!("{}/{d}", ctx.trim_end_matches('/'));
                rebase(&joined, self.base, self.rel)
            }),
            target: b.target,
            args: b.args.map(|a| a.to_env()).unwrap_or_default(),
        })
    }

    fn mount(&mut self, m: ComposeMount) -> Option<String> {
        let spec = match m {
            // An anonymous volume (`/app/node_modules`): a volume of its
            // own, so the path keeps the image's content apart from a bind
            // mount above it, as compose does.
            ComposeMount::Short(s) if super::paths::mount_fields(&s).len() == 1 => {
                let label = crate::profile::specs::to_dns_label(&format!(
                    "{}-{}",
                    self.at.trim_start_matches("services."),
                    s
                ));
                self.note(
                    "volumes",
                    &format!(
                        "anonymous volume `{s}` is the named volume `{label}` (kept across `down`)"
                    ),
                );
                format!("{label}:{s}")
            }
            ComposeMount::Short(s) => {
                // The source may hold a drive letter's colon.
                let s = match portable_source(&s, true) {
                    Err(why) => {
                        self.note("volumes", &why);
                        return None;
                    }
                    Ok(p) if p != s => {
                        self.note(
                            "volumes",
                            &format!("`{s}` is written `{p}` (`/` works on every system)"),
                        );
                        p
                    }
                    Ok(p) => p,
                };
                self.mount_options(&s)
            }
            ComposeMount::Long {
                kind,
                source,
                target,
                read_only,
                ..
            } => {
                let kind = kind.unwrap_or_else(|| "volume".into());
                if kind != "volume" && kind != "bind" {
                    self.note("volumes", &format!("`{kind}` mounts are not supported"));
                    return None;
                }
                let (Some(src), Some(dst)) = (source, target) else {
                    self.note("volumes", "a mount without source or target");
                    return None;
                };
                let src = match portable_source(&src, false) {
                    Ok(p) => p,
                    Err(why) => {
                        self.note("volumes", &why);
                        return None;
                    }
                };
                let ro = if read_only == Some(true) { ":ro" } else { "" };
                format!("{src}:{dst}{ro}")
            }
        };
        let rebased = rebase_mount(&spec, self.base, self.rel);
        Some(volume_name(&rebased, self.notes))
    }

    /// `SRC:DST:OPTIONS` with the options the profile knows (`ro`, `rw`);
    /// SELinux relabelling (`z`, `Z`), `nocopy` and consistency modes mean
    /// nothing to it, and are noted.
    fn mount_options(&mut self, spec: &str) -> String {
        let parts = super::paths::mount_fields(spec);
        let [src, dst, opts] = parts[..] else {
            return spec.to_string();
        };
        let mut kept = Vec::new();
        for o in opts.split(',') {
            match o {
                "ro" | "rw" => kept.push(o),
                "cached" | "delegated" | "consistent" => {}
                other => self.note(
                    "volumes",
                    &format!("mount option `{other}` of `{dst}` is not converted"),
                ),
            }
        }
        match kept.last() {
            Some(mode) => format!("{src}:{dst}:{mode}"),
            None => format!("{src}:{dst}"),
        }
    }

    fn depends_on(&mut self, d: ComposeDependsOn) -> DependsOn {
        let m = match d {
            ComposeDependsOn::List(l) => return DependsOn::List(l),
            ComposeDependsOn::Map(m) => m,
        };
        let mut deps = IndexMap::new();
        for (dep, long) in m {
            let c = long.condition.as_deref().unwrap_or("service_started");
            let mapped = match c {
                "service_healthy" => Condition::Healthy,
                "service_started" => Condition::Started,
                "service_completed_successfully" => {
                    self.tasks.push(dep.clone());
                    Condition::Completed
                }
                other => {
                    self.note(
                        &format!("depends_on.{dep}"),
                        &format!("condition `{other}` has no equivalent; `started` is used"),
                    );
                    Condition::Started
                }
            };
            deps.insert(dep, mapped);
        }
        DependsOn::Map(deps)
    }
}

/// A port, or a short range (`"5678-5680:5678-5680"`) as one port each.
fn port(p: ComposePort) -> Vec<Port> {
    let one = single_port(p);
    let text = one.to_text();
    expand_range(&text).unwrap_or_else(|| vec![one])
}

/// `[IP:]A-B:C-D[/proto]` with ranges of the same length (at most 16).
fn expand_range(spec: &str) -> Option<Vec<Port>> {
    let (body, proto) = match spec.rsplit_once('/') {
        Some((b, p)) => (b, format!("/{p}")),
        None => (spec, String::new()),
    };
    let parts: Vec<&str> = body.rsplitn(3, ':').collect();
    let (container, host, ip) = match parts[..] {
        [c, h] => (c, h, None),
        [c, h, ip] => (c, h, Some(ip)),
        _ => return None,
    };
    let range = |r: &str| -> Option<(u16, u16)> {
        let (a, b) = r.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    };
    let ((h0, h1), (c0, c1)) = (range(host)?, range(container)?);
    if h1 < h0 || c1 - c0 != h1 - h0 || h1 - h0 >= 16 {
        return None;
    }
    let prefix = ip.map_or(String::new(), |ip| format!("{ip}:"));
    Some(
        (0..=(h1 - h0))
            .map(|i| Port::Spec(format!("{prefix}{}:{}{proto}", h0 + i, c0 + i)))
            .collect(),
    )
}

fn single_port(p: ComposePort) -> Port {
    match p {
        ComposePort::Number(n) => Port::Spec(n.to_string()),
        // `":2283:2283"`: an empty host address is every address.
        ComposePort::Spec(s) => Port::Spec(match s.strip_prefix(':') {
            Some(rest) => format!("0.0.0.0:{rest}"),
            None => s,
        }),
        ComposePort::Long {
            target,
            published,
            protocol,
            host_ip,
            ..
        } => {
            let target = target.text();
            let spec = match (host_ip, published) {
                (Some(ip), Some(h)) => format!("{ip}:{}:{target}", h.text()),
                (_, Some(h)) => format!("{}:{target}", h.text()),
                (_, None) => target,
            };
            match protocol.as_deref().unwrap_or("tcp") {
                "tcp" => Port::Spec(spec),
                proto => Port::Spec(format!("{spec}/{proto}")),
            }
        }
    }
}

/// `"3000"` or a short range `"8000-8003"` (at most 16 ports).
fn parse_expose(text: &str) -> Option<Vec<u16>> {
    let text = text.split('/').next().unwrap_or_default();
    match text.split_once('-') {
        None => Some(vec![text.parse().ok().filter(|p| *p > 0)?]),
        Some((a, b)) => {
            let (a, b): (u16, u16) = (a.parse().ok()?, b.parse().ok()?);
            (a > 0 && a <= b && b - a < 16).then(|| (a..=b).collect())
        }
    }
}

fn healthcheck(h: ComposeHealthcheck) -> Option<Healthcheck> {
    let command = match h.test? {
        StringOrList::String(s) => Command::Shell(s),
        StringOrList::List(parts) => match parts.first().map(String::as_str) {
            Some("CMD-SHELL") => Command::Shell(parts[1..].join(" ")),
            Some("CMD") => Command::Exec(parts[1..].to_vec()),
            Some("NONE") => return None,
            _ => Command::Exec(parts),
        },
    };
    Some(Healthcheck {
        command,
        interval: h.interval,
        timeout: h.timeout,
        retries: h.retries,
        start_period: h.start_period,
    })
}

/// Merges a later compose file over an earlier one, as `docker compose -f a
/// -f b` does: mappings merge key by key; `environment`, `labels` and build
/// `args` merge by variable; `volumes` of a service by target path; the
/// commands (`command`, `entrypoint`, `test`) are replaced; other lists
/// (`ports`, `expose`, `env_file`, …) are appended without duplicates.
pub fn merge(into: &mut Value, over: Value) {
    merge_at(into, over, "")
}

fn merge_at(into: &mut Value, over: Value, key: &str) {
    match (into, over) {
        (into, over) if matches!(key, "environment" | "labels" | "args") && !into.is_null() => {
            let mut map = as_key_map(into);
            if let Value::Object(o) = as_key_map_value(over) {
                map.extend(o);
            }
            *into = Value::Object(map);
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(old) => merge_at(old, v, &k),
                    None => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if key == "volumes" => {
            for v in b {
                let target = mount_target(&v);
                match a
                    .iter()
                    .position(|old| target.is_some() && mount_target(old) == target)
                {
                    Some(i) => a[i] = v,
                    None => a.push(v),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if !matches!(key, "command" | "entrypoint" | "test") => {
            for v in b {
                if !a.contains(&v) {
                    a.push(v);
                }
            }
        }
        (into, over) => *into = over,
    }
}

fn as_key_map(v: &Value) -> serde_json::Map<String, Value> {
    match as_key_map_value(v.clone()) {
        Value::Object(o) => o,
        _ => serde_json::Map::new(),
    }
}

/// `["K=V"]` → `{K: "V"}`; a mapping stays.
fn as_key_map_value(v: Value) -> Value {
    match v {
        Value::Array(items) => Value::Object(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| match s.split_once('=') {
                    Some((k, v)) => (k.to_string(), Value::String(v.to_string())),
                    None => (s.to_string(), Value::Null),
                })
                .collect(),
        ),
        other => other,
    }
}

/// The container path of a short (`SRC:DST[:MODE]`, or an anonymous
/// `DST`) or long (`target:`) volume entry.
fn mount_target(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let parts: Vec<&str> = s.split(':').collect();
            Some(parts.get(1).unwrap_or(&parts[0]).to_string())
        }
        Value::Object(o) => o.get("target").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> Imported {
        from_compose(text, Path::new("/r"), Path::new("/r")).unwrap()
    }

    #[test]
    fn a_string_command_is_split_into_arguments_as_compose_splits_it() {
        let i = import(
            "services:\n  db:\n    image: mysql\n    command: --default-authentication-plugin=mysql_native_password --name 'a b'\n    entrypoint: /bin/sh\n",
        );
        let db = &i.profile.services["db"];
        assert_eq!(
            db.command,
            Some(Command::Exec(vec![
                "--default-authentication-plugin=mysql_native_password".into(),
                "--name".into(),
                "a b".into()
            ]))
        );
        assert_eq!(db.entrypoint, Some(vec!["/bin/sh".to_string()]));
    }

    #[test]
    fn unbalanced_quotes_name_the_key() {
        let e = from_compose(
            "services:\n  a:\n    image: x\n    command: echo 'oops\n",
            Path::new("/r"),
            Path::new("/r"),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`services.a.command` cannot be split into arguments"
        );
    }

    #[test]
    fn a_key_of_the_wrong_shape_is_named_by_its_path() {
        let e = from_compose(
            "services:\n  a:\n    image: x\n    ports: {http: 80}\n",
            Path::new("/r"),
            Path::new("/r"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("`services.a.ports"), "{e}");
    }

    #[test]
    fn extends_in_the_same_file_merges_the_base_under_the_service() {
        let i = import(
            "services:\n  base:\n    image: app:1\n    environment: {A: '1', B: '2'}\n  web:\n    extends: worker\n    command: web\n  worker:\n    extends: {service: base}\n    environment: {B: '3'}\n",
        );
        let web = &i.profile.services["web"];
        assert_eq!(web.image.as_deref(), Some("app:1"));
        assert_eq!(web.env["A"].to_text(), "1");
        assert_eq!(
            web.env["B"].to_text(),
            "3",
            "the worker's value, over the base's"
        );
        assert_eq!(web.command, Some(Command::Exec(vec!["web".into()])));
    }

    #[test]
    fn short_port_ranges_are_one_port_each() {
        let i = import(
            "services:\n  a:\n    image: x\n    ports: [\"5678-5680:5678-5680\", \"127.0.0.1:9000-9001:80-81/udp\"]\n",
        );
        let ports: Vec<String> = i.profile.services["a"]
            .ports
            .iter()
            .map(|p| p.to_text())
            .collect();
        assert_eq!(
            ports,
            [
                "5678:5678",
                "5679:5679",
                "5680:5680",
                "127.0.0.1:9000:80/udp",
                "127.0.0.1:9001:81/udp"
            ]
        );
    }

    #[test]
    fn unknown_keys_are_the_not_converted_list() {
        let i = import(
            "services:\n  a:\n    image: x\n    restart: always\n    cap_add: [NET_ADMIN]\n",
        );
        assert_eq!(
            i.not_converted,
            [
                "`services.a.restart`: itp-dev restarts nothing by itself",
                "`services.a.cap_add`: not converted"
            ]
        );
    }

    #[test]
    fn later_files_merge_over_earlier_ones_as_compose_merges_them() {
        let mut doc = parse(
            "services:\n  a:\n    image: x\n    command: [a]\n    environment: [A=1, B=2]\n    ports: ['1:1']\n    volumes: ['.:/w', 'd:/d']\n",
        )
        .unwrap();
        merge(
            &mut doc,
            parse("services:\n  a:\n    command: [b]\n    environment: {B: 3, C: 4}\n    ports: ['2:2']\n    volumes: ['..:/w']\n").unwrap(),
        );
        let a = &doc["services"]["a"];
        assert_eq!(a["command"], serde_json::json!(["b"]));
        assert_eq!(
            a["environment"],
            serde_json::json!({"A": "1", "B": 3, "C": 4})
        );
        assert_eq!(a["ports"], serde_json::json!(["1:1", "2:2"]));
        assert_eq!(a["volumes"], serde_json::json!(["..:/w", "d:/d"]));
    }
}
