//! Scripted flows of the `F` builder: each step driven through `update` as a user would.

use super::super::tests::{ch, key, loaded, type_text};
use super::*;
use crate::api::filter::{Condition, Op as ApiOp, Where};
use crate::app::{Msg, update};
use crossterm::event::KeyCode;
use serde_json::json;

pub(super) fn field(name: &str, t: &str, count: u64) -> FieldInfo {
    FieldInfo {
        name: name.into(),
        types: vec![t.into()],
        count: Some(count),
    }
}

pub(super) fn schema() -> FieldReport {
    FieldReport {
        total: 40,
        fields: vec![
            field("status", "string", 38),
            field("priority", "string", 20),
            field("seats", "number", 40),
            field("vip", "boolean", 12),
        ],
    }
}

pub(super) fn builder(a: &App) -> &Builder {
    a.builder.as_deref().expect("the builder is open")
}

pub(super) fn texts(a: &App) -> Vec<String> {
    a.builder_choices().into_iter().map(|c| c.text).collect()
}

pub(super) fn fields_ticket(fx: &[Effect]) -> Ticket {
    let found = fx.iter().find_map(|e| match e {
        Effect::LoadFields { ticket, .. } => Some(*ticket),
        _ => None,
    });
    found.unwrap_or_else(|| panic!("no schema request in {fx:?}"))
}

pub(super) fn preview(fx: &[Effect]) -> (Ticket, RecordFilter) {
    let found = fx.iter().find_map(|e| match e {
        Effect::PreviewFilter { ticket, filter } => Some((*ticket, filter.clone())),
        _ => None,
    });
    found.unwrap_or_else(|| panic!("no preview in {fx:?}"))
}

use crate::api::RecordFilter;

/// The list loaded with `ticket` as the type filter, `F` pressed and the schema answered.
pub(super) fn open() -> App {
    let mut a = loaded();
    a.list.filter.record_type = Some("ticket".into());
    let fx = update(&mut a, ch('F'));
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::LoadFields { record_type, .. } if record_type == "ticket")
        ),
        "{fx:?}"
    );
    let ticket = fields_ticket(&fx);
    update(
        &mut a,
        Msg::FieldsLoaded {
            ticket,
            result: Ok(schema()),
        },
    );
    a
}

/// Narrows the field list to `name` and takes it, then the operator labelled `op`.
pub(super) fn pick(a: &mut App, name: &str, op: &str) -> Vec<Effect> {
    type_text(a, name);
    update(a, key(KeyCode::Enter));
    assert_eq!(builder(a).step, Step::Operator);
    while texts(a)[builder(a).selected.expect("a row")] != op {
        update(a, ch('j'));
    }
    update(a, key(KeyCode::Enter))
}

pub(super) fn answer_values(a: &mut App, fx: &[Effect], values: &[(&str, u64)]) {
    let Some(Effect::LoadFieldValues {
        ticket,
        record_type,
        field,
    }) = fx
        .iter()
        .find(|e| matches!(e, Effect::LoadFieldValues { .. }))
    else {
        panic!("no field-values request in {fx:?}");
    };
    let result = Ok(values.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect());
    let msg = Msg::FieldValuesLoaded {
        ticket: *ticket,
        record_type: record_type.clone(),
        field: field.clone(),
        result,
    };
    update(a, msg);
}

/// `status = open` picked from the values the server offered.
pub(super) fn status_open(a: &mut App) -> Vec<Effect> {
    let fx = pick(a, "status", "= equals");
    answer_values(a, &fx, &[("open", 30), ("closed", 8)]);
    update(a, key(KeyCode::Enter))
}

#[test]
fn the_field_list_comes_from_the_schema_with_types_and_counts() {
    let mut a = open();
    assert_eq!(
        texts(&a),
        [
            "name",
            "type",
            "id",
            "createdAt",
            "updatedAt",
            "status",
            "priority",
            "seats",
            "vip"
        ]
    );
    let status = a
        .builder_choices()
        .into_iter()
        .find(|c| c.text == "status")
        .expect("status listed");
    assert_eq!(status.detail, "string · 38");
    type_text(&mut a, "PRI");
    assert_eq!(texts(&a), ["priority"]);
}

