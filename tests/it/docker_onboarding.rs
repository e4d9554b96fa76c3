//! Day one, for real: a fresh checkout of a sample repository, then
//! `itp-dev init --yes --template …` and `itp-dev up`, with no other step:
//! `init` writes the dev image's Dockerfile into the repository and `up`
//! builds it from `debian:bookworm-slim` (here made locally by
//! scripts/ensure-images.sh; no registry is reachable), never pulling an
//! `itp/dev-*` image. The language tools answer inside, as the host user. (The templates' database and cache images come from Docker
//! Hub, which this machine cannot reach, so these runs add no services;
//! `init`'s service choices are covered in tests/init.rs.)

use crate::common::{Project, Teardown};

/// A sample repository of each stack, its template, and a command that
/// proves the toolchain works in the dev container.
/// (template, files of the sample repository, a command proving the tools).
type Sample = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const SAMPLES: &[Sample] = &[
    (
        "rust-service",
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"sample\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
            ),
            (
                "src/main.rs",
                "fn main() { println!(\"hello from rust\"); }\n",
            ),
        ],
        "cargo run -q",
    ),
    (
        "node-web",
        &[
            (
                "package.json",
                "{\"name\":\"sample\",\"version\":\"1.0.0\",\"scripts\":{\"dev\":\"node -e 1\"}}\n",
            ),
            (
                "package-lock.json",
                "{\"name\":\"sample\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{\"\":{\"name\":\"sample\",\"version\":\"1.0.0\"}}}\n",
            ),
            ("index.js", "console.log('hello from node')\n"),
        ],
        "node index.js",
    ),
    (
        "python-api",
        &[
            (
                "pyproject.toml",
                "[project]\nname = \"sample\"\nversion = \"0.1.0\"\n",
            ),
            ("requirements.txt", ""),
            ("main.py", "print('hello from python')\n"),
        ],
        "python3 main.py",
    ),
];

#[test]
fn init_then_up_reaches_a_working_environment_for_each_stack() {
    for (template, files, check) in SAMPLES {
        let p = Project::empty();
        for (f, text) in *files {
            p.file(f, text);
        }
        let project = crate::common::unique("onb");
        let _t = Teardown {
            dir: p.path().to_path_buf(),
            project: project.clone(),
        };
        p.run(&[
            "init",
            "--yes",
            "--template",
            template,
            "--no-services",
            "--name",
            &project,
            // Not the template's fixed port: another environment (the
            // README's example, say) may hold it.
            "--port",
            &crate::common::free_port().to_string(),
        ])
        .code(0)
        .shows(&[
            "built here from .itp-dev/dev/Dockerfile",
            "debian:bookworm-slim here already",
        ]);
        let plan = p.run(&["plan", "--format", "json"]);
        assert!(
            !plan.stdout.contains("itp/dev-"),
            "{template}: no itp/dev-* image"
        );
        p.run(&["doctor"])
            .shows(&["built here from .itp-dev/dev/Dockerfile"]);
        p.run(&["up"]).code(0).shows(&["created dev"]);
        let r = p.run(&["exec", "--", "sh", "-c", check]);
        r.code(0);
        let lang = template.split('-').next().unwrap();
        assert!(
            r.stdout.contains(&format!("hello from {lang}")),
            "{template}: {}{}",
            r.stdout,
            r.stderr
        );
        // As the host user, in the repository.
        let who = p.run(&["exec", "--", "sh", "-c", "id -u; pwd"]);
        let uid = unsafe { libc::getuid() }.to_string();
        assert_eq!(who.stdout, format!("{uid}\n/workspace\n"), "{template}");
    }
}
