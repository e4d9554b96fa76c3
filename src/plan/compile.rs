//! Profile → Plan. Pure: the host facts it needs (UID, GID, home) come in as
//! a value, so the same profile and host always give the same plan.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::hash;
use super::types::*;
use crate::profile::Loaded;
use crate::profile::model::{
    Build, Command, Condition, DependsOn, EnvValue, Healthcheck, Hooks, Port, PullPolicy,
    WatchAction,
};
use crate::profile::specs::{self, MountSource};
use crate::profile::validate::DEV;

/// Facts about the machine the plan is for.
#[derive(Clone, Debug, PartialEq)]
pub struct Host {
    pub uid: u32,
    pub gid: u32,
    pub home: Option<PathBuf>,
}

pub const DEFAULT_WORKDIR: &str = "/workspace";
/// Keeps the dev container alive without a program of its own, and exits at
/// once on SIGTERM (a bare `sleep` as PID 1 ignores it, making every `down`
/// wait out the stop timeout).
pub const KEEP_ALIVE: &str = "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done";

/// Everything that differs between two containers of one service.
struct ContainerInput<'a> {
    service: &'a str,
    is_dev: bool,
    image: String,
    command: Option<Vec<String>>,
    entrypoint: Option<Vec<String>>,
    env: &'a IndexMap<String, EnvValue>,
    env_file: Option<&'a IndexMap<String, String>>,
    secrets: &'a [String],
    ports: &'a [Port],
    expose: &'a [u16],
    aliases: &'a [String],
    secret_files: &'a [String],
    mounts: Vec<specs::MountSpec>,
    user: Option<String>,
    workdir: Option<String>,
    healthcheck: Option<&'a Healthcheck>,
    depends_on: &'a DependsOn,
    hooks: HookPlan,
    shell: Option<String>,
    once: bool,
}

pub fn compile(loaded: &Loaded, host: &Host) -> Plan {
    let p = &loaded.profile;
    let project = loaded.project.as_str();
    let dir = loaded.dir.as_path();
    let mut images = Vec::new();
    let mut inputs = Vec::new();

    for (name, svc) in &p.services {
        let image = image_plan(
            project,
            name,
            svc.image.as_deref(),
            svc.build.as_ref(),
            svc.pull.unwrap_or_default(),
            dir,
        );
        inputs.push(ContainerInput {
            service: name,
            is_dev: false,
            image: image.reference.clone(),
            command: svc.command.as_ref().map(command_args),
            entrypoint: svc.entrypoint.clone(),
            env: &svc.env,
            env_file: loaded.env_file_values.get(name),
            secrets: &svc.secrets,
            ports: &svc.ports,
            expose: &svc.expose,
            aliases: &svc.aliases,
            secret_files: &svc.secret_files,
            mounts: parse_mounts(&svc.volumes),
            user: svc.user.clone(),
            workdir: svc.workdir.clone(),
            healthcheck: svc.healthcheck.as_ref(),
            depends_on: &svc.depends_on,
            hooks: HookPlan::default(),
            shell: None,
            once: svc.once,
        });
        images.push(image);
    }
    if let Some(dev) = &p.dev {
        let image = image_plan(
            project,
            DEV,
            dev.image.as_deref(),
            dev.build.as_ref(),
            PullPolicy::Missing,
            dir,
        );
        let workdir = dev
            .workdir
            .clone()
            .unwrap_or_else(|| DEFAULT_WORKDIR.into());
        // The repository itself, mounted where the developer works.
        let mut mounts = vec![specs::MountSpec {
            source: MountSource::Bind(dir.display().to_string()),
            target: workdir.clone(),
            read_only: false,
        }];
        mounts.extend(parse_mounts(&dev.mounts));
        let Hooks {
            on_create,
            post_start,
        } = &dev.hooks;
        inputs.push(ContainerInput {
            service: DEV,
            is_dev: true,
            image: image.reference.clone(),
            command: Some(
                dev.command
                    .as_ref()
                    .map_or_else(|| shell_args(KEEP_ALIVE), command_args),
            ),
            entrypoint: None,
            env: &dev.env,
            env_file: loaded.env_file_values.get(DEV),
            secrets: &dev.secrets,
            ports: &dev.ports,
            expose: &[],
            aliases: &dev.aliases,
            secret_files: &[],
            mounts,
            // Run as the host user so files created in the repo stay theirs.
            user: Some(format!("{}:{}", host.uid, host.gid)),
            workdir: Some(workdir),
            healthcheck: None,
            depends_on: &dev.depends_on,
            hooks: HookPlan {
                on_create: on_create.clone(),
                post_start: post_start.clone(),
            },
            shell: Some(dev.shell.clone().unwrap_or_else(|| "/bin/sh".into())),
            once: false,
        });
        images.push(image);
    }

    let network = format!("{project}_default");
    let mut volumes: Vec<VolumePlan> = Vec::new();
    let containers: Vec<ContainerPlan> = inputs
        .into_iter()
        .map(|i| container_plan(project, dir, host, &network, i, &mut volumes))
        .collect();
    let levels = levels(&containers);
    let watch = p
        .watch
        .iter()
        .map(|w| WatchPlan {
            paths: w.paths.clone(),
            ignore: w.ignore.clone(),
            action: w.action,
            service: w.service.clone().unwrap_or_else(|| DEV.into()),
            target: w.target.clone(),
            command: match (w.action, &w.command) {
                (WatchAction::Run, Some(c)) => Some(command_args(c)),
                _ => None,
            },
        })
        .collect();
    Plan {
        project: project.into(),
        project_dir: dir.to_path_buf(),
        network,
        volumes,
        images,
        containers,
        levels,
        watch,
    }
}

