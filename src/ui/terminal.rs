//! The local terminal for interactive sessions: raw mode (restored on drop,
//! also on error paths) and the window size. Plain termios through libc:
//! three calls do not justify a terminal crate.

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
