//! Installing itp-dev as a user would. The Debian package (cargo-deb, from
//! the metadata in Cargo.toml) is built from the binary under test and
//! installed with dpkg into a throwaway container of the Debian base
//! image the tests already have: the binary runs from PATH, the man pages
//! and completions are where Debian's tools look, and `dpkg -r` leaves
//! nothing behind. In the same container, with the engine's socket and the
//! project at its own path, a fresh shell runs the generated
//! devcontainer.json's `initializeCommand` as VS Code would.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Project, docker, docker_ok, unique};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The .deb of the binary under test (its debug build, stripped by
/// cargo-deb: what is tested is the packaging, not the optimiser).
fn build_deb(out: &Path) -> PathBuf {
    let ok = Command::new(root().join("scripts/ensure-cargo-deb.sh"))
        .status()
        .unwrap();
    assert!(ok.success(), "cargo-deb installs");
    let home = std::env::var("HOME").unwrap();
    let cargo_deb =
        which("cargo-deb").unwrap_or_else(|| PathBuf::from(home).join(".cargo/bin/cargo-deb"));
    let r = Command::new(cargo_deb)
        .current_dir(root())
        .args(["--no-build", "--profile", "dev", "--output"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        r.status.success(),
        "cargo deb:\n{}{}",
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(&r.stderr)
    );
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .expect("a .deb was written")
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

#[test]
fn the_deb_installs_runs_and_removes_cleanly_and_initialize_command_works_from_path() {
    let out = tempfile::tempdir().unwrap();
    let deb = build_deb(out.path());
    let name = unique("pkg");
    let p = Project::new(&format!(
        "version = 1\nname = \"{name}\"\n[dev]\nimage = \"itp-test/busybox:2\"\n[services.web]\nimage = \"itp-test/busybox:2\"\ncommand = [\"httpd\", \"-f\", \"-p\", \"80\"]\n"
    ));
    p.run(&["ide", "devcontainer", "--write"]).code(0);
    // JSON with comments, as the spec allows and VS Code writes it.
    let text = std::fs::read_to_string(p.path().join(".devcontainer/devcontainer.json")).unwrap();
    let dc: serde_json::Value =
        jsonc_parser::parse_to_serde_value(&text, &Default::default()).unwrap();
    let init = dc["initializeCommand"].as_str().unwrap().to_string();
    let _down = Down(p.path().to_path_buf());

    let dir = p.path().display().to_string();
    let script = format!(
        r#"set -e
# Docker Hub's slim image tells dpkg to skip man pages; a user's system does not.
rm -f /etc/dpkg/dpkg.cfg.d/docker
dpkg -i /deb/{deb} >/dev/null
# a fresh login shell, as a terminal or VS Code starts one
bash -lc 'itp-dev --version' > /tmp/version
files=$(dpkg -L itp-dev)
test -f /usr/share/man/man1/itp-dev-up.1.gz
zcat /usr/share/man/man1/itp-dev-up.1.gz | grep -q '^.TH itp-dev-up 1'
test -f /usr/share/bash-completion/completions/itp-dev
test -f /usr/share/zsh/vendor-completions/_itp-dev
test -f /usr/share/fish/vendor_completions.d/itp-dev.fish
cd '{dir}' && bash -lc '{init}' > /tmp/init 2>&1 || {{ cat /tmp/init; exit 7; }}
cat /tmp/version
dpkg -r itp-dev >/dev/null
for f in $files; do
  case "$f" in /usr/bin/*|/usr/share/man/*|/usr/share/*completion*|/usr/share/doc/itp-dev*) [ -e "$f" ] && [ ! -d "$f" ] && {{ echo "left behind: $f"; exit 8; }} ;; esac
done
[ ! -e /usr/bin/itp-dev ] || exit 9
echo removed-cleanly
"#,
        deb = deb.file_name().unwrap().to_string_lossy(),
    );
    let (ok, text) = docker(&[
        "run",
        "--rm",
        "-v",
        &format!("{}:/deb:ro", out.path().display()),
        "-v",
        "/var/run/docker.sock:/var/run/docker.sock",
        "-v",
        &format!("{dir}:{dir}"),
        "debian:bookworm-slim",
        "sh",
        "-c",
        &script,
    ]);
    assert!(ok, "{text}");
    assert!(
        text.contains("0.1.0 (commit "),
        "--version names the commit: {text}"
    );
    assert!(text.contains("removed-cleanly"), "{text}");
    // The initializeCommand started the service on the real engine.
    let running = docker_ok(&[
        "ps",
        "--filter",
        &format!("label=dev.itp.project={name}"),
        "--format",
        "{{.Names}}",
    ]);
    assert!(
        running.contains("web"),
        "initializeCommand ran `up`: {running}"
    );
}

/// Takes the project down from the host when the test ends.
struct Down(PathBuf);

impl Drop for Down {
    fn drop(&mut self) {
        let _ = crate::common::command(&self.0)
            .args(["down", "--yes"])
            .output();
    }
}
