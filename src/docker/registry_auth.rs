//! Registry credentials as the Docker CLI finds them: `config.json` in
//! `$DOCKER_CONFIG` or `~/.docker`, its `credHelpers` (per registry), its
//! `credsStore` (for all), and its `auths` (`auth` = base64 of
//! `user:password`, or `identitytoken`). Helpers speak the
//! `docker-credential-*` protocol: `get` with the registry on stdin, JSON
//! `{ServerURL, Username, Secret}` on stdout.
//!
//! No crate reads this as the CLI does with the helpers (bollard takes
//! credentials but does not find them), so it is here, in one place, and
//! the values never leave it except towards the engine or a pull Secret.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde::Deserialize;

/// The key Docker Hub's credentials are stored under.
const HUB: &str = "https://index.docker.io/v1/";

/// A registry login. Never printed (`Debug` shows the user only).
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    pub username: String,
    pub password: String,
    /// An OAuth identity token instead of a password.
    pub identity_token: Option<String>,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Login({}, ********)", self.username)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct AuthError {
    pub message: String,
    pub hint: String,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(default)]
    cred_helpers: BTreeMap<String, String>,
    creds_store: Option<String>,
}

#[derive(Default, Deserialize)]
struct AuthEntry {
    auth: Option<String>,
    username: Option<String>,
    password: Option<String>,
    identitytoken: Option<String>,
}

/// The registry host of an image reference, as Docker decides it: the
/// first path part when it has a `.` or `:` or is `localhost`; otherwise
/// Docker Hub.
pub fn registry_of(reference: &str) -> String {
    match reference.split_once('/') {
        Some((first, _)) if first.contains('.') || first.contains(':') || first == "localhost" => {
            first.to_string()
        }
        _ => "docker.io".to_string(),
    }
}

/// The key a registry's credentials are stored under in `config.json`.
fn key(registry: &str) -> &str {
    if registry == "docker.io" {
        HUB
    } else {
        registry
    }
}

fn config_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(dir) = env("DOCKER_CONFIG").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    env("HOME").map(|h| PathBuf::from(h).join(".docker/config.json"))
}

/// The login for `registry`, or none when the Docker CLI would have none.
pub fn login_for(registry: &str) -> Result<Option<Login>, AuthError> {
    let env = |k: &str| std::env::var(k).ok();
    let Some(path) = config_path(&env) else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(AuthError {
                message: format!("cannot read {}: {e}", path.display()),
                hint: "check the file's permissions".into(),
            });
        }
    };
    let config: ConfigFile = serde_json::from_str(&text).map_err(|e| AuthError {
        message: format!("{} is not valid JSON: {e}", path.display()),
        hint: "fix the file, or `docker login` again to rewrite it".into(),
    })?;
    from_config(&config, registry, &path, &|helper, server| {
        run_helper(helper, server)
    })
}

/// A credential helper by name, asked for a server.
type Helper<'a> = dyn Fn(&str, &str) -> Result<Option<Login>, AuthError> + 'a;

