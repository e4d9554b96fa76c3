//! The kinds itp-dev puts in a namespace, in one table. Applying, listing
//! what the project owns and pruning all go through it with
//! `Api<DynamicObject>`, so a new kind is one line here (and its rendering).

use kube::api::ApiResource;
use kube::core::GroupVersionKind;

pub struct Kind {
    pub kind: &'static str,
    group: &'static str,
    version: &'static str,
    plural: &'static str,
}

const fn kind(
    kind: &'static str,
    group: &'static str,
    version: &'static str,
    plural: &'static str,
) -> Kind {
    Kind {
        kind,
        group,
        version,
        plural,
    }
}

/// Every namespaced kind `render` produces.
pub const NAMESPACED: [Kind; 8] = [
    kind("Deployment", "apps", "v1", "deployments"),
    kind("StatefulSet", "apps", "v1", "statefulsets"),
    kind("Job", "batch", "v1", "jobs"),
    kind("Service", "", "v1", "services"),
    kind("ConfigMap", "", "v1", "configmaps"),
    kind("Secret", "", "v1", "secrets"),
    kind("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims"),
    kind("Ingress", "networking.k8s.io", "v1", "ingresses"),
];

impl Kind {
    pub fn named(kind: &str) -> Option<&'static Kind> {
        NAMESPACED.iter().find(|k| k.kind == kind)
    }

    pub fn resource(&self) -> ApiResource {
        ApiResource::from_gvk_with_plural(
            &GroupVersionKind::gvk(self.group, self.version, self.kind),
            self.plural,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rendered_kind_is_in_the_table_with_its_api_path() {
        let d = Kind::named("Deployment").unwrap().resource();
        assert_eq!(
            (d.api_version.as_str(), d.plural.as_str()),
            ("apps/v1", "deployments")
        );
        let s = Kind::named("Secret").unwrap().resource();
        assert_eq!(
            (s.api_version.as_str(), s.plural.as_str()),
            ("v1", "secrets")
        );
        assert!(
            Kind::named("Namespace").is_none(),
            "cluster-scoped, handled apart"
        );
    }
}
