//! The draft journal: when edits are written, and what a failing journal says.

use super::*;

#[test]
fn edits_are_journaled_after_a_pause_and_on_field_changes() {
    let mut a = loaded();
    editing(&mut a);
    let fx = type_text(&mut a, "ab");
    let tickets: Vec<Ticket> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::DraftDue { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .collect();
    assert_eq!(tickets.len(), 2, "every keystroke restarts the pause");
    assert!(
        update(&mut a, Msg::DraftDue { ticket: tickets[0] }).is_empty(),
        "superseded"
    );
    let fx = update(&mut a, Msg::DraftDue { ticket: tickets[1] });
    match fx.as_slice() {
        [Effect::WriteDraft { draft }] => assert_eq!(draft.name, "Record 0ab"),
        other => panic!("expected a draft write, got {other:?}"),
    }
    let fx = update(&mut a, key(KeyCode::Tab));
    assert!(
        matches!(fx.as_slice(), [Effect::WriteDraft { .. }]),
        "a field change writes at once: {fx:?}"
    );
    // Discarding ends the draft.
    update(&mut a, key(KeyCode::Esc));
    let fx = update(&mut a, ch('d'));
    assert!(
        fx.contains(&Effect::DeleteDraft {
            id: "record_0000".into()
        }),
        "{fx:?}"
    );
}

#[test]
fn a_journal_that_cannot_be_written_is_said_at_once_and_saving_still_works() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    update(
        &mut a,
        Msg::DraftWritten {
            result: Err("cannot write drafts to /ro: permission denied".into()),
        },
    );
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("Drafts are not being kept"))
    );
    assert!(
        a.form
            .as_ref()
            .and_then(|f| f.banner.as_deref())
            .is_some_and(|b| b.contains("Ctrl-S still saves"))
    );
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    assert_eq!(upd.name.as_deref(), Some("Record 0!"));
}
