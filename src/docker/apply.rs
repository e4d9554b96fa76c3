//! Executing the diff's actions: network and volumes, then images (pulls
//! and builds concurrently) and orphans, then containers along the
//! dependency DAG: each service starts as soon as its own dependencies have
//! met their conditions, not when a whole level is done; last, a check that
//! every service is still running.
//!
//! Every mutating request goes through the run's [`Gate`]: after Ctrl-C
//! nothing new is sent, and what was sent is awaited, so the next `up`
//! finds the engine in a state it knows.

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
use super::health::{self, Health};
use super::images::{self, ImageError};
use super::inflight::{Gate, Pending};
use super::spec::create_body;
use super::teardown::STOP_TIMEOUT_S;
use crate::build::BuildContext;
pub use crate::events::Failure;
use crate::events::{Event, Sink};
use crate::plan::{Action, ActionKind, ContainerPlan, ImageSource, Plan, labels};
use crate::profile::model::Condition;

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Wait for every service with a healthcheck, not only those a
    /// dependency needs healthy.
    pub wait: bool,
    /// Overrides each health wait's bound.
    pub timeout: Option<Duration>,
}

/// What changed, for the summary and for the hooks stage.
#[derive(Debug, Default)]
pub struct Applied {
    /// Services whose container is new (on_create hooks are due).
    pub created: BTreeSet<String>,
    /// Services started in this run (post_start hooks are due), with when.
    pub started: BTreeSet<String>,
    pub started_at: BTreeMap<String, Instant>,
    /// Services seen healthy in this run: alive, whatever comes next.
    pub healthy: BTreeSet<String>,
}

impl Applied {
    /// The latest start of a container that nothing has shown to be alive
    /// yet: not seen healthy, and not the dev container running itp-dev's
    /// own keep-alive command (which cannot exit by itself).
    fn last_unproven_start(&self, plan: &Plan) -> Option<Instant> {
        self.started_at
            .iter()
            .filter(|(s, _)| !self.healthy.contains(*s))
            .filter(|(s, _)| {
                !plan.container(s).is_some_and(|c| {
                    c.is_dev
                        && c.command
                            .as_ref()
                            .and_then(|cmd| cmd.last())
                            .is_some_and(|last| last == crate::plan::compile::KEEP_ALIVE)
                })
            })
            .map(|(_, t)| *t)
            .max()
    }
}

/// Marks a service that did not start because something it needs failed;
/// the failure itself is recorded once, where it happened.
#[derive(Clone, Copy, Debug)]
struct Blocked;

/// An action under way: when it began, and its span (a container's own
/// phases are timed inside `converge_container`). An action that never
/// reaches `done` is recorded as failed.
struct Began {
    t: Instant,
    span: Option<crate::timeline::Guard>,
}

impl Began {
    fn ok(mut self) {
        self.span.take();
    }

    fn id(&self) -> Option<u64> {
        self.span.as_ref().and_then(|g| g.id())
    }
}

impl Drop for Began {
    fn drop(&mut self) {
        if let Some(g) = self.span.as_mut() {
            g.fail();
        }
    }
}

/// The span of an action that is one phase; `None` for a container's
/// actions (create and start are timed apart).
fn span_of(a: &Action) -> Option<crate::timeline::Guard> {
    let (phase, service) = match &a.kind {
        ActionKind::CreateNetwork { .. } | ActionKind::RemoveNetwork { .. } => ("network", None),
        ActionKind::CreateVolume { .. } => ("volume", None),
        ActionKind::RemoveOrphan { .. } => ("remove", None),
        ActionKind::Pull { service, .. } => ("pull", Some(service.as_str())),
        ActionKind::Build { service, .. } => ("build", Some(service.as_str())),
        _ => return None,
    };
    let mut g = crate::timeline::span(phase, service, || format!("{} {}", a.verb(), a.subject()));
    if matches!(a.kind, ActionKind::Pull { .. } | ActionKind::Build { .. }) {
        g.attr("container.image.name", || a.subject().to_string());
    }
    Some(g)
}

type Step<'a, T> = Shared<BoxFuture<'a, Result<T, Blocked>>>;

struct Run<'a> {
    docker: &'a Docker,
    plan: &'a Plan,
    sink: &'a dyn Sink,
    gate: &'a Gate,
    failures: Mutex<Vec<Failure>>,
    applied: Mutex<Applied>,
}

