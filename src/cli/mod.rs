//! The command line, declared with clap's derive API: these doc comments are
//! the `--help` text. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ui::ColorChoice;

/// `itp-dev --version`: the version and the commit it was built from
/// (`build.rs`). `-V` stays the bare version.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ITP_DEV_GIT_COMMIT"),
    ")"
);

/// One profile, the same development environment for every developer, QA
/// engineer and CI job.
///
/// itp-dev reads `itp-dev.toml` (found by walking up from the current
/// directory) and turns it into containers, on Docker or Kubernetes.
#[derive(Parser, Debug)]
#[command(
    name = "itp-dev",
    version,
    long_version = LONG_VERSION,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Use this profile (before the command; `--file` works anywhere).
    ///
    /// As in docker compose, `-f` after a command is that command's own
    /// (`logs -f` follows).
    #[arg(short = 'f', value_name = "PATH", conflicts_with = "file")]
    pub file_short: Option<PathBuf>,
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Use this profile instead of searching for itp-dev.toml.
    #[arg(long = "file", value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,
    /// Run as if itp-dev was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Apply an overlay of the profile (repeatable; applied in order).
    #[arg(long = "overlay", value_name = "NAME", global = true)]
    pub overlays: Vec<String>,
    /// Machine-readable output: JSON documents for queries, NDJSON events for
    /// long-running commands. Never prompts.
    #[arg(long, global = true)]
    pub json: bool,
    /// Show more detail (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Show only results and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", global = true)]
    pub color: ColorChoice,
    /// Never draw progress bars.
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Act on the profile's host-reaching parts (mounts outside the
    /// repository, the engine socket, ports on all interfaces) without an
    /// approval, for this run (CI). Same as ITP_DEV_TRUST=1.
    #[arg(long, global = true)]
    pub trust: bool,
    /// Send this command's trace to an OpenTelemetry collector (OTLP over
    /// HTTP, the collector's base address, e.g. `http://127.0.0.1:4318`).
    /// OTEL_EXPORTER_OTLP_ENDPOINT does the same.
    #[arg(long, value_name = "URL", global = true)]
    pub otlp: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a profile for this repository: detects the stack, asks a few
    /// questions (or takes flags), writes itp-dev.toml.
    ///
    /// `--from compose.yaml` or `--from .devcontainer/devcontainer.json`
    /// converts what the team already has, listing anything not converted.
    Init(InitArgs),
    /// Check this machine for this profile: the engine, socket, disk,
    /// ports, inotify, build contexts, kubeconfig; each with a fix.
    ///
    /// Exits 0 only when no check fails.
    Doctor,
    /// Check the profile and report every problem.
    ///
    /// Without `--overlay`, the base profile and each of its overlays are
    /// checked. Exits 2 when the profile is invalid.
    Validate,
    /// Print the fully resolved profile, secrets masked.
    ///
    /// Overlays are applied and variables interpolated, so this is exactly
    /// what the other commands act on.
    Config(ConfigArgs),
    /// Print the desired state compiled from the profile.
    ///
    /// Images, network, volumes, containers with their config hashes, and
    /// the start order. Needs no Docker.
    Plan(PlanArgs),
    /// Bring the environment up: build or pull images, start services in
    /// dependency order, run the dev container's hooks.
    ///
    /// Only what differs from the profile is changed: a second run with
    /// nothing changed touches nothing and returns at once.
    Up(UpArgs),
    /// Watch files and act on changes by the profile's `[[watch]]` rules.
    ///
    /// Syncs changed files into containers, restarts or rebuilds services,
    /// or runs commands; edits made while it was not running are picked up
    /// when it starts. Ctrl-C stops it.
    Watch(WatchArgs),
    /// Show each service: state, health, ports, image, uptime.
    #[command(visible_alias = "ps")]
    Status,
    /// Open an interactive shell in the dev container (or a service).
    ///
    /// As the profile's user, in its workdir, with a real terminal. Brings
    /// the environment up first when it is not running (`--no-up` refuses
    /// instead).
    Shell(ShellArgs),
    /// Run a command in the dev container (or a service).
    ///
    /// `itp-dev exec -- make test`, `itp-dev exec db -- psql`. A terminal
    /// only when stdin is one; stdin is streamed; the command's exit code
    /// is itp-dev's.
    Exec(ExecArgs),
    /// Show the logs of services (all when none is named).
    Logs(LogsArgs),
    /// Restart services in dependency order, waiting for health as `up` does.
    Restart(RestartArgs),
    /// Build the services' images without starting anything.
    ///
    /// Unchanged build contexts are skipped as in `up`. `--push` tags each
    /// image by its content hash and pushes it to `kubernetes.registry`.
    Build(BuildArgs),
    /// Open VS Code attached to the dev container itp-dev manages.
    ///
    /// Brings the environment up, writes the attached-container
    /// configuration (workspace folder, user, extensions and settings from
    /// `[dev.vscode]`, forwarded ports) and runs `code --folder-uri …`.
    /// Without `code` on PATH, prints the URI to open.
    Code,
    /// Generate IDE files from the profile: devcontainer.json, tasks.json.
    #[command(subcommand)]
    Ide(IdeCommand),
    /// Kubernetes: the same profile in a namespace.
    #[command(subcommand)]
    K8s(K8sCommand),
    /// Compare the local environment with its Kubernetes namespace.
    ///
    /// Per service: the image (by digest), env (secrets by hash, never
    /// shown), ports and Services, volumes, config files, readiness. Exits
    /// 0 when they are the same, 1 when not.
    Diff(K8sTargetArgs),
    /// Stop and remove the project's containers and network.
    ///
    /// Named volumes, and the data in them, are kept unless `--volumes`.
    /// Only objects labelled with this project are touched.
    Down(DownArgs),
    /// Print a shell completion script.
    ///
    /// For example: `itp-dev completions bash > ~/.local/share/bash-completion/completions/itp-dev`.
    Completions(CompletionsArgs),
    /// Approve this repository's profile to reach the host beyond the
    /// repository (bind mounts from outside it, the engine socket, ports on
    /// all interfaces…), after showing exactly what.
    ///
    /// The approval is of these parts: a new one asks again, an unrelated
    /// edit does not.
    Trust(TrustArgs),
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Output format (`--json` implies json).
    #[arg(long, value_enum, default_value_t = ConfigFormat::Toml)]
    pub format: ConfigFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ConfigFormat {
    Toml,
    Json,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// Output format (`--json` implies json).
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum PlanFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct TrustArgs {
    /// List the repositories approved on this machine.
    #[arg(long, conflicts_with = "revoke")]
    pub list: bool,
    /// Forget this repository's approval.
    #[arg(long)]
    pub revoke: bool,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Args, Debug, Default)]
