//! Service names given on the command line, checked against the plan: an
//! unknown one is a usage error that suggests the closest name.

use super::CommandError;
use crate::plan::{ContainerPlan, Plan};
use crate::profile::diagnostic::did_you_mean;

/// The containers named, in start order; all of them when `names` is empty.
pub fn select<'p>(
    plan: &'p Plan,
    names: &[String],
) -> Result<Vec<&'p ContainerPlan>, CommandError> {
    for n in names {
        check(plan, n)?;
    }
    Ok(plan
        .levels
        .iter()
        .flatten()
        .filter(|s| names.is_empty() || names.contains(s))
        .filter_map(|s| plan.container(s))
        .collect())
}

/// One container: the one named, or the dev container when none is.
pub fn one<'p>(plan: &'p Plan, name: Option<&str>) -> Result<&'p ContainerPlan, CommandError> {
    match name {
        Some(n) => check(plan, n),
        None => plan
            .containers
            .iter()
            .find(|c| c.is_dev)
            .ok_or_else(|| CommandError::Usage {
                message: "the profile has no `[dev]` container; name a service".into(),
                hint: Some(format!("services: {}", names(plan).join(", "))),
            }),
    }
}

fn check<'p>(plan: &'p Plan, name: &str) -> Result<&'p ContainerPlan, CommandError> {
    plan.container(name).ok_or_else(|| {
        let all = names(plan);
        let hint = match did_you_mean(name, all.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? (services: {})", all.join(", ")),
            None => format!("services: {}", all.join(", ")),
        };
        CommandError::Usage {
            message: format!("no service named `{name}` in the profile"),
            hint: Some(hint),
        }
    })
}

fn names(plan: &Plan) -> Vec<String> {
    plan.containers.iter().map(|c| c.service.clone()).collect()
}
