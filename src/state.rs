//! What itp-dev keeps on the host between runs, per project: a lock file
//! (so two `up`/`down` runs never interleave) and which lifecycle hooks have
//! run in which container. In the XDG state directory
//! (`~/.local/state/itp-dev`), or `ITP_DEV_STATE_DIR`.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The state directory itself.
pub fn base_dir() -> PathBuf {
    match std::env::var_os("ITP_DEV_STATE_DIR") {
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("dev", "itp", "itp-dev")
            .map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf()
            })
            .unwrap_or_else(|| std::env::temp_dir().join("itp-dev")),
    }
}

pub fn project_dir(project: &str) -> std::io::Result<PathBuf> {
    let dir = base_dir().join("projects").join(project);
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Held for the whole of an `up` or `down`; released when dropped (or when
/// the process dies, since the kernel drops the file lock with it).
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the lock, calling `waiting(pid)` first when another run holds it.
    pub fn acquire(project: &str, waiting: impl FnOnce(Option<u32>)) -> std::io::Result<Self> {
        let path = project_dir(project)?.join("lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                waiting(text.trim().parse().ok());
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        Ok(ProjectLock { _file: file })
    }

    /// `acquire`, telling `say` what it waits for when another run holds
    /// the lock (the same words for `up`, `down` and `restart`).
    pub fn acquire_saying(project: &str, say: impl FnOnce(&str)) -> std::io::Result<Self> {
        Self::acquire(project, |pid| {
            let who = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
            say(&format!(
                "waiting for another itp-dev run on project `{project}`{who} to finish…"
            ));
        })
    }
}

/// Which hooks have run in the dev container.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct HookState {
    /// The container they ran in.
    pub container_id: String,
    pub on_create_done: bool,
    /// The container's `StartedAt` when `post_start` last ran.
    pub post_start_for: String,
}

impl HookState {
    fn path(project: &str) -> std::io::Result<PathBuf> {
        Ok(project_dir(project)?.join("hooks.json"))
    }

    pub fn load(project: &str) -> Self {
        Self::path(project)
            .and_then(fs::read)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, project: &str) -> std::io::Result<()> {
        let path = Self::path(project)?;
        let tmp = path.with_extension("json.tmp");
        fs::write(&tmp, serde_json::to_vec(self).expect("serializes"))?;
        fs::rename(tmp, path)
    }

    /// `(on_create, post_start)`: which hooks are due in container `id`,
    /// started at `started_at`. `on_create` runs once per container (again
    /// if it failed or was interrupted); `post_start` once per start,
    /// whoever started it.
    pub fn due(&self, id: &str, started_at: &str) -> (bool, bool) {
        let same = self.container_id == id;
        (
            !same || !self.on_create_done,
            !same || self.post_start_for != started_at,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_are_due_once_per_container_and_per_start() {
        let none = HookState::default();
        assert_eq!(none.due("c1", "t1"), (true, true));
        let done = HookState {
            container_id: "c1".into(),
            on_create_done: true,
            post_start_for: "t1".into(),
        };
        assert_eq!(done.due("c1", "t1"), (false, false));
        assert_eq!(done.due("c1", "t2"), (false, true), "restarted");
        assert_eq!(done.due("c2", "t1"), (true, true), "recreated");
        let failed = HookState {
            on_create_done: false,
            ..done
        };
        assert_eq!(
            failed.due("c1", "t1"),
            (true, false),
            "on_create failed before"
        );
    }
}
