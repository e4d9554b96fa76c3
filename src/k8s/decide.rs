//! What `k8s push` decides, as pure functions of what the API returned.

use std::collections::BTreeSet;

use super::labels;

/// Whether an object (by its labels) belongs to this project and itp-dev.
pub fn owned(
    obj_labels: Option<&std::collections::BTreeMap<String, String>>,
    project: &str,
) -> bool {
    obj_labels.is_some_and(|l| {
        l.get(labels::MANAGED_BY).map(String::as_str) == Some(labels::MANAGER)
            && l.get(labels::PART_OF).map(String::as_str) == Some(project)
    })
}

/// Objects to delete: owned ones (`kind/name`) the plan no longer has,
/// except volume claims. Their data is the user's, as a named volume is
/// kept locally when it leaves the profile; deleting the namespace
/// (`k8s down` of one itp-dev made) is what removes them.
pub fn prune(owned_now: &BTreeSet<String>, planned: &BTreeSet<String>) -> Vec<String> {
    owned_now
        .difference(planned)
        .filter(|k| !k.starts_with("PersistentVolumeClaim/"))
        .cloned()
        .collect()
}

/// What a workload's status says of its rollout.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RolloutStatus {
    pub generation: Option<i64>,
    pub observed_generation: Option<i64>,
    pub desired: i32,
    /// All pods, old and new.
    pub replicas: Option<i32>,
    pub updated: Option<i32>,
    pub ready: Option<i32>,
    /// Deployments: pods ready for `minReadySeconds`.
    pub available: Option<i32>,
    /// StatefulSets: the revision the pods run, and the one they should.
    pub current_revision: Option<String>,
    pub update_revision: Option<String>,
}

/// Complete as `kubectl rollout status` sees it: the controller has seen
/// the latest spec, every replica runs it, no old pod is left, and the
/// new ones are ready. (Counting ready pods alone takes an old pod that
/// still serves for a new one that crashes.)
pub fn rollout_complete(s: &RolloutStatus) -> bool {
    let n = |v: Option<i32>| v.unwrap_or(0);
    let seen = s.observed_generation >= s.generation;
    let updated = n(s.updated) >= s.desired;
    let no_old = n(s.replicas) <= n(s.updated);
    let ready = n(s.ready) >= s.desired && s.available.is_none_or(|a| a >= s.desired);
    let revision = match (&s.current_revision, &s.update_revision) {
        (Some(c), Some(u)) => c == u,
        _ => true,
    };
    seen && updated && no_old && ready && revision
}

/// What the API says about one pod that is not ready: the facts
/// `stuck_reason` reads, gathered by the cluster code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PodFacts {
    /// The `PodScheduled` condition is False: its message (e.g. "0/1 nodes
    /// are available: 1 Insufficient cpu.").
    pub unscheduled: Option<String>,
    /// Containers (init ones included) waiting, with reason and message.
    pub waiting: Vec<(String, String)>,
    /// Init containers that are running: the pod waits on them.
    pub init_running: Vec<String>,
    /// The last exit of a container that restarted: (code, reason).
    pub last_exit: Option<(i32, String)>,
    /// The pod's events: `REASON message`, oldest first.
    pub events: Vec<String>,
}

/// Why a workload is not ready, from its pods, in words a user acts on;
/// `None` when nothing is wrong that the API can tell (still starting).
pub fn stuck_reason(pods: &[PodFacts]) -> Option<String> {
    if pods.is_empty() {
        return Some(
            "no pod was created (see `kubectl describe` of its ReplicaSet or StatefulSet)".into(),
        );
    }
    for p in pods {
        if let Some(m) = &p.unscheduled {
            let fix = if m.contains("PersistentVolumeClaim") {
                "a volume it claims is not bound: the cluster has no volume for it (see `kubernetes.storage_class`)"
            } else if m.contains("Insufficient") {
                "lower `resources` in the profile, or ask for room in the cluster"
            } else {
                "see the node's taints and the pod's constraints"
            };
            return Some(format!("not scheduled: {m} ({fix})"));
        }
    }
    for p in pods {
        for (reason, message) in &p.waiting {
            let why = match reason.as_str() {
                "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" | "ErrImageNeverPull" => {
                    "the image cannot be pulled (check the registry, the tag and pull credentials)"
                        .to_string()
                }
                "CrashLoopBackOff" => {
                    let exit = p.last_exit.as_ref().map_or(String::new(), |(code, r)| {
                        format!(", last exit code {code} ({r})")
                    });
                    let hint = if matches!(p.last_exit, Some((0, _))) {
                        "a service must keep running; `once = true` marks a task that is meant to end"
                    } else {
                        "see `itp-dev k8s logs`"
                    };
                    format!("the container keeps crashing{exit} ({hint})")
                }
                "CreateContainerConfigError" | "CreateContainerError" => {
                    format!("the container cannot be created: {}", first_line(message))
                }
                _ => continue,
            };
            return Some(format!("{reason}: {why}"));
        }
    }
    for p in pods {
        if let Some((code, reason)) = &p.last_exit {
            let hint = if *code == 0 {
                "a service must keep running; `once = true` marks a task that is meant to end"
            } else {
                "see `itp-dev k8s logs`"
            };
            return Some(format!(
                "the container exits with code {code} ({reason}) and is restarted ({hint})"
            ));
        }
    }
    for p in pods {
        if let Some(dep) = p
            .init_running
            .iter()
            .find_map(|n| n.strip_prefix("wait-for-"))
        {
            return Some(format!(
                "waiting for `{dep}` to accept connections (its pods are not ready, or its name does not resolve)"
            ));
        }
    }
    for p in pods {
        for e in p.events.iter().rev() {
            if let Some((_, said)) = e.split_once("Readiness probe failed:") {
                let said = first_line(said);
                return Some(if said.is_empty() {
                    "the healthcheck (readiness probe) fails, saying nothing".to_string()
                } else {
                    format!("the healthcheck (readiness probe) fails: {said}")
                });
            }
        }
    }
    None
}

