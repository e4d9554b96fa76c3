//! A large build context gets a resident monitor (inotify), so a warm `up`
//! does not stat its every file; these tests hold that it never trades
//! exactness for it. Real engine, real files, real monitor processes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{Project, TEST_IMAGE, docker, env};

/// Files in the test context: above the monitor's threshold (1,000).
const FILES: usize = 1_200;

/// A project whose `app` builds a context of [`FILES`] files, one of them
/// `.dockerignore`d away in `scratch/`.
fn large_context(prefix: &str) -> (Project, crate::common::Teardown, String) {
    let (p, t, project) = env(
        prefix,
        "[services.app]\nbuild = \"app\"\ncommand = \"sleep 600\"\n",
    );
    p.file(
        "app/Dockerfile",
        &format!("FROM {TEST_IMAGE}\nCOPY . /ctx\n"),
    )
    .file("app/.dockerignore", "scratch\n")
    .file("app/scratch/log.txt", "noise");
    for i in 0..FILES {
        p.file(&format!("app/d{}/f{i}.txt", i % 12), &format!("file {i}"));
    }
    (p, t, project)
}

/// The pids of monitors watching `dir` (from their command lines).
fn monitors(dir: &Path) -> Vec<u32> {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(e.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<PathBuf> = cmd
            .split(|b| *b == 0)
            .map(|a| PathBuf::from(String::from_utf8_lossy(a).into_owned()))
            .collect();
        if args
            .get(1)
            .is_some_and(|a| a == Path::new("__context-monitor"))
            && args
                .get(2)
                .is_some_and(|r| r.starts_with(dir) || r.starts_with(&canonical))
        {
            out.push(pid);
        }
    }
    out
}

