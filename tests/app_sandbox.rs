//! The whole app: the real runtime over `TestBackend`, keys fed in, the sandbox behind it.
//! Assertions look at both the screen and what the server stored.

mod common;

use common::app::{key, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::{Client, RecordUpdate};
use runtype_tui::app::Msg;
use runtype_tui::app::form::FieldPath;
use runtype_tui::runtime::{Runner, now_ms};
use runtype_tui::sandbox::{SandboxHandle, SandboxOptions};
use serde_json::json;
use std::time::Duration;

async fn seeded() -> (SandboxHandle, Client) {
    seeded_with(empty()).await
}

/// A sandbox started with `opts` holding the two tickets Alpha and Beta.
async fn seeded_with(opts: SandboxOptions) -> (SandboxHandle, Client) {
    let (sb, c) = start(opts).await;
    // Created oldest first; the list shows newest first: Beta, then Alpha.
    c.create_record(&new_record(
        "ticket",
        "Alpha",
        json!({"status": "open", "seats": 3}),
    ))
    .await
    .expect("alpha");
    c.create_record(&new_record("ticket", "Beta", json!({"status": "closed"})))
        .await
        .expect("beta");
    (sb, c)
}

fn puts(sb: &SandboxHandle) -> usize {
    sb.requests()
        .iter()
        .filter(|(m, _)| m.as_str() == "PUT")
        .count()
}

async fn open_form_on_alpha(r: &mut Runner<TestBackend>) {
    wait(r, "the list", |a| a.list.records.len() == 2).await;
    assert_eq!(&*r.app.list.records[1].name, "Alpha", "newest first");
    key(r, KeyCode::Down, KeyModifiers::NONE);
    key(r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(r, "the form, once the full record is here", |a| {
        a.form.is_some()
    })
    .await;
    assert_eq!(
        r.app.form.as_ref().map(|f| f.name.text()),
        Some("Alpha".into())
    );
}

#[tokio::test]
async fn edit_a_name_save_and_read_it_back() {
    let (sb, c) = seeded().await;
    let mut r = runner(&sb).await;
    open_form_on_alpha(&mut r).await;
    type_text(&mut r, " renamed");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the save", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;
    assert!(screen(&r).contains("✓ Saved"));
    let id = r.app.form.as_ref().map(|f| f.id.clone()).expect("form");
    let calls: Vec<String> = sb
        .requests()
        .iter()
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    let record_path = format!("/v1/records/{id}");
    let tail: Vec<&str> = calls
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(String::as_str)
        .collect();
    assert_eq!(
        tail,
        [format!("GET {record_path}"), format!("PUT {record_path}")],
        "one conflict check, one PUT"
    );
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.name, "Alpha renamed");
    assert_eq!(
        stored.metadata,
        common::obj(json!({"status": "open", "seats": 3})),
        "metadata untouched"
    );
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert!(
        screen(&r).contains("Alpha renamed"),
        "the list row updated in place"
    );
}

#[tokio::test]
async fn a_501_character_name_never_reaches_the_server() {
    let (sb, _c) = seeded().await;
    let mut r = runner(&sb).await;
    open_form_on_alpha(&mut r).await;
    type_text(&mut r, &"é".repeat(496)); // "Alpha" + 496 = 501 characters
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let form = r.app.form.as_ref().expect("form");
    assert_eq!(
        form.error_for(FieldPath::Name),
        Some("Name is 501 characters; the limit is 500")
    );
    assert!(screen(&r).contains("501/500"));
    let before = sb.requests().len();
    r.wait_for(Duration::from_millis(300), |_| false)
        .await
        .expect("draw");
    assert_eq!(
        sb.requests().len(),
        before,
        "no request at all after the refused save"
    );
    assert_eq!(puts(&sb), 0);
}

#[tokio::test]
async fn renaming_onto_an_existing_name_shows_the_409_under_name() {
    let (sb, _c) = seeded().await;
    let mut r = runner(&sb).await;
    open_form_on_alpha(&mut r).await;
    for _ in 0..5 {
        key(&mut r, KeyCode::Backspace, KeyModifiers::NONE);
    }
    type_text(&mut r, "Beta");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the failed save", |a| {
        a.form
            .as_ref()
            .is_some_and(|f| f.error_for(FieldPath::Name).is_some())
    })
    .await;
    let form = r.app.form.as_ref().expect("form");
    assert_eq!(form.name.text(), "Beta", "the edit is kept");
    assert!(
        form.error_for(FieldPath::Name)
            .is_some_and(|e| e.contains("already has this name"))
    );
    let text = screen(&r);
    let name_line = text
        .lines()
        .position(|l| l.contains("Name "))
        .expect("name label");
    let err_line = text
        .lines()
        .position(|l| l.contains("already has this name"))
        .expect("error shown");
    assert_eq!(
        err_line,
        name_line + 2,
        "directly under the name field:\n{text}"
    );
    assert_eq!(puts(&sb), 1);
    // The banner names the record that has the pair, looked up on the server.
    let beta = r
        .app
        .list
        .records
        .iter()
        .find(|row| &*row.name == "Beta")
        .map(|row| row.id.to_string())
        .expect("Beta is listed");
    wait(&mut r, "the holder named", |a| {
        a.form
            .as_ref()
            .and_then(|f| f.banner.as_deref())
            .is_some_and(|b| b.contains(&beta) && b.contains("Alt-o opens it"))
    })
    .await;
}

