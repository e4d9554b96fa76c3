//! A resident watcher for a large build context, so that a warm `up` need
//! not stat every file to learn that nothing changed (git's fsmonitor
//! daemon and watchman do the same for `git status`).
//!
//! The first full scan of a context of at least [`MIN_FILES`] files starts
//! `itp-dev __context-monitor ROOT INDEX` in the background. It watches the
//! context with inotify and answers one question on a unix socket beside the
//! context's index: "what changed since token T?". A scan asks before it
//! walks, and keeps the new token, with the hash it computed, beside the
//! index; the next scan asks again and, when nothing changed (or only
//! `.dockerignore`d paths did), reuses that hash without walking.
//!
//! Exactness comes first; any doubt means a full walk, as without a monitor:
//! - Before answering, the monitor creates a cookie file in a directory the
//!   same inotify instance watches, and waits for its event. One instance's
//!   events arrive in order, so every change made before the question has
//!   been recorded by then (watchman's cookies). The cookies live in the
//!   state directory, never in the user's tree.
//! - A queue overflow, a watch that could not be added, a token from another
//!   monitor, or a log that grew too long, answer "unknown".
//! - Network and FUSE filesystems are never monitored: inotify does not see
//!   changes made on another machine.
//! - It leaves when its context is removed, when it has not been asked for
//!   [`IDLE`], when another monitor has taken its socket, or when `down`
//!   asks it to ([`stop`]).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Contexts smaller than this are walked: their stats cost less than
/// keeping a process for them.
pub const MIN_FILES: usize = 1000;

/// How long a monitor nobody asks stays.
pub const IDLE: Duration = Duration::from_secs(4 * 3600);

/// The hidden first argument that runs a monitor.
pub const COMMAND: &str = "__context-monitor";

const PROTOCOL: &str = "itp-dev-monitor 1";

/// More changed paths than this since a token: "unknown" (a walk is
/// cheaper than the list).
const MAX_LOG: usize = 10_000;

/// Set by the binary: a library linked into a test harness must never start
/// its own executable as a monitor.
static ENABLED: AtomicBool = AtomicBool::new(false);

/// Lets scans ask and start monitors (called by `main`).
/// `ITP_DEV_CONTEXT_MONITOR=0` turns them off: every scan walks.
pub fn enable() {
    let off = std::env::var("ITP_DEV_CONTEXT_MONITOR").is_ok_and(|v| v == "0" || v == "off");
    ENABLED.store(!off, Ordering::Relaxed);
}

/// What changed in the context since the token asked about.
#[derive(Debug, PartialEq, Eq)]
pub enum Changes {
    Nothing,
    /// `/`-separated paths relative to the context (files or directories).
    Paths(Vec<String>),
    /// The monitor cannot tell: walk.
    Unknown,
}

#[derive(Debug)]
pub struct Reply {
    /// The token to ask about next time.
    pub token: String,
    pub changes: Changes,
}

fn socket_for(index: &Path) -> PathBuf {
    index.with_extension("sock")
}

fn cookies_for(index: &Path) -> PathBuf {
    index.with_extension("cookies")
}

fn remembered_for(index: &Path) -> PathBuf {
    index.with_extension("mon")
}

/// A unix socket's path must fit in `sun_path` (108 bytes on Linux).
fn socket_fits(p: &Path) -> bool {
    p.as_os_str().len() < 100
}

/// Asks the monitor of the context indexed at `index` what changed since
/// `since`. `None`: no monitor answered (none runs, or it is too slow).
pub fn ask(index: &Path, since: Option<&str>) -> Option<Reply> {
    let socket = socket_for(index);
    if !ENABLED.load(Ordering::Relaxed) || !socket_fits(&socket) {
        return None;
    }
    let mut s = UnixStream::connect(&socket).ok()?;
    // A monitor still adding its watches answers when it can; past this,
    // a walk is quicker.
    s.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(1))).ok()?;
    writeln!(s, "{PROTOCOL} since {}", since.unwrap_or("-")).ok()?;
    let mut lines = BufReader::new(s).lines();
    let token = lines.next()?.ok()?;
    let changes = match lines.next()?.ok()?.as_str() {
        "nothing" => Changes::Nothing,
        "unknown" => Changes::Unknown,
        "changed" => Changes::Paths(lines.collect::<Result<_, _>>().ok()?),
        _ => return None,
    };
    Some(Reply { token, changes })
}

