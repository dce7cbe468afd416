use super::*;
use crate::app::tests::record;
use crossterm::event::{KeyCode, KeyModifiers};
use rstest::rstest;

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[rstest]
#[case::empty("", true)]
#[case::one("a", false)]
#[case::max_ascii(&"a".repeat(500), false)]
#[case::over_ascii(&"a".repeat(501), true)]
#[case::max_emoji(&"😀".repeat(500), false)]
#[case::over_emoji(&"😀".repeat(501), true)]
fn name_limit_counts_characters(#[case] name: &str, #[case] error: bool) {
    let mut f = Form::open(&record(0));
    f.name = TextField::new(name, false);
    assert_eq!(f.validate().contains_key(&FieldPath::Name), error);
}

#[test]
fn a_record_already_over_a_limit_opens_clean_and_saves_other_fields() {
    let mut r = record(0);
    r.name = "n".repeat(501);
    r.record_type = "t".repeat(256);
    let mut f = Form::open(&r);
    assert!(!f.is_dirty(), "nothing changed: Esc must not ask");
    assert!(f.local.is_empty(), "{:?}", f.local);
    let warnings = f.warnings();
    assert!(warnings[&FieldPath::Name].contains("501 characters"));
    assert!(warnings[&FieldPath::Type].contains("256 characters"));
    f.focus = FieldPath::MetadataValue(0);
    typed(&mut f, "ed");
    let upd = f.update().expect("a metadata-only edit is valid");
    assert_eq!((upd.name, upd.record_type), (None, None));
    assert_eq!(upd.metadata.expect("metadata")["status"], "opened");
    f.focus = FieldPath::Name;
    typed(&mut f, "x");
    assert!(
        f.validate()[&FieldPath::Name].contains("502 characters"),
        "a change to the name itself is checked"
    );
}

#[test]
fn untouched_values_go_back_byte_for_byte() {
    let body = br#"{"id": "r1", "type": "t", "name": "n", "createdAt": "c", "updatedAt": "u",
            "metadata": {"a": "x", "z": -0, "huge": 1e400, "e": 1E+2, "d": 1.50,
                         "nested": {"b": 2, "a": -0.0}}}"#;
    let mut r: crate::api::Record = serde_json::from_slice(body).expect("record");
    // As the client does with every record it receives.
    crate::api::exact::respell_record(&mut r, body);
    let mut f = Form::open(&r);
    f.focus = FieldPath::MetadataValue(0);
    typed(&mut f, "y");
    let body = serde_json::to_string(&f.update().expect("valid")).expect("json");
    assert_eq!(
        body,
        r#"{"metadata":{"a":"xy","z":-0,"huge":1e400,"e":1E+2,"d":1.50,"nested":{"b":2,"a":-0.0}}}"#
    );
}

