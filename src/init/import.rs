//! Importers: a compose file or a devcontainer.json turned into a profile,
//! with a list of everything not converted (never silently dropped).
//! Pure: text in, profile (as JSON, written out by the caller) and notes out.

use std::path::Path;

use serde_json::{Map, Value, json};

/// A converted profile and what could not be converted, each a line.
#[derive(Debug, Default)]
pub struct Imported {
    pub profile: Map<String, Value>,
    pub not_converted: Vec<String>,
}

/// Compose keys of a service that map onto the profile.
const COMPOSE_SERVICE_KEYS: &[&str] = &[
    "image",
    "build",
    "command",
    "entrypoint",
    "environment",
    "env_file",
    "ports",
    "volumes",
    "depends_on",
    "healthcheck",
    "user",
    "working_dir",
    "container_name",
    "pull_policy",
];

/// `compose.yaml` → profile. `base` is the compose file's directory,
/// `relative_to` the profile's (paths are rewritten from one to the other).
pub fn from_compose(text: &str, base: &Path, relative_to: &Path) -> Result<Imported, String> {
    let mut y: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    // `<<: *defaults` merge keys, as compose applies them.
    y.apply_merge()
        .map_err(|e| format!("YAML merge keys: {e}"))?;
    let doc: Value = serde_json::to_value(&y).map_err(|e| e.to_string())?;
    let mut out = Imported::default();
    let top = doc.as_object().ok_or("the file is not a mapping")?;
    if let Some(name) = top.get("name").and_then(Value::as_str) {
        out.profile.insert("name".into(), json!(name));
    }
    for (k, _) in top {
        match k.as_str() {
            "services" | "volumes" | "name" | "version" => {}
            k if k.starts_with("x-") => out
                .not_converted
                .push(format!("`{k}`: extension fields are compose-only (their anchors were applied)")),
            k => out.not_converted.push(format!(
                "top-level `{k}`: not converted (itp-dev gives each project one network and keeps named volumes)"
            )),
        }
    }
    let services = top
        .get("services")
        .and_then(Value::as_object)
        .ok_or("no `services`")?;
    let mut svcs = Map::new();
    for (name, s) in services {
        let s = s
            .as_object()
            .ok_or(format!("service `{name}` is not a mapping"))?;
        let converted = compose_service(name, s, base, relative_to, &mut out.not_converted);
        svcs.insert(name.clone(), Value::Object(converted));
    }
    out.profile.insert("services".into(), Value::Object(svcs));
    Ok(out)
}

