//! Where each image the plan needs will come from, said before `up` tries:
//! already here, pulled, or built from a Dockerfile (and then where that
//! Dockerfile's own `FROM` images come from). `init` and `doctor` both
//! print it, so a new hire learns on day one that, say, the dev image is
//! built on this machine and `debian:bookworm-slim` will be pulled.

use std::path::PathBuf;

use crate::docker::Docker;
use crate::plan::{ImageSource, Plan};

#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The engine has it.
    Present,
    /// `up` pulls it.
    Pull,
    /// `up` builds it from this Dockerfile (skipped when its context is
    /// unchanged); its base images, each present or to be pulled.
    Build {
        dockerfile: PathBuf,
        bases: Vec<(String, bool)>,
    },
}

pub struct Needed {
    pub service: String,
    pub reference: String,
    pub origin: Origin,
}

/// The base images a Dockerfile names in `FROM` (not `scratch`, not an
/// earlier stage, not one with a build argument in it).
pub fn bases(dockerfile: &str) -> Vec<String> {
    let mut stages: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for line in dockerfile.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if !words
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("FROM"))
        {
            continue;
        }
        let image = words
            .iter()
            .skip(1)
            .find(|w| !w.starts_with("--"))
            .map(|w| w.to_string());
        if let Some(pos) = words.iter().position(|w| w.eq_ignore_ascii_case("AS"))
            && let Some(name) = words.get(pos + 1)
        {
            stages.push(name.to_lowercase());
        }
        if let Some(image) = image
            && image != "scratch"
            && !image.contains('$')
            && !stages.contains(&image.to_lowercase())
            && !out.contains(&image)
        {
            out.push(image);
        }
    }
    out
}

pub async fn needed(docker: &Docker, plan: &Plan) -> Vec<Needed> {
    let mut out = Vec::new();
    for img in &plan.images {
        let origin = match &img.source {
            ImageSource::Pull { .. } => {
                if super::images::exists(docker, &img.reference).await {
                    Origin::Present
                } else {
                    Origin::Pull
                }
            }
            ImageSource::Build { dockerfile, .. } => {
                let text = std::fs::read_to_string(dockerfile).unwrap_or_default();
                let mut b = Vec::new();
                for base in bases(&text) {
                    let here = super::images::exists(docker, &base).await;
                    b.push((base, here));
                }
                Origin::Build {
                    dockerfile: dockerfile.clone(),
                    bases: b,
                }
            }
        };
        out.push(Needed {
            service: img.service.clone(),
            reference: img.reference.clone(),
            origin,
        });
    }
    out
}

/// One line for a person: the image and how `up` gets it.
pub fn describe(n: &Needed, root: &std::path::Path) -> String {
    match &n.origin {
        Origin::Present => format!("`{}` ({}): here already", n.reference, n.service),
        Origin::Pull => format!("`{}` ({}): `up` pulls it", n.reference, n.service),
        Origin::Build { dockerfile, bases } => {
            let file = dockerfile
                .strip_prefix(root)
                .unwrap_or(dockerfile)
                .display();
            let from: Vec<String> = bases
                .iter()
                .map(|(b, here)| {
                    format!(
                        "{b} {}",
                        if *here {
                            "here already"
                        } else {
                            "pulled first"
                        }
                    )
                })
                .collect();
            let from = if from.is_empty() {
                String::new()
            } else {
                format!("; FROM {}", from.join(", "))
            };
            format!(
                "`{}`: built here from {file} (a first build takes minutes, later ones only what changed{from})",
                n.service
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bases;

    #[test]
    fn the_base_images_of_a_dockerfile() {
        let d = "# x\nFROM debian:bookworm-slim AS build\nRUN x\nFROM --platform=linux/amd64 build\nFROM scratch\nFROM ${BASE}\nfrom rust:1 as tools\n";
        assert_eq!(bases(d), ["debian:bookworm-slim", "rust:1"]);
    }
}
