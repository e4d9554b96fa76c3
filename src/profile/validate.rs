//! Semantic rules: what types alone cannot say. Runs on the typed profile,
//! looking spans up in the tree so every problem points at its text. Reads
//! the filesystem (build contexts, Dockerfiles) but never Docker or the net.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use globset::Glob;

use super::diagnostic::{Diagnostic, did_you_mean};
use super::model::{Build, Command, DependsOn, Healthcheck, Port, Profile, WatchAction};
use super::specs::{self, DURATION_HELP, MountSource};
use super::tree::{Node, Seg};
use crate::path;

pub const DEV: &str = "dev";

struct Ctx<'a> {
    root: &'a Node,
    dir: &'a Path,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at_key(&mut self, path: &[Seg], message: String, label: &str, help: Option<String>) {
        let span = self.root.key_span_of(path);
        self.out
            .push(Diagnostic::new(message).at(span, label).help_opt(help));
    }
    fn at_value(&mut self, path: &[Seg], message: String, label: &str, help: Option<String>) {
        let span = self.root.span_of(path);
        self.out
            .push(Diagnostic::new(message).at(span, label).help_opt(help));
    }
    /// Worth saying, not a reason to refuse the profile.
    fn warn_at_value(&mut self, path: &[Seg], message: String, label: &str, help: Option<String>) {
        let span = self.root.span_of(path);
        self.out.push(
            Diagnostic::new(message)
                .at(span, label)
                .help_opt(help)
                .as_warning(),
        );
    }
}

/// Everything a container needs checked, for `[dev]` and each service alike.
struct ContainerView<'a> {
    base: Vec<Seg>,
    label: String,
    image: &'a Option<String>,
    build: &'a Option<Build>,
    ports: &'a [Port],
    mounts: &'a [String],
    mounts_key: &'static str,
    depends_on: &'a DependsOn,
    secrets: &'a [String],
    env_keys: Vec<&'a str>,
    healthcheck: Option<&'a Healthcheck>,
}