fn compose_service(
    name: &str,
    s: &Map<String, Value>,
    base: &Path,
    rel: &Path,
    notes: &mut Vec<String>,
) -> Map<String, Value> {
    let mut o = Map::new();
    let at = |k: &str| format!("services.{name}.{k}");
    for k in s.keys() {
        if !COMPOSE_SERVICE_KEYS.contains(&k.as_str()) {
            let why = match k.as_str() {
                "profiles" => {
                    "compose profiles have no equivalent; use overlays (`[overlays.NAME]`)"
                }
                "restart" => "itp-dev restarts nothing by itself",
                "networks" | "network_mode" => {
                    "each project has one network; services reach each other by name"
                }
                "deploy" => "use `resources` (cpus, memory) by hand",
                k if k.starts_with("x-") => "extension field",
                _ => "not converted",
            };
            notes.push(format!("`{}`: {why}", at(k)));
        }
    }
    if let Some(i) = s.get("image").and_then(Value::as_str) {
        o.insert("image".into(), json!(i));
    }
    match s.get("build") {
        Some(Value::String(ctx)) => {
            o.insert("build".into(), json!(rebase(ctx, base, rel)));
        }
        Some(Value::Object(b)) => {
            let mut spec = Map::new();
            let ctx = b.get("context").and_then(Value::as_str).unwrap_or(".");
            spec.insert("context".into(), json!(rebase(ctx, base, rel)));
            if let Some(d) = b.get("dockerfile").and_then(Value::as_str) {
                // Compose reads `dockerfile` relative to the context.
                spec.insert(
                    "dockerfile".into(),
                    json!(rebase(
                        &format!("{}/{d}", ctx.trim_end_matches('/')),
                        base,
                        rel
                    )),
                );
            }
            if let Some(t) = b.get("target").and_then(Value::as_str) {
                spec.insert("target".into(), json!(t));
            }
            if let Some(a) = b.get("args") {
                spec.insert("args".into(), Value::Object(key_values(a)));
            }
            for k in b.keys() {
                if !["context", "dockerfile", "target", "args"].contains(&k.as_str()) {
                    notes.push(format!("`{}`: not converted", at(&format!("build.{k}"))));
                }
            }
            o.insert("build".into(), Value::Object(spec));
        }
        _ => {}
    }
    if o.contains_key("image") && o.contains_key("build") {
        // Compose builds and tags; the profile builds under its own tag.
        o.remove("image");
        notes.push(format!(
            "`{}`: dropped, the image is built (itp-dev tags it itself)",
            at("image")
        ));
    }
    for (from, to) in [("command", "command"), ("entrypoint", "entrypoint")] {
        if let Some(v) = s.get(from) {
            let v = match (to, v) {
                // The profile's entrypoint is a list.
                ("entrypoint", Value::String(x)) => json!(["/bin/sh", "-c", x]),
                _ => v.clone(),
            };
            o.insert(to.into(), v);
        }
    }
    if let Some(e) = s.get("environment") {
        o.insert("env".into(), Value::Object(key_values(e)));
    }
    if let Some(f) = s.get("env_file") {
        let files: Vec<Value> = as_list(f)
            .into_iter()
            .filter_map(|v| match v {
                Value::String(p) => Some(json!(rebase(&p, base, rel))),
                Value::Object(m) => m
                    .get("path")
                    .and_then(Value::as_str)
                    .map(|p| json!(rebase(p, base, rel))),
                _ => None,
            })
            .collect();
        o.insert("env_file".into(), Value::Array(files));
    }
    if let Some(p) = s.get("ports") {
        let mut ports = Vec::new();
        for v in as_list(p) {
            match v {
                Value::String(x) => ports.push(json!(x)),
                Value::Number(n) => ports.push(json!(n.to_string())),
                Value::Object(m) => {
                    let target = m.get("target").map(|t| t.to_string()).unwrap_or_default();
                    let published = m
                        .get("published")
                        .map(|t| t.to_string().trim_matches('"').to_string());
                    let proto = m.get("protocol").and_then(Value::as_str).unwrap_or("tcp");
                    let spec = match published {
                        Some(h) => format!("{h}:{target}"),
                        None => target,
                    };
                    ports.push(json!(if proto == "tcp" {
                        spec
                    } else {
                        format!("{spec}/{proto}")
                    }));
                }
                _ => {}
            }
        }
        if ports
            .iter()
            .any(|p| p.as_str().is_some_and(|p| p.split(':').count() < 3))
        {
            notes.push(format!(
                "`{}`: published on 127.0.0.1 now (compose binds all interfaces); write \"0.0.0.0:HOST:CONTAINER\" to keep that",
                at("ports")
            ));
        }
        o.insert("ports".into(), Value::Array(ports));
    }
    if let Some(v) = s.get("volumes") {
        let mut vols = Vec::new();
        for m in as_list(v) {
            match m {
                Value::String(x) => {
                    vols.push(json!(volume_name(&rebase_mount(&x, base, rel), notes)))
                }
                Value::Object(m) => {
                    let kind = m.get("type").and_then(Value::as_str).unwrap_or("volume");
                    let (Some(src), Some(dst)) = (
                        m.get("source").and_then(Value::as_str),
                        m.get("target").and_then(Value::as_str),
                    ) else {
                        notes.push(format!(
                            "`{}`: a mount without source or target",
                            at("volumes")
                        ));
                        continue;
                    };
                    if kind != "volume" && kind != "bind" {
                        notes.push(format!(
                            "`{}`: `{kind}` mounts are not supported",
                            at("volumes")
                        ));
                        continue;
                    }
                    let ro = if m.get("read_only") == Some(&json!(true)) {
                        ":ro"
                    } else {
                        ""
                    };
                    vols.push(json!(volume_name(
                        &rebase_mount(&format!("{src}:{dst}{ro}"), base, rel),
                        notes
                    )));
                }
                _ => {}
            }
        }
        o.insert("volumes".into(), Value::Array(vols));
    }
    match s.get("depends_on") {
        Some(Value::Array(a)) => {
            o.insert("depends_on".into(), Value::Array(a.clone()));
        }
        Some(Value::Object(m)) => {
            let mut deps = Map::new();
            for (dep, cond) in m {
                let c = cond
                    .get("condition")
                    .and_then(Value::as_str)
                    .unwrap_or("service_started");
                let mapped = match c {
                    "service_healthy" => "healthy",
                    "service_started" => "started",
                    other => {
                        notes.push(format!(
                            "`{}`: condition `{other}` has no equivalent; `started` is used",
                            at(&format!("depends_on.{dep}"))
                        ));
                        "started"
                    }
                };
                deps.insert(dep.clone(), json!(mapped));
            }
            o.insert("depends_on".into(), Value::Object(deps));
        }
        _ => {}
    }
    if let Some(h) = s.get("healthcheck").and_then(Value::as_object) {
        if h.get("disable") == Some(&json!(true)) {
            notes.push(format!(
                "`{}`: a disabled healthcheck is left out",
                at("healthcheck")
            ));
        } else if let Some(hc) = healthcheck(h) {
            o.insert("healthcheck".into(), Value::Object(hc));
        }
    }
    if let Some(u) = s.get("user") {
        o.insert(
            "user".into(),
            json!(u.as_str().map_or(u.to_string(), str::to_string)),
        );
    }
    if let Some(w) = s.get("working_dir") {
        o.insert("workdir".into(), w.clone());
    }
    match s.get("pull_policy").and_then(Value::as_str) {
        Some(p @ ("always" | "missing" | "never")) => {
            o.insert("pull".into(), json!(p));
        }
        Some(p) => notes.push(format!("`{}`: `{p}` is not converted", at("pull_policy"))),
        None => {}
    }
    if s.contains_key("container_name") {
        notes.push(format!(
            "`{}`: itp-dev names containers `<project>-<service>`",
            at("container_name")
        ));
    }
    o
}

