//! `itp-dev diff`: the local environment and its namespace, compared
//! aspect by aspect (image, env, ports, volumes, config files, readiness).
//! Pure: `docker::facts` and the cluster's `facts` gather each side; this
//! module decides what is the same. A secret is held as its hash only, so
//! no value of one can reach a report.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::plan::MASK;
use crate::plan::hash::hex_digest;

/// One side: its services by name.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub services: BTreeMap<String, ServiceFacts>,
}

#[derive(Clone, Debug, Default)]
pub struct ServiceFacts {
    pub image: Option<Image>,
    /// The environment the process gets (locally the container's whole
    /// env; in the namespace the pod spec's, resolved from its ConfigMaps
    /// and Secrets).
    pub env: BTreeMap<String, Value>,
    /// Locally: the image's own env, which a pod gets from the same image
    /// without its spec naming it.
    pub image_env: BTreeMap<String, String>,
    pub ports: Ports,
    /// Named volumes by mount path: the profile's volume (locally) or the
    /// claim (in the namespace); both are the profile's volume name.
    pub volumes: BTreeMap<String, String>,
    /// Config files by mount path: a hash of what the process reads there.
    pub files: BTreeMap<String, File>,
    pub run: Run,
}

/// What runs: the identities of the image (`sha256:…` ids and repository
/// digests), and the reference it was asked for by.
#[derive(Clone, Debug, Default)]
pub struct Image {
    pub reference: String,
    /// Locally every identity of the one image; in the namespace the
    /// image id of each current pod (empty before a pod has started).
    pub digests: BTreeSet<String>,
    /// Locally the image's tags (a pod may name it by one).
    pub names: BTreeSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    /// The hash of a secret value; the value itself never gets here.
    Secret(String),
}

impl Value {
    pub fn secret(value: &[u8]) -> Value {
        Value::Secret(hex_digest(value))
    }

    fn shown(&self) -> String {
        match self {
            Value::Plain(v) => v.clone(),
            Value::Secret(_) => MASK.to_string(),
        }
    }
}

/// The ports a service answers on by its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Ports {
    /// The name does not resolve (no Service in the namespace; locally, no
    /// container).
    #[default]
    Unresolved,
    /// The name resolves to the pod or container: any port it listens on.
    Any,
    /// These ports (`5432/tcp`), through a Service or published locally.
    Listed(BTreeSet<String>),
}

impl Ports {
    fn shown(&self) -> String {
        match self {
            Ports::Unresolved => "the name does not resolve".into(),
            Ports::Any => "by name, any port".into(),
            Ports::Listed(p) => p.iter().cloned().collect::<Vec<_>>().join(", "),
        }
    }
}

/// A config file (or flat directory) as the process sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum File {
    /// A hash of the content (a directory: of its files by name).
    Content { hash: String, secret: bool },
    /// Mounted, but its content could not be read, and why.
    Unreadable(String),
    /// Locally only, by design (a writable directory, too big…): why.
    NotCarried(String),
}

impl File {
    pub fn of_bytes(bytes: &[u8], secret: bool) -> File {
        File::Content {
            hash: hex_digest(bytes),
            secret,
        }
    }

    /// A directory's files by name (names as a ConfigMap's keys).
    pub fn of_dir(files: &BTreeMap<String, Vec<u8>>, secret: bool) -> File {
        let hashes: BTreeMap<&String, String> =
            files.iter().map(|(k, v)| (k, hex_digest(v))).collect();
        File::Content {
            hash: crate::plan::hash::key_hash(&hashes),
            secret,
        }
    }

    fn shown(&self) -> String {
        match self {
            File::Content { secret: true, .. } => MASK.to_string(),
            File::Content { hash, .. } => format!("content {}", &hash[..12.min(hash.len())]),
            File::Unreadable(why) => format!("unreadable ({why})"),
            File::NotCarried(why) => format!("not carried ({why})"),
        }
    }
}

/// How many run and are ready; a one-shot task's end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub replicas: u32,
    pub ready: u32,
    /// A one-shot task that has ended: whether it succeeded.
    pub ended: Option<bool>,
}

impl Run {
    fn shown(&self) -> String {
        match self.ended {
            Some(true) => "ran to its end, succeeded".into(),
            Some(false) => "ran to its end, failed".into(),
            None => format!("{}/{} ready", self.ready, self.replicas),
        }
    }
}

/// One compared aspect of one service.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Row {
    pub service: String,
    /// `present`, `image`, `env KEY`, `ports`, `volume PATH`, `file PATH`,
    /// `ready`.
    pub aspect: String,
    pub local: String,
    pub namespace: String,
    pub same: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
    /// Compared aspects that are the same (env keys one by one).
    pub same: usize,
    pub different: usize,
}

