//! Getting images: pull (with per-layer progress) and build (from a
//! context tar, labelled with its context hash so an unchanged context is
//! never rebuilt).

use std::collections::{HashMap, VecDeque};

use bollard::Docker;
use bollard::query_parameters::{
    BuildImageOptionsBuilder, CreateImageOptionsBuilder, PushImageOptionsBuilder,
    TagImageOptionsBuilder,
};
use futures_util::StreamExt;

use super::errors::message;
use crate::build::BuildContext;
use crate::events::{Event, Sink};
use crate::plan::labels;

/// How many lines of build output a failure shows.
const FAILURE_LINES: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("pull of `{reference}` failed: {message}")]
    Pull { reference: String, message: String },
    #[error("push of `{reference}` failed: {message}")]
    Push { reference: String, message: String },
    #[error("build of `{service}` failed{}: {message}", step.as_ref().map(|s| format!(" at {s}")).unwrap_or_default())]
    Build {
        service: String,
        step: Option<String>,
        message: String,
        /// The last lines the build wrote before it failed.
        last_lines: Vec<String>,
    },
    #[error("build context of `{service}`: {source}")]
    Context {
        service: String,
        source: crate::build::ContextError,
    },
}

/// `name[:tag][@digest]` → (name, tag or digest). Without either the engine
/// would pull every tag, so `latest` is made explicit.
pub fn split_reference(r: &str) -> (&str, &str) {
    if let Some((name, digest)) = r.split_once('@') {
        return (name, digest);
    }
    match r.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => (name, tag),
        _ => (r, "latest"),
    }
}

/// True when the engine has the image locally.
pub async fn exists(docker: &Docker, reference: &str) -> bool {
    docker.inspect_image(reference).await.is_ok()
}

/// Of these references, the ones the engine has but no registry does: the
/// image was built or tagged here, never pulled from or pushed to its
/// repository (no repo digest for it). A cluster elsewhere cannot pull
/// them. Images the engine does not have are someone's registry's.
pub async fn local_only(docker: &Docker, references: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for r in references {
        let Ok(info) = docker.inspect_image(r).await else {
            continue;
        };
        let repo = canonical_repo(split_reference(r).0);
        let from_registry = info
            .repo_digests
            .unwrap_or_default()
            .iter()
            .any(|d| canonical_repo(d.split('@').next().unwrap_or_default()) == repo);
        if !from_registry {
            out.push(r.clone());
        }
    }
    out
}

/// `busybox`, `library/busybox` and `docker.io/library/busybox` are one
/// repository.
fn canonical_repo(name: &str) -> String {
    let name = name.strip_prefix("docker.io/").unwrap_or(name);
    let name = name.strip_prefix("library/").unwrap_or(name);
    name.to_string()
}

/// Tags `local` also as `reference` (both in this engine).
pub async fn tag(docker: &Docker, local: &str, reference: &str) -> Result<(), ImageError> {
    let (repo, tag) = split_reference(reference);
    docker
        .tag_image(
            local,
            Some(TagImageOptionsBuilder::new().repo(repo).tag(tag).build()),
        )
        .await
        .map_err(|e| ImageError::Push {
            reference: reference.to_string(),
            message: message(&e),
        })
}

pub async fn pull(docker: &Docker, reference: &str, sink: &dyn Sink) -> Result<(), ImageError> {
    let (name, tag) = split_reference(reference);
    let fail = |message: String| ImageError::Pull {
        reference: reference.to_string(),
        message,
    };
    let creds = engine_credentials(reference).await.map_err(&fail)?;
    let mut stream = docker.create_image(
        Some(
            CreateImageOptionsBuilder::new()
                .from_image(name)
                .tag(tag)
                .build(),
        ),
        None,
        creds,
    );
    // Each layer's time, from its first word to "Pull complete" (or
    // "Already exists"), for `--timings` and traces.
    let mut layers: HashMap<String, crate::timeline::Guard> = HashMap::new();
    while let Some(item) = stream.next().await {
        let info = item.map_err(|e| fail(message(&e)))?;
        if let Some(err) = info.error_detail.and_then(|d| d.message) {
            return Err(fail(err));
        }
        if crate::timeline::enabled()
            && let (Some(id), Some(status)) = (&info.id, &info.status)
            && id.len() == 12
        {
            let done = status == "Pull complete" || status == "Already exists";
            let g = layers
                .entry(id.clone())
                .or_insert_with(|| crate::timeline::part("layer", || format!("layer {id}")));
            if done {
                g.attr("itp.layer.status", || status.clone());
                layers.remove(id);
            }
        }
        let detail = info.progress_detail.unwrap_or_default();
        sink.emit(Event::Pull {
            reference: reference.to_string(),
            layer: info.id.unwrap_or_default(),
            status: info.status.unwrap_or_default(),
            current: detail.current.map(|n| n.max(0) as u64),
            total: detail.total.map(|n| n.max(0) as u64),
        });
    }
    Ok(())
}

