//! What in a profile reaches the host beyond the repository: a bind mount
//! from outside it (or from `~`), the Docker or Podman socket, a port bound
//! to an address other than loopback, a build context, Dockerfile or env
//! file outside it. A profile is input from whoever wrote the repository;
//! these parts are shown, and approved once (`itp-dev trust`), before
//! anything acts on them. Everything else is the container's business.
//! Pure but for resolving symbolic links of paths that exist.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::model::{Build, Port, Profile};
use super::specs::{self, MountSource};
use super::tree::{Node, Seg};
use crate::path;

/// One host-reaching part.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Reach {
    /// What it is and what it reaches, in words.
    pub what: String,
    /// Where in the profile (`services.db.volumes[0]`).
    pub at: String,
    /// The same, stable across unrelated edits: what is approved.
    pub key: String,
    #[serde(skip)]
    path: Vec<Seg>,
}

impl Reach {
    /// A warning at its place in the profile.
    pub fn diagnostic(&self, root: &Node) -> Diagnostic {
        Diagnostic::new(format!("{} reaches the host: {}", self.at, self.what))
            .at(root.span_of(&self.path), "reaches the host")
            .help(
                "itp-dev asks before using it (`itp-dev trust` approves this repository's profile)",
            )
            .as_warning()
    }
}

/// The repository the profile belongs to: the work tree that holds it
/// (the nearest directory above with `.git`), or its own directory. A home
/// directory kept in git (dotfiles) is no repository of a project in it.
pub fn repository(dir: &Path) -> PathBuf {
    let dir = crate::files::resolve_links(dir);
    let home = std::env::var_os("HOME").map(|h| crate::files::resolve_links(Path::new(&h)));
    dir.ancestors()
        .take_while(|d| home.as_deref().is_none_or(|h| !h.starts_with(d)))
        .find(|d| d.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf()
}

/// A container's parts that may reach out: its path in the profile, the
/// key of its mounts, mounts, ports, build and env files.
type Container<'a> = (
    Vec<Seg>,
    &'static str,
    &'a [String],
    &'a [Port],
    Option<&'a Build>,
    &'a [String],
);

