//! Everything that can go wrong talking to the Records API, as data the app can act on.

use serde_json::Value;
use std::fmt;
use std::time::{Duration, SystemTime};

/// One problem the server reported about one field (400 `details[]` or 422 schema details).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorDetail {
    pub message: String,
    pub code: Option<String>,
    /// Dotted JSON path of the offending field, e.g. `name` or `metadata.seats`.
    pub path: Option<String>,
    pub suggestion: Option<String>,
    /// The bare metadata key (422 schema details carry it beside `path`).
    pub field: Option<String>,
}

/// The 422 body sent when a record breaks its collection's enforced schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaViolation {
    pub error: String,
    pub collection: Option<String>,
    pub schema_version: Option<i64>,
    pub record_id: Option<String>,
    pub record_name: Option<String>,
    pub details: Vec<ErrorDetail>,
}

/// A non-2xx body, parsed as far as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorBody {
    /// `{error, code?, details?}`: the generic shape of 400/401/403/404/409/429/500.
    Standard {
        error: String,
        code: Option<String>,
        details: Vec<ErrorDetail>,
    },
    /// The 422 collection-schema shape.
    Schema(Box<SchemaViolation>),
    /// A body that is not a JSON error object (an HTML error page, a proxy's text).
    Text(String),
    Empty,
}

/// Raw error text is kept short: it is for a human, and a misbehaving proxy may send megabytes.
const MAX_TEXT_BODY_CHARS: usize = 2000;

impl ErrorBody {
    /// Parses an error body: JSON objects into their known shapes, anything else as text.
    pub fn parse(bytes: &[u8]) -> Self {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Self::Empty;
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(obj)) => Self::from_object(&obj)
                .unwrap_or_else(|| Self::Text(truncate_chars(&String::from_utf8_lossy(bytes)))),
            _ => Self::Text(truncate_chars(&String::from_utf8_lossy(bytes))),
        }
    }

    fn from_object(obj: &serde_json::Map<String, Value>) -> Option<Self> {
        let error = obj.get("error").and_then(Value::as_str).map(str::to_owned);
        let details = obj
            .get("details")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(parse_detail).collect())
            .unwrap_or_default();
        let is_schema =
            error.as_deref() == Some("schema_validation_failed") || obj.contains_key("collection");
        if is_schema {
            return Some(Self::Schema(Box::new(SchemaViolation {
                error: error.unwrap_or_default(),
                collection: str_field(obj, "collection"),
                schema_version: obj.get("schemaVersion").and_then(Value::as_i64),
                record_id: str_field(obj, "recordId"),
                record_name: str_field(obj, "recordName"),
                details,
            })));
        }
        // Some proxies answer `{"message": "..."}`; that is still better shown than dumped.
        let error = error.or_else(|| str_field(obj, "message"))?;
        Some(Self::Standard {
            error,
            code: str_field(obj, "code"),
            details,
        })
    }

    /// The human-readable headline of the body.
    pub fn message(&self) -> &str {
        match self {
            Self::Standard { error, .. } => error,
            Self::Schema(s) => &s.error,
            Self::Text(t) => t,
            Self::Empty => "",
        }
    }

    /// The per-field details, from either JSON shape.
    pub fn details(&self) -> &[ErrorDetail] {
        match self {
            Self::Standard { details, .. } => details,
            Self::Schema(s) => &s.details,
            Self::Text(_) | Self::Empty => &[],
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Standard { code, .. } => code.as_deref(),
            _ => None,
        }
    }
}

fn str_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn parse_detail(item: &Value) -> Option<ErrorDetail> {
    let obj = item.as_object()?;
    Some(ErrorDetail {
        message: str_field(obj, "message").unwrap_or_default(),
        code: str_field(obj, "code"),
        path: str_field(obj, "path"),
        suggestion: str_field(obj, "suggestion"),
        field: str_field(obj, "field"),
    })
}

fn truncate_chars(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_BODY_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Which part of a request ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutPhase {
    Connect,
    /// No byte arrived for the read timeout, or the whole request exceeded the total timeout.
    Response,
}

impl fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "while connecting",
            Self::Response => "waiting for the response",
        })
    }
}

/// How a 2xx body failed to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MalformedKind {
    /// Not JSON at all (often an HTML page from a proxy or a wrong base URL).
    NotJson,
    /// Valid JSON that stops before it is complete.
    Incomplete,
    /// Valid JSON of the wrong shape (a missing `id`, a string where a number belongs).
    WrongShape,
    /// Nested deeper than the decoder allows; refused rather than risking the stack.
    TooDeep,
}

impl fmt::Display for MalformedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotJson => "not JSON",
            Self::Incomplete => "incomplete JSON",
            Self::WrongShape => "unexpected shape",
            Self::TooDeep => "nested too deeply",
        })
    }
}

/// A failed API call. The API key never appears in any of these.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("cannot connect to {host}: {detail}")]
    Connect { host: String, detail: String },
    #[error("timed out {phase}")]
    Timeout { phase: TimeoutPhase },
    #[error("TLS failed with {host}: {detail}")]
    Tls { host: String, detail: String },
    #[error("network error: {detail}")]
    Transport { detail: String },
    #[error("HTTP {status}: {}", describe_body(body))]
    Http {
        status: u16,
        body: ErrorBody,
        /// How long the server asked us to wait (`Retry-After` and friends), if it said.
        retry_after: Option<Duration>,
    },
    #[error("the response was cut off after {received} bytes{}", expected.map(|e| format!(" of {e}")).unwrap_or_default())]
    Truncated {
        received: u64,
        expected: Option<u64>,
    },
    #[error("the response could not be read ({kind}): {detail}")]
    Malformed { kind: MalformedKind, detail: String },
    #[error("the response is larger than the {limit}-byte limit")]
    TooLarge { limit: u64 },
    #[error("refusing {url}: {reason}")]
    InsecureUrl { url: String, reason: String },
    /// `url` is only what may be shown of it (scheme, host, port): it may hold credentials.
    #[error("invalid base URL {url}: {detail}")]
    InvalidUrl { url: String, detail: String },
    /// The key itself cannot be used; it is never quoted.
    #[error("the API key cannot be used: {reason}")]
    InvalidKey { reason: String },
    #[error("rate limited until {}", httpdate::fmt_http_date(*until))]
    RateLimited { until: SystemTime, status: u16 },
    #[error("cannot write the export: {detail}")]
    Write { detail: String },
}

fn describe_body(body: &ErrorBody) -> String {
    match body {
        ErrorBody::Empty => "(no body)".to_owned(),
        other => other.message().to_owned(),
    }
}

impl ApiError {
    /// The HTTP status, for errors that carry one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. } | Self::RateLimited { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The parsed error body, for HTTP errors.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Self::Http { body, .. } => Some(body),
            _ => None,
        }
    }

    /// True when nothing reached the server or nothing came back: the request may or may not
    /// have been applied, so a write must be verified by reading back, never re-sent blindly.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Self::Timeout { .. } | Self::Transport { .. } | Self::Truncated { .. }
        )
    }

    /// True unless the server clearly refused the write: besides an unknown outcome, a 5xx
    /// may come after the write was stored, and an unreadable 2xx body follows a stored one.
    pub fn write_may_have_landed(&self) -> bool {
        self.outcome_unknown()
            || matches!(self, Self::Malformed { .. } | Self::TooLarge { .. })
            || matches!(self, Self::Http { status, .. } if *status >= 500)
    }
}
