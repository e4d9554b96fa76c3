//! The dev images of the templates, as Dockerfiles `init` writes into the
//! repository (`.itp-dev/dev/Dockerfile`), so the first `up` builds the dev
//! image on the new hire's machine from `debian:bookworm-slim` (Debian's
//! own image on Docker Hub) instead of pulling `itp/dev-rust` by name from
//! a registry namespace the project does not control. The team owns the
//! file from then on: it is theirs to change, and `up` rebuilds it when it
//! changes, like any build.
//!
//! The text comes from `images/` (the source of truth, compiled in): the
//! base image's instructions followed by the language's, so Docker's layer
//! cache is shared between projects and with images built from `images/`.

const BASE: &str = include_str!("../../images/base.Dockerfile");

/// Where `init` writes it, relative to the profile; the templates' `[dev]`
/// says `build = ".itp-dev/dev"`.
pub const DIR: &str = ".itp-dev/dev";

/// The language image a template's dev container uses.
pub fn language(template: &str) -> Option<(&'static str, &'static str)> {
    match template {
        "rust-service" => Some(("Rust", include_str!("../../images/rust.Dockerfile"))),
        "node-web" => Some(("Node.js", include_str!("../../images/node.Dockerfile"))),
        "python-api" => Some(("Python", include_str!("../../images/python.Dockerfile"))),
        "full-stack" => Some(("the common tools", "")),
        _ => None,
    }
}

/// The Dockerfile for a template's dev container.
pub fn dockerfile(template: &str) -> Option<String> {
    let (what, lang) = language(template)?;
    let mut out = format!(
        "# The dev container's image: Debian and {what}. Written by `itp-dev init`\n\
         # (template {template}); yours to change: `itp-dev up` rebuilds it when\n\
         # this file changes. Its base, debian:bookworm-slim, is Debian's own\n\
         # image; nothing else is pulled.\n\n"
    );
    out.push_str(BASE);
    // Without its FROM (one stage), and without declaring the base's ARG
    // again: a second identical ARG step after the base's last one would be
    // the same for every language, and the engine's cache then finds the
    // wrong language's layers after it.
    let rest: Vec<&str> = lang
        .lines()
        .filter(|l| {
            let u = l.trim_start().to_ascii_uppercase();
            !u.starts_with("FROM ") && !u.starts_with("ARG DEBIAN_FRONTEND")
        })
        .collect();
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(&rest.join("\n"));
        out.push('\n');
    }
    Some(out)
}

/// The template whose Dockerfile `text` is, unchanged: one `init` wrote
/// and nobody edited (so another `init` may replace it).
pub fn written_by(text: &str) -> Option<&'static str> {
    TEMPLATES
        .into_iter()
        .find(|t| dockerfile(t).as_deref() == Some(text))
}

const TEMPLATES: [&str; 4] = ["rust-service", "node-web", "python-api", "full-stack"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_template_gets_one_dockerfile_from_debian_only() {
        for t in TEMPLATES {
            let d = dockerfile(t).unwrap();
            assert_eq!(written_by(&d), Some(t));
            let froms: Vec<&str> = d
                .lines()
                .filter(|l| l.to_ascii_uppercase().starts_with("FROM "))
                .collect();
            assert_eq!(froms, ["FROM debian:bookworm-slim"], "{t}");
        }
        assert!(dockerfile("rust-service").unwrap().contains("cargo rustc"));
        assert!(dockerfile("nope").is_none());
        let edited = dockerfile("node-web").unwrap() + "RUN npm i -g pnpm\n";
        assert_eq!(written_by(&edited), None, "an edited one is the team's");
    }
}
