//! `devcontainer.json` (JSONC) → profile. A compose-based configuration
//! imports its compose files (merged as compose merges them), and its
//! `service` becomes the dev container.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use super::compose;
use super::paths::{rebase, rebase_mount, volume_name};
use super::shapes::{KeyValues, OneOrMany, Scalar, Unknown, shell_line};
use super::{ImportError, Imported, typed};
use crate::profile::model::{Build, BuildSpec, Dev, Hooks, Port, Service, VsCode};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a devcontainer.json: an object")]
struct DevcontainerJson {
    name: Option<String>,
    image: Option<String>,
    build: Option<DevBuild>,
    /// The old spelling of `build.dockerfile`, beside `context`.
    #[serde(rename = "dockerFile")]
    old_dockerfile: Option<String>,
    #[serde(rename = "context")]
    old_context: Option<String>,
    docker_compose_file: Option<OneOrMany<String>>,
    service: Option<String>,
    run_services: Option<Vec<String>>,
    workspace_folder: Option<String>,
    remote_user: Option<String>,
    container_user: Option<String>,
    container_env: Option<IndexMap<String, Option<Scalar>>>,
    remote_env: Option<IndexMap<String, Option<Scalar>>>,
    forward_ports: Option<Vec<ForwardPort>>,
    mounts: Option<Vec<DevMount>>,
    on_create_command: Option<Lifecycle>,
    update_content_command: Option<Lifecycle>,
    post_create_command: Option<Lifecycle>,
    post_start_command: Option<Lifecycle>,
    customizations: Option<Customizations>,
    features: Option<IndexMap<String, Value>>,
    #[serde(rename = "$schema")]
    _schema: Option<String>,
    #[serde(flatten)]
    other: Unknown,
}

#[derive(Debug, Deserialize)]
struct DevBuild {
    context: Option<String>,
    dockerfile: Option<String>,
    target: Option<String>,
    args: Option<KeyValues>,
    #[serde(flatten)]
    _other: Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "expected a port number or \"SERVICE:PORT\"")]
enum ForwardPort {
    Number(u16),
    /// `"db:5432"`: a port of another service.
    Other(String),
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a mount: \"source=…,target=…,type=…\" or a mapping with `source` and `target`"
)]
enum DevMount {
    /// `"source=x,target=/y,type=volume"`, as `docker run --mount`.
    Text(String),
    Long {
        source: Option<String>,
        target: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
        #[serde(flatten)]
        _other: Unknown,
    },
}

/// A lifecycle command: a string (run by a shell), an argument list, or
/// named commands (run in order here; the spec runs them in parallel).
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a command: a string, a list of strings, or a mapping of named commands"
)]
enum Lifecycle {
    Shell(String),
    Exec(Vec<String>),
    Named(IndexMap<String, Lifecycle>),
}

