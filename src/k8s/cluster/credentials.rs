//! Credential plugins (`users[].user.exec` in a kubeconfig): the
//! `client.authentication.k8s.io` ExecCredential protocol that
//! `aws eks get-token`, `gke-gcloud-auth-plugin` and `kubelogin` speak.
//!
//! kube can run plugins itself, but it runs one three times for a single
//! request (building the TLS config, the client, the auth layer), passes
//! no `installHint`, and its errors read as a broken connection. Here the
//! plugin runs once when connecting (so a missing or failing one is a clear
//! exit 3 with its name, its stderr and the kubeconfig's install hint),
//! the token is added to each request by a layer, and the plugin runs again
//! only when the credential it gave has expired, as client-go does.

use std::io::IsTerminal;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use kube::config::{ExecConfig, ExecInteractiveMode};
use serde::Deserialize;

/// What a plugin answered.
#[derive(Clone)]
pub struct Credential {
    pub secret: Secret,
    /// When it stops being valid; none: valid for the whole run.
    pub expires: Option<SystemTime>,
}

#[derive(Clone)]
pub enum Secret {
    Token(String),
    /// PEM certificate and key: a client certificate for TLS.
    Certificate {
        cert: String,
        key: String,
    },
}

/// Never printed: the token or key stays out of `{:?}` and logs.
impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.secret {
            Secret::Token(_) => "token",
            Secret::Certificate { .. } => "certificate",
        };
        write!(f, "Credential({kind}, expires {:?})", self.expires)
    }
}

/// Why a plugin gave no credential; the message names the plugin.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct PluginError {
    pub message: String,
    pub hint: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExecCredential {
    api_version: Option<String>,
    kind: Option<String>,
    status: Option<Status>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    token: Option<String>,
    client_certificate_data: Option<String>,
    client_key_data: Option<String>,
    expiration_timestamp: Option<String>,
}

const DEFAULT_VERSION: &str = "client.authentication.k8s.io/v1beta1";

fn name(exec: &ExecConfig) -> String {
    exec.command.clone().unwrap_or_default()
}

/// Whether the plugin gets the terminal (stdin and stderr), by its
/// `interactiveMode` (v1 requires one; v1beta1 means IfAvailable) and
/// whether there is a terminal. `Always` without one is refused.
fn interactive(exec: &ExecConfig, terminal: bool) -> Result<bool, PluginError> {
    match exec.interactive_mode {
        Some(ExecInteractiveMode::Never) => Ok(false),
        Some(ExecInteractiveMode::Always) if !terminal => Err(PluginError {
            message: format!(
                "the credential plugin `{}` needs a terminal (interactiveMode: Always) and there is none",
                name(exec)
            ),
            hint: "run it once in a terminal to log in, or use a context whose plugin needs no terminal"
                .into(),
        }),
        _ => Ok(terminal),
    }
}

/// An RFC 3339 time: `Z` or a `+hh:mm`/`-hh:mm` offset, fractions allowed
/// (what client-go accepts).
fn rfc3339(t: &str) -> Option<SystemTime> {
    if let Some(utc) = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        return humantime::parse_rfc3339_weak(utc).ok();
    }
    let (local, sign, offset) = match t.len().checked_sub(6).map(|i| t.split_at(i)) {
        Some((l, o)) if o.starts_with('+') => (l, 1i64, &o[1..]),
        Some((l, o)) if o.starts_with('-') => (l, -1i64, &o[1..]),
        _ => return None,
    };
    let (h, m) = offset.split_once(':')?;
    let secs = sign * (h.parse::<i64>().ok()? * 3600 + m.parse::<i64>().ok()? * 60);
    let at = humantime::parse_rfc3339_weak(local).ok()?;
    // 10:00+02:00 is 08:00 UTC.
    if secs >= 0 {
        at.checked_sub(Duration::from_secs(secs as u64))
    } else {
        at.checked_add(Duration::from_secs(secs.unsigned_abs()))
    }
}

/// Reads a plugin's answer: the same apiVersion that was asked for, and a
/// token or a certificate with its key.
fn parse(exec: &ExecConfig, out: &[u8]) -> Result<Credential, PluginError> {
    let plugin = name(exec);
    let bad = |why: String| PluginError {
        message: format!("the credential plugin `{plugin}` answered {why}"),
        hint: "run the plugin by hand to see what it prints; it must print an ExecCredential"
            .into(),
    };
    let cred: ExecCredential = serde_json::from_slice(out)
        .map_err(|e| bad(format!("something that is not an ExecCredential ({e})")))?;
    let asked = exec.api_version.as_deref().unwrap_or(DEFAULT_VERSION);
    if cred.kind.as_deref() != Some("ExecCredential") {
        return Err(bad("an object whose kind is not ExecCredential".into()));
    }
    if cred.api_version.as_deref() != Some(asked) {
        return Err(bad(format!(
            "with apiVersion {}, not the {asked} the kubeconfig asks for",
            cred.api_version.as_deref().unwrap_or("(none)")
        )));
    }
    let status = cred.status.ok_or_else(|| bad("with no status".into()))?;
    let expires = match status.expiration_timestamp.as_deref() {
        None | Some("") => None,
        Some(t) => Some(
            rfc3339(t)
                .ok_or_else(|| bad(format!("an expirationTimestamp that is not a time: {t}")))?,
        ),
    };
    let secret = match (
        status.token.filter(|t| !t.is_empty()),
        status.client_certificate_data,
        status.client_key_data,
    ) {
        (Some(token), _, _) => Secret::Token(token),
        (None, Some(cert), Some(key)) => Secret::Certificate { cert, key },
        _ => {
            return Err(bad(
                "with neither a token nor a client certificate and key".into()
            ));
        }
    };
    Ok(Credential { secret, expires })
}

