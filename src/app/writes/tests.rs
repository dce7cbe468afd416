use super::*;
use crate::app::tests::{key, loaded};
use crate::app::{Msg, update};
use crossterm::event::KeyCode;

fn put_entry(name: &str, outcome: &str) -> WriteEntry {
    WriteEntry {
        time: "2026-11-29T10:00:00Z".into(),
        profile: "sandbox".into(),
        method: "PUT".into(),
        path: "/records/r1".into(),
        body: None,
        before: vec![serde_json::json!({"id": "r1", "name": name})],
        answer: Some(serde_json::json!({"id": "r1", "name": format!("{name}!")})),
        outcome: outcome.into(),
    }
}

fn loaded_history(a: &mut App, entries: Vec<WriteEntry>) {
    let fx = a.open_history();
    let Some(Effect::LoadWrites { ticket }) = fx.first() else {
        panic!("{fx:?}")
    };
    update(
        a,
        Msg::WritesLoaded {
            ticket: *ticket,
            result: Ok(entries),
        },
    );
}

#[test]
fn history_lists_newest_first_and_u_undoes_the_selected_entry() {
    let mut a = loaded();
    loaded_history(&mut a, vec![put_entry("Old", "ok"), put_entry("New", "ok")]);
    let view = a.journal_view.as_ref().expect("open");
    assert!(view.entries[0].summary().contains("New"), "newest first");
    update(&mut a, key(KeyCode::End));
    assert!(
        update(&mut a, key(KeyCode::Char('u'))).is_empty(),
        "the first u only asks"
    );
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("u again")));
    let fx = update(&mut a, key(KeyCode::Char('u')));
    match fx.as_slice() {
        [Effect::Undo { entry, .. }] => assert!(entry.summary().contains("Old")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failed_write_is_not_undone_and_enter_opens_the_record() {
    let mut a = loaded();
    loaded_history(&mut a, vec![put_entry("Broken", "failed: HTTP 500")]);
    update(&mut a, key(KeyCode::Char('u')));
    assert!(update(&mut a, key(KeyCode::Char('u'))).is_empty());
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("did not happen"))
    );
    let fx = update(&mut a, key(KeyCode::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::LoadRecord { id, .. }] if id == "r1"),
        "{fx:?}"
    );
    assert!(a.journal_view.is_none());
}

#[test]
fn undo_without_the_screen_reverts_the_newest_write() {
    let mut a = loaded();
    let fx = a.undo_selected();
    let Some(Effect::LoadWrites { ticket }) = fx.first() else {
        panic!("{fx:?}")
    };
    let fx = update(
        &mut a,
        Msg::WritesLoaded {
            ticket: *ticket,
            result: Ok(vec![put_entry("Old", "ok"), put_entry("New", "ok")]),
        },
    );
    match fx.as_slice() {
        [Effect::Undo { entry, .. }] => assert!(entry.summary().contains("New")),
        other => panic!("{other:?}"),
    }
}
