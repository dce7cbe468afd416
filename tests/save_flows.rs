//! Saving as people really do it (issue 8): typing while a save is in flight, answers that
//! lie about a write that landed, small terminals, null values, every server mode for PUT.

mod common;

use common::app::{key, runner, saved, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::Client;
use runtype_tui::app::Msg;
use runtype_tui::app::form::{FieldPath, SaveStatus};
use runtype_tui::runtime::Runner;
use runtype_tui::sandbox::{Fault, SandboxHandle, SandboxOptions};
use serde_json::json;
use std::time::Duration;

async fn with_alpha(opts: SandboxOptions) -> (SandboxHandle, Client, String) {
    let (sb, c) = start(opts).await;
    let alpha = c
        .create_record(&new_record(
            "ticket",
            "Alpha",
            json!({"status": "open", "seats": 3}),
        ))
        .await
        .expect("alpha");
    (sb, c, alpha.id)
}

async fn open_form(r: &mut Runner<TestBackend>) {
    wait(r, "the list", |a| a.list.records.len() == 1).await;
    key(r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(r, "the form", |a| a.form.is_some()).await;
}

fn ctrl_s(r: &mut Runner<TestBackend>) {
    key(r, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// A rename must not wipe metadata, whatever the server does with an omitted `metadata`.
#[tokio::test]
async fn a_rename_keeps_metadata_in_every_server_mode() {
    let modes = [
        ("keep", false, false),
        ("clear", false, true),
        ("merge", true, false),
    ];
    for (mode, merge, clear) in modes {
        let (sb, c, id) = with_alpha(SandboxOptions {
            metadata_merge: merge,
            put_omitted_metadata_clear: clear,
            ..empty()
        })
        .await;
        let mut r = runner(&sb).await;
        open_form(&mut r).await;
        type_text(&mut r, " renamed");
        ctrl_s(&mut r);
        saved(&mut r).await;
        let stored = c.get_record(&id).await.expect("read back");
        assert_eq!(stored.name, "Alpha renamed", "{mode}");
        assert_eq!(
            stored.metadata,
            common::obj(json!({"status": "open", "seats": 3})),
            "{mode}: metadata survives a rename"
        );
    }
}

/// The control: with `clear`, a PUT that leaves metadata out does wipe it.
#[tokio::test]
async fn the_clear_mode_really_clears_an_omitted_metadata() {
    let (sb, c, id) = with_alpha(SandboxOptions {
        put_omitted_metadata_clear: true,
        ..empty()
    })
    .await;
    let update = runtype_tui::api::RecordUpdate {
        name: Some("Bare".into()),
        ..Default::default()
    };
    c.update_record(&id, &update).await.expect("put");
    let stored = c.get_record(&id).await.expect("read back");
    assert!(stored.metadata.is_empty(), "{:?}", stored.metadata);
    drop(sb);
}

#[tokio::test]
async fn keys_typed_while_a_save_is_in_flight_are_kept_and_saved_next() {
    let (sb, c, id) = with_alpha(SandboxOptions {
        latency: Duration::from_millis(400),
        ..empty()
    })
    .await;
    let mut r = runner(&sb).await;
    open_form(&mut r).await;
    type_text(&mut r, " one");
    ctrl_s(&mut r);
    assert!(matches!(
        r.app.form.as_ref().map(|f| &f.status),
        Some(SaveStatus::Saving(_))
    ));
    // While "Saving…" shows: more name, then Tab to the first value and type there.
    type_text(&mut r, " two");
    for _ in 0..3 {
        key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
    }
    type_text(&mut r, "-ish");
    assert!(screen(&r).contains("what you typed since is kept"));
    saved(&mut r).await;
    let form = r.app.form.as_ref().expect("form");
    assert_eq!(
        form.name.text(),
        "Alpha one two",
        "later keys stay on screen"
    );
    assert_eq!(form.rows[0].value.text(), "open-ish");
    assert!(form.is_dirty(), "and count as unsaved");
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.name, "Alpha one", "the server has what was sent");
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert!(r.app.guard.is_some(), "Esc asks: there are unsaved edits");
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    ctrl_s(&mut r);
    wait(&mut r, "the second save", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.name, "Alpha one two");
    assert_eq!(stored.metadata["status"], "open-ish");
    assert!(!r.app.form.as_ref().is_some_and(|f| f.is_dirty()));
}

/// The PUT lands, but its answer is a 500 or a 2xx that is not JSON: reading the record back
/// shows the edit is there, so it is a save, and the next Ctrl-S has nothing to do.
#[tokio::test]
async fn a_write_that_landed_is_a_save_whatever_the_answer_said() {
    let faults = [
        Fault::status(500, r#"{"error":"internal"}"#),
        Fault::raw(200, "text/html", "<html>ok</html>"),
    ];
    for fault in faults {
        let (sb, c, id) = with_alpha(empty()).await;
        let mut r = runner(&sb).await;
        open_form(&mut r).await;
        type_text(&mut r, " renamed");
        sb.inject(fault.clone().after_applying().on(axum::http::Method::PUT));
        ctrl_s(&mut r);
        saved(&mut r).await;
        assert_eq!(r.app.notice.as_deref(), Some("Saved."), "{fault:?}");
        assert_eq!(sb.pending_faults(), 0, "the fault fired");
        let stored = c.get_record(&id).await.expect("read back");
        assert_eq!(stored.name, "Alpha renamed");
        ctrl_s(&mut r);
        assert_eq!(
            r.app.notice.as_deref(),
            Some("Nothing to save: no field changed.")
        );
    }
}

/// A 500 that did not land stays a failure, and says so on the status line even when the
/// banner is scrolled out of a small terminal.
#[tokio::test]
async fn a_failed_save_is_visible_from_a_scrolled_form() {
    let (sb, c) = start(empty()).await;
    let many: serde_json::Map<String, serde_json::Value> = (0..20)
        .map(|i| (format!("key{i:02}"), json!(format!("value {i}"))))
        .collect();
    c.create_record(&new_record(
        "ticket",
        "Alpha",
        serde_json::Value::Object(many),
    ))
    .await
    .expect("alpha");
    let mut r = runner(&sb).await;
    r.terminal.backend_mut().resize(100, 20);
    r.dispatch(Msg::Resize {
        width: 100,
        height: 20,
    });
    open_form(&mut r).await;
    for _ in 0..30 {
        key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
    }
    type_text(&mut r, "!");
    sb.inject(Fault::status(500, r#"{"error":"boom"}"#).on(axum::http::Method::PUT));
    ctrl_s(&mut r);
    wait(&mut r, "the failure", |a| {
        a.form
            .as_ref()
            .is_some_and(|f| f.status == SaveStatus::Failed)
    })
    .await;
    let text = screen(&r);
    let last = text.lines().last().unwrap_or_default();
    assert!(last.contains("Not saved"), "status line: {last}\n{text}");
    assert!(text.contains("!"), "the edit is still on screen:\n{text}");
}

#[tokio::test]
async fn typing_into_a_null_value_saves_what_is_shown() {
    let (sb, c, id) = with_alpha(empty()).await;
    let mut r = runner(&sb).await;
    open_form(&mut r).await;
    for _ in 0..3 {
        key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
    }
    assert_eq!(
        r.app.form.as_ref().map(|f| f.focus),
        Some(FieldPath::MetadataValue(0))
    );
    for _ in 0..3 {
        key(&mut r, KeyCode::Char('t'), KeyModifiers::CONTROL);
    }
    assert!(screen(&r).contains("[null]"));
    assert!(!screen(&r).contains("open"), "a null shows no old text");
    type_text(&mut r, "9");
    assert!(screen(&r).contains("[string]"));
    ctrl_s(&mut r);
    saved(&mut r).await;
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.metadata["status"], "9");
}

/// A kill during a save, then the draft resumed: the server already holds the edit, so the
/// save is done (no PUT, no "someone else saved").
#[tokio::test]
async fn a_resumed_draft_that_already_landed_is_saved_not_a_conflict() {
    let (sb, c, id) = with_alpha(empty()).await;
    let base = c.get_record(&id).await.expect("alpha");
    let mut form = runtype_tui::app::form::Form::open(&base);
    form.name = runtype_tui::app::form::TextField::new("Alpha landed", false);
    let draft = form.to_draft();
    // The save that was in flight when the process died did reach the server.
    let update = form.update().expect("valid");
    c.update_record(&id, &update).await.expect("the landed PUT");
    let puts_before = sb
        .requests()
        .iter()
        .filter(|(m, _)| m.as_str() == "PUT")
        .count();
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    r.dispatch(Msg::DraftsFound {
        drafts: vec![draft],
        problems: Vec::new(),
    });
    // Before it could be seen the offer steps aside; the same key then asks for it.
    key(&mut r, KeyCode::Char('O'), KeyModifiers::NONE);
    assert!(screen(&r).contains("s resume"), "{}", screen(&r));
    key(&mut r, KeyCode::Char('s'), KeyModifiers::NONE);
    ctrl_s(&mut r);
    saved(&mut r).await;
    assert_eq!(r.app.notice.as_deref(), Some("Saved."));
    let puts_after = sb
        .requests()
        .iter()
        .filter(|(m, _)| m.as_str() == "PUT")
        .count();
    assert_eq!(puts_after, puts_before, "nothing sent again");
}
