//! `itp-dev k8s …`: the profile in a Kubernetes namespace. `render` prints
//! the manifests.

use std::collections::BTreeMap;

use super::context::Context;
use super::{CommandError, Exit};
use crate::build::BuildContext;
use crate::cli::{
    K8sCommand, K8sExecArgs, K8sListArgs, K8sLogsArgs, K8sPushArgs, K8sRenderArgs, K8sShellArgs,
    K8sTargetArgs,
};
use crate::docker::registry_auth;
use crate::events::{Event, Sink};
use crate::k8s::cluster::{self, ClusterError, Outcome};
use crate::k8s::render::{self, Inputs};
use crate::k8s::urls;
use crate::ops::k8s_target::{cluster_error, connect_to, namespace, target};
use crate::ops::{carried_files, cluster_images};
use crate::plan::{Plan, compile};
use crate::profile::Loaded;
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn run(ctx: &Context, cmd: &K8sCommand, printer: &Printer) -> Result<Exit, CommandError> {
    match cmd {
        K8sCommand::Render(args) => render_cmd(ctx, args, printer),
        K8sCommand::Push(args) => push(ctx, args, printer),
        K8sCommand::Status(args) => status(ctx, args, printer),
        K8sCommand::Down(args) => down(ctx, args, printer),
        K8sCommand::Logs(args) => logs(ctx, args, printer),
        K8sCommand::Exec(args) => exec(ctx, args, printer),
        K8sCommand::Shell(args) => shell(ctx, args, printer),
        K8sCommand::List(args) => list(args, printer, false),
        K8sCommand::Gc(args) => list(args, printer, true),
    }
}

/// The bind mounts' content for the cluster; what is not carried is said.
fn carried(plan: &Plan, printer: &Printer) -> BTreeMap<String, render::MountContent> {
    let files = carried_files::read(plan);
    for n in render::not_carried(plan, &files) {
        printer.warn(&format!("not carried to Kubernetes: {n}"));
    }
    files
}

/// Every built image's context, read once per command.
fn scan(plan: &Plan) -> Result<BTreeMap<String, BuildContext>, CommandError> {
    crate::build::scan_images(&plan.images).map_err(|e| CommandError::Other(anyhow::Error::new(e)))
}

fn render_cmd(
    ctx: &Context,
    args: &K8sRenderArgs,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let ns = namespace(ctx, &loaded, args.namespace.as_deref());
    ingress_fits(&loaded, &plan, &ns)?;
    let images = cluster_images::names(&loaded, &plan, &scan(&plan)?, printer);
    let files = carried(&plan, printer);
    let objects = objects(&loaded, &plan, &ns, &images, &files, false)?;
    match &args.out {
        None => printer.out_document(render::to_yaml(&objects).trim_end()),
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            for (i, o) in objects.iter().enumerate() {
                let path = dir.join(format!(
                    "{i:02}-{}-{}.yaml",
                    o.kind().to_lowercase(),
                    o.name()
                ));
                std::fs::write(&path, render::to_yaml(std::slice::from_ref(o)))
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            }
            printer.status(&format!(
                "wrote {} manifests to {}",
                objects.len(),
                dir.display()
            ));
        }
    }
    Ok(Exit::Ok)
}