/// An event or message's first line: tools print usage texts on failure.
fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default().trim()
}

/// Whether a namespace's `itp.dev/expires-at` (RFC 3339) has passed.
pub fn expired(expires_at: Option<&str>, now: std::time::SystemTime) -> bool {
    expires_at
        .and_then(|e| humantime::parse_rfc3339_weak(e.trim_end_matches('Z')).ok())
        .is_some_and(|t| t <= now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn ownership_needs_both_labels() {
        let mut l = BTreeMap::new();
        assert!(!owned(None, "p"));
        l.insert(labels::MANAGED_BY.to_string(), "itp-dev".to_string());
        assert!(!owned(Some(&l), "p"));
        l.insert(labels::PART_OF.to_string(), "p".to_string());
        assert!(owned(Some(&l), "p"));
        assert!(!owned(Some(&l), "q"), "another project's");
    }

    #[test]
    fn prune_only_what_is_owned_and_gone() {
        let now: BTreeSet<String> = [
            "Deployment/a",
            "Deployment/b",
            "Service/a",
            "PersistentVolumeClaim/data",
        ]
        .map(String::from)
        .into();
        let planned: BTreeSet<String> = ["Deployment/a", "Service/a", "Service/c"]
            .map(String::from)
            .into();
        assert_eq!(
            prune(&now, &planned),
            ["Deployment/b"],
            "a claim that left the profile keeps its data"
        );
    }

    #[test]
    fn rollouts() {
        let done = RolloutStatus {
            generation: Some(2),
            observed_generation: Some(2),
            desired: 1,
            replicas: Some(1),
            updated: Some(1),
            ready: Some(1),
            available: Some(1),
            ..Default::default()
        };
        assert!(rollout_complete(&done));
        let with = |f: fn(&mut RolloutStatus)| {
            let mut s = done.clone();
            f(&mut s);
            rollout_complete(&s)
        };
        assert!(!with(|s| s.generation = Some(3)), "old spec seen");
        assert!(!with(|s| s.ready = Some(0)), "not ready");
        // The old pod still serves while the new one crashes.
        assert!(
            !with(|s| {
                s.replicas = Some(2);
                s.available = Some(1);
                s.ready = Some(1);
            }),
            "an old pod is left"
        );
        assert!(
            !with(|s| {
                s.available = None;
                s.current_revision = Some("db-1".into());
                s.update_revision = Some("db-2".into());
            }),
            "a StatefulSet pod on the old revision"
        );
        assert!(!with(|s| {
            s.updated = None;
            s.ready = None;
        }));
    }

    #[test]
    fn expiry() {
        let now = humantime::parse_rfc3339("2026-11-25T12:00:00Z").unwrap();
        assert!(expired(Some("2026-11-25T11:59:59Z"), now));
        assert!(!expired(Some("2026-11-26T00:00:00Z"), now));
        assert!(!expired(None, now), "no expiry: kept");
        assert!(!expired(Some("garbage"), now), "unreadable: kept");
    }

    #[test]
    fn reasons() {
        let pod = |f: fn(&mut PodFacts)| {
            let mut p = PodFacts::default();
            f(&mut p);
            vec![p]
        };
        let r = |pods: Vec<PodFacts>| stuck_reason(&pods).unwrap_or_default();
        assert!(
            r(pod(
                |p| p.waiting = vec![("ImagePullBackOff".into(), String::new())]
            ))
            .contains("cannot be pulled")
        );
        assert!(
            r(pod(|p| {
                p.unscheduled = Some("0/1 nodes are available: 1 Insufficient cpu.".into());
                p.events = vec!["FailedScheduling 0/1 nodes".into()];
            }))
            .starts_with("not scheduled: 0/1 nodes are available: 1 Insufficient cpu.")
        );
        let crash = r(pod(|p| {
            p.waiting = vec![("CrashLoopBackOff".into(), "back-off".into())];
            p.last_exit = Some((3, "Error".into()));
        }));
        assert!(
            crash.contains("keeps crashing, last exit code 3"),
            "{crash}"
        );
        let done_too_soon = r(pod(|p| p.last_exit = Some((0, "Completed".into()))));
        assert!(done_too_soon.contains("`once = true`"), "{done_too_soon}");
        let probe = r(pod(|p| {
            p.events = vec!["Unhealthy Readiness probe failed: nc: bad\nUsage: nc ...".into()]
        }));
        assert_eq!(probe, "the healthcheck (readiness probe) fails: nc: bad");
        assert!(
            r(pod(|p| p.init_running = vec!["wait-for-db".into()])).contains("waiting for `db`")
        );
        assert!(r(vec![]).starts_with("no pod"));
        assert_eq!(
            stuck_reason(&pod(
                |p| p.waiting = vec![("ContainerCreating".into(), String::new())]
            )),
            None
        );
    }
}