fn healthcheck(h: &Map<String, Value>) -> Option<Map<String, Value>> {
    let test = h.get("test")?;
    let command = match test {
        Value::String(s) => json!(s),
        Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            match parts.first().map(String::as_str) {
                Some("CMD-SHELL") => json!(parts[1..].join(" ")),
                Some("CMD") => json!(parts[1..]),
                Some("NONE") => return None,
                _ => json!(parts),
            }
        }
        _ => return None,
    };
    let mut o = Map::new();
    o.insert("command".into(), command);
    for k in ["interval", "timeout", "start_period"] {
        if let Some(v) = h.get(k).and_then(Value::as_str) {
            o.insert(k.into(), json!(v));
        }
    }
    if let Some(r) = h.get("retries").and_then(Value::as_i64) {
        o.insert("retries".into(), json!(r));
    }
    Some(o)
}

/// `["K=V", …]` or `{K: V}` → `{K: "V"}`.
fn key_values(v: &Value) -> Map<String, Value> {
    let mut m = Map::new();
    match v {
        Value::Array(a) => {
            for item in a.iter().filter_map(Value::as_str) {
                let (k, v) = item.split_once('=').unwrap_or((item, ""));
                m.insert(k.to_string(), json!(v));
            }
        }
        Value::Object(o) => {
            for (k, v) in o {
                let v = match v {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                m.insert(k.clone(), json!(v));
            }
        }
        _ => {}
    }
    m
}

fn as_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    }
}

