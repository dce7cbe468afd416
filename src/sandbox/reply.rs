//! Response helpers: JSON bodies, the API's error shapes, and body parsing.

use super::validate::Detail;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// An error answer, kept small (a status and a JSON body) until it is sent.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    body: Value,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        json_at(self.status, self.body)
    }
}

/// Handlers return either a finished response or a failure to send.
pub type Reply = Result<Response, Failure>;

fn fail(status: StatusCode, body: Value) -> Failure {
    Failure { status, body }
}

pub fn json_at(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub fn ok(body: Value) -> Reply {
    Ok(json_at(StatusCode::OK, body))
}

/// `{error}` with a status.
pub fn error(status: StatusCode, message: impl Into<String>) -> Failure {
    fail(status, json!({ "error": message.into() }))
}

/// 400 `{error, details[]}`.
pub fn invalid(details: Vec<Detail>) -> Failure {
    let details: Vec<Value> = details.iter().map(Detail::to_json).collect();
    fail(
        StatusCode::BAD_REQUEST,
        json!({ "error": "Validation failed", "code": "invalid_request", "details": details }),
    )
}

pub fn not_found(what: &str) -> Failure {
    error(StatusCode::NOT_FOUND, format!("{what} not found"))
}

/// A storage failure: 500 with the API's write/read failure codes.
pub fn storage(e: &rusqlite::Error, writing: bool) -> Failure {
    let code = if writing {
        "record_write_failed"
    } else {
        "record_read_failed"
    };
    fail(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({ "error": format!("storage error: {e}"), "code": code }),
    )
}

/// The blocking task died (only on panic); reported rather than hanging the client.
pub fn crashed() -> Failure {
    error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

/// Parses a JSON object body. Malformed JSON is a 400, never a 500.
pub fn object_body(bytes: &[u8]) -> Result<Map<String, Value>, Failure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(error(
            StatusCode::BAD_REQUEST,
            "The request body must be a JSON object",
        )),
        Err(e) => Err(error(
            StatusCode::BAD_REQUEST,
            format!("Malformed JSON body: {e}"),
        )),
    }
}
