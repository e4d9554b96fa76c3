//! The watch loop: notify events → batches → actions, with the engine's
//! container-start events (and its disappearance) driving re-syncs.
//!
//! Nothing is lost: events that arrive while an action runs wait in the
//! channel for the next batch; on start, after a queue overflow or a
//! watcher error, and when a container (re)starts or the engine comes
//! back, the container's content hashes are compared with the files here
//! and the difference is synced.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::query_parameters::{EventsOptionsBuilder, RestartContainerOptionsBuilder};
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use super::batch::{Batch, Batcher};
use super::local;
use super::manifest::Manifest;
use super::rules::{Rule, Rules, relative};
use super::sync::{self, Upload};
use crate::docker::hooks;
use crate::events::{Event, Sink};
use crate::plan::{Plan, labels};
use crate::profile::model::WatchAction;

/// Why a watch could not go on; the cause is kept for `Caused by:`.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("could not start the file watcher")]
    Start(#[source] notify::Error),
    #[error("could not watch `{}`", .path.display())]
    Path {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    #[error("the file watcher stopped")]
    Stopped,
}

pub struct Options {
    pub quiet: Duration,
    pub max_wait: Duration,
}

/// Why a reload or a converge asked of the host failed; the watch goes on.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The profile is invalid: its rendered diagnostics.
    #[error("{0}")]
    Invalid(String),
    /// Converging failed and has reported why itself.
    #[error("see above")]
    Reported,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// What the loop needs from the command that runs it.
pub trait Host: Sync {
    /// Load and compile the profile again.
    fn reload(&self) -> Result<(Plan, Rules), HostError>;
    /// Converge the environment to `plan`, as `up` does (rebuilds included).
    fn converge<'a>(&'a self, plan: &'a Plan) -> BoxFuture<'a, Result<(), HostError>>;
}

enum EngineNote {
    Started(String),
    Lost(String),
    Back,
}

struct Loop<'a> {
    /// What itp-dev synced, per (service, target): the only files it may delete.
    manifests: std::sync::Mutex<HashMap<(String, String), Manifest>>,
    /// Each target's real path in its container (a symlink resolved), as
    /// the last rescan found it: where writes really land.
    resolved: std::sync::Mutex<HashMap<(String, String), String>>,
    docker: Docker,
    dir: PathBuf,
    profile_rel: String,
    plan: Plan,
    /// Shared with the thread that takes the local snapshot.
    rules: std::sync::Arc<Rules>,
    sink: &'a dyn Sink,
    host: &'a dyn Host,
}

/// What a watch starts from.
pub struct Setup {
    pub docker: Docker,
    /// The profile's directory: rule paths are relative to it.
    pub dir: PathBuf,
    pub profile_file: PathBuf,
    pub plan: Plan,
    pub rules: Rules,
    pub opts: Options,
}

