//! Which environment values are secret although the profile does not list
//! them: a name that says so (`POSTGRES_PASSWORD`, `API_TOKEN`,
//! `AWS_SECRET_ACCESS_KEY`), or a URL that carries a password
//! (`postgres://app:s3cret@db/app`). Such values go to Kubernetes Secrets,
//! never ConfigMaps, and are masked wherever itp-dev prints them. Pure.

/// Words in a variable's name that mean its value is a secret.
const SECRET_WORDS: [&str; 10] = [
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "PRIVATE_KEY",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
];

pub fn looks_secret(name: &str, value: &str) -> bool {
    let n = name.to_ascii_uppercase();
    // `POSTGRES_PASSWORD_FILE=/run/secrets/db` names where a secret is.
    if n.ends_with("_FILE") {
        return false;
    }
    SECRET_WORDS.iter().any(|w| n.contains(w))
        || n.ends_with("_KEY")
        || n.ends_with("_PASS")
        || n.ends_with("_PWD")
        || url_with_password(value)
}

/// `scheme://user:password@host…` with a non-empty password.
fn url_with_password(value: &str) -> bool {
    url_password(value).is_some()
}

/// The password of `scheme://user:password@host…`.
pub fn url_password(value: &str) -> Option<&str> {
    let (_, rest) = value.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, _host) = authority.rsplit_once('@')?;
    userinfo
        .split_once(':')
        .map(|(_, password)| password)
        .filter(|p| !p.is_empty())
}

/// Every secret value of a loaded profile, to be masked wherever itp-dev
/// prints: what env files hold, env values listed in `secrets` or secret by
/// name or shape (and a URL's password on its own), and values of `.env`
/// whose names say secret (they may be interpolated anywhere). A value the
/// profile also uses openly (`POSTGRES_PASSWORD=postgres` beside the image
/// `postgres`) is not masked in free text: it is no secret there, and
/// masking it would mangle every image name and service name.
pub fn values(loaded: &crate::profile::Loaded) -> Vec<String> {
    let public = public_words(loaded);
    let mut out = secret_values(loaded);
    out.retain(|v| !public.contains(v.as_str()));
    out
}

/// The words of a profile that are not secret: its names, images, users,
/// paths, and its plain env values.
fn public_words(loaded: &crate::profile::Loaded) -> std::collections::BTreeSet<String> {
    let mut words = std::collections::BTreeSet::from([loaded.project.clone(), "dev".to_string()]);
    let mut add = |s: &str| {
        words.insert(s.to_string());
        for part in s.split(['/', ':', '@', '.', '-', '_', ' ', '=']) {
            words.insert(part.to_string());
        }
    };
    let p = &loaded.profile;
    let dev = p
        .dev
        .iter()
        .map(|d| (&d.image, &d.user, &d.workdir, &d.env, &d.secrets));
    let services = p
        .services
        .iter()
        .map(|(_, s)| (&s.image, &s.user, &s.workdir, &s.env, &s.secrets));
    for name in p.services.keys() {
        add(name);
    }
    for (image, user, workdir, env, listed) in dev.chain(services) {
        for s in [image, user, workdir].into_iter().flatten() {
            add(s);
        }
        for (k, v) in env {
            let text = v.to_text();
            if !listed.contains(k) && !looks_secret(k, &text) {
                add(&text);
            }
        }
    }
    words
}

fn secret_values(loaded: &crate::profile::Loaded) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: &str| {
        out.push(v.to_string());
        if let Some(p) = url_password(v) {
            out.push(p.to_string());
        }
    };
    for values in loaded.env_file_values.values() {
        values.values().for_each(|v| add(v));
    }
    let p = &loaded.profile;
    let envs = p
        .dev
        .iter()
        .map(|d| (&d.env, &d.secrets))
        .chain(p.services.values().map(|s| (&s.env, &s.secrets)));
    for (env, listed) in envs {
        for (k, v) in env {
            let text = v.to_text();
            if listed.contains(k) || looks_secret(k, &text) {
                add(&text);
            }
        }
    }
    for (k, v) in &loaded.dotenv {
        if looks_secret(k, v) {
            add(v);
        }
    }
    // What secret files hold (a password file may be echoed whole).
    for s in p.services.values() {
        for m in &s.volumes {
            let Ok(spec) = crate::profile::specs::parse_mount(m) else {
                continue;
            };
            let crate::profile::specs::MountSource::Bind(src) = &spec.source else {
                continue;
            };
            let secret =
                spec.target.starts_with("/run/secrets/") || s.secret_files.contains(&spec.target);
            if !secret {
                continue;
            }
            let path = loaded.dir.join(src);
            // A file, or the files of a directory of secrets.
            let files: Vec<std::path::PathBuf> = if path.is_dir() {
                std::fs::read_dir(&path)
                    .map(|d| d.flatten().map(|e| e.path()).collect())
                    .unwrap_or_default()
            } else {
                vec![path]
            };
            for f in files {
                let small = std::fs::metadata(&f).is_ok_and(|m| m.is_file() && m.len() <= 65536);
                if small && let Ok(text) = std::fs::read_to_string(&f) {
                    add(text.trim());
                }
            }
        }
    }
    // A password in a URL anywhere (a command, a healthcheck), and its
    // percent-decoded form.
    if let Ok(doc) = serde_json::to_value(p) {
        let mut strings = Vec::new();
        collect_strings(&doc, &mut strings);
        for s in strings {
            for word in s.split_whitespace() {
                if let Some(pw) = url_password(word.trim_matches(['"', '\'', '(', ')', ';'])) {
                    add(pw);
                    let decoded = percent_decode(pw);
                    if decoded != pw {
                        add(&decoded);
                    }
                }
            }
        }
    }
    // Build arguments named like secrets (`GITHUB_TOKEN`).
    let builds = p
        .dev
        .iter()
        .filter_map(|d| d.build.as_ref())
        .chain(p.services.values().filter_map(|s| s.build.as_ref()));
    for b in builds {
        if let crate::profile::model::Build::Full(b) = b {
            for (k, v) in &b.args {
                let v = v.to_text();
                if looks_secret(k, &v) {
                    add(&v);
                }
            }
        }
    }
    out
}

fn collect_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// `p%40ss` → `p@ss` (invalid escapes stay as written).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn names_and_urls_that_say_secret() {
        for (name, value) in [
            ("POSTGRES_PASSWORD", "x"),
            ("MYSQL_ROOT_PASSWORD", "x"),
            ("GITHUB_TOKEN", "x"),
            ("AWS_SECRET_ACCESS_KEY", "x"),
            ("STRIPE_API_KEY", "x"),
            ("SECRET_KEY_BASE", "x"),
            ("DJANGO_SECRET_KEY", "x"),
            ("RABBITMQ_DEFAULT_PASS", "x"),
            ("DATABASE_URL", "postgres://app:s3cret@db:5432/app"),
            ("BROKER", "amqp://guest:guest@rabbit//"),
        ] {
            assert!(looks_secret(name, value), "{name}={value}");
        }
        for (name, value) in [
            ("POSTGRES_PASSWORD_FILE", "/run/secrets/db"),
            ("POSTGRES_DB", "app"),
            ("DATABASE_URL", "postgres://app@db:5432/app"),
            ("API_URL", "http://api:8080/x@y"),
            ("KEYCLOAK_URL", "http://kc"),
            ("TZ", "UTC"),
        ] {
            assert!(!looks_secret(name, value), "{name}={value}");
        }
    }
}
