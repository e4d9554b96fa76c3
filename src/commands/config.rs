//! `itp-dev config`: the resolved profile, secrets masked.

use anyhow::Context as _;

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::{ConfigArgs, ConfigFormat};
use crate::plan::MASK;
use crate::profile::Profile;
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &ConfigArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let mut p = loaded.profile.clone();
    p.name = Some(loaded.project.clone());
    p.overlays.clear();
    mask(&mut p);
    if printer.json || args.format == ConfigFormat::Json {
        printer.out_json(&p);
    } else {
        // A secret quoted elsewhere (a healthcheck's header, a build arg)
        // is masked too, value by value.
        let mut doc = serde_json::to_value(&p).context("could not write the profile")?;
        crate::ui::mask::leaves(&mut doc);
        let text = toml::to_string(&doc).context("could not write the profile as TOML")?;
        printer.out_document(&text);
    }
    Ok(Exit::Ok)
}

fn mask(p: &mut Profile) {
    let hide = |env: &mut indexmap::IndexMap<String, crate::profile::model::EnvValue>,
                secrets: &[String]| {
        for (k, v) in env.iter_mut() {
            if secrets.contains(k) || crate::profile::secrets::looks_secret(k, &v.to_text()) {
                *v = crate::profile::model::EnvValue::String(MASK.into());
            }
        }
    };
    if let Some(d) = &mut p.dev {
        let secrets = d.secrets.clone();
        hide(&mut d.env, &secrets);
    }
    for s in p.services.values_mut() {
        let secrets = s.secrets.clone();
        hide(&mut s.env, &secrets);
    }
}