/// Runs the plugin once, as client-go does: its args and env, and
/// `KUBERNETES_EXEC_INFO`; stdin and stderr are the terminal's when
/// interactive, otherwise stderr is kept for the error.
pub fn run(exec: &ExecConfig) -> Result<Credential, PluginError> {
    let plugin = name(exec);
    if plugin.is_empty() {
        return Err(PluginError {
            message: "a kubeconfig user's `exec` names no command".into(),
            hint: "set users[].user.exec.command in the kubeconfig".into(),
        });
    }
    let interactive = interactive(exec, std::io::stdin().is_terminal())?;
    let mut spec = serde_json::json!({ "interactive": interactive });
    if exec.provide_cluster_info
        && let Some(cluster) = &exec.cluster
    {
        spec["cluster"] = serde_json::to_value(cluster).unwrap_or_default();
    }
    let info = serde_json::json!({
        "apiVersion": exec.api_version.as_deref().unwrap_or(DEFAULT_VERSION),
        "kind": "ExecCredential",
        "spec": spec,
    });
    let mut cmd = Command::new(&plugin);
    cmd.args(exec.args.iter().flatten())
        .env("KUBERNETES_EXEC_INFO", info.to_string())
        .stdout(Stdio::piped());
    for pair in exec.env.iter().flatten() {
        if let (Some(k), Some(v)) = (pair.get("name"), pair.get("value")) {
            cmd.env(k, v);
        }
    }
    if interactive {
        cmd.stdin(Stdio::inherit()).stderr(Stdio::inherit());
    } else {
        cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    }
    let out = output(cmd, interactive, &plugin).map_err(|e| {
        let hint = exec.install_hint.clone().unwrap_or_else(|| {
            format!("install `{plugin}`, or fix users[].user.exec.command in the kubeconfig")
        });
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "is not installed (not found on PATH)".to_string(),
            std::io::ErrorKind::TimedOut => format!(
                "gave no answer in {} s and was stopped (interactiveMode: Never)",
                TIMEOUT.as_secs()
            ),
            _ => format!("cannot be run: {e}"),
        };
        PluginError {
            message: format!("the credential plugin `{plugin}` {why}"),
            hint,
        }
    })?;
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() {
        let code = out
            .status
            .code()
            .map_or_else(|| "was killed".to_string(), |c| format!("exited with {c}"));
        let said = if stderr.is_empty() {
            String::new()
        } else {
            format!(": {stderr}")
        };
        return Err(PluginError {
            message: format!("the credential plugin `{plugin}` {code}{said}"),
            hint: exec.install_hint.clone().unwrap_or_else(|| {
                format!("run `{plugin}` by hand to log in again or see what it needs")
            }),
        });
    }
    // What a plugin says on stderr while it succeeds (a warning, a login
    // URL) is the user's to read: kubectl lets it through to the terminal,
    // and so does this (it is kept only to put it in the error).
    if !stderr.is_empty() {
        use std::io::Write as _;
        // A closed stderr is no reason to fail.
        let _ = writeln!(std::io::stderr(), "{stderr}");
    }
    parse(exec, &out.stdout)
}

/// How long a plugin that cannot ask the user anything may take: one that
/// hangs (a network call without its own timeout) must not hang every
/// command. With the terminal it may be waiting for a login: no limit.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The plugin's output, killed after `TIMEOUT` unless interactive.
fn output(
    mut cmd: Command,
    interactive: bool,
    plugin: &str,
) -> std::io::Result<std::process::Output> {
    if interactive {
        return cmd.output();
    }
    output_within(cmd, TIMEOUT, plugin)
}

fn output_within(
    mut cmd: Command,
    limit: Duration,
    plugin: &str,
) -> std::io::Result<std::process::Output> {
    let child = cmd.spawn()?;
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out,
        Err(_) => {
            // SAFETY: kill(2) on the child's pid; it has not been reaped,
            // since its waiting thread has not returned.
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGKILL);
            }
            Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("`{plugin}` gave no answer in {limit:?} and was stopped"),
            ))
        }
    }
}

/// A plugin's token, run again when it has expired (a little before, so
/// that a request does not carry a token that lapses on the way).
pub struct TokenSource {
    exec: ExecConfig,
    current: tokio::sync::Mutex<Credential>,
}