pub async fn run(setup: Setup, sink: &dyn Sink, host: &dyn Host) -> Result<(), WatchError> {
    let Setup {
        docker,
        dir,
        profile_file,
        plan,
        rules,
        opts,
    } = setup;
    let profile_rel = profile_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut l = Loop {
        manifests: Default::default(),
        resolved: Default::default(),
        docker,
        dir,
        profile_rel,
        plan,
        rules: std::sync::Arc::new(rules),
        sink,
        host,
    };
    let (tx, mut files) = mpsc::unbounded_channel::<notify::Result<notify::Event>>();
    let mut watcher = l.watch(tx.clone())?;
    let (etx, mut engine) = mpsc::unbounded_channel::<EngineNote>();
    let events_task = tokio::spawn(engine_events(l.docker.clone(), l.plan.project.clone(), etx));

    l.rescan(None).await;
    l.sink.emit(Event::Info {
        message: format!(
            "watching {} rule{} (Ctrl-C stops)",
            l.rules.rules.len(),
            if l.rules.rules.len() == 1 { "" } else { "s" }
        ),
    });
    let mut batcher = Batcher::new(opts.quiet, opts.max_wait);
    // One listener for the whole loop: a Ctrl-C that arrives while an
    // action runs is kept and ends the loop right after it.
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let result = loop {
        let deadline = batcher.deadline();
        tokio::select! {
            ev = files.recv() => {
                let now = Instant::now();
                match ev {
                    Some(Ok(ev)) => {
                        if ev.need_rescan() {
                            batcher.need_rescan(now);
                        }
                        if !is_change(&ev.kind) {
                            continue;
                        }
                        for p in ev.paths {
                            if let Some(rel) = relative(&l.dir, &p) {
                                batcher.add(rel, now);
                            }
                        }
                    }
                    Some(Err(e)) => {
                        l.notice(format!("the file watcher reported an error ({e}); comparing everything"));
                        batcher.need_rescan(now);
                    }
                    None => break Err(WatchError::Stopped),
                }
            }
            note = engine.recv() => match note {
                Some(EngineNote::Started(service))
                    if l.rules.rules.iter().any(|r| r.service == service && r.action == WatchAction::Sync) =>
                {
                    l.rescan(Some(&service)).await;
                }
                Some(EngineNote::Started(_)) => {}
                Some(EngineNote::Lost(why)) => l.notice(format!("lost the engine ({why}); reconnecting")),
                Some(EngineNote::Back) => {
                    l.sink.emit(Event::Info { message: "the engine is back; comparing everything".into() });
                    l.rescan(None).await;
                }
                None => {}
            },
            _ = sleep_until(deadline), if deadline.is_some() => {
                if let Some(batch) = batcher.take(Instant::now())
                    && l.process(batch).await
                {
                    // The profile changed: watch what the new rules name.
                    match l.watch(tx.clone()) {
                        Ok(w) => watcher = w,
                        Err(e) => l.notice(crate::events::chain(&e)),
                    }
                    l.rescan(None).await;
                }
            }
            _ = &mut ctrl_c => break Ok(()),
        }
    };
    events_task.abort();
    drop(watcher);
    result
}

async fn sleep_until(deadline: Option<Instant>) {
    if let Some(d) = deadline {
        tokio::time::sleep_until(tokio::time::Instant::from_std(d)).await;
    }
}

