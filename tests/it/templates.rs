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
        // Templates that build from source expect the app's own Dockerfile.
        p.file("services/api/Dockerfile", "FROM scratch\n");
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
