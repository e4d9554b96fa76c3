//! The templates of `profiles/`, compiled in, and the services `init` can
//! add to them. A profile is composed from a template by keeping its dev
//! container and watch rules, replacing its services with the chosen ones,
//! and pointing the dev container's `depends_on` at them.

use toml::{Table, Value};

pub struct Template {
    pub name: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "rust-service",
        text: include_str!("../../profiles/rust-service.toml"),
    },
    Template {
        name: "node-web",
        text: include_str!("../../profiles/node-web.toml"),
    },
    Template {
        name: "python-api",
        text: include_str!("../../profiles/python-api.toml"),
    },
    Template {
        name: "full-stack",
        text: include_str!("../../profiles/full-stack.toml"),
    },
];

impl Template {
    /// The template's own description: the first sentence of its leading
    /// comment, which may run over several lines.
    pub fn description(&self) -> String {
        let comment: Vec<&str> = self
            .text
            .lines()
            .skip_while(|l| !l.starts_with("# "))
            .take_while(|l| l.starts_with("# "))
            .map(|l| l.trim_start_matches("# ").trim())
            .collect();
        let comment = comment.join(" ");
        let first = comment
            .split_once(". ")
            .map_or(comment.as_str(), |(first, _)| first);
        first.trim_end_matches('.').to_string()
    }

    fn table(&self) -> Table {
        self.text
            .parse()
            .expect("templates are valid TOML (tests/templates.rs)")
    }

    /// Its services, in order.
    pub fn services(&self) -> Vec<String> {
        self.table()
            .get("services")
            .and_then(Value::as_table)
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The Dockerfile a service of the template builds from, when it
    /// builds: `build = "dir"` or `build = { context = "dir", dockerfile = … }`.
    pub fn dockerfile(&self, service: &str) -> Option<String> {
        let build = self
            .table()
            .get("services")?
            .get(service)?
            .get("build")?
            .clone();
        let (context, file) = match &build {
            Value::String(dir) => (dir.as_str(), "Dockerfile"),
            Value::Table(t) => (
                t.get("context")?.as_str()?,
                t.get("dockerfile")
                    .and_then(Value::as_str)
                    .unwrap_or("Dockerfile"),
            ),
            _ => return None,
        };
        Some(format!("{}/{file}", context.trim_end_matches('/')))
    }

    /// The template's own services that can be built in `repo`, and those
    /// left out because their Dockerfile is not there, with its path (the
    /// full-stack template's `api` builds from `services/api`).
    pub fn services_in(&self, repo: &std::path::Path) -> (Vec<String>, Vec<(String, String)>) {
        let mut here = Vec::new();
        let mut missing = Vec::new();
        for s in self.services() {
            match self.dockerfile(&s) {
                Some(file) if !repo.join(&file).is_file() => missing.push((s, file)),
                _ => here.push(s),
            }
        }
        (here, missing)
    }
}

pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// Services any template can add: name, what it is, its TOML.
pub const CATALOG: &[(&str, &str, &str)] = &[
    (
        "db",
        "PostgreSQL 16",
        r#"image = "postgres:16"
env = { POSTGRES_PASSWORD = "${DB_PASSWORD:-dev}", POSTGRES_DB = "app" }
secrets = ["POSTGRES_PASSWORD"]
volumes = ["db-data:/var/lib/postgresql/data"]
ports = ["5432"]
healthcheck = { command = ["pg_isready", "-U", "postgres"], interval = "1s", timeout = "3s", retries = 30 }"#,
    ),
    (
        "cache",
        "Redis 7",
        r#"image = "redis:7"
ports = ["6379"]
healthcheck = { command = ["redis-cli", "ping"], interval = "1s" }"#,
    ),
    (
        "mysql",
        "MySQL 8",
        r#"image = "mysql:8"
env = { MYSQL_ROOT_PASSWORD = "${DB_PASSWORD:-dev}", MYSQL_DATABASE = "app" }
secrets = ["MYSQL_ROOT_PASSWORD"]
volumes = ["mysql-data:/var/lib/mysql"]
healthcheck = { command = ["mysqladmin", "ping", "-h", "127.0.0.1"], interval = "1s", retries = 60 }"#,
    ),
    (
        "mongo",
        "MongoDB 7",
        r#"image = "mongo:7"
volumes = ["mongo-data:/data/db"]
healthcheck = { command = ["mongosh", "--quiet", "--eval", "db.runCommand({ ping: 1 })"], interval = "1s", retries = 60 }"#,
    ),
];

/// Names a service can be chosen by: the template's own, and the catalog's.
pub fn service_choices(t: &Template) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = t
        .services()
        .into_iter()
        .map(|s| {
            let what = CATALOG
                .iter()
                .find(|(n, _, _)| *n == s)
                .map_or("from the template", |(_, w, _)| w);
            (s, what.to_string())
        })
        .collect();
    for (n, what, _) in CATALOG {
        if !out.iter().any(|(s, _)| s == n) {
            out.push((n.to_string(), what.to_string()));
        }
    }
    out
}

