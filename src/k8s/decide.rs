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

/// Objects to delete: owned ones (`kind/name`) the plan no longer has.
pub fn prune(owned_now: &BTreeSet<String>, planned: &BTreeSet<String>) -> Vec<String> {
    owned_now.difference(planned).cloned().collect()
}

/// A Deployment or StatefulSet is ready when the controller has seen the
/// latest spec and every replica is updated and ready.
pub fn rollout_complete(
    generation: Option<i64>,
    observed_generation: Option<i64>,
    desired: i32,
    updated: Option<i32>,
    ready: Option<i32>,
) -> bool {
    observed_generation >= generation
        && updated.unwrap_or(0) >= desired
        && ready.unwrap_or(0) >= desired
}

/// Why a pod is not ready, from its container statuses and events, in the
/// words a user acts on.
pub fn stuck_reason(waiting_reasons: &[String], events: &[String]) -> Option<String> {
    for r in waiting_reasons {
        let why = match r.as_str() {
            "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" => {
                "the image cannot be pulled (check the registry, the tag and pull credentials)"
            }
            "CrashLoopBackOff" => "the container keeps crashing (see `itp-dev k8s logs`)",
            "CreateContainerConfigError" => "a ConfigMap or Secret it needs is missing",
            _ => continue,
        };
        return Some(format!("{r}: {why}"));
    }
    for e in events {
        if e.contains("FailedScheduling") {
            return Some(format!("unschedulable: {e}"));
        }
        if e.contains("Readiness probe failed") || e.contains("Unhealthy") {
            return Some(format!("failing readiness probe: {e}"));
        }
    }
    None
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
        let now: BTreeSet<String> = ["Deployment/a", "Deployment/b", "Service/a"]
            .map(String::from)
            .into();
        let planned: BTreeSet<String> = ["Deployment/a", "Service/a", "Service/c"]
            .map(String::from)
            .into();
        assert_eq!(prune(&now, &planned), ["Deployment/b"]);
    }

    #[test]
    fn rollouts() {
        assert!(rollout_complete(Some(2), Some(2), 1, Some(1), Some(1)));
        assert!(
            !rollout_complete(Some(3), Some(2), 1, Some(1), Some(1)),
            "old spec seen"
        );
        assert!(
            !rollout_complete(Some(2), Some(2), 1, Some(1), Some(0)),
            "not ready"
        );
        assert!(!rollout_complete(Some(2), Some(2), 1, None, None));
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
        assert!(
            stuck_reason(&["ImagePullBackOff".into()], &[])
                .unwrap()
                .contains("cannot be pulled")
        );
        assert!(
            stuck_reason(&[], &["FailedScheduling: 0/3 nodes".into()])
                .unwrap()
                .starts_with("unschedulable")
        );
        assert!(
            stuck_reason(&[], &["Warning Unhealthy Readiness probe failed".into()])
                .unwrap()
                .contains("probe")
        );
        assert_eq!(stuck_reason(&["ContainerCreating".into()], &[]), None);
    }
}