/// The lookup itself, as the CLI orders it: a helper for this registry,
/// then the store for all, then `auths`.
fn from_config(
    config: &ConfigFile,
    registry: &str,
    path: &std::path::Path,
    helper: &Helper<'_>,
) -> Result<Option<Login>, AuthError> {
    let k = key(registry);
    if let Some(h) = config.cred_helpers.get(k) {
        return helper(h, k);
    }
    if let Some(store) = &config.creds_store
        && let Some(found) = helper(store, k)?
    {
        return Ok(Some(found));
    }
    let Some(entry) = config.auths.get(k).or_else(|| {
        // `docker login` of old wrote `https://host/v1/` or `http://host`.
        config.auths.iter().find_map(|(name, e)| {
            let host = name
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap_or_default();
            (host == registry).then_some(e)
        })
    }) else {
        return Ok(None);
    };
    let (mut username, mut password) = (entry.username.clone(), entry.password.clone());
    if let Some(auth) = entry.auth.as_deref().filter(|a| !a.is_empty()) {
        use base64::Engine as _;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| {
                s.split_once(':')
                    .map(|(u, p)| (u.to_string(), p.to_string()))
            })
            .ok_or_else(|| AuthError {
                message: format!(
                    "{}: the `auth` of `{k}` is not base64 of user:password",
                    path.display()
                ),
                hint: format!("`docker login {registry}` again"),
            })?;
        username = Some(decoded.0);
        password = Some(decoded.1);
    }
    if username.is_none() && entry.identitytoken.is_none() {
        return Ok(None);
    }
    Ok(Some(Login {
        username: username.unwrap_or_default(),
        password: password.unwrap_or_default(),
        identity_token: entry.identitytoken.clone(),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HelperAnswer {
    username: String,
    secret: String,
}

/// `docker-credential-NAME get`, the registry on stdin. "not found" is no
/// login, not an error, as for the CLI.
fn run_helper(name: &str, server: &str) -> Result<Option<Login>, AuthError> {
    let program = format!("docker-credential-{name}");
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| AuthError {
            message: format!("the Docker credential helper `{program}` cannot be run: {e}"),
            hint: format!(
                "install `{program}`, or remove `{name}` from credHelpers/credsStore in the Docker config"
            ),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| AuthError {
        message: format!("the Docker credential helper `{program}` did not finish: {e}"),
        hint: String::new(),
    })?;
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        if said.contains("credentials not found") {
            return Ok(None);
        }
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(AuthError {
            message: format!(
                "the Docker credential helper `{program}` failed for {server}: {}",
                if err.is_empty() { &said } else { &err }
            ),
            hint: format!("`docker login {server}` again"),
        });
    }
    let answer: HelperAnswer = serde_json::from_str(&said).map_err(|_| AuthError {
        message: format!(
            "the Docker credential helper `{program}` answered something that is not a credential"
        ),
        hint: format!("run `echo {server} | {program} get` to see what it prints"),
    })?;
    // Helpers give an identity token with the user `<token>`.
    Ok(Some(if answer.username == "<token>" {
        Login {
            username: String::new(),
            password: String::new(),
            identity_token: Some(answer.secret),
        }
    } else {
        Login {
            username: answer.username,
            password: answer.secret,
            identity_token: None,
        }
    }))
}

/// The engine's form of a login.
pub fn for_engine(registry: &str, login: &Login) -> bollard::auth::DockerCredentials {
    bollard::auth::DockerCredentials {
        username: Some(login.username.clone()).filter(|u| !u.is_empty()),
        password: Some(login.password.clone()).filter(|p| !p.is_empty()),
        identitytoken: login.identity_token.clone(),
        serveraddress: Some(key(registry).to_string()),
        ..Default::default()
    }
}

/// The `.dockerconfigjson` of a pull Secret holding these logins.
pub fn dockerconfigjson(logins: &BTreeMap<String, Login>) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let auths: serde_json::Map<String, serde_json::Value> = logins
        .iter()
        .map(|(registry, l)| {
            let mut e = serde_json::json!({
                "username": l.username,
                "password": l.password,
                "auth": b64.encode(format!("{}:{}", l.username, l.password)),
            });
            if let Some(t) = &l.identity_token {
                e["identitytoken"] = t.clone().into();
            }
            (key(registry).to_string(), e)
        })
        .collect();
    serde_json::json!({ "auths": auths }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json: &str) -> ConfigFile {
        serde_json::from_str(json).unwrap()
    }

    fn no_helper(_: &str, _: &str) -> Result<Option<Login>, AuthError> {
        panic!("no helper is asked")
    }

    #[test]
    fn registries_are_named_as_docker_names_them() {
        assert_eq!(registry_of("postgres:16"), "docker.io");
        assert_eq!(registry_of("library/postgres"), "docker.io");
        assert_eq!(registry_of("ghcr.io/acme/app:1"), "ghcr.io");
        assert_eq!(
            registry_of("127.0.0.1:5001/app@sha256:ab"),
            "127.0.0.1:5001"
        );
        assert_eq!(registry_of("localhost/app"), "localhost");
    }

    #[test]
    fn auths_are_read_from_auth_or_user_and_password() {
        let c = config(
            r#"{"auths":{"reg.example.com":{"auth":"dTpwOnc="},"https://index.docker.io/v1/":{"username":"hub","password":"x"},"https://old.example.com/v1/":{"auth":"bzpw"}}}"#,
        );
        let p = std::path::Path::new("config.json");
        let l = from_config(&c, "reg.example.com", p, &no_helper)
            .unwrap()
            .unwrap();
        assert_eq!((l.username.as_str(), l.password.as_str()), ("u", "p:w"));
        let hub = from_config(&c, "docker.io", p, &no_helper)
            .unwrap()
            .unwrap();
        assert_eq!(hub.username, "hub");
        let old = from_config(&c, "old.example.com", p, &no_helper)
            .unwrap()
            .unwrap();
        assert_eq!(old.username, "o");
        assert!(
            from_config(&c, "other.example.com", p, &no_helper)
                .unwrap()
                .is_none()
        );
        assert!(!format!("{l:?}").contains("p:w"), "never in Debug");
    }

    #[test]
    fn a_registry_helper_comes_before_the_store_and_the_auths() {
        let c = config(
            r#"{"auths":{"reg.example.com":{"auth":"dTpw"}},"credHelpers":{"reg.example.com":"ecr"},"credsStore":"pass"}"#,
        );
        let p = std::path::Path::new("config.json");
        let asked = std::cell::RefCell::new(Vec::new());
        let helper = |h: &str, s: &str| {
            asked.borrow_mut().push(format!("{h} {s}"));
            Ok(Some(Login {
                username: h.into(),
                password: "s".into(),
                identity_token: None,
            }))
        };
        let l = from_config(&c, "reg.example.com", p, &helper)
            .unwrap()
            .unwrap();
        assert_eq!(l.username, "ecr");
        let l = from_config(&c, "docker.io", p, &helper).unwrap().unwrap();
        assert_eq!(l.username, "pass");
        assert_eq!(
            *asked.borrow(),
            ["ecr reg.example.com", "pass https://index.docker.io/v1/"]
        );
    }

    #[test]
    fn a_pull_secret_holds_the_logins_under_their_registries() {
        let logins = BTreeMap::from([(
            "127.0.0.1:5001".to_string(),
            Login {
                username: "u".into(),
                password: "p".into(),
                identity_token: None,
            },
        )]);
        let v: serde_json::Value = serde_json::from_str(&dockerconfigjson(&logins)).unwrap();
        assert_eq!(v["auths"]["127.0.0.1:5001"]["auth"], "dTpw");
    }
}