impl Lifecycle {
    fn lines(&self) -> Vec<String> {
        match self {
            Lifecycle::Shell(s) => vec![s.clone()],
            Lifecycle::Exec(a) => vec![shell_line(a)],
            Lifecycle::Named(m) => m.values().flat_map(Lifecycle::lines).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Customizations {
    vscode: Option<VsCodeCustomizations>,
}

#[derive(Debug, Deserialize)]
struct VsCodeCustomizations {
    #[serde(default)]
    extensions: Vec<String>,
    #[serde(default)]
    settings: serde_json::Map<String, Value>,
}

/// `base` is the file's directory, `rel` the profile's.
pub fn from_devcontainer(text: &str, base: &Path, rel: &Path) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc: Value = jsonc_parser::parse_to_serde_value::<Value>(text, &Default::default())
        .map_err(ImportError::Jsonc)?;
    if !doc.is_object() {
        return Err(ImportError::NotAMapping);
    }
    let mut out = Imported::default();
    let folder = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let workdir = doc
        .get("workspaceFolder")
        .and_then(Value::as_str)
        .map(|w| w.replace("${localWorkspaceFolderBasename}", &folder))
        .unwrap_or_else(|| "/workspace".into());
    let vars = Variables {
        folder: &folder,
        workdir: &workdir,
    };
    drop_container_env_values(&mut doc, &mut out.not_converted);
    vars.translate(&mut doc, &mut out.not_converted);
    let mut d: DevcontainerJson = typed(doc, "")?;
    if d.build.is_none() && (d.old_dockerfile.is_some() || d.old_context.is_some()) {
        d.build = Some(DevBuild {
            context: d.old_context.take(),
            dockerfile: d.old_dockerfile.take(),
            target: None,
            args: None,
            _other: Unknown::default(),
        });
    }
    let mut dev = Dev::default();
    if let Some(files) = &d.docker_compose_file {
        let service = d.service.as_deref().ok_or(ImportError::NoDevService)?;
        let workdir = d.workspace_folder.as_deref().unwrap_or("/workspace");
        let (imported, main) = compose_services(&files.items(), service, &d, base, rel)?;
        out.not_converted.extend(imported.not_converted);
        out.profile.services = imported.profile.services;
        dev = into_dev(main, service, workdir, &mut out.not_converted);
    }
    if let Some(i) = d.image {
        dev.image = Some(i);
    }
    if let Some(b) = d.build {
        let ctx = b.context.unwrap_or_else(|| ".".into());
        dev.build = Some(Build::Full(BuildSpec {
            context: rebase(&ctx, base, rel),
            // devcontainer.json reads `dockerfile` relative to itself.
            dockerfile: b.dockerfile.map(|f| rebase(&f, base, rel)),
            target: b.target,
            args: b.args.map(|a| a.to_env()).unwrap_or_default(),
        }));
    }
    if let Some(w) = d.workspace_folder {
        dev.workdir = Some(w);
    }
    if let Some(u) = d.remote_user.or(d.container_user) {
        dev.user = Some(u);
    }
    for env in [d.container_env, d.remote_env].into_iter().flatten() {
        dev.env.extend(KeyValues::Map(env).to_env());
    }
    for p in d.forward_ports.unwrap_or_default() {
        match p {
            // A port the service already publishes is not published twice.
            ForwardPort::Number(n) => {
                let published = dev.ports.iter().any(|p| {
                    crate::profile::specs::parse_port(&p.to_text())
                        .is_ok_and(|s| s.container_port == n || s.host_port == Some(n))
                });
                if !published {
                    dev.ports.push(Port::Spec(format!("{n}:{n}")));
                }
            }
            ForwardPort::Other(s) => out.not_converted.push(format!(
                "`forwardPorts` entry {}: ports of other services are published on those services",
                Value::String(s)
            )),
        }
    }
    for m in d.mounts.unwrap_or_default() {
        match mount_spec(&m, &mut out.not_converted) {
            // `${localWorkspaceFolder}` is the repository: the profile's directory.
            Some(s) if s.starts_with("${localWorkspaceFolder}") => {
                let s = s.replacen("${localWorkspaceFolder}", ".", 1);
                dev.mounts.push(rebase_mount(&s, rel, rel));
            }
            Some(s) => dev.mounts.push(volume_name(
                &rebase_mount(&s, base, rel),
                &mut out.not_converted,
            )),
            None => out
                .not_converted
                .push(format!("`mounts` entry {}: not converted", shown(&m))),
        }
    }
    let on_create = [
        &d.on_create_command,
        &d.update_content_command,
        &d.post_create_command,
    ];
    dev.hooks = Hooks {
        on_create: on_create
            .into_iter()
            .flatten()
            .flat_map(Lifecycle::lines)
            .collect(),
        post_start: d
            .post_start_command
            .iter()
            .flat_map(Lifecycle::lines)
            .collect(),
    };
    if let Some(v) = d.customizations.and_then(|c| c.vscode)
        && (!v.extensions.is_empty() || !v.settings.is_empty())
    {
        dev.vscode = Some(VsCode {
            extensions: v.extensions,
            settings: v.settings,
        });
    }
    for name in d.features.unwrap_or_default().keys() {
        out.not_converted.push(format!(
            "feature `{name}`: features are not supported; install what it provides in the dev image's Dockerfile"
        ));
    }
    for k in d.other.keys() {
        let why = match k.as_str() {
            "postAttachCommand" => "runs when an editor attaches; itp-dev has no such moment",
            "initializeCommand" => "runs on the host before start; not converted",
            "runArgs" => "docker run flags are not converted; use the profile's keys",
            "shutdownAction" => "`itp-dev down` stops the environment",
            "overrideCommand" => "the dev container always stays up",
            _ => "not converted",
        };
        out.not_converted.push(format!("`{k}`: {why}"));
    }
    out.profile.name = d.name.map(|n| crate::profile::specs::to_dns_label(&n));
    // Inside the container the repository is at `workdir`: what the
    // container sees of `${localWorkspaceFolder}` (mounts made it `.`).
    let here = |s: &mut String| {
        if s.contains("${localWorkspaceFolder}") {
            *s = s.replace("${localWorkspaceFolder}", &workdir);
        }
    };
    for v in dev.env.values_mut() {
        if let crate::profile::model::EnvValue::String(s) = v {
            here(s);
        }
    }
    dev.hooks.on_create.iter_mut().for_each(here);
    dev.hooks.post_start.iter_mut().for_each(here);
    out.profile.dev = Some(dev);
    Ok(out)
}

/// The compose files merged, converted, and split into the other services
/// (those in `runServices`, when given) and the dev container's own.
fn compose_services(
    files: &[String],
    service: &str,
    d: &DevcontainerJson,
    base: &Path,
    rel: &Path,
) -> Result<(Imported, Service), ImportError> {
    let mut merged = Value::Null;
    // Compose resolves the paths of every file against the first one's
    // directory (the project directory).
    let project_dir = files
        .first()
        .and_then(|f| base.join(f).parent().map(Path::to_path_buf))
        .unwrap_or_else(|| base.to_path_buf());
    let mut notes = Vec::new();
    for f in files {
        let path = base.join(f);
        let in_file = |source| ImportError::InFile {
            path: path.clone(),
            source: Box::new(source),
        };
        let doc = super::compose_files::load(&path, &mut notes)?;
        compose::check(&doc).map_err(in_file)?;
        compose::merge(&mut merged, doc);
    }
    let mut imported = compose::from_value(merged, &project_dir, rel)?;
    notes.append(&mut imported.not_converted);
    imported.not_converted = notes;
    // The compose importer made every service name a DNS label.
    let named = service.to_string();
    let service = &crate::profile::specs::to_service_name(service);
    let mut main = imported
        .profile
        .services
        .shift_remove(service)
        .ok_or(ImportError::UnknownDevService(named))?;
    // `dev` is the dev container's name in a profile: another service of
    // that name is renamed, and what depends on it follows.
    if let Some(other) = imported.profile.services.shift_remove("dev") {
        let new = "dev-service".to_string();
        imported.not_converted.push(format!(
            "service `dev` is called `{new}` (`dev` is the dev container's name in a profile); its `depends_on` entries follow"
        ));
        imported.profile.services.insert(new.clone(), other);
        for s in imported
            .profile
            .services
            .values_mut()
            .chain(std::iter::once(&mut main))
        {
            s.depends_on.rename(|d| {
                if d == "dev" {
                    new.clone()
                } else {
                    d.to_string()
                }
            });
        }
    }
    // The service you work in becomes `[dev]`: what depended on it cannot.
    for (name, s) in imported.profile.services.iter_mut() {
        let before = s.depends_on.entries().len();
        s.depends_on.retain(|d| d != service);
        if s.depends_on.entries().len() < before {
            imported.not_converted.push(format!(
                "`services.{name}.depends_on.{service}`: `{service}` is the dev container now (reachable as `dev` and `{service}`), and services do not wait for it"
            ));
        }
    }
    if let Some(listed) = &d.run_services {
        // Compose starts what the listed services (and the dev container)
        // depend on, and what those depend on.
        let mut run: Vec<String> = listed.clone();
        let mut next: Vec<String> = main
            .depends_on
            .entries()
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        next.extend(listed.iter().cloned());
        while let Some(n) = next.pop() {
            if let Some(s) = imported.profile.services.get(&n) {
                for (d, _) in s.depends_on.entries() {
                    if !run.contains(&d) {
                        next.push(d.clone());
                        run.push(d);
                    }
                }
            }
            if !run.contains(&n) {
                run.push(n);
            }
        }
        let services = &mut imported.profile.services;
        for k in services.keys() {
            if !run.contains(k) {
                imported.not_converted.push(format!(
                    "service `{k}`: left out, as it is not in `runServices`"
                ));
            }
        }
        services.retain(|k, _| run.contains(k));
    }
    Ok((imported, main))
}

/// The compose service you work in, as the dev container.
fn into_dev(s: Service, name: &str, workdir: &str, notes: &mut Vec<String>) -> Dev {
    // A service's `volumes` are the dev container's `mounts`, less the
    // repository's own (itp-dev mounts it at `workdir`).
    let mounts = s
        .volumes
        .into_iter()
        .filter(|m| {
            let is_repo = m.split(':').nth(1) == Some(workdir);
            if is_repo {
                notes.push(format!(
                    "mount {} of `{name}`: itp-dev mounts the repository at `workdir` itself",
                    Value::String(m.clone())
                ));
            }
            !is_repo
        })
        .collect();
    if s.healthcheck.is_some() {
        notes.push(format!(
            "`services.{name}.healthcheck`: the dev container has none"
        ));
    }
    if s.entrypoint.is_some() {
        notes.push(format!(
            "`services.{name}.entrypoint`: the dev container keeps its image's entrypoint"
        ));
    }
    Dev {
        image: s.image,
        build: s.build,
        workdir: s.workdir,
        user: s.user,
        command: s.command,
        env: s.env,
        env_file: s.env_file,
        secrets: s.secrets,
        ports: s.ports,
        mounts,
        depends_on: s.depends_on,
        // Other services still reach it by its compose name and aliases.
        aliases: std::iter::once(crate::profile::specs::to_service_name(name))
            .chain(s.aliases)
            .filter(|a| a != "dev")
            .collect(),
        ..Dev::default()
    }
}

/// A mount as `SRC:DST`; `None` for kinds other than volume and bind.
fn mount_spec(m: &DevMount, notes: &mut Vec<String>) -> Option<String> {
    let mut read_only = false;
    let (src, dst, kind) = match m {
        DevMount::Text(s) => {
            let mut fields: IndexMap<&str, &str> = IndexMap::new();
            for kv in s.split(',').map(str::trim) {
                match kv.split_once('=') {
                    Some((k, v)) => {
                        fields.insert(k.trim(), v.trim());
                    }
                    // `readonly` / `ro` alone, as `docker run --mount` takes it.
                    None if kv == "readonly" || kv == "ro" => read_only = true,
                    None => {}
                }
            }
            if ["readonly", "ro"]
                .iter()
                .any(|k| fields.get(k).is_some_and(|v| *v == "true" || *v == "1"))
            {
                read_only = true;
            }
            let src = fields.get("source").or(fields.get("src"))?;
            let dst = fields
                .get("target")
                .or(fields.get("dst"))
                .or(fields.get("destination"))?;
            let kind = fields.get("type").copied().unwrap_or("volume");
            (src.to_string(), dst.to_string(), kind.to_string())
        }
        DevMount::Long {
            source,
            target,
            kind,
            ..
        } => (
            source.clone()?,
            target.clone()?,
            kind.clone().unwrap_or_else(|| "volume".into()),
        ),
    };
    let ro = if read_only { ":ro" } else { "" };
    let src = match super::paths::portable_source(&src, false) {
        Ok(p) => p,
        Err(why) => {
            notes.push(format!("`mounts`: {why}"));
            return None;
        }
    };
    (kind == "volume" || kind == "bind").then(|| format!("{src}:{dst}{ro}"))
}

/// An env value built on the container's own (`"PATH":
/// "${containerEnv:PATH}:/extra"`) cannot be known before the container
/// exists; kept literally it would replace PATH with nonsense. Left out,
/// and said.
fn drop_container_env_values(doc: &mut Value, notes: &mut Vec<String>) {
    for key in ["containerEnv", "remoteEnv"] {
        let Some(env) = doc.get_mut(key).and_then(Value::as_object_mut) else {
            continue;
        };
        env.retain(|k, v| {
            let own = v.as_str().is_some_and(|s| s.contains("${containerEnv:"));
            if own {
                notes.push(format!(
                    "`{key}.{k}`: builds on the container's own value (`${{containerEnv:…}}`), which is not known before the container exists; left out: set the whole value in `[dev.env]` (`docker run --rm IMAGE env` shows the image's)"
                ));
            }
            !own
        });
    }
}

/// What devcontainer.json's `${…}` variables mean, in the profile's terms.
struct Variables<'a> {
    /// The repository folder's name.
    folder: &'a str,
    /// Where the repository is in the container.
    workdir: &'a str,
}

impl Variables<'_> {
    /// Rewrites every string of the document: the host's environment
    /// (`${localEnv:X}`, `${localEnv:X:default}`, `${env:X}`) becomes the
    /// profile's `${X}` / `${X:-default}`; folder names become what they
    /// are; VS Code's own variables in `customizations` (`${workspaceFolder}`)
    /// are escaped so the profile does not read them as its own.
    fn translate(&self, v: &mut Value, notes: &mut Vec<String>) {
        if let Some(c) = v.get_mut("customizations") {
            escape_all(c);
        }
        self.walk(v, notes);
    }

