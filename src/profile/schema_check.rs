//! Structural checks of the parsed tree against the profile's JSON Schema:
//! unknown keys (with "did you mean"), wrong types, values outside an enum,
//! missing required keys. Driven by the same schema that `docs/` publishes
//! and that is generated from `model.rs`, so the checker, the editor schema
//! and the types agree by construction. Unlike serde's first-error-wins
//! deserialization, this collects every problem in one pass.
//!
//! It understands the subset of JSON Schema that schemars emits for our
//! types: `$ref`, `type`, `properties`, `additionalProperties`, `required`,
//! `items`, `enum`, `const`, `anyOf`/`oneOf`, `minimum`/`maximum`.

use serde_json::Value as Json;

use super::diagnostic::{Diagnostic, did_you_mean};
use super::tree::{Node, Value};

pub struct SchemaChecker<'s> {
    root: &'s Json,
}

impl<'s> SchemaChecker<'s> {
    pub fn new(root: &'s Json) -> Self {
        SchemaChecker { root }
    }

    /// Check `node` against the root schema; `skip` names top-level keys whose
    /// contents are not checked here (overlays are checked after merging).
    pub fn check_root(&self, node: &Node, skip: &[&str], out: &mut Vec<Diagnostic>) {
        self.check(self.root, node, "profile", skip, out);
    }

