//! The journal of writes through the whole app: every write is journaled (never the key),
//! `:history` lists it, and `:undo` reverts it without ever overwriting a later change.

mod common;

use common::app::{key, runner_unstarted, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::{ClientConfig, RecordUpdate};
use runtype_tui::runtime::Runner;
use runtype_tui::runtime::writes::WriteLog;
use runtype_tui::sandbox::SandboxHandle;
use serde_json::json;

fn command(r: &mut Runner<TestBackend>, line: &str) {
    key(r, KeyCode::Char(':'), KeyModifiers::NONE);
    type_text(r, line);
    key(r, KeyCode::Enter, KeyModifiers::NONE);
}

async fn undone(r: &mut Runner<TestBackend>) -> String {
    wait(r, "the undo", |a| {
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Undone") || n.starts_with("Not undone"))
    })
    .await;
    r.app.notice.clone().unwrap_or_default()
}

/// The app on `sb`, journaling its writes to `journal`, with the one record listed; then an
/// edit of it (`text` appended to the name) saved and the form closed.
async fn saved_edit(
    sb: &SandboxHandle,
    journal: std::path::PathBuf,
    text: &str,
) -> Runner<TestBackend> {
    let mut r =
        runner_unstarted(sb, ClientConfig::default()).with_writes(WriteLog::at(journal, "sandbox"));
    r.start().expect("first frame");
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(&mut r, "the form", |a| a.form.is_some()).await;
    type_text(&mut r, text);
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    wait(&mut r, "the save", |a| {
        a.notice.as_deref() == Some("Saved.")
    })
    .await;
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    r
}

#[tokio::test]
async fn a_save_and_a_delete_are_journaled_and_undone() {
    let (sb, c) = start(empty()).await;
    let alpha = c
        .create_record(&new_record("ticket", "Alpha", json!({"status": "open"})))
        .await
        .expect("alpha");
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("journal.jsonl");
    let mut r = saved_edit(&sb, journal.clone(), " renamed").await;
    command(&mut r, "history");
    wait(&mut r, "the journal", |a| {
        a.journal_view
            .as_ref()
            .is_some_and(|h| h.entries.len() == 1)
    })
    .await;
    assert!(screen(&r).contains("PUT"), "{}", screen(&r));
    key(&mut r, KeyCode::Char('u'), KeyModifiers::NONE);
    key(&mut r, KeyCode::Char('u'), KeyModifiers::NONE);
    let said = undone(&mut r).await;
    assert!(said.starts_with("Undone"), "{said}");
    assert_eq!(c.get_record(&alpha.id).await.expect("alpha").name, "Alpha");

    // Delete, then undo: the record comes back (with a new id).
    wait(&mut r, "the reload", |a| a.list.records.len() == 1).await;
    key(&mut r, KeyCode::Char('D'), KeyModifiers::NONE);
    key(&mut r, KeyCode::Char('y'), KeyModifiers::NONE);
    wait(&mut r, "the delete", |a| {
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Deleted"))
    })
    .await;
    command(&mut r, "undo");
    let said = undone(&mut r).await;
    assert!(said.contains("created again"), "{said}");
    let page = c.list_records(&Default::default()).await.expect("list");
    let back: Vec<&str> = page.records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(back, ["Alpha"]);
    assert_eq!(page.records[0].metadata["status"], "open");
    let text = std::fs::read_to_string(&journal).expect("journal");
    assert!(!text.contains(sb.api_key()), "never the key");
    assert!(
        text.lines().count() >= 4,
        "save, undo, delete, re-create:\n{text}"
    );
}

#[tokio::test]
async fn undo_never_overwrites_a_change_made_since() {
    let (sb, c) = start(empty()).await;
    let alpha = c
        .create_record(&new_record("ticket", "Alpha", json!({"status": "open"})))
        .await
        .expect("alpha");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut r = saved_edit(&sb, dir.path().join("j.jsonl"), " mine").await;
    let theirs = RecordUpdate {
        name: Some("Alpha theirs".into()),
        ..RecordUpdate::default()
    };
    c.update_record(&alpha.id, &theirs)
        .await
        .expect("their save");
    command(&mut r, "undo");
    let said = undone(&mut r).await;
    assert!(said.contains("changed since"), "{said}");
    assert_eq!(
        c.get_record(&alpha.id).await.expect("alpha").name,
        "Alpha theirs",
        "their change stands"
    );
}