pub struct UpArgs {
    /// Print the actions and their reasons; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also wait for every (re)started service with a healthcheck to be
    /// healthy, not only those another service depends on.
    #[arg(long)]
    pub wait: bool,
    /// Bound each health wait (e.g. `30s`, `2m`) instead of the bound
    /// derived from the healthcheck's interval, timeout and retries.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
    /// Then watch files and act on changes, as `itp-dev watch`.
    #[arg(long)]
    pub watch: bool,
    /// Everything but the dev container (its image is still built): for
    /// tools that run the dev container themselves, such as the Dev
    /// Containers CLI with the generated devcontainer.json.
    #[arg(long)]
    pub no_dev: bool,
    /// Write where the time went as an HTML page (a timeline per service,
    /// the critical path marked) and print the critical path. Without a
    /// PATH, the page goes to the state directory.
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = "", require_equals = true)]
    pub timings: Option<String>,
    #[command(flatten)]
    pub timing: WatchTiming,
}

#[derive(Args, Debug, Clone)]
pub struct WatchTiming {
    /// Quiet time that ends a batch of file changes.
    #[arg(long, value_name = "DURATION", default_value = "30ms", value_parser = humantime::parse_duration)]
    pub debounce: std::time::Duration,
    /// Longest a batch waits while changes keep coming.
    #[arg(long, value_name = "DURATION", default_value = "300ms", value_parser = humantime::parse_duration)]
    pub max_wait: std::time::Duration,
}