#[test]
fn the_operators_fit_the_field_type() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "seats",
            &["= equals", "> greater than", "= between (low..high)"],
        ),
        ("vip", &["= true", "= false", "? is set"]),
        (
            "updatedAt",
            &["> within the last N days", "< older than N days"],
        ),
        (
            "status",
            &[
                "~ contains",
                "^ starts with",
                "= one of (in)",
                "!? is not set",
            ],
        ),
    ];
    for (name, want) in cases {
        let mut a = open();
        type_text(&mut a, name);
        update(&mut a, key(KeyCode::Enter));
        let ops = texts(&a);
        for w in want {
            assert!(
                ops.contains(&(*w).to_owned()),
                "{name}: {w} missing from {ops:?}"
            );
        }
        assert_eq!(
            ops.contains(&"~ contains".to_owned()),
            name == "status",
            "{name}: {ops:?}"
        );
    }
}

#[test]
fn a_value_is_picked_from_field_values_with_counts() {
    let mut a = open();
    let fx = pick(&mut a, "status", "= equals");
    assert_eq!(builder(&a).line_so_far(), "status=…");
    answer_values(&mut a, &fx, &[("open", 30), ("closed", 8)]);
    let shown: Vec<(String, String)> = a
        .builder_choices()
        .into_iter()
        .map(|c| (c.text, c.detail))
        .collect();
    assert_eq!(
        shown,
        [("open".into(), "30".into()), ("closed".into(), "8".into())]
    );
    update(&mut a, key(KeyCode::Down));
    let fx = update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).line(), "status=closed");
    assert_eq!(builder(&a).step, Step::Review);
    let (_, filter) = preview(&fx);
    assert_eq!(filter.record_type, "ticket");
    let want = Condition::new("status", ApiOp::Eq, json!("closed"));
    assert_eq!(filter.where_, Some(Where::Condition(want)));
}

#[test]
fn a_typed_value_is_quoted_so_the_line_reads_back() {
    let mut a = open();
    pick(&mut a, "status", "~ contains");
    type_text(&mut a, "two \"words\"");
    assert_eq!(builder(&a).selected, None, "nothing offered matches");
    assert_eq!(builder(&a).line_so_far(), r#"status~"two \"words\"""#);
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).line(), r#"status~"two \"words\"""#);
}

#[test]
fn sets_ranges_and_days_take_their_values() {
    let mut a = open();
    let fx = pick(&mut a, "status", "= one of (in)");
    answer_values(&mut a, &fx, &[("open", 30), ("pending", 5), ("closed", 8)]);
    let fx = update(&mut a, key(KeyCode::Tab));
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Debounce { .. })),
        "the count is asked again for the line with the value taken: {fx:?}"
    );
    assert!(matches!(builder(&a).count, super::Count::Counting));
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(texts(&a), ["closed"], "taken values leave the list");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).line(), "status=open,pending,closed");
    update(&mut a, key(KeyCode::Backspace));
    assert_eq!(builder(&a).step, Step::Field, "dropping the only term");
    assert!(builder(&a).terms.is_empty());
    pick(&mut a, "seats", "= between (low..high)");
    type_text(&mut a, "1");
    update(&mut a, key(KeyCode::Enter));
    type_text(&mut a, "5");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, ch('a'));
    pick(&mut a, "updatedAt", "> within the last N days");
    type_text(&mut a, "x");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        builder(&a).hint.as_deref(),
        Some("days are a whole number, e.g. 7")
    );
    update(&mut a, key(KeyCode::Backspace));
    type_text(&mut a, "7");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).line(), "seats=1..5 updatedAt>7d");
}

#[test]
fn a_paste_narrows_like_typing() {
    let mut a = open();
    update(&mut a, Msg::Paste("prio\n".into()));
    assert_eq!(builder(&a).typed, "prio");
    assert_eq!(texts(&a), ["priority"]);
}

#[test]
fn enter_applies_as_the_filter_command_and_keeps_the_line_in_the_history() {
    let mut a = open();
    status_open(&mut a);
    let fx = update(&mut a, key(KeyCode::Enter));
    assert!(a.builder.is_none());
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::SaveHistory { lines } if lines == &["filter status=open"])
        )
    );
    let Some(Effect::LoadPage { query, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadPage { .. }))
    else {
        panic!("no reload: {fx:?}");
    };
    // The same as typing the line at `:`.
    let mut typed = loaded();
    typed.list.filter.record_type = Some("ticket".into());
    update(&mut typed, ch(':'));
    type_text(&mut typed, "filter status=open");
    let by_hand = update(&mut typed, key(KeyCode::Enter));
    let Some(Effect::LoadPage { query: want, .. }) = by_hand
        .iter()
        .find(|e| matches!(e, Effect::LoadPage { .. }))
    else {
        panic!("no reload: {by_hand:?}");
    };
    assert_eq!(query, want);
    assert_eq!(a.list.filter, typed.list.filter);
    update(&mut a, ch(':'));
    update(&mut a, key(KeyCode::Up));
    let Some(crate::app::Prompt::Command(cl)) = &a.prompt else {
        panic!("the command line is open");
    };
    assert_eq!(cl.field.text(), "filter status=open");
}

