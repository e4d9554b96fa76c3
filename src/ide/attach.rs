//! VS Code attached to the container itp-dev manages: the folder URI the
//! Dev Containers extension opens, and the attached-container
//! configuration it reads for a container name.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::plan::{ContainerPlan, Plan};
use crate::profile::model::VsCode;

/// `vscode-remote://attached-container+<hex of {"containerName":…}><folder>`.
pub fn folder_uri(container: &str, folder: &str) -> String {
    let spec = json!({ "containerName": format!("/{container}") }).to_string();
    let hex: String = spec.bytes().map(|b| format!("{b:02x}")).collect();
    format!("vscode-remote://attached-container+{hex}{folder}")
}

/// The configuration the extension applies when it attaches to a
/// container of this name.
pub fn config(plan: &Plan, dev: &ContainerPlan, vscode: Option<&VsCode>) -> Value {
    let mut o = Map::new();
    o.insert(
        "workspaceFolder".into(),
        json!(dev.workdir.clone().unwrap_or_else(|| "/workspace".into())),
    );
    if let Some(u) = &dev.user {
        o.insert("remoteUser".into(), json!(u));
    }
    let ports: Vec<u16> = dev.ports.iter().map(|p| p.container_port).collect();
    o.insert("forwardPorts".into(), json!(ports));
    if let Some(v) = vscode {
        o.insert("extensions".into(), json!(v.extensions));
        o.insert("settings".into(), Value::Object(v.settings.clone()));
    }
    o.insert("name".into(), json!(plan.project));
    Value::Object(o)
}

/// Where the extension looks for a container name's configuration.
pub fn config_path(home: &std::path::Path, container: &str) -> PathBuf {
    home.join(".config/Code/User/globalStorage/ms-vscode-remote.remote-containers/nameConfigs")
        .join(format!("{container}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_names_the_container_in_hex() {
        let uri = folder_uri("demo-dev", "/workspace");
        let hex = uri
            .strip_prefix("vscode-remote://attached-container+")
            .unwrap()
            .strip_suffix("/workspace")
            .unwrap();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"containerName":"/demo-dev"}"#
        );
    }
}