pub fn validate(profile: &Profile, root: &Node, dir: &Path) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        root,
        dir,
        out: Vec::new(),
    };
    if profile.version != 1 {
        ctx.at_value(
            &path!["version"],
            format!("unsupported profile version {}", profile.version),
            "only version 1 exists",
            Some("set `version = 1`".into()),
        );
    }
    if let Some(name) = &profile.name
        && let Err(e) = specs::check_dns_label(name)
    {
        ctx.at_value(
            &path!["name"],
            format!("project name {e}"),
            "not a DNS label",
            Some(format!("use `{}`", specs::to_dns_label(name))),
        );
    }
    if profile.dev.is_none() && profile.services.is_empty() {
        ctx.out.push(
            Diagnostic::new("the profile describes no containers")
                .at(0..0, "empty profile")
                .help("add a `[dev]` section with an `image` or `build`, or a `[services.NAME]` section; `itp-dev init` writes one for you"),
        );
    }

    let mut names: Vec<&str> = profile.services.keys().map(String::as_str).collect();
    if profile.dev.is_some() {
        names.push(DEV);
    }
    let mut views = Vec::new();
    if let Some(dev) = &profile.dev {
        views.push(ContainerView {
            base: path!["dev"],
            label: "`[dev]`".into(),
            image: &dev.image,
            build: &dev.build,
            ports: &dev.ports,
            mounts: &dev.mounts,
            mounts_key: "mounts",
            depends_on: &dev.depends_on,
            secrets: &dev.secrets,
            env_keys: dev.env.keys().map(String::as_str).collect(),
            healthcheck: None,
        });
        if let Some(w) = &dev.workdir
            && !w.starts_with('/')
        {
            ctx.at_value(
                &path!["dev", "workdir"],
                format!("`workdir` must be an absolute path, not `{w}`"),
                "not absolute",
                Some("e.g. `workdir = \"/workspace\"`".into()),
            );
        }
    }
    let mut hostnames: BTreeMap<&str, &str> = profile
        .services
        .keys()
        .map(|n| (n.as_str(), n.as_str()))
        .collect();
    if let Some(dev) = &profile.dev {
        hostnames.insert("dev", "dev");
        for (i, alias) in dev.aliases.iter().enumerate() {
            let at = path!["dev", "aliases", i];
            if let Err(e) = specs::check_dns_label(alias) {
                ctx.at_value(&at, format!("alias {e}"), "aliases become hostnames", None);
            } else if hostnames.insert(alias.as_str(), "dev").is_some()
                || profile.services.contains_key(alias)
            {
                ctx.at_value(
                    &at,
                    format!("`{alias}` is already the name of a service"),
                    "taken",
                    Some("each name reaches one container: drop or rename one".into()),
                );
            }
        }
    }
    for (name, svc) in &profile.services {
        if let Err(e) = specs::check_dns_label(name) {
            ctx.at_key(
                &path!["services", name.as_str()],
                format!("service name {e}"),
                "service names become hostnames",
                Some(format!("rename it `{}`", specs::to_service_name(name))),
            );
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            ctx.at_key(
                &path!["services", name.as_str()],
                format!("service name `{name}` starts with a digit; Kubernetes Service names start with a letter"),
                "service names become Service names",
                Some(format!("rename it `{}`", specs::to_service_name(name))),
            );
        }
        for (i, target) in svc.secret_files.iter().enumerate() {
            let mounted = svc
                .volumes
                .iter()
                .filter_map(|m| specs::parse_mount(m).ok())
                .any(|m| &m.target == target);
            if !mounted {
                ctx.at_value(
                    &path!["services", name.as_str(), "secret_files", i],
                    format!("`{target}` is not where any of the service's `volumes` is mounted"),
                    "not mounted",
                    Some("list the container path of a bind-mounted file, e.g. `volumes = [\"./key.pem:/etc/ssl/key.pem:ro\"]`".into()),
                );
            }
        }
        for (i, alias) in svc.aliases.iter().enumerate() {
            let at = path!["services", name.as_str(), "aliases", i];
            if let Err(e) = specs::check_dns_label(alias) {
                ctx.at_value(
                    &at,
                    format!("alias {e}"),
                    "aliases become hostnames",
                    Some(format!("write `{}`", specs::to_dns_label(alias))),
                );
            } else if let Some(other) = hostnames.insert(alias.as_str(), name.as_str())
                && other != name.as_str()
            {
                ctx.at_value(
                    &at,
                    format!("`{alias}` is already the name of `{other}`"),
                    "taken",
                    Some("each name reaches one service: drop or rename one".into()),
                );
            }
        }
        if let Some(r) = &svc.resources {
            for (key, value, check) in [
                (
                    "cpus",
                    &r.cpus,
                    specs::check_cpus as fn(&str) -> Result<(), String>,
                ),
                ("memory", &r.memory, specs::check_memory),
            ] {
                if let Some(v) = value
                    && let Err(why) = check(v)
                {
                    ctx.at_value(
                        &path!["services", name.as_str(), "resources", key],
                        format!("bad `{key}` `{v}`: {why}"),
                        "not a Kubernetes quantity",
                        Some(match key {
                            "cpus" => "write CPUs as `2`, `0.5` or `500m`".into(),
                            _ => "write memory as a whole number with a unit: `512Mi`, `2Gi` (or bytes)".into(),
                        }),
                    );
                }
            }
        }
        if name == DEV && profile.dev.is_some() {
            ctx.at_key(
                &path!["services", name.as_str()],
                "a service may not be named `dev` when the profile has a `[dev]` section".into(),
                "clashes with the dev container",
                Some("rename the service".into()),
            );
        }
        views.push(ContainerView {
            base: path!["services", name.as_str()],
            label: format!("service `{name}`"),
            image: &svc.image,
            build: &svc.build,
            ports: &svc.ports,
            mounts: &svc.volumes,
            mounts_key: "volumes",
            depends_on: &svc.depends_on,
            secrets: &svc.secrets,
            env_keys: svc.env.keys().map(String::as_str).collect(),
            healthcheck: svc.healthcheck.as_ref(),
        });
    }

    let mut host_ports: HashMap<(u16, specs::Protocol), (String, Vec<Seg>, String)> =
        HashMap::new();
    for v in &views {
        check_container(&mut ctx, v, &names, &mut host_ports);
    }
    check_cycles(&mut ctx, profile);
    check_watch(&mut ctx, profile, &names);
    check_completed(&mut ctx, profile);
    if let Some(k) = &profile.kubernetes {
        if let Some(ttl) = &k.ttl
            && let Err(e) = specs::parse_duration(ttl)
        {
            ctx.at_value(
                &path!["kubernetes", "ttl"],
                format!("bad duration: {e}"),
                "not a duration",
                Some(DURATION_HELP.into()),
            );
        }
        if let Some(ing) = &k.ingress {
            if let Err(e) = crate::k8s::urls::check_pattern(&ing.host) {
                ctx.at_value(
                    &path!["kubernetes", "ingress", "host"],
                    format!("the ingress host pattern {e}"),
                    "not a host pattern",
                    Some("e.g. \"{service}.{namespace}.qa.example.com\"".into()),
                );
            }
            for (n, s) in ing.services.iter().flatten().enumerate() {
                let known =
                    profile.services.contains_key(s) || (s == "dev" && profile.dev.is_some());
                if !known {
                    ctx.at_value(
                        &path!["kubernetes", "ingress", "services", n],
                        format!("kubernetes.ingress.services names `{s}`, which is not a service"),
                        "no such service",
                        Some(format!("services: {}", names.join(", "))),
                    );
                }
            }
        }
        if let Some(ns) = &k.namespace
            && let Err(e) = specs::check_dns_label(ns)
        {
            ctx.at_value(
                &path!["kubernetes", "namespace"],
                format!("namespace {e}"),
                "not a valid namespace name",
                Some(format!("use `{}`", specs::to_dns_label(ns))),
            );
        }
    }
    ctx.out
}