fn image_plan(
    project: &str,
    service: &str,
    image: Option<&str>,
    build: Option<&Build>,
    policy: PullPolicy,
    dir: &Path,
) -> ImagePlan {
    match (image, build) {
        (_, Some(b)) => {
            let (context, dockerfile, target, args) = match b {
                Build::Context(c) => (c.clone(), None, None, IndexMap::new()),
                Build::Full(s) => (
                    s.context.clone(),
                    s.dockerfile.clone(),
                    s.target.clone(),
                    s.args.clone(),
                ),
            };
            let context = crate::files::normalize(&dir.join(context));
            let dockerfile = dockerfile.map_or_else(
                || context.join("Dockerfile"),
                |d| crate::files::normalize(&dir.join(d)),
            );
            ImagePlan {
                service: service.into(),
                reference: format!("itp-{project}-{service}:latest"),
                source: ImageSource::Build {
                    ignore_file: context.join(".dockerignore"),
                    context,
                    dockerfile,
                    target,
                    args: args.iter().map(|(k, v)| (k.clone(), v.to_text())).collect(),
                },
            }
        }
        (Some(i), None) => ImagePlan {
            service: service.into(),
            reference: i.into(),
            source: ImageSource::Pull { policy },
        },
        // Validation guarantees one of the two.
        (None, None) => ImagePlan {
            service: service.into(),
            reference: String::new(),
            source: ImageSource::Pull { policy },
        },
    }
}

fn container_plan(
    project: &str,
    dir: &Path,
    host: &Host,
    network: &str,
    i: ContainerInput<'_>,
    volumes: &mut Vec<VolumePlan>,
) -> ContainerPlan {
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let mut secret_keys: BTreeSet<String> = i.secrets.iter().cloned().collect();
    if let Some(values) = i.env_file {
        for (k, v) in values {
            env.insert(k.clone(), v.clone());
            secret_keys.insert(k.clone());
        }
    }
    for (k, v) in i.env {
        let text = v.to_text();
        // A value written in the profile is not secret unless listed, or
        // its name or shape says it is (a password, a URL with one).
        if i.secrets.contains(k) || crate::profile::secrets::looks_secret(k, &text) {
            secret_keys.insert(k.clone());
        } else {
            secret_keys.remove(k);
        }
        env.insert(k.clone(), text);
    }
    let mut mounts = Vec::new();
    for m in i.mounts {
        match m.source {
            MountSource::Volume(name) => {
                let docker_name = format!("{project}_{name}");
                if !volumes.iter().any(|v| v.name == name) {
                    volumes.push(VolumePlan {
                        name: name.clone(),
                        docker_name: docker_name.clone(),
                    });
                }
                mounts.push(MountPlan {
                    kind: MountKind::Volume,
                    source: docker_name,
                    target: m.target,
                    read_only: m.read_only,
                });
            }
            MountSource::Bind(path) => {
                let abs = match (path.strip_prefix("~/"), &host.home) {
                    (Some(rest), Some(home)) => home.join(rest),
                    _ => dir.join(&path),
                };
                // Links resolved now: what was approved is what is mounted
                // (a link retargeted later is caught at create).
                mounts.push(MountPlan {
                    kind: MountKind::Bind,
                    source: crate::files::resolve_links(&crate::files::normalize(&abs))
                        .display()
                        .to_string(),
                    target: m.target,
                    read_only: m.read_only,
                });
            }
        }
    }
    let ports: Vec<_> = i
        .ports
        .iter()
        .filter_map(|p| specs::parse_port(&p.to_text()).ok())
        .collect();
    let healthcheck = i.healthcheck.map(health_plan);
    let aliases: Vec<String> = std::iter::once(i.service.to_string())
        .chain(i.aliases.iter().cloned())
        .collect();
    let depends_on = i
        .depends_on
        .entries()
        .into_iter()
        .map(|(service, condition)| Dependency { service, condition })
        .collect();

    let mut key_hashes = BTreeMap::new();
    key_hashes.insert("image".into(), hash::key_hash(&i.image));
    key_hashes.insert("command".into(), hash::key_hash(&i.command));
    key_hashes.insert("entrypoint".into(), hash::key_hash(&i.entrypoint));
    key_hashes.insert("env".into(), hash::key_hash(&env));
    key_hashes.insert("mounts".into(), hash::key_hash(&mounts));
    key_hashes.insert("ports".into(), hash::key_hash(&ports));
    key_hashes.insert("user".into(), hash::key_hash(&i.user));
    key_hashes.insert("workdir".into(), hash::key_hash(&i.workdir));
    key_hashes.insert("healthcheck".into(), hash::key_hash(&healthcheck));
    key_hashes.insert("network".into(), hash::key_hash(&(network, &aliases)));
    let config_hash = hash::config_hash(&key_hashes);
    let labels = BTreeMap::from([
        (labels::PROJECT.to_string(), project.to_string()),
        (labels::SERVICE.to_string(), i.service.to_string()),
        (labels::CONFIG_HASH.to_string(), config_hash.clone()),
        (
            labels::CONFIG_KEYS.to_string(),
            hash::encode_keys(&key_hashes),
        ),
        (labels::PROJECT_DIR.to_string(), dir.display().to_string()),
    ]);
    ContainerPlan {
        service: i.service.into(),
        name: format!("{project}-{}", i.service),
        is_dev: i.is_dev,
        image: i.image,
        command: i.command,
        entrypoint: i.entrypoint,
        env,
        secret_keys,
        mounts,
        ports,
        expose: i.expose.to_vec(),
        secret_files: i.secret_files.to_vec(),
        user: i.user,
        workdir: i.workdir,
        healthcheck,
        aliases,
        depends_on,
        hooks: i.hooks,
        shell: i.shell,
        once: i.once,
        labels,
        config_hash,
        key_hashes,
    }
}

