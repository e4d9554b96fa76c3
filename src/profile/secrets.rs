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
    if let Ok(dotenv) = crate::profile::load::parse_env_file(&loaded.dir.join(".env")) {
        for (k, v) in dotenv {
            if looks_secret(&k, &v) {
                add(&v);
            }
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
            let path = loaded.dir.join(src);
            let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= 4096);
            if secret
                && small
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                add(text.trim());
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
