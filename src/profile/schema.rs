//! The profile's JSON Schema, generated from `model.rs` by schemars (a
//! well-kept crate, so we write no schema by hand). Published at
//! `docs/itp-dev.schema.json`; a test keeps that file in sync.

use super::model::Profile;

pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Profile).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://itp.dev/schemas/itp-dev.schema.json".into(),
        );
    }
    schema
}

/// The schema as committed: pretty JSON with a trailing newline.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).expect("a schema always serializes");
    s.push('\n');
    s
}
