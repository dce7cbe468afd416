//! The Records API client: one method per endpoint, with timeouts, retries and size caps.

use super::body::{self, from_value, parse_value, read_capped};
use super::error::{ApiError, ErrorBody, TimeoutPhase};
use super::retry::{RetryPolicy, is_retryable_status, server_wait};
use super::secret::ApiKey;
use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, RequestBuilder, Response, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::time::{Duration, SystemTime};

/// Timeouts, caps and retry settings. The defaults suit an interactive tool: a dead server is
/// reported within seconds, not minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    pub connect_timeout: Option<Duration>,
    /// Longest silence while waiting for bytes.
    pub read_timeout: Option<Duration>,
    /// Longest a whole request may take.
    pub total_timeout: Option<Duration>,
    /// Bodies larger than this are refused while streaming.
    pub max_body_bytes: u64,
    /// How long an unused connection stays open for reuse; `None` closes it at once.
    pub pool_idle_timeout: Option<Duration>,
    pub retry: RetryPolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Some(Duration::from_secs(5)),
            read_timeout: Some(Duration::from_secs(15)),
            total_timeout: Some(Duration::from_secs(30)),
            max_body_bytes: 32 * 1024 * 1024,
            pool_idle_timeout: Some(Duration::from_secs(90)),
            retry: RetryPolicy::default(),
        }
    }
}

/// Error bodies are read for their message only; no need to buffer a huge one.
const MAX_ERROR_BODY_BYTES: u64 = 64 * 1024;

/// A typed client for `/v1/records`.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    auth: HeaderValue,
    key: ApiKey,
    config: ClientConfig,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("key", &self.key)
            .field("config", &self.config)
            .finish()
    }
}

/// Checks a base URL before anything is sent to it: https anywhere, http only to loopback,
/// no credentials in the URL.
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let invalid = |detail: &str| ApiError::InvalidUrl {
        url: shown_url(raw),
        detail: detail.to_owned(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "credentials in the URL are not supported; set RUNTYPE_API_KEY instead",
        ));
    }
    // A query or fragment would ride along on every request (and into file names); one that
    // holds a key must not, and a base URL has no use for either.
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "a base URL takes no ?query or #fragment; put the key in RUNTYPE_API_KEY",
        ));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(ApiError::InsecureUrl {
            url: shown_url(raw),
            reason: "plain http:// would send the API key unencrypted; use https://, \
                     or http:// only to a loopback address (127.0.0.1, ::1, localhost)"
                .to_owned(),
        }),
        other => Err(invalid(&format!(
            "unsupported scheme {other}:; use https://"
        ))),
    }
}