impl Default for WatchTiming {
    fn default() -> Self {
        WatchTiming {
            debounce: crate::watch::batch::DEFAULT_QUIET,
            max_wait: crate::watch::batch::DEFAULT_MAX_WAIT,
        }
    }
}

impl WatchTiming {
    /// The watch loop's options: the CLI's flags are not the engine's.
    pub fn options(&self) -> crate::watch::run::Options {
        crate::watch::run::Options {
            quiet: self.debounce,
            max_wait: self.max_wait,
        }
    }
}

#[derive(Args, Debug)]
pub struct WatchArgs {
    #[command(flatten)]
    pub timing: WatchTiming,
}

#[derive(Subcommand, Debug)]
pub enum K8sCommand {
    /// Print the manifests the profile becomes (secret values masked).
    Render(K8sRenderArgs),
    /// Build and push images, apply the manifests (server-side apply),
    /// prune what itp-dev owns and no longer plans, wait until ready.
    Push(K8sPushArgs),
    /// The project's workloads in the namespace, and how many are ready.
    Status(K8sTargetArgs),
    /// Logs of a service's pods in the namespace.
    Logs(K8sLogsArgs),
    /// Run a command in a service's pod: `itp-dev k8s exec web -- ls`.
    Exec(K8sExecArgs),
    /// An interactive shell in the dev pod (or a service's).
    Shell(K8sShellArgs),
    /// Remove the project from the namespace: the whole namespace when
    /// itp-dev created it, otherwise only the objects it owns there.
    Down(K8sTargetArgs),
    /// The namespaces itp-dev created: project, owner, age and expiry.
    List(K8sListArgs),
    /// Delete the namespaces whose `kubernetes.ttl` has run out.
    Gc(K8sListArgs),
}

#[derive(Args, Debug)]
pub struct K8sTargetArgs {
    /// Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`).
    #[arg(long, value_name = "NS")]
    pub namespace: Option<String>,
    /// kubeconfig context (default: `kubernetes.context`, else the current one).
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
}

#[derive(Args, Debug)]
pub struct K8sShellArgs {
    /// The service (default: the dev container).
    pub service: Option<String>,
    #[command(flatten)]
    pub target: K8sTargetArgs,
}

#[derive(Args, Debug)]
pub struct K8sExecArgs {
    /// The service.
    pub service: String,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
    #[command(flatten)]
    pub target: K8sTargetArgs,
}

#[derive(Args, Debug)]
pub struct K8sLogsArgs {
    /// The service.
    pub service: String,
    /// Keep following new output.
    #[arg(short, long)]
    pub follow: bool,
    /// Only the last N lines of each pod.
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<i64>,
    #[command(flatten)]
    pub target: K8sTargetArgs,
}

#[derive(Args, Debug)]
pub struct K8sListArgs {
    /// kubeconfig context (default: the current one).
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    /// With `gc`: say what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug)]
pub struct K8sPushArgs {
    /// Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`).
    #[arg(long, value_name = "NS")]
    pub namespace: Option<String>,
    /// kubeconfig context (default: `kubernetes.context`, else the current one).
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    /// Show what would change (a server-side dry run); change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not wait for the workloads to be ready.
    #[arg(long)]
    pub no_wait: bool,
    /// Take over a namespace that exists without itp-dev's labels.
    #[arg(long)]
    pub adopt: bool,
    /// How long to wait for the workloads.
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = humantime::parse_duration)]
    pub timeout: std::time::Duration,
}