    fn resolve(&self, mut schema: &'s Json) -> &'s Json {
        // Follow `$ref` chains; schemars only emits local `#/$defs/…` refs.
        for _ in 0..16 {
            match schema.get("$ref").and_then(Json::as_str) {
                Some(r) => match r
                    .strip_prefix("#/")
                    .and_then(|p| self.root.pointer(&format!("/{p}")))
                {
                    Some(s) => schema = s,
                    None => return schema,
                },
                None => return schema,
            }
        }
        schema
    }

    /// `what` names the thing being checked for messages ("a service").
    fn check(
        &self,
        schema: &'s Json,
        node: &Node,
        what: &str,
        skip: &[&str],
        out: &mut Vec<Diagnostic>,
    ) {
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Json::as_array)
        {
            return self.check_branches(branches, node, what, out);
        }
        if !type_accepts(schema, &node.value) {
            let expected = expected_kinds(schema);
            out.push(wrong_type(node, &expected));
            return;
        }
        if let Some(allowed) = allowed_values(schema) {
            self.check_allowed(&allowed, node, out);
            return;
        }
        match &node.value {
            Value::Table(t) => {
                let props = schema.get("properties").and_then(Json::as_object);
                let additional = schema.get("additionalProperties");
                for e in &t.entries {
                    if skip.contains(&e.key.as_str()) {
                        continue;
                    }
                    if let Some(p) = props.and_then(|p| p.get(&e.key)) {
                        self.check(p, &e.node, &e.key, &[], out);
                    } else {
                        match additional {
                            Some(Json::Bool(false)) => {
                                let known: Vec<&str> = props
                                    .map(|p| p.keys().map(String::as_str).collect())
                                    .unwrap_or_default();
                                let help = match did_you_mean(&e.key, known.iter().copied()) {
                                    Some(s) => format!("did you mean `{s}`?"),
                                    None => format!(
                                        "the keys allowed here are: {}",
                                        known
                                            .iter()
                                            .map(|k| format!("`{k}`"))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                };
                                out.push(
                                    Diagnostic::new(format!("unknown key `{}`", e.key))
                                        .at(
                                            e.key_span.clone(),
                                            format!("not a key of {}", article(what)),
                                        )
                                        .help(help),
                                );
                            }
                            // Map values (a service under `services`) are named after the map.
                            Some(s @ Json::Object(_)) => self.check(s, &e.node, what, &[], out),
                            _ => {}
                        }
                    }
                }
                for req in schema
                    .get("required")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(r) = req.as_str()
                        && t.get(r).is_none()
                    {
                        out.push(
                            Diagnostic::new(format!("missing key `{r}` in {}", article(what))).at(
                                node.span.start
                                    ..node.span.start.saturating_add(1).min(node.span.end),
                                format!("`{r}` is required here"),
                            ),
                        );
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for item in items {
                        self.check(item_schema, item, what, &[], out);
                    }
                }
            }
            Value::Integer(i) => {
                if let Some(min) = schema.get("minimum").and_then(Json::as_f64)
                    && (*i as f64) < min
                {
                    out.push(
                        Diagnostic::new(format!("value {i} is too small: the minimum is {min}"))
                            .at(node.span.clone(), "too small"),
                    );
                }
                if let Some(max) = schema.get("maximum").and_then(Json::as_f64)
                    && (*i as f64) > max
                {
                    out.push(
                        Diagnostic::new(format!("value {i} is too large: the maximum is {max}"))
                            .at(node.span.clone(), "too large"),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_branches(
        &self,
        branches: &'s [Json],
        node: &Node,
        what: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let resolved: Vec<&Json> = branches
            .iter()
            .map(|b| self.resolve(b))
            .filter(|b| b.get("type").and_then(Json::as_str) != Some("null"))
            .collect();
        let fitting: Vec<&Json> = resolved
            .iter()
            .copied()
            .filter(|b| {
                b.get("anyOf").is_some() || b.get("oneOf").is_some() || type_accepts(b, &node.value)
            })
            .collect();
        if fitting.is_empty() {
            let kinds: Vec<String> = resolved.iter().map(|b| expected_kinds(b)).collect();
            let mut kinds_unique: Vec<String> = Vec::new();
            for k in kinds {
                if !kinds_unique.contains(&k) {
                    kinds_unique.push(k);
                }
            }
            let expected = kinds_unique.join(" or ");
            out.push(wrong_type(node, &expected));
            return;
        }
        // Enums with documented variants come out as one `const` per branch:
        // report them together as "one of …".
        if fitting.iter().all(|b| allowed_values(b).is_some()) {
            let allowed: Vec<Json> = fitting
                .iter()
                .flat_map(|b| allowed_values(b).unwrap())
                .collect();
            return self.check_allowed(&allowed, node, out);
        }
        let mut best: Option<Vec<Diagnostic>> = None;
        for b in fitting {
            let mut errs = Vec::new();
            self.check(b, node, what, &[], &mut errs);
            if errs.is_empty() {
                return;
            }
            if best.as_ref().is_none_or(|e| errs.len() < e.len()) {
                best = Some(errs);
            }
        }
        out.extend(best.unwrap_or_default());
    }

    fn check_allowed(&self, allowed: &[Json], node: &Node, out: &mut Vec<Diagnostic>) {
        let json = node.to_json();
        if allowed.contains(&json) {
            return;
        }
        let names: Vec<String> = allowed
            .iter()
            .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
            .collect();
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = json
            .as_str()
            .and_then(|s| did_you_mean(s, names.iter().map(String::as_str)))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("use one of {list}"));
        out.push(
            Diagnostic::new(format!("invalid value {json}: expected one of {list}"))
                .at(node.span.clone(), "not an allowed value")
                .help(help),
        );
    }
}

fn wrong_type(node: &Node, expected: &str) -> Diagnostic {
    Diagnostic::new(format!(
        "wrong type: expected {expected}, found {}",
        node.value.kind()
    ))
    .at(node.span.clone(), format!("expected {expected}"))
}

fn article(what: &str) -> String {
    match what {
        "profile" => "the profile".into(),
        "services" => "a service".into(),
        "dev" => "`[dev]`".into(),
        "watch" => "a `[[watch]]` rule".into(),
        w => format!("`{w}`"),
    }
}

/// The values an enum-like schema allows, if it is one.
fn allowed_values(schema: &Json) -> Option<Vec<Json>> {
    if let Some(c) = schema.get("const") {
        return Some(vec![c.clone()]);
    }
    schema.get("enum").and_then(Json::as_array).cloned()
}

fn schema_types(schema: &Json) -> Vec<&str> {
    match schema.get("type") {
        Some(Json::String(s)) => vec![s.as_str()],
        Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).collect(),
        _ => {
            if let Some(values) = allowed_values(schema) {
                values
                    .iter()
                    .map(|v| match v {
                        Json::String(_) => "string",
                        Json::Number(_) => "number",
                        Json::Bool(_) => "boolean",
                        _ => "object",
                    })
                    .collect()
            } else {
                Vec::new()
            }
        }
    }
}

fn type_accepts(schema: &Json, value: &Value) -> bool {
    let types = schema_types(schema);
    if types.is_empty() {
        return true;
    }
    types.iter().any(|t| {
        matches!(
            (*t, value),
            ("string", Value::String(_))
                | ("integer", Value::Integer(_))
                | ("number", Value::Integer(_) | Value::Float(_))
                | ("boolean", Value::Boolean(_))
                | ("array", Value::Array(_))
                | ("object", Value::Table(_))
        )
    })
}

fn expected_kinds(schema: &Json) -> String {
    let names: Vec<&str> = schema_types(schema)
        .into_iter()
        .filter(|t| *t != "null")
        .map(|t| match t {
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "a boolean",
            "array" => "an array",
            "object" => "a table",
            _ => "a value",
        })
        .collect();
    if names.is_empty() {
        "a value".into()
    } else {
        names.join(" or ")
    }
}
