//! What the repository is, from its top-level files.

use std::path::Path;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Detected {
    /// The template that fits best, if any stack was recognised.
    pub template: Option<&'static str>,
    /// What was recognised, for the wizard to say ("Cargo.toml: Rust").
    pub found: Vec<String>,
    /// Existing environment descriptions an importer can convert.
    pub importable: Vec<String>,
}

/// Marker files, in order of preference, and the template each suggests.
const STACKS: &[(&str, &str, &str)] = &[
    ("Cargo.toml", "Rust", "rust-service"),
    ("package.json", "Node.js", "node-web"),
    ("pyproject.toml", "Python", "python-api"),
    ("requirements.txt", "Python", "python-api"),
    ("go.mod", "Go", "full-stack"),
];

const IMPORTABLE: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
    ".devcontainer/devcontainer.json",
    ".devcontainer.json",
];

pub fn detect(dir: &Path) -> Detected {
    let mut d = Detected::default();
    for (file, stack, template) in STACKS {
        if dir.join(file).is_file() {
            d.found.push(format!("{file}: {stack}"));
            d.template.get_or_insert(template);
        }
    }
    for f in IMPORTABLE {
        if dir.join(f).is_file() {
            d.importable.push(f.to_string());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_and_importable_files() {
        let t = tempfile::tempdir().unwrap();
        assert_eq!(detect(t.path()), Detected::default());
        std::fs::write(t.path().join("package.json"), "{}").unwrap();
        std::fs::write(t.path().join("requirements.txt"), "").unwrap();
        std::fs::write(t.path().join("compose.yaml"), "").unwrap();
        let d = detect(t.path());
        assert_eq!(d.template, Some("node-web"));
        assert_eq!(d.found.len(), 2);
        assert_eq!(d.importable, ["compose.yaml"]);
    }
}