pub struct BuildRequest<'a> {
    pub service: &'a str,
    /// The tag to give the image.
    pub reference: &'a str,
    pub project: &'a str,
    pub context: &'a BuildContext,
    pub target: Option<&'a str>,
    pub args: &'a std::collections::BTreeMap<String, String>,
    /// Ignore the engine's layer cache.
    pub no_cache: bool,
    /// Pull newer base images first.
    pub pull: bool,
}

pub async fn build(
    docker: &Docker,
    req: &BuildRequest<'_>,
    sink: &dyn Sink,
) -> Result<(), ImageError> {
    let BuildRequest {
        service,
        reference,
        project,
        context,
        target,
        args,
        no_cache,
        pull,
    } = *req;
    let image_labels = HashMap::from([
        (labels::PROJECT, project),
        (labels::SERVICE, service),
        (labels::CONTEXT_HASH, context.hash.as_str()),
    ]);
    // The engine's `labels` option adds one LABEL step per label, each a
    // commit of the whole image (seconds per step for a big dev image on
    // a storage driver without copy-on-write). Without a target stage the
    // labels go in as one instruction at the end of the Dockerfile instead.
    let one_step = target.is_none().then(|| {
        let mut pairs: Vec<String> = image_labels
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    serde_json::Value::from(*k),
                    serde_json::Value::from(*v)
                )
            })
            .collect();
        pairs.sort();
        format!("\nLABEL {}\n", pairs.join(" "))
    });
    let tar = context
        .tar_with(one_step.as_deref())
        .map_err(|source| ImageError::Context {
            service: service.to_string(),
            source,
        })?;
    let no_labels = HashMap::new();
    let image_labels = if one_step.is_some() {
        &no_labels
    } else {
        &image_labels
    };
    let args: HashMap<&str, &str> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut opts = BuildImageOptionsBuilder::new()
        .dockerfile(&context.dockerfile_in_tar)
        .t(reference)
        .rm(true)
        .forcerm(true)
        .buildargs(&args)
        .labels(image_labels)
        .nocache(no_cache);
    if pull {
        opts = opts.pull("true");
    }
    if let Some(t) = target {
        opts = opts.target(t);
    }
    let mut stream = docker.build_image(opts.build(), None, Some(bollard::body_full(tar.into())));
    let mut step: Option<String> = None;
    let mut step_span: Option<crate::timeline::Guard> = None;
    let mut last: VecDeque<String> = VecDeque::new();
    let fail = |message: String, step: Option<String>, last: VecDeque<String>| ImageError::Build {
        service: service.to_string(),
        step,
        message,
        last_lines: last.into(),
    };
    while let Some(item) = stream.next().await {
        let info = match item {
            Ok(i) => i,
            Err(e) => return Err(fail(message(&e), step, last)),
        };
        if let Some(err) = info.error_detail.and_then(|d| d.message) {
            return Err(fail(err.trim().to_string(), step, last));
        }
        for line in info.stream.as_deref().unwrap_or("").lines() {
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            if let Some((s, cmd)) = step_announced(line) {
                step = Some(format!("{} `{cmd}`", s.to_lowercase()));
                last.clear();
                // One span per step, until the next begins.
                step_span = Some(crate::timeline::part("step", || format!("{s}: {cmd}")));
            }
            // The legacy builder says which: a cached step, or one it runs.
            if let Some(g) = step_span.as_mut() {
                if line.starts_with(" ---> Using cache") {
                    g.attr("itp.cache", || "hit".into());
                } else if line.starts_with(" ---> Running in ") {
                    g.attr("itp.cache", || "miss".into());
                }
            }
            if last.len() == FAILURE_LINES {
                last.pop_front();
            }
            last.push_back(line.to_string());
            sink.emit(Event::Build {
                service: service.to_string(),
                reference: reference.to_string(),
                line: line.to_string(),
            });
        }
    }
    Ok(())
}

