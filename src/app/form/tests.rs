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
    let mut r = record(0);
    r.name = name.to_owned();
    assert_eq!(Form::open(&r).local.contains_key(&FieldPath::Name), error);
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
    f.server.insert(FieldPath::Name, "taken".into());
    f.server.insert(FieldPath::Type, "taken".into());
    typed(&mut f, "x");
    assert_eq!(f.error_for(FieldPath::Name), None);
    assert_eq!(f.error_for(FieldPath::Type), Some("taken"));
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