/// Container starts of the project, from the engine's event stream;
/// reconnects with backoff when the engine goes away.
async fn engine_events(docker: Docker, project: String, tx: mpsc::UnboundedSender<EngineNote>) {
    let filters = HashMap::from([
        ("type", vec!["container".to_string()]),
        ("event", vec!["start".to_string()]),
        ("label", vec![format!("{}={project}", labels::PROJECT)]),
    ]);
    let mut lost = false;
    let mut backoff = Duration::from_millis(200);
    loop {
        // A ping first, so "back" is only said once the engine answers.
        if docker.ping().await.is_ok() {
            if lost {
                lost = false;
                backoff = Duration::from_millis(200);
                if tx.send(EngineNote::Back).is_err() {
                    return;
                }
            }
            let mut stream =
                docker.events(Some(EventsOptionsBuilder::new().filters(&filters).build()));
            while let Some(item) = stream.next().await {
                match item {
                    Ok(m) => {
                        let service = m
                            .actor
                            .and_then(|a| a.attributes)
                            .and_then(|a| a.get(labels::SERVICE).cloned());
                        if let Some(s) = service
                            && tx.send(EngineNote::Started(s)).is_err()
                        {
                            return;
                        }
                    }
                    Err(_) => break,
                }
            }
        }
        if !lost {
            lost = true;
            if tx
                .send(EngineNote::Lost("its event stream ended".into()))
                .is_err()
            {
                return;
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(2));
    }
}

impl Loop<'_> {
    fn notice(&self, message: String) {
        self.sink.emit(Event::Notice { message });
    }

    /// A new file watcher on the rules' roots and the profile's directory.
    fn watch(
        &self,
        tx: mpsc::UnboundedSender<notify::Result<notify::Event>>,
    ) -> Result<RecommendedWatcher, WatchError> {
        let mut w = RecommendedWatcher::new(
            move |res| {
                let _ = tx.send(res);
            },
            notify::Config::default().with_follow_symlinks(false),
        )
        .map_err(WatchError::Start)?;
        let mut watching_dir = false;
        for root in self.rules.roots() {
            let abs = self.dir.join(&root);
            if !abs.exists() {
                self.notice(format!(
                    "watch path `{root}` does not exist yet; nothing below it is watched until it does and the profile is saved"
                ));
                continue;
            }
            w.watch(&abs, RecursiveMode::Recursive)
                .map_err(|source| WatchError::Path {
                    path: abs.clone(),
                    source,
                })?;
            watching_dir |= root.is_empty();
        }
        if !watching_dir {
            // The profile itself: edits are re-validated and applied.
            w.watch(&self.dir, RecursiveMode::NonRecursive)
                .map_err(|source| WatchError::Path {
                    path: self.dir.clone(),
                    source,
                })?;
        }
        Ok(w)
    }

    /// Acts on one batch; true when the profile was reloaded.
    async fn process(&mut self, batch: Batch) -> bool {
        let latency_from = batch.since.unwrap_or_else(Instant::now);
        let mut reloaded = false;
        if batch.paths.contains(&self.profile_rel) {
            match self.host.reload() {
                Err(e) => self.notice(format!(
                    "the profile is invalid; still watching with the previous rules\n{}",
                    crate::events::chain(&e).trim_end()
                )),
                Ok((plan, rules)) => {
                    self.plan = plan;
                    self.rules = std::sync::Arc::new(rules);
                    reloaded = true;
                    self.sink.emit(Event::Info {
                        message: "the profile changed; applying it".into(),
                    });
                    if let Err(e) = self.host.converge(&self.plan).await {
                        let e = crate::events::chain(&e);
                        self.notice(format!("applying the changed profile failed: {e}"));
                    }
                }
            }
        }
        if batch.rescan {
            self.rescan(None).await;
            return reloaded;
        }
        // Every rule once per batch, with all of its paths.
        let mut by_rule: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for p in &batch.paths {
            for r in self.rules.matching(p) {
                by_rule.entry(r.index).or_default().insert(p.clone());
            }
        }
        let mut rebuilt = false;
        for (index, paths) in by_rule {
            let rule = &self.rules.rules[index];
            let t = Instant::now();
            let (files, removed) = match rule.action {
                WatchAction::Sync => self.sync_paths(rule, &paths).await,
                WatchAction::Restart => {
                    self.restart(rule).await;
                    (paths.len(), 0)
                }
                WatchAction::Rebuild => {
                    if !rebuilt {
                        rebuilt = true;
                        if let Err(e) = self.host.converge(&self.plan).await {
                            let e = crate::events::chain(&e);
                            self.notice(format!("rebuild of `{}` failed: {e}", rule.service));
                        }
                    }
                    (paths.len(), 0)
                }
                WatchAction::Run => {
                    self.run_command(rule).await;
                    (paths.len(), 0)
                }
            };
            self.sink.emit(Event::Batch {
                rule: index,
                action: action_name(rule.action),
                service: rule.service.clone(),
                files,
                removed,
                rescan: false,
                ms: t.elapsed().as_millis() as u64,
                latency_ms: latency_from.elapsed().as_millis() as u64,
            });
        }
        reloaded
    }

    fn container(&self, service: &str) -> Option<String> {
        self.plan.container(service).map(|c| c.name.clone())
    }

    /// Sends what exists of `paths`, removes what does not.
    async fn sync_paths(&self, rule: &Rule, paths: &BTreeSet<String>) -> (usize, usize) {
        let Some(container) = self.container(&rule.service) else {
            return (0, 0);
        };
        let mut uploads = Vec::new();
        let mut removed = Vec::new();
        for p in paths {
            let Some(dest) = rule.container_path(p) else {
                continue;
            };
            let abs = self.dir.join(p);
            match std::fs::symlink_metadata(&abs) {
                // A new directory: its files may have been written before
                // the watcher saw it, so everything in it is sent.
                Ok(m) if m.is_dir() => {
                    let (files, errors) = local::list_dir(&self.dir, p, &self.rules, rule);
                    for e in errors {
                        self.notice(format!("skipped {e}"));
                    }
                    uploads.extend(files.into_iter().filter_map(|rel| {
                        Some(Upload {
                            container_path: rule.container_path(&rel)?,
                            abs: self.dir.join(rel),
                        })
                    }));
                }
                Ok(_) => uploads.push(Upload {
                    abs,
                    container_path: dest,
                }),
                // Gone here: what itp-dev synced there goes too (a deleted
                // directory: the files it synced below it), nothing else.
                Err(_) => removed.extend(self.with_manifest(rule, |m| m.at_or_below(&dest))),
            }
        }
        self.apply_sync(rule, &container, uploads, removed).await
    }

    fn with_manifest<R>(&self, rule: &Rule, f: impl FnOnce(&mut Manifest) -> R) -> R {
        let target = rule.target.clone().unwrap_or_default();
        let mut all = self.manifests.lock().expect("not poisoned");
        let m = all
            .entry((rule.service.clone(), target.clone()))
            .or_insert_with(|| Manifest::load(&self.plan.project, &rule.service, &target));
        f(m)
    }

    async fn apply_sync(
        &self,
        rule: &Rule,
        container: &str,
        uploads: Vec<Upload>,
        removed: Vec<String>,
    ) -> (usize, usize) {
        let target = rule.target.as_deref().unwrap_or("/");
        // Before anything is written: a synced directory replaced here by a
        // file or symlink loses its synced files first (so the upload never
        // replaces a directory holding other files), and a synced file or
        // symlink replaced here by a directory goes first (so nothing is
        // ever written through a symlink, to wherever it points).
        let mut removed = removed;
        for u in &uploads {
            self.with_manifest(rule, |m| {
                removed.extend(
                    m.at_or_below(&u.container_path)
                        .into_iter()
                        .filter(|f| *f != u.container_path),
                );
                removed.extend(m.ancestors_of(&u.container_path));
            });
        }
        removed.sort();
        removed.dedup();
        let removed = self.still_as_sent(rule, container, removed).await;
        if !removed.is_empty() {
            if let Err(e) = sync::remove(&self.docker, container, target, &removed).await {
                let e = crate::events::chain(&e);
                self.notice(format!(
                    "could not remove files in `{}` ({e}); tried again at the next change or start of the watch",
                    rule.service
                ));
                return (0, 0);
            }
            self.with_manifest(rule, |m| m.forget(&removed));
        }
        let uploads = self.not_clobbering(rule, uploads);
        if uploads.is_empty() {
            return (0, removed.len());
        }
        let user = self
            .plan
            .container(&rule.service)
            .and_then(|c| c.user.as_deref());
        let dests: BTreeMap<PathBuf, String> = uploads
            .iter()
            .map(|u| (u.abs.clone(), u.container_path.clone()))
            .collect();
        let owner = sync::Owner::of(user);
        let report = match sync::upload(&self.docker, container, uploads.clone(), owner).await {
            Ok(r) => r,
            // The engine refused the archive (a directory where a file
            // goes, or the reverse, that is not itp-dev's): send file by
            // file, so one such path does not hold back the others.
            Err(_) => {
                let mut each = sync::Uploaded::default();
                for u in uploads {
                    match sync::upload(&self.docker, container, vec![u.clone()], owner).await {
                        Ok(r) => {
                            each.files += r.files;
                            each.hashes.extend(r.hashes);
                            each.skipped.extend(r.skipped);
                        }
                        Err(e) => each.skipped.push((
                            u.abs.clone(),
                            format!(
                                "`{}` there cannot be replaced ({})",
                                u.container_path,
                                crate::events::chain(&e)
                            ),
                        )),
                    }
                }
                each
            }
        };
        let sent: Vec<(String, String)> = report
            .hashes
            .iter()
            .filter_map(|(abs, hash)| Some((dests.get(abs)?.clone(), hash.clone())))
            .collect();
        self.with_manifest(rule, |m| m.add(sent));
        for (p, why) in &report.skipped {
            self.notice(format!("skipped {}: {why}", p.display()));
        }
        (report.files, removed.len())
    }

    /// Of files itp-dev synced and means to remove, those that are still
    /// what it sent. One that was edited there since is someone's now: it
    /// is left, said, and forgotten by the manifest.
    async fn still_as_sent(&self, rule: &Rule, container: &str, files: Vec<String>) -> Vec<String> {
        if files.is_empty() {
            return files;
        }
        let there = match sync::hashes_of(&self.docker, container, &files).await {
            Ok(h) => h,
            Err(e) => {
                let e = crate::events::chain(&e);
                self.notice(format!(
                    "could not check files in `{}` before removing them ({e}); it is synced again when it starts",
                    rule.service
                ));
                return vec![];
            }
        };
        let mut keep = Vec::new();
        let mut changed = Vec::new();
        for f in files {
            match there.get(&f) {
                // Gone already: nothing to remove.
                None => changed.push(f),
                Some(h) if self.with_manifest(rule, |m| m.hash_of(&f) == Some(h.as_str())) => {
                    keep.push(f)
                }
                Some(_) => {
                    self.notice(format!(
                        "left `{f}` in `{}`: it changed there since itp-dev synced it",
                        rule.service
                    ));
                    changed.push(f);
                }
            }
        }
        self.with_manifest(rule, |m| m.forget(&changed));
        keep
    }

    /// Uploads that would destroy what is not itp-dev's are dropped, with a
    /// notice: in a target backed by a host directory (a bind mount, the
    /// repository), a file itp-dev did not sync there, or a directory, is
    /// the user's and is never overwritten. (Elsewhere in a container, a
    /// file the image put there is what a sync is for; the engine is told
    /// never to replace a directory by a file.)
    fn not_clobbering(&self, rule: &Rule, uploads: Vec<Upload>) -> Vec<Upload> {
        let Some(c) = self.plan.container(&rule.service) else {
            return uploads;
        };
        let target = rule.target.clone().unwrap_or_default();
        let real = self
            .resolved
            .lock()
            .expect("not poisoned")
            .get(&(rule.service.clone(), target.clone()))
            .cloned();
        uploads
            .into_iter()
            .filter(|u| {
                // Through a symlinked target, a write lands where it points.
                let landing = match (&real, u.container_path.strip_prefix(target.trim_end_matches('/'))) {
                    (Some(r), Some(rest)) => format!("{}{rest}", r.trim_end_matches('/')),
                    _ => u.container_path.clone(),
                };
                let Some(host) = host_path(c, &landing) else {
                    return true;
                };
                let Ok(meta) = std::fs::symlink_metadata(&host) else {
                    return true;
                };
                let ours = !meta.is_dir() && self.with_manifest(rule, |m| m.contains(&u.container_path));
                if !ours {
                    self.notice(format!(
                        "not synced `{}`: `{}` is on the host ({}) and itp-dev did not put it there; move it away or choose another target",
                        relative_display(&self.dir, &u.abs),
                        u.container_path,
                        host.display()
                    ));
                }
                ours
            })
            .collect()
    }

    /// Compares the container's files with the local ones and syncs the
    /// difference, for every sync rule (of `service`, when given).
    async fn rescan(&self, service: Option<&str>) {
        for (i, rule) in self.rules.rules.iter().enumerate() {
            if rule.action != WatchAction::Sync || service.is_some_and(|s| s != rule.service) {
                continue;
            }
            let (Some(container), Some(target)) = (self.container(&rule.service), &rule.target)
            else {
                continue;
            };
            let t = Instant::now();
            // This side's snapshot (a stat per file) on its own thread while
            // the container hashes its side: on a large tree both take long.
            let local = {
                let (dir, rules) = (self.dir.clone(), self.rules.clone());
                tokio::task::spawn_blocking(move || local::snapshot(&dir, &rules, &rules.rules[i]))
            };
            let there = sync::remote_tree(&self.docker, &container, target).await;
            let (here, errors) = local.await.expect("the snapshot does not panic");
            for e in errors {
                self.notice(format!("skipped {e}"));
            }
            let there = match there {
                Ok(tree) => {
                    if let Some(r) = tree.resolved {
                        self.resolved
                            .lock()
                            .expect("not poisoned")
                            .insert((rule.service.clone(), target.clone()), r);
                    }
                    tree.hashes
                }
                Err(e) => {
                    let e = crate::events::chain(&e);
                    self.notice(format!(
                        "`{}` cannot be compared now ({e}); it is synced when it starts",
                        rule.service
                    ));
                    continue;
                }
            };
            let mut uploads = Vec::new();
            for (rel, hash) in &here {
                let dest = rule.container_path(rel);
                let below = dest
                    .as_deref()
                    .and_then(|d| d.strip_prefix(target.trim_end_matches('/')))
                    .map(|b| b.trim_start_matches('/').to_string());
                let same = match (&there, &below) {
                    (Some(m), Some(b)) => m.get(b) == Some(hash),
                    _ => false,
                };
                if let (false, Some(dest)) = (same, dest) {
                    uploads.push(Upload {
                        abs: self.dir.join(rel),
                        container_path: dest,
                    });
                }
            }
            // What itp-dev synced there and is gone here (deleted while
            // nobody watched) goes; anything else there is not itp-dev's.
            let mut removed = Vec::new();
            let mut left_alone = 0;
            if let Some(m) = &there {
                for below in m.keys() {
                    let in_sync = rule.local_path(below).is_some_and(|local| {
                        rule.matches(&local)
                            && !self.rules.ignored(&local, false)
                            && here.contains_key(&local)
                    });
                    if in_sync {
                        continue;
                    }
                    let path = format!("{}/{below}", target.trim_end_matches('/'));
                    if self.with_manifest(rule, |m| m.contains(&path)) {
                        removed.push(path);
                    } else {
                        left_alone += 1;
                    }
                }
            }
            if left_alone > 0 {
                self.sink.emit(Event::Info {
                    message: format!(
                        "{left_alone} file{} in `{target}` of `{}` {} not synced by itp-dev; left alone",
                        if left_alone == 1 { "" } else { "s" },
                        rule.service,
                        if left_alone == 1 { "was" } else { "were" },
                    ),
                });
            }
            let (files, gone) = if uploads.is_empty() && removed.is_empty() {
                (0, 0)
            } else {
                self.apply_sync(rule, &container, uploads, removed).await
            };
            self.sink.emit(Event::Batch {
                rule: rule.index,
                action: "sync",
                service: rule.service.clone(),
                files,
                removed: gone,
                rescan: true,
                ms: t.elapsed().as_millis() as u64,
                latency_ms: t.elapsed().as_millis() as u64,
            });
        }
    }

    async fn restart(&self, rule: &Rule) {
        let Some(container) = self.container(&rule.service) else {
            return;
        };
        if let Err(e) = self
            .docker
            .restart_container(
                &container,
                Some(RestartContainerOptionsBuilder::new().t(10).build()),
            )
            .await
        {
            self.notice(format!(
                "could not restart `{}`: {}",
                rule.service,
                crate::docker::errors::message(&e)
            ));
        }
    }

    async fn run_command(&self, rule: &Rule) {
        let (Some(container), Some(cmd)) = (self.container(&rule.service), &rule.command) else {
            return;
        };
        let shown = cmd.join(" ");
        match hooks::run(
            &self.docker,
            &container,
            &rule.service,
            "watch",
            cmd.clone(),
            &shown,
            self.sink,
        )
        .await
        {
            Ok(r) if r.exit_code != 0 => self.notice(format!(
                "`{shown}` in `{}` exited {}",
                rule.service, r.exit_code
            )),
            Ok(_) => {}
            Err(e) => self.notice(format!(
                "could not run `{shown}` in `{}`: {}",
                rule.service,
                crate::events::chain(&e)
            )),
        }
    }
}

/// Only what changes a file counts: reading one (as a sync does) must not
/// trigger another sync.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

fn action_name(a: WatchAction) -> &'static str {
    match a {
        WatchAction::Sync => "sync",
        WatchAction::Restart => "restart",
        WatchAction::Rebuild => "rebuild",
        WatchAction::Run => "run",
    }
}

/// Where a container path lives on the host, when a bind mount puts it
/// there (the dev container's repository mount, a service's `./dir:/path`).
fn host_path(c: &crate::plan::ContainerPlan, container_path: &str) -> Option<PathBuf> {
    let p = std::path::Path::new(container_path);
    c.mounts
        .iter()
        .filter(|m| m.kind == crate::plan::MountKind::Bind)
        .filter_map(|m| Some((m, p.strip_prefix(&m.target).ok()?)))
        .max_by_key(|(m, _)| m.target.len())
        .map(|(m, rest)| PathBuf::from(&m.source).join(rest))
}

fn relative_display(dir: &std::path::Path, abs: &std::path::Path) -> String {
    abs.strip_prefix(dir).unwrap_or(abs).display().to_string()
}
