//! Pushing: server-side apply of each object, pruning what the plan no
//! longer has, and waiting for the workloads' rollouts (with the reason
//! when one is stuck).

use kube::api::DynamicObject;

use super::*;
use crate::k8s::kinds::{Kind, NAMESPACED};

impl Cluster {
    /// Server-side apply of one object (any kind: typed, or dynamic through
    /// the kinds table); whether it was created, changed or left as it was.
    /// With `owner`, an existing object that is not that project's (made by
    /// someone else, or by another project) is refused, never taken over.
    pub(super) async fn apply_one<K, T>(
        &self,
        api: Api<K>,
        what: &str,
        name: &str,
        obj: &T,
        dry_run: bool,
        owner: Option<(&str, &str)>,
    ) -> Result<Outcome, ClusterError>
    where
        K: kube::Resource + Clone + DeserializeOwned + Serialize + std::fmt::Debug,
        T: Serialize + std::fmt::Debug,
    {
        let existing = api.get_opt(name).await.map_err(|e| api_error(what, e))?;
        let content_before = existing.as_ref().map(content);
        if let (Some(o), Some((project, ns))) = (&existing, owner)
            && !decide::owned(o.meta().labels.as_ref(), project)
        {
            return Err(ClusterError::Refused(format!(
                "{what} exists in `{ns}` and is not itp-dev's for `{project}`; it is left alone: rename the service in the profile, or remove that object yourself"
            )));
        }
        let before = existing.and_then(|o| o.meta().resource_version.clone());
        let mut pp = PatchParams::apply(FIELD_MANAGER).force();
        if dry_run {
            pp = pp.dry_run();
        }
        let after = api
            .patch(name, &pp, &Patch::Apply(obj))
            .await
            .map_err(|e| api_error(what, e))?;
        Ok(match before {
            None => Outcome::Created,
            // A dry run stores nothing, so the version never moves: what
            // the object would become is compared with what it is.
            Some(_) if dry_run => {
                if content_before == Some(content(&after)) {
                    Outcome::Unchanged
                } else {
                    Outcome::Changed
                }
            }
            Some(v) if after.meta().resource_version.as_deref() == Some(v.as_str()) => {
                Outcome::Unchanged
            }
            Some(_) => Outcome::Changed,
        })
    }

    fn dynamic(&self, ns: &str, kind: &Kind) -> Api<DynamicObject> {
        Api::namespaced_with(self.client.clone(), ns, &kind.resource())
    }

    /// Applies every object but the Namespace, in order; objects of the
    /// same name that are not `project`'s are refused.
    pub async fn apply(
        &self,
        ns: &str,
        project: &str,
        objects: &[Object],
        dry_run: bool,
    ) -> Result<Vec<(String, Outcome)>, ClusterError> {
        let mut out = Vec::new();
        for o in objects {
            if matches!(o, Object::Namespace(_)) {
                continue;
            }
            let kind = Kind::named(o.kind()).expect("every rendered kind is in the kinds table");
            let name = o.name();
            let what = format!("{} `{name}`", o.kind());
            let outcome = self
                .apply_one(
                    self.dynamic(ns, kind),
                    &what,
                    &name,
                    &o.to_json(),
                    dry_run,
                    Some((project, ns)),
                )
                .await?;
            out.push((o.key(), outcome));
        }
        Ok(out)
    }

    /// `Kind/name` of every object of the project in `ns`.
    async fn owned(&self, ns: &str, project: &str) -> Result<BTreeSet<String>, ClusterError> {
        let lp = ListParams::default().labels(&format!(
            "{}={},{}={project}",
            labels::MANAGED_BY,
            labels::MANAGER,
            labels::PART_OF
        ));
        let mut keys = BTreeSet::new();
        for kind in &NAMESPACED {
            let listed = match self.dynamic(ns, kind).list(&lp).await {
                Ok(l) => l.items,
                // A server without this kind's API (Ingress before 1.19)
                // holds none of it: nothing of ours to prune there.
                Err(kube::Error::Api(s)) if s.code == 404 => Vec::new(),
                Err(e) => return Err(api_error(&format!("listing {}", kind.kind), e)),
            };
            for o in listed {
                if decide::owned(o.metadata.labels.as_ref(), project) {
                    keys.insert(format!(
                        "{}/{}",
                        kind.kind,
                        o.metadata.name.clone().unwrap_or_default()
                    ));
                }
            }
        }
        Ok(keys)
    }