#[test]
fn every_update_carries_the_whole_metadata() {
    let mut f = Form::open(&record(0));
    typed(&mut f, "!");
    let upd = f.update().expect("valid");
    assert_eq!(upd.name.as_deref(), Some("Record 0!"));
    let sent = serde_json::to_string(&upd.metadata.expect("metadata always sent")).expect("json");
    assert_eq!(sent, r#"{"status":"open","seats":10,"price":1.50}"#);
}

#[test]
fn a_null_value_shows_and_sends_what_is_typed() {
    let mut f = Form::open(&record(0));
    f.focus = FieldPath::MetadataValue(0);
    for _ in 0..3 {
        f.cycle_kind();
    }
    assert_eq!(f.rows[0].kind, ValueKind::Null);
    assert_eq!(f.rows[0].value.text(), "", "a null shows no old text");
    assert_eq!(
        f.metadata().expect("valid")["status"],
        serde_json::Value::Null
    );
    typed(&mut f, "9");
    assert_eq!(
        f.rows[0].kind,
        ValueKind::String,
        "typing makes it a string"
    );
    assert_eq!(f.metadata().expect("valid")["status"], "9");
    f.cycle_kind();
    f.cycle_kind();
    f.cycle_kind();
    assert_eq!(f.rows[0].kind, ValueKind::Null);
    f.cycle_kind();
    assert_eq!(
        (f.rows[0].kind, f.rows[0].value.text().as_str()),
        (ValueKind::Json, "9"),
        "the text set aside for null comes back"
    );
}

/// Typing into a null value makes it text; one undo makes it null again (not an empty
/// string), and redo brings the text back.
#[test]
fn undo_after_typing_into_a_null_brings_the_null_back() {
    let mut f = Form::open(&record(0));
    f.focus = FieldPath::MetadataValue(0);
    for _ in 0..3 {
        f.cycle_kind();
    }
    assert_eq!(f.rows[0].kind, ValueKind::Null);
    typed(&mut f, "9");
    assert_eq!(f.metadata().expect("valid")["status"], "9");
    assert!(f.undo());
    assert_eq!(f.rows[0].kind, ValueKind::Null);
    assert_eq!(
        f.metadata().expect("valid")["status"],
        serde_json::Value::Null
    );
    assert!(f.redo());
    assert_eq!(f.metadata().expect("valid")["status"], "9");
    assert!(f.undo());
    for _ in 0..3 {
        assert!(f.undo(), "and each switch of type is undone too");
    }
    assert_eq!(f.metadata().expect("valid")["status"], "open");
}

#[test]
fn typing_during_a_save_survives_its_answer() {
    let mut f = Form::open(&record(0));
    typed(&mut f, " A");
    f.sent = f.intent().map(Box::new);
    let mut saved = f.intent().expect("valid");
    saved.updated_at = "2026-11-21T00:00:00.000Z".into();
    // Typed while the save is in flight: more name, and a metadata change.
    typed(&mut f, "B");
    f.focus = FieldPath::MetadataValue(0);
    typed(&mut f, "ed");
    f.saved(&saved, Vec::new());
    assert_eq!(f.name.text(), "Record 0 AB");
    assert_eq!(f.rows[0].value.text(), "opened");
    assert_eq!(
        f.base.updated_at, saved.updated_at,
        "the next save checks the new version"
    );
    assert!(f.is_dirty(), "the later keys are not saved yet");
    let upd = f.update().expect("valid");
    assert_eq!(upd.name.as_deref(), Some("Record 0 AB"));
    assert!(f.conflicts.is_empty());
    // Without later keys the form is simply the saved record.
    let mut g = Form::open(&record(0));
    typed(&mut g, " A");
    g.sent = g.intent().map(Box::new);
    g.saved(&saved, Vec::new());
    assert!(!g.is_dirty());
}

#[test]
fn focus_walks_every_field_and_wraps() {
    let mut f = Form::open(&record(0));
    let order = f.focus_order();
    assert_eq!(order.len(), 2 + 2 * 3);
    for expected in order.iter().skip(1).chain(order.first()) {
        f.step_focus(true);
        assert_eq!(f.focus, *expected);
    }
    f.step_focus(false);
    assert_eq!(f.focus, *order.last().expect("fields"));
}

#[test]
fn rows_can_be_added_removed_and_reordered() {
    let mut f = Form::open(&record(0));
    f.focus = FieldPath::MetadataValue(0);
    f.add_row();
    assert_eq!(f.focus, FieldPath::MetadataKey(1));
    assert_eq!(
        f.error_for(FieldPath::MetadataKey(1)),
        Some("key is required")
    );
    typed(&mut f, "seats");
    assert!(
        f.error_for(FieldPath::MetadataKey(1))
            .is_some_and(|e| e.contains("duplicate"))
    );
    typed(&mut f, "_2");
    assert!(f.local.is_empty(), "{:?}", f.local);
    f.move_row(true);
    assert_eq!(f.focus, FieldPath::MetadataKey(0));
    assert_eq!(f.rows[0].key.text(), "seats_2");
    let upd = f.update().expect("valid");
    let keys: Vec<&String> = upd
        .metadata
        .as_ref()
        .expect("metadata changed")
        .keys()
        .collect();
    assert_eq!(keys, ["seats_2", "status", "seats", "price"]);
    f.remove_row();
    assert_eq!(f.rows.len(), 3);
    assert!(!f.is_dirty(), "back to the original");
}

#[test]
fn reordering_alone_is_a_change() {
    let mut f = Form::open(&record(0));
    f.focus = FieldPath::MetadataKey(1);
    f.move_row(true);
    assert!(f.update().is_some_and(|u| u.metadata.is_some()));
}

#[test]
fn value_types_cycle_and_validate() {
    let mut f = Form::open(&record(0));
    f.focus = FieldPath::MetadataValue(0); // "open", a string
    f.cycle_kind();
    assert_eq!(f.rows[0].kind, ValueKind::Number);
    assert!(
        f.error_for(FieldPath::MetadataValue(0))
            .is_some_and(|e| e.contains("not a number"))
    );
    f.cycle_kind();
    f.cycle_kind();
    assert_eq!(f.rows[0].kind, ValueKind::Null);
    assert!(f.local.is_empty());
    assert_eq!(
        f.update()
            .and_then(|u| u.metadata)
            .map(|m| m["status"].clone()),
        Some(serde_json::Value::Null)
    );
}

#[test]
fn server_errors_clear_when_their_field_is_edited() {
    let mut f = Form::open(&record(0));
    f.server.insert(FieldPath::Name, "reserved".into());
    f.server.insert(FieldPath::Type, "unknown type".into());
    typed(&mut f, "x");
    assert_eq!(f.error_for(FieldPath::Name), None);
    assert_eq!(f.error_for(FieldPath::Type), Some("unknown type"));
}

#[test]
fn a_clash_of_the_pair_clears_from_either_field() {
    let mut f = Form::open(&record(0));
    f.server.insert(FieldPath::Name, "taken".into());
    f.server.insert(FieldPath::Type, "taken".into());
    f.focus = FieldPath::Type;
    typed(&mut f, "x");
    assert_eq!(f.error_for(FieldPath::Type), None);
    assert_eq!(
        f.error_for(FieldPath::Name),
        None,
        "the 409 is about the pair"
    );
}

#[test]
fn multiline_values_keep_arrows_inside() {
    let mut r = record(0);
    r.metadata
        .insert("note".into(), serde_json::Value::String("a\nb".into()));
    let mut f = Form::open(&r);
    f.focus = FieldPath::MetadataValue(3);
    assert!(
        !f.arrow_leaves_field(true),
        "cursor is on the last line: up stays inside"
    );
    assert!(f.arrow_leaves_field(false));
    f.insert_newline();
    typed(&mut f, "c");
    assert_eq!(f.rows[3].value.text(), "a\nb\nc");
}
