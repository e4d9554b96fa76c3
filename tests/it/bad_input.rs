//! Every kind of bad profile gets its own clear message, with file:line:col
//! where a location exists, and exit code 2. These run the real binary.

use crate::common::Project;

fn invalid(profile: &str) -> crate::common::Run {
    let r = Project::new(profile).run(&["validate"]);
    r.code(2);
    r
}

#[test]
fn unclosed_table_header() {
    invalid("[services.db\nimage = \"x\"\n").shows(&["invalid TOML", "--> itp-dev.toml:1:"]);
}

#[test]
fn unterminated_string() {
    invalid("name = \"abc\n").shows(&["invalid TOML", "--> itp-dev.toml:1:"]);
}

#[test]
fn duplicate_key() {
    invalid("[services.db]\nimage = \"a\"\nimage = \"b\"\n")
        .shows(&["duplicate key", "--> itp-dev.toml:3:1"]);
}

#[test]
fn wrong_types_name_what_was_expected() {
    invalid("[services.db]\nimage = 5\nports = \"80\"\n").shows(&[
        "wrong type: expected a string, found an integer",
        "--> itp-dev.toml:2:9",
        "--> itp-dev.toml:3:9",
        "expected an array",
    ]);
}

#[test]
fn unknown_keys_at_every_level_are_all_reported_with_suggestions() {
    let r = invalid(
        r#"nmae = "x"
[dev]
imagee = "busybox"
[services.db]
image = "redis"
helthcheck = { command = "true" }
[services.web]
build = { contxt = "." }
[services.api]
image = "x"
healthcheck = { command = "true", intervl = "1s" }
[[watch]]
pathz = ["src/**"]
action = "restart"
[kubernetes]
namspace = "x"
"#,
    );
    r.shows(&[
        "error: unknown key `nmae`",
        "--> itp-dev.toml:1:1",
        "help: did you mean `name`?",
        "unknown key `imagee`",
        "did you mean `image`?",
        "error: unknown key `helthcheck`",
        "--> itp-dev.toml:6:1",
        "not a key of a service",
        "help: did you mean `healthcheck`?",
        "unknown key `contxt`",
        "did you mean `context`?",
        "unknown key `intervl`",
        "did you mean `interval`?",
        "unknown key `pathz`",
        "did you mean `paths`?",
        "unknown key `namspace`",
        "did you mean `namespace`?",
    ]);
}

#[test]
fn image_and_build_both_or_neither() {
    let p = Project::new(
        "[services.a]\nimage = \"x\"\nbuild = \".\"\n[services.b]\nenv = { A = \"1\" }\n",
    );
    p.file("Dockerfile", "FROM scratch\n");
    p.run(&["validate"]).code(2).shows(&[
        "service `a` has both `image` and `build`",
        "--> itp-dev.toml:3:1",
        "service `b` has neither `image` nor `build`",
        "--> itp-dev.toml:4:",
    ]);
}

#[test]
fn depends_on_an_unknown_service_suggests_the_closest() {
    invalid("[services.db]\nimage = \"x\"\n[services.api]\nimage = \"y\"\ndepends_on = [\"dbb\"]\n[dev]\nimage = \"z\"\ndepends_on = { cahce = \"healthy\" }\n").shows(&[
        "service `api` depends on unknown service `dbb`",
        "--> itp-dev.toml:5:15",
        "did you mean `db`?",
        "`[dev]` depends on unknown service `cahce`",
        "--> itp-dev.toml:8:16",
    ]);
}

#[test]
fn a_cycle_of_three_is_named_in_order() {
    invalid("[services.a]\nimage = \"x\"\ndepends_on = [\"b\"]\n[services.b]\nimage = \"x\"\ndepends_on = [\"c\"]\n[services.c]\nimage = \"x\"\ndepends_on = [\"a\"]\n").shows(&[
        "dependency cycle: `a` → `b` → `c` → `a`",
        "--> itp-dev.toml:3:15",
        "`a` depends on `b`",
        "`c` depends on `a`",
    ]);
}

#[test]
fn bad_ports_each_say_what_is_wrong() {
    invalid("[services.a]\nimage = \"x\"\nports = [\"99999\", \"abc:80\", \"80:80:80\", 70000]\n")
        .shows(&[
            "bad port `99999`: port 99999 is out of range (1 to 65535)",
            "--> itp-dev.toml:3:10",
            "bad port `abc:80`: `abc` is not a port number",
            "bad port `80:80:80`: `80` is not an IP address",
            "bad port `70000`",
            "help: write a port as",
        ]);
}

