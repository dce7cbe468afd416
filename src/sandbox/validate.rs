//! Request validation exactly as the API documents it, and metadata key normalisation.

use serde_json::{Map, Value, json};

pub const NAME_MAX: usize = 500;
pub const TYPE_MAX: usize = 255;

/// One entry of a 400 body's `details`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub path: String,
    pub code: &'static str,
    pub message: String,
}

impl Detail {
    pub fn new(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code,
            message: message.into(),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({ "path": self.path, "code": self.code, "message": self.message })
    }
}

/// The writable fields of a create or update body. `Option<Option<_>>` is absent / null / set.
#[derive(Debug, Default)]
pub struct WriteFields {
    pub record_type: Option<String>,
    pub name: Option<String>,
    pub metadata: Option<Map<String, Value>>,
    pub messages: Option<Option<Value>>,
    pub owner_id: Option<Option<String>>,
}

/// Checks a create (`creating`) or update body, collecting every problem rather than the first.
pub fn parse_write(body: &Map<String, Value>, creating: bool) -> Result<WriteFields, Vec<Detail>> {
    let mut details = Vec::new();
    let record_type = bounded_string(body, "type", TYPE_MAX, creating, &mut details);
    let name = bounded_string(body, "name", NAME_MAX, creating, &mut details);
    let metadata = match body.get("metadata") {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m.clone()),
        Some(_) => {
            details.push(Detail::new(
                "metadata",
                "INVALID_TYPE",
                "metadata must be an object",
            ));
            None
        }
    };
    let messages = match body.get("messages") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::Array(items)) => {
            check_messages(items, &mut details);
            Some(Some(Value::Array(items.clone())))
        }
        Some(_) => {
            details.push(Detail::new(
                "messages",
                "INVALID_TYPE",
                "messages must be an array or null",
            ));
            None
        }
    };
    let owner_id = match body.get("ownerId") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s.clone())),
        Some(_) => {
            details.push(Detail::new(
                "ownerId",
                "INVALID_TYPE",
                "ownerId must be a string or null",
            ));
            None
        }
    };
    if details.is_empty() {
        Ok(WriteFields {
            record_type,
            name,
            metadata,
            messages,
            owner_id,
        })
    } else {
        Err(details)
    }
}

fn bounded_string(
    body: &Map<String, Value>,
    field: &'static str,
    max: usize,
    required: bool,
    details: &mut Vec<Detail>,
) -> Option<String> {
    let limit = format!("{field} must be 1-{max} characters");
    match body.get(field) {
        None | Some(Value::Null) if required => {
            details.push(Detail::new(
                field,
                "MISSING_REQUIRED_FIELD",
                format!("{field} is required; {limit}"),
            ));
            None
        }
        None => None,
        Some(Value::String(s)) => {
            // The API counts Unicode scalar values, not bytes or UTF-16 units.
            let n = s.chars().count();
            if n == 0 || n > max {
                details.push(Detail::new(
                    field,
                    "INVALID_LENGTH",
                    format!("{limit} (got {n})"),
                ));
                None
            } else {
                Some(s.clone())
            }
        }
        Some(_) => {
            details.push(Detail::new(
                field,
                "INVALID_TYPE",
                format!("{field} must be a string"),
            ));
            None
        }
    }
}

fn check_messages(items: &[Value], details: &mut Vec<Detail>) {
    for (i, item) in items.iter().enumerate() {
        let ok = match item {
            Value::String(_) => true,
            Value::Object(o) => {
                o.get("role").is_some_and(Value::is_string)
                    && o.get("content")
                        .is_some_and(|c| c.is_string() || c.is_array())
            }
            _ => false,
        };
        if !ok {
            details.push(Detail::new(
                format!("messages[{i}]"),
                "INVALID_TYPE",
                "a message must be {role, content} with string or array content",
            ));
        }
    }
}

/// Keys with whitespace are stored as lower-case snake_case (`Tier Level` -> `tier_level`),
/// as the live API reports with `KEY_RENAMED` warnings. A renamed key replaces an existing one.
pub fn normalise_keys(metadata: Map<String, Value>) -> (Map<String, Value>, Vec<Value>) {
    let mut out = Map::new();
    let mut warnings = Vec::new();
    for (key, value) in metadata {
        if key.chars().any(char::is_whitespace) {
            let to = key
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("_")
                .to_lowercase();
            warnings.push(json!({ "code": "KEY_RENAMED", "from": key, "to": to }));
            out.insert(to, value);
        } else {
            out.insert(key, value);
        }
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[rstest]
    #[case::ascii_max("a".repeat(500), true)]
    #[case::ascii_over("a".repeat(501), false)]
    #[case::accents_max("é".repeat(500), true)]
    #[case::accents_over("é".repeat(501), false)]
    #[case::emoji_max("😀".repeat(500), true)]
    #[case::emoji_over("😀".repeat(501), false)]
    #[case::empty(String::new(), false)]
    fn name_length_counts_scalar_values(#[case] name: String, #[case] ok: bool) {
        let r = parse_write(&body(json!({"type": "t", "name": name})), true);
        assert_eq!(r.is_ok(), ok);
    }

    #[test]
    fn reports_every_bad_field() {
        let err = parse_write(
            &body(json!({"name": "", "type": "x".repeat(256), "metadata": [1]})),
            true,
        )
        .expect_err("invalid");
        let paths: Vec<&str> = err.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["type", "name", "metadata"]);
    }

    #[test]
    fn update_fields_are_optional_but_null_owner_is_kept() {
        let w = parse_write(&body(json!({"ownerId": null})), false).expect("valid");
        assert_eq!(w.owner_id, Some(None));
        assert!(w.name.is_none() && w.record_type.is_none() && w.metadata.is_none());
    }

    #[test]
    fn renames_keys_with_spaces() {
        let (m, w) = normalise_keys(body(json!({"Tier Level": "pro", "ok": 1})));
        assert_eq!(Value::Object(m), json!({"tier_level": "pro", "ok": 1}));
        assert_eq!(
            w,
            vec![json!({"code": "KEY_RENAMED", "from": "Tier Level", "to": "tier_level"})]
        );
    }
}