fn push(ctx: &Context, args: &K8sPushArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load_trusted(printer)?;
    let plan = compile(&loaded, &ctx.host());
    let k = loaded.profile.kubernetes.as_ref();
    let note = if args.dry_run {
        " (dry run: nothing changes)"
    } else {
        ""
    };
    let (rt, cluster, ns) = connect_to(
        ctx,
        &loaded,
        args.namespace.as_deref(),
        args.context.as_deref(),
        note,
        printer,
    )?;
    ingress_fits(&loaded, &plan, &ns)?;
    let files = carried(&plan, printer);
    // Built images: pushed and pinned by digest, or tagged here for a
    // cluster on this engine (a dry run names them, unbuilt).
    let contexts = scan(&plan)?;
    let images = if args.dry_run {
        cluster_images::refuse_local_only(&loaded, &plan, printer)?;
        cluster_images::names(&loaded, &plan, &contexts, printer)
    } else {
        cluster_images::prepare(&loaded, &plan, &contexts, printer)?
    };
    // Real secret values go to the API in a dry run too: a server-side dry
    // run stores nothing, and masked values would fail the pull Secret's
    // validation and always read as a change. Only names are printed.
    let mut objects = objects(&loaded, &plan, &ns, &images, &files, true)?;
    let ttl = k
        .and_then(|k| k.ttl.as_deref())
        .and_then(|t| humantime::parse_duration(t).ok());
    let outcome = rt.block_on(async {
        let Some(render::Object::Namespace(ns_obj)) = objects.first_mut() else {
            unreachable!("render puts the namespace first");
        };
        if let Some(ttl) = ttl {
            let expires =
                humantime::format_rfc3339_seconds(std::time::SystemTime::now() + ttl).to_string();
            ns_obj
                .metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert(crate::k8s::labels::EXPIRES.to_string(), expires);
        }
        ns_obj
            .metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(
                crate::k8s::labels::OWNER.to_string(),
                crate::k8s::user_name(&ctx.load.env),
            );
        let ns_outcome = cluster
            .ensure_namespace(ns_obj, &plan.project, args.adopt, args.dry_run)
            .await?;
        let mut results = vec![(format!("Namespace/{ns}"), ns_outcome)];
        // A dry run into a namespace that does not exist yet: the server
        // cannot try objects in it, and every one of them would be new.
        if args.dry_run && ns_outcome == Outcome::Created {
            results.extend(
                objects
                    .iter()
                    .filter(|o| o.kind() != "Namespace")
                    .map(|o| (o.key(), Outcome::Created)),
            );
            return Ok::<_, ClusterError>((results, vec![]));
        }
        results.extend(
            cluster
                .apply(&ns, &plan.project, &objects, args.dry_run)
                .await?,
        );
        let planned = objects
            .iter()
            .filter(|o| o.kind() != "Namespace")
            .map(|o| o.key())
            .collect();
        let pruned = cluster
            .prune(&ns, &plan.project, &planned, args.dry_run)
            .await?;
        Ok::<_, ClusterError>((results, pruned))
    });
    let (results, pruned) = outcome.map_err(cluster_error)?;
    let changed = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Created | Outcome::Changed))
        .count();
    let view = UpView::new(printer);
    for (key, o) in &results {
        view.emit(Event::Applied {
            object: key.clone(),
            outcome: *o,
            dry_run: args.dry_run,
        });
    }
    for key in &pruned {
        view.emit(Event::Pruned {
            object: key.clone(),
            dry_run: args.dry_run,
        });
    }
    printer.status(&format!(
        "{changed} of {} objects {}, {} {}",
        results.len(),
        if args.dry_run {
            "would change"
        } else {
            "changed"
        },
        pruned.len(),
        if args.dry_run {
            "would be pruned"
        } else {
            "pruned"
        }
    ));
    if args.dry_run || args.no_wait {
        return Ok(Exit::Ok);
    }
    let workloads: Vec<(String, String)> = objects
        .iter()
        .filter(|o| matches!(o.kind(), "Deployment" | "StatefulSet"))
        .map(|o| (o.kind().to_string(), o.name()))
        .collect();
    rt.block_on(cluster.wait(&ns, &workloads, args.timeout, &view))
        .map_err(|e| cluster_error(e.masked(|t| plan.mask_text(t))))?;
    drop(view);
    printer.status(&format!("{} ready in `{ns}`", plan.project));
    let ingress = loaded
        .profile
        .kubernetes
        .as_ref()
        .and_then(|k| k.ingress.as_ref());
    for line in reach_lines(&urls::reach(&plan, ingress, &ns, &cluster.context)) {
        printer.status(&line);
    }
    Ok(Exit::Ok)
}

