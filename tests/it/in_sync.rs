//! Generated files that are committed—the profile's JSON Schema, the
//! shell completions and the man pages—must match what the code generates now. Run with
//! `ITP_DEV_BLESS=1` to rewrite them after a deliberate change.

use std::path::Path;

use itp_dev::cli::Shell;
use itp_dev::commands::completions;
use itp_dev::profile::schema;

fn check(rel: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("ITP_DEV_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} is stale: run `ITP_DEV_BLESS=1 cargo test --test it in_sync` and commit the result"
    );
}

#[test]
fn the_json_schema_is_current() {
    check("docs/itp-dev.schema.json", &schema::json_schema_text());
}

#[test]
fn the_completions_are_current() {
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Powershell] {
        check(
            &format!("completions/{}", completions::file_name(shell)),
            &completions::script(shell),
        );
    }
}

#[test]
fn the_man_pages_are_current() {
    let pages = itp_dev::commands::manpages::pages();
    for (name, text) in &pages {
        check(&format!("man/{name}"), text);
    }
    // A page of a command that is gone must go too.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        let current = pages.iter().any(|(n, _)| *n == file);
        if !current && std::env::var_os("ITP_DEV_BLESS").is_some() {
            std::fs::remove_file(dir.join(&file)).unwrap();
        } else {
            assert!(
                current,
                "man/{file} is for no command: run `ITP_DEV_BLESS=1 cargo test --test it in_sync`"
            );
        }
    }
}

#[test]
fn the_schema_rejects_unknown_keys_and_describes_them() {
    let s = schema::json_schema();
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["$defs"]["Service"]["additionalProperties"], false);
    let desc = s["$defs"]["Service"]["properties"]["healthcheck"]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(
        desc.contains("ready"),
        "doc comments become descriptions: {desc}"
    );
}
