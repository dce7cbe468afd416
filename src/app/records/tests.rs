use super::*;
use crate::app::tests::{ch, ctrl, key, loaded, record, type_text};
use crate::app::{Context, Msg, update};

fn created(name: &str) -> Record {
    Record {
        id: "record_new".into(),
        name: name.into(),
        record_type: "ticket".into(),
        updated_at: "2026-11-29T00:00:00.000Z".into(),
        ..record(0)
    }
}

#[test]
fn n_opens_an_empty_form_that_creates_on_ctrl_s() {
    let mut a = loaded();
    update(&mut a, ch('n'));
    let form = a.form.as_ref().expect("form");
    assert!(form.creating);
    assert!(
        !form.is_dirty(),
        "an untouched new form leaves without asking"
    );
    // Name is focused first; without a type the save is refused locally.
    type_text(&mut a, "Fresh");
    assert!(
        update(&mut a, ctrl('s')).is_empty(),
        "a record without a type is refused locally"
    );
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("Type")));
    assert_eq!(
        a.form.as_ref().map(|f| f.focus),
        Some(crate::app::form::FieldPath::Type),
        "the refusal takes the focus to the field at fault"
    );
    type_text(&mut a, "ticket");
    let fx = update(&mut a, ctrl('s'));
    let (ticket, body) = match fx.as_slice() {
        [Effect::CreateRecord { ticket, record }] => (*ticket, record.clone()),
        other => panic!("one POST: {other:?}"),
    };
    assert_eq!(
        serde_json::to_string(&body).ok().as_deref(),
        Some(r#"{"type":"ticket","name":"Fresh","metadata":{}}"#)
    );
    type_text(&mut a, "!");
    update(
        &mut a,
        Msg::Created {
            ticket,
            result: Ok(created("Fresh")),
        },
    );
    let form = a.form.as_ref().expect("still open");
    assert_eq!(form.id, "record_new", "now it is that record");
    assert!(!form.creating);
    assert_eq!(
        form.record_type.text(),
        "ticket!",
        "the key typed meanwhile (in the type field, focused) stays"
    );
    assert!(form.is_dirty(), "and is not saved yet");
    assert_eq!(&*a.list.records[0].id, "record_new", "first in the list");
}

#[test]
fn a_refused_create_keeps_the_form_and_says_why() {
    let mut a = loaded();
    update(
        &mut a,
        Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(':'),
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    type_text(&mut a, "new ticket");
    update(&mut a, key(crossterm::event::KeyCode::Enter));
    type_text(&mut a, "Dup");
    let fx = update(&mut a, ctrl('s'));
    let Some(Effect::CreateRecord { ticket, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let conflict = ApiError::Http {
        status: 409,
        body: crate::api::ErrorBody::Empty,
        retry_after: None,
    };
    update(
        &mut a,
        Msg::Created {
            ticket: *ticket,
            result: Err(conflict),
        },
    );
    let form = a.form.as_ref().expect("kept");
    assert!(form.creating, "still a new record");
    assert_eq!(form.name.text(), "Dup");
    assert!(form.error_for(crate::app::form::FieldPath::Name).is_some());
}

#[test]
fn d_asks_with_the_name_and_only_y_deletes() {
    let mut a = loaded();
    update(&mut a, ch('D'));
    assert_eq!(a.context(), Context::Dialog);
    assert_eq!(a.delete.as_ref().map(|d| d.name.as_str()), Some("Record 0"));
    assert!(update(&mut a, ch('n')).is_empty(), "any other key keeps it");
    assert!(a.delete.is_none());
    update(&mut a, ch('D'));
    let fx = update(&mut a, ch('y'));
    let Some(Effect::DeleteRecord { ticket, id }) = fx.first() else {
        panic!("{fx:?}")
    };
    assert_eq!(id, "record_0000");
    assert_eq!(a.context(), Context::List, "the delete blocks nothing");
    update(
        &mut a,
        Msg::Deleted {
            ticket: *ticket,
            id: id.clone(),
            result: Ok(()),
        },
    );
    assert!(!a.list.records.iter().any(|r| &*r.id == "record_0000"));
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("Deleted")));
}

/// Esc out of an untouched new form: the "Ctrl-S creates it" notice goes with the form.
#[test]
fn leaving_a_new_form_takes_its_notice_along() {
    let mut a = loaded();
    update(&mut a, ch('n'));
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("creates it"))
    );
    update(&mut a, key(crossterm::event::KeyCode::Esc));
    assert!(a.form.is_none());
    assert_eq!(a.notice, None);
}
