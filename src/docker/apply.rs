//! Executing the diff's actions: network and volumes, then images (pulls
//! and builds concurrently) and orphans, then containers along the
//! dependency DAG: each service starts as soon as its own dependencies have
//! met their conditions, not when a whole level is done.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::models::{NetworkCreateRequest, VolumeCreateRequest};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, RemoveContainerOptionsBuilder, StopContainerOptionsBuilder,
};
use futures_util::future::{BoxFuture, FutureExt, Shared, join_all};

use super::errors::{ignore_gone, ignore_not_modified, message};
use super::events::{Event, Sink};
use super::health::{self, Health};
use super::images::{self, ImageError};
use super::spec::create_body;
use super::teardown::STOP_TIMEOUT_S;
use crate::build::BuildContext;
use crate::plan::{Action, ActionKind, ImageSource, Plan, labels};
use crate::profile::model::Condition;

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Wait for every service with a healthcheck, not only those a
    /// dependency needs healthy.
    pub wait: bool,
    /// Overrides each health wait's bound.
    pub timeout: Option<Duration>,
}

/// One thing that went wrong, with what explains it.
#[derive(Clone, Debug)]
pub struct Failure {
    pub subject: String,
    pub message: String,
    /// Log or build output lines that explain it.
    pub lines: Vec<String>,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(subject: &str, message: impl Into<String>) -> Self {
        Failure {
            subject: subject.to_string(),
            message: message.into(),
            lines: vec![],
            hint: None,
        }
    }
}

/// What changed, for the summary and for the hooks stage.
#[derive(Debug, Default)]
pub struct Applied {
    /// Services whose container is new (on_create hooks are due).
    pub created: BTreeSet<String>,
    /// Services started in this run (post_start hooks are due).
    pub started: BTreeSet<String>,
}

/// Marks a service that did not start because something it needs failed;
/// the failure itself is recorded once, where it happened.
#[derive(Clone, Copy, Debug)]
struct Blocked;

type Step<'a, T> = Shared<BoxFuture<'a, Result<T, Blocked>>>;

struct Run<'a> {
    docker: &'a Docker,
    plan: &'a Plan,
    sink: &'a dyn Sink,
    failures: Mutex<Vec<Failure>>,
    applied: Mutex<Applied>,
}

impl Run<'_> {
    fn fail(&self, f: Failure) -> Blocked {
        self.failures.lock().expect("not poisoned").push(f);
        Blocked
    }

    fn begin(&self, a: &Action) -> Instant {
        self.sink.emit(Event::Begin {
            action: a.verb(),
            subject: a.subject().to_string(),
            reason: a.reason.clone(),
        });
        Instant::now()
    }

    fn done(&self, a: &Action, t: Instant) {
        self.sink.emit(Event::Done {
            action: a.verb(),
            subject: a.subject().to_string(),
            ms: t.elapsed().as_millis() as u64,
        });
    }
}

impl<'a> Run<'a> {
    fn new(docker: &'a Docker, plan: &'a Plan, sink: &'a dyn Sink) -> Self {
        Run {
            docker,
            plan,
            sink,
            failures: Mutex::new(Vec::new()),
            applied: Mutex::new(Applied::default()),
        }
    }

    fn result(&self) -> Result<Applied, Vec<Failure>> {
        let failures = self.failures.lock().expect("not poisoned").clone();
        if failures.is_empty() {
            Ok(std::mem::take(
                &mut *self.applied.lock().expect("not poisoned"),
            ))
        } else {
            Err(failures)
        }
    }
}