/// Validation has accepted every spec, so none is dropped here.
fn parse_mounts(specs_text: &[String]) -> Vec<specs::MountSpec> {
    specs_text
        .iter()
        .filter_map(|m| specs::parse_mount(m).ok())
        .collect()
}

fn health_plan(h: &Healthcheck) -> HealthPlan {
    let ms = |d: &Option<String>, default: u64| {
        d.as_deref()
            .and_then(|s| specs::parse_duration(s).ok())
            .map_or(default, |d| d.as_millis() as u64)
    };
    HealthPlan {
        test: match &h.command {
            Command::Exec(args) => std::iter::once("CMD".to_string())
                .chain(args.iter().cloned())
                .collect(),
            Command::Shell(s) => vec!["CMD-SHELL".into(), s.clone()],
        },
        interval_ms: ms(&h.interval, 1000),
        timeout_ms: ms(&h.timeout, 3000),
        retries: h.retries.unwrap_or(30).clamp(1, i64::from(u32::MAX)) as u32,
        start_period_ms: ms(&h.start_period, 0),
    }
}

pub fn command_args(c: &Command) -> Vec<String> {
    match c {
        Command::Exec(v) => v.clone(),
        Command::Shell(s) => shell_args(s),
    }
}

fn shell_args(s: &str) -> Vec<String> {
    vec!["/bin/sh".into(), "-c".into(), s.into()]
}

/// Group containers into start levels (Kahn's algorithm), keeping the
/// profile's order within a level. Cycles are rejected by validation.
fn levels(containers: &[ContainerPlan]) -> Vec<Vec<String>> {
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    while placed.len() < containers.len() {
        let level: Vec<&str> = containers
            .iter()
            .filter(|c| !placed.contains(c.service.as_str()))
            .filter(|c| {
                c.depends_on.iter().all(|d| {
                    placed.contains(d.service.as_str())
                        || !containers.iter().any(|o| o.service == d.service)
                })
            })
            .map(|c| c.service.as_str())
            .collect();
        if level.is_empty() {
            // Only reachable with a cycle; put the rest last rather than loop.
            out.push(
                containers
                    .iter()
                    .filter(|c| !placed.contains(c.service.as_str()))
                    .map(|c| c.service.clone())
                    .collect(),
            );
            break;
        }
        placed.extend(level.iter().copied());
        out.push(level.into_iter().map(String::from).collect());
    }
    out
}

impl Condition {
    pub fn as_str(&self) -> &'static str {
        match self {
            Condition::Started => "started",
            Condition::Healthy => "healthy",
            Condition::Completed => "completed",
        }
    }
}
