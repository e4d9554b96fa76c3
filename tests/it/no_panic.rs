//! Property tests: no input makes loading, validating or compiling a profile
//! panic. Arbitrary bytes, and random edits of the real templates (which
//! reach deep into the validator far more often than random bytes do).
//! Bounded: a fixed number of cases, a few seconds in CI.

use std::path::Path;

use itp_dev::plan;
use itp_dev::profile::{LoadOptions, load};
use proptest::prelude::*;

fn load_text(dir: &Path, bytes: &[u8]) {
    std::fs::write(dir.join("itp-dev.toml"), bytes).unwrap();
    let opts = LoadOptions {
        cwd: dir.to_path_buf(),
        env: [("USER".to_string(), "t".to_string())].into(),
        ..Default::default()
    };
    if let Ok(loaded) = load(&opts) {
        let p = plan::compile(
            &loaded,
            &plan::Host {
                uid: 1,
                gid: 1,
                home: None,
            },
        );
        let _ = plan::diff(&p, &plan::Observed::default());
    }
    for overlay in ["qa", "debug", "nope"] {
        let _ = load(&LoadOptions {
            overlays: vec![overlay.into()],
            ..opts.clone()
        });
    }
}

fn templates() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    v.sort();
    v
}

/// Pieces of TOML and of the profile's mini-languages to splice in.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "=",
    ",",
    "\n",
    "[[watch]]",
    "${",
    "${X:-",
    "${Y:?m}",
    "$$",
    ":",
    "::",
    "/udp",
    "99999",
    "-1",
    "depends_on = [\"db\"]",
    "image = 1",
    "build = \".\"",
    "[services.x]",
    "[overlays.qa]",
    "services.db.env = 3",
    "healthcheck = {}",
    "ports = [\"1:2:3\"]",
    "\u{0}",
    "\u{FFFD}",
    "é",
    "\"\"\"",
    "# c",
    "true",
    "1979-05-27",
    "inf",
    "nan",
    "0x10",
    "[dev]",
    "version = 2",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, usize),
    Replace(usize, usize),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for e in edits {
        let len = s.len().max(1);
        match *e {
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n % 40).min(s.len());
                if at < end {
                    s.drain(at..end);
                }
            }
            Edit::Insert(at, p) => {
                let at = (at % len).min(s.len());
                let piece: Vec<char> = PIECES[p % PIECES.len()].chars().collect();
                s.splice(at..at, piece);
            }
            Edit::Replace(at, p) => {
                if !s.is_empty() {
                    let at = at % s.len();
                    s[at] = PIECES[p % PIECES.len()].chars().next().unwrap_or('x');
                }
            }
        }
    }
    s.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Delete(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Replace(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        load_text(dir.path(), &bytes);
    }

    #[test]
    fn edited_templates_never_panic(which in 0usize..16, edits in proptest::collection::vec(edit(), 1..6)) {
        let t = templates();
        let text = apply(&t[which % t.len()], &edits);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("services/api")).unwrap();
        std::fs::write(dir.path().join("services/api/Dockerfile"), "FROM scratch\n").unwrap();
        load_text(dir.path(), text.as_bytes());
    }
}