const MARGIN: Duration = Duration::from_secs(5);

fn expired(c: &Credential, now: SystemTime) -> bool {
    c.expires.is_some_and(|e| now + MARGIN >= e)
}

impl TokenSource {
    pub fn new(exec: ExecConfig, first: Credential) -> Arc<Self> {
        Arc::new(Self {
            exec,
            current: tokio::sync::Mutex::new(first),
        })
    }

    /// The `Authorization` header for the next request.
    pub async fn header(&self) -> Result<http::HeaderValue, PluginError> {
        let mut current = self.current.lock().await;
        if expired(&current, SystemTime::now()) {
            let exec = self.exec.clone();
            *current = tokio::task::spawn_blocking(move || run(&exec))
                .await
                .map_err(|e| PluginError {
                    message: format!("the credential plugin did not finish: {e}"),
                    hint: String::new(),
                })??;
        }
        let Secret::Token(token) = &current.secret else {
            return Err(PluginError {
                message: format!(
                    "the credential plugin `{}` changed from a token to a certificate",
                    name(&self.exec)
                ),
                hint: "run the command again".into(),
            });
        };
        let mut value =
            http::HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| PluginError {
                message: format!(
                    "the credential plugin `{}` gave a token that cannot be sent in a header",
                    name(&self.exec)
                ),
                hint: "run the plugin by hand to see what it prints".into(),
            })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exec(version: Option<&str>, mode: Option<ExecInteractiveMode>) -> ExecConfig {
        ExecConfig {
            api_version: version.map(str::to_string),
            command: Some("get-token".into()),
            interactive_mode: mode,
            ..Default::default()
        }
    }

    const V1: &str = "client.authentication.k8s.io/v1";

    #[test]
    fn a_token_with_its_expiry_is_read() {
        let out = br#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-02T03:04:05Z"}}"#;
        let c = parse(&exec(Some(V1), None), out).unwrap();
        assert!(matches!(c.secret, Secret::Token(ref t) if t == "abc"));
        let e = c.expires.unwrap();
        assert_eq!(
            humantime::format_rfc3339(e).to_string(),
            "2030-01-02T03:04:05Z"
        );
        assert!(
            !format!("{c:?}").contains("abc"),
            "the token is never in Debug"
        );
    }

    #[test]
    fn a_plugin_that_hangs_is_stopped() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30").stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = std::time::Instant::now();
        let e = output_within(cmd, Duration::from_millis(300), "sleep").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn times_with_offsets_are_read_as_client_go_reads_them() {
        let utc = rfc3339("2030-01-01T08:00:00Z").unwrap();
        assert_eq!(rfc3339("2030-01-01T10:00:00+02:00"), Some(utc));
        assert_eq!(rfc3339("2030-01-01T05:30:00-02:30"), Some(utc));
        assert_eq!(
            rfc3339("2030-01-01T08:00:00.123456Z").map(|t| t > utc),
            Some(true)
        );
        assert_eq!(rfc3339("soon"), None);
        assert_eq!(
            rfc3339("2030-01-01T08:00:00"),
            None,
            "a time needs its zone"
        );
    }

    #[test]
    fn v1beta1_is_the_default_and_a_certificate_is_accepted() {
        let out = br#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K"}}"#;
        let c = parse(&exec(None, None), out).unwrap();
        assert!(matches!(c.secret, Secret::Certificate { .. }));
        assert!(c.expires.is_none());
    }

    #[test]
    fn answers_that_are_not_credentials_are_named() {
        let e = |out: &[u8]| parse(&exec(Some(V1), None), out).unwrap_err().message;
        assert!(e(b"not json").contains("not an ExecCredential"));
        assert!(e(br#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}"#).contains("not the client.authentication.k8s.io/v1"));
        assert!(e(br#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#).contains("neither a token"));
        assert!(e(br#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x","expirationTimestamp":"soon"}}"#).contains("not a time"));
        assert!(
            e(br#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#)
                .contains("no status")
        );
    }

    #[test]
    fn the_terminal_is_given_by_the_mode() {
        use ExecInteractiveMode::*;
        assert!(!interactive(&exec(None, Some(Never)), true).unwrap());
        assert!(interactive(&exec(None, Some(IfAvailable)), true).unwrap());
        assert!(!interactive(&exec(None, None), false).unwrap());
        assert!(interactive(&exec(None, Some(Always)), true).unwrap());
        let e = interactive(&exec(None, Some(Always)), false).unwrap_err();
        assert!(e.message.contains("needs a terminal"), "{}", e.message);
    }

    #[test]
    fn a_credential_is_expired_a_little_before_its_time() {
        let now = SystemTime::now();
        let at = |secs| Credential {
            secret: Secret::Token("t".into()),
            expires: Some(now + Duration::from_secs(secs)),
        };
        assert!(expired(&at(2), now));
        assert!(!expired(&at(60), now));
        let forever = Credential {
            secret: Secret::Token("t".into()),
            expires: None,
        };
        assert!(!expired(&forever, now));
    }
}