impl Run<'_> {
    fn fail(&self, f: Failure) -> Blocked {
        self.failures.lock().expect("not poisoned").push(f);
        Blocked
    }

    fn begin(&self, a: &Action) -> Began {
        self.sink.emit(Event::Begin {
            action: a.verb(),
            subject: a.subject().to_string(),
            reason: a.reason.clone(),
        });
        Began {
            t: Instant::now(),
            span: span_of(a),
        }
    }

    fn done(&self, a: &Action, began: Began) {
        self.sink.emit(Event::Done {
            action: a.verb(),
            subject: a.subject().to_string(),
            ms: began.t.elapsed().as_millis() as u64,
        });
        began.ok();
    }
}

impl<'a> Run<'a> {
    fn new(docker: &'a Docker, plan: &'a Plan, sink: &'a dyn Sink, gate: &'a Gate) -> Self {
        Run {
            docker,
            plan,
            sink,
            gate,
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
/// and orphan removals concurrently. Returns the id of the network the
/// containers join: `network`, the one observed, or the one created.
/// Containers name it by id, so a twin of the same name (left by an
/// interrupted run) can never make it "ambiguous".
pub async fn prepare(
    docker: &Docker,
    plan: &Plan,
    actions: &[Action],
    network: Option<&str>,
    contexts: &BTreeMap<String, BuildContext>,
    sink: &dyn Sink,
    gate: &Gate,
) -> Result<String, Vec<Failure>> {
    let run = &Run::new(docker, plan, sink, gate);
    let mut network_id = network.map(str::to_string);
    for a in actions {
        if let ActionKind::CreateNetwork { name } = &a.kind {
            let t = run.begin(a);
            match create_network(run, name).await {
                Some(Ok(id)) => {
                    network_id = Some(id);
                    run.done(a, t);
                }
                Some(Err(e)) => {
                    run.fail(Failure::new(
                        name,
                        format!("could not create the network: {}", message(&e)),
                    ));
                    return Err(run.failures.lock().expect("not poisoned").clone());
                }
                None => return Err(vec![]),
            }
        }
    }
    let Some(network_id) = network_id else {
        return Err(vec![Failure::new(
            &plan.network,
            "the project network was neither found nor planned",
        )]);
    };
    // Twins go before any container starts: the engine resolves a
    // container's network by name when it starts it, and refuses while two
    // networks have that name ("ambiguous").
    for a in actions {
        if let ActionKind::RemoveNetwork { id, name } = &a.kind {
            let t = run.begin(a);
            match remove_twin(run, id).await {
                None => return Err(vec![]),
                Some(Ok(())) => run.done(a, t),
                Some(Err(e)) => {
                    let mut f = Failure::new(name, crate::events::chain(&e));
                    f.hint = Some(format!(
                        "disconnect or remove those containers (`docker network disconnect {id} NAME`), then run `itp-dev up` again"
                    ));
                    run.fail(f);
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
                    let pulled =
                        crate::timeline::within(t.id(), images::pull(docker, reference, sink));
                    match run.gate.unless_cancelled(pulled).await {
                        None => {}
                        Some(Ok(())) => run.done(a, t),
                        Some(Err(e)) => {
                            let message = e.to_string();
                            let mut f = Failure::new(reference, message.clone());
                            f.hint = Some(pull_hint(&message));
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
                    match remove(run.gate, docker, container).await {
                        None => {}
                        Some(Ok(())) => run.done(a, t),
                        Some(Err(e)) => {
                            run.fail(Failure::new(
                                container,
                                format!("could not remove: {}", message(&e)),
                            ));
                        }
                    }
                }
                .boxed(),
            ),
            _ => None,
        }
    });
    join_all(prep).await;
    run.result().map(|_| network_id)
}

/// Removes a surplus network of the project's name by id. The project's
/// own containers on it are disconnected first (the diff recreates them on
/// the kept network); another tool's container on it stops the removal.
async fn remove_twin(run: &Run<'_>, id: &str) -> Option<Result<(), TwinError>> {
    let docker = run.docker;
    let info = match docker.inspect_network(id, None).await {
        Ok(i) => i,
        Err(e) if super::errors::is_not_found(&e) => return Some(Ok(())),
        Err(source) => {
            return Some(Err(TwinError::Engine {
                what: format!("could not inspect network {id}"),
                source,
            }));
        }
    };
    let mut foreign = Vec::new();
    for (cid, c) in info.containers.unwrap_or_default() {
        let ours = super::inspect::container(docker, &cid)
            .await
            .ok()
            .and_then(|i| i.config)
            .and_then(|c| c.labels)
            .is_some_and(|l| l.get(labels::PROJECT) == Some(&run.plan.project));
        if !ours {
            foreign.push(c.name.unwrap_or(cid));
            continue;
        }
        let req = bollard::models::NetworkDisconnectRequest {
            container: cid.clone(),
            force: Some(true),
        };
        let r = run
            .gate
            .send(
                Pending::DisconnectNetwork(id.to_string()),
                docker.disconnect_network(id, req),
            )
            .await?;
        if let Err(source) = r.or_else(ignore_gone) {
            return Some(Err(TwinError::Engine {
                what: format!("could not disconnect {cid}"),
                source,
            }));
        }
    }
    if !foreign.is_empty() {
        return Some(Err(TwinError::Foreign {
            network: run.plan.network.clone(),
            id: id.to_string(),
            containers: foreign.join(", "),
        }));
    }
    let r = run
        .gate
        .send(
            Pending::RemoveNetwork(id.to_string()),
            docker.remove_network(id),
        )
        .await?;
    Some(r.or_else(ignore_gone).map_err(|source| TwinError::Engine {
        what: format!("could not remove network {id}"),
        source,
    }))
}

/// Why a surplus network of the project's name could not be removed.
#[derive(Debug, thiserror::Error)]
enum TwinError {
    #[error("{what}")]
    Engine {
        what: String,
        #[source]
        source: bollard::errors::Error,
    },
    #[error(
        "a second network named `{network}` ({id}) is used by containers itp-dev does not manage: {containers}"
    )]
    Foreign {
        network: String,
        id: String,
        containers: String,
    },
}

/// Creates the project network; `None` when the run was cancelled first.
/// Should an interrupted run's create have landed meanwhile, its twin is
/// removed at once (both are empty), so one network remains.
async fn create_network(
    run: &Run<'_>,
    name: &str,
) -> Option<Result<String, bollard::errors::Error>> {
    let req = NetworkCreateRequest {
        name: name.to_string(),
        driver: Some("bridge".into()),
        labels: Some(HashMap::from([(
            labels::PROJECT.to_string(),
            run.plan.project.clone(),
        )])),
        ..Default::default()
    };
    let created = run
        .gate
        .send(
            Pending::CreateNetwork(name.to_string()),
            run.docker.create_network(req),
        )
        .await?;
    let id = match created {
        Ok(r) => r.id,
        Err(e) => return Some(Err(e)),
    };
    let filters = HashMap::from([
        ("name", vec![name.to_string()]),
        (
            "label",
            vec![format!("{}={}", labels::PROJECT, run.plan.project)],
        ),
    ]);
    let twins = run
        .docker
        .list_networks(Some(
            bollard::query_parameters::ListNetworksOptionsBuilder::new()
                .filters(&filters)
                .build(),
        ))
        .await
        .unwrap_or_default();
    for t in twins {
        let Some(tid) = t.id else { continue };
        if t.name.as_deref() == Some(name) && tid != id {
            let _ = run
                .gate
                .send(
                    Pending::RemoveNetwork(tid.clone()),
                    run.docker.remove_network(&tid),
                )
                .await;
        }
    }
    Some(Ok(id))
}

/// How long after the last start `up` looks again, so that a program that
/// exits at once is caught by `up` and not by the next `status`.
const SETTLE: Duration = Duration::from_millis(300);
/// How long `up` waits for a one-shot task it started, unless `--timeout`.
pub const ONCE_BOUND: Duration = Duration::from_secs(300);

/// Services that are not running now although they should be: a service
/// whose program exited (with its code and last lines), and a one-shot
/// task (`once`) that exited with a code other than 0. One-shot tasks
/// started in this run are waited for (bounded), with a line every few
/// seconds. Returns what it saw too, for the summary.
pub async fn not_running(
    docker: &Docker,
    plan: &Plan,
    applied: &Applied,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<(Vec<super::observe::ContainerView>, Vec<Failure>), bollard::errors::Error> {
    if let Some(t) = applied.last_unproven_start(plan)
        && let Some(left) = SETTLE.checked_sub(t.elapsed())
    {
        let _span = crate::timeline::span("check", None, || "see that the last start holds".into());
        tokio::time::sleep(left).await;
    }
    let tasks = plan
        .containers
        .iter()
        .filter(|c| c.once && applied.started.contains(&c.service));
    let mut out = Vec::new();
    for c in tasks {
        let bound = opts.timeout.unwrap_or(ONCE_BOUND);
        let _span = crate::timeline::span("task", Some(&c.service), || {
            format!("task {} runs to its end", c.service)
        });
        if task_end(docker, &c.name, &c.service, bound, sink).await? == TaskEnd::StillRunning {
            let mut f = Failure::new(
                &c.service,
                format!(
                    "a one-shot task (`once`) still running after {}",
                    humantime::format_duration(bound)
                ),
            );
            f.lines = health::last_logs(docker, &c.name).await;
            f.hint = Some("it is left running; `--timeout` sets how long `up` waits for it".into());
            out.push(f);
        }
    }
    let _span = crate::timeline::span("check", None, || "check that all runs".into());
    let seen = super::observe::project_containers(docker, &plan.project).await?;
    for c in &plan.containers {
        let Some(v) = seen.iter().find(|v| v.name == c.name) else {
            continue;
        };
        if matches!(v.state.as_str(), "running" | "paused" | "restarting") {
            continue;
        }
        let code = v.exit_code;
        if c.once && code == Some(0) {
            continue;
        }
        let what = match code {
            Some(n) => format!("exited with code {n}"),
            None => format!("is not running (state `{}`)", v.state),
        };
        let mut f = Failure::new(&c.service, what);
        f.lines = health::last_logs(docker, &v.id).await;
        f.hint = Some(if c.once {
            format!(
                "`{}` is a one-shot task (`once = true`) and must exit 0; `itp-dev logs {}` shows its whole log",
                c.service, c.service
            )
        } else if applied.started.contains(&c.service) {
            format!(
                "its program ended; `itp-dev logs {}` shows its whole log. A task that is meant to exit needs `once = true` in the profile",
                c.service
            )
        } else {
            format!(
                "it stopped since the last `up`; `itp-dev logs {}` shows why",
                c.service
            )
        });
        out.push(f);
    }
    Ok((seen, out))
}

/// Waits for a task's container to stop; its exit code, or why not.
#[derive(Debug, PartialEq, Eq)]
enum TaskEnd {
    Exited(i64),
    /// Still running at the bound.
    StillRunning,
}

/// Waits (at most `bound`) for a task's container to stop, saying every
/// 5 s that it still runs; its exit code.
async fn task_end(
    docker: &Docker,
    name: &str,
    service: &str,
    bound: Duration,
    sink: &dyn Sink,
) -> Result<TaskEnd, bollard::errors::Error> {
    let begun = Instant::now();
    let mut next_note = begun + Duration::from_secs(5);
    loop {
        let state = super::inspect::container(docker, name)
            .await?
            .state
            .unwrap_or_default();
        if state.running != Some(true) {
            return Ok(TaskEnd::Exited(state.exit_code.unwrap_or(-1)));
        }
        if begun.elapsed() >= bound {
            return Ok(TaskEnd::StillRunning);
        }
        if Instant::now() >= next_note {
            next_note += Duration::from_secs(5);
            sink.emit(Event::Info {
                message: format!(
                    "… {service} (a one-shot task) still running after {}s",
                    begun.elapsed().as_secs()
                ),
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A dependency as its dependent awaits it: name, condition, and the steps
/// that resolve when it has started, is healthy, and (a task) has ended.
type Awaited<'a> = (
    String,
    Condition,
    Step<'a, ()>,
    Step<'a, Health>,
    Option<Step<'a, ()>>,
);

/// The containers' actions, along the dependency DAG.
pub async fn containers(
    docker: &Docker,
    plan: &Plan,
    actions: &[Action],
    network: &str,
    opts: &Options,
    sink: &dyn Sink,
    gate: &Gate,
) -> Result<Applied, Vec<Failure>> {
    let run = &Run::new(docker, plan, sink, gate);
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
    // A one-shot task's end: resolves when it has exited 0.
    let mut completed: HashMap<&str, Step<'_, ()>> = HashMap::new();
    for service in plan.levels.iter().flatten() {
        let (Some(c), Some(a)) = (plan.container(service), by_service.get(service.as_str())) else {
            continue;
        };
        let a: &Action = a;
        let deps: Vec<Awaited<'_>> = c
            .depends_on
            .iter()
            .filter_map(|d| {
                Some((
                    d.service.clone(),
                    d.condition,
                    started.get(d.service.as_str())?.clone(),
                    healthy.get(d.service.as_str())?.clone(),
                    completed.get(d.service.as_str()).cloned(),
                ))
            })
            .collect();
        let s: Step<'_, ()> = async move {
            if a.is_noop() {
                return Ok(());
            }
            for (dep, cond, dep_started, dep_healthy, dep_completed) in deps {
                let cond_name = cond.as_str();
                let _waiting = crate::timeline::span("wait", Some(service), || {
                    format!("{service} waits for {dep} ({cond_name})")
                });
                let ready = match cond {
                    Condition::Started => dep_started.peek().is_some(),
                    Condition::Healthy => dep_healthy.peek().is_some(),
                    Condition::Completed => dep_completed.as_ref().is_some_and(|c| c.peek().is_some()),
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
                    // Validation makes sure it is a task (`once`).
                    Condition::Completed => match dep_completed {
                        Some(done) => done.await?,
                        None => dep_started.await?,
                    },
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
            converge_container(run, a, service, network).await
        }
        .boxed()
        .shared();
        let st = s.clone();
        let name = c.name.clone();
        let h: Step<'_, Health> = async move {
            st.await?;
            let t = Instant::now();
            let mut span =
                crate::timeline::span("health", Some(service), || format!("health {service}"));
            let waited = gate
                .unless_cancelled(health::wait_healthy(
                    docker,
                    &name,
                    opts.timeout,
                    service,
                    sink,
                ))
                .await;
            let Some(waited) = waited else {
                return Err(Blocked);
            };
            match waited {
                Ok(Health::Healthy) => {
                    sink.emit(Event::Healthy {
                        service: service.clone(),
                        ms: t.elapsed().as_millis() as u64,
                    });
                    run.applied
                        .lock()
                        .expect("not poisoned")
                        .healthy
                        .insert(service.clone());
                    Ok(Health::Healthy)
                }
                Ok(Health::NoCheck) => Ok(Health::NoCheck),
                Err(w) => {
                    span.fail();
                    let mut f = Failure::new(service, w.message);
                    f.lines = w.lines;
                    f.hint = Some(format!("`itp-dev logs {service}` shows its whole log"));
                    Err(run.fail(f))
                }
            }
        }
        .boxed()
        .shared();
        if c.once {
            let st = s.clone();
            let name = c.name.clone();
            let done: Step<'_, ()> = async move {
                st.await?;
                // Asked even when kept: a task kept because it still runs
                // (an `up` killed while it ran) has not completed yet; one
                // that exited 0 before answers at once.
                let bound = opts.timeout.unwrap_or(ONCE_BOUND);
                let _span = crate::timeline::span("task", Some(service), || format!("task {service} runs to its end"));
                let waited = gate
                    .unless_cancelled(task_end(docker, &name, service, bound, sink))
                    .await;
                match waited {
                    None => Err(Blocked),
                    Some(Ok(TaskEnd::Exited(0))) => Ok(()),
                    Some(Ok(TaskEnd::Exited(code))) => {
                        let mut f = Failure::new(
                            service,
                            format!("a one-shot task others wait for exited with code {code}"),
                        );
                        f.lines = health::last_logs(docker, &name).await;
                        f.hint = Some(format!("`itp-dev logs {service}` shows its whole log"));
                        Err(run.fail(f))
                    }
                    Some(Ok(TaskEnd::StillRunning)) => Err(run.fail(Failure::new(
                        service,
                        format!(
                            "a one-shot task others wait for still running after {} (`--timeout` sets how long)",
                            humantime::format_duration(bound)
                        ),
                    ))),
                    Some(Err(e)) => Err(run.fail(Failure::new(
                        service,
                        format!("cannot inspect `{name}`: {e}"),
                    ))),
                }
            }
            .boxed()
            .shared();
            completed.insert(service.as_str(), done);
        }
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
    let Some(created) = run
        .gate
        .send(
            Pending::CreateVolume(name.to_string()),
            run.docker.create_volume(req),
        )
        .await
    else {
        return;
    };
    match created {
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
    let built = crate::timeline::within(t.id(), images::build(run.docker, &req, run.sink));
    let Some(r) = run.gate.unless_cancelled(built).await else {
        return;
    };
    match r {
        Ok(()) => run.done(a, t),
        Err(e) => {
            let lines = match &e {
                ImageError::Build { last_lines, .. } => last_lines.clone(),
                _ => vec![],
            };
            let mut f = Failure::new(service, e.to_string());
            let dockerfile = match &img.source {
                ImageSource::Build { dockerfile, .. } => Some(dockerfile.as_path()),
                ImageSource::Pull { .. } => None,
            };
            f.hint = dockerfile.and_then(|d| base_hint(&e, d));
            f.lines = lines;
            run.fail(f);
        }
    }
}

/// A build that failed getting its base image (`FROM`) on a machine that
/// cannot reach the registry: say which image and how to bring it.
fn base_hint(e: &ImageError, dockerfile: &std::path::Path) -> Option<String> {
    let ImageError::Build { step, message, .. } = e else {
        return None;
    };
    let at_from = step.as_deref().is_some_and(|s| s.contains(" FROM "))
        || message.contains("registry-1.docker.io")
        || message.contains("pull access denied");
    if !at_from {
        return None;
    }
    let text = std::fs::read_to_string(dockerfile).unwrap_or_default();
    let bases = crate::docker::origins::bases(&text);
    let mut hint = format!(
        "the base image ({}) is not here and cannot be pulled: on a machine with access, `docker pull` it and `docker save` it to a file, then `docker load -i FILE` here",
        bases.join(", ")
    );
    if bases.iter().any(|b| b == "debian:bookworm-slim") {
        hint.push_str("; for debian:bookworm-slim, `debootstrap --variant=minbase bookworm DIR` then `tar -C DIR -c . | docker import - debian:bookworm-slim` also works");
    }
    Some(hint)
}

/// Stops and removes a container; `None` when the run was cancelled first.
async fn remove(
    gate: &Gate,
    docker: &Docker,
    name: &str,
) -> Option<Result<(), bollard::errors::Error>> {
    let stop = StopContainerOptionsBuilder::new().t(STOP_TIMEOUT_S).build();
    let stopped = gate
        .send(
            Pending::RemoveContainer(name.to_string()),
            docker.stop_container(name, Some(stop)),
        )
        .await?
        .or_else(ignore_gone);
    if let Err(e) = stopped {
        return Some(Err(e));
    }
    let rm = RemoveContainerOptionsBuilder::new().force(true).build();
    gate.send(
        Pending::RemoveContainer(name.to_string()),
        docker.remove_container(name, Some(rm)),
    )
    .await
    .map(|r| r.or_else(ignore_gone))
}

async fn converge_container(
    run: &Run<'_>,
    a: &Action,
    service: &str,
    network: &str,
) -> Result<(), Blocked> {
    let c = run.plan.container(service).expect("planned");
    let docker = run.docker;
    let gate = run.gate;
    let t = run.begin(a);
    let fail = |what: &str, e: bollard::errors::Error| {
        let msg = message(&e);
        let mut f = Failure::new(service, format!("could not {what} `{}`: {msg}", c.name));
        if name_in_use(&msg) {
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
    let mut create = matches!(
        a.kind,
        ActionKind::Create { .. } | ActionKind::Recreate { .. }
    );
    // Each recorded as failed when it leaves early (by `?`).
    let phase = |p: &'static str| {
        crate::timeline::span(p, Some(service), || format!("{p} {service}")).until_ok()
    };
    if matches!(a.kind, ActionKind::Recreate { .. }) {
        let removing = phase("remove");
        remove(gate, docker, &c.name)
            .await
            .ok_or(Blocked)?
            .map_err(|e| fail("remove", e))?;
        removing.ok();
    }
    let creating = create.then(|| phase("create"));
    if create {
        match create_container(gate, docker, c, network)
            .await
            .ok_or(Blocked)?
        {
            Ok(()) => {}
            Err(e) if is_name_conflict(&e) => match adopt(run, c, network).await? {
                Adopted::Kept => create = false,
                Adopted::Replaced => {}
                Adopted::Foreign => return Err(fail("create", e)),
            },
            Err(e) => return Err(fail("create", e)),
        }
    }
    if let Some(g) = creating {
        g.ok();
    }
    let starting = phase("start");
    // Only a kept-but-stopped container can be paused.
    let paused = matches!(a.kind, ActionKind::Start { .. })
        && super::inspect::container(run.docker, &c.name)
            .await
            .ok()
            .and_then(|i| i.state)
            .and_then(|s| s.paused)
            .unwrap_or(false);
    if paused {
        gate.send(
            Pending::StartContainer(c.name.clone()),
            docker.unpause_container(&c.name),
        )
        .await
        .ok_or(Blocked)?
        .map_err(|e| fail("unpause", e))?;
    } else {
        gate.send(
            Pending::StartContainer(c.name.clone()),
            docker.start_container(&c.name, None),
        )
        .await
        .ok_or(Blocked)?
        .or_else(ignore_not_modified)
        .map_err(|e| fail("start", e))?;
    }
    starting.ok();
    {
        let mut ap = run.applied.lock().expect("not poisoned");
        if create {
            ap.created.insert(service.to_string());
        }
        ap.started.insert(service.to_string());
        ap.started_at.insert(service.to_string(), Instant::now());
    }
    run.done(a, t);
    Ok(())
}

async fn create_container(
    gate: &Gate,
    docker: &Docker,
    c: &ContainerPlan,
    network: &str,
) -> Option<Result<(), bollard::errors::Error>> {
    // The sources were resolved when the plan was made (and approved); a
    // link made since (by a container started first) would take the mount
    // elsewhere, so none is created.
    for m in c
        .mounts
        .iter()
        .filter(|m| m.kind == crate::plan::MountKind::Bind)
    {
        let now = crate::files::resolve_links(std::path::Path::new(&m.source));
        if now != std::path::Path::new(&m.source) {
            return Some(Err(bollard::errors::Error::IOError {
                err: std::io::Error::other(format!(
                    "its bind mount source `{}` now leads to `{}` (a link made while starting); nothing was mounted",
                    m.source,
                    now.display()
                )),
            }));
        }
    }
    gate.send(
        Pending::CreateContainer(c.name.clone()),
        docker.create_container(
            Some(CreateContainerOptionsBuilder::new().name(&c.name).build()),
            create_body(c, network),
        ),
    )
    .await
    .map(|r| r.map(drop))
}

fn is_name_conflict(e: &bollard::errors::Error) -> bool {
    matches!(
        e,
        bollard::errors::Error::DockerResponseServerError {
            status_code: 409 | 500,
            ..
        }
    ) && name_in_use(&message(e))
}

/// The engine refused a container name another container has: Docker
/// says "… is already in use by container ID" (409), Podman "the
/// container name "X" is already in use by ID" (500).
fn name_in_use(msg: &str) -> bool {
    msg.contains("is already in use by container")
        || msg.contains("container name") && msg.contains("is already in use by")
}

enum Adopted {
    /// The container is this project's and as planned: it is used.
    Kept,
    /// It was this project's but not as planned: it was replaced.
    Replaced,
    /// It has no labels of this project: never touched.
    Foreign,
}

/// The name is taken although the container was not observed: usually an
/// interrupted run's create that landed after this run looked. The
/// conflict proves the name is reserved, so wait (bounded) for the
/// container to show, then use it when it is this project's and as
/// planned, or replace it when it is this project's and not.
async fn adopt(run: &Run<'_>, c: &ContainerPlan, network: &str) -> Result<Adopted, Blocked> {
    let deadline = Instant::now() + super::inflight::FINISH_BOUND;
    let found = loop {
        match super::inspect::container(run.docker, &c.name).await {
            Ok(found) => break found,
            Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(_) => return Ok(Adopted::Foreign),
        }
    };
    let labels = found
        .config
        .as_ref()
        .and_then(|c| c.labels.clone())
        .unwrap_or_default();
    if labels.get(labels::PROJECT) != Some(&run.plan.project)
        || labels.get(labels::SERVICE) != Some(&c.service)
    {
        return Ok(Adopted::Foreign);
    }
    let here = [crate::plan::ObservedNetwork {
        id: network.to_string(),
        created: String::new(),
    }];
    let attached = super::snapshot::attachments(
        found
            .network_settings
            .and_then(|n| n.networks)
            .unwrap_or_default(),
        found.host_config.and_then(|h| h.network_mode),
        &run.plan.network,
        &here,
    )
    .contains(network);
    let as_planned = labels.get(labels::CONFIG_HASH) == Some(&c.config_hash) && attached;
    run.sink.emit(Event::Info {
        message: format!(
            "found `{}` left by an interrupted run; {}",
            c.name,
            if as_planned {
                "using it"
            } else {
                "replacing it"
            }
        ),
    });
    if as_planned {
        return Ok(Adopted::Kept);
    }
    let fail = |what: &str, e: bollard::errors::Error| {
        run.fail(Failure::new(
            &c.service,
            format!("could not {what} `{}`: {}", c.name, message(&e)),
        ))
    };
    remove(run.gate, run.docker, &c.name)
        .await
        .ok_or(Blocked)?
        .map_err(|e| fail("remove", e))?;
    create_container(run.gate, run.docker, c, network)
        .await
        .ok_or(Blocked)?
        .map_err(|e| fail("create", e))?;
    Ok(Adopted::Replaced)
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
    let checking =
        crate::timeline::span("check", Some(&c.service), || "which hooks are due".into());
    let info = super::inspect::container(docker, &c.name)
        .await
        .map_err(|e| Failure::new(&c.service, format!("could not inspect: {}", message(&e))))?;
    drop(checking);
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
            let mut span =
                crate::timeline::span("hook", Some(&c.service), || format!("{hook} hook"));
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
                Err(e) => Some((
                    format!(
                        "{hook} hook `{script}` could not run: {}",
                        crate::events::chain(&e)
                    ),
                    vec![],
                )),
            };
            if let Some((msg, lines)) = failed {
                span.fail();
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

/// Restarts `services` of `plan` (each must have a container): stops them
/// in parallel, then starts them along the dependency DAG with the same
/// health waits as `up`; `post_start` hooks run again.
pub async fn restart(
    docker: &Docker,
    plan: &Plan,
    services: &[String],
    timeout: Option<Duration>,
    sink: &dyn Sink,
) -> Result<(), Vec<Failure>> {
    let stops = services.iter().map(|s| {
        let name = plan.container(s).expect("selected").name.clone();
        async move {
            docker
                .stop_container(
                    &name,
                    Some(StopContainerOptionsBuilder::new().t(STOP_TIMEOUT_S).build()),
                )
                .await
                .or_else(ignore_gone)
                .map_err(|e| Failure::new(&name, format!("could not stop: {}", message(&e))))
        }
    });
    let failures: Vec<Failure> = join_all(stops)
        .await
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if !failures.is_empty() {
        return Err(failures);
    }
    let actions: Vec<Action> = plan
        .levels
        .iter()
        .flatten()
        .map(|s| {
            let service = s.clone();
            if services.contains(s) {
                Action {
                    kind: ActionKind::Start { service },
                    reason: "restart".into(),
                }
            } else {
                Action {
                    kind: ActionKind::Keep { service },
                    reason: "not restarted".into(),
                }
            }
        })
        .collect();
    let opts = Options {
        wait: true,
        timeout,
    };
    // Restart only starts: the network is named for form's sake.
    let gate = Gate::new(&plan.project);
    containers(docker, plan, &actions, &plan.network, &opts, sink, &gate).await?;
    run_hooks(docker, plan, sink).await.map_err(|f| vec![f])
}

/// What to do about a failed pull, from the engine's words (Docker says
/// "not found", Podman "manifest unknown" for the same missing tag).
fn pull_hint(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    if m.contains("manifest unknown") || m.contains("not found") && !m.contains("no such host") {
        "the image or tag was not found in its registry: check the image name and tag".into()
    } else if m.contains("unauthorized")
        || m.contains("no basic auth credentials")
        || m.contains("denied")
    {
        "log in to the registry (`docker login REGISTRY`), or check that your account may read the image".into()
    } else {
        "check the image name and tag, that the registry is reachable, and that you are logged in to it (`docker login`)".into()
    }
}
