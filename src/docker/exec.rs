//! Running a command in a container, attached: stdin streamed in, stdout
//! and stderr kept apart (or one terminal stream with a TTY, window size
//! forwarded and updated on resize), and the command's exit code returned.

use std::io::Write;

use bollard::Docker;
use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, ResizeExecOptions, StartExecOptions, StartExecResults};
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use super::errors::message;
use crate::terminal;

pub struct ExecSpec {
    pub container: String,
    pub cmd: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub env: Vec<String>,
    pub tty: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("container `{0}` does not exist")]
    NotFound(String),
    #[error("container `{0}` is not running")]
    NotRunning(String),
    /// The container went away under the command: removed, or stopped.
    #[error("container `{container}` was {how} while the command ran")]
    Ended {
        container: String,
        how: &'static str,
        code: i64,
    },
    #[error("{0}")]
    Engine(String),
}

fn classify(container: &str, e: bollard::errors::Error) -> ExecError {
    let m = message(&e);
    match &e {
        bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        } => ExecError::NotFound(container.to_string()),
        bollard::errors::Error::DockerResponseServerError {
            status_code: 409, ..
        } if m.contains("not running") || m.contains("paused") => {
            ExecError::NotRunning(container.to_string())
        }
        // Podman's words for the same.
        bollard::errors::Error::DockerResponseServerError { .. }
            if m.contains("can only create exec sessions on running containers") =>
        {
            ExecError::NotRunning(container.to_string())
        }
        _ => ExecError::Engine(m),
    }
}

/// How an exec ended: the exit code, and whether the runtime refused to
/// start the command (not found, not executable), as opposed to a command
/// that ran and chose 126 or 127 itself (`sh -c 'exit 127'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub code: i64,
    pub not_started: Option<Refusal>,
}

/// Why the runtime did not start a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The working directory could not be entered.
    Workdir,
    /// The command: not found, not executable, or another reason.
    Command,
}

/// Whether the first output of an exec is the runtime's refusal to start
/// it: Docker's "OCI runtime exec failed: exec failed: …", Podman's
/// "Error: runc: exec failed: …" (or crun's).
fn runtime_refused(first: &str) -> bool {
    let first = first.trim_start();
    let podman = ["Error: runc: ", "Error: crun: "]
        .iter()
        .any(|p| first.starts_with(p))
        && (first.contains("exec failed") || first.contains("OCI runtime"));
    first.starts_with("OCI runtime exec failed") || podman
}