pub fn host_reaching(profile: &Profile, dir: &Path) -> Vec<Reach> {
    let repo = repository(dir);
    let mut out = Vec::new();
    let mut containers: Vec<Container<'_>> = Vec::new();
    if let Some(d) = &profile.dev {
        containers.push((
            path!["dev"],
            "mounts",
            &d.mounts,
            &d.ports,
            d.build.as_ref(),
            &d.env_file,
        ));
    }
    for (name, s) in &profile.services {
        containers.push((
            path!["services", name.as_str()],
            "volumes",
            &s.volumes,
            &s.ports,
            s.build.as_ref(),
            &s.env_file,
        ));
    }
    for (base, mounts_key, mounts, ports, build, env_files) in containers {
        // The approval's key names the container, not the index: an entry
        // added above another does not make it new.
        let who = super::tree::display_path(&base);
        let reach =
            |path: Vec<Seg>, what: String, key: String| reach(path, what, format!("{who} {key}"));
        let at = |rest: Vec<Seg>| {
            let mut p = base.clone();
            p.extend(rest);
            p
        };
        for (i, m) in mounts.iter().enumerate() {
            let Ok(spec) = specs::parse_mount(m) else {
                continue;
            };
            let MountSource::Bind(src) = &spec.source else {
                continue;
            };
            // Where it leads now: a link retargeted, or made writable,
            // is a new part, approved anew.
            let resolved = resolved(dir, src);
            let ro = if spec.read_only { " (read-only)" } else { "" };
            let via = if resolved != Path::new(src) && !src.starts_with('~') {
                format!(" (→ `{}`)", resolved.display())
            } else {
                String::new()
            };
            let what = if is_engine_socket(src) || is_engine_socket(&resolved.to_string_lossy()) {
                Some(format!(
                    "`{src}`{via} is the container engine's socket: whoever controls the container controls the host"
                ))
            } else if has_engine_socket(&resolved) {
                Some(format!(
                    "`{src}`{via} holds the container engine's socket: whoever controls the container controls the host"
                ))
            } else if src.starts_with("~/") || src == "~" {
                Some(format!(
                    "bind mount of `{src}`, in your home directory, at `{}`{ro}",
                    spec.target
                ))
            } else {
                outside(&repo, dir, src).then(|| {
                    format!(
                        "bind mount of `{src}`{via}, outside the repository, at `{}`{ro}",
                        spec.target
                    )
                })
            };
            if let Some(what) = what {
                out.push(reach(
                    at(path![mounts_key, i]),
                    what,
                    format!("mount {}:{}{ro}", resolved.display(), spec.target),
                ));
            }
        }
        for (i, p) in ports.iter().enumerate() {
            let Ok(spec) = specs::parse_port(&p.to_text()) else {
                continue;
            };
            if let Some(ip) = spec.host_ip.as_deref().filter(|ip| !loopback(ip)) {
                out.push(reach(
                    at(path!["ports", i]),
                    format!(
                        "port {} published on `{ip}`: reachable from other machines, not only this one",
                        spec.host_port.map_or("(any)".to_string(), |p| p.to_string())
                    ),
                    format!("port {ip}:{}", p.to_text()),
                ));
            }
        }
        let (context, dockerfile) = match build {
            Some(Build::Context(c)) => (Some(c.as_str()), None),
            Some(Build::Full(b)) => (Some(b.context.as_str()), b.dockerfile.as_deref()),
            None => (None, None),
        };
        let build_at = |k: Option<&str>| match (build, k) {
            (Some(Build::Full(_)), Some(k)) => at(path!["build", k]),
            _ => at(path!["build"]),
        };
        if let Some(c) = context.filter(|c| outside(&repo, dir, c)) {
            out.push(reach(
                build_at(Some("context")),
                format!("build context `{c}` is outside the repository: its files are sent to the engine"),
                format!("context {c}"),
            ));
        }
        // Without `dockerfile`, the context's own `Dockerfile` (a link out
        // of the repository counts too).
        let default_dockerfile = context
            .filter(|c| !outside(&repo, dir, c))
            .map(|c| format!("{}/Dockerfile", c.trim_end_matches('/')));
        let dockerfile = dockerfile.or(default_dockerfile.as_deref());
        if let Some(f) = dockerfile.filter(|f| outside(&repo, dir, f)) {
            out.push(reach(
                build_at(Some("dockerfile")),
                format!("Dockerfile `{f}` is outside the repository"),
                format!("dockerfile {f}"),
            ));
        }
        for (i, f) in env_files.iter().enumerate() {
            if outside(&repo, dir, f) {
                let r = resolved(dir, f);
                out.push(reach(
                    at(path!["env_file", i]),
                    format!(
                        "env file `{f}` (`{}`) is outside the repository: its lines become the container's env",
                        r.display()
                    ),
                    format!("env_file {}", r.display()),
                ));
            }
        }
    }
    // `.env` supplies the profile's variables: one that links out reads a
    // host file into the profile.
    if dir.join(".env").exists() && outside(&repo, dir, ".env") {
        let r = resolved(dir, ".env");
        out.push(reach(
            path!["version"],
            format!(
                "`.env` beside the profile links outside the repository (`{}`): its values are interpolated into the profile",
                r.display()
            ),
            format!("dotenv {}", r.display()),
        ));
    }
    out
}

/// A path as it resolves now (links followed where they exist).
fn resolved(dir: &Path, p: &str) -> PathBuf {
    if p.starts_with('~') {
        return PathBuf::from(p);
    }
    crate::files::resolve_links(&dir.join(p))
}

/// A directory that holds an engine socket (`/var/run`).
fn has_engine_socket(dir: &Path) -> bool {
    [
        "docker.sock",
        "podman/podman.sock",
        "containerd/containerd.sock",
    ]
    .iter()
    .any(|s| dir.join(s).exists())
}

