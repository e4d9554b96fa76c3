//! Man pages from the clap definition (clap_mangen): `itp-dev.1` and one
//! page per command, `itp-dev-up.1`, `itp-dev-k8s-push.1`, as git names
//! its pages. Committed under `man/` and kept current by a test, like the
//! completions; the Debian package installs them.

use clap::CommandFactory;

use crate::cli::Cli;

/// Every page: (file name, roff text).
pub fn pages() -> Vec<(String, String)> {
    // The bare version, not the commit: the pages change with the CLI
    // only, so the committed copies stay current across commits.
    let mut root = Cli::command().long_version(None::<&str>);
    // Built once from the root: each subcommand knows its full name
    // (`itp-dev k8s push`) for the synopsis.
    root.build();
    let mut out = Vec::new();
    walk(root, "itp-dev", &mut out);
    out
}

fn walk(cmd: clap::Command, name: &str, out: &mut Vec<(String, String)>) {
    let cmd = cmd.display_name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .source(format!("itp-dev {}", env!("CARGO_PKG_VERSION")))
        .manual("itp-dev manual")
        .render(&mut buf)
        .expect("rendering to memory does not fail");
    out.push((
        format!("{name}.1"),
        String::from_utf8(buf).expect("man pages are UTF-8"),
    ));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let child = format!("{name}-{}", sub.get_name());
        walk(sub.clone(), &child, out);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_per_command_named_as_git_names_them() {
        let pages = super::pages();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "itp-dev.1",
            "itp-dev-up.1",
            "itp-dev-k8s.1",
            "itp-dev-k8s-push.1",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        let up = &pages.iter().find(|(n, _)| n == "itp-dev-up.1").unwrap().1;
        assert!(
            up.contains(".TH itp-dev-up 1"),
            "{}",
            &up[..200.min(up.len())]
        );
        assert!(!up.contains("commit"), "no commit in the pages");
    }
}
