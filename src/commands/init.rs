//! `itp-dev init`: a new hire's first command. Detects the stack, asks (on
//! a terminal) or takes flags, shows and writes the profile with its
//! schema, checks the prerequisites, and offers to run `up`.

use std::path::Path;

use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::InitArgs;
use crate::init::detect::detect;
use crate::init::templates::{self, Choices, TEMPLATES, Template};
use crate::profile::discover::FILE_NAME;
use crate::profile::specs::to_dns_label;
use crate::ui::Printer;

/// Where the profile's `#:schema` line points; the schema is written there.
const SCHEMA_PATH: &str = ".itp-dev/itp-dev.schema.json";

pub fn run(ctx: &Context, args: &InitArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let dir = ctx.load.cwd.clone();
    let target = dir.join(FILE_NAME);
    if target.exists() && !args.force {
        return Err(CommandError::Failed {
            message: format!("{} already exists", target.display()),
            hint: Some("`itp-dev init --force` replaces it; `itp-dev validate` checks it".into()),
        });
    }
    let interactive = !args.yes && crate::ui::ci::may_prompt(printer.json);
    let (text, template) = match &args.from {
        Some(from) => (crate::ops::import::convert(&dir, from, printer)?, None),
        None => from_template(&dir, args, interactive, printer)?,
    };
    if interactive {
        printer.status(&format!("\n{text}"));
        let ok = Confirm::new()
            .with_prompt(format!("Write {FILE_NAME}?"))
            .default(true)
            .interact()
            .map_err(prompt_error)?;
        if !ok {
            printer.status("nothing written");
            return Ok(Exit::Ok);
        }
    }
    // What was there before, to put back if what is written does not load.
    let before = Before::read(&dir);
    write(&dir, &text)?;
    printer.status(&format!("wrote {}", target.display()));
    if let Some(t) = template {
        dev_dockerfile(&dir, t, printer)?;
    }
    // The file must load as it stands (a template bug, or flags that make
    // a bad profile, show here, not at `up`); if it does not, nothing of
    // it stays, and the next `init` needs no `--force`.
    let loaded = match ctx.load() {
        Ok(l) => l,
        Err(e) => {
            before.restore(&dir);
            printer.warn(&format!(
                "the profile made from these answers does not load, so {FILE_NAME} is as it was: change the flags the error points at"
            ));
            return Err(e.into());
        }
    };
    // What came from the files that reaches the host is said now, not
    // first at `up`.
    if !loaded.reach.is_empty() {
        printer.warn(&format!(
            "{} part(s) of the profile reach the host beyond the repository; `up` asks before using them:",
            loaded.reach.len()
        ));
        crate::ops::trust::show(&loaded, printer);
    }
    prerequisites(&loaded, printer);
    let run_up = interactive
        && Confirm::new()
            .with_prompt("Run `itp-dev up` now?")
            .default(true)
            .interact()
            .map_err(prompt_error)?;
    if run_up {
        return crate::ops::up::up(ctx, &Default::default(), None, printer);
    }
    printer.status("next: `itp-dev up`");
    Ok(Exit::Ok)
}

