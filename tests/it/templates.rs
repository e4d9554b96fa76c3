//! Every ready-made profile in `profiles/` validates and compiles, with each
//! of its overlays.

use crate::common::Project;

use itp_dev::plan;
use itp_dev::profile::{LoadOptions, load};

#[test]
fn every_template_validates_and_compiles() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let p = Project::new(&std::fs::read_to_string(&path).unwrap());
        // Templates that build from source expect the app's own Dockerfile,
        // and the dev image's, which `init` writes.
        p.file("services/api/Dockerfile", "FROM scratch\n");
        p.file(".itp-dev/dev/Dockerfile", "FROM scratch\n");
        let base = LoadOptions {
            cwd: p.path().to_path_buf(),
            env: [("USER".to_string(), "tester".to_string())].into(),
            ..Default::default()
        };
        let loaded = load(&base).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let host = plan::Host {
            uid: 1000,
            gid: 1000,
            home: None,
        };
        let compiled = plan::compile(&loaded, &host);
        assert!(!compiled.containers.is_empty(), "{name} has containers");
        for overlay in &loaded.overlay_names {
            let opts = LoadOptions {
                overlays: vec![overlay.clone()],
                ..base.clone()
            };
            let l = load(&opts).unwrap_or_else(|e| panic!("{name} --overlay {overlay}: {e:?}"));
            plan::compile(&l, &host);
        }
        // And through the real binary, as a user would.
        p.run(&["validate"]).code(0).shows(&["valid"]);
        names.push(name);
    }
    names.sort();
    assert!(names.len() >= 4, "at least four templates: {names:?}");
    for wanted in ["full-stack", "node-web", "python-api", "rust-service"] {
        assert!(
            names.iter().any(|n| n == wanted),
            "template {wanted} exists"
        );
    }
}

/// A new hire's first `up` pulls nothing by a name someone else could
/// publish: the dev images are built from the Dockerfile `init` writes,
/// and every image a template pulls is a Docker official image (no
/// namespace: `postgres:16`, `redis:7`), published by Docker itself.
#[test]
fn no_template_pulls_an_image_from_a_namespace_the_project_does_not_own() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: toml::Table = text.parse().unwrap();
        assert_eq!(
            v["dev"].get("build").and_then(|b| b.as_str()),
            Some(".itp-dev/dev"),
            "{}: the dev image is built here",
            path.display()
        );
        let images = v
            .get("services")
            .and_then(|s| s.as_table())
            .into_iter()
            .flat_map(|t| t.values())
            .filter_map(|s| s.get("image").and_then(|i| i.as_str()));
        for image in images {
            assert!(
                !image.contains('/'),
                "{}: `{image}` is in a namespace the project does not own",
                path.display()
            );
        }
    }
}