/// Runs `spec` attached to this process's stdin, stdout and stderr; returns
/// the command's exit code. A command that does not exist gives 127, as a
/// shell would (the engine reports 126 with the runtime's message).
pub async fn run(docker: &Docker, spec: &ExecSpec) -> Result<Outcome, ExecError> {
    // To tell, if the command is killed, whether its container restarted.
    let started_at = started_at(docker, &spec.container).await;
    let exec = docker
        .create_exec(
            &spec.container,
            CreateExecOptions {
                cmd: Some(spec.cmd.clone()),
                user: spec.user.clone(),
                working_dir: spec.workdir.clone(),
                env: (!spec.env.is_empty()).then(|| spec.env.clone()),
                attach_stdin: Some(true),
                attach_stdout: Some(true),
                attach_stderr: Some(true),
                tty: Some(spec.tty),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| classify(&spec.container, e))?;
    let started = docker
        .start_exec(
            &exec.id,
            Some(StartExecOptions {
                detach: false,
                tty: spec.tty,
                output_capacity: None,
            }),
        )
        .await
        .map_err(|e| classify(&spec.container, e))?;
    let StartExecResults::Attached {
        mut output,
        mut input,
    } = started
    else {
        return Err(ExecError::Engine("the engine did not attach".into()));
    };

    let _raw = if spec.tty {
        let raw = terminal::RawMode::enable().ok();
        resize(docker, &exec.id).await;
        raw
    } else {
        None
    };

    let mut rx = terminal::stdin_chunks();
    let pump = async move {
        while let Some(chunk) = rx.recv().await {
            if input.write_all(&chunk).await.is_err() {
                return;
            }
            let _ = input.flush().await;
        }
        // End of our stdin: half-close so the command sees end of input.
        let _ = input.shutdown().await;
    };
    tokio::pin!(pump);
    let mut pump_done = false;

    let mut resizes = terminal::Resizes::new();

    let mut not_found = false;
    let mut not_started: Option<Refusal> = None;
    let mut first = true;
    loop {
        tokio::select! {
            chunk = output.next() => {
                let Some(chunk) = chunk else { break };
                let chunk = chunk.map_err(|e| ExecError::Engine(message(&e)))?;
                if first {
                    first = false;
                    let text = String::from_utf8_lossy(chunk.as_ref());
                    if runtime_refused(&text) {
                        // runc: `chdir to cwd ("/x") set in config.json failed`.
                        let workdir = text.contains("chdir to cwd");
                        not_started = Some(if workdir { Refusal::Workdir } else { Refusal::Command });
                        not_found = !workdir
                            && (text.contains("executable file not found")
                                || text.contains("no such file or directory"));
                    }
                }
                write_out(chunk);
            }
            _ = &mut pump, if !pump_done => pump_done = true,
            Some(_) = resizes.changed(), if spec.tty => {
                resize(docker, &exec.id).await;
            }
        }
    }
    let asked = docker.inspect_exec(&exec.id).await;
    let code = match &asked {
        Ok(i) => {
            // Docker gives the pid of a command that ran, and 0 for one
            // the runtime refused: a command printing a refusal-like line
            // is not taken for one. (Podman gives 0 either way.)
            if i.pid.unwrap_or(0) != 0 {
                not_started = None;
            }
            i.exit_code.unwrap_or(-1)
        }
        Err(_) => -1,
    };
    // A command killed with its container (137), or no exec left to ask
    // (it goes with its container: Docker says 404, Podman may say 500
    // "… does not exist in database"), says so rather than ending
    // without a word.
    if (code == 137 || code == -1)
        && let Some(how) = container_ended(docker, &spec.container, started_at.as_deref()).await
    {
        return Err(ExecError::Ended {
            container: spec.container.clone(),
            how,
            code: if code == -1 { 137 } else { code },
        });
    }
    if let Err(e) = asked
        && !super::errors::is_not_found(&e)
    {
        return Err(ExecError::Engine(message(&e)));
    }
    Ok(Outcome {
        code: if code == 126 && not_found { 127 } else { code },
        not_started,
    })
}

/// Whether the container was removed or stopped, waiting a moment for the
/// engine's state to catch up (the command dies before its container is
/// marked stopped or gone); `None` when it still runs.
async fn started_at(docker: &Docker, container: &str) -> Option<String> {
    super::inspect::container(docker, container)
        .await
        .ok()?
        .state?
        .started_at
}

async fn container_ended(
    docker: &Docker,
    container: &str,
    started_at: Option<&str>,
) -> Option<&'static str> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let mut stopped = false;
    loop {
        match super::inspect::container(docker, container).await {
            Err(e) if super::errors::is_not_found(&e) => return Some("removed"),
            // `rm -f` stops first: wait a moment longer to tell the two apart.
            Ok(c) if !c.state.as_ref().and_then(|s| s.running).unwrap_or(false) => stopped = true,
            Ok(c)
                if started_at.is_some()
                    && c.state.as_ref().and_then(|s| s.started_at.as_deref()) != started_at =>
            {
                return Some("restarted");
            }
            _ => {}
        }
        if std::time::Instant::now() >= deadline {
            return stopped.then_some("stopped");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn resize(docker: &Docker, exec_id: &str) {
    if let Some((height, width)) = terminal::size() {
        let _ = docker
            .resize_exec(exec_id, ResizeExecOptions { height, width })
            .await;
    }
}

/// The command's bytes, unchanged, to our stdout or stderr.
fn write_out(chunk: LogOutput) {
    match chunk {
        LogOutput::StdErr { message } => {
            let mut e = std::io::stderr().lock();
            let _ = e.write_all(&message);
            let _ = e.flush();
        }
        LogOutput::StdOut { message } | LogOutput::Console { message } => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(&message);
            let _ = o.flush();
        }
        LogOutput::StdIn { .. } => {}
    }
}

/// A command run in a container (not attached) that the engine could not
/// run or follow; the engine's error is kept as the cause.
#[derive(Debug, thiserror::Error)]
#[error("could not run a command in `{container}`")]
pub struct StreamError {
    pub container: String,
    #[source]
    pub source: bollard::errors::Error,
}

/// Runs `cmd` in the container, not attached to this terminal, handing each
/// chunk of its output to `on_output`; returns its exit code.
pub async fn run_streamed(
    docker: &Docker,
    container: &str,
    cmd: Vec<String>,
    mut on_output: impl FnMut(LogOutput),
) -> Result<i64, StreamError> {
    let fail = |source| StreamError {
        container: container.to_string(),
        source,
    };
    let exec = docker
        .create_exec(
            container,
            CreateExecOptions {
                cmd: Some(cmd),
                attach_stdout: Some(true),
                attach_stderr: Some(true),
                ..Default::default()
            },
        )
        .await
        .map_err(fail)?;
    if let StartExecResults::Attached { mut output, .. } =
        docker.start_exec(&exec.id, None).await.map_err(fail)?
    {
        while let Some(chunk) = output.next().await {
            on_output(chunk.map_err(fail)?);
        }
    }
    Ok(docker
        .inspect_exec(&exec.id)
        .await
        .map_err(fail)?
        .exit_code
        .unwrap_or(-1))
}

/// Runs `cmd` in the container and returns `(exit code, stdout, stderr)`.
pub async fn capture(
    docker: &Docker,
    container: &str,
    cmd: Vec<String>,
) -> Result<(i64, String, String), StreamError> {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_streamed(docker, container, cmd, |chunk| match chunk {
        LogOutput::StdErr { message } => err.extend_from_slice(&message),
        LogOutput::StdOut { message } | LogOutput::Console { message } => {
            out.extend_from_slice(&message)
        }
        LogOutput::StdIn { .. } => {}
    })
    .await?;
    Ok((
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::runtime_refused;

    #[test]
    fn the_runtimes_refusal_is_told_from_a_commands_own_output() {
        // Docker 20.10 and Podman 4.3 (runc), as they print it here.
        assert!(runtime_refused(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH: unknown\r\n"
        ));
        assert!(runtime_refused(
            "Error: runc: exec failed: unable to start container process: exec: \"/etc/passwd\": permission denied: OCI permission denied\n"
        ));
        // A command that ran and said something like it is not refused.
        assert!(!runtime_refused("sh: nosuchcmd: not found\n"));
        assert!(!runtime_refused(
            "Error: crun: the tests of my program failed\n"
        ));
        assert!(!runtime_refused("done\n"));
    }
}
