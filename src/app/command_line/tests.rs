//! Scripted flows of the `:` prompt: keys in, state and effects out.

use super::super::tests::page;
use super::super::*;
use crate::api::{ApiError, ErrorBody, RecordFilter};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

fn loaded() -> App {
    let mut a = App::new(Source { label: "t".into() }, 100, 30, 1_764_000_000_000);
    let ticket = match a.start().as_slice() {
        [Effect::LoadPage { ticket, .. }, ..] => *ticket,
        other => panic!("no first load: {other:?}"),
    };
    let page = Msg::PageLoaded {
        ticket,
        result: Ok(page(0..10, None)),
    };
    assert!(update(&mut a, page).is_empty());
    a
}

fn press(a: &mut App, code: KeyCode) -> Vec<Effect> {
    update(a, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(a: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(a, KeyCode::Char(c)))
        .collect()
}

/// Opens `:`, types `line` and presses Enter.
fn run(a: &mut App, line: &str) -> Vec<Effect> {
    assert!(press(a, KeyCode::Char(':')).is_empty());
    assert!(typed(a, line).is_empty(), "typing sends nothing");
    press(a, KeyCode::Enter)
}

fn prompt_text(a: &App) -> Option<String> {
    match &a.prompt {
        Some(Prompt::Command(cl)) => Some(cl.field.text()),
        _ => None,
    }
}

fn line_error(a: &App) -> Option<(String, String)> {
    let (Some(text), Some(Prompt::Command(cl))) = (prompt_text(a), &a.prompt) else {
        return None;
    };
    let e = cl.error.as_ref()?;
    Some((text[e.span.clone()].to_owned(), e.message.clone()))
}

/// The recordFilter and type of the one list load among `effects`.
fn sent(effects: &[Effect]) -> (Option<RecordFilter>, Option<String>) {
    let loads: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadPage { query, .. } => Some(query),
            _ => None,
        })
        .collect();
    assert_eq!(loads.len(), 1, "{effects:?}");
    let f = &loads[0].filters;
    (f.record_filter.clone(), f.record_type.clone())
}

#[test]
fn filter_with_a_type_term_sends_record_filter_and_type() {
    let mut a = loaded();
    let fx = run(&mut a, "filter type=ticket status=open priority=urgent");
    let (filter, record_type) = sent(&fx);
    let filter = serde_json::to_value(filter).expect("json");
    assert_eq!(
        filter,
        json!({"type": "ticket", "where": {"op": "and", "conditions": [
            {"field": "status", "op": "eq", "value": "open"},
            {"field": "priority", "op": "eq", "value": "urgent"}]}})
    );
    assert_eq!(record_type.as_deref(), Some("ticket"));
    assert!(a.prompt.is_none());
    assert!(fx.contains(&Effect::SaveHistory {
        lines: vec!["filter type=ticket status=open priority=urgent".into()]
    }));
}

#[test]
fn a_wrong_line_runs_nothing_and_marks_the_part_at_fault() {
    let mut a = loaded();
    let fx = run(&mut a, "filter status=open olga");
    assert!(fx.is_empty(), "{fx:?}");
    let (marked, why) = line_error(&a).expect("an error in the prompt");
    assert_eq!(marked, "olga");
    assert!(why.contains("operator"));
    // Typing clears the mark; the line is kept for correction.
    typed(&mut a, "=x");
    assert_eq!(line_error(&a), None);
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter status=open olga=x")
    );
    // The corrected line runs (it asks for the type first: none is in effect).
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.prompt, Some(Prompt::Type { then: Some(_), .. })));
}

#[test]
fn an_unknown_command_is_marked() {
    let mut a = loaded();
    assert!(run(&mut a, "flter x=1").is_empty());
    assert_eq!(line_error(&a).map(|(m, _)| m).as_deref(), Some("flter"));
}

#[test]
fn the_type_in_effect_is_used_when_the_line_names_none() {
    let mut a = loaded();
    a.list.filter.record_type = Some("customer".into());
    let (filter, record_type) = sent(&run(&mut a, "filter seats>5"));
    assert_eq!(filter.map(|f| f.record_type).as_deref(), Some("customer"));
    assert_eq!(record_type.as_deref(), Some("customer"));
}

#[test]
fn without_any_type_the_prompt_asks_for_one_then_filters() {
    let mut a = loaded();
    let fx = run(&mut a, "filter status=open");
    assert!(!fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
    assert!(matches!(a.prompt, Some(Prompt::Type { then: Some(_), .. })));
    typed(&mut a, "tick");
    let (filter, record_type) = sent(&press(&mut a, KeyCode::Enter));
    assert_eq!(filter.map(|f| f.record_type).as_deref(), Some("ticket"));
    assert_eq!(record_type.as_deref(), Some("ticket"));
    assert_eq!(
        a.list.filter.expr.as_ref().map(|e| e.text.as_str()),
        Some("status=open")
    );
}

#[test]
fn filter_alone_clears_it() {
    let mut a = loaded();
    run(&mut a, "filter type=ticket status=open");
    let (filter, record_type) = sent(&run(&mut a, "filter"));
    assert_eq!(filter, None);
    assert_eq!(
        record_type.as_deref(),
        Some("ticket"),
        "the type filter stays"
    );
    assert!(
        run(&mut a, "filter")
            .iter()
            .all(|e| !matches!(e, Effect::LoadPage { .. }))
    );
}

#[test]
fn arrows_walk_the_history_and_come_back_to_the_typed_line() {
    let mut a = loaded();
    a.command_history = vec!["filter a=1".into(), "help".into()];
    press(&mut a, KeyCode::Char(':'));
    typed(&mut a, "fi");
    press(&mut a, KeyCode::Up);
    assert_eq!(prompt_text(&a).as_deref(), Some("help"));
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Up);
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter a=1"),
        "stops at the oldest"
    );
    press(&mut a, KeyCode::Down);
    assert_eq!(prompt_text(&a).as_deref(), Some("help"));
    press(&mut a, KeyCode::Down);
    assert_eq!(prompt_text(&a).as_deref(), Some("fi"));
}

