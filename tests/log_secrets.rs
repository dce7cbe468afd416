//! The support log at trace level, through every flow the app has (list, detail, edit, save,
//! conflict, failed save, a rejected key, a hostile server echoing the key back): it has one
//! line per request, effect and save, and never a byte of the key.

mod common;

use common::app::{key, runner_at, type_text, wait};
use common::hostile::{page, record, serve};
use common::{new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use runtype_tui::api::{ApiKey, Client, ClientConfig, RecordUpdate};
use runtype_tui::app::remote::Remote;
use runtype_tui::sandbox::{Fault, SandboxOptions, Seed};
use serde_json::json;

const KEY: &str = "rt_live_LOGSECRETxyzzy0123456789";
const WRONG: &str = "rt_live_WRONGSECRETplugh98765";

async fn edit_and_save(r: &mut runtype_tui::runtime::Runner<ratatui::backend::TestBackend>) {
    key(r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(r, "the form", |a| a.form.is_some()).await;
    type_text(r, " x");
    key(r, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[tokio::test]
async fn the_log_at_trace_level_never_holds_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("logs").join("runtype-tui.log");
    runtype_tui::log::init(&path, tracing::Level::TRACE).expect("log starts");

    let (sb, c) = start(SandboxOptions {
        api_key: KEY.into(),
        seed: Seed::None,
        ..SandboxOptions::default()
    })
    .await;
    c.create_record(&new_record("ticket", "Alpha", json!({"status": "open"})))
        .await
        .expect("create");
    let mut r = runner_at(&sb.base_url(), KEY, ClientConfig::default()).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the detail", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    edit_and_save(&mut r).await;
    wait(&mut r, "the save", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;

    // A conflict, then a save the server fails with a body that echoes the key.
    let id = r.app.form.as_ref().map(|f| f.id.clone()).expect("form");
    let theirs = RecordUpdate {
        name: Some("Theirs".into()),
        ..RecordUpdate::default()
    };
    c.update_record(&id, &theirs).await.expect("their save");
    type_text(&mut r, "y");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the conflict", |a| {
        a.form
            .as_ref()
            .and_then(|f| f.banner.as_deref())
            .is_some_and(|b| b.contains("Someone else"))
    })
    .await;
    sb.inject(
        Fault::status(500, format!(r#"{{"error":"boom, you sent Bearer {KEY}"}}"#))
            .on(reqwest::Method::PUT),
    );
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the failed save", |a| {
        a.form
            .as_ref()
            .and_then(|f| f.banner.as_deref())
            .is_some_and(|b| b.contains("Not saved"))
    })
    .await;

    // A rejected key, and a hostile server that echoes the Authorization header it got.
    let mut wrong = runner_at(&sb.base_url(), WRONG, ClientConfig::default()).await;
    wait(&mut wrong, "the 401", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    let echo = serve(|s| {
        let auth = s.authorization.clone().unwrap_or_default();
        if s.target.contains("/records/") {
            (401, format!(r#"{{"error":"bad key {auth}"}}"#).into_bytes())
        } else {
            (
                200,
                page(&[record("a", "A", "2026-01-01T00:00:00Z")], false, None),
            )
        }
    })
    .await;
    let mut hostile = runner_at(&echo.base_url, KEY, ClientConfig::default()).await;
    wait(&mut hostile, "the list", |a| a.list.records.len() == 1).await;
    key(&mut hostile, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut hostile, "the refusal", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| matches!(d.load, Remote::Failed(_)))
    })
    .await;
    // A key the client refuses before sending anything.
    assert!(Client::new(&sb.base_url(), ApiKey::new(format!("{KEY}\n{KEY}"))).is_err());

    let log = std::fs::read_to_string(&path).expect("the log was written");
    if std::env::var_os("SHOW_LOG").is_some() {
        eprintln!("{log}");
    }
    for secret in [
        KEY,
        WRONG,
        "LOGSECRET",
        "WRONGSECRET",
        "0123456789",
        "plugh98765",
    ] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
    for line in [
        "request",
        "method=GET",
        "method=PUT",
        "status=200",
        "status=401",
        "status=500",
        "ms=",
        "attempt{n=1}",
        "ticket=",
        "effect done",
        "save: saved",
        "save: conflict",
        "save: not saved",
    ] {
        assert!(log.contains(line), "{line} missing from the log:\n{log}");
    }
}

/// A server error that quotes the request's key back never puts it on screen.
#[tokio::test]
async fn an_echoed_key_in_a_server_error_is_masked_on_screen() {
    let echo = serve(|s| {
        let auth = s.authorization.clone().unwrap_or_default();
        if s.target.contains("/records/") {
            (
                500,
                format!(r#"{{"error":"internal: bad header '{auth}'"}}"#).into_bytes(),
            )
        } else {
            (
                200,
                page(&[record("a", "A", "2026-01-01T00:00:00Z")], false, None),
            )
        }
    })
    .await;
    let mut r = runner_at(&echo.base_url, KEY, ClientConfig::default()).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the failure", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| matches!(d.load, Remote::Failed(_)))
    })
    .await;
    let text = common::app::screen(&r);
    assert!(text.contains("bad header"), "the error is shown:\n{text}");
    assert!(!text.contains("LOGSECRET"), "but not the key:\n{text}");
}
