//! Inspecting and listing containers, whatever the engine calls their
//! states.
//!
//! Podman's Docker-compatible API reports states Docker never does: a
//! container that has exited but whose cleanup has not yet run is
//! `stopped`, and one made but never run can be `initialized` or
//! `configured`. bollard's typed answer has no such variant and refuses the
//! whole inspect. When it does, the inspect is asked again on the engine's
//! unix socket, those states are named as Docker would name them, and the
//! answer is read into the same type.

use bollard::Docker;
use bollard::errors::Error;
use bollard::models::{ContainerInspectResponse, ContainerSummary};
use bollard::query_parameters::ListContainersOptionsBuilder;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The container's inspect, as [`Docker::inspect_container`] gives it.
pub async fn container(docker: &Docker, name: &str) -> Result<ContainerInspectResponse, Error> {
    match docker.inspect_container(name, None).await {
        Err(e @ (Error::JsonDataError { .. } | Error::JsonSerdeError { .. })) => {
            match raw(&format!("/containers/{}/json", url_escape(name)), ASK).await {
                Some(json) => read_normalised(json).ok_or(e),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// The containers with `label` (`key` or `key=value`), stopped ones too
/// when `all`, as [`Docker::list_containers`] gives them.
pub async fn containers(
    docker: &Docker,
    all: bool,
    label: &str,
) -> Result<Vec<ContainerSummary>, Error> {
    let filters = std::collections::HashMap::from([("label", vec![label.to_string()])]);
    let options = ListContainersOptionsBuilder::new()
        .all(all)
        .filters(&filters)
        .build();
    match docker.list_containers(Some(options)).await {
        Err(e @ (Error::JsonDataError { .. } | Error::JsonSerdeError { .. })) => {
            let query = format!(
                "/containers/json?all={}&filters={}",
                if all { "1" } else { "0" },
                url_escape(&serde_json::json!({ "label": [label] }).to_string())
            );
            let Some(serde_json::Value::Array(items)) = raw(&query, ASK).await else {
                return Err(e);
            };
            items
                .into_iter()
                .map(|mut c| {
                    if let Some(state) = c.get_mut("State")
                        && let Some(s) = state.as_str()
                    {
                        *state = serde_json::Value::String(docker_state(s).to_string());
                    }
                    serde_json::from_value(c).ok()
                })
                .collect::<Option<Vec<_>>>()
                .ok_or(e)
        }
        other => other,
    }
}

/// A state Docker's model knows, for one it does not.
fn docker_state(s: &str) -> &str {
    match s {
        "stopped" => "exited",
        "initialized" | "configured" => "created",
        known @ ("" | "created" | "running" | "paused" | "restarting" | "removing" | "exited"
        | "dead" | "stopping") => known,
        // Unknown to both: no claim.
        _ => "",
    }
}

fn read_normalised(mut json: serde_json::Value) -> Option<ContainerInspectResponse> {
    if let Some(status) = json.pointer_mut("/State/Status")
        && let Some(s) = status.as_str()
    {
        *status = serde_json::Value::String(docker_state(s).to_string());
    }
    serde_json::from_value(json).ok()
}

/// How long a plain inspect or list may take before it counts as no answer.
const ASK: std::time::Duration = std::time::Duration::from_secs(30);

/// `GET path` (and query) on the unix socket of the engine in use: the
/// JSON of a `200` answer within `limit`, else `None`. For what bollard's
/// types refuse and for libpod's own endpoints.
pub(super) async fn raw(
    path_and_query: &str,
    limit: std::time::Duration,
) -> Option<serde_json::Value> {
    let endpoint = super::connect::endpoint();
    let path = endpoint.strip_prefix("unix://")?;
    let ask = async {
        let mut s = tokio::net::UnixStream::connect(path).await.ok()?;
        let req = format!("GET {path_and_query} HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).await.ok()?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.ok()?;
        Some(out)
    };
    let out = tokio::time::timeout(limit, ask).await.ok()??;
    let body = http_body(&out)?;
    serde_json::from_slice(&body).ok()
}

/// Percent-encoding for a path segment or a query value.
pub(super) fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The body of a `200` HTTP/1.1 response, de-chunked when it is chunked.
fn http_body(response: &[u8]) -> Option<Vec<u8>> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    if !head.starts_with("http/1.1 200") {
        return None;
    }
    let mut body = &response[split + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return Some(body.to_vec());
    }
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_states_read_as_dockers() {
        let json = serde_json::json!({"Id": "x", "State": {"Status": "stopped", "ExitCode": 3}});
        let c = read_normalised(json).unwrap();
        let state = c.state.unwrap();
        assert_eq!(state.status.unwrap().to_string(), "exited");
        assert_eq!(state.exit_code, Some(3));
        let c = read_normalised(serde_json::json!({"State": {"Status": "configured"}})).unwrap();
        assert_eq!(c.state.unwrap().status.unwrap().to_string(), "created");
    }

    #[test]
    fn chunked_and_plain_bodies() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(http_body(plain).unwrap(), b"{}");
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n";
        assert_eq!(http_body(chunked).unwrap(), b"{\"a\":1}");
        assert!(http_body(b"HTTP/1.1 404 Not Found\r\n\r\n{}").is_none());
        assert!(
            http_body(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").is_none()
        );
    }
}
