//! Secret values never leave the process in clear: every line itp-dev
//! prints or emits (results, status, warnings, errors, events, progress)
//! passes through `apply`. The values are registered as soon as a profile
//! is loaded. What a user's own command prints through `exec` or `shell`
//! is theirs and passes untouched.
//!
//! Values shorter than 4 characters are not masked in free text: masking
//! `dev` or `1234`-like words everywhere would mangle the output.

use std::borrow::Cow;
use std::sync::RwLock;

use crate::plan::MASK;

/// The shortest value masked in free text.
pub const MIN_LEN: usize = 4;

static VALUES: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Adds values to mask (each also as it appears inside a JSON string).
pub fn register(values: impl IntoIterator<Item = String>) {
    let mut all = VALUES.write().unwrap_or_else(|e| e.into_inner());
    for v in values.into_iter().filter(|v| v.len() >= MIN_LEN) {
        let json = serde_json::to_string(&v).expect("a string serializes");
        let escaped = json[1..json.len() - 1].to_string();
        if escaped != v {
            all.push(escaped);
        }
        all.push(v);
    }
    // Longest first, so a value inside another is not half-masked.
    all.sort_by_key(|v| std::cmp::Reverse(v.len()));
    all.dedup();
}

/// `text` with every registered value replaced by the mask.
pub fn apply(text: &str) -> Cow<'_, str> {
    let values = VALUES.read().unwrap_or_else(|e| e.into_inner());
    if !values.iter().any(|v| text.contains(v.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for v in values.iter() {
        if out.contains(v.as_str()) {
            out = out.replace(v.as_str(), MASK);
        }
    }
    Cow::Owned(out)
}

/// Every string in a document masked, its structure kept (masking the
/// printed text could break YAML or TOML around a mask).
pub fn leaves(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let Cow::Owned(m) = apply(s) {
                *s = m;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(leaves),
        serde_json::Value::Object(o) => o.values_mut().for_each(leaves),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_masked_in_text_and_in_json_but_short_ones_are_not() {
        register([
            "s3cr3t-value".to_string(),
            "abc".to_string(),
            "q\"uote-pass".to_string(),
        ]);
        assert_eq!(apply("db says s3cr3t-value!"), format!("db says {MASK}!"));
        assert_eq!(apply("abc stays"), "abc stays");
        let json = serde_json::json!({ "line": "pw q\"uote-pass" }).to_string();
        assert!(!apply(&json).contains("uote-pass"), "{}", apply(&json));
    }
}