#[test]
fn two_services_on_one_host_port() {
    invalid("[services.a]\nimage = \"x\"\nports = [\"8080:80\"]\n[services.b]\nimage = \"y\"\nports = [\"0.0.0.0:8080:81\"]\n").shows(&[
        "host port 8080 is published twice: by service `a` and by service `b`",
        "--> itp-dev.toml:6:10",
        "first published here",
    ]);
}

#[test]
fn missing_build_context_and_dockerfile() {
    let p = Project::new(
        "[services.a]\nbuild = \"nope\"\n[services.b]\nbuild = { context = \"ctx\", dockerfile = \"ctx/Missing.Dockerfile\" }\n[services.c]\nbuild = \"empty\"\n",
    );
    p.file("ctx/x", "").file("empty/.keep", "");
    p.run(&["validate"]).code(2).shows(&[
        "build context `nope` is not a directory",
        "--> itp-dev.toml:2:9",
        "Dockerfile `ctx/Missing.Dockerfile` does not exist",
        "--> itp-dev.toml:4:",
        "Dockerfile `empty/Dockerfile` does not exist",
    ]);
}

#[test]
fn bad_durations() {
    invalid("[services.a]\nimage = \"x\"\nhealthcheck = { command = \"true\", interval = \"soon\", timeout = \"0s\" }\n[kubernetes]\nttl = \"3 fortnights\"\n").shows(&[
        "bad duration for `interval`: `soon` is not a duration",
        "--> itp-dev.toml:3:46",
        "bad duration for `timeout`: `0s` is zero",
        "bad duration: `3 fortnights` is not a duration",
        "help: write a duration as",
    ]);
}

#[test]
fn unset_variables_are_listed_together() {
    let r = invalid(
        "[services.a]\nimage = \"x:${TAG}\"\nenv = { A = \"${ALPHA}\", B = \"${BETA:-ok}\", C = \"${GAMMA}\" }\n",
    );
    r.shows(&[
        "error: variables not set: `TAG`, `ALPHA`, `GAMMA`",
        "--> itp-dev.toml:2:12",
        "`ALPHA` is not set",
        "`GAMMA` is not set",
    ]);
    assert_eq!(
        r.stderr.matches("error: variables not set").count(),
        1,
        "one diagnostic lists them all:\n{}",
        r.stderr
    );
}

#[test]
fn required_variable_shows_its_message() {
    invalid("[services.a]\nimage = \"x\"\nenv = { T = \"${TOKEN:?ask your lead for a token}\" }\n")
        .shows(&[
            "variable `TOKEN` is required: ask your lead for a token",
            "--> itp-dev.toml:3:14",
        ]);
}

#[test]
fn unknown_overlay_suggests_the_closest() {
    Project::new("[services.a]\nimage = \"x\"\n[overlays.qa]\nservices.a.image = \"y\"\n")
        .run(&["validate", "--overlay", "qaa"])
        .code(2)
        .shows(&["unknown overlay `qaa`", "did you mean `qa`?"]);
}

#[test]
fn errors_inside_an_overlay_point_into_the_overlay() {
    Project::new("[services.a]\nimage = \"x\"\n[overlays.qa]\nservices.a.portz = [\"1\"]\n")
        .run(&["validate"])
        .code(2)
        .shows(&[
            "unknown key `portz`",
            "--> itp-dev.toml:4:12",
            "did you mean `ports`?",
        ]);
}

#[test]
fn names_must_be_dns_labels() {
    invalid("name = \"Planner App\"\n[services.My_Service]\nimage = \"x\"\nvolumes = [\"Data_1:/data\"]\n").shows(&[
        "project name `Planner App` is not a DNS label",
        "use `planner-app`",
        "service name `My_Service` is not a DNS label",
        "--> itp-dev.toml:2:11",
        "rename it `my-service`",
        "volume name `Data_1` is not a DNS label",
    ]);
}

#[test]
fn invalid_enum_values_list_the_allowed_ones() {
    invalid("[services.a]\nimage = \"x\"\npull = \"sometimes\"\ndepends_on = { b = \"ready\" }\n[services.b]\nimage = \"y\"\n").shows(&[
        "invalid value \"sometimes\": expected one of `missing`, `always`, `never`",
        "--> itp-dev.toml:3:8",
        "invalid value \"ready\": expected one of `started`, `healthy`",
    ]);
}

#[test]
fn an_empty_file() {
    invalid("").shows(&["the profile is empty", "itp-dev init"]);
    invalid("# nothing but a comment\n").shows(&["the profile describes no containers"]);
}

#[test]
fn a_directory_where_the_file_should_be() {
    let p = Project::empty();
    std::fs::create_dir(p.path().join("itp-dev.toml")).unwrap();
    p.run(&["validate"]).code(2).shows(&[
        "is a directory, not a profile",
        "help: pass the file inside it",
    ]);
    p.run(&["-f", ".", "validate"])
        .code(2)
        .shows(&["is a directory"]);
}