/// What may be shown of a base URL in a message: scheme, host and port. Userinfo, path and
/// query are left out (they can hold a key), and an unparseable URL is not shown at all.
pub fn shown_url(raw: &str) -> String {
    let Ok(url) = Url::parse(raw.trim()) else {
        return "(not shown: it is not a URL)".to_owned();
    };
    let hidden = if url.username().is_empty() && url.password().is_none() {
        ""
    } else {
        "…@"
    };
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let rest = if url.query().is_some() {
        "/…?…"
    } else {
        ""
    };
    match url.host_str() {
        Some(host) => format!("{}://{hidden}{host}{port}{rest}", url.scheme()),
        None => format!("{}:…", url.scheme()),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl Client {
    /// A client with the default configuration.
    pub fn new(base_url: &str, key: ApiKey) -> Result<Self, ApiError> {
        Self::with_config(base_url, key, ClientConfig::default())
    }

    pub fn with_config(
        base_url: &str,
        key: ApiKey,
        config: ClientConfig,
    ) -> Result<Self, ApiError> {
        let base = check_base_url(base_url)?;
        let mut auth =
            HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                ApiError::InvalidKey {
                    reason: "it contains a line break or another control character, which \
                             cannot be sent in an HTTP header (is the key file or variable \
                             holding more than the key?)"
                        .into(),
                }
            })?;
        // Marked sensitive so HTTP/2 never indexes it and reqwest's Debug hides it.
        auth.set_sensitive(true);
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!(
                "runtype-tui/",
                env!("CARGO_PKG_VERSION"),
                " (rust)"
            ))
            // A redirect could carry the key to another origin; a 3xx is reported instead.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(config.pool_idle_timeout);
        if base.scheme() == "http" {
            // Plain http is only allowed to loopback and never uses TLS: skipping the system
            // certificate verifier takes milliseconds off every start (the sandbox's case).
            builder = builder.tls_certs_only(Vec::<reqwest::Certificate>::new());
        }
        if let Some(t) = config.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = config.read_timeout {
            builder = builder.read_timeout(t);
        }
        if let Some(t) = config.total_timeout {
            builder = builder.timeout(t);
        }
        let http = builder.build().map_err(|e| ApiError::Tls {
            host: base.host_str().unwrap_or_default().to_owned(),
            detail: source_chain(&e),
        })?;
        Ok(Self {
            http,
            base,
            auth,
            key,
            config,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The key, masked: safe to show.
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// The request as it would be sent to `records/{segments...}`, for inspection. Its `Debug`
    /// shows the `Authorization` header as sensitive, never the key.
    pub fn prepare(&self, method: Method, segments: &[&str]) -> Result<reqwest::Request, ApiError> {
        self.builder(method, self.endpoint(segments, &[]), None)
            .build()
            .map_err(|e| self.transport_error(&e))
    }

    /// `{base}/records/{segments...}?{query}`, every segment percent-encoded.
    pub(super) fn endpoint(&self, segments: &[&str], query: &[(&'static str, String)]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().push("records").extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    pub(super) fn builder(&self, method: Method, url: Url, json: Option<&Bytes>) -> RequestBuilder {
        let req = self
            .http
            .request(method, url)
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, "application/json");
        match json {
            Some(body) => req
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone()),
            None => req,
        }
    }

    /// Text from a server or an error, with the key masked wherever it appears (a hostile
    /// server may echo the `Authorization` header back in an error body).
    pub fn redact(&self, text: &str) -> String {
        let key = self.key.expose();
        if key.is_empty() {
            return text.to_owned();
        }
        text.replace(key, &self.key.masked())
    }

    /// One attempt: a non-2xx answer becomes `ApiError::Http` with its body parsed. Logged
    /// by method, path, status and duration; never a header.
    pub(super) async fn attempt(&self, req: RequestBuilder) -> Result<Response, ApiError> {
        let req = req.build().map_err(|e| self.transport_error(&e))?;
        let (method, path) = (req.method().clone(), req.url().path().to_owned());
        let started = std::time::Instant::now();
        let sent = self.http.execute(req).await;
        let ms = started.elapsed().as_millis();
        let resp = match sent {
            Ok(resp) => resp,
            Err(e) => {
                let err = self.transport_error(&e);
                let error = self.redact(&err.to_string());
                tracing::debug!(%method, path, ms, error, "request failed");
                return Err(err);
            }
        };
        tracing::debug!(%method, path, status = resp.status().as_u16(), ms, "request");
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status().as_u16();
        let retry_after = server_wait(resp.headers(), SystemTime::now());
        let body = read_capped(resp, MAX_ERROR_BODY_BYTES.min(self.config.max_body_bytes))
            .await
            // A server that echoes the request (an auth error quoting the header, say) must not
            // put the key on screen: every error body is masked before anything reads it.
            .map(|b| ErrorBody::parse(self.redact(&String::from_utf8_lossy(&b)).as_bytes()))
            .unwrap_or(ErrorBody::Empty);
        Err(ApiError::Http {
            status,
            body,
            retry_after,
        })
    }

    /// Sends a request, retrying GET and DELETE per the policy. POST and PUT go out once: a
    /// write that timed out may have been applied, so only the caller can decide.
    pub(super) async fn send(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
    ) -> Result<Response, ApiError> {
        self.with_retries(&method, || {
            self.attempt(self.builder(method.clone(), url.clone(), json.as_ref()))
        })
        .await
    }

    /// Runs `once` until it succeeds or the policy says stop. The whole exchange is retried,
    /// body included, so a GET cut off mid-body is fetched again.
    async fn with_retries<T, F, Fut>(&self, method: &Method, once: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        use tracing::Instrument;
        let idempotent = method == Method::GET || method == Method::DELETE;
        let mut attempt = 1;
        loop {
            let span = tracing::debug_span!("attempt", n = attempt);
            let err = match once().instrument(span).await {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            let wait = self.retry_wait(err, attempt, idempotent)?;
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// How long to wait before the next attempt, or the error to give up with.
    fn retry_wait(
        &self,
        err: ApiError,
        attempt: u32,
        idempotent: bool,
    ) -> Result<Duration, ApiError> {
        let policy = &self.config.retry;
        let (status, hint) = match &err {
            ApiError::Http {
                status,
                retry_after,
                ..
            } => (Some(*status), *retry_after),
            _ => (None, None),
        };
        if let (Some(status @ (429 | 503)), Some(wait)) = (status, hint)
            && wait > policy.max_delay
        {
            return Err(ApiError::RateLimited {
                until: SystemTime::now() + wait,
                status,
            });
        }
        let retryable = match &err {
            ApiError::Http { status, .. } => is_retryable_status(*status),
            ApiError::Connect { .. } | ApiError::Transport { .. } | ApiError::Truncated { .. } => {
                true
            }
            _ => false,
        };
        if !idempotent || !retryable || attempt >= policy.max_attempts {
            return Err(err);
        }
        Ok(hint.unwrap_or_else(|| policy.backoff(attempt, fastrand::f64())))
    }

    fn host(&self) -> String {
        match (self.base.host_str(), self.base.port_or_known_default()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => String::new(),
        }
    }

    pub(super) fn transport_error(&self, e: &reqwest::Error) -> ApiError {
        let detail = source_chain(e);
        let lower = detail.to_ascii_lowercase();
        let tls = ["tls", "certificate", "handshake"]
            .iter()
            .any(|w| lower.contains(w));
        if e.is_timeout() {
            let phase = if e.is_connect() {
                TimeoutPhase::Connect
            } else {
                TimeoutPhase::Response
            };
            ApiError::Timeout { phase }
        } else if tls {
            ApiError::Tls {
                host: self.host(),
                detail,
            }
        } else if e.is_connect() {
            ApiError::Connect {
                host: self.host(),
                detail,
            }
        } else if e.is_body() || e.is_decode() {
            body::body_error(e, 0, None)
        } else {
            ApiError::Transport { detail }
        }
    }

    /// Sends and decodes a JSON answer under the size cap.
    pub(super) async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
    ) -> Result<T, ApiError> {
        let value = self.call_value(method, url, json).await?;
        from_value(value)
    }

    /// Sends and parses the answer as untyped JSON.
    pub(super) async fn call_value(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
    ) -> Result<Value, ApiError> {
        self.call_with(method, url, json, parse_value).await
    }

    /// Sends and decodes the body (bytes and content type) with `parse`, under the size cap.
    pub(super) async fn call_with<T>(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
        parse: impl Fn(&[u8], &str) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.with_retries(&method, || async {
            let req = self.builder(method.clone(), url.clone(), json.as_ref());
            let resp = self.attempt(req).await?;
            let content_type = content_type(&resp);
            let bytes = read_capped(resp, self.config.max_body_bytes).await?;
            parse(&bytes, &content_type)
        })
        .await
    }

    /// Sends and decodes one record, its metadata numbers spelled as the server sent them.
    pub(super) async fn call_record(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
    ) -> Result<crate::api::Record, ApiError> {
        self.with_retries(&method, || async {
            let req = self.builder(method.clone(), url.clone(), json.as_ref());
            let resp = self.attempt(req).await?;
            let content_type = content_type(&resp);
            let bytes = read_capped(resp, self.config.max_body_bytes).await?;
            let mut record = super::record_from(parse_value(&bytes, &content_type)?)?;
            super::exact::respell_record(&mut record, &bytes);
            Ok(record)
        })
        .await
    }

    pub(super) async fn read_value(&self, resp: Response) -> Result<Value, ApiError> {
        let content_type = content_type(&resp);
        let bytes = read_capped(resp, self.config.max_body_bytes).await?;
        parse_value(&bytes, &content_type)
    }

    /// Sends, ignoring any 2xx body (DELETE answers vary between 200 with JSON and 204).
    pub(super) async fn call_unit(
        &self,
        method: Method,
        url: Url,
        json: Option<Bytes>,
    ) -> Result<(), ApiError> {
        self.send(method, url, json).await.map(drop)
    }
}

pub(super) fn content_type(resp: &Response) -> String {
    resp.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Serialises a request body. Our request types hold only JSON-safe data.
pub(super) fn to_body(value: &impl Serialize) -> Bytes {
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

/// The error's causes, innermost last, without the URL that reqwest puts on top.
fn source_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    if parts.is_empty() {
        parts.push(e.to_string());
    }
    parts.dedup();
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::https("https://api.runtype.com/v1", true)]
    #[case::loopback_v4("http://127.0.0.1:8787/v1", true)]
    #[case::loopback_range("http://127.9.9.9/v1", true)]
    #[case::loopback_v6("http://[::1]:8080/v1", true)]
    #[case::localhost("http://localhost:8787/v1", true)]
    #[case::plain_http_remote("http://api.runtype.com/v1", false)]
    #[case::private_range("http://10.0.0.1/v1", false)]
    #[case::localhost_lookalike("http://localhost.evil.example/v1", false)]
    #[case::ftp("ftp://example.com", false)]
    #[case::userinfo("https://user:pw@api.runtype.com/v1", false)]
    #[case::query_on_loopback("http://127.0.0.1:1/v1?key=rt_live_x", false)]
    #[case::fragment("https://api.runtype.com/v1#x", false)]
    #[case::garbage("not a url", false)]
    fn base_url_rules(#[case] url: &str, #[case] ok: bool) {
        assert_eq!(check_base_url(url).is_ok(), ok, "{url}");
    }

    /// A rejected URL never shows its userinfo, path or query, nor an unparseable text.
    #[rstest]
    #[case::userinfo(
        "http://user:rt_live_SECRETPART99@127.0.0.1:1/v1",
        "http://…@127.0.0.1:1"
    )]
    #[case::query(
        "http://api.example/v1?key=rt_live_SECRETPART99",
        "http://api.example/…?…"
    )]
    #[case::remote_http("http://api.example/rt_live_SECRETPART99", "http://api.example")]
    #[case::garbage("rt_live_SECRETPART99", "not shown")]
    #[case::scheme("ftp://x.example/rt_live_SECRETPART99", "ftp://x.example")]
    fn rejected_urls_are_shown_without_secrets(#[case] url: &str, #[case] shown: &str) {
        let text = check_base_url(url).expect_err("refused").to_string();
        assert!(!text.contains("SECRETPART"), "{text}");
        assert!(text.contains(shown), "{text}");
    }

    #[test]
    fn a_key_with_a_line_break_is_named_as_the_problem() {
        let err = Client::new(
            "https://x.example/v1",
            ApiKey::new("rt_live_SECRETPART99\nrt_live_OTHER"),
        )
        .expect_err("refused");
        let text = err.to_string();
        assert!(matches!(err, ApiError::InvalidKey { .. }), "{text}");
        assert!(
            text.contains("line break") && !text.contains("base URL"),
            "{text}"
        );
        assert!(!text.contains("SECRETPART"), "{text}");
    }

    #[test]
    fn insecure_url_says_why_and_how() {
        let err = check_base_url("http://api.runtype.com/v1").expect_err("refused");
        let text = err.to_string();
        assert!(matches!(err, ApiError::InsecureUrl { .. }));
        assert!(
            text.contains("https://") && text.contains("loopback"),
            "{text}"
        );
    }

    #[test]
    fn endpoint_encodes_ids_and_keeps_base_path() {
        let c = Client::new("http://127.0.0.1:1/v1/", ApiKey::new("k")).expect("client");
        let url = c.endpoint(&["a/b c?", "costs"], &[("limit", "5".into())]);
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:1/v1/records/a%2Fb%20c%3F/costs?limit=5"
        );
    }

    #[test]
    fn debug_never_shows_the_key() {
        let c = Client::new(
            "https://x.example/v1",
            ApiKey::new("rt_live_TOPSECRETVALUE42"),
        )
        .expect("client");
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("TOPSECRET"), "{dbg}");
        assert!(dbg.contains("rt_live_…UE42"), "{dbg}");
    }
}