fn check_container(
    ctx: &mut Ctx<'_>,
    v: &ContainerView<'_>,
    names: &[&str],
    host_ports: &mut HashMap<(u16, specs::Protocol), (String, Vec<Seg>, String)>,
) {
    let with = |extra: &[Seg]| -> Vec<Seg> {
        v.base
            .iter()
            .cloned()
            .chain(extra.iter().cloned())
            .collect()
    };
    match (v.image, v.build) {
        (Some(_), Some(_)) => ctx.at_key(&with(&path!["build"]), format!("{} has both `image` and `build`", v.label), "remove `build` or `image`", Some("use `image` to run a published image, or `build` to build one from a Dockerfile; not both".into())),
        (None, None) => ctx.at_key(&v.base, format!("{} has neither `image` nor `build`", v.label), "needs an image", Some("add `image = \"NAME:TAG\"` or `build = \"path/to/context\"`".into())),
        _ => {}
    }
    if let Some(b) = v.build {
        check_build(ctx, b, &with(&path!["build"]));
    }
    for (i, p) in v.ports.iter().enumerate() {
        let p_path = with(&path!["ports", i]);
        match specs::parse_port(&p.to_text()) {
            Err(e) => ctx.at_value(
                &p_path,
                format!("bad port `{}`: {e}", p.to_text()),
                "bad port",
                Some(specs::port_help().into()),
            ),
            Ok(spec) => {
                if let Some(hp) = spec.host_port {
                    let key = (hp, spec.protocol);
                    if let Some((other, other_path, other_ip)) = host_ports.get(&key) {
                        let ip = spec.host_ip_or_default().to_string();
                        // Two binds clash when the addresses are equal or either is a wildcard.
                        let wild = |a: &str| a == "0.0.0.0" || a == "::";
                        if *other_ip == ip || wild(other_ip) || wild(&ip) {
                            let span = ctx.root.span_of(&p_path);
                            let other_span = ctx.root.span_of(other_path);
                            ctx.out.push(
                                Diagnostic::new(format!("host port {hp} is published twice: by {other} and by {}", v.label))
                                    .at(span, "second use of the port")
                                    .at(other_span, "first published here")
                                    .help("give one of them another host port, or a bare container port to get a free one"),
                            );
                        }
                    } else {
                        host_ports.insert(
                            key,
                            (
                                v.label.clone(),
                                p_path,
                                spec.host_ip_or_default().to_string(),
                            ),
                        );
                    }
                }
            }
        }
    }
    for (i, m) in v.mounts.iter().enumerate() {
        match specs::parse_mount(m) {
            Err(e) => ctx.at_value(
                &with(&path![v.mounts_key, i]),
                format!("bad mount `{m}`: {e}"),
                "bad mount",
                Some(specs::mount_help().into()),
            ),
            Ok(spec) => {
                if let MountSource::Bind(src) = &spec.source
                    && !src.starts_with('~')
                    && !ctx.dir.join(src).exists()
                {
                    // As compose does: `up` makes it, an empty directory
                    // (a cache, a data folder the service fills).
                    ctx.warn_at_value(
                        &with(&path![v.mounts_key, i]),
                        format!("bind mount source `{src}` does not exist yet: `up` creates it as an empty directory"),
                        "no such path yet",
                        Some(format!(
                            "if it should be a file, create it first (paths are relative to {})",
                            ctx.dir.display()
                        )),
                    );
                }
            }
        }
    }
    match v.depends_on {
        DependsOn::List(list) => {
            for (i, d) in list.iter().enumerate() {
                check_dependency(ctx, v, d, &with(&path!["depends_on", i]), names, false);
            }
        }
        DependsOn::Map(map) => {
            for d in map.keys() {
                check_dependency(
                    ctx,
                    v,
                    d,
                    &with(&path!["depends_on", d.as_str()]),
                    names,
                    true,
                );
            }
        }
    }
    for (i, s) in v.secrets.iter().enumerate() {
        if !v.env_keys.contains(&s.as_str()) {
            ctx.at_value(
                &with(&path!["secrets", i]),
                format!("secret `{s}` is not a key of `env`"),
                "unknown variable",
                did_you_mean(s, v.env_keys.iter().copied())
                    .map(|m| format!("did you mean `{m}`?"))
                    .or(Some(
                        "`secrets` names variables of `env` whose values must be masked".into(),
                    )),
            );
        }
    }
    if let Some(h) = v.healthcheck {
        for (key, value) in [
            ("interval", &h.interval),
            ("timeout", &h.timeout),
            ("start_period", &h.start_period),
        ] {
            if let Some(d) = value
                && let Err(e) = specs::parse_duration(d)
            {
                ctx.at_value(
                    &with(&path!["healthcheck", key]),
                    format!("bad duration for `{key}`: {e}"),
                    "not a duration",
                    Some(DURATION_HELP.into()),
                );
            }
        }
        if let Command::Exec(args) = &h.command
            && args.is_empty()
        {
            ctx.at_value(
                &with(&path!["healthcheck", "command"]),
                "the healthcheck command is empty".into(),
                "empty",
                Some("e.g. `command = [\"pg_isready\", \"-U\", \"postgres\"]`".into()),
            );
        }
    }
}

