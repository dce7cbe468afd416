//! Reading response bodies under a size cap, and decoding them with errors that say what broke.

use super::error::{ApiError, MalformedKind};
use bytes::{Bytes, BytesMut};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads the whole body, failing as soon as it passes `cap` bytes so a hostile or broken
/// server cannot make us buffer without bound.
pub async fn read_capped(mut resp: reqwest::Response, cap: u64) -> Result<Bytes, ApiError> {
    let expected = resp.content_length();
    if expected.is_some_and(|len| len > cap) {
        return Err(ApiError::TooLarge { limit: cap });
    }
    let mut buf = BytesMut::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if buf.len() as u64 + chunk.len() as u64 > cap {
                    return Err(ApiError::TooLarge { limit: cap });
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(buf.freeze()),
            Err(e) => return Err(body_error(&e, buf.len() as u64, expected)),
        }
    }
}

/// Maps an error raised while the body was streaming.
pub fn body_error(e: &reqwest::Error, received: u64, expected: Option<u64>) -> ApiError {
    if e.is_timeout() {
        ApiError::Timeout {
            phase: super::error::TimeoutPhase::Response,
        }
    } else {
        ApiError::Truncated { received, expected }
    }
}

/// serde_json's own recursion limit refuses deep nesting; we only name it.
fn is_depth_error(e: &serde_json::Error) -> bool {
    e.to_string().contains("recursion limit")
}

/// Decodes an already-parsed value into a typed shape.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| ApiError::Malformed {
        kind: MalformedKind::WrongShape,
        detail: e.to_string(),
    })
}

/// Parses bytes into a JSON value with a named failure.
pub fn parse_value(bytes: &[u8], content_type: &str) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| syntax_error(&e, content_type))
}

/// Valid-looking JSON the decoder still refuses, said in words with where it is: invalid
/// UTF-8, a lone surrogate escape, nesting past the limit. `None` for other errors.
pub fn undecodable_text(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let what = if is_depth_error(e) {
        "it is nested deeper than 128 levels"
    } else if text.contains("surrogate") || text.contains("hex escape") {
        "it holds a lone UTF-16 surrogate (a \\ud800-style escape), which is not text"
    } else if text.contains("unicode code point") || text.contains("UTF-8") {
        "it holds bytes that are not valid UTF-8"
    } else {
        return None;
    };
    Some(format!("{what} (line {}, column {})", e.line(), e.column()))
}

fn syntax_error(e: &serde_json::Error, content_type: &str) -> ApiError {
    use serde_json::error::Category;
    let kind = if is_depth_error(e) {
        MalformedKind::TooDeep
    } else if e.classify() == Category::Eof {
        MalformedKind::Incomplete
    } else {
        MalformedKind::NotJson
    };
    let hint = if content_type.contains("html") {
        " (the server sent an HTML page: is the base URL right?)"
    } else {
        ""
    };
    let detail = match undecodable_text(e) {
        Some(reason) => reason,
        None => format!("{e}{hint}"),
    };
    ApiError::Malformed { kind, detail }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn decode<T: DeserializeOwned>(bytes: &[u8], content_type: &str) -> Result<T, ApiError> {
        from_value(parse_value(bytes, content_type)?)
    }

    #[rstest]
    #[case::html(b"<html><body>Bad gateway</body></html>".as_slice(), MalformedKind::NotJson)]
    #[case::prefix_then_eof(br#"{"data": [ {"id": "a"#.as_slice(), MalformedKind::Incomplete)]
    #[case::empty(b"".as_slice(), MalformedKind::Incomplete)]
    fn names_syntax_failures(#[case] body: &[u8], #[case] kind: MalformedKind) {
        match decode::<Value>(body, "text/html") {
            Err(ApiError::Malformed { kind: k, .. }) => assert_eq!(k, kind),
            other => panic!("expected Malformed({kind:?}), got {other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let body = "[".repeat(10_000) + &"]".repeat(10_000);
        match decode::<Value>(body.as_bytes(), "application/json") {
            Err(ApiError::Malformed { kind, .. }) => assert_eq!(kind, MalformedKind::TooDeep),
            other => panic!("expected TooDeep, got {other:?}"),
        }
    }

    #[test]
    fn wrong_shape_is_its_own_kind() {
        #[derive(serde::Deserialize, Debug)]
        struct NeedsId {
            id: String,
        }
        match decode::<NeedsId>(br#"{"name": "x"}"#, "application/json") {
            Err(ApiError::Malformed { kind, .. }) => assert_eq!(kind, MalformedKind::WrongShape),
            Ok(v) => panic!("expected WrongShape, decoded id {}", v.id),
            Err(other) => panic!("expected WrongShape, got {other:?}"),
        }
    }
}