/// Asks the monitor of the context indexed at `index`, if one runs, to
/// leave (`down`: nothing of the project stays running). Whether one left.
pub fn stop(index: &Path) -> bool {
    let socket = socket_for(index);
    if !socket_fits(&socket) {
        return false;
    }
    let Ok(mut s) = UnixStream::connect(&socket) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(3)));
    if writeln!(s, "{PROTOCOL} stop").is_err() {
        return false;
    }
    // It answers once it has let go of the socket.
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line).is_ok() && line.trim_end() == "stopped"
}

/// What the last scan that had a monitor's token computed.
#[derive(Debug, PartialEq, Eq)]
pub struct Remembered {
    pub token: String,
    /// The hash of the build's other inputs (Dockerfile, target, args).
    pub inputs: String,
    /// The context hash then.
    pub hash: String,
}

impl Remembered {
    pub fn load(index: &Path) -> Option<Remembered> {
        let text = std::fs::read_to_string(remembered_for(index)).ok()?;
        let mut l = text.lines().map(str::to_string);
        Some(Remembered {
            token: l.next()?,
            inputs: l.next()?,
            hash: l.next()?,
        })
    }

    /// Written whole, then renamed (a crash leaves the old one or none).
    pub fn save(&self, index: &Path) {
        let path = remembered_for(index);
        let tmp = path.with_extension(format!("mon.{}", std::process::id()));
        let text = format!("{}\n{}\n{}\n", self.token, self.inputs, self.hash);
        // Lost, it costs one walk.
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }

    pub fn forget(index: &Path) {
        let _ = std::fs::remove_file(remembered_for(index));
    }
}

/// Starts a monitor for `root` in the background, when this process may and
/// the filesystem suits it. Nothing waits for it: the next scan finds it.
pub fn start(root: &Path, index: &Path) {
    // A CI job runs `up` once: a process left watching would only hold
    // inotify watches until the runner kills it.
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    if ci || !ENABLED.load(Ordering::Relaxed) || !socket_fits(&socket_for(index)) || remote_fs(root)
    {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    let spawned = std::process::Command::new(exe)
        .arg(COMMAND)
        .arg(root)
        .arg(index)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        // Its own process group: a Ctrl-C meant for `up` is not for it.
        .process_group(0)
        .spawn();
    // It outlives this process (reaped by init); a failure costs walks.
    drop(spawned);
}

/// Network, FUSE and 9p filesystems: inotify misses changes made elsewhere.
fn remote_fs(root: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(root.as_os_str().as_bytes()) else {
        return true;
    };
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a zeroed struct the call fills.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return true;
    }
    const NFS: i64 = 0x6969;
    const SMB: i64 = 0x517B;
    const CIFS: i64 = 0xFF53_4D42u32 as i64;
    const SMB2: i64 = 0xFE53_4D42u32 as i64;
    const FUSE: i64 = 0x6573_5546;
    const V9FS: i64 = 0x0102_1997;
    const CEPH: i64 = 0x00C3_6400;
    const AFS: i64 = 0x5346_414F;
    #[allow(clippy::unnecessary_cast)]
    let t = st.f_type as i64;
    [NFS, SMB, CIFS, SMB2, FUSE, V9FS, CEPH, AFS].contains(&t)
}

/// The monitor's record of changes.
#[derive(Default)]
struct Log {
    /// The last token given (tokens count up from 1).
    seq: u64,
    /// Tokens below this cannot be answered (the log lost what came after them).
    floor: u64,
    /// (the last token given when it happened, path).
    changes: Vec<(u64, String)>,
    /// The newest cookie seen.
    cookie: u64,
    /// The context itself was removed.
    gone: bool,
}

impl Log {
    /// Whatever happened up to now cannot be told any more.
    fn lose(&mut self) {
        self.floor = self.seq + 1;
        self.changes.clear();
    }

    fn record(&mut self, rel: String) {
        if self.changes.len() >= MAX_LOG {
            self.lose();
        }
        self.changes.push((self.seq, rel));
    }

