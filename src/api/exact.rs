//! Numbers exactly as the server spelled them. serde_json (with `arbitrary_precision`) keeps
//! every digit but re-spells exponents when it parses (`1E+2` becomes `1e+2`, `1e400` becomes
//! `1e+400`), so an untouched value would go back changed. The raw text puts them back.

use super::types::{Metadata, Record};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Number, Value};
use std::collections::HashMap;

/// True when a parsed number may have been re-spelled: only exponents are.
fn respelled(n: &Number) -> bool {
    n.as_str().contains(['e', 'E'])
}

fn has_exponent(value: &Value) -> bool {
    match value {
        Value::Number(n) => respelled(n),
        Value::Array(items) => items.iter().any(has_exponent),
        Value::Object(map) => map.values().any(has_exponent),
        _ => false,
    }
}

/// Gives `value`'s numbers the spelling they have in `raw` (the same value's JSON text).
/// Only the parts that hold an exponent are looked at again, so the common case costs a scan.
pub fn respell(value: &mut Value, raw: &RawValue) {
    match value {
        Value::Number(n) if respelled(n) => {
            let text = raw.get().trim();
            if text != n.as_str() && text.parse::<Number>().is_ok_and(|p| p == *n) {
                // The only way to hold a spelling that serde_json's scanner would change;
                // serialising writes the text as it is.
                *n = Number::from_string_unchecked(text.to_owned());
            }
        }
        Value::Array(items) if items.iter().any(has_exponent) => {
            if let Ok(raws) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
                for (item, raw) in items.iter_mut().zip(raws) {
                    respell(item, raw);
                }
            }
        }
        Value::Object(map) => respell_map(map, raw),
        _ => {}
    }
}

/// [`respell`] for an object's entries.
pub fn respell_map(map: &mut serde_json::Map<String, Value>, raw: &RawValue) {
    if !map.values().any(has_exponent) {
        return;
    }
    if let Ok(raws) = serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()) {
        for (key, value) in map.iter_mut() {
            if let Some(raw) = raws.get(key) {
                respell(value, raw);
            }
        }
    }
}

/// The raw `metadata` of a record body, which may be wrapped in `{"data": ...}`.
#[derive(Deserialize)]
struct RawRecord<'a> {
    #[serde(borrow, default)]
    metadata: Option<&'a RawValue>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// Puts the server's spelling back into a record's metadata, from the body it came in.
pub fn respell_record(record: &mut Record, body: &[u8]) {
    if !record.metadata.values().any(has_exponent) {
        return;
    }
    let Ok(raw) = serde_json::from_slice::<RawRecord<'_>>(body) else {
        return;
    };
    let metadata = match (raw.metadata, raw.data) {
        (Some(m), _) => Some(m),
        (None, Some(data)) => serde_json::from_str::<RawRecord<'_>>(data.get())
            .ok()
            .and_then(|r| r.metadata),
        (None, None) => None,
    };
    if let Some(m) = metadata {
        respell_map(&mut record.metadata, m);
    }
}

/// For metadata decoded from `raw` (its JSON text).
pub fn respell_metadata(metadata: &mut Metadata, raw: &RawValue) {
    respell_map(metadata, raw);
}

/// Equal as JSON, whoever spelled the numbers: `1E+2` is `1e+2`. A server may store numbers
/// re-spelled, and that is not a change anyone made. (`100` and `1e2` stay different: a
/// server that turns one into the other did change the text.)
pub fn same_value(a: &Value, b: &Value) -> bool {
    a == b || (has_exponent(a) && has_exponent(b) && respelled_form(a) == respelled_form(b))
}

/// [`same_value`] for optional values (an absent key equals only an absent key).
pub fn same_opt(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// [`same_value`] over whole metadata objects, key order included.
pub fn same_metadata(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && same_value(va, vb))
}

fn respelled_form(v: &Value) -> Option<Value> {
    serde_json::to_string(v)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_keep_their_spelling_and_the_rest_is_untouched() {
        let body = br#"{"id":"r","type":"t","name":"n","createdAt":"c","updatedAt":"u",
            "metadata":{"e":1E+2,"huge":1e400,"neg":-2.5E-3,"z":-0,"d":1.50,"s":"1E+2",
                        "nested":{"list":[1,2E5,{"x":3e0}]}}}"#;
        let mut record: Record = serde_json::from_slice(body).expect("record");
        assert_eq!(
            record.metadata["e"].to_string(),
            "1e+2",
            "serde_json re-spells"
        );
        respell_record(&mut record, body);
        let sent = serde_json::to_string(&record.metadata).expect("json");
        assert_eq!(
            sent,
            r#"{"e":1E+2,"huge":1e400,"neg":-2.5E-3,"z":-0,"d":1.50,"s":"1E+2","nested":{"list":[1,2E5,{"x":3e0}]}}"#
        );
        let wrapped = br#"{"data":{"metadata":{"e":1E+2}}}"#;
        let mut r2 = record.clone();
        r2.metadata = serde_json::from_str(r#"{"e":1E+2}"#).expect("map");
        respell_record(&mut r2, wrapped);
        assert_eq!(
            serde_json::to_string(&r2.metadata).ok().as_deref(),
            Some(r#"{"e":1E+2}"#)
        );
        let normal: Metadata = serde_json::from_str(r#"{"e":1E+2}"#).expect("map");
        assert!(
            same_metadata(&r2.metadata, &normal),
            "only the spelling differs"
        );
        let hundred: Metadata = serde_json::from_str(r#"{"e":100}"#).expect("map");
        assert!(!same_metadata(&r2.metadata, &hundred));
    }
}
