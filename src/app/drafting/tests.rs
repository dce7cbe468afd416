use super::*;
use crate::app::tests::{ch, ctrl, editing, key, loaded, record, type_text};
use crate::app::{Context, Msg, update};
use crossterm::event::KeyCode;

/// A draft of record `i` with its name changed, as read from an earlier session's file.
fn left_over(i: usize) -> Draft {
    let mut form = Form::open(&record(i));
    form.input(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    let mut d = form.to_draft();
    d.origin = Some(format!("/state/drafts/sandbox/1-1/record_{i:04}.json"));
    d
}

fn found(a: &mut App, drafts: Vec<Draft>) -> Ticket {
    let fx = update(
        a,
        Msg::DraftsFound {
            drafts,
            problems: Vec::new(),
        },
    );
    match fx.as_slice() {
        [Effect::ArmOffer { ticket, .. }] => *ticket,
        other => panic!("the offer arms after a pause: {other:?}"),
    }
}

fn deletes_file(fx: &[Effect], i: usize) -> bool {
    fx.iter().any(|e| {
        matches!(e, Effect::DeleteDraftFile { path } if path.ends_with(&format!("record_{i:04}.json")))
    })
}

#[test]
fn drafts_are_offered_and_resume_exactly_once_armed() {
    let mut a = loaded();
    let draft = left_over(2);
    let t = found(&mut a, vec![draft.clone(), left_over(4)]);
    assert_eq!(a.context(), Context::Offer);
    update(&mut a, Msg::OfferArmed { ticket: t });
    let fx = update(&mut a, ch('s'));
    let resumed = a.form.as_ref().expect("resumed");
    assert_eq!(resumed.to_draft().name, draft.name);
    assert!(
        matches!(fx.first(), Some(Effect::WriteDraft { .. })),
        "copied into this session's journal first: {fx:?}"
    );
    assert!(deletes_file(&fx, 2), "then the old file goes: {fx:?}");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("O reviews")));
}

#[test]
fn type_ahead_at_start_never_answers_the_offer() {
    let mut a = loaded();
    found(&mut a, vec![left_over(2)]);
    // "/dog" typed before the offer could be seen: it goes to the list's search.
    let fx = type_text(&mut a, "/dog");
    assert!(!deletes_file(&fx, 2), "{fx:?}");
    assert!(a.offer.is_none(), "the offer steps aside");
    assert_eq!(a.drafts_offer.len(), 1, "the draft is kept");
    assert_eq!(a.context(), Context::Prompt, "the keys went to the search");
}

#[test]
fn drafts_found_after_type_ahead_are_not_put_in_the_way() {
    let mut a = loaded();
    type_text(&mut a, "/do");
    let fx = update(
        &mut a,
        Msg::DraftsFound {
            drafts: vec![left_over(2)],
            problems: Vec::new(),
        },
    );
    assert!(fx.is_empty() && a.offer.is_none(), "{fx:?}");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("O reviews")));
    assert_eq!(a.context(), Context::Prompt);
}

#[test]
fn discarding_asks_again_and_only_y_discards() {
    let mut a = loaded();
    let t = found(&mut a, vec![left_over(2), left_over(4)]);
    update(&mut a, Msg::OfferArmed { ticket: t });
    assert!(
        update(&mut a, ch('d')).is_empty(),
        "one key deletes nothing"
    );
    assert!(update(&mut a, ch('o')).is_empty(), "any other key keeps it");
    assert_eq!(a.drafts_offer.len(), 2);
    update(&mut a, ch('d'));
    let fx = update(&mut a, ch('y'));
    assert!(deletes_file(&fx, 2), "{fx:?}");
    assert_eq!(a.context(), Context::Offer, "the next draft is offered");
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.context(), Context::List, "later");
    assert_eq!(a.drafts_offer.len(), 1);
}

#[test]
fn later_then_opening_the_record_offers_its_draft_and_deletes_nothing() {
    let mut a = loaded();
    let t = found(&mut a, vec![left_over(0)]);
    update(&mut a, Msg::OfferArmed { ticket: t });
    update(&mut a, key(KeyCode::Esc));
    editing(&mut a);
    assert!(
        a.offer.as_ref().is_some_and(|o| o.in_form),
        "the record's draft is offered over its form"
    );
    let t = a.offer.as_ref().map(|o| o.ticket).expect("offer");
    update(&mut a, Msg::OfferArmed { ticket: t });
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.context(), Context::Form, "the server's version");
    let fx = update(&mut a, key(KeyCode::Esc));
    assert!(
        !fx.iter().any(|e| matches!(
            e,
            Effect::DeleteDraft { .. } | Effect::DeleteDraftFile { .. }
        )),
        "leaving an unchanged form deletes no draft: {fx:?}"
    );
    assert_eq!(a.drafts_offer.len(), 1);
}

#[test]
fn discard_at_the_quit_question_deletes_and_leaves_nothing_to_write() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let due = a.draft_due.expect("due");
    update(&mut a, Msg::DraftDue { ticket: due });
    update(&mut a, ctrl('c'));
    assert!(a.guard.is_some());
    let fx = update(&mut a, ch('d'));
    assert!(
        fx.contains(&Effect::DeleteDraft {
            id: "record_0000".into()
        }),
        "{fx:?}"
    );
    assert_eq!(a.exit, Some(0));
    assert!(
        a.form.is_none(),
        "no open form for the exit path to journal again"
    );
}

#[test]
fn keys_typed_before_the_form_appears_land_in_it() {
    let mut a = loaded();
    let fx = update(&mut a, ch('e'));
    let ticket = match fx.as_slice() {
        [Effect::LoadRecord { ticket, .. }] => *ticket,
        other => panic!("{other:?}"),
    };
    type_text(&mut a, "q!x");
    assert_eq!(a.exit, None, "q is text for the coming form, not quit");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("q!x")));
    update(&mut a, key(KeyCode::Backspace));
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record(0)),
        },
    );
    assert_eq!(
        a.form.as_ref().map(|f| f.name.text()),
        Some("Record 0q!".to_owned())
    );
}