impl Report {
    pub fn equal(&self) -> bool {
        self.different == 0
    }
}

const ABSENT: &str = "(none)";

pub fn compare(local: &Facts, ns: &Facts) -> Report {
    let mut rows = Vec::new();
    let names: BTreeSet<&String> = local.services.keys().chain(ns.services.keys()).collect();
    for name in names {
        let mut push = |aspect: String, l: String, n: String, same: bool| {
            rows.push(Row {
                service: name.clone(),
                aspect,
                local: l,
                namespace: n,
                same,
            })
        };
        let (l, n) = match (local.services.get(name), ns.services.get(name)) {
            (Some(l), Some(n)) => (l, n),
            (l, n) => {
                let shown = |s: Option<&ServiceFacts>| match s {
                    Some(s) => s.run.shown(),
                    None => "not there".to_string(),
                };
                push("present".into(), shown(l), shown(n), false);
                continue;
            }
        };
        let (li, ni) = (shown_image(l.image.as_ref()), shown_image(n.image.as_ref()));
        push(
            "image".into(),
            li,
            ni,
            same_image(l.image.as_ref(), n.image.as_ref()),
        );
        // The pod gets the image's env too, from the same image.
        let mut ns_env = n.env.clone();
        for (k, v) in &l.image_env {
            ns_env
                .entry(k.clone())
                .or_insert_with(|| Value::Plain(v.clone()));
        }
        let keys: BTreeSet<&String> = l.env.keys().chain(ns_env.keys()).collect();
        for k in keys {
            let (a, b) = (l.env.get(k), ns_env.get(k));
            let same = a == b;
            let show = |v: Option<&Value>| v.map_or(ABSENT.to_string(), Value::shown);
            let mut theirs = show(b);
            // Two masks alike say nothing: say that the values differ.
            if let (Some(Value::Secret(x)), Some(Value::Secret(y))) = (a, b)
                && x != y
            {
                theirs = format!("{MASK} (another value)");
            }
            push(format!("env {k}"), show(a), theirs, same);
        }
        push(
            "ports".into(),
            l.ports.shown(),
            n.ports.shown(),
            l.ports == n.ports,
        );
        compare_maps(
            &mut push,
            "volume",
            &l.volumes,
            &n.volumes,
            |v| v.clone(),
            |_| true,
            |_| false,
        );
        compare_maps(
            &mut push,
            "file",
            &l.files,
            &n.files,
            File::shown,
            |f| matches!(f, File::Content { .. }),
            |f| matches!(f, File::NotCarried(_)),
        );
        push("ready".into(), l.run.shown(), n.run.shown(), l.run == n.run);
    }
    let different = rows.iter().filter(|r| !r.same).count();
    Report {
        same: rows.len() - different,
        different,
        rows,
    }
}

fn compare_maps<T: PartialEq>(
    push: &mut impl FnMut(String, String, String, bool),
    what: &str,
    l: &BTreeMap<String, T>,
    n: &BTreeMap<String, T>,
    shown: impl Fn(&T) -> String,
    known: impl Fn(&T) -> bool,
    by_design: impl Fn(&T) -> bool,
) {
    let keys: BTreeSet<&String> = l.keys().chain(n.keys()).collect();
    for k in keys {
        let (a, b) = (l.get(k), n.get(k));
        // Two unreadable sides prove nothing: not the same. What is not
        // carried by design is left out of the verdict.
        let same = (a == b && a.is_some_and(&known)) || (b.is_none() && a.is_some_and(&by_design));
        let show = |v: Option<&T>| v.map_or(ABSENT.to_string(), &shown);
        push(format!("{what} {k}"), show(a), show(b), same);
    }
}

/// The pods run the local image when each pod's image id is one of the
/// local image's identities; before a pod has started, when the
/// reference names the local image.
fn same_image(l: Option<&Image>, n: Option<&Image>) -> bool {
    let (Some(l), Some(n)) = (l, n) else {
        return false;
    };
    if !n.digests.is_empty() {
        return n.digests.iter().all(|d| l.digests.contains(d));
    }
    l.names.contains(&n.reference) || digest_of(&n.reference).is_some_and(|d| l.digests.contains(d))
}

fn shown_image(i: Option<&Image>) -> String {
    let Some(i) = i else {
        return ABSENT.into();
    };
    let ids: Vec<String> = i.digests.iter().map(|d| short(d)).collect();
    if ids.is_empty() {
        i.reference.clone()
    } else {
        format!("{} ({})", i.reference, ids.join(", "))
    }
}

fn short(digest: &str) -> String {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    format!("sha256:{}", &hex[..12.min(hex.len())])
}