#[test]
fn esc_backs_out_step_by_step_and_leaves_nothing_changed() {
    let mut a = open();
    let before = a.list.filter.clone();
    status_open(&mut a);
    update(&mut a, ch('a'));
    pick(&mut a, "status", "= equals");
    for want in [Step::Operator, Step::Field, Step::Review] {
        update(&mut a, key(KeyCode::Esc));
        assert_eq!(builder(&a).step, want);
    }
    let fx = update(&mut a, key(KeyCode::Esc));
    assert!(a.builder.is_none());
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(a.list.filter, before);
    assert!(a.command_history.is_empty());
}

#[test]
fn without_a_type_in_effect_the_type_is_picked_first_and_named_in_the_line() {
    let mut a = loaded();
    let fx = update(&mut a, ch('F'));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::LoadFields { .. } | Effect::PreviewFilter { .. }))
    );
    assert_eq!(builder(&a).step, Step::Type);
    assert_eq!(texts(&a), ["customer", "ticket"]);
    type_text(&mut a, "tic");
    let fx = update(&mut a, key(KeyCode::Enter));
    let (_, filter) = preview(&fx);
    assert_eq!(filter.record_type, "ticket");
    update(
        &mut a,
        Msg::FieldsLoaded {
            ticket: fields_ticket(&fx),
            result: Ok(schema()),
        },
    );
    status_open(&mut a);
    assert_eq!(builder(&a).line(), "type=ticket status=open");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(a.list.filter.record_type.as_deref(), Some("ticket"));
    assert_eq!(a.command_history, ["filter type=ticket status=open"]);
}

#[test]
fn esc_from_the_first_field_goes_back_to_the_type_then_closes() {
    let mut a = loaded();
    update(&mut a, ch('F'));
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).step, Step::Field);
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(builder(&a).step, Step::Type);
    assert_eq!(builder(&a).line(), "");
    update(&mut a, key(KeyCode::Esc));
    assert!(a.builder.is_none());
    assert_eq!(a.list.filter.record_type, None);
}

#[test]
fn a_failed_schema_still_offers_the_built_in_keys_and_typing() {
    let mut a = loaded();
    a.list.filter.record_type = Some("ticket".into());
    let fx = update(&mut a, ch('F'));
    let err = crate::api::ApiError::Transport {
        detail: "refused".into(),
    };
    update(
        &mut a,
        Msg::FieldsLoaded {
            ticket: fields_ticket(&fx),
            result: Err(err),
        },
    );
    assert_eq!(texts(&a).len(), 5);
    type_text(&mut a, "team.lead");
    assert!(texts(&a).is_empty());
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        builder(&a).field.as_ref().map(|f| f.name.as_str()),
        Some("team.lead")
    );
}

/// F1 in the builder shows the keys of a prompt (how the builder takes keys), not the
/// list's, which do nothing there.
#[test]
fn help_in_the_builder_is_not_the_lists() {
    let mut a = open();
    update(&mut a, key(KeyCode::F(1)));
    assert!(a.help);
    assert_eq!(a.help_context(), crate::app::Context::Prompt);
}

/// Typed ahead on a slow link: `stat`, Enter, Enter before the fields arrive. The first
/// Enter waits for them and picks `status` (not a key named `stat`); the second, held
/// behind it, then picks the first operator.
#[test]
fn enter_before_the_fields_arrive_picks_from_them_once_here() {
    let mut a = loaded();
    a.list.filter.record_type = Some("ticket".into());
    let ticket = fields_ticket(&update(&mut a, ch('F')));
    type_text(&mut a, "stat");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(builder(&a).step, Step::Field, "nothing picked yet");
    update(
        &mut a,
        Msg::FieldsLoaded {
            ticket,
            result: Ok(schema()),
        },
    );
    let b = builder(&a);
    assert_eq!(b.field.as_ref().map(|f| f.name.as_str()), Some("status"));
    assert_eq!(
        b.step,
        Step::Value,
        "the held Enter took the first operator"
    );
    assert!(b.held.is_none());
}
