//! Running a lifecycle hook (or a watch rule's command) in a container: the
//! container's own user and workdir, output streamed line by line.

use std::time::Instant;

use bollard::Docker;

use super::exec::run_streamed;
use crate::events::{Event, Sink};

pub struct HookRun {
    pub exit_code: i64,
    /// The last lines it wrote, for the failure message.
    pub tail: Vec<String>,
}

const TAIL: usize = 10;

pub async fn run(
    docker: &Docker,
    container: &str,
    service: &str,
    hook: &'static str,
    cmd: Vec<String>,
    shown: &str,
    sink: &dyn Sink,
) -> Result<HookRun, super::exec::StreamError> {
    sink.emit(Event::Hook {
        service: service.into(),
        hook,
        command: shown.into(),
    });
    let begun = Instant::now();
    let mut tail: Vec<String> = Vec::new();
    let mut partial = String::new();
    let mut emit = |line: &str| {
        if tail.len() == TAIL {
            tail.remove(0);
        }
        tail.push(line.to_string());
        sink.emit(Event::HookOutput {
            service: service.into(),
            hook,
            line: line.to_string(),
        });
    };
    let exit_code = run_streamed(docker, container, cmd, |chunk| {
        partial.push_str(&String::from_utf8_lossy(chunk.as_ref()));
        while let Some(i) = partial.find('\n') {
            let line: String = partial.drain(..=i).collect();
            emit(line.trim_end_matches(['\n', '\r']));
        }
    })
    .await?;
    if !partial.is_empty() {
        emit(&partial);
    }
    sink.emit(Event::HookDone {
        service: service.into(),
        hook,
        exit_code,
        ms: begun.elapsed().as_millis() as u64,
    });
    Ok(HookRun { exit_code, tail })
}