/// The `sha256:…` in an image id or reference, whatever wraps it
/// (`docker://sha256:…`, `docker-pullable://repo@sha256:…`, `repo@sha256:…`).
pub fn digest_of(s: &str) -> Option<&str> {
    let at = s.rfind("sha256:")?;
    let d = &s[at..];
    (d.len() == 71 && d[7..].bytes().all(|b| b.is_ascii_hexdigit())).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn service() -> ServiceFacts {
        ServiceFacts {
            image: Some(Image {
                reference: "web:1".into(),
                digests: BTreeSet::from([A.to_string()]),
                names: BTreeSet::from(["web:1".to_string()]),
            }),
            env: BTreeMap::from([
                ("MODE".into(), Value::Plain("dev".into())),
                ("PASSWORD".into(), Value::secret(b"hunter2")),
            ]),
            ports: Ports::Listed(BTreeSet::from(["80/tcp".to_string()])),
            volumes: BTreeMap::from([("/data".into(), "data".into())]),
            files: BTreeMap::from([("/etc/app.conf".into(), File::of_bytes(b"x=1", false))]),
            run: Run {
                replicas: 1,
                ready: 1,
                ended: None,
            },
            ..Default::default()
        }
    }

    fn sides() -> (Facts, Facts) {
        let mut l = Facts::default();
        l.services.insert("web".into(), service());
        let mut n = l.clone();
        let s = n.services.get_mut("web").unwrap();
        // A pod's image is its id alone.
        s.image.as_mut().unwrap().names.clear();
        (l, n)
    }

    #[test]
    fn the_same_environment_is_equal() {
        let (l, n) = sides();
        let r = compare(&l, &n);
        assert!(r.equal(), "{:#?}", r.rows);
        assert_eq!(r.same, 7);
    }

    #[test]
    fn a_pod_on_another_image_differs() {
        let (l, mut n) = sides();
        n.services
            .get_mut("web")
            .unwrap()
            .image
            .as_mut()
            .unwrap()
            .digests = BTreeSet::from([B.to_string()]);
        let r = compare(&l, &n);
        let row = r.rows.iter().find(|r| r.aspect == "image").unwrap();
        assert!(!row.same);
        assert!(row.namespace.contains("sha256:bbbbbbbbbbbb"), "{row:?}");
    }

    #[test]
    fn before_a_pod_starts_the_reference_decides() {
        let (l, mut n) = sides();
        let i = n.services.get_mut("web").unwrap().image.as_mut().unwrap();
        i.digests.clear();
        i.reference = format!("registry:5000/web@{A}");
        assert!(compare(&l, &n).equal());
        n.services
            .get_mut("web")
            .unwrap()
            .image
            .as_mut()
            .unwrap()
            .reference = "web:2".into();
        assert!(!compare(&l, &n).equal());
    }

    #[test]
    fn a_changed_secret_differs_and_is_never_shown() {
        let (l, mut n) = sides();
        n.services
            .get_mut("web")
            .unwrap()
            .env
            .insert("PASSWORD".into(), Value::secret(b"rotated"));
        let r = compare(&l, &n);
        let row = r.rows.iter().find(|r| r.aspect == "env PASSWORD").unwrap();
        assert!(!row.same);
        assert_eq!(row.local, MASK);
        assert_eq!(row.namespace, format!("{MASK} (another value)"));
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("hunter2") && !json.contains("rotated"));
    }

    #[test]
    fn the_image_env_counts_for_the_pod() {
        let (mut l, n) = sides();
        let s = l.services.get_mut("web").unwrap();
        s.env.insert("PATH".into(), Value::Plain("/bin".into()));
        s.image_env.insert("PATH".into(), "/bin".into());
        assert!(compare(&l, &n).equal());
    }

    #[test]
    fn a_missing_service_a_port_a_file_and_readiness_differ() {
        let (l, mut n) = sides();
        let s = n.services.get_mut("web").unwrap();
        s.ports = Ports::Unresolved;
        s.files
            .insert("/etc/app.conf".into(), File::of_bytes(b"x=2", false));
        s.run.ready = 0;
        n.services.insert("db".into(), service());
        let r = compare(&l, &n);
        let differing: Vec<&str> = r
            .rows
            .iter()
            .filter(|r| !r.same)
            .map(|r| r.aspect.as_str())
            .collect();
        assert_eq!(
            differing,
            ["present", "ports", "file /etc/app.conf", "ready"]
        );
    }

    #[test]
    fn digests_are_found_in_any_wrapping() {
        assert_eq!(digest_of(&format!("docker://{A}")), Some(A));
        assert_eq!(
            digest_of(&format!("docker-pullable://r:5000/x@{A}")),
            Some(A)
        );
        assert_eq!(digest_of("web:1"), None);
    }
}
