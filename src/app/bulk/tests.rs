//! Scripted flows of selection and bulk changes: keys in, state and effects out.

use super::super::tests::{page, record};
use super::super::*;
use super::{Stage, Target};
use crate::api::ops::{BulkDeleteResult, BulkEditDiff, BulkEditRequest, BulkEditResult};
use crate::app::selection::Selection;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};

fn loaded(n: usize) -> App {
    let mut a = App::new(Source { label: "t".into() }, 100, 30, 1_764_000_000_000);
    let ticket = match a.start().as_slice() {
        [Effect::LoadPage { ticket, .. }, ..] => *ticket,
        other => panic!("no first load: {other:?}"),
    };
    let page = Msg::PageLoaded {
        ticket,
        result: Ok(page(0..n, None)),
    };
    update(&mut a, page);
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

/// Runs a `:` line; returns its effects without the history write.
fn run(a: &mut App, line: &str) -> Vec<Effect> {
    press(a, KeyCode::Char(':'));
    typed(a, line);
    press(a, KeyCode::Enter)
        .into_iter()
        .filter(|e| !matches!(e, Effect::SaveHistory { .. }))
        .collect()
}

fn one_edit(effects: &[Effect]) -> (Ticket, BulkEditRequest) {
    match effects {
        [Effect::BulkEdit { ticket, request }] => (*ticket, (**request).clone()),
        other => panic!("expected one bulk edit, got {other:?}"),
    }
}

fn selected_ids(a: &App) -> Vec<String> {
    match &a.selection {
        Selection::Ids { ids, .. } => ids.keys().cloned().collect(),
        other => panic!("not an id selection: {other:?}"),
    }
}

/// A dry-run or real answer that sets `status` to `to` on `ids`.
fn answer(ids: &[&str], to: &str) -> BulkEditResult {
    BulkEditResult {
        data: ids
            .iter()
            .map(|id| BulkEditDiff {
                id: (*id).to_owned(),
                before: crate::api::types::Metadata::from_iter([("status".into(), json!("open"))]),
                after: crate::api::types::Metadata::from_iter([("status".into(), json!(to))]),
            })
            .collect(),
        record_ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        warnings: Vec::new(),
        schema_warnings: Vec::new(),
    }
}

fn preview(a: &App) -> &super::Preview {
    match a.bulk.as_ref().map(|b| &b.stage) {
        Some(Stage::Preview(p)) => p,
        other => panic!("no preview: {other:?}"),
    }
}

#[test]
fn space_v_and_star_select_ids_and_esc_clears() {
    let mut a = loaded(30);
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(a.list.selected, 1, "Space moves on to the next row");
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('V'));
    assert_eq!(
        selected_ids(&a),
        ["record_0000", "record_0001", "record_0002", "record_0003"]
    );
    assert_eq!(a.selection.label().as_deref(), Some("4 selected"));
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(selected_ids(&a).len(), 3, "Space again unselects");
    press(&mut a, KeyCode::Esc);
    assert!(a.selection.is_empty(), "a small selection clears at once");

    press(&mut a, KeyCode::Char('*'));
    assert_eq!(selected_ids(&a).len(), 30);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.ask_clear, Some(Some(30)), "a large one asks first");
    press(&mut a, KeyCode::Esc);
    assert_eq!(selected_ids(&a).len(), 30, "Esc keeps it");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.selection.is_empty() && a.ask_clear.is_none());
}

