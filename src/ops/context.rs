//! What every command needs from the global flags and the process: where it
//! runs, which profile and overlays, and the environment for interpolation.

use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::plan::Host;
use crate::profile::{LoadError, LoadOptions, Loaded};

pub struct Context {
    pub load: LoadOptions,
    /// `--trust`: act on the profile's host-reaching parts without asking.
    pub trust: bool,
}

impl Context {
    pub fn from_args(g: &GlobalArgs) -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let cwd = match &g.dir {
            Some(d) => cwd.join(d),
            None => cwd,
        };
        Context {
            load: LoadOptions {
                cwd,
                file: g.file.clone(),
                overlays: g.overlays.clone(),
                env: std::env::vars().collect(),
            },
            trust: g.trust,
        }
    }

    /// The profile; its secret values are masked in all output from now on.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        let loaded = crate::profile::load(&self.load)?;
        crate::ui::mask::register(crate::profile::secrets::values(&loaded));
        crate::timeline::note("itp.project", || loaded.project.clone());
        Ok(loaded)
    }

    /// The profile, once its host-reaching parts are approved (asked on a
    /// terminal; refused with exit 2 otherwise): for commands that act.
    pub fn load_trusted(
        &self,
        printer: &crate::ui::Printer,
    ) -> Result<Loaded, super::CommandError> {
        let loaded = self.load()?;
        super::trust::gate(self, &loaded, printer)?;
        Ok(loaded)
    }

    pub fn host(&self) -> Host {
        // SAFETY: getuid and getgid cannot fail and touch no memory.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        Host {
            uid,
            gid,
            home: self.load.env.get("HOME").map(PathBuf::from),
        }
    }
}
