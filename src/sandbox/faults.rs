//! Fault injection: make the next matching request fail in a chosen way, for tests and demos.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use futures_util::StreamExt;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What an injected fault does to the request it catches.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultAction {
    /// Answer with this status, body and headers instead of handling the request (or, with
    /// `apply`, after handling it: a write that landed but whose answer is lost or wrong).
    Respond {
        status: u16,
        body: String,
        content_type: String,
        headers: Vec<(String, String)>,
        apply: bool,
    },
    /// Wait, then handle the request normally.
    Delay(Duration),
    /// Handle the request, announce the full `Content-Length`, send only `keep` bytes, close.
    TruncateBody { keep: usize },
    /// Handle the request, send `keep` bytes of a chunked body, then drop the connection.
    CloseMidBody { keep: usize },
    /// Handle the request, send the headers and `keep` bytes, go silent for `pause`, then
    /// send the rest.
    Stall { keep: usize, pause: Duration },
    /// Handle the request and send its body `chunk` bytes at a time, one chunk per `every`.
    Trickle { chunk: usize, every: Duration },
}

/// A one-shot fault: it catches the first request that matches and is then used up.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub method: Option<Method>,
    /// Matches when the request path contains this text.
    pub path_contains: Option<String>,
    pub action: FaultAction,
}

impl Fault {
    fn new(action: FaultAction) -> Self {
        Self {
            method: None,
            path_contains: None,
            action,
        }
    }

    /// Answer with `status` and a JSON `body`.
    pub fn status(status: u16, body: impl Into<String>) -> Self {
        Self::new(FaultAction::Respond {
            status,
            body: body.into(),
            content_type: "application/json".into(),
            headers: Vec::new(),
            apply: false,
        })
    }

    /// Answer with `status`, a body and an explicit content type (e.g. an HTML error page).
    pub fn raw(status: u16, content_type: &str, body: impl Into<String>) -> Self {
        Self::new(FaultAction::Respond {
            status,
            body: body.into(),
            content_type: content_type.into(),
            headers: Vec::new(),
            apply: false,
        })
    }

    pub fn delay(d: Duration) -> Self {
        Self::new(FaultAction::Delay(d))
    }

    pub fn truncate_body(keep: usize) -> Self {
        Self::new(FaultAction::TruncateBody { keep })
    }

    pub fn close_mid_body(keep: usize) -> Self {
        Self::new(FaultAction::CloseMidBody { keep })
    }

    pub fn stall(keep: usize, pause: Duration) -> Self {
        Self::new(FaultAction::Stall { keep, pause })
    }

    pub fn trickle(chunk: usize, every: Duration) -> Self {
        Self::new(FaultAction::Trickle { chunk, every })
    }

    /// Adds a response header (only for `status`/`raw` faults).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let FaultAction::Respond { headers, .. } = &mut self.action {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// Handle the request first, then answer as this `status`/`raw` fault says.
    pub fn after_applying(mut self) -> Self {
        if let FaultAction::Respond { apply, .. } = &mut self.action {
            *apply = true;
        }
        self
    }

    /// Only catch requests with this method.
    pub fn on(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// Only catch requests whose path contains `text`.
    pub fn at(mut self, text: &str) -> Self {
        self.path_contains = Some(text.into());
        self
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| path.contains(p))
    }
}

/// Faults waiting to fire, and a log of every request seen (method and path with query).
#[derive(Debug, Default)]
pub struct FaultBox {
    queue: Mutex<VecDeque<Fault>>,
    log: Mutex<Vec<(Method, String)>>,
}

impl FaultBox {
    pub fn push(&self, fault: Fault) {
        lock(&self.queue).push_back(fault);
    }

    fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut q = lock(&self.queue);
        let at = q.iter().position(|f| f.matches(method, path))?;
        q.remove(at)
    }

    pub fn requests(&self) -> Vec<(Method, String)> {
        lock(&self.log).clone()
    }

    pub fn pending(&self) -> usize {
        lock(&self.queue).len()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The outermost middleware: logs the request, then applies a matching fault, if any.
pub async fn middleware(State(faults): State<Arc<FaultBox>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    lock(&faults.log).push((method.clone(), path.clone()));
    let Some(fault) = faults.take(&method, &path) else {
        return next.run(req).await;
    };
    match fault.action {
        FaultAction::Respond {
            status,
            body,
            content_type,
            headers,
            apply,
        } => {
            if apply {
                let _ = next.run(req).await;
            }
            respond(status, body, &content_type, &headers)
        }
        FaultAction::Delay(d) => {
            tokio::time::sleep(d).await;
            next.run(req).await
        }
        FaultAction::TruncateBody { keep } => cut_body(next.run(req).await, keep, true).await,
        FaultAction::CloseMidBody { keep } => cut_body(next.run(req).await, keep, false).await,
        FaultAction::Stall { keep, pause } => {
            paced_body(next.run(req).await, keep, pause, usize::MAX).await
        }
        FaultAction::Trickle { chunk, every } => {
            paced_body(next.run(req).await, chunk, every, chunk).await
        }
    }
}

fn respond(
    status: u16,
    body: String,
    content_type: &str,
    headers: &[(String, String)],
) -> Response {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            resp.headers_mut().insert(n, v);
        }
    }
    resp
}

/// Replaces the body with its first `keep` bytes followed by an error, which makes hyper
/// drop the connection mid-body.
async fn cut_body(resp: Response, keep: usize, announce_length: bool) -> Response {
    let (mut parts, body) = resp.into_parts();
    let full = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let keep = keep.min(full.len().saturating_sub(1));
    let prefix = full.slice(..keep);
    // The error must come after a pause: hyper flushes what it has when the body is
    // pending, so the headers and the prefix really reach the client before the cut.
    let cut = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault",
        ))
    };
    let stream = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(prefix)])
        .chain(futures_util::stream::once(cut));
    parts.headers.remove(header::CONTENT_LENGTH);
    if announce_length {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(full.len()));
    }
    Response::from_parts(parts, Body::from_stream(stream))
}

/// Sends the first `first` bytes at once, then the rest `step` bytes at a time, waiting
/// `pause` before each later piece: a stalled or trickling body.
async fn paced_body(resp: Response, first: usize, pause: Duration, step: usize) -> Response {
    let (parts, body) = resp.into_parts();
    let full = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let first = first.min(full.len());
    let step = step.max(1);
    let head = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(full.slice(..first))]);
    let rest = futures_util::stream::unfold(first, move |at| {
        let full = full.clone();
        async move {
            if at >= full.len() {
                return None;
            }
            tokio::time::sleep(pause).await;
            let end = at.saturating_add(step).min(full.len());
            Some((Ok(full.slice(at..end)), end))
        }
    });
    Response::from_parts(parts, Body::from_stream(head.chain(rest)))
}
