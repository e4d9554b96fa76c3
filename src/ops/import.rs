//! `itp-dev init --from FILE`: a compose file or devcontainer.json turned
//! into a profile. What could not be converted is listed on the terminal
//! and kept as comments at the end of the profile.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::CommandError;
use crate::init::import::{self, Imported};
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
        import::from_devcontainer(&text, base, dir)
    } else {
        import::from_compose(&text, base, dir)
    }
    .map_err(|e| CommandError::Failed {
        message: format!("cannot convert {}: {e}", path.display()),
        hint: None,
    })?;
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
    let name = profile
        .remove("name")
        .and_then(|n| n.as_str().map(to_dns_label))
        .unwrap_or_else(|| {
            to_dns_label(
                &dir.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        });
    let mut out = Map::new();
    out.insert("version".into(), json!(1));
    out.insert("name".into(), json!(name));
    out.extend(profile);
    let toml_value = toml::Value::try_from(Value::Object(out))
        .map_err(|e| anyhow::anyhow!("the converted profile is not TOML: {e}"))?;
    let body = toml::to_string_pretty(&toml_value).map_err(|e| anyhow::anyhow!("{e}"))?;
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