#[tokio::test]
async fn keys_are_handled_at_once_while_the_network_is_slow() {
    let (sb, _c) = start(SandboxOptions {
        latency: Duration::from_secs(3),
        ..empty()
    })
    .await;
    let mut r = runner(&sb).await;
    assert!(
        screen(&r).contains("Loading records"),
        "the first frame comes before any answer"
    );
    let spinner_before = r.app.spinner;
    key(&mut r, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(
        screen(&r).contains("Keys: record list"),
        "help opens while loading"
    );
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    r.dispatch(Msg::Tick { now_ms: now_ms() });
    assert!(r.app.spinner > spinner_before);
    wait(&mut r, "the slow first page", |a| {
        a.list.load.loaded().is_some()
    })
    .await;
    assert!(screen(&r).contains("No records yet"));
}

/// Deleting a metadata key must stick whichever way the server reads a PUT's metadata.
#[tokio::test]
async fn a_deleted_key_stays_deleted_in_both_sandbox_modes() {
    for merge in [false, true] {
        let (sb, c) = seeded_with(SandboxOptions {
            metadata_merge: merge,
            ..empty()
        })
        .await;
        let mut r = runner(&sb).await;
        open_form_on_alpha(&mut r).await;
        // Focus the second row ("seats") and remove it.
        for _ in 0..4 {
            key(&mut r, KeyCode::Tab, KeyModifiers::NONE);
        }
        key(&mut r, KeyCode::Delete, KeyModifiers::CONTROL);
        key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
        wait(&mut r, "the save", |a| {
            a.notice.as_deref() == Some("Saved.")
        })
        .await;
        let id = r.app.form.as_ref().map(|f| f.id.clone()).expect("form");
        let stored = c.get_record(&id).await.expect("read back");
        assert_eq!(
            stored.metadata,
            common::obj(json!({"status": "open"})),
            "merge={merge}"
        );
        let bulk_edits = sb
            .requests()
            .iter()
            .filter(|(_, p)| p.contains("bulk-edit"))
            .count();
        assert_eq!(
            bulk_edits,
            usize::from(merge),
            "a fix-up only when the server kept the key"
        );
        let told = screen(&r).contains("kept the deleted key");
        assert_eq!(
            told,
            merge,
            "the user is told when the server kept the key:\n{}",
            screen(&r)
        );
    }
}

/// Someone else saves while the form is open: nothing is overwritten; their change is merged
/// in, and the second Ctrl-S stores both.
#[tokio::test]
async fn a_concurrent_edit_is_merged_never_overwritten() {
    let (sb, c) = seeded().await;
    let mut r = runner(&sb).await;
    open_form_on_alpha(&mut r).await;
    let id = r.app.form.as_ref().map(|f| f.id.clone()).expect("form");
    // Another operator changes a metadata value meanwhile.
    let theirs = RecordUpdate {
        metadata: Some(common::obj(json!({"status": "escalated", "seats": 3}))),
        ..RecordUpdate::default()
    };
    c.update_record(&id, &theirs).await.expect("their save");
    type_text(&mut r, " (mine)");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the conflict", |a| {
        a.form
            .as_ref()
            .and_then(|f| f.banner.as_deref())
            .is_some_and(|b| b.contains("Someone else saved"))
    })
    .await;
    assert_eq!(puts(&sb), 1, "only their PUT: ours was not sent");
    let form = r.app.form.as_ref().expect("form");
    assert_eq!(form.name.text(), "Alpha (mine)", "your edit is kept");
    assert_eq!(
        form.rows[0].value.text(),
        "escalated",
        "their change is merged in"
    );
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the merged save", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.name, "Alpha (mine)");
    assert_eq!(
        stored.metadata,
        common::obj(json!({"status": "escalated", "seats": 3}))
    );
}

#[tokio::test]
async fn flicking_through_records_keeps_one_detail_request_in_flight() {
    let (sb, _c) = start(SandboxOptions {
        latency: Duration::from_millis(300),
        seed: runtype_tui::sandbox::Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() >= 100).await;
    for _ in 0..50 {
        key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
        // Let cancelled tasks wind down; without cancelling, each would wait out its 300 ms.
        for _ in 0..5 {
            tokio::task::yield_now().await;
        }
        assert!(
            r.detail_requests_in_flight() <= 1,
            "{} in flight",
            r.detail_requests_in_flight()
        );
        key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
        key(&mut r, KeyCode::Down, KeyModifiers::NONE);
    }
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    for _ in 0..5 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        r.detail_requests_in_flight(),
        1,
        "the last one is still coming"
    );
    wait(&mut r, "the last record", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
    assert_eq!(
        r.app.detail.as_ref().map(|d| d.id.clone()),
        r.app.list.selected_record().map(|row| row.id.to_string())
    );
}