#[test]
fn history_keeps_one_copy_of_a_line_newest_last() {
    let mut a = loaded();
    run(&mut a, "filter type=ticket a=1");
    run(&mut a, "filter type=ticket b=2");
    let fx = run(&mut a, "filter type=ticket a=1");
    let want = vec![
        "filter type=ticket b=2".to_owned(),
        "filter type=ticket a=1".into(),
    ];
    assert_eq!(a.command_history, want);
    assert!(fx.contains(&Effect::SaveHistory { lines: want }));
}

#[test]
fn a_filter_the_server_refuses_comes_back_in_the_prompt() {
    let mut a = loaded();
    let fx = run(&mut a, "filter type=ticket seats=1..x");
    let Some(Effect::LoadPage { ticket, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadPage { .. }))
    else {
        panic!("no load");
    };
    let refused = ApiError::Http {
        status: 400,
        body: ErrorBody::parse(br#"{"error": "Invalid recordFilter"}"#),
        retry_after: None,
    };
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: *ticket,
            result: Err(refused),
        },
    );
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter type=ticket seats=1..x")
    );
    let (marked, why) = line_error(&a).expect("the server's reason");
    assert_eq!(marked, "type=ticket seats=1..x");
    assert!(
        why.contains("400") && why.contains("Invalid recordFilter"),
        "{why}"
    );
}

#[test]
fn tab_completes_names_then_keys_from_schema_then_values_with_counts() {
    let mut a = loaded();
    press(&mut a, KeyCode::Char(':'));
    typed(&mut a, "fil");
    assert!(press(&mut a, KeyCode::Tab).is_empty());
    assert_eq!(prompt_text(&a).as_deref(), Some("filter "));
    typed(&mut a, "type=ticket sta");
    let ticket = match press(&mut a, KeyCode::Tab).as_slice() {
        [
            Effect::LoadSchema {
                ticket,
                record_type,
            },
        ] if record_type == "ticket" => *ticket,
        other => panic!("expected a schema request: {other:?}"),
    };
    let keys = Ok(vec!["status".into(), "stage".into(), "seats".into()]);
    update(
        &mut a,
        Msg::SchemaLoaded {
            ticket,
            record_type: "ticket".into(),
            result: keys,
        },
    );
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter type=ticket sta"),
        "two match"
    );
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter type=ticket status")
    );
    typed(&mut a, "=");
    let ticket = match press(&mut a, KeyCode::Tab).as_slice() {
        [Effect::LoadFieldValues { ticket, field, .. }] if field == "status" => *ticket,
        other => panic!("expected a field-values request: {other:?}"),
    };
    let values = Ok(vec![("open".into(), 7), ("on hold".into(), 2)]);
    let key = ("ticket".into(), "status".into());
    update(
        &mut a,
        Msg::FieldValuesLoaded {
            ticket,
            record_type: key.0,
            field: key.1,
            result: values,
        },
    );
    let Some(Prompt::Command(cl)) = &a.prompt else {
        panic!("prompt gone")
    };
    let offered: Vec<_> = cl
        .offer
        .iter()
        .flat_map(|o| &o.candidates)
        .map(|c| (c.text.clone(), c.count))
        .collect();
    assert_eq!(
        offered,
        vec![("open".into(), Some(7)), ("\"on hold\"".into(), Some(2))]
    );
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(
        prompt_text(&a).as_deref(),
        Some("filter type=ticket status=\"on hold\"")
    );
    let (filter, _) = sent(&press(&mut a, KeyCode::Enter));
    let want =
        json!({"type": "ticket", "where": {"field": "status", "op": "eq", "value": "on hold"}});
    assert_eq!(serde_json::to_value(filter).ok(), Some(want));
}

#[test]
fn a_late_answer_after_the_prompt_closed_changes_nothing_there() {
    let mut a = loaded();
    press(&mut a, KeyCode::Char(':'));
    typed(&mut a, "filter type=ticket st");
    let fx = press(&mut a, KeyCode::Tab);
    let Some(Effect::LoadSchema { ticket, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    press(&mut a, KeyCode::Esc);
    let fx = update(
        &mut a,
        Msg::SchemaLoaded {
            ticket: *ticket,
            record_type: "ticket".into(),
            result: Ok(vec!["status".into()]),
        },
    );
    assert!(fx.is_empty() && a.prompt.is_none());
    assert_eq!(
        a.known.keys.get("ticket").map(Vec::len),
        Some(1),
        "kept for the next Tab"
    );
}

#[test]
fn help_lists_the_commands_and_q_quits() {
    let mut a = loaded();
    run(&mut a, "help");
    assert!(a.help && a.command_help);
    press(&mut a, KeyCode::Esc);
    assert!(!a.help);
    run(&mut a, "q");
    assert_eq!(a.exit, Some(0));
}

#[test]
fn colon_works_on_the_detail_view_too() {
    let mut a = loaded();
    press(&mut a, KeyCode::Enter);
    assert!(a.detail.is_some());
    press(&mut a, KeyCode::Char(':'));
    assert!(matches!(a.prompt, Some(Prompt::Command(_))));
}

#[test]
fn help_opens_at_the_top_whatever_the_key_help_was_scrolled_to() {
    let mut a = loaded();
    a.help_scroll = 7;
    run(&mut a, "help");
    assert!(a.help && a.command_help);
    assert_eq!(a.help_scroll, 0);
}