/// Found by a tester: a sync target of `/` hung `watch` (hashing /proc),
/// and one inside the watched files synced into itself without end.
#[test]
fn sync_targets_that_cannot_work_are_refused_where_they_are_written() {
    invalid(
        "[dev]\nimage = \"x\"\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"/\"\n",
    )
    .shows(&[
        "`target` `/` is a system directory of the container",
        "--> itp-dev.toml:6:10",
        "help: sync into a directory of its own",
    ]);
    invalid(
        "[dev]\nimage = \"x\"\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"/workspace/src/mirror\"\n",
    )
    .shows(&[
        "is `src/mirror` in the repository, inside the watched `src/**`",
        "--> itp-dev.toml:6:10",
    ]);
    invalid(
        "[services.a]\nimage = \"x\"\nvolumes = [\"./site:/site\"]\n[[watch]]\npaths = [\"site/**\"]\naction = \"sync\"\nservice = \"a\"\ntarget = \"/site/out\"\n",
    )
    .shows(&["is `site/out` in the repository, inside the watched `site/**`"]);
    invalid(
        "[dev]\nimage = \"x\"\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"/app/../etc\"\n",
    )
    .shows(&["has `..` in it"]);
    for t in ["/proc/self", "/sys/fs", "/dev/shm", "/usr/bin"] {
        invalid(&format!(
            "[dev]\nimage = \"x\"\n[[watch]]\npaths = [\"src/**\"]\naction = \"sync\"\ntarget = \"{t}\"\n"
        ))
        .shows(&["is a system directory of the container"]);
    }
}

/// Issue 12: a FIFO named itp-dev.toml hung every command (read blocked
/// forever). Anything that is not a regular file is refused at once.
#[test]
fn a_fifo_where_the_file_should_be_is_refused_without_hanging() {
    let p = Project::empty();
    let fifo = p.path().join("itp-dev.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let t = std::time::Instant::now();
    p.run(&["validate"]).code(2).shows(&[
        "itp-dev.toml` is a FIFO (named pipe), not a regular file",
        "help: a profile is read from a regular file",
    ]);
    p.run(&["status"]).code(2).shows(&["not a regular file"]);
    assert!(t.elapsed() < std::time::Duration::from_secs(10));
    // An env file or `.env` that is a FIFO is named, with where it is used.
    let p = Project::new("[services.a]\nimage = \"x\"\nenv_file = [\"app.env\"]\n");
    let mkfifo = |f: &str| {
        let c = std::ffi::CString::new(p.path().join(f).to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    };
    mkfifo("app.env");
    p.run(&["validate"]).code(2).shows(&[
        "env file `app.env` is a FIFO (named pipe), not a regular file",
        "--> itp-dev.toml:3:13",
    ]);
    mkfifo(".env");
    p.run(&["validate"])
        .code(2)
        .shows(&[".env` is a FIFO (named pipe), not a regular file"]);
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new("[services.a]\nimage = \"x\"\n");
    let file = p.path().join("itp-dev.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(p.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = crate::common::command(p.path());
    // root reads any file: drop to nobody so the permission check is real.
    if unsafe { libc::getuid() } == 0 {
        let inner = std::mem::replace(&mut cmd, std::process::Command::new("setpriv"));
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(inner.get_program())
            .arg("validate");
        cmd.current_dir(p.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap());
    } else {
        cmd.arg("validate");
    }
    let r = crate::common::finish(cmd);
    r.code(2).shows(&[
        "cannot read",
        "itp-dev.toml",
        "Permission denied",
        "check the file's permissions",
    ]);
}

#[test]
fn non_utf8_bytes() {
    let p = Project::empty();
    std::fs::write(
        p.path().join("itp-dev.toml"),
        b"[services.a]\nimage = \"x\xff\"\n",
    )
    .unwrap();
    p.run(&["validate"])
        .code(2)
        .shows(&["not valid UTF-8", "--> itp-dev.toml:2:11"]);
}

#[test]
fn no_profile_anywhere_up_the_tree() {
    let p = Project::empty();
    p.run(&["validate"])
        .code(2)
        .shows(&["no itp-dev.toml in", "itp-dev init"]);
    p.run(&["validate", "--file", "missing.toml"])
        .code(2)
        .shows(&["cannot read", "missing.toml"]);
}

#[test]
fn json_errors_carry_line_and_column() {
    let r =
        Project::new("[services.db]\nimage = \"x\"\nhelthcheck = 1\n").run(&["validate", "--json"]);
    r.code(2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["line"], 3);
    assert_eq!(v["errors"][0]["column"], 1);
    assert_eq!(v["errors"][0]["help"], "did you mean `healthcheck`?");
}
