//! `itp-dev code` and `itp-dev ide devcontainer|tasks`: IDE files generated
//! from the profile, written only where itp-dev owns them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::{IdeCommand, IdeWriteArgs};
use crate::docker;
use crate::ide::{attach, devcontainer, tasks};
use crate::plan::compile;
use crate::profile::Loaded;
use crate::ui::Printer;

pub fn run(ctx: &Context, cmd: &IdeCommand, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    match cmd {
        IdeCommand::Devcontainer(args) => {
            // The written file hands the same mounts to another tool.
            if args.write {
                crate::ops::trust::gate(ctx, &loaded, printer)?;
            }
            let text =
                devcontainer::render(&plan, loaded.profile.dev.as_ref(), &loaded.source.display)
                    .ok_or_else(no_dev)?;
            let path = loaded.dir.join(devcontainer::PATH);
            let owned = |existing: &str| devcontainer::is_generated(existing);
            emit(&path, &text, args, owned, printer)
        }
        IdeCommand::Tasks(args) => {
            let path = loaded.dir.join(tasks::PATH);
            let existing = std::fs::read_to_string(&path).ok();
            let text = tasks::merge(existing.as_deref()).map_err(|e| CommandError::Failed {
                message: format!(
                    "cannot merge into {}: not valid JSON with comments: {e}",
                    path.display()
                ),
                hint: Some("fix the file's syntax (comments and trailing commas are fine)".into()),
            })?;
            // Merging keeps the user's tasks, so the file is always ours to update.
            emit(&path, &text, args, |_| true, printer)
        }
    }
}

fn no_dev() -> CommandError {
    CommandError::Usage {
        message: "the profile has no `[dev]` section, so there is no dev container to describe"
            .into(),
        hint: Some("add `[dev]` with an `image` or `build`".into()),
    }
}

/// Prints `text`, or with `--write` writes it to `path`: unchanged files are
/// left alone, and a file itp-dev does not own is replaced only with
/// `--force` (the difference is shown either way).
fn emit(
    path: &Path,
    text: &str,
    args: &IdeWriteArgs,
    owned: impl Fn(&str) -> bool,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    if !args.write {
        printer.out(text.trim_end_matches('\n'));
        return Ok(Exit::Ok);
    }
    let shown = path.display().to_string();
    if let Ok(existing) = std::fs::read_to_string(path) {
        if existing == text {
            printer.status(&format!("{shown} is up to date"));
            return Ok(Exit::Ok);
        }
        if !owned(&existing) && !args.force {
            let diff = similar::TextDiff::from_lines(existing.as_str(), text)
                .unified_diff()
                .header(&format!("{shown} (yours)"), &format!("{shown} (generated)"))
                .to_string();
            printer.block(&diff);
            return Err(CommandError::Failed {
                message: format!("{shown} was not written by itp-dev; not replacing it"),
                hint: Some("the difference is above; `--write --force` replaces it".into()),
            });
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {shown}: {e}"))?;
    printer.status(&format!("wrote {shown}"));
    Ok(Exit::Ok)
}

pub fn run_code(ctx: &Context, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load_trusted(printer)?;
    let plan = compile(&loaded, &ctx.host());
    let dev = plan
        .containers
        .iter()
        .find(|c| c.is_dev)
        .ok_or_else(no_dev)?
        .clone();
    let exit = super::runtime()?.block_on(async {
        let d = docker::connect().await?;
        crate::ops::up::converge_and_show(&d, &plan, &Default::default(), printer, Instant::now())
            .await
    })?;
    if exit != Exit::Ok {
        return Ok(exit);
    }
    write_attach_config(ctx, &loaded, &plan, &dev, printer)?;
    let folder = dev.workdir.clone().unwrap_or_else(|| "/workspace".into());
    let uri = attach::folder_uri(&dev.name, &folder);
    match find_on_path("code") {
        Some(code) => {
            let status = std::process::Command::new(code)
                .args(["--folder-uri", &uri])
                .status()
                .map_err(|e| anyhow::anyhow!("could not run `code`: {e}"))?;
            if !status.success() {
                return Err(CommandError::Failed {
                    message: format!("`code` exited with {status}"),
                    hint: Some(format!("open this URI in VS Code yourself: {uri}")),
                });
            }
            printer.status(&format!("opened VS Code in `{}`", dev.name));
        }
        None => {
            printer.warn("VS Code's `code` command is not on PATH (in VS Code: \"Shell Command: Install 'code' command in PATH\"); open this in VS Code with the Dev Containers extension:");
            printer.out(&uri);
        }
    }
    Ok(Exit::Ok)
}

fn write_attach_config(
    ctx: &Context,
    loaded: &Loaded,
    plan: &crate::plan::Plan,
    dev: &crate::plan::ContainerPlan,
    printer: &Printer,
) -> Result<(), CommandError> {
    let Some(home) = ctx.load.env.get("HOME").map(PathBuf::from) else {
        printer.warn("HOME is not set: VS Code's attached-container configuration was not written");
        return Ok(());
    };
    let vscode = loaded.profile.dev.as_ref().and_then(|d| d.vscode.as_ref());
    let path = attach::config_path(&home, &dev.name);
    let text =
        serde_json::to_string_pretty(&attach::config(plan, dev, vscode)).expect("serializes");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&path, text + "\n")
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    printer.detail(&format!("wrote {}", path.display()));
    Ok(())
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p).map(|d| d.join(name)).find(|f| {
            std::fs::metadata(f).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}
