//! Secret values never leave the process in clear: every line itp-dev
//! prints or emits (results, status, warnings, errors, events, progress)
//! passes through `apply`. The values are registered as soon as a profile
//! is loaded. What a user's own command prints through `exec` or `shell`
//! is theirs and passes untouched.
//!
//! Some values are not masked in free text, as masking them everywhere
//! would mangle the output (`✓ ******** network`, `"host_port":********`)
//! while hiding little: values shorter than 4 characters, numbers,
//! booleans, and the words itp-dev itself prints (`running`, `healthy`…).
//! A secret that is a line of a longer one (a key file) is masked line by
//! line too. Documents are masked string by string (`leaves`), so JSON,
//! YAML and TOML stay valid.

use std::borrow::Cow;
use std::sync::RwLock;

use crate::plan::MASK;

/// The shortest value masked in free text.
pub const MIN_LEN: usize = 4;

static VALUES: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Words itp-dev prints itself: a secret equal to one is left alone.
const OWN_WORDS: [&str; 24] = [
    "true",
    "false",
    "null",
    "none",
    "running",
    "healthy",
    "unhealthy",
    "starting",
    "created",
    "exited",
    "stopped",
    "paused",
    "restarting",
    "removed",
    "started",
    "completed",
    "network",
    "volume",
    "image",
    "service",
    "services",
    "event",
    "begin",
    "/workspace",
];

/// Whether `v` can be masked in free text without mangling it.
fn maskable(v: &str) -> bool {
    let t = v.trim();
    t.len() >= MIN_LEN
        && !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && !OWN_WORDS.contains(&t.to_ascii_lowercase().as_str())
        && !matches!(t.to_ascii_lowercase().as_str(), "yes" | "off")
}

/// Adds values to mask (each also as it appears inside a JSON string; a
/// value of several lines also line by line).
pub fn register(values: impl IntoIterator<Item = String>) {
    let mut all = VALUES.write().unwrap_or_else(|e| e.into_inner());
    let values: Vec<String> = values
        .into_iter()
        .flat_map(|v| {
            let mut parts: Vec<String> = v
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| l.len() < v.len())
                .collect();
            parts.push(v);
            parts
        })
        .collect();
    for v in values.into_iter().filter(|v| maskable(v)) {
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
        register([
            "18701".to_string(),
            "running".to_string(),
            "-----BEGIN KEY-----\nkeyline-KKK1\n-----END KEY-----".to_string(),
        ]);
        assert_eq!(apply("port 18701 is running"), "port 18701 is running");
        assert_eq!(apply("keyline-KKK1"), MASK);
        let json = serde_json::json!({ "line": "pw q\"uote-pass" }).to_string();
        assert!(!apply(&json).contains("uote-pass"), "{}", apply(&json));
    }
}