/// `completed` waits for a task's end: only a task (`once = true`) ends.
fn check_completed(ctx: &mut Ctx<'_>, profile: &Profile) {
    let mut containers: Vec<(Vec<Seg>, &DependsOn)> = Vec::new();
    if let Some(d) = &profile.dev {
        containers.push((path!["dev"], &d.depends_on));
    }
    for (n, s) in &profile.services {
        containers.push((path!["services", n.as_str()], &s.depends_on));
    }
    for (base, deps) in containers {
        for (dep, cond) in deps.entries() {
            let is_task = profile.services.get(&dep).is_some_and(|s| s.once);
            if cond == super::model::Condition::Completed && !is_task {
                let mut p = base.clone();
                p.extend(path!["depends_on", dep.as_str()]);
                ctx.at_value(
                    &p,
                    format!("`completed` waits for a one-shot task to end, and `{dep}` is not one"),
                    "not a task",
                    Some(format!(
                        "add `once = true` to `{dep}`, or wait for `started` or `healthy`"
                    )),
                );
            }
        }
    }
}

fn check_dependency(
    ctx: &mut Ctx<'_>,
    v: &ContainerView<'_>,
    dep: &str,
    p: &[Seg],
    names: &[&str],
    is_key: bool,
) {
    let own = v
        .base
        .last()
        .and_then(|s| {
            if let Seg::Key(k) = s {
                Some(k.as_str())
            } else {
                None
            }
        })
        .unwrap_or(DEV);
    if dep == own {
        ctx.at_value(
            p,
            format!("{} depends on itself", v.label),
            "self-dependency",
            Some("remove it from `depends_on`".into()),
        );
    } else if !names.contains(&dep) {
        let help = match did_you_mean(dep, names.iter().copied().filter(|n| *n != own)) {
            Some(m) => format!("did you mean `{m}`?"),
            None => format!(
                "the services are: {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let msg = format!("{} depends on unknown service `{dep}`", v.label);
        if is_key {
            ctx.at_key(p, msg, "no such service", Some(help))
        } else {
            ctx.at_value(p, msg, "no such service", Some(help))
        }
    }
}

fn check_build(ctx: &mut Ctx<'_>, build: &Build, p: &[Seg]) {
    let (context, dockerfile, ctx_path) = match build {
        Build::Context(c) => (c.as_str(), None, p.to_vec()),
        Build::Full(b) => (
            b.context.as_str(),
            b.dockerfile.as_deref(),
            p.iter().cloned().chain(path!["context"]).collect(),
        ),
    };
    let context_dir = ctx.dir.join(context);
    if !context_dir.is_dir() {
        ctx.at_value(
            &ctx_path,
            format!("build context `{context}` is not a directory"),
            "no such directory",
            Some(format!(
                "paths are relative to the profile's directory, {}",
                ctx.dir.display()
            )),
        );
        return;
    }
    let (file, file_path) = match dockerfile {
        Some(d) => (
            ctx.dir.join(d),
            p.iter()
                .cloned()
                .chain(path!["dockerfile"])
                .collect::<Vec<_>>(),
        ),
        None => (context_dir.join("Dockerfile"), ctx_path.clone()),
    };
    if !file.is_file() {
        let shown = dockerfile.map_or_else(|| format!("{context}/Dockerfile"), str::to_string);
        ctx.at_value(
            &file_path,
            format!("Dockerfile `{shown}` does not exist"),
            "no such file",
            Some(if dockerfile.is_some() {
                "the path is relative to the profile's directory".into()
            } else {
                "add a Dockerfile to the context, or set `build.dockerfile`".to_string()
            }),
        );
    }
}

/// Report each dependency cycle once, naming its members in order.
fn check_cycles(ctx: &mut Ctx<'_>, profile: &Profile) {
    let mut graph: BTreeMap<&str, (Vec<Seg>, Vec<String>)> = BTreeMap::new();
    if let Some(d) = &profile.dev {
        graph.insert(
            DEV,
            (
                path!["dev"],
                d.depends_on.entries().into_iter().map(|e| e.0).collect(),
            ),
        );
    }
    for (n, s) in &profile.services {
        graph.insert(
            n.as_str(),
            (
                path!["services", n.as_str()],
                s.depends_on.entries().into_iter().map(|e| e.0).collect(),
            ),
        );
    }
    let order: Vec<&str> = profile
        .services
        .keys()
        .map(String::as_str)
        .chain(profile.dev.as_ref().map(|_| DEV))
        .collect();
    let mut done: Vec<&str> = Vec::new();
    let mut reported: Vec<Vec<String>> = Vec::new();
    for start in order {
        let mut stack: Vec<&str> = Vec::new();
        find_cycle(
            &graph,
            start,
            &mut stack,
            &mut done,
            &mut |cycle: &[&str]| {
                let mut key: Vec<String> = cycle.iter().map(|s| s.to_string()).collect();
                key.sort();
                if reported.contains(&key) {
                    return;
                }
                reported.push(key);
                let names: Vec<String> = cycle
                    .iter()
                    .chain(cycle.first())
                    .map(|s| format!("`{s}`"))
                    .collect();
                let mut d = Diagnostic::new(format!("dependency cycle: {}", names.join(" → ")));
                for (i, member) in cycle.iter().enumerate() {
                    let next = cycle[(i + 1) % cycle.len()];
                    let base = &graph[member].0;
                    let dep_path = dependency_path(profile, base, member, next);
                    let span = ctx.root.key_span_of(&dep_path);
                    d = d.at(span, format!("`{member}` depends on `{next}`"));
                }
                ctx.out.push(d.help("remove one of these dependencies; services cannot start until the ones they depend on have"));
            },
        );
    }
}

fn dependency_path(profile: &Profile, base: &[Seg], member: &str, next: &str) -> Vec<Seg> {
    let deps = if member == DEV {
        profile.dev.as_ref().map(|d| &d.depends_on)
    } else {
        profile.services.get(member).map(|s| &s.depends_on)
    };
    let tail = match deps {
        Some(DependsOn::List(l)) => {
            path!["depends_on", l.iter().position(|d| d == next).unwrap_or(0)]
        }
        _ => path!["depends_on", next],
    };
    base.iter().cloned().chain(tail).collect()
}

fn find_cycle<'a>(
    graph: &BTreeMap<&'a str, (Vec<Seg>, Vec<String>)>,
    node: &'a str,
    stack: &mut Vec<&'a str>,
    done: &mut Vec<&'a str>,
    report: &mut dyn FnMut(&[&'a str]),
) {
    if let Some(pos) = stack.iter().position(|n| *n == node) {
        report(&stack[pos..]);
        return;
    }
    if done.contains(&node) {
        return;
    }
    let Some((key, (_, deps))) = graph.get_key_value(node) else {
        return;
    };
    stack.push(key);
    for d in deps {
        if let Some((dk, _)) = graph.get_key_value(d.as_str()) {
            find_cycle(graph, dk, stack, done, report);
        }
    }
    stack.pop();
    done.push(key);
}

/// A sync target that would compare (and may overwrite) a whole system
/// tree, or one inside the repository where the rule's own paths see each
/// synced file again (a loop that never ends), with what to do instead.
fn unsafe_target(
    profile: &Profile,
    service: &str,
    rule: &super::model::WatchRule,
    target: &str,
) -> Option<(String, String)> {
    let t = std::path::Path::new(target);
    if t.components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Some((
            format!("`target` `{target}` has `..` in it"),
            "write the directory it means, without `..`".into(),
        ));
    }
    let system = [
        "/", "/etc", "/usr", "/bin", "/lib", "/sbin", "/usr/bin", "/usr/lib",
    ];
    let kernel = ["/proc", "/sys", "/dev"];
    if system.iter().any(|s| t == std::path::Path::new(s))
        || kernel.iter().any(|k| t.starts_with(k))
    {
        return Some((
            format!(
                "`target` `{target}` is a system directory of the container: a sync there compares and may overwrite all of it"
            ),
            "sync into a directory of its own, e.g. `/app/src`".into(),
        ));
    }
    // Where the repository appears in the container: the dev container's
    // workdir, and binds of `.`-relative host paths.
    let mut repo_mounts: Vec<(String, String)> = Vec::new();
    if service == DEV
        && let Some(dev) = &profile.dev
    {
        let w = dev.workdir.clone().unwrap_or_else(|| "/workspace".into());
        repo_mounts.push((String::new(), w));
    }
    let volumes = match (service, &profile.dev) {
        (DEV, Some(d)) => d.mounts.as_slice(),
        _ => profile
            .services
            .get(service)
            .map_or(&[][..], |s| s.volumes.as_slice()),
    };
    for m in volumes.iter().filter_map(|v| specs::parse_mount(v).ok()) {
        if let MountSource::Bind(src) = m.source
            && (src == "." || src.starts_with("./"))
        {
            let rel = src
                .trim_start_matches('.')
                .trim_start_matches('/')
                .to_string();
            repo_mounts.push((rel, m.target));
        }
    }
    for (rel_src, mount_target) in repo_mounts {
        let Ok(below) = t.strip_prefix(&mount_target) else {
            continue;
        };
        let in_repo = std::path::Path::new(&rel_src).join(below);
        for g in &rule.paths {
            let base = crate::watch::rules::base_of(g);
            if in_repo.starts_with(&base) {
                return Some((
                    format!(
                        "`target` `{target}` is `{}` in the repository, inside the watched `{g}`: every synced file would be seen as a change and synced again, without end",
                        if in_repo.as_os_str().is_empty() {
                            ".".to_string()
                        } else {
                            in_repo.display().to_string()
                        }
                    ),
                    "sync to a path outside the watched files, or ignore it with `ignore`".into(),
                ));
            }
        }
    }
    None
}

fn check_watch(ctx: &mut Ctx<'_>, profile: &Profile, names: &[&str]) {
    for (i, rule) in profile.watch.iter().enumerate() {
        let p = |k: &str| path!["watch", i, k];
        let service = rule.service.as_deref().unwrap_or(DEV);
        if !names.contains(&service) {
            let help = did_you_mean(service, names.iter().copied())
                .map(|m| format!("did you mean `{m}`?"))
                .unwrap_or_else(|| {
                    "name a service of the profile, or add a `[dev]` section".into()
                });
            let where_ = if rule.service.is_some() {
                p("service")
            } else {
                path!["watch", i]
            };
            ctx.at_value(
                &where_,
                format!("watch rule acts on unknown service `{service}`"),
                "no such service",
                Some(help),
            );
        }
        if rule.paths.is_empty() {
            ctx.at_value(
                &p("paths"),
                "watch rule has no paths".into(),
                "empty",
                Some("e.g. `paths = [\"src/**\"]`".into()),
            );
        }
        for (j, g) in rule.paths.iter().enumerate() {
            let escapes = g.starts_with('/')
                || g.starts_with('~')
                || std::path::Path::new(g)
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir));
            // The part before the first wildcard, followed through links.
            let literal: Vec<&str> = g
                .split('/')
                .take_while(|c| !c.contains(['*', '?', '[', '{']))
                .collect();
            let through_link = !escapes
                && !literal.is_empty()
                && super::reach::outside(
                    &super::reach::repository(ctx.dir),
                    ctx.dir,
                    &literal.join("/"),
                );
            if escapes || through_link {
                ctx.at_value(
                    &path!["watch", i, "paths", j],
                    if through_link {
                        format!("watch path `{g}` leads outside the repository through a link")
                    } else {
                        format!("watch path `{g}` is outside the repository")
                    },
                    "outside the repository",
                    Some("watch paths are globs relative to the profile, without `..`, e.g. `src/**`".into()),
                );
            }
        }
        for (key, globs) in [("paths", &rule.paths), ("ignore", &rule.ignore)] {
            for (j, g) in globs.iter().enumerate() {
                if let Err(e) = Glob::new(g) {
                    ctx.at_value(
                        &path!["watch", i, key, j],
                        format!("bad glob `{g}`: {}", e.kind()),
                        "bad glob",
                        Some("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`".into()),
                    );
                }
            }
        }
        match rule.action {
            WatchAction::Sync => match &rule.target {
                None => ctx.at_value(
                    &path!["watch", i],
                    "a `sync` rule needs a `target`".into(),
                    "no target",
                    Some("add `target = \"/path/in/container\"`".into()),
                ),
                Some(t) if !t.starts_with('/') => ctx.at_value(
                    &p("target"),
                    format!("`target` must be an absolute path, not `{t}`"),
                    "not absolute",
                    None,
                ),
                Some(t) => {
                    if let Some((message, help)) = unsafe_target(profile, service, rule, t) {
                        ctx.at_value(&p("target"), message, "unsafe target", Some(help));
                    }
                }
            },
            WatchAction::Run if rule.command.is_none() => ctx.at_value(
                &path!["watch", i],
                "a `run` rule needs a `command`".into(),
                "no command",
                Some("add `command = \"make test\"`".into()),
            ),
            _ => {}
        }
    }
}