    /// What changed since token `since` (of this monitor), and the next token.
    fn answer(&mut self, since: Option<u64>) -> (u64, Changes) {
        let changes = match since {
            Some(t) if t >= self.floor && t <= self.seq => {
                let paths: BTreeSet<&str> = self
                    .changes
                    .iter()
                    .filter(|(at, _)| *at >= t)
                    .map(|(_, p)| p.as_str())
                    .collect();
                if paths.is_empty() {
                    Changes::Nothing
                } else {
                    Changes::Paths(paths.into_iter().map(str::to_string).collect())
                }
            }
            _ => Changes::Unknown,
        };
        self.seq += 1;
        // A scan keeps only the newest token, so older ones are asked about
        // only after a race between two scans: keep the log short, and let
        // those few walk.
        let keep_from = self.seq - 1;
        self.changes.retain(|(at, _)| *at >= keep_from);
        self.floor = self.floor.max(keep_from);
        (self.seq, changes)
    }
}

/// Runs a monitor for `root` (the hidden `__context-monitor` command).
/// Returns when it leaves; errors mean it never started.
pub fn serve(root: &Path, index: &Path) -> std::io::Result<()> {
    use notify::{RecursiveMode, Watcher};
    let socket = socket_for(index);
    if UnixStream::connect(&socket).is_ok() {
        return Ok(()); // another monitor has it
    }
    let root = root.canonicalize()?;
    // The directory watched, by identity: a context moved away and another
    // put at its path (a checkout swapped, `mv app app.old && cp -a …`) is
    // not the one the watches are on.
    let ident = identity(&root).ok_or_else(|| std::io::Error::other("the context is gone"))?;
    if let Some(dir) = socket.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket)?;
    let socket_ino = std::fs::metadata(&socket)?.ino();
    let cookies = cookies_for(index);
    let _ = std::fs::remove_dir_all(&cookies);
    std::fs::create_dir_all(&cookies)?;

    let shared = Arc::new((Mutex::new(Log::default()), Condvar::new()));
    let events = {
        let shared = shared.clone();
        let root = root.clone();
        let cookies = cookies.clone();
        move |res: notify::Result<notify::Event>| {
            let (log, seen) = &*shared;
            let mut log = log.lock().unwrap();
            note_event(&mut log, &root, &cookies, res);
            seen.notify_all();
        }
    };
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher =
        notify::RecommendedWatcher::new(events, config).map_err(std::io::Error::other)?;
    watcher
        .watch(&cookies, RecursiveMode::NonRecursive)
        .map_err(std::io::Error::other)?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(std::io::Error::other)?;

    let epoch = format!(
        "{:x}{:x}",
        std::process::id(),
        super::index::now_ns() as u64 & 0xffff_ffff
    );
    let last_asked = Arc::new(Mutex::new(Instant::now()));
    {
        // Leaves when the context is gone, nobody asks, or another
        // monitor took the socket.
        let (shared, last_asked, socket, root, cookies) = (
            shared.clone(),
            last_asked.clone(),
            socket.clone(),
            root.clone(),
            cookies.clone(),
        );
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(5));
                let ours = std::fs::metadata(&socket).is_ok_and(|m| m.ino() == socket_ino);
                let gone = shared.0.lock().unwrap().gone || identity(&root) != Some(ident);
                if !ours || gone || last_asked.lock().unwrap().elapsed() > IDLE {
                    if ours {
                        let _ = std::fs::remove_file(&socket);
                    }
                    let _ = std::fs::remove_dir_all(&cookies);
                    std::process::exit(0);
                }
            }
        });
    }
    let mut next_cookie = 0u64;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        *last_asked.lock().unwrap() = Instant::now();
        next_cookie += 1;
        // One question at a time: each is a cookie's round trip.
        let here = identity(&root) == Some(ident);
        // Another itp-dev version: make way for a monitor it can ask. Or
        // the context is not the directory watched any more.
        match answer(&stream, &shared, &cookies, next_cookie, &epoch, here) {
            Ok(Asked::OtherProtocol | Asked::Moved) => break,
            Ok(Asked::Stop) => {
                let _ = std::fs::remove_file(&socket);
                let _ = std::fs::remove_dir_all(&cookies);
                let _ = (&stream).write_all(b"stopped\n");
                return Ok(());
            }
            _ => {}
        }
    }
    let _ = std::fs::remove_file(&socket);
    let _ = std::fs::remove_dir_all(&cookies);
    Ok(())
}