/// Everything before containers: the network, then volumes, pulls, builds
/// and orphan removals concurrently.
pub async fn prepare(
    docker: &Docker,
    plan: &Plan,
    actions: &[Action],
    contexts: &BTreeMap<String, BuildContext>,
    sink: &dyn Sink,
) -> Result<(), Vec<Failure>> {
    let run = &Run::new(docker, plan, sink);

    // The network first: every container joins it at creation.
    for a in actions {
        if let ActionKind::CreateNetwork { name } = &a.kind {
            let t = run.begin(a);
            let req = NetworkCreateRequest {
                name: name.clone(),
                driver: Some("bridge".into()),
                labels: Some(HashMap::from([(
                    labels::PROJECT.to_string(),
                    plan.project.clone(),
                )])),
                ..Default::default()
            };
            match docker.create_network(req).await {
                Ok(_) => run.done(a, t),
                Err(e) => {
                    run.fail(Failure::new(
                        name,
                        format!("could not create the network: {}", message(&e)),
                    ));
                    return Err(run.failures.lock().expect("not poisoned").clone());
                }
            }
        }
    }

    // Volumes, images and orphans do not depend on each other.
    let prep = actions.iter().filter_map(|a| -> Option<BoxFuture<'_, ()>> {
        match &a.kind {
            ActionKind::CreateVolume { name } => Some(create_volume(run, a, name).boxed()),
            ActionKind::Pull { reference, .. } => Some(
                async move {
                    let t = run.begin(a);
                    match images::pull(docker, reference, sink).await {
                        Ok(()) => run.done(a, t),
                        Err(e) => {
                            let mut f = Failure::new(reference, e.to_string());
                            f.hint = Some(
                                "check the image name and tag, that the registry is reachable, and that you are logged in to it (`docker login`)".into(),
                            );
                            run.fail(f);
                        }
                    }
                }
                .boxed(),
            ),
            ActionKind::Build { service, reference } => {
                Some(build(run, a, service, reference, contexts).boxed())
            }
            ActionKind::RemoveOrphan { container, .. } => Some(
                async move {
                    let t = run.begin(a);
                    match remove(docker, container).await {
                        Ok(()) => run.done(a, t),
                        Err(e) => {
                            run.fail(Failure::new(container, format!("could not remove: {}", message(&e))));
                        }
                    }
                }
                .boxed(),
            ),
            _ => None,
        }
    });
    join_all(prep).await;
    run.result().map(drop)
}

/// The containers' actions, along the dependency DAG.
pub async fn containers(
    docker: &Docker,
    plan: &Plan,
    actions: &[Action],
    opts: &Options,
    sink: &dyn Sink,
) -> Result<Applied, Vec<Failure>> {
    let run = &Run::new(docker, plan, sink);
    // Containers. `started[s]` resolves once `s` runs; `healthy[s]` once its
    // healthcheck passes. Each service awaits only its own dependencies.
    let by_service: HashMap<&str, &Action> = actions
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::Create { service }
            | ActionKind::Recreate { service, .. }
            | ActionKind::Start { service }
            | ActionKind::Keep { service } => Some((service.as_str(), a)),
            _ => None,
        })
        .collect();
    let mut started: HashMap<&str, Step<'_, ()>> = HashMap::new();
    let mut healthy: HashMap<&str, Step<'_, Health>> = HashMap::new();
    for service in plan.levels.iter().flatten() {
        let (Some(c), Some(a)) = (plan.container(service), by_service.get(service.as_str())) else {
            continue;
        };
        let a: &Action = a;
        let deps: Vec<(String, Condition, Step<'_, ()>, Step<'_, Health>)> = c
            .depends_on
            .iter()
            .filter_map(|d| {
                Some((
                    d.service.clone(),
                    d.condition,
                    started.get(d.service.as_str())?.clone(),
                    healthy.get(d.service.as_str())?.clone(),
                ))
            })
            .collect();
        let s: Step<'_, ()> = async move {
            if a.is_noop() {
                return Ok(());
            }
            for (dep, cond, dep_started, dep_healthy) in deps {
                let cond_name = match cond {
                    Condition::Started => "started",
                    Condition::Healthy => "healthy",
                };
                let ready = match cond {
                    Condition::Started => dep_started.peek().is_some(),
                    Condition::Healthy => dep_healthy.peek().is_some(),
                };
                if !ready {
                    sink.emit(Event::Waiting {
                        service: service.clone(),
                        dependency: dep.clone(),
                        condition: cond_name,
                    });
                }
                match cond {
                    Condition::Started => dep_started.await?,
                    Condition::Healthy => {
                        if dep_healthy.await? == Health::NoCheck {
                            let mut f = Failure::new(
                                service,
                                format!("needs `{dep}` healthy, but `{dep}` has no healthcheck (neither in the profile nor in its image)"),
                            );
                            f.hint = Some(format!("add a `healthcheck` to `{dep}`, or depend on it with `started`"));
                            return Err(run.fail(f));
                        }
                    }
                }
            }
            converge_container(run, a, service).await
        }
        .boxed()
        .shared();
        let st = s.clone();
        let name = c.name.clone();
        let h: Step<'_, Health> = async move {
            st.await?;
            let t = Instant::now();
            match health::wait_healthy(docker, &name, opts.timeout).await {
                Ok(Health::Healthy) => {
                    sink.emit(Event::Healthy {
                        service: service.clone(),
                        ms: t.elapsed().as_millis() as u64,
                    });
                    Ok(Health::Healthy)
                }
                Ok(Health::NoCheck) => Ok(Health::NoCheck),
                Err(w) => {
                    let mut f = Failure::new(service, w.message);
                    f.lines = w.lines;
                    f.hint = Some(format!("`itp-dev logs {service}` shows its whole log"));
                    Err(run.fail(f))
                }
            }
        }
        .boxed()
        .shared();
        started.insert(service.as_str(), s);
        healthy.insert(service.as_str(), h);
    }
    let mut all: Vec<BoxFuture<'_, ()>> = Vec::new();
    for service in plan.levels.iter().flatten() {
        if let Some(s) = started.get(service.as_str()) {
            let s = s.clone();
            all.push(
                async move {
                    let _ = s.await;
                }
                .boxed(),
            );
        }
        // With --wait, every service that was (re)started is waited for;
        // one that was kept was waited for when it started.
        let changed = by_service
            .get(service.as_str())
            .is_some_and(|a| !a.is_noop());
        if opts.wait
            && changed
            && let Some(h) = healthy.get(service.as_str())
        {
            let h = h.clone();
            all.push(
                async move {
                    let _ = h.await;
                }
                .boxed(),
            );
        }
    }
    join_all(all).await;
    let failures = run.failures.lock().expect("not poisoned").clone();
    if failures.is_empty() {
        Ok(std::mem::take(
            &mut *run.applied.lock().expect("not poisoned"),
        ))
    } else {
        Err(failures)
    }
}