/// A path relative to `base`, rewritten relative to `rel`.
fn rebase(p: &str, base: &Path, rel: &Path) -> String {
    if p.starts_with('/') || p.starts_with('~') {
        return p.to_string();
    }
    let abs = normalize(&base.join(p));
    relative(&abs, &normalize(rel))
}

/// `SRC:DST[:MODE]`: a bind source (`.`-, `/`- or `~`-prefixed) is rebased;
/// a named volume stays.
/// A named volume's name as a DNS label (profile volumes become PVCs).
fn volume_name(m: &str, notes: &mut Vec<String>) -> String {
    let Some((name, rest)) = m.split_once(':') else {
        return m.to_string();
    };
    if name.starts_with(['.', '/', '~', '$']) {
        return m.to_string();
    }
    let label = crate::profile::specs::to_dns_label(name);
    if label != name {
        notes.push(format!(
            "volume `{name}` is called `{label}` (names must be DNS labels)"
        ));
    }
    format!("{label}:{rest}")
}

fn rebase_mount(m: &str, base: &Path, rel: &Path) -> String {
    // Docker Desktop's consistency modes mean nothing elsewhere.
    let m = ["cached", "delegated", "consistent"]
        .iter()
        .fold(m.to_string(), |m, mode| {
            m.strip_suffix(&format!(":{mode}"))
                .map_or(m.clone(), str::to_string)
        });
    let m = m.as_str();
    let mut parts: Vec<&str> = m.split(':').collect();
    if parts.len() >= 2 && (parts[0].starts_with('.') || parts[0].starts_with('/')) {
        let src = rebase(parts[0], base, rel);
        let src = if src.starts_with('/') || src.starts_with('.') {
            src
        } else {
            format!("./{src}")
        };
        parts[0] = "";
        let rest = parts[1..].join(":");
        return format!("{src}:{rest}");
    }
    m.to_string()
}

