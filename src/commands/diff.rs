//! `itp-dev diff`: the local environment against its namespace, aspect by
//! aspect. Exit 0 when they are the same, 1 when not.

use super::context::Context;
use super::{CommandError, Exit};
use crate::cli::K8sTargetArgs;
use crate::ops::k8s_target::{cluster_error, target};
use crate::ops::{carried_files, runtime};
use crate::parity;
use crate::plan::compile;
use crate::ui::Printer;

pub fn run(ctx: &Context, args: &K8sTargetArgs, printer: &Printer) -> Result<Exit, CommandError> {
    let loaded = ctx.load()?;
    let plan = compile(&loaded, &ctx.host());
    let local = runtime()?.block_on(async {
        let d = crate::docker::connect().await?;
        crate::docker::facts::local(&d, &plan, carried_files::as_compared)
            .await
            .map_err(|e| {
                CommandError::Other(anyhow::anyhow!("reading the local containers failed: {e}"))
            })
    })?;
    let (rt, cluster, ns) = target(ctx, &loaded, args, printer)?;
    let remote = rt
        .block_on(cluster.facts(&ns, &loaded.project))
        .map_err(cluster_error)?;
    let report = parity::compare(&local, &remote);
    if printer.json {
        printer.out_json(&serde_json::json!({
            "namespace": ns,
            "project": loaded.project,
            "equal": report.equal(),
            "same": report.same,
            "different": report.different,
            "rows": report.rows,
        }));
    } else {
        let rows: Vec<[String; 4]> = report
            .rows
            .iter()
            .filter(|r| !r.same)
            .map(|r| {
                [
                    r.service.clone(),
                    r.aspect.clone(),
                    r.local.clone(),
                    r.namespace.clone(),
                ]
            })
            .collect();
        if !rows.is_empty() {
            printer.out(&crate::ui::table::format_table(
                ["SERVICE", "WHAT", "LOCAL", &format!("NAMESPACE {ns}")],
                &rows,
            ));
        }
        let services = local.services.len().max(remote.services.len());
        printer.status(&if report.equal() {
            format!(
                "the same: {} aspects of {services} services compared",
                report.same
            )
        } else {
            format!(
                "{} differences, {} aspects the same",
                report.different, report.same
            )
        });
    }
    Ok(if report.equal() {
        Exit::Ok
    } else {
        Exit::Failure
    })
}