#[test]
fn set_previews_with_a_dry_run_then_applies_with_one_request() {
    let mut a = loaded(10);
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char(' '));
    let (t1, dry) = one_edit(&run(&mut a, "set status=solved seats=4"));
    assert_eq!(dry.dry_run, Some(true));
    assert_eq!(
        dry.record_ids.as_deref(),
        Some(&["record_0000".to_owned(), "record_0001".to_owned()][..])
    );
    assert!(dry.record_filter.is_none());
    let updates = serde_json::to_value(&dry.updates).expect("json");
    assert_eq!(updates, json!({"status": "solved", "seats": 4}));

    let fx = update(
        &mut a,
        Msg::BulkEdited {
            ticket: t1,
            result: Ok(answer(&["record_0000", "record_0001"], "solved")),
        },
    );
    assert!(fx.is_empty());
    let p = preview(&a);
    assert_eq!(p.count, 2);
    assert_eq!(p.sample[0], "Record 0: status open → solved");
    assert!(p.typed.is_none(), "two records apply with Enter");

    let (t2, real) = one_edit(&press(&mut a, KeyCode::Enter));
    assert_eq!(real.dry_run, Some(false));
    assert_eq!(real.record_ids, dry.record_ids);
    assert!(press(&mut a, KeyCode::Esc).is_empty());
    assert!(a.bulk.is_some(), "Esc cannot recall a request already sent");
    let stale = Msg::BulkEdited {
        ticket: t1,
        result: Ok(answer(&["record_0000"], "x")),
    };
    assert!(update(&mut a, stale).is_empty());
    let answer = answer(&["record_0000"], "solved");
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t2,
            result: Ok(answer),
        },
    );
    let Some(Stage::Done(summary)) = a.bulk.as_ref().map(|b| &b.stage) else {
        panic!("no summary: {:?}", a.bulk);
    };
    assert_eq!(summary[0], "Updated 1 record.");
    assert_eq!(summary[1], "1 not updated: no longer found.");
    let row = a.list.records.iter().find(|r| &*r.id == "record_0000");
    assert_eq!(
        row.and_then(|r| r.field("status")),
        Some("solved"),
        "the row shows the change"
    );
    assert_eq!(
        row.map(|r| &*r.updated_at),
        Some("2025-11-24T16:00:00Z"),
        "and that it changed now (the app's clock), not when it last did before"
    );
    press(&mut a, KeyCode::Enter);
    assert!(a.bulk.is_none());
    assert_eq!(
        selected_ids(&a).len(),
        2,
        "the selection stays for the next change"
    );
}

#[test]
fn nothing_selected_means_the_current_row_and_unset_removes_keys() {
    let mut a = loaded(5);
    press(&mut a, KeyCode::Char('j'));
    let (_, dry) = one_edit(&run(&mut a, "unset seats price"));
    assert_eq!(dry.record_ids, Some(vec!["record_0001".to_owned()]));
    assert_eq!(
        dry.delete_fields,
        Some(vec!["seats".to_owned(), "price".to_owned()])
    );
    assert!(dry.updates.is_none());
}

#[test]
fn select_all_keeps_the_filter_and_the_count_must_be_typed() {
    let mut a = loaded(10);
    let fx = run(&mut a, "filter type=ticket status=open");
    let Some(Effect::LoadPage { ticket, .. }) = fx.first() else {
        panic!("no load: {fx:?}");
    };
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: *ticket,
            result: Ok(page(0..10, None)),
        },
    );
    assert!(run(&mut a, "select all").is_empty());
    assert_eq!(
        a.selection.label().as_deref(),
        Some("all 500 matching type=ticket status=open selected")
    );
    let (t1, dry) = one_edit(&run(&mut a, "set status=pending"));
    assert!(dry.record_ids.is_none(), "the filter is sent, not ids");
    let sent = serde_json::to_value(&dry.record_filter).expect("json");
    assert_eq!(sent["type"], "ticket");
    assert_eq!(sent["where"]["value"], "open");
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t1,
            result: Ok(answer(&["a", "b", "c"], "pending")),
        },
    );
    assert!(
        preview(&a).typed.is_some(),
        "a filter selection asks for the count"
    );
    assert_eq!(
        a.selection.count(),
        Some(3),
        "the dry run's count replaces the estimate"
    );
    assert!(
        press(&mut a, KeyCode::Enter).is_empty(),
        "Enter alone does nothing"
    );
    assert!(preview(&a).error.is_some());
    typed(&mut a, "4");
    assert!(
        press(&mut a, KeyCode::Enter).is_empty(),
        "a wrong count does nothing"
    );
    press(&mut a, KeyCode::Backspace);
    typed(&mut a, "3");
    let (_, real) = one_edit(&press(&mut a, KeyCode::Enter));
    assert_eq!(real.record_filter, dry.record_filter);
    assert_eq!(real.dry_run, Some(false));
}