fn from_template(
    dir: &Path,
    args: &InitArgs,
    interactive: bool,
    printer: &Printer,
) -> Result<(String, Option<&'static str>), CommandError> {
    let detected = detect(dir);
    for f in &detected.found {
        printer.status(&format!("found {f}"));
    }
    for f in &detected.importable {
        printer.status(&format!(
            "found {f}: `itp-dev init --from {f}` converts it instead"
        ));
    }
    let t: &Template = match &args.template {
        Some(name) => templates::template(name).ok_or_else(|| unknown_template(name))?,
        None if interactive => {
            let names: Vec<String> = TEMPLATES
                .iter()
                .map(|t| format!("{:<13} {}", t.name, t.description()))
                .collect();
            let default = detected
                .template
                .and_then(|d| TEMPLATES.iter().position(|t| t.name == d))
                .unwrap_or(0);
            let i = Select::new()
                .with_prompt("Template")
                .items(&names)
                .default(default)
                .interact()
                .map_err(prompt_error)?;
            &TEMPLATES[i]
        }
        None if args.yes => match detected.template {
            Some(name) => templates::template(name).expect("detected templates exist"),
            None => {
                return Err(CommandError::Usage {
                    message: "no stack recognised (no Cargo.toml, package.json, pyproject.toml, requirements.txt or go.mod)".into(),
                    hint: Some(template_hint()),
                });
            }
        },
        None => {
            return Err(CommandError::Usage {
                message: "no terminal to ask on, and no `--template`".into(),
                hint: Some(format!(
                    "{}, and `--yes` to take the defaults",
                    template_hint()
                )),
            });
        }
    };
    let choices = templates::service_choices(t);
    // A template's service built from a directory this repository lacks
    // would make a profile that does not load: not chosen by default.
    let (own, missing) = t.services_in(dir);
    let chosen_by_flags = args.no_services || !args.services.is_empty();
    if !missing.is_empty() && !chosen_by_flags {
        for (service, dockerfile) in &missing {
            printer.status(&format!(
                "left out the template's `{service}`: it builds from `{dockerfile}`, which this repository does not have (add it with `--service {service}` once it does)"
            ));
        }
    }
    let services: Vec<String> = if args.no_services {
        vec![]
    } else if !args.services.is_empty() {
        args.services.clone()
    } else if interactive {
        let labels: Vec<String> = choices.iter().map(|(n, w)| format!("{n:<7} {w}")).collect();
        let checked: Vec<bool> = choices.iter().map(|(n, _)| own.contains(n)).collect();
        MultiSelect::new()
            .with_prompt("Services (space toggles, enter accepts)")
            .items(&labels)
            .defaults(&checked)
            .interact()
            .map_err(prompt_error)?
            .into_iter()
            .map(|i| choices[i].0.clone())
            .collect()
    } else {
        own
    };
    let port = match args.port {
        Some(p) => Some(p),
        None if interactive => {
            let p: String = Input::new()
                .with_prompt("Port your app listens on (empty: the template's)")
                .allow_empty(true)
                .interact_text()
                .map_err(prompt_error)?;
            if p.trim().is_empty() {
                None
            } else {
                Some(p.trim().parse().map_err(|_| CommandError::Usage {
                    message: format!("`{p}` is not a port number"),
                    hint: None,
                })?)
            }
        }
        None => None,
    };
    let project = args.name.clone().unwrap_or_else(|| {
        let label = to_dns_label(
            &dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        // A directory named in letters a DNS label cannot hold (`ü`).
        if label.is_empty() {
            "app".into()
        } else {
            label
        }
    });
    let choices = Choices {
        project: &project,
        services: &services,
        port,
    };
    let text =
        templates::compose(t, &choices, &format!("./{SCHEMA_PATH}")).map_err(|e| match e {
            templates::TemplateError::UnknownService { .. } => CommandError::Usage {
                message: e.to_string(),
                hint: None,
            },
            e => CommandError::Other(e.into()),
        })?;
    Ok((text, Some(t.name)))
}

fn template_hint() -> String {
    let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
    format!("pass `--template NAME` ({})", names.join(", "))
}

fn unknown_template(name: &str) -> CommandError {
    CommandError::Usage {
        message: format!("no template named `{name}`"),
        hint: Some(template_hint()),
    }
}

fn prompt_error(e: dialoguer::Error) -> CommandError {
    CommandError::Failed {
        message: format!("could not read the answer: {e}"),
        hint: Some("pass the answers as flags (`itp-dev init --help`)".into()),
    }
}

/// The template's dev image as a Dockerfile in the repository
/// (`.itp-dev/dev/Dockerfile`), which its `[dev]` builds. One the team
/// already has is kept: it is theirs.
fn dev_dockerfile(dir: &Path, template: &str, printer: &Printer) -> Result<(), CommandError> {
    let Some(text) = crate::init::dev_images::dockerfile(template) else {
        return Ok(());
    };
    let path = dir.join(crate::init::dev_images::DIR).join("Dockerfile");
    if path.exists() {
        // One an earlier `init` wrote and nobody edited is replaced (another
        // template's would lack this one's tools); an edited one is kept.
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        match crate::init::dev_images::written_by(&old) {
            Some(t) if t == template => {
                printer.status(&format!("kept {} (unchanged)", path.display()));
                return Ok(());
            }
            Some(_) => {}
            None => {
                printer.status(&format!("kept {} (it is yours)", path.display()));
                if let Some((what, _)) = crate::init::dev_images::language(template) {
                    printer.warn(&format!(
                        "it was edited, so it is kept: check that it has {what} for the `{template}` template"
                    ));
                }
                return Ok(());
            }
        }
    }
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", d.display()))?;
    }
    std::fs::write(&path, text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    printer.status(&format!(
        "wrote {} (the dev image; `up` builds it)",
        path.display()
    ));
    Ok(())
}

/// The profile and the dev Dockerfile as they were before `init` wrote.
struct Before {
    profile: Option<Vec<u8>>,
    dockerfile: Option<Vec<u8>>,
}

impl Before {
    fn dockerfile_path(dir: &Path) -> std::path::PathBuf {
        dir.join(crate::init::dev_images::DIR).join("Dockerfile")
    }

    fn read(dir: &Path) -> Before {
        Before {
            profile: std::fs::read(dir.join(FILE_NAME)).ok(),
            dockerfile: std::fs::read(Self::dockerfile_path(dir)).ok(),
        }
    }

    fn restore(self, dir: &Path) {
        for (path, old) in [
            (dir.join(FILE_NAME), self.profile),
            (Self::dockerfile_path(dir), self.dockerfile),
        ] {
            let _ = match old {
                Some(bytes) => std::fs::write(&path, bytes),
                None => std::fs::remove_file(&path),
            };
        }
    }
}

fn write(dir: &Path, text: &str) -> Result<(), CommandError> {
    let schema = dir.join(SCHEMA_PATH);
    if let Some(d) = schema.parent() {
        std::fs::create_dir_all(d)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", d.display()))?;
    }
    std::fs::write(&schema, crate::profile::schema::json_schema_text())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", schema.display()))?;
    let target = dir.join(FILE_NAME);
    std::fs::write(&target, text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", target.display()))?;
    Ok(())
}

/// What `up` will need: the engine, and each image with how `up` gets it.
fn prerequisites(loaded: &crate::profile::Loaded, printer: &Printer) {
    let plan = crate::plan::compile(
        loaded,
        &crate::plan::Host {
            uid: 0,
            gid: 0,
            home: None,
        },
    );
    let Ok(rt) = super::runtime() else { return };
    rt.block_on(async {
        match crate::docker::connect().await {
            Err(e) => printer.warn(&format!("{e}; {}", e.hint())),
            Ok(d) => {
                printer.status("✓ Docker engine reachable");
                let root = loaded.source.path.parent().unwrap_or(Path::new("."));
                for n in crate::docker::origins::needed(&d, &plan).await {
                    printer.status(&format!(
                        "• image {}",
                        crate::docker::origins::describe(&n, root)
                    ));
                }
            }
        }
    });
}
