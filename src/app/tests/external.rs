//! `:yank` and the external editor as the app sees them: what is handed out, and what is
//! done with the text that comes back.

use super::*;
use crate::app::external::EditTarget;

fn form_open() -> App {
    let mut a = loaded();
    editing(&mut a);
    a
}

/// Runs a `:` line over the form (F2); the history write is left out.
fn command(a: &mut App, line: &str) -> Vec<Effect> {
    update(a, key(KeyCode::F(2)));
    type_text(a, line);
    let mut fx = update(a, key(KeyCode::Enter));
    fx.retain(|e| !matches!(e, Effect::SaveHistory { .. }));
    fx
}

fn edit_request(effects: &[Effect]) -> (EditTarget, String) {
    match effects {
        [Effect::EditText { target, text }] => (target.clone(), text.clone()),
        other => panic!("no editor asked for: {other:?}"),
    }
}

#[test]
fn ctrl_x_ctrl_e_hands_the_focused_value_to_the_editor() {
    let mut a = form_open();
    update(&mut a, ctrl('x'));
    let (target, text) = edit_request(&update(&mut a, ctrl('e')));
    assert_eq!(text, "Record 0");
    assert!(matches!(
        target,
        EditTarget::Value {
            path: FieldPath::Name,
            ..
        }
    ));
}

#[test]
fn ctrl_e_alone_stays_end_of_line_and_a_broken_chord_types() {
    let mut a = form_open();
    assert!(update(&mut a, ctrl('e')).is_empty());
    update(&mut a, ctrl('x'));
    update(&mut a, ch('!'));
    let name = a.form.as_ref().map(|f| f.name.text());
    assert_eq!(name.as_deref(), Some("Record 0!"));
}

#[test]
fn the_edited_value_replaces_the_field_and_undo_brings_it_back() {
    let mut a = form_open();
    let (target, sent) = edit_request(&command(&mut a, "edit"));
    update(
        &mut a,
        Msg::Edited {
            target,
            sent,
            result: Ok("From vi\n".into()),
        },
    );
    let name = |a: &App| a.form.as_ref().map(|f| f.name.text()).unwrap_or_default();
    assert_eq!(name(&a), "From vi", "the editor's final newline is dropped");
    update(&mut a, ctrl('_'));
    assert_eq!(name(&a), "Record 0");
}

#[test]
fn broken_metadata_goes_back_with_the_error_and_unchanged_text_is_kept() {
    let mut a = form_open();
    let (target, sent) = edit_request(&command(&mut a, "edit metadata"));
    assert!(sent.contains("\"price\": 1.50"), "exact numbers: {sent}");
    let again = update(
        &mut a,
        Msg::Edited {
            target,
            sent,
            result: Ok("{\"status\": }".into()),
        },
    );
    let (target, shown) = edit_request(&again);
    assert!(shown.starts_with("// Not valid: line 1"), "{shown}");
    // The user quits without saving: nothing is asked again, nothing is lost.
    let fx = update(
        &mut a,
        Msg::Edited {
            target,
            sent: shown.clone(),
            result: Ok(shown.clone()),
        },
    );
    assert!(fx.is_empty());
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("kept")));
    let (_, reopened) = edit_request(&command(&mut a, "edit metadata"));
    assert_eq!(reopened, shown);
}

#[test]
fn yank_field_copies_the_focused_value_and_curl_names_the_record() {
    let mut a = form_open();
    let fx = command(&mut a, "yank field");
    assert!(fx.contains(&Effect::Copy {
        text: "Record 0".into()
    }));
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("OSC 52")));
    let fx = command(&mut a, "yank curl");
    assert!(fx.contains(&Effect::CopyCurl {
        id: "record_0000".into()
    }));
}

#[test]
fn list_commands_do_not_run_over_the_form() {
    let mut a = form_open();
    let fx = command(&mut a, "filter status=open");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("outside the form"))
    );
    assert!(a.form.is_some());
}

/// `Y` on the list: the record is fetched whole, then copied as JSON (the list alone does
/// not hold it); the view opens on it so the user sees what went.
#[test]
fn capital_y_on_the_list_copies_the_record_once_fetched() {
    let mut a = loaded();
    let fx = update(&mut a, ch('Y'));
    let ticket = match fx.as_slice() {
        [Effect::LoadRecord { ticket, id }] if id == "record_0000" => *ticket,
        other => panic!("Y fetches the record: {other:?}"),
    };
    let fx = update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record(0)),
        },
    );
    let [Effect::Copy { text }] = fx.as_slice() else {
        panic!("the record is copied: {fx:?}");
    };
    let copied: serde_json::Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(copied["id"], "record_0000");
    assert!(text.contains("\n  \"name\""), "pretty: {text}");
    assert!(a.detail.is_some(), "the record is shown");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("OSC 52")));
}