/// `[kubernetes.ingress]` against the compiled plan (overlays applied) in
/// its namespace: each problem with what to do.
fn ingress_fits(loaded: &Loaded, plan: &Plan, ns: &str) -> Result<(), CommandError> {
    let Some(i) = loaded
        .profile
        .kubernetes
        .as_ref()
        .and_then(|k| k.ingress.as_ref())
    else {
        return Ok(());
    };
    let problems = urls::problems(plan, i, ns);
    let Some((_, hint)) = problems.first() else {
        return Ok(());
    };
    let messages: Vec<&str> = problems.iter().map(|(m, _)| m.as_str()).collect();
    Err(CommandError::Usage {
        message: format!("{}: {}", loaded.source.path.display(), messages.join("; ")),
        hint: Some(hint.clone()),
    })
}

/// A line per published port: its URL, or the port-forward that reaches it.
fn reach_lines(reach: &[urls::Reach]) -> Vec<String> {
    reach
        .iter()
        .map(|r| match &r.url {
            Some(u) => format!("  {} (port {}): {u}", r.service, r.port),
            None => format!("  {} (port {}): {}", r.service, r.port, r.port_forward),
        })
        .collect()
}

/// The plan rendered for `ns`, with the profile's Kubernetes settings.
fn objects(
    loaded: &Loaded,
    plan: &Plan,
    ns: &str,
    images: &BTreeMap<String, String>,
    files: &BTreeMap<String, render::MountContent>,
    reveal_secrets: bool,
) -> Result<Vec<render::Object>, CommandError> {
    let resources = loaded
        .profile
        .services
        .iter()
        .filter_map(|(n, s)| Some((n.clone(), s.resources.clone()?)))
        .collect();
    let k = loaded.profile.kubernetes.as_ref();
    let pull_logins = &pull_logins(plan, images, k.is_some_and(|k| k.local_images))?;
    Ok(render::render(
        plan,
        &Inputs {
            namespace: ns,
            images,
            resources: &resources,
            storage_class: k.and_then(|k| k.storage_class.as_deref()),
            ttl: k.and_then(|k| k.ttl.as_deref()),
            reveal_secrets,
            pull_policy: k.filter(|k| k.local_images).map(|_| "IfNotPresent"),
            files,
            ingress: k.and_then(|k| k.ingress.as_ref()),
            pull_logins,
        },
    ))
}

/// The Docker CLI's logins for the registries the images come from (only
/// those): what the cluster's pull Secret holds.
fn pull_logins(
    plan: &Plan,
    images: &BTreeMap<String, String>,
    local_images: bool,
) -> Result<BTreeMap<String, registry_auth::Login>, CommandError> {
    let mut out = BTreeMap::new();
    // A cluster on this engine never pulls what was built here.
    let built_here: Vec<&str> = if local_images {
        plan.images
            .iter()
            .filter(|i| matches!(i.source, crate::plan::ImageSource::Build { .. }))
            .map(|i| i.service.as_str())
            .collect()
    } else {
        Vec::new()
    };
    // Built images by their cluster name; the others as the profile names them.
    let all = plan
        .containers
        .iter()
        .filter(|c| !built_here.contains(&c.service.as_str()))
        .map(|c| images.get(&c.service).unwrap_or(&c.image));
    for image in all {
        let registry = registry_auth::registry_of(image);
        if out.contains_key(&registry) {
            continue;
        }
        let login = registry_auth::login_for(&registry).map_err(|e| CommandError::Failed {
            message: format!("registry login for `{registry}`: {}", e.message),
            hint: Some(e.hint),
        })?;
        if let Some(l) = login {
            out.insert(registry, l);
        }
    }
    Ok(out)
}