pub struct Choices<'a> {
    pub project: &'a str,
    pub services: &'a [String],
    /// The port the app listens on, published on the same host port.
    pub port: Option<u16>,
}

/// The profile's text. Unknown service names are an error naming them.
/// Why the chosen template and services do not make a profile.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown service `{name}`; choose from: {known}")]
    UnknownService { name: String, known: String },
    #[error("the profile could not be written as TOML")]
    Toml(#[source] toml::ser::Error),
}

pub fn compose(t: &Template, c: &Choices<'_>, schema_path: &str) -> Result<String, TemplateError> {
    let mut table = t.table();
    table.remove("version");
    let own = table
        .remove("services")
        .and_then(|v| v.as_table().cloned())
        .unwrap_or_default();
    // What the chosen services are called, and which have healthchecks.
    let mut services = Table::new();
    for s in c.services {
        let svc = match own.get(s) {
            Some(v) => v.clone(),
            None => {
                let (_, _, text) = CATALOG.iter().find(|(n, _, _)| n == s).ok_or_else(|| {
                    let known: Vec<String> =
                        service_choices(t).into_iter().map(|(n, _)| n).collect();
                    TemplateError::UnknownService {
                        name: s.clone(),
                        known: known.join(", "),
                    }
                })?;
                Value::Table(text.parse().expect("catalog entries are valid TOML"))
            }
        };
        services.insert(s.clone(), svc);
    }
    // Services of the template that were not chosen: nothing may depend on
    // them, and no address in the environment may name them.
    let gone: Vec<String> = own
        .keys()
        .filter(|s| !c.services.contains(s))
        .cloned()
        .collect();
    for (_, svc) in services.iter_mut() {
        prune_depends_on(svc, c.services);
        prune_env(svc, &gone);
    }
    if let Some(dev) = table.get_mut("dev") {
        prune_env(dev, &gone);
    }
    if let Some(dev) = table.get_mut("dev").and_then(Value::as_table_mut) {
        let mut deps = Table::new();
        for s in c.services {
            let healthy = services.get(s).and_then(|v| v.get("healthcheck")).is_some();
            deps.insert(
                s.clone(),
                Value::String(if healthy { "healthy" } else { "started" }.into()),
            );
        }
        if deps.is_empty() {
            dev.remove("depends_on");
        } else {
            dev.insert("depends_on".into(), Value::Table(deps));
        }
        if let Some(port) = c.port {
            let mut ports = vec![Value::String(format!("{port}:{port}"))];
            // Keep the template's other ports (a debugger's, …), unless one
            // is the port chosen.
            if let Some(Value::Array(old)) = dev.get("ports") {
                let other = |p: &&Value| {
                    let spec = p.as_str().unwrap_or_default();
                    let container = spec.rsplit(':').next().unwrap_or(spec);
                    container.split('/').next() != Some(port.to_string().as_str())
                };
                ports.extend(old.iter().skip(1).filter(other).cloned());
            }
            dev.insert("ports".into(), Value::Array(ports));
        }
    }
    // Watch rules and overlays that name services not chosen would not validate.
    if let Some(Value::Array(rules)) = table.get_mut("watch") {
        rules.retain(|r| {
            r.get("service")
                .and_then(Value::as_str)
                .is_none_or(|s| s == "dev" || c.services.iter().any(|c| c == s))
        });
    }
    table.remove("overlays");
    let mut out = Table::new();
    out.insert("version".into(), Value::Integer(1));
    out.insert("name".into(), Value::String(c.project.to_string()));
    for (k, v) in table {
        out.insert(k, v);
    }
    if !services.is_empty() {
        out.insert("services".into(), Value::Table(services));
    }
    let body = toml::to_string_pretty(&out).map_err(TemplateError::Toml)?;
    Ok(format!(
        "#:schema {schema_path}\n# Written by `itp-dev init` from the `{}` template: {}.\n# Check it with `itp-dev validate`; start it with `itp-dev up`.\n{body}",
        t.name,
        t.description()
    ))
}

