//! `itp-dev init --from FILE`: a compose file or devcontainer.json turned
//! into a profile. What could not be converted is listed on the terminal
//! and kept as comments at the end of the profile.

use std::path::Path;

use anyhow::Context as _;

use super::CommandError;
use crate::init::import::{Imported, compose, devcontainer};
use crate::profile::specs::to_dns_label;
use crate::ui::Printer;

pub fn convert(dir: &Path, from: &Path, printer: &Printer) -> Result<String, CommandError> {
    let path = dir.join(from);
    let text = std::fs::read_to_string(&path).map_err(|e| CommandError::Usage {
        message: format!("cannot read {}: {e}", path.display()),
        hint: Some("name a compose file or a devcontainer.json".into()),
    })?;
    let base = path.parent().unwrap_or(dir);
    let is_devcontainer = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".json"));
    let imported = if is_devcontainer {
        devcontainer::from_devcontainer(&text, base, dir)
    } else {
        compose::from_file(&path, dir)
    }
    .with_context(|| format!("cannot convert {}", path.display()))?;
    let mut imported = imported;
    // Compose reads `${VAR}`s from the `.env` in its own directory; the
    // profile from the `.env` beside it.
    let theirs = base.join(".env");
    if base != dir && theirs.is_file() && !dir.join(".env").exists() {
        imported.not_converted.push(format!(
            "`{}`: compose reads its variables from it; itp-dev reads `.env` beside the profile, so copy it there",
            theirs.strip_prefix(dir).unwrap_or(&theirs).display()
        ));
    }
    let shown = from.display().to_string();
    for n in &imported.not_converted {
        printer.warn(&format!("not converted from {shown}: {n}"));
    }
    render(dir, &shown, imported)
}

fn render(dir: &Path, from: &str, imported: Imported) -> Result<String, CommandError> {
    let Imported {
        mut profile,
        not_converted,
    } = imported;
    let name = profile.name.take().map_or_else(
        || to_dns_label(&dir.file_name().unwrap_or_default().to_string_lossy()),
        |n| to_dns_label(&n),
    );
    // `version` and `name` first, as a hand-written profile starts.
    let mut table = toml::Table::new();
    table.insert("version".into(), 1.into());
    table.insert("name".into(), name.into());
    let toml::Value::Table(rest) =
        toml::Value::try_from(&profile).context("the converted profile is not TOML")?
    else {
        unreachable!("a profile serializes to a table");
    };
    table.extend(rest);
    let body = toml::to_string_pretty(&table).context("the converted profile is not TOML")?;
    let mut text = format!(
        "#:schema ./.itp-dev/itp-dev.schema.json\n# Converted by `itp-dev init --from {from}`. Check it with `itp-dev validate`.\n{body}"
    );
    if !not_converted.is_empty() {
        text.push_str(&format!("\n# Not converted from {from}:\n"));
        for n in &not_converted {
            text.push_str(&format!("# - {n}\n"));
        }
    }
    Ok(text)
}
