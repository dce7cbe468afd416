//! Network faults through the whole app: each leaves it responsive, says what happened,
//! keeps what was on screen and keeps every edit.

mod common;

use common::app::{key, runner, runner_with, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use runtype_tui::app::remote::Remote;
use runtype_tui::sandbox::{Fault, SandboxHandle};
use serde_json::json;

async fn two_records() -> SandboxHandle {
    let (sb, c) = start(empty()).await;
    c.create_record(&new_record("ticket", "Alpha", json!({"status": "open"})))
        .await
        .expect("alpha");
    c.create_record(&new_record("ticket", "Beta", json!({"status": "closed"})))
        .await
        .expect("beta");
    sb
}

fn get() -> reqwest::Method {
    reqwest::Method::GET
}

#[tokio::test]
async fn an_html_page_with_status_200_is_a_clear_error_and_r_retries() {
    let sb = two_records().await;
    sb.inject(Fault::raw(200, "text/html", "<html>Welcome to nginx</html>").on(get()));
    let mut r = runner(&sb).await;
    wait(&mut r, "the failure", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    assert!(screen(&r).contains("HTML page"), "{}", screen(&r));
    key(&mut r, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(screen(&r).contains("Keys: record list"), "still responsive");
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut r, KeyCode::Char('r'), KeyModifiers::NONE);
    wait(&mut r, "the retried list", |a| a.list.records.len() == 2).await;
}

#[tokio::test]
async fn a_long_rate_limit_says_until_when_and_does_not_hang() {
    let sb = two_records().await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 2).await;
    sb.inject(
        Fault::status(429, r#"{"error":"quota"}"#)
            .with_header("Retry-After", "3600")
            .on(get()),
    );
    key(&mut r, KeyCode::Char('r'), KeyModifiers::NONE);
    wait(&mut r, "the failure", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    let text = screen(&r);
    assert!(text.contains("rate limited until"), "{text}");
    assert!(
        text.contains("Alpha") && text.contains("Beta"),
        "rows stay visible:\n{text}"
    );
}

#[tokio::test]
async fn one_unreadable_record_is_skipped_and_counted() {
    let sb = two_records().await;
    let body = r#"{"data": [{"id": "record_bad", "type": 5, "name": []},
        {"id": "record_ok", "type": "ticket", "name": "Gamma", "metadata": {}, "userId": "u",
         "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-01T00:00:00.000Z"}],
        "pagination": {"hasMore": false, "hasPrev": false, "limit": 100, "currentOffset": 0}}"#;
    sb.inject(Fault::status(200, body).on(get()));
    let mut r = runner(&sb).await;
    wait(&mut r, "the page", |a| a.list.records.len() == 1).await;
    let text = screen(&r);
    assert!(
        text.contains("Gamma") && text.contains("1 unreadable skipped"),
        "{text}"
    );
}

#[tokio::test]
async fn cut_off_and_over_deep_bodies_are_reported() {
    let sb = two_records().await;
    for _ in 0..3 {
        sb.inject(Fault::truncate_body(20).on(get()));
    }
    let mut r = runner(&sb).await;
    wait(&mut r, "the failure", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    assert!(screen(&r).contains("cut off"), "{}", screen(&r));
    sb.inject(Fault::status(200, "[".repeat(10_000) + &"]".repeat(10_000)).on(get()));
    key(&mut r, KeyCode::Char('r'), KeyModifiers::NONE);
    wait(&mut r, "the second failure", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    assert!(screen(&r).contains("nested too deeply"), "{}", screen(&r));
}

#[tokio::test]
async fn a_put_answered_503_or_409_is_not_retried_and_the_edits_stay() {
    let sb = two_records().await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 2).await;
    key(&mut r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(&mut r, "the form", |a| a.form.is_some()).await;
    type_text(&mut r, " edited");
    for (status, says) in [(503, "Ctrl-S retries"), (409, "(409)")] {
        sb.inject(Fault::status(status, r#"{"error":"nope"}"#).on(reqwest::Method::PUT));
        let before = sb
            .requests()
            .iter()
            .filter(|(m, _)| m.as_str() == "PUT")
            .count();
        key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
        wait(&mut r, "the failed save", |a| {
            a.form
                .as_ref()
                .and_then(|f| f.banner.as_deref())
                .is_some_and(|b| b.contains(says))
        })
        .await;
        let after = sb
            .requests()
            .iter()
            .filter(|(m, _)| m.as_str() == "PUT")
            .count();
        assert_eq!(
            after - before,
            1,
            "HTTP {status}: one PUT, no automatic retry"
        );
        assert!(
            r.app
                .form
                .as_ref()
                .is_some_and(|f| f.name.text().ends_with(" edited")),
            "edits kept"
        );
    }
}

#[tokio::test]
async fn a_stalled_page_keeps_the_app_responsive_and_times_out_clearly() {
    use runtype_tui::api::{ClientConfig, RetryPolicy};
    use std::time::Duration;
    let sb = two_records().await;
    let config = ClientConfig {
        read_timeout: Some(Duration::from_millis(500)),
        retry: RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        },
        ..ClientConfig::default()
    };
    sb.inject(Fault::stall(10, Duration::from_secs(10)).on(get()));
    let mut r = runner_with(&sb, config).await;
    key(&mut r, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(
        screen(&r).contains("Keys: record list"),
        "keys work while the body stalls"
    );
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    wait(&mut r, "the timeout", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    assert!(
        screen(&r).contains("did not answer in time"),
        "{}",
        screen(&r)
    );
}

/// The PUT is applied but its answer never comes: the record is read back, holds what was
/// sent, and the save counts as done (nothing is re-sent).
#[tokio::test]
async fn a_put_without_an_answer_is_read_back_not_resent() {
    use runtype_tui::api::ClientConfig;
    use std::time::Duration;
    let sb = two_records().await;
    let config = ClientConfig {
        read_timeout: Some(Duration::from_millis(500)),
        ..ClientConfig::default()
    };
    let mut r = runner_with(&sb, config).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 2).await;
    key(&mut r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(&mut r, "the form", |a| a.form.is_some()).await;
    type_text(&mut r, " applied");
    sb.inject(Fault::stall(5, Duration::from_secs(10)).on(reqwest::Method::PUT));
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the save to be confirmed by reading back", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;
    let puts = sb
        .requests()
        .iter()
        .filter(|(m, _)| m.as_str() == "PUT")
        .count();
    assert_eq!(puts, 1, "the PUT was not sent again");
    assert!(screen(&r).contains("✓ Saved"));
}