fn normalize(p: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

fn relative(target: &Path, from: &Path) -> String {
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// `devcontainer.json` (JSONC) → profile. `base` is the file's directory,
/// `rel` the profile's. A compose-based configuration imports its compose
/// files, and its `service` becomes the dev container.
pub fn from_devcontainer(text: &str, base: &Path, rel: &Path) -> Result<Imported, String> {
    let doc: Value = jsonc_parser::parse_to_serde_value::<Value>(text, &Default::default())
        .map_err(|e| format!("not valid JSON with comments: {e}"))?;
    let d = doc.as_object().ok_or("the file is not an object")?;
    let mut out = Imported::default();
    let mut dev = Map::new();
    if let Some(files) = d.get("dockerComposeFile") {
        let service = d
            .get("service")
            .and_then(Value::as_str)
            .ok_or("`dockerComposeFile` without `service`")?;
        let mut services = Map::new();
        for f in as_list(files) {
            let Some(f) = f.as_str() else { continue };
            let path = base.join(f);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let imported = from_compose(&text, path.parent().unwrap_or(base), rel)?;
            out.not_converted.extend(imported.not_converted);
            if let Some(Value::Object(s)) = imported.profile.get("services") {
                // Later files override earlier ones key by key, as in
                // compose; environments are merged.
                for (k, v) in s {
                    let Some(new) = v.as_object() else { continue };
                    let entry = services
                        .entry(k.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    let Some(old) = entry.as_object_mut() else {
                        continue;
                    };
                    for (key, val) in new {
                        match (old.get_mut(key), val) {
                            (Some(Value::Object(a)), Value::Object(b)) if key == "env" => {
                                a.extend(b.clone());
                            }
                            _ => {
                                old.insert(key.clone(), val.clone());
                            }
                        }
                    }
                }
            }
        }
        let main = services
            .remove(service)
            .and_then(|v| v.as_object().cloned())
            .ok_or(format!(
                "`service` names `{service}`, which the compose files do not have"
            ))?;
        let workdir = d
            .get("workspaceFolder")
            .and_then(Value::as_str)
            .unwrap_or("/workspace");
        for (k, v) in main {
            match k.as_str() {
                // A service's `volumes` are the dev container's `mounts`,
                // less the repository's own (itp-dev mounts it at `workdir`).
                "volumes" => {
                    let mounts: Vec<Value> = v
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|m| {
                            let keep = m.as_str().and_then(|m| m.split(':').nth(1)) != Some(workdir);
                            if !keep {
                                out.not_converted.push(format!(
                                    "mount {m} of `{service}`: itp-dev mounts the repository at `workdir` itself"
                                ));
                            }
                            keep
                        })
                        .collect();
                    if !mounts.is_empty() {
                        dev.insert("mounts".into(), Value::Array(mounts));
                    }
                }
                "healthcheck" => out.not_converted.push(format!(
                    "`services.{service}.healthcheck`: the dev container has none"
                )),
                _ => {
                    dev.insert(k, v);
                }
            }
        }
        if let Some(Value::Array(run)) = d.get("runServices") {
            let keep: Vec<&str> = run.iter().filter_map(Value::as_str).collect();
            for k in services.keys() {
                if !keep.contains(&k.as_str()) {
                    out.not_converted.push(format!(
                        "service `{k}`: left out, as it is not in `runServices`"
                    ));
                }
            }
            services.retain(|k, _| keep.contains(&k.as_str()));
        }
        if !services.is_empty() {
            out.profile
                .insert("services".into(), Value::Object(services));
        }
    }
    if let Some(i) = d.get("image").and_then(Value::as_str) {
        dev.insert("image".into(), json!(i));
    }
    if let Some(b) = d.get("build").and_then(Value::as_object) {
        let ctx = b.get("context").and_then(Value::as_str).unwrap_or(".");
        let mut spec = Map::new();
        spec.insert("context".into(), json!(rebase(ctx, base, rel)));
        if let Some(f) = b.get("dockerfile").and_then(Value::as_str) {
            // devcontainer.json reads `dockerfile` relative to itself.
            spec.insert("dockerfile".into(), json!(rebase(f, base, rel)));
        }
        if let Some(t) = b.get("target").and_then(Value::as_str) {
            spec.insert("target".into(), json!(t));
        }
        if let Some(a) = b.get("args") {
            spec.insert("args".into(), Value::Object(key_values(a)));
        }
        dev.insert("build".into(), Value::Object(spec));
    }
    if let Some(w) = d.get("workspaceFolder") {
        dev.insert("workdir".into(), w.clone());
    }
    if let Some(u) = d.get("remoteUser").or(d.get("containerUser")) {
        dev.insert("user".into(), u.clone());
    }
    let mut env = dev
        .get("env")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for k in ["containerEnv", "remoteEnv"] {
        if let Some(e) = d.get(k) {
            env.extend(key_values(e));
        }
    }
    if !env.is_empty() {
        dev.insert("env".into(), Value::Object(env));
    }
    if let Some(Value::Array(ports)) = d.get("forwardPorts") {
        let mut out_ports: Vec<Value> = dev
            .get("ports")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for p in ports {
            match p {
                Value::Number(n) => out_ports.push(json!(format!("{n}:{n}"))),
                other => out.not_converted.push(format!(
                    "`forwardPorts` entry {other}: ports of other services are published on those services"
                )),
            }
        }
        dev.insert("ports".into(), Value::Array(out_ports));
    }
    if let Some(Value::Array(mounts)) = d.get("mounts") {
        let mut list: Vec<Value> = dev
            .get("mounts")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for m in mounts {
            match mount_string(m) {
                // `${localWorkspaceFolder}` is the repository: the profile's directory.
                Some(s) if s.starts_with("${localWorkspaceFolder}") => {
                    let s = s.replacen("${localWorkspaceFolder}", ".", 1);
                    list.push(json!(rebase_mount(&s, rel, rel)));
                }
                Some(s) => list.push(json!(volume_name(
                    &rebase_mount(&s, base, rel),
                    &mut out.not_converted
                ))),
                None => out
                    .not_converted
                    .push(format!("`mounts` entry {m}: not converted")),
            }
        }
        dev.insert("mounts".into(), Value::Array(list));
    }
    let mut on_create = Vec::new();
    for k in [
        "onCreateCommand",
        "updateContentCommand",
        "postCreateCommand",
    ] {
        on_create.extend(lifecycle(d.get(k)));
    }
    let post_start = lifecycle(d.get("postStartCommand"));
    let mut hooks = Map::new();
    if !on_create.is_empty() {
        hooks.insert("on_create".into(), json!(on_create));
    }
    if !post_start.is_empty() {
        hooks.insert("post_start".into(), json!(post_start));
    }
    if !hooks.is_empty() {
        dev.insert("hooks".into(), Value::Object(hooks));
    }
    if let Some(v) = d.get("customizations").and_then(|c| c.get("vscode")) {
        let mut code = Map::new();
        for k in ["extensions", "settings"] {
            if let Some(x) = v.get(k) {
                code.insert(k.into(), x.clone());
            }
        }
        if !code.is_empty() {
            dev.insert("vscode".into(), Value::Object(code));
        }
    }
    if let Some(Value::Object(f)) = d.get("features") {
        for name in f.keys() {
            out.not_converted.push(format!(
                "feature `{name}`: features are not supported; install what it provides in the dev image's Dockerfile"
            ));
        }
    }
    const MAPPED: &[&str] = &[
        "name",
        "image",
        "build",
        "dockerComposeFile",
        "service",
        "runServices",
        "workspaceFolder",
        "remoteUser",
        "containerUser",
        "containerEnv",
        "remoteEnv",
        "forwardPorts",
        "mounts",
        "onCreateCommand",
        "updateContentCommand",
        "postCreateCommand",
        "postStartCommand",
        "customizations",
        "features",
        "$schema",
    ];
    for k in d.keys() {
        if !MAPPED.contains(&k.as_str()) {
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
    }
    if let Some(n) = d.get("name").and_then(Value::as_str) {
        out.profile
            .insert("name".into(), json!(crate::profile::specs::to_dns_label(n)));
    }
    out.profile.insert("dev".into(), Value::Object(dev));
    Ok(out)
}

/// A lifecycle command: a string, an array (one command), or an object of
/// named commands (run in order here; the spec runs them in parallel).
fn lifecycle(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => vec![
            a.iter()
                .filter_map(Value::as_str)
                .map(shell_quote)
                .collect::<Vec<_>>()
                .join(" "),
        ],
        Some(Value::Object(o)) => o.values().flat_map(|v| lifecycle(Some(v))).collect(),
        _ => vec![],
    }
}

fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./=:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `"source=x,target=/y,type=volume"` or `{source, target, type}` → `x:/y`.
fn mount_string(m: &Value) -> Option<String> {
    let fields: Map<String, Value> = match m {
        Value::String(s) => s
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), json!(v.trim())))
            .collect(),
        Value::Object(o) => o.clone(),
        _ => return None,
    };
    let src = fields.get("source").or(fields.get("src"))?.as_str()?;
    let dst = fields
        .get("target")
        .or(fields.get("dst"))
        .or(fields.get("destination"))?
        .as_str()?;
    let kind = fields
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("volume");
    if kind != "volume" && kind != "bind" {
        return None;
    }
    Some(format!("{src}:{dst}"))
}