/// Drops the environment entries whose value is an address of one of
/// `gone` (`postgres://…@db:5432/app`, `http://api:8080`), and the
/// `secrets` that named them: a template's `DATABASE_URL` must not point at
/// a `db` that was not chosen.
fn prune_env(container: &mut Value, gone: &[String]) {
    let Some(t) = container.as_table_mut() else {
        return;
    };
    let names = |v: &str| {
        gone.iter().any(|s| {
            [format!("//{s}:"), format!("@{s}:"), format!("//{s}/")]
                .iter()
                .any(|p| v.contains(p.as_str()))
                || v.ends_with(&format!("//{s}"))
        })
    };
    let Some(Value::Table(env)) = t.get_mut("env") else {
        return;
    };
    env.retain(|_, v| !v.as_str().is_some_and(names));
    let kept: Vec<String> = env.keys().cloned().collect();
    if env.is_empty() {
        t.remove("env");
    }
    if let Some(Value::Array(secrets)) = t.get_mut("secrets") {
        secrets.retain(|k| k.as_str().is_some_and(|k| kept.iter().any(|e| e == k)));
        if secrets.is_empty() {
            t.remove("secrets");
        }
    }
}

fn prune_depends_on(svc: &mut Value, keep: &[String]) {
    let Some(t) = svc.as_table_mut() else { return };
    match t.get_mut("depends_on") {
        Some(Value::Array(a)) => {
            a.retain(|d| d.as_str().is_some_and(|d| keep.iter().any(|k| k == d)))
        }
        Some(Value::Table(m)) => m.retain(|k, _| keep.iter().any(|x| x == k)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_a_description_and_services() {
        for t in TEMPLATES {
            assert!(!t.description().is_empty(), "{}", t.name);
            assert!(
                !t.description().ends_with(','),
                "a whole sentence: {}",
                t.description()
            );
        }
        assert_eq!(template("node-web").unwrap().services(), ["cache"]);
    }

    #[test]
    fn services_built_from_a_directory_the_repository_lacks_are_left_out() {
        let t = template("full-stack").unwrap();
        let repo = std::env::temp_dir().join(format!("itp-init-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&repo);
        std::fs::create_dir_all(&repo).unwrap();
        let (here, missing) = t.services_in(&repo);
        assert_eq!(here, ["db", "cache"]);
        assert_eq!(
            missing,
            [
                ("api".to_string(), "services/api/Dockerfile".to_string()),
                ("worker".to_string(), "services/api/Dockerfile".to_string())
            ]
        );
        std::fs::create_dir_all(repo.join("services/api")).unwrap();
        assert_eq!(t.services_in(&repo).0, ["db", "cache"], "a directory alone");
        std::fs::write(repo.join("services/api/Dockerfile"), "FROM scratch\n").unwrap();
        assert_eq!(t.services_in(&repo).0, ["db", "cache", "api", "worker"]);
        std::fs::remove_dir_all(&repo).unwrap();
    }

    #[test]
    fn composing_keeps_dev_and_replaces_services() {
        let t = template("rust-service").unwrap();
        let text = compose(
            t,
            &Choices {
                project: "shop",
                services: &["cache".to_string()],
                port: Some(9000),
            },
            "./.itp-dev/itp-dev.schema.json",
        )
        .unwrap();
        assert!(text.starts_with("#:schema ./.itp-dev/itp-dev.schema.json\n"));
        let v: Table = text.parse().unwrap();
        assert_eq!(v["name"].as_str(), Some("shop"));
        assert!(v["services"].get("cache").is_some() && v["services"].get("db").is_none());
        assert_eq!(v["dev"]["depends_on"]["cache"].as_str(), Some("healthy"));
        assert_eq!(v["dev"]["ports"][0].as_str(), Some("9000:9000"));
        // `db` was not chosen: its address and the secret naming it go.
        assert!(v["dev"]["env"].get("DATABASE_URL").is_none(), "{text}");
        assert!(v["dev"].get("secrets").is_none(), "{text}");
        assert!(v["dev"]["env"].get("CARGO_TARGET_DIR").is_some());
        let none = compose(
            t,
            &Choices {
                project: "x",
                services: &[],
                port: None,
            },
            "s",
        )
        .unwrap();
        let v: Table = none.parse().unwrap();
        assert!(v.get("services").is_none() && v["dev"].get("depends_on").is_none());
        let e = compose(
            t,
            &Choices {
                project: "x",
                services: &["pg".into()],
                port: None,
            },
            "s",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("unknown service `pg`") && e.contains("db"),
            "{e}"
        );
    }
}
