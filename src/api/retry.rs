//! When and how long to wait before retrying an idempotent request.

use reqwest::header::HeaderMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Retry settings. Only GET and DELETE are ever retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Backoff before the first retry; doubled for each later one.
    pub base_delay: Duration,
    /// The longest wait we sleep through. A server that asks for more gets a
    /// "rate limited until" error instead, so the user is not left watching a spinner.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Full-jitter backoff: a uniform wait in `[0, min(max, base * 2^(attempt-1))]`, so many
    /// clients that failed together do not retry together. `attempt` counts from 1.
    pub fn backoff(&self, attempt: u32, unit_random: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        ceiling.mul_f64(unit_random.clamp(0.0, 1.0))
    }
}

/// Statuses worth retrying for an idempotent request. 409 is deliberately absent: a conflict
/// is deterministic and retrying only delays the error.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// The wait the server asked for, from (in order) `retry-after-ms`, `Retry-After` (seconds or
/// an HTTP date) and `X-RateLimit-Reset` (Unix seconds).
pub fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return finite_secs(ms / 1000.0);
    }
    if let Some(v) = text("retry-after") {
        if let Ok(secs) = v.parse::<f64>() {
            return finite_secs(secs);
        }
        if let Ok(date) = httpdate::parse_http_date(v) {
            return Some(date.duration_since(now).unwrap_or_default());
        }
    }
    let reset = text("x-ratelimit-reset").and_then(|v| v.parse::<u64>().ok())?;
    let reset_at = UNIX_EPOCH + Duration::from_secs(reset);
    Some(reset_at.duration_since(now).unwrap_or_default())
}

fn finite_secs(secs: f64) -> Option<Duration> {
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e9)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};
    use rstest::rstest;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                HeaderName::from_static(k),
                HeaderValue::from_str(v).expect("valid header"),
            );
        }
        h
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[rstest]
    #[case::seconds(&[("retry-after", "2")], Some(2_000))]
    #[case::milliseconds_win(&[("retry-after-ms", "250"), ("retry-after", "9")], Some(250))]
    #[case::http_date(&[("retry-after", "Thu, 01 Jan 1970 00:16:50 GMT")], Some(10_000))]
    #[case::date_in_past(&[("retry-after", "Thu, 01 Jan 1970 00:00:01 GMT")], Some(0))]
    #[case::ratelimit_reset(&[("x-ratelimit-reset", "1030")], Some(30_000))]
    #[case::garbage(&[("retry-after", "soon")], None)]
    #[case::negative(&[("retry-after", "-5")], None)]
    #[case::none(&[], None)]
    fn reads_server_wait(#[case] h: &[(&'static str, &str)], #[case] ms: Option<u64>) {
        let got = server_wait(&headers(h), at(1000)).map(|d| d.as_millis() as u64);
        assert_eq!(got, ms);
    }

    #[rstest]
    #[case::first_retry_max(1, 1.0, 1_000)]
    #[case::second_retry_max(2, 1.0, 2_000)]
    #[case::half_jitter(3, 0.5, 2_000)]
    #[case::zero_jitter(2, 0.0, 0)]
    #[case::capped(20, 1.0, 60_000)]
    fn backoff_is_full_jitter_and_capped(#[case] attempt: u32, #[case] r: f64, #[case] ms: u64) {
        let d = RetryPolicy::default().backoff(attempt, r);
        assert_eq!(d.as_millis() as u64, ms);
    }

    #[rstest]
    #[case(408, true)]
    #[case(429, true)]
    #[case(500, true)]
    #[case(502, true)]
    #[case(503, true)]
    #[case(504, true)]
    #[case(409, false)]
    #[case(400, false)]
    #[case(404, false)]
    #[case(501, false)]
    fn retryable_statuses(#[case] status: u16, #[case] yes: bool) {
        assert_eq!(is_retryable_status(status), yes);
    }
}