fn status(ctx: &Context, args: &K8sTargetArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let (rt, cluster, ns) = target(ctx, &loaded, args, printer)?;
    let project = loaded.project;
    let mut w = rt
        .block_on(cluster.workloads(&ns, &project))
        .map_err(cluster_error)?;
    // A failing probe's output may quote a secret.
    for x in &mut w {
        x.why = x.why.as_deref().map(|t| plan.mask_text(t));
    }
    let ingress = loaded
        .profile
        .kubernetes
        .as_ref()
        .and_then(|k| k.ingress.as_ref());
    let reach = urls::reach(&plan, ingress, &ns, &cluster.context);
    if printer.json {
        printer.out_json(&serde_json::json!({
            "namespace": ns, "project": project, "workloads": w, "reach": reach,
        }));
    } else if w.is_empty() {
        printer.out(&format!(
            "nothing of `{project}` in `{ns}` (`itp-dev k8s push` puts it there)"
        ));
    } else {
        let rows: Vec<[String; 4]> = w
            .iter()
            .map(|x| {
                [
                    x.name.clone(),
                    x.kind.clone(),
                    format!("{}/{}", x.ready, x.desired),
                    x.why.clone().unwrap_or_default(),
                ]
            })
            .collect();
        printer.out(&crate::ui::table::format_table(
            ["SERVICE", "KIND", "READY", "WAITING FOR"],
            &rows,
        ));
        if !reach.is_empty() {
            let how = if reach.iter().any(|r| r.url.is_some()) {
                "\nURLs:"
            } else {
                "\nto reach the published ports from this machine:"
            };
            printer.out(how);
            for line in reach_lines(&reach) {
                printer.out(&line);
            }
        }
    }
    Ok(Exit::Ok)
}

fn down(ctx: &Context, args: &K8sTargetArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let (rt, cluster, ns) = target(ctx, &loaded, args, printer)?;
    let project = loaded.project;
    let deleted = rt
        .block_on(cluster.down(&ns, &project))
        .map_err(cluster_error)?;
    if deleted.is_empty() {
        printer.status(&format!("nothing of `{project}` in `{ns}`"));
    }
    for d in &deleted {
        printer.status(&format!("deleted {d}"));
    }
    // In a namespace that stays, the volume claims stay too: their data is
    // the user's, as named volumes survive a local `down`.
    if !deleted.iter().any(|d| d.starts_with("Namespace/")) {
        let kept = rt
            .block_on(cluster.claims(&ns, &project))
            .map_err(cluster_error)?;
        for k in kept {
            let name = k.trim_start_matches("PersistentVolumeClaim/");
            printer.status(&format!(
                "kept {k}: its data stays (`kubectl delete pvc {name} -n {ns}` removes it)"
            ));
        }
    }
    Ok(Exit::Ok)
}

/// `list`, and with `gc` the deletion of the expired namespaces among them.
fn list(args: &K8sListArgs, printer: &Printer, gc: bool) -> Result<Exit, CommandError> {
    let rt = super::runtime()?;
    let cluster = rt
        .block_on(cluster::connect(args.context.as_deref()))
        .map_err(cluster_error)?;
    printer.status(&format!(
        "context `{}` ({})",
        cluster.context, cluster.server
    ));
    let all = rt
        .block_on(cluster.namespaces(None))
        .map_err(cluster_error)?;
    let now = std::time::SystemTime::now();
    if gc {
        for n in all
            .iter()
            .filter(|n| crate::k8s::decide::expired(n.expires.as_deref(), now))
        {
            if args.dry_run {
                printer.status(&format!(
                    "would delete {} (expired {})",
                    n.name,
                    n.expires.as_deref().unwrap_or("")
                ));
            } else {
                rt.block_on(cluster.delete_namespace(&n.name))
                    .map_err(cluster_error)?;
                printer.status(&format!(
                    "deleted {} (expired {})",
                    n.name,
                    n.expires.as_deref().unwrap_or("")
                ));
            }
        }
        return Ok(Exit::Ok);
    }
    if printer.json {
        printer.out_json(&all);
    } else {
        let rows: Vec<[String; 5]> = all
            .iter()
            .map(|n| {
                let expired = crate::k8s::decide::expired(n.expires.as_deref(), now);
                [
                    n.name.clone(),
                    n.project.clone(),
                    n.owner.clone(),
                    n.created.clone(),
                    match &n.expires {
                        Some(e) if expired => format!("{e} (expired)"),
                        Some(e) => e.clone(),
                        None => "never".into(),
                    },
                ]
            })
            .collect();
        printer.out(&crate::ui::table::format_table(
            ["NAMESPACE", "PROJECT", "OWNER", "CREATED", "EXPIRES"],
            &rows,
        ));
    }
    Ok(Exit::Ok)
}

