//! The local terminal for interactive sessions, shared by every backend
//! that attaches to a process (`exec`/`shell` on the engine, `k8s exec`/
//! `k8s shell` over the API): raw mode (restored on drop, also on error
//! paths), the window size and its changes, and stdin as a stream of
//! chunks. Plain termios through libc: three calls do not justify a
//! terminal crate.

use std::io::IsTerminal;
use std::os::fd::AsRawFd;

/// Raw mode on stdin while alive: keys (Ctrl-C and Ctrl-D included) go to
/// the container's terminal, which decides what they mean, as with
/// `docker exec -it`.
pub struct RawMode {
    saved: libc::termios,
}

impl RawMode {
    pub fn enable() -> std::io::Result<Self> {
        let fd = std::io::stdin().as_raw_fd();
        // SAFETY: tcgetattr/tcsetattr read and write the termios struct we own.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut saved) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            if libc::tcsetattr(fd, libc::TCSANOW, &raw) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(RawMode { saved })
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let fd = std::io::stdin().as_raw_fd();
        // SAFETY: restores the settings saved in `enable`.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, &self.saved);
        }
    }
}

/// `(rows, columns)` of the terminal on stdout (or stdin), if there is one.
pub fn size() -> Option<(u16, u16)> {
    for fd in [std::io::stdout().as_raw_fd(), std::io::stdin().as_raw_fd()] {
        // SAFETY: TIOCGWINSZ fills the winsize struct we own.
        unsafe {
            let mut ws: libc::winsize = std::mem::zeroed();
            if libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_row > 0 {
                return Some((ws.ws_row, ws.ws_col));
            }
        }
    }
    None
}

pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Whether stdin is `/dev/null` (scripts, CI, `</dev/null`): nothing to
/// send, so an attached command need not get a stdin at all.
pub fn stdin_is_null() -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(stdin), Ok(null)) = (
        std::fs::metadata("/dev/stdin"),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    stdin.rdev() == null.rdev() && stdin.dev() == null.dev()
}

/// This process's stdin, read on a plain thread (a blocking read there never
/// holds up exit: the process ends when the command does, whatever stdin is
/// doing), as chunks; the channel closes at end of input.
pub fn stdin_chunks() -> tokio::sync::mpsc::Receiver<Vec<u8>> {
    use std::io::Read;
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.blocking_send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    rx
}

/// The window's resizes (SIGWINCH), one `changed().await` each.
pub struct Resizes {
    signal: Option<tokio::signal::unix::Signal>,
}

impl Resizes {
    pub fn new() -> Self {
        use tokio::signal::unix::{SignalKind, signal};
        Resizes {
            signal: signal(SignalKind::window_change()).ok(),
        }
    }

    /// Resolves at the next resize with the new `(rows, columns)`; never,
    /// when resizes cannot be watched.
    pub async fn changed(&mut self) -> Option<(u16, u16)> {
        loop {
            match self.signal.as_mut() {
                Some(s) => {
                    s.recv().await?;
                    if let Some(size) = size() {
                        return Some(size);
                    }
                }
                None => std::future::pending::<()>().await,
            }
        }
    }
}

impl Default for Resizes {
    fn default() -> Self {
        Self::new()
    }
}
