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
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    userinfo
        .split_once(':')
        .is_some_and(|(_, password)| !password.is_empty())
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
