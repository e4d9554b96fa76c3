//! What `build` and `k8s push` share: connect, then build (or skip) and
//! push the chosen images of an already compiled plan, with progress.

use std::collections::BTreeMap;

use super::CommandError;
use crate::build::BuildContext;
use crate::docker::publish::{self, Published};
use crate::plan::{ImagePlan, Plan};
use crate::ui::Printer;
use crate::ui::progress::UpView;

pub fn publish(
    plan: &Plan,
    built: &[&ImagePlan],
    contexts: &BTreeMap<String, BuildContext>,
    opts: &publish::Options,
    printer: &Printer,
) -> Result<Published, CommandError> {
    let view = UpView::new(printer);
    let result = super::runtime()?.block_on(async {
        let d = crate::docker::connect().await?;
        publish::publish(&d, plan, built, contexts, opts, &view)
            .await
            .map_err(|e| CommandError::Other(anyhow::Error::new(e)))
    });
    drop(view);
    result
}