    /// The project's volume claims in `ns`: what `prune` and `down` keep.
    pub async fn claims(&self, ns: &str, project: &str) -> Result<Vec<String>, ClusterError> {
        Ok(self
            .owned(ns, project)
            .await?
            .into_iter()
            .filter(|k| k.starts_with("PersistentVolumeClaim/"))
            .collect())
    }

    /// Deletes the project's objects the plan no longer has.
    pub async fn prune(
        &self,
        ns: &str,
        project: &str,
        planned: &BTreeSet<String>,
        dry_run: bool,
    ) -> Result<Vec<String>, ClusterError> {
        let gone = decide::prune(&self.owned(ns, project).await?, planned);
        if dry_run {
            return Ok(gone);
        }
        for key in &gone {
            let (kind, name) = key.split_once('/').unwrap_or(("", key));
            let Some(kind) = Kind::named(kind) else {
                continue;
            };
            // In the background, so a Job's or Deployment's pods go with it
            // (a Job's default would leave them).
            self.dynamic(ns, kind)
                .delete(name, &DeleteParams::background())
                .await
                .map_err(|e| api_error(&format!("deleting {key}"), e))?;
        }
        Ok(gone)
    }

    /// Waits until every workload's rollout is complete; `progress` hears
    /// each change. On timeout, the reason from pod status and events.
    pub async fn wait(
        &self,
        ns: &str,
        workloads: &[(String, String)],
        timeout: Duration,
        sink: &dyn crate::events::Sink,
    ) -> Result<(), ClusterError> {
        let begun = Instant::now();
        let mut last: BTreeMap<String, String> = BTreeMap::new();
        let mut replaced: BTreeSet<String> = BTreeSet::new();
        loop {
            let mut pending = Vec::new();
            for (kind, name) in workloads {
                let status = if kind == "StatefulSet" {
                    let s = Api::<StatefulSet>::namespaced(self.client.clone(), ns)
                        .get(name)
                        .await
                        .map_err(|e| api_error(&format!("{kind} `{name}`"), e))?;
                    let st = s.status.unwrap_or_default();
                    if let Some(update) = st.update_revision.as_deref()
                        && st.current_revision.as_deref() != Some(update)
                        && !replaced.contains(name)
                        && self.replace_stuck_pod(ns, name, update).await?
                    {
                        replaced.insert(name.clone());
                        sink.emit(crate::events::Event::Rollout {
                            workload: name.clone(),
                            state: "replacing its pod: it runs the old revision and is not ready"
                                .into(),
                        });
                    }
                    decide::RolloutStatus {
                        generation: s.metadata.generation,
                        observed_generation: st.observed_generation,
                        desired: s.spec.and_then(|s| s.replicas).unwrap_or(1),
                        replicas: Some(st.replicas),
                        updated: st.updated_replicas,
                        ready: st.ready_replicas,
                        available: None,
                        current_revision: st.current_revision,
                        update_revision: st.update_revision,
                    }
                } else {
                    let d = Api::<Deployment>::namespaced(self.client.clone(), ns)
                        .get(name)
                        .await
                        .map_err(|e| api_error(&format!("{kind} `{name}`"), e))?;
                    let st = d.status.unwrap_or_default();
                    decide::RolloutStatus {
                        generation: d.metadata.generation,
                        observed_generation: st.observed_generation,
                        desired: d.spec.and_then(|s| s.replicas).unwrap_or(1),
                        replicas: st.replicas,
                        updated: st.updated_replicas,
                        ready: st.ready_replicas,
                        available: st.available_replicas,
                        ..Default::default()
                    }
                };
                let done = decide::rollout_complete(&status);
                let state = if done {
                    "ready".to_string()
                } else {
                    format!(
                        "{}/{} updated and ready",
                        status.updated.unwrap_or(0).min(status.ready.unwrap_or(0)),
                        status.desired
                    )
                };
                if last.get(name) != Some(&state) {
                    sink.emit(crate::events::Event::Rollout {
                        workload: name.clone(),
                        state: state.clone(),
                    });
                    last.insert(name.clone(), state);
                }
                if !done {
                    pending.push(name.clone());
                }
            }
            if pending.is_empty() {
                return Ok(());
            }
            if begun.elapsed() > timeout {
                let mut reasons = Vec::new();
                for name in &pending {
                    reasons.push(format!("{name}: {}", self.why_stuck(ns, name).await));
                }
                return Err(ClusterError::NotReady {
                    seconds: timeout.as_secs(),
                    reasons: reasons.join("; "),
                });
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// A StatefulSet does not replace a pod that is not ready (its ordered
    /// rollout waits for it first), so a broken revision, once fixed, never
    /// rolls out by itself: the pod on the old revision that is not ready
    /// is deleted, and the controller makes it anew at `update`. True when
    /// one was.
    async fn replace_stuck_pod(
        &self,
        ns: &str,
        name: &str,
        update: &str,
    ) -> Result<bool, ClusterError> {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let list = pods
            .list(&ListParams::default().labels(&pods_selector(name)))
            .await
            .map_err(|e| api_error("listing pods", e))?;
        for p in list {
            let revision = p
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("controller-revision-hash"))
                .map(String::as_str);
            if revision.is_some() && revision != Some(update) && !is_ready(&p) {
                let pod = p.metadata.name.clone().unwrap_or_default();
                pods.delete(&pod, &Default::default())
                    .await
                    .map_err(|e| api_error(&format!("pod `{pod}`"), e))?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(super) async fn why_stuck(&self, ns: &str, service: &str) -> String {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let lp = ListParams::default().labels(&pods_selector(service));
        let mut facts = Vec::new();
        let ev: Api<KEvent> = Api::namespaced(self.client.clone(), ns);
        for p in pods.list(&lp).await.map(|l| l.items).unwrap_or_default() {
            let mut f = pod_facts(&p);
            let name = p.metadata.name.clone().unwrap_or_default();
            let lp = ListParams::default().fields(&format!("involvedObject.name={name}"));
            if let Ok(list) = ev.list(&lp).await {
                f.events = list
                    .into_iter()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e.reason.unwrap_or_default(),
                            e.message.unwrap_or_default()
                        )
                    })
                    .collect();
            }
            facts.push(f);
        }
        decide::stuck_reason(&facts).unwrap_or_else(|| "still starting (no error reported)".into())
    }
}

/// An object as its owner wrote it: without the server's bookkeeping
/// (versions, managed fields, timestamps) and status.
fn content<K: Serialize>(o: &K) -> serde_json::Value {
    let mut v = serde_json::to_value(o).unwrap_or_default();
    if let Some(m) = v.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        for k in [
            "managedFields",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "uid",
            "selfLink",
        ] {
            m.remove(k);
        }
    }
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
    }
    v
}

