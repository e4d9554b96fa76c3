//! The config hash: what decides whether a container is recreated. Each key
//! that needs a new container when it changes is hashed on its own, so the
//! diff can tell the user which keys changed; the config hash is the hash of
//! those. Keys are hashed from canonical JSON (sorted maps), so the hash is
//! deterministic across runs and machines.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub fn hex_digest(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Short hash of one key's value.
pub fn key_hash(value: &impl Serialize) -> String {
    let json = serde_json::to_vec(value).expect("plan values always serialize");
    hex_digest(&json)[..12].to_string()
}

/// The config hash over all key hashes.
pub fn config_hash(keys: &BTreeMap<String, String>) -> String {
    let joined: String = keys.iter().map(|(k, v)| format!("{k}={v};")).collect();
    hex_digest(joined.as_bytes())[..16].to_string()
}

/// The label form of the key hashes: `command=…,env=…`.
pub fn encode_keys(keys: &BTreeMap<String, String>) -> String {
    keys.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_keys(label: &str) -> BTreeMap<String, String> {
    label
        .split(',')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_the_label() {
        let keys = BTreeMap::from([
            ("env".to_string(), key_hash(&"a")),
            ("image".to_string(), key_hash(&"b")),
        ]);
        assert_eq!(decode_keys(&encode_keys(&keys)), keys);
        assert_eq!(config_hash(&keys).len(), 16);
        assert_ne!(key_hash(&"a"), key_hash(&"b"));
    }
}
