//! Retry policy against the sandbox, on tokio's paused clock: no real sleeping. The sandbox
//! runs on its own thread and runtime, so only the client's clock is paused.

mod common;

use common::{client_for, empty, new_record};
use runtype_tui::api::{ApiError, Client, ClientConfig, ListQuery, RecordUpdate};
use runtype_tui::sandbox::{Fault, Sandbox, SandboxHandle};
use serde_json::json;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// No timeouts and no idle-connection reaper: with a paused clock, the only timers left are
/// the retry waits, so elapsed time is exactly what the client chose to sleep.
fn paused_config() -> ClientConfig {
    ClientConfig {
        connect_timeout: None,
        read_timeout: None,
        total_timeout: None,
        pool_idle_timeout: None,
        ..ClientConfig::default()
    }
}

fn setup() -> (SandboxHandle, Client) {
    let sb = Sandbox::start_background(empty()).expect("sandbox");
    let c = client_for(&sb, paused_config());
    (sb, c)
}

fn count(sb: &SandboxHandle, method: &str, path_part: &str) -> usize {
    sb.requests()
        .iter()
        .filter(|(m, p)| m.as_str() == method && p.contains(path_part))
        .count()
}

#[tokio::test(start_paused = true)]
async fn get_succeeds_after_two_503s() {
    let (sb, c) = setup();
    sb.inject(Fault::status(503, r#"{"error":"busy"}"#).on(reqwest::Method::GET));
    sb.inject(Fault::status(503, r#"{"error":"busy"}"#).on(reqwest::Method::GET));
    let start = Instant::now();
    c.list_records(&ListQuery::default())
        .await
        .expect("third attempt succeeds");
    assert_eq!(count(&sb, "GET", "/v1/records"), 3);
    assert_eq!(sb.pending_faults(), 0);
    // Full jitter: at most 1 s before the second attempt and 2 s before the third.
    assert!(
        start.elapsed() <= Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_after_three_attempts() {
    let (sb, c) = setup();
    for _ in 0..4 {
        sb.inject(Fault::status(502, r#"{"error":"bad gateway"}"#).on(reqwest::Method::GET));
    }
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("gives up");
    assert_eq!(err.status(), Some(502));
    assert_eq!(count(&sb, "GET", "/v1/records"), 3);
    assert_eq!(sb.pending_faults(), 1, "the fourth fault was never reached");
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured() {
    let (sb, c) = setup();
    sb.inject(
        Fault::status(429, r#"{"error":"slow down"}"#)
            .with_header("Retry-After", "2")
            .on(reqwest::Method::GET),
    );
    let start = Instant::now();
    c.list_records(&ListQuery::default())
        .await
        .expect("succeeds after waiting");
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_millis(2100),
        "{waited:?}"
    );
    assert_eq!(count(&sb, "GET", "/v1/records"), 2);
}

#[tokio::test(start_paused = true)]
async fn retry_after_ms_is_honoured() {
    let (sb, c) = setup();
    sb.inject(
        Fault::status(503, "{}")
            .with_header("retry-after-ms", "1500")
            .on(reqwest::Method::GET),
    );
    let start = Instant::now();
    c.list_records(&ListQuery::default())
        .await
        .expect("succeeds");
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(1500) && waited < Duration::from_millis(1600),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_long_retry_after_is_reported_not_slept() {
    let (sb, c) = setup();
    sb.inject(
        Fault::status(429, r#"{"error":"quota"}"#)
            .with_header("Retry-After", "3600")
            .on(reqwest::Method::GET),
    );
    let start = Instant::now();
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("rate limited");
    assert_eq!(start.elapsed(), Duration::ZERO, "no sleeping at all");
    match err {
        ApiError::RateLimited { until, status } => {
            assert_eq!(status, 429);
            let ahead = until.duration_since(SystemTime::now()).unwrap_or_default();
            assert!(
                ahead > Duration::from_secs(3500) && ahead <= Duration::from_secs(3600),
                "{ahead:?}"
            );
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert_eq!(count(&sb, "GET", "/v1/records"), 1);
}

#[tokio::test(start_paused = true)]
async fn put_is_never_retried() {
    let (sb, c) = setup();
    let rec = c
        .create_record(&new_record("t", "n", json!({})))
        .await
        .expect("create");
    sb.inject(Fault::status(503, r#"{"error":"busy"}"#).on(reqwest::Method::PUT));
    let upd = RecordUpdate {
        name: Some("m".into()),
        ..Default::default()
    };
    let err = c
        .update_record(&rec.id, &upd)
        .await
        .expect_err("503 is returned");
    assert_eq!(err.status(), Some(503));
    assert_eq!(count(&sb, "PUT", "/v1/records/"), 1);
    assert_eq!(c.get_record(&rec.id).await.expect("get").name, "n");
}

#[tokio::test(start_paused = true)]
async fn post_is_never_retried() {
    let (sb, c) = setup();
    sb.inject(Fault::status(500, r#"{"error":"boom"}"#).on(reqwest::Method::POST));
    let err = c
        .create_record(&new_record("t", "n", json!({})))
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    assert_eq!(count(&sb, "POST", "/v1/records"), 1);
}

#[tokio::test(start_paused = true)]
async fn conflict_is_never_retried() {
    let (sb, c) = setup();
    sb.inject(Fault::status(409, r#"{"error":"conflict"}"#).on(reqwest::Method::GET));
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("409");
    assert_eq!(err.status(), Some(409));
    assert_eq!(count(&sb, "GET", "/v1/records"), 1);
}

#[tokio::test(start_paused = true)]
async fn delete_is_retried_and_a_cut_get_is_retried() {
    let (sb, c) = setup();
    let rec = c
        .create_record(&new_record("t", "n", json!({})))
        .await
        .expect("create");
    sb.inject(Fault::status(504, "{}").on(reqwest::Method::DELETE));
    c.delete_record(&rec.id)
        .await
        .expect("second attempt deletes");
    assert_eq!(count(&sb, "DELETE", "/v1/records/"), 2);

    sb.inject(Fault::close_mid_body(10).on(reqwest::Method::GET));
    c.list_records(&ListQuery::default())
        .await
        .expect("retried after the cut");
}
