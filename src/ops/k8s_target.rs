//! The cluster commands' first step: the namespace (flag, profile, or
//! `itp-<project>-<user>`), the context, a connection, and a line saying
//! where, before anything changes. Also how the API's errors become exits.

use super::{CommandError, Context};
use crate::cli::K8sTargetArgs;
use crate::k8s::cluster::{self, ClusterError};
use crate::profile::Loaded;
use crate::ui::Printer;

pub fn namespace(ctx: &Context, loaded: &Loaded, flag: Option<&str>) -> String {
    crate::k8s::namespace(&ctx.load.env, loaded, flag)
}

pub fn cluster_error(e: ClusterError) -> CommandError {
    match e {
        // Exit 3, as for an engine that cannot be reached.
        ClusterError::Unreachable { message, hint } => CommandError::Cluster { message, hint },
        ClusterError::Refused(message) => CommandError::Failed {
            message,
            hint: None,
        },
        // Exit 1, with the API's own status as the cause.
        e => CommandError::Other(e.into()),
    }
}

/// Connects and says where, as every cluster command does first.
pub fn target(
    ctx: &Context,
    loaded: &Loaded,
    args: &K8sTargetArgs,
    printer: &Printer,
) -> Result<(tokio::runtime::Runtime, cluster::Cluster, String), CommandError> {
    connect_to(
        ctx,
        loaded,
        args.namespace.as_deref(),
        args.context.as_deref(),
        "",
        printer,
    )
}

/// Connects with the flag's, the profile's or the current context, and says
/// where before anything changes; returns the runtime, the cluster and the
/// namespace.
pub fn connect_to(
    ctx: &Context,
    loaded: &Loaded,
    namespace_flag: Option<&str>,
    context_flag: Option<&str>,
    note: &str,
    printer: &Printer,
) -> Result<(tokio::runtime::Runtime, cluster::Cluster, String), CommandError> {
    let ns = namespace(ctx, loaded, namespace_flag);
    if let Err(e) = crate::profile::specs::check_dns_label(&ns) {
        return Err(CommandError::Usage {
            message: format!("namespace {e}"),
            hint: Some(format!(
                "namespaces are DNS labels: `--namespace {}`",
                crate::profile::specs::to_dns_label(&ns)
            )),
        });
    }
    let context = context_flag.map(str::to_string).or_else(|| {
        loaded
            .profile
            .kubernetes
            .as_ref()
            .and_then(|k| k.context.clone())
    });
    let rt = super::runtime()?;
    let cluster = rt
        .block_on(cluster::connect(context.as_deref()))
        .map_err(cluster_error)?;
    printer.status(&format!(
        "context `{}` ({}), namespace `{ns}`{note}",
        cluster.context, cluster.server
    ));
    Ok((rt, cluster, ns))
}