fn reach(path: Vec<Seg>, what: String, key: String) -> Reach {
    Reach {
        key,
        what,
        at: super::tree::display_path(&path),
        path,
    }
}

/// A hash of exactly the host-reaching parts: what an approval is of.
pub fn fingerprint(reach: &[Reach]) -> String {
    let mut keys: Vec<&str> = reach.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    crate::plan::hash::hex_digest(keys.join("\n").as_bytes())
}

/// Docker's and Podman's API sockets, wherever they are mounted from.
fn is_engine_socket(src: &str) -> bool {
    let name = src
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    matches!(name, "docker.sock" | "podman.sock" | "containerd.sock")
}

fn loopback(ip: &str) -> bool {
    let addr = ip.trim_matches(['[', ']']).parse::<std::net::IpAddr>();
    let mapped = |a: &std::net::IpAddr| match a {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        _ => false,
    };
    addr.is_ok_and(|a| a.is_loopback() || mapped(&a)) || ip == "localhost"
}

/// Whether `p` (absolute, or relative to `dir`) lies outside `repo`, its
/// symbolic links followed where they exist.
pub fn outside(repo: &Path, dir: &Path, p: &str) -> bool {
    if p.starts_with('~') {
        return true;
    }
    let joined = crate::files::normalize(&dir.join(p));
    !crate::files::resolve_links(&joined).starts_with(repo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaches(toml_text: &str, dir: &Path) -> Vec<String> {
        let profile: Profile = toml::from_str(toml_text).unwrap();
        host_reaching(&profile, dir)
            .into_iter()
            .map(|r| r.at)
            .collect()
    }

    #[test]
    fn what_reaches_the_host_and_what_does_not() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir(repo.path().join(".git")).unwrap();
        std::fs::create_dir(repo.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("/etc", repo.path().join("sub/etc-link")).unwrap();
        let got = reaches(
            r#"
version = 1
[dev]
image = "x"
mounts = ["/:/host", "~/.ssh:/root/.ssh:ro", "./src:/src", "../..:/up", "./etc-link:/e", "cache:/cache"]
ports = ["8080:80", "0.0.0.0:9000:9000", "127.0.0.1:9001:9001", "[::1]:9002:9002"]
env_file = ["../../secrets.env", "../dev.env"]
[services.ci]
image = "x"
volumes = ["/var/run/docker.sock:/var/run/docker.sock"]
build = { context = "../..", dockerfile = "Dockerfile" }
"#,
            &repo.path().join("sub"),
        );
        assert_eq!(
            got,
            [
                "dev.mounts[0]",
                "dev.mounts[1]",
                "dev.mounts[3]",
                "dev.mounts[4]",
                "dev.ports[1]",
                "dev.env_file[0]",
                "services.ci.volumes[0]",
                "services.ci.build.context",
            ],
        );
        // `..` from `sub` is the repository's root: inside.
        assert!(!got.contains(&"dev.env_file[1]".to_string()));
    }

    #[test]
    fn a_default_dockerfile_that_links_out_is_a_part() {
        let repo = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Dockerfile"), "FROM scratch\n").unwrap();
        std::fs::create_dir(repo.path().join("app")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("Dockerfile"),
            repo.path().join("app/Dockerfile"),
        )
        .unwrap();
        let got = reaches("version = 1\n[services.a]\nbuild = \"app\"\n", repo.path());
        assert_eq!(got, ["services.a.build"]);
    }

    #[test]
    fn a_plain_profile_reaches_nothing() {
        let repo = tempfile::tempdir().unwrap();
        let got = reaches(
            "version = 1\n[dev]\nimage = \"x\"\nmounts = [\"./data:/data\"]\nports = [\"3000\"]\n[services.db]\nbuild = \"db\"\nvolumes = [\"pg:/var/lib/postgresql/data\"]\n",
            repo.path(),
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
