//! Build contexts: which files a build sends (`.dockerignore`), their
//! content hash (so an unchanged context skips the build entirely), and the
//! tar archive the engine receives. Filesystem only, no engine.

pub mod context;
pub mod dockerignore;
pub mod index;
pub mod monitor;

pub use context::{BuildContext, ContextError};
pub use dockerignore::IgnoreRules;

use std::collections::BTreeMap;

use crate::plan::{ImagePlan, ImageSource};

/// Characters of the context hash that tag a pushed image.
pub const TAG_LEN: usize = 12;

/// A build context that could not be read, with the service it is for and
/// the cause kept (so `Caused by:` shows it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read the build context of `{service}`")]
pub struct ScanError {
    pub service: String,
    #[source]
    pub source: ContextError,
}

/// The build contexts of the images that are built, by service.
pub fn scan_images<'a>(
    images: impl IntoIterator<Item = &'a ImagePlan>,
) -> Result<BTreeMap<String, BuildContext>, ScanError> {
    let mut out = BTreeMap::new();
    for img in images {
        if let ImageSource::Build {
            context,
            dockerfile,
            target,
            args,
            ..
        } = &img.source
        {
            let c = BuildContext::scan(context, dockerfile, target.as_deref(), args).map_err(
                |source| ScanError {
                    service: img.service.clone(),
                    source,
                },
            )?;
            out.insert(img.service.clone(), c);
        }
    }
    Ok(out)
}

/// Where a built image is pushed: `<registry>/<project>-<service>:<hash>`,
/// tagged by its content so the same context always gets the same tag.
pub fn pushed_reference(registry: &str, project: &str, service: &str, hash: &str) -> String {
    format!(
        "{}/{project}-{service}:{}",
        registry.trim_end_matches('/'),
        &hash[..TAG_LEN]
    )
}