fn wait_for(what: &str, secs: u64, mut ok: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(secs);
    while !ok() {
        assert!(Instant::now() < end, "waited {secs} s for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn ctx(project: &str, file: &str) -> String {
    docker(&["exec", &format!("{project}-app"), "cat", file]).1
}

#[test]
fn a_watched_context_still_rebuilds_on_every_change_it_must_see() {
    let (p, _t, project) = large_context("cm");
    p.run(&["up"]).code(0).shows(&["image not built yet"]);
    wait_for("the monitor to start", 10, || {
        !monitors(p.path()).is_empty()
    });
    wait_for("doctor to name the monitor", 10, || {
        p.run(&["doctor"]).stdout.contains("watched by a monitor")
    });
    // The first `up` after the monitor started takes its token; those
    // after it are answered by the monitor alone. None builds.
    for _ in 0..3 {
        let r = p.run(&["up"]);
        r.code(0).shows(&["up to date"]);
        assert!(!r.stderr.contains("build"), "{}", r.stderr);
    }

    // A change right before `up`, in the same instant: seen.
    p.file("app/d3/f3.txt", "changed");
    p.run(&["up"])
        .code(0)
        .shows(&["build context changed", "recreated app"]);
    assert_eq!(ctx(&project, "/ctx/d3/f3.txt"), "changed");

    // Only an ignored file: nothing to build.
    p.file("app/scratch/log.txt", "more noise");
    let r = p.run(&["up"]);
    r.code(0).shows(&["up to date"]);
    assert!(!r.stderr.contains("build"), "{}", r.stderr);

    // A new directory with a file in it, a rename, a removal, a mode.
    p.file("app/new/deep/g.txt", "new");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/new/deep/g.txt"), "new");
    std::fs::rename(p.path().join("app/d4"), p.path().join("app/d4-renamed")).unwrap();
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/d4-renamed/f4.txt"), "file 4");
    std::fs::remove_file(p.path().join("app/d5/f5.txt")).unwrap();
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    {
        use std::os::unix::fs::PermissionsExt;
        let f = p.path().join("app/d6/f6.txt");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    // The .dockerignore itself: `scratch` is sent from now on.
    p.file("app/.dockerignore", "");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/scratch/log.txt"), "more noise");
    let r = p.run(&["up"]);
    r.code(0).shows(&["up to date"]);

    // Still one monitor for the context, whatever the number of `up`s.
    assert_eq!(monitors(p.path()).len(), 1);

    // The context moved away and a copy put at its path: the monitor
    // watches the old directory, so it must not answer for the new one.
    let app = p.path().join("app");
    let old = p.path().join("app.old");
    std::fs::rename(&app, &old).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(&old)
        .arg(&app)
        .status()
        .unwrap();
    assert!(copied.success());
    p.run(&["up"]).code(0);
    p.file("app/d7/f7.txt", "in the copy");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/d7/f7.txt"), "in the copy");
    wait_for("a monitor of the copy alone", 15, || {
        p.run(&["up"]).code(0);
        monitors(p.path()).len() == 1
    });
    p.file("app/d8/f8.txt", "watched copy");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/d8/f8.txt"), "watched copy");
}

#[test]
fn a_killed_monitor_costs_a_walk_never_a_missed_change() {
    let (p, _t, project) = large_context("ck");
    p.run(&["up"]).code(0);
    wait_for("the monitor to start", 10, || {
        !monitors(p.path()).is_empty()
    });
    p.run(&["up"]).code(0).shows(&["up to date"]);
    for pid in monitors(p.path()) {
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    }
    wait_for("the monitor to die", 10, || monitors(p.path()).is_empty());
    // Changed while nobody watched.
    p.file("app/d1/f1.txt", "while unwatched");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/d1/f1.txt"), "while unwatched");
    // And a new one takes over.
    wait_for("a new monitor", 10, || monitors(p.path()).len() == 1);
    p.run(&["up"]).code(0).shows(&["up to date"]);
    p.file("app/d2/f2.txt", "watched again");
    p.run(&["up"]).code(0).shows(&["build context changed"]);
    assert_eq!(ctx(&project, "/ctx/d2/f2.txt"), "watched again");
}

#[test]
fn a_monitor_leaves_with_its_context_and_small_contexts_get_none() {
    let (p, t, _project) = large_context("cg");
    p.run(&["up"]).code(0);
    wait_for("the monitor to start", 10, || {
        !monitors(p.path()).is_empty()
    });
    // `down` leaves nothing of the project running, monitors included.
    p.run(&["down"])
        .code(0)
        .shows(&["stopped the build-context monitor of app"]);
    wait_for("down to stop the monitor", 5, || {
        monitors(p.path()).is_empty()
    });
    // The next `up` walks, and starts one again.
    p.run(&["up"]).code(0);
    wait_for("a monitor after down and up", 10, || {
        monitors(p.path()).len() == 1
    });
    p.run(&["up"]).code(0).shows(&["up to date"]);
    // The context removed behind its back: the monitor goes too.
    let app = p.path().join("app");
    std::fs::remove_dir_all(&app).unwrap();
    wait_for("the monitor to leave", 15, || monitors(p.path()).is_empty());
    drop(t);

    let (small, _t2, _) = env(
        "cs",
        "[services.app]\nbuild = \"app\"\ncommand = \"sleep 600\"\n",
    );
    small.file(
        "app/Dockerfile",
        &format!("FROM {TEST_IMAGE}\nCOPY . /ctx\n"),
    );
    small.run(&["up"]).code(0);
    small.run(&["up"]).code(0).shows(&["up to date"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(monitors(small.path()).is_empty(), "no monitor for 1 file");

    // Turned off, a large context gets none either.
    let (off, _t3, _) = large_context("co");
    off.run_env(&["up"], &[("ITP_DEV_CONTEXT_MONITOR", "0")])
        .code(0);
    std::thread::sleep(Duration::from_millis(500));
    assert!(monitors(off.path()).is_empty(), "ITP_DEV_CONTEXT_MONITOR=0");

    // Nor in a CI job, which runs `up` once.
    let (ci, _t4, _) = large_context("cc");
    ci.run_env(&["up"], &[("CI", "true")]).code(0);
    std::thread::sleep(Duration::from_millis(500));
    assert!(monitors(ci.path()).is_empty(), "CI=true");
}