/// A line that begins a build step, split into the step ("Step 3/5") and
/// its instruction: Docker's legacy builder says "Step 3/5 : RUN …",
/// Podman's (buildah) "STEP 3/5: RUN …".
fn step_announced(line: &str) -> Option<(&str, &str)> {
    if line.starts_with("Step ") {
        line.split_once(" : ")
    } else if line.starts_with("STEP ") {
        let (s, cmd) = line.split_once(": ")?;
        s[5..].contains('/').then_some((s, cmd))
    } else {
        None
    }
}

/// The login the Docker CLI would use for the reference's registry, in the
/// engine's form (a helper is a process: run off the async workers).
async fn engine_credentials(
    reference: &str,
) -> Result<Option<bollard::auth::DockerCredentials>, String> {
    use super::registry_auth::{for_engine, login_for, registry_of};
    let registry = registry_of(reference);
    let r = registry.clone();
    let login = tokio::task::spawn_blocking(move || login_for(&r))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("{} ({})", e.message, e.hint))?;
    Ok(login.map(|l| for_engine(&registry, &l)))
}

/// Tags the local image `local` as `remote` and pushes it; returns the
/// digest the registry gave it (`sha256:…`).
pub async fn push(
    docker: &Docker,
    local: &str,
    remote: &str,
    sink: &dyn Sink,
) -> Result<String, ImageError> {
    tag(docker, local, remote).await?;
    let (repo, tag) = split_reference(remote);
    let fail = |message: String| ImageError::Push {
        reference: remote.to_string(),
        message,
    };
    let creds = engine_credentials(remote).await.map_err(&fail)?;
    let mut stream = docker.push_image(
        repo,
        Some(PushImageOptionsBuilder::new().tag(tag).build()),
        creds,
    );
    let mut digest = None;
    while let Some(item) = stream.next().await {
        let info = item.map_err(|e| fail(message(&e)))?;
        if let Some(err) = info.error_detail.and_then(|d| d.message) {
            return Err(fail(err));
        }
        let status = info.status.unwrap_or_default();
        // (PushImageInfo carries no layer id; the status names the step.)
        let layer = String::new();
        // The last status line: "<tag>: digest: sha256:… size: 527".
        if let Some(rest) = status.split("digest: ").nth(1) {
            digest = rest.split_whitespace().next().map(str::to_string);
        }
        let detail = info.progress_detail.unwrap_or_default();
        sink.emit(Event::Push {
            reference: remote.to_string(),
            layer,
            status,
            current: detail.current.map(|n| n.max(0) as u64),
            total: detail.total.map(|n| n.max(0) as u64),
        });
    }
    digest.ok_or_else(|| fail("the registry did not report a digest".into()))
}

#[cfg(test)]
mod tests {
    use super::split_reference;

    #[test]
    fn steps_as_docker_and_podman_announce_them() {
        use super::step_announced as s;
        assert_eq!(s("Step 2/3 : RUN make"), Some(("Step 2/3", "RUN make")));
        assert_eq!(s("STEP 2/3: RUN make"), Some(("STEP 2/3", "RUN make")));
        assert_eq!(s("STEPS: not one"), None);
        assert_eq!(s("STEP one: x"), None);
        assert_eq!(s("compiling: step 1"), None);
    }

    #[test]
    fn one_repository_has_one_name() {
        assert_eq!(
            super::canonical_repo("docker.io/library/busybox"),
            "busybox"
        );
        assert_eq!(super::canonical_repo("library/busybox"), "busybox");
        assert_eq!(
            super::canonical_repo("127.0.0.1:5000/itp-test/busybox"),
            "127.0.0.1:5000/itp-test/busybox"
        );
    }

    #[test]
    fn references_get_an_explicit_tag() {
        assert_eq!(split_reference("busybox"), ("busybox", "latest"));
        assert_eq!(split_reference("busybox:1.36"), ("busybox", "1.36"));
        assert_eq!(
            split_reference("127.0.0.1:5000/team/app"),
            ("127.0.0.1:5000/team/app", "latest")
        );
        assert_eq!(
            split_reference("127.0.0.1:5000/app:v2"),
            ("127.0.0.1:5000/app", "v2")
        );
        assert_eq!(split_reference("a@sha256:abc"), ("a", "sha256:abc"));
    }
}