async fn create_volume(run: &Run<'_>, a: &Action, name: &str) {
    let t = run.begin(a);
    let profile_name = run
        .plan
        .volumes
        .iter()
        .find(|v| v.docker_name == name)
        .map_or(name, |v| v.name.as_str());
    let req = VolumeCreateRequest {
        name: Some(name.to_string()),
        labels: Some(HashMap::from([
            (labels::PROJECT.to_string(), run.plan.project.clone()),
            (labels::VOLUME.to_string(), profile_name.to_string()),
        ])),
        ..Default::default()
    };
    match run.docker.create_volume(req).await {
        // Creating a volume that exists returns it unchanged; say so when it
        // is not ours, since its data will be used.
        Ok(v) => {
            let ours = v
                .labels
                .get(labels::PROJECT)
                .is_some_and(|p| *p == run.plan.project);
            if !ours {
                run.sink.emit(Event::Notice {
                    message: format!(
                        "volume `{name}` already existed without itp-dev's labels; using it as it is"
                    ),
                });
            }
            run.done(a, t);
        }
        Err(e) => {
            run.fail(Failure::new(
                name,
                format!("could not create the volume: {}", message(&e)),
            ));
        }
    }
}

async fn build(
    run: &Run<'_>,
    a: &Action,
    service: &str,
    reference: &str,
    contexts: &BTreeMap<String, BuildContext>,
) {
    let t = run.begin(a);
    let (Some(ctx), Some(img)) = (contexts.get(service), run.plan.image(service)) else {
        run.fail(Failure::new(service, "no build context was prepared"));
        return;
    };
    let ImageSource::Build { target, args, .. } = &img.source else {
        return;
    };
    let req = images::BuildRequest {
        service,
        reference,
        project: &run.plan.project,
        context: ctx,
        target: target.as_deref(),
        args,
        no_cache: false,
        pull: false,
    };
    let r = images::build(run.docker, &req, run.sink).await;
    match r {
        Ok(()) => run.done(a, t),
        Err(e) => {
            let lines = match &e {
                ImageError::Build { last_lines, .. } => last_lines.clone(),
                _ => vec![],
            };
            let mut f = Failure::new(service, e.to_string());
            f.lines = lines;
            run.fail(f);
        }
    }
}

async fn remove(docker: &Docker, name: &str) -> Result<(), bollard::errors::Error> {
    docker
        .stop_container(
            name,
            Some(StopContainerOptionsBuilder::new().t(STOP_TIMEOUT_S).build()),
        )
        .await
        .or_else(ignore_gone)?;
    docker
        .remove_container(
            name,
            Some(RemoveContainerOptionsBuilder::new().force(true).build()),
        )
        .await
        .or_else(ignore_gone)
}