#[test]
fn over_a_hundred_ids_ask_for_the_count() {
    let mut a = loaded(120);
    press(&mut a, KeyCode::Char('*'));
    let (t, _) = one_edit(&run(&mut a, "set status=open"));
    let ids: Vec<String> = (0..120).map(|i| format!("record_{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t,
            result: Ok(answer(&refs, "solved")),
        },
    );
    assert!(preview(&a).typed.is_some());
}

/// On a protected profile the count comes first, then the name, both inside the preview;
/// only the right name sends the real request.
#[test]
fn protected_asks_the_count_then_the_name() {
    let mut a = loaded(120);
    a.profile = Some(crate::app::tests::profile(false, true));
    press(&mut a, KeyCode::Char('*'));
    let (t, _) = one_edit(&run(&mut a, "set status=open"));
    let ids: Vec<String> = (0..120).map(|i| format!("record_{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let answer = Msg::BulkEdited {
        ticket: t,
        result: Ok(answer(&refs, "solved")),
    };
    update(&mut a, answer);
    assert!(preview(&a).name.is_none(), "the count is asked first");
    typed(&mut a, "120");
    assert!(press(&mut a, KeyCode::Enter).is_empty());
    assert_eq!(preview(&a).name.as_ref().map(|f| f.text()), Some("".into()));
    typed(&mut a, "pro");
    assert!(press(&mut a, KeyCode::Enter).is_empty(), "not the name");
    assert!(
        preview(&a)
            .error
            .as_deref()
            .is_some_and(|e| e.contains("prod"))
    );
    typed(&mut a, "d");
    let (_, request) = one_edit(&press(&mut a, KeyCode::Enter));
    assert_ne!(request.dry_run, Some(true), "the real request");
    assert!(a.profile_confirmed);
}

#[test]
fn select_all_refuses_a_search_it_cannot_send() {
    let mut a = loaded(3);
    a.list.filter.search = "olga".into();
    a.list.filter.record_type = Some("ticket".into());
    run(&mut a, "select all");
    assert!(a.selection.is_empty());
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("search")));
}

#[test]
fn delete_lists_per_type_previews_and_sends_the_records_before() {
    let mut a = loaded(6);
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char(' '));
    let fx = run(&mut a, "delete");
    let [Effect::CollectRecords { ticket, filters }] = fx.as_slice() else {
        panic!("expected a collection: {fx:?}");
    };
    let filters: Vec<Value> = filters
        .iter()
        .map(|f| serde_json::to_value(f).expect("json"))
        .collect();
    assert_eq!(
        filters,
        [
            json!({"type": "customer", "where": {"field": "id", "op": "in", "value": ["record_0001"]}}),
            json!({"type": "ticket", "where": {"field": "id", "op": "in", "value": ["record_0000", "record_0002"]}}),
        ]
    );
    let records = vec![record(0), record(1), record(2)];
    update(
        &mut a,
        Msg::RecordsCollected {
            ticket: *ticket,
            result: Ok(records.clone()),
        },
    );
    assert_eq!(preview(&a).sample[1], "Record 1 (customer)");
    assert!(
        preview(&a).typed.is_some(),
        "a delete is always confirmed by typing"
    );
    typed(&mut a, "3");
    let fx = press(&mut a, KeyCode::Enter);
    let [
        Effect::BulkDelete {
            ticket,
            ids,
            before,
        },
    ] = fx.as_slice()
    else {
        panic!("expected a bulk delete: {fx:?}");
    };
    assert_eq!(ids.len(), 3);
    assert_eq!(before, &records, "the full records travel with the delete");
    let answer = BulkDeleteResult {
        success: true,
        deleted: 2,
        deleted_ids: vec!["record_0000".into(), "record_0001".into()],
        not_found_ids: vec!["record_0002".into()],
    };
    update(
        &mut a,
        Msg::BulkDeleted {
            ticket: *ticket,
            result: Ok(answer),
        },
    );
    assert_eq!(a.list.records.len(), 3);
    assert!(a.selection.is_empty());
    let Some(Stage::Done(summary)) = a.bulk.as_ref().map(|b| &b.stage) else {
        panic!("no summary");
    };
    assert_eq!(summary, &["Deleted 2 records.", "1 were already gone."]);
}