    fn walk(&self, v: &mut Value, notes: &mut Vec<String>) {
        match v {
            Value::String(s) if s.contains("${") => *s = self.text(s, notes),
            Value::Array(a) => a.iter_mut().for_each(|x| self.walk(x, notes)),
            Value::Object(o) => o
                .iter_mut()
                .filter(|(k, _)| k.as_str() != "customizations")
                .for_each(|(_, x)| self.walk(x, notes)),
            _ => {}
        }
    }

    fn text(&self, s: &str, notes: &mut Vec<String>) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                out.push_str(&rest[start..]);
                return out;
            };
            let inner = &rest[start + 2..start + len];
            out.push_str(&self.variable(inner, notes));
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    fn variable(&self, inner: &str, notes: &mut Vec<String>) -> String {
        let mut parts = inner.splitn(3, ':');
        let (kind, name, default) = (parts.next().unwrap_or(""), parts.next(), parts.next());
        match (kind, name) {
            // Unset, the Dev Containers tools substitute an empty string
            // (`${localEnv:HOME}${localEnv:USERPROFILE}` relies on it).
            ("localEnv" | "env", Some(n)) => format!("${{{n}:-{}}}", default.unwrap_or("")),
            ("localWorkspaceFolderBasename", None) => self.folder.to_string(),
            ("containerWorkspaceFolder", None) => self.workdir.to_string(),
            ("containerWorkspaceFolderBasename", None) => self
                .workdir
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string(),
            ("devcontainerId", None) => crate::profile::specs::to_dns_label(self.folder),
            // In a command the shell in the container expands it.
            ("containerEnv", Some(n)) => format!("$${{{n}}}"),
            // Left for the mounts, which make it the repository (`.`).
            ("localWorkspaceFolder", None) => "${localWorkspaceFolder}".into(),
            _ => {
                notes.push(format!(
                    "`${{{inner}}}`: has no meaning outside the Dev Containers tools; kept as the literal text"
                ));
                format!("$${{{inner}}}")
            }
        }
    }
}

/// `$` → `$$` in every string: text the profile must not interpolate.
fn escape_all(v: &mut Value) {
    match v {
        Value::String(s) if s.contains('$') => *s = s.replace('$', "$$"),
        Value::Array(a) => a.iter_mut().for_each(escape_all),
        Value::Object(o) => o.values_mut().for_each(escape_all),
        _ => {}
    }
}

fn shown(m: &DevMount) -> String {
    match m {
        DevMount::Text(s) => Value::String(s.clone()).to_string(),
        DevMount::Long {
            source,
            target,
            kind,
            ..
        } => serde_json::json!({ "source": source, "target": target, "type": kind }).to_string(),
    }
}