async fn converge_container(run: &Run<'_>, a: &Action, service: &str) -> Result<(), Blocked> {
    let c = run.plan.container(service).expect("planned");
    let docker = run.docker;
    let t = run.begin(a);
    let fail = |what: &str, e: bollard::errors::Error| {
        let msg = message(&e);
        let mut f = Failure::new(service, format!("could not {what} `{}`: {msg}", c.name));
        if msg.contains("is already in use by container") {
            f.hint = Some(format!(
                "a container named `{}` exists that itp-dev did not create; remove or rename it (itp-dev never touches containers without its labels)",
                c.name
            ));
        } else if msg.contains("port is already allocated")
            || msg.contains("address already in use")
        {
            f.hint = Some("another program took the port after itp-dev checked it; free it and run `itp-dev up` again".into());
        }
        run.fail(f)
    };
    let create = matches!(
        a.kind,
        ActionKind::Create { .. } | ActionKind::Recreate { .. }
    );
    if matches!(a.kind, ActionKind::Recreate { .. }) {
        remove(docker, &c.name)
            .await
            .map_err(|e| fail("remove", e))?;
    }
    if create {
        docker
            .create_container(
                Some(CreateContainerOptionsBuilder::new().name(&c.name).build()),
                create_body(c, &run.plan.network),
            )
            .await
            .map_err(|e| fail("create", e))?;
    }
    // Only a kept-but-stopped container can be paused.
    let paused = matches!(a.kind, ActionKind::Start { .. })
        && run
            .docker
            .inspect_container(&c.name, None)
            .await
            .ok()
            .and_then(|i| i.state)
            .and_then(|s| s.paused)
            .unwrap_or(false);
    if paused {
        docker
            .unpause_container(&c.name)
            .await
            .map_err(|e| fail("unpause", e))?;
    } else {
        docker
            .start_container(&c.name, None)
            .await
            .or_else(ignore_not_modified)
            .map_err(|e| fail("start", e))?;
    }
    {
        let mut ap = run.applied.lock().expect("not poisoned");
        if create {
            ap.created.insert(service.to_string());
        }
        ap.started.insert(service.to_string());
    }
    run.done(a, t);
    Ok(())
}

/// The dev container's lifecycle hooks, run after everything is up:
/// `on_create` once per container, `post_start` once per start. What ran is
/// recorded on the host, so an interrupted or failed hook runs again on the
/// next `up` and a finished one never does.
pub async fn run_hooks(docker: &Docker, plan: &Plan, sink: &dyn Sink) -> Result<(), Failure> {
    let Some(c) = plan
        .containers
        .iter()
        .find(|c| c.is_dev && !(c.hooks.on_create.is_empty() && c.hooks.post_start.is_empty()))
    else {
        return Ok(());
    };
    let info = docker
        .inspect_container(&c.name, None)
        .await
        .map_err(|e| Failure::new(&c.service, format!("could not inspect: {}", message(&e))))?;
    let id = info.id.unwrap_or_default();
    let started_at = info.state.and_then(|s| s.started_at).unwrap_or_default();
    let mut st = crate::state::HookState::load(&plan.project);
    let (on_create, post_start) = st.due(&id, &started_at);
    if st.container_id != id {
        st = crate::state::HookState {
            container_id: id.clone(),
            ..Default::default()
        };
    }
    let save = |st: &crate::state::HookState| {
        if let Err(e) = st.save(&plan.project) {
            sink.emit(Event::Notice {
                message: format!("could not record which hooks ran: {e}"),
            });
        }
    };
    let shell = c.shell.as_deref().unwrap_or("/bin/sh");
    let stages: [(&'static str, bool, &Vec<String>); 2] = [
        ("on_create", on_create, &c.hooks.on_create),
        ("post_start", post_start, &c.hooks.post_start),
    ];
    for (hook, due, scripts) in stages {
        if !due {
            continue;
        }
        for script in scripts {
            let cmd = vec![shell.to_string(), "-c".into(), script.clone()];
            let r = super::hooks::run(docker, &c.name, &c.service, hook, cmd, script, sink).await;
            let failed = match r {
                Ok(run) if run.exit_code == 0 => None,
                Ok(run) => Some((
                    format!(
                        "{hook} hook `{script}` failed with exit code {}",
                        run.exit_code
                    ),
                    run.tail,
                )),
                Err(e) => Some((format!("{hook} hook `{script}` could not run: {e}"), vec![])),
            };
            if let Some((msg, lines)) = failed {
                save(&st);
                let mut f = Failure::new(&c.service, msg);
                f.lines = lines;
                f.hint = Some(format!(
                    "the container `{}` is kept for debugging (`itp-dev shell`); fix the hook and run `itp-dev up` again to rerun it",
                    c.name
                ));
                return Err(f);
            }
        }
        match hook {
            "on_create" => st.on_create_done = true,
            _ => st.post_start_for = started_at.clone(),
        }
    }
    if on_create || post_start {
        save(&st);
    }
    Ok(())
}
