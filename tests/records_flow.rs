//! Creating and deleting one record through the whole app, checked on the server.

mod common;

use common::app::{key, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;

#[tokio::test]
async fn create_then_delete_a_record() {
    let (sb, c) = start(empty()).await;
    c.create_record(&new_record("ticket", "Old", json!({"status": "open"})))
        .await
        .expect("old");
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(screen(&r).contains("New record"), "{}", screen(&r));
    type_text(&mut r, "Fresh");
    key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
    type_text(&mut r, "ticket");
    key(&mut r, KeyCode::Char('n'), KeyModifiers::CONTROL);
    type_text(&mut r, "status");
    key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
    type_text(&mut r, "new");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the create", |a| {
        a.notice.as_deref() == Some("Created.")
    })
    .await;
    let id = r.app.form.as_ref().map(|f| f.id.clone()).expect("form");
    let stored = c.get_record(&id).await.expect("created on the server");
    assert_eq!(stored.name, "Fresh");
    assert_eq!(stored.record_type, "ticket");
    assert_eq!(stored.metadata["status"], "new");
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(&*r.app.list.records[0].name, "Fresh", "first in the list");
    key(&mut r, KeyCode::Char('D'), KeyModifiers::NONE);
    assert!(screen(&r).contains("Delete this record"), "{}", screen(&r));
    key(&mut r, KeyCode::Char('y'), KeyModifiers::NONE);
    wait(&mut r, "the delete", |a| {
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Deleted"))
    })
    .await;
    assert_eq!(
        c.get_record(&id).await.err().and_then(|e| e.status()),
        Some(404),
        "gone from the server"
    );
    assert_eq!(r.app.list.records.len(), 1);
    assert_eq!(&*r.app.list.records[0].name, "Old");
}

/// `G` in the detail view goes to the last line, and `k` right after moves up at once (the
/// scroll is clamped to what the view can show, not left far past the end).
#[tokio::test]
async fn k_after_g_in_the_detail_view_moves_at_once() {
    let (sb, c) = start(empty()).await;
    let many: serde_json::Map<String, serde_json::Value> = (0..60)
        .map(|i| (format!("key{i:02}"), json!(format!("value {i}"))))
        .collect();
    c.create_record(&new_record(
        "ticket",
        "Tall",
        serde_json::Value::Object(many),
    ))
    .await
    .expect("tall");
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the record", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
    key(&mut r, KeyCode::Char('G'), KeyModifiers::NONE);
    let bottom = r.app.detail.as_ref().map(|d| d.scroll).expect("detail");
    assert!(
        bottom > 0 && bottom < 200,
        "clamped to the real end: {bottom}"
    );
    assert!(
        screen(&r).contains("key59"),
        "the last line shows:\n{}",
        screen(&r)
    );
    key(&mut r, KeyCode::Char('k'), KeyModifiers::NONE);
    assert_eq!(
        r.app.detail.as_ref().map(|d| d.scroll),
        Some(bottom - 1),
        "one k, one line up"
    );
}

/// A long value can be read sideways: `l` stops the wrapping and scrolls right, `h` comes
/// back to the wrapped view.
#[tokio::test]
async fn a_long_value_scrolls_sideways_in_the_detail_view() {
    let (sb, c) = start(empty()).await;
    let long = format!("{}TAILMARK", "x".repeat(300));
    c.create_record(&new_record("ticket", "Wide", json!({"note": long})))
        .await
        .expect("wide");
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the record", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
    let wrapped_lines = screen(&r).matches("xxxxxxxxxx").count();
    // A third of the 100-column screen per key: 8 keys put the end of the line in view.
    for _ in 0..8 {
        key(&mut r, KeyCode::Char('l'), KeyModifiers::NONE);
    }
    let text = screen(&r);
    assert!(
        text.contains("TAILMARK"),
        "the end of the line shows:\n{text}"
    );
    assert!(text.contains("→ column"), "where it is:\n{text}");
    assert!(
        text.matches("xxxxxxxxxx").count() < wrapped_lines,
        "no longer wrapped"
    );
    for _ in 0..8 {
        key(&mut r, KeyCode::Char('h'), KeyModifiers::NONE);
    }
    assert_eq!(r.app.detail.as_ref().map(|d| d.hscroll), Some(0));
    assert!(!screen(&r).contains("→ column"));
}