fn logs(ctx: &Context, args: &K8sLogsArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    super::services::one(&plan, Some(&args.service))?;
    let (rt, cluster, ns) = target(ctx, &loaded, &args.target, printer)?;
    let lines = |pod: &str, line: &str| {
        if printer.json {
            printer.event(
                "log",
                &serde_json::json!({ "service": args.service, "pod": pod, "line": line }),
            );
        } else {
            printer.out(&format!("{} | {line}", args.service));
        }
    };
    // Ctrl-C ends a follow cleanly: it is how one stops it.
    let found = rt
        .block_on(async {
            tokio::select! {
                r = cluster.logs(&ns, &args.service, args.follow, args.tail, &lines) => r,
                _ = tokio::signal::ctrl_c() => Ok(true),
            }
        })
        .map_err(|e| cluster_error(e.masked(|t| plan.mask_text(t))))?;
    if !found {
        return Err(CommandError::Failed {
            message: format!("no pod of `{}` in `{ns}`", args.service),
            hint: Some("`itp-dev k8s status` shows what runs there".into()),
        });
    }
    Ok(Exit::Ok)
}

fn exec(ctx: &Context, args: &K8sExecArgs, printer: &Printer) -> Result<Exit, CommandError> {
    use std::io::IsTerminal;
    let tty = std::io::stdin().is_terminal();
    let loaded = ctx.load()?;
    super::services::one(&compile(&loaded, &ctx.host()), Some(&args.service))?;
    attach(
        ctx,
        &loaded,
        &args.target,
        &args.service,
        args.command.clone(),
        tty,
        printer,
    )
}

fn shell(ctx: &Context, args: &K8sShellArgs, printer: &Printer) -> Result<Exit, CommandError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(CommandError::Usage {
            message: "`k8s shell` needs a terminal, and stdin is not one".into(),
            hint: Some("use `itp-dev k8s exec SERVICE -- COMMAND` from scripts".into()),
        });
    }
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let c = super::services::one(&plan, args.service.as_deref())?;
    let shell = c.shell.clone().unwrap_or_else(|| "/bin/sh".into());
    let service = c.service.clone();
    attach(
        ctx,
        &loaded,
        &args.target,
        &service,
        vec![shell],
        true,
        printer,
    )
}

/// A command in the service's pod, attached here; its exit code passed through.
fn attach(
    ctx: &Context,
    loaded: &Loaded,
    t: &K8sTargetArgs,
    service: &str,
    cmd: Vec<String>,
    tty: bool,
    printer: &Printer,
) -> Result<Exit, CommandError> {
    let (rt, cluster, ns) = target(ctx, loaded, t, printer)?;
    let _raw = tty
        .then(crate::terminal::RawMode::enable)
        .and_then(Result::ok);
    let code = rt
        .block_on(cluster.exec(&ns, service, cmd, tty))
        .map_err(cluster_error)?;
    match code {
        None => Err(CommandError::Failed {
            message: format!("no pod of `{service}` in `{ns}`"),
            hint: Some("`itp-dev k8s status` shows what runs there".into()),
        }),
        Some(0) => Ok(Exit::Ok),
        Some(c) => Ok(Exit::Passthrough(c.clamp(1, 255) as u8)),
    }
}