#[test]
fn a_failed_apply_says_so_and_keeps_the_selection() {
    let mut a = loaded(3);
    press(&mut a, KeyCode::Char(' '));
    let (t, _) = one_edit(&run(&mut a, "set status=x"));
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t,
            result: Ok(answer(&["record_0000"], "x")),
        },
    );
    let (t, _) = one_edit(&press(&mut a, KeyCode::Enter));
    let e = crate::api::ApiError::Timeout {
        phase: crate::api::error::TimeoutPhase::Response,
    };
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t,
            result: Err(e),
        },
    );
    let Some(Stage::Failed(why)) = a.bulk.as_ref().map(|b| &b.stage) else {
        panic!("not failed");
    };
    assert!(why.starts_with("The change failed"), "{why}");
    assert_eq!(selected_ids(&a).len(), 1);
    assert!(matches!(
        a.bulk.as_ref().map(|b| &b.target),
        Some(Target::Ids(_))
    ));
}

/// Records already holding the value are counted apart and sampled last; when every one
/// does, nothing is offered to apply.
#[test]
fn records_already_as_asked_are_counted_apart() {
    let mut a = loaded(3);
    press(&mut a, KeyCode::Char('*'));
    let (t, _) = one_edit(&run(&mut a, "set status=solved"));
    let mut mixed = answer(&["record_0000", "record_0001", "record_0002"], "solved");
    mixed.data[0].before = mixed.data[0].after.clone();
    let msg = Msg::BulkEdited {
        ticket: t,
        result: Ok(mixed),
    };
    update(&mut a, msg);
    let p = preview(&a);
    assert_eq!((p.count, p.already), (3, Some(1)));
    assert!(p.sample[0].starts_with("Record 1"), "{:?}", p.sample);
    let (t, _) = one_edit(&press(&mut a, KeyCode::Enter));
    let mut real = answer(&["record_0000", "record_0001", "record_0002"], "solved");
    real.data[0].before = real.data[0].after.clone();
    let done = Msg::BulkEdited {
        ticket: t,
        result: Ok(real),
    };
    update(&mut a, done);
    match a.bulk.as_ref().map(|b| &b.stage) {
        Some(Stage::Done(lines)) => assert_eq!(
            lines[0], "Updated 3 records: 2 changed, 1 already as asked.",
            "the summary counts as the preview did"
        ),
        other => panic!("no summary: {other:?}"),
    }
    press(&mut a, KeyCode::Esc);
    let (t, _) = one_edit(&run(&mut a, "set status=open"));
    let same = answer(&["record_0000", "record_0001", "record_0002"], "open");
    update(
        &mut a,
        Msg::BulkEdited {
            ticket: t,
            result: Ok(same),
        },
    );
    match a.bulk.as_ref().map(|b| &b.stage) {
        Some(Stage::Done(lines)) => assert!(lines[0].contains("already hold it"), "{lines:?}"),
        other => panic!("expected nothing to change: {other:?}"),
    }
}