#[derive(Args, Debug)]
pub struct K8sRenderArgs {
    /// Namespace (default: `kubernetes.namespace`, else `itp-<project>-<user>`).
    #[arg(long, value_name = "NS")]
    pub namespace: Option<String>,
    /// Write one file per object into DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum IdeCommand {
    /// `.devcontainer/devcontainer.json` for tools that read the Dev
    /// Containers spec (printed unless `--write`).
    Devcontainer(IdeWriteArgs),
    /// `.vscode/tasks.json` with itp-dev tasks and a problem matcher for
    /// profile errors, merged into an existing file (printed unless `--write`).
    Tasks(IdeWriteArgs),
}

#[derive(Args, Debug)]
pub struct IdeWriteArgs {
    /// Write the file instead of printing it.
    #[arg(long)]
    pub write: bool,
    /// Replace a file that itp-dev did not generate.
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Template to start from: rust-service, node-web, python-api, full-stack.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// A service to add (repeatable): db (PostgreSQL), cache (Redis), mysql,
    /// mongo, or one of the template's own.
    #[arg(long = "service", value_name = "NAME")]
    pub services: Vec<String>,
    /// Add no services.
    #[arg(long, conflicts_with = "services")]
    pub no_services: bool,
    /// The port your app listens on (published on the same host port).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Project name (default: the directory's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Convert an existing compose.yaml or devcontainer.json instead.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["template", "services", "no_services", "port"])]
    pub from: Option<PathBuf>,
    /// Take the detected or default answers; never prompt.
    #[arg(short, long)]
    pub yes: bool,
    /// Replace an existing itp-dev.toml.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ShellArgs {
    /// The service (default: the dev container).
    pub service: Option<String>,
    /// Fail instead of bringing the environment up.
    #[arg(long)]
    pub no_up: bool,
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// The service (default: the dev container).
    pub service: Option<String>,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
    /// Run as this user instead of the service's.
    #[arg(short, long)]
    pub user: Option<String>,
    /// Run in this directory instead of the service's workdir.
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Extra environment, `KEY=VALUE`, or `KEY` for this shell's value of
    /// it (left out when unset), as `docker exec -e` (repeatable).
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Services to show (default: all).
    pub services: Vec<String>,
    /// Keep following new output, across restarts and recreation.
    #[arg(short, long)]
    pub follow: bool,
    /// Only output newer than this, e.g. `10m`, `1h`.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub since: Option<std::time::Duration>,
    /// Only the last N lines of each service.
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<u64>,
    /// Show the engine's timestamp on each line.
    #[arg(short, long)]
    pub timestamps: bool,
}

#[derive(Args, Debug)]
pub struct RestartArgs {
    /// Services to restart (default: all).
    pub services: Vec<String>,
    /// Bound each health wait (see `up --timeout`).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Services to build (default: every service with a `build` section).
    pub services: Vec<String>,
    /// Build every step again, ignoring the engine's layer cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Pull newer versions of the base images first.
    #[arg(long)]
    pub pull: bool,
    /// Tag each image by its content hash and push it to `kubernetes.registry`.
    #[arg(long)]
    pub push: bool,
}

#[derive(Args, Debug)]
pub struct DownArgs {
    /// Also delete the project's named volumes and their data.
    #[arg(long)]
    pub volumes: bool,
    /// Do not ask before deleting volumes (required without a terminal).
    #[arg(short, long)]
    pub yes: bool,
}

impl Command {
    /// The command's name, as typed (for the trace's root span).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Init(_) => "init",
            Command::Doctor => "doctor",
            Command::Validate => "validate",
            Command::Config(_) => "config",
            Command::Plan(_) => "plan",
            Command::Completions(_) => "completions",
            Command::Trust(_) => "trust",
            Command::Up(_) => "up",
            Command::Code => "code",
            Command::Ide(_) => "ide",
            Command::Watch(_) => "watch",
            Command::Shell(_) => "shell",
            Command::Exec(_) => "exec",
            Command::Logs(_) => "logs",
            Command::Restart(_) => "restart",
            Command::Build(_) => "build",
            Command::K8s(_) => "k8s",
            Command::Diff(_) => "diff",
            Command::Status => "status",
            Command::Down(_) => "down",
        }
    }
}