/// Records one inotify event (or error) in the log.
fn note_event(log: &mut Log, root: &Path, cookies: &Path, res: notify::Result<notify::Event>) {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode};
    let ev = match res {
        Ok(ev) => ev,
        // A watch that could not be added (the limit, a permission): a
        // change there would go unseen.
        Err(_) => return log.lose(),
    };
    if ev.need_rescan() {
        return log.lose();
    }
    // Reading a file (this monitor's own scans read them) changes nothing.
    if matches!(ev.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write)) {
        return;
    }
    for path in &ev.paths {
        if let Ok(name) = path.strip_prefix(cookies) {
            if let Some(n) = name.to_str().and_then(|n| n.parse().ok()) {
                log.cookie = log.cookie.max(n);
            }
            continue;
        }
        match path.strip_prefix(root) {
            Ok(rel) if rel.as_os_str().is_empty() => {
                if matches!(ev.kind, EventKind::Remove(_)) {
                    log.gone = true;
                }
                log.record(String::new());
            }
            Ok(rel) => match rel.to_str() {
                Some(r) if !r.contains('\n') => log.record(r.to_string()),
                // A name no reply line can carry: nothing before now is known.
                _ => log.lose(),
            },
            // Outside the context (a moved-away watch): cannot be placed.
            Err(_) => log.lose(),
        }
    }
}

/// One question: sync with a cookie, then the changes since the token.
fn answer(
    stream: &UnixStream,
    shared: &(Mutex<Log>, Condvar),
    cookies: &Path,
    cookie: u64,
    epoch: &str,
    here: bool,
) -> std::io::Result<Asked> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line)?;
    if line.trim_end().strip_prefix(PROTOCOL) == Some(" stop") {
        return Ok(Asked::Stop);
    }
    let Some(since) = line
        .trim_end()
        .strip_prefix(PROTOCOL)
        .and_then(|r| r.strip_prefix(" since "))
    else {
        return Ok(Asked::OtherProtocol); // the caller walks
    };
    let since = since
        .split_once(':')
        .filter(|(e, _)| *e == epoch)
        .and_then(|(_, n)| n.parse::<u64>().ok());

    let file = cookies.join(cookie.to_string());
    let made = std::fs::write(&file, b"").is_ok();
    let (log, seen) = shared;
    let mut log = log.lock().unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while made && log.cookie < cookie {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        log = seen.wait_timeout(log, left).unwrap().0;
    }
    if !made || log.cookie < cookie || !here {
        // Not synced, or not watching what is at the path: nothing
        // recorded so far can be trusted.
        log.lose();
    }
    let (token, changes) = log.answer(since);
    drop(log);
    let _ = std::fs::remove_file(&file);

    let mut out = format!("{epoch}:{token}\n");
    match changes {
        Changes::Nothing => out.push_str("nothing\n"),
        Changes::Unknown => out.push_str("unknown\n"),
        Changes::Paths(p) => {
            out.push_str("changed\n");
            for p in p {
                out.push_str(&p);
                out.push('\n');
            }
        }
    }
    let mut stream = stream;
    stream.write_all(out.as_bytes())?;
    Ok(if here { Asked::Answered } else { Asked::Moved })
}

enum Asked {
    Answered,
    OtherProtocol,
    Moved,
    /// `down` asked it to leave.
    Stop,
}

/// A directory's device and inode.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(dir).ok()?;
    m.is_dir().then(|| (m.dev(), m.ino()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_sees_only_what_came_after_it() {
        let mut log = Log::default();
        let (t1, c) = log.answer(None);
        assert_eq!(c, Changes::Unknown, "no token yet");
        log.record("a".into());
        log.record("b/c".into());
        log.record("a".into());
        let (t2, c) = log.answer(Some(t1));
        assert_eq!(c, Changes::Paths(vec!["a".into(), "b/c".into()]));
        let (t3, c) = log.answer(Some(t2));
        assert_eq!(c, Changes::Nothing);
        log.record("d".into());
        assert_eq!(log.answer(Some(t3)).1, Changes::Paths(vec!["d".into()]));
    }

    #[test]
    fn lost_events_and_foreign_tokens_are_unknown() {
        let mut log = Log::default();
        let (t1, _) = log.answer(None);
        log.lose();
        let (t2, c) = log.answer(Some(t1));
        assert_eq!(c, Changes::Unknown);
        assert_eq!(log.answer(Some(t2)).1, Changes::Nothing);
        // A token from the future (another monitor's numbers).
        assert_eq!(log.answer(Some(99)).1, Changes::Unknown);
    }

    #[test]
    fn too_many_changes_are_unknown() {
        let mut log = Log::default();
        let (t1, _) = log.answer(None);
        for i in 0..=MAX_LOG {
            log.record(format!("f{i}"));
        }
        assert_eq!(log.answer(Some(t1)).1, Changes::Unknown);
    }
}
