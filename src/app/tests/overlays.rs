//! What the screens say and which keys do what: help, the message log, prompts, hints,
//! undo, jumps, and messages that must not go stale.

use super::*;

fn alt(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

fn with_mods(code: KeyCode, mods: KeyModifiers) -> Msg {
    Msg::Key(KeyEvent::new(code, mods))
}

#[test]
fn messages_command_and_m_show_the_full_text_of_a_long_message() {
    let reason = format!("overloaded: {}", "a very long reason ".repeat(20));
    let body = serde_json::json!({ "error": reason }).to_string();
    let mut a = failed_save(server_error(503, &body));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('d'));
    update(&mut a, ch(':'));
    type_text(&mut a, "messages");
    update(&mut a, key(KeyCode::Enter));
    assert!(a.help && a.messages_shown, "the log is open");
    let shown = a.message_lines(200).join(" ");
    assert!(shown.contains(reason.trim_end()), "in full: {shown}");
    update(&mut a, key(KeyCode::Esc));
    assert!(!a.help);
    update(&mut a, ch('M'));
    assert!(a.messages_shown, "M opens it too");
}

#[test]
fn help_opens_everywhere_and_scrolls_to_its_end_only() {
    let mut a = loaded();
    a.height = 15;
    update(&mut a, ch('?'));
    assert!(a.help);
    update(&mut a, ch('G'));
    let end = a.help_scroll;
    assert!(end > 0, "a 15-line terminal cannot show every key at once");
    update(&mut a, ch('j'));
    assert_eq!(a.help_scroll, end, "never past the end");
    update(&mut a, ch('k'));
    assert_eq!(a.help_scroll, end - 1, "and back at once");
    update(&mut a, key(KeyCode::Esc));
    editing(&mut a);
    update(&mut a, ch('?'));
    assert!(!a.help, "? types in the form");
    assert!(
        a.form
            .as_ref()
            .is_some_and(|f| f.name.text().ends_with('?'))
    );
    update(&mut a, key(KeyCode::F(1)));
    assert!(a.help, "F1 is help in the form");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('/'));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('/'));
    update(&mut a, key(KeyCode::F(1)));
    assert!(a.help, "F1 is help in a prompt");
}

#[test]
fn a_fixed_name_clears_the_refusal_everywhere() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, &"x".repeat(600));
    update(&mut a, ctrl('s'));
    let refusal = a.form.as_ref().and_then(|f| f.banner.clone());
    assert!(
        refusal
            .as_deref()
            .is_some_and(|b| b.contains("Name is 608"))
    );
    assert_eq!(a.notice, refusal);
    for _ in 0..600 {
        update(&mut a, key(KeyCode::Backspace));
    }
    let f = a.form.as_ref().expect("form");
    assert_eq!((f.banner.as_deref(), a.notice.as_deref()), (None, None));
}

#[test]
fn readline_keys_and_undo_across_the_form() {
    let mut a = loaded();
    editing(&mut a);
    update(&mut a, ctrl('u'));
    assert_eq!(a.form.as_ref().map(|f| f.name.text()), Some(String::new()));
    update(&mut a, ctrl('_'));
    assert_eq!(
        a.form.as_ref().map(|f| f.name.text()),
        Some("Record 0".into())
    );
    update(&mut a, with_mods(KeyCode::End, KeyModifiers::CONTROL));
    update(&mut a, with_mods(KeyCode::Delete, KeyModifiers::CONTROL));
    assert_eq!(
        a.form.as_ref().map(|f| f.rows.len()),
        Some(2),
        "a row removed"
    );
    update(&mut a, ctrl('d'));
    assert_eq!(
        a.form.as_ref().map(|f| f.rows.len()),
        Some(2),
        "Ctrl-D is not a row key"
    );
    update(&mut a, ctrl('_'));
    let f = a.form.as_ref().expect("form");
    assert_eq!(f.rows.len(), 3, "the removal is undone");
    assert!(!f.is_dirty());
}

#[test]
fn save_and_close_goes_back_where_the_form_was_opened() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let (ticket, _) = save_effect(update(&mut a, alt('s')));
    let mut saved = record(0);
    saved.name = "Record 0!".into();
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: saved.id.clone(),
            result: Ok(saved),
        },
    );
    assert!(a.form.is_none() && a.detail.is_none(), "back on the list");
    assert_eq!(a.context(), Context::List);
}

#[test]
fn jumps_go_to_a_key_by_part_of_its_name_and_to_the_ends() {
    let mut a = loaded();
    editing(&mut a);
    update(&mut a, ctrl('g'));
    type_text(&mut a, "ric");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        a.form.as_ref().map(|f| f.focus),
        Some(FieldPath::MetadataValue(2))
    );
    update(&mut a, with_mods(KeyCode::Home, KeyModifiers::CONTROL));
    assert_eq!(a.form.as_ref().map(|f| f.focus), Some(FieldPath::Name));
    update(&mut a, alt('>'));
    assert_eq!(
        a.form.as_ref().map(|f| f.focus),
        Some(FieldPath::MetadataValue(2))
    );
}

#[test]
fn esc_in_a_prompt_keeps_what_was_applied_and_empty_enter_clears_only_that_filter() {
    let mut a = loaded();
    update(&mut a, ch('/'));
    type_text(&mut a, "acme");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, ch('t'));
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(a.list.filter.record_type, None, "empty: no type picked");
    update(&mut a, ch('t'));
    type_text(&mut a, "tick");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(a.list.filter.record_type.as_deref(), Some("ticket"));
    update(&mut a, ch('/'));
    type_text(&mut a, "xyz");
    let fx = update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.list.filter.search, "acme", "Esc keeps the applied search");
    assert!(
        requests(&fx)
            .iter()
            .all(|e| matches!(e, Effect::LoadPage { .. }))
    );
    update(&mut a, ch('t'));
    for _ in 0..6 {
        update(&mut a, key(KeyCode::Backspace));
    }
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        a.list.filter.record_type, None,
        "the type filter is cleared"
    );
    assert_eq!(a.list.filter.search, "acme", "and only it");
}

#[test]
fn the_unsaved_changes_question_lists_the_changes() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    update(&mut a, key(KeyCode::Esc));
    let changes = a.form.as_ref().map(|f| f.changes()).unwrap_or_default();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, "name");
    assert_eq!(changes[0].after.as_deref(), Some("Record 0!"));
}

#[test]
fn a_number_that_is_not_finite_is_refused() {
    let mut a = loaded();
    editing(&mut a);
    update(&mut a, ctrl('g'));
    type_text(&mut a, "seats");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, ctrl('u'));
    type_text(&mut a, "1e999");
    let fx = update(&mut a, ctrl('s'));
    assert!(requests(&fx).is_empty(), "nothing sent: {fx:?}");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("finite")));
}