/// What `decide::stuck_reason` needs of a pod's status.
pub(super) fn pod_facts(p: &Pod) -> decide::PodFacts {
    let mut f = decide::PodFacts::default();
    let Some(status) = &p.status else {
        return f;
    };
    f.unscheduled = status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "PodScheduled" && c.status == "False")
        .map(|c| {
            c.message
                .clone()
                .unwrap_or_else(|| c.reason.clone().unwrap_or_default())
        });
    let inits = status.init_container_statuses.iter().flatten();
    let mains = status.container_statuses.iter().flatten();
    for (is_init, cs) in inits.map(|c| (true, c)).chain(mains.map(|c| (false, c))) {
        let state = cs.state.as_ref();
        if let Some(w) = state.and_then(|s| s.waiting.as_ref()) {
            f.waiting.push((
                w.reason.clone().unwrap_or_default(),
                w.message.clone().unwrap_or_default(),
            ));
        }
        if is_init && state.and_then(|s| s.running.as_ref()).is_some() {
            f.init_running.push(cs.name.clone());
        }
        // Between two restarts a crashing container is terminated, not
        // waiting: its exit (now, or the last one) says it crashes.
        let ended = state
            .and_then(|s| s.terminated.as_ref())
            .or_else(|| cs.last_state.as_ref().and_then(|s| s.terminated.as_ref()));
        // A long-running service that exits 0 is restarted too: that
        // counts, once it has happened.
        if let Some(t) = ended.filter(|t| t.exit_code != 0 || cs.restart_count > 0) {
            f.last_exit = Some((t.exit_code, t.reason.clone().unwrap_or_default()));
        }
    }
    f
}
