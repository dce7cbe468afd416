//! Scripted flows: messages in, state and effects out.

use super::form::{FieldPath, SaveStatus};
use super::*;
use crate::api::{ApiError, ErrorBody, ErrorDetail, Page, Pagination, Record};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn record(i: usize) -> Record {
    // Built from text, so `1.50` keeps its digits the way a server would send them.
    let kind = if i.is_multiple_of(2) {
        "ticket"
    } else {
        "customer"
    };
    let text = format!(
        r#"{{"id": "record_{i:04}", "type": "{kind}", "name": "Record {i}",
            "metadata": {{"status": "open", "seats": 10, "price": 1.50}}, "userId": "u",
            "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-20T00:00:00.000Z"}}"#
    );
    serde_json::from_str(&text).expect("record")
}

pub fn page(range: std::ops::Range<usize>, next: Option<&str>) -> row::RowPage {
    row::RowPage::from(Page {
        records: range.map(record).collect(),
        skipped: Vec::new(),
        pagination: Pagination {
            has_more: next.is_some(),
            next_cursor: next.map(str::to_owned),
            total_count: Some(500),
            ..Pagination::default()
        },
        filters_applied: None,
    })
}

fn app() -> App {
    App::new(
        Source {
            label: "test".into(),
        },
        100,
        30,
        1_764_000_000_000,
    )
}

pub(crate) fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub(crate) fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub(crate) fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub(crate) fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| update(app, ch(c))).collect()
}

/// The effects that reach the network or change the list (draft journaling left out).
pub(crate) fn requests(effects: &[Effect]) -> Vec<Effect> {
    effects
        .iter()
        .filter(|e| {
            !matches!(
                e,
                Effect::DraftDue { .. }
                    | Effect::WriteDraft { .. }
                    | Effect::DeleteDraft { .. }
                    | Effect::DeleteDraftFile { .. }
                    | Effect::ListDrafts
            )
        })
        .cloned()
        .collect()
}

fn load_ticket(effects: &[Effect]) -> Ticket {
    match requests(effects).as_slice() {
        [Effect::LoadPage { ticket, .. }] => *ticket,
        other => panic!("expected one LoadPage, got {other:?}"),
    }
}

/// An app with the first page (0..40) loaded.
pub(crate) fn loaded() -> App {
    let (a, fx) = loaded_with(None);
    assert!(fx.is_empty());
    a
}

/// An app with records 0..40 loaded, `next` the cursor of a further page; with the effects
/// that answer caused.
fn loaded_with(next: Option<&str>) -> (App, Vec<Effect>) {
    let mut a = app();
    let t = load_ticket(&a.start());
    let fx = update(
        &mut a,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page(0..40, next)),
        },
    );
    (a, fx)
}

/// Presses `e` and answers the fetch of the full record it starts.
pub(crate) fn editing(a: &mut App) {
    let fx = update(a, ch('e'));
    let (ticket, id) = match fx.as_slice() {
        [Effect::LoadRecord { ticket, id }] => (*ticket, id.clone()),
        other => panic!("editing fetches the record first: {other:?}"),
    };
    assert!(a.form.is_none(), "the form waits for the full record");
    let n: usize = id.trim_start_matches("record_").parse().expect("test id");
    update(
        a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record(n)),
        },
    );
    assert!(a.form.is_some());
}

fn save_effect(effects: Vec<Effect>) -> (Ticket, crate::api::RecordUpdate) {
    match requests(&effects).as_slice() {
        [
            Effect::SaveRecord {
                ticket,
                update,
                base_updated_at,
                ..
            },
        ] => {
            assert_eq!(base_updated_at, "2026-11-20T00:00:00.000Z");
            (*ticket, update.clone())
        }
        other => panic!("expected one SaveRecord, got {other:?}"),
    }
}

#[test]
fn stale_pages_are_dropped() {
    let mut a = app();
    let first = load_ticket(&a.start());
    let second = load_ticket(&update(&mut a, ch('r')));
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: first,
            result: Ok(page(0..5, None)),
        },
    );
    assert!(
        a.list.records.is_empty(),
        "the older load's answer is ignored"
    );
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: second,
            result: Ok(page(10..12, None)),
        },
    );
    assert_eq!(a.list.records.len(), 2);
    assert_eq!(a.list.total, Some(500));
}

#[test]
fn scrolling_near_the_end_loads_the_next_page_once() {
    let (mut a, _) = loaded_with(Some("c1"));
    let fx = update(&mut a, ch('G'));
    let next = match fx.as_slice() {
        [Effect::LoadPage { ticket, query }] => {
            assert_eq!(query.cursor.as_deref(), Some("c1"));
            *ticket
        }
        other => panic!("expected the next page, got {other:?}"),
    };
    assert!(
        update(&mut a, ch('k')).is_empty(),
        "no second request while one is in flight"
    );
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: next,
            result: Ok(page(40..60, None)),
        },
    );
    assert_eq!(a.list.records.len(), 60);
    assert_eq!(a.list.selected, 38, "appending keeps the selection");
}

#[test]
fn failed_refresh_keeps_rows_and_retry_works() {
    let mut a = loaded();
    let t = load_ticket(&update(&mut a, ch('r')));
    let err = ApiError::Connect {
        host: "h:1".into(),
        detail: "refused".into(),
    };
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: t,
            result: Err(err),
        },
    );
    assert_eq!(a.list.records.len(), 40, "rows stay visible");
    assert!(matches!(a.list.load, remote::Remote::Failed(_)));
    load_ticket(&update(&mut a, ch('r')));
}

#[test]
fn search_is_debounced_and_only_the_newest_query_wins() {
    let mut a = loaded();
    update(&mut a, ch('/'));
    let fx = type_text(&mut a, "ab");
    let tickets: Vec<Ticket> = fx
        .iter()
        .map(|e| match e {
            Effect::Debounce { ticket, .. } => *ticket,
            other => panic!("typing only debounces: {other:?}"),
        })
        .collect();
    assert_eq!(tickets.len(), 2);
    assert!(
        update(&mut a, Msg::DebounceElapsed { ticket: tickets[0] }).is_empty(),
        "superseded"
    );
    let fx = update(&mut a, Msg::DebounceElapsed { ticket: tickets[1] });
    let search_load = match fx.as_slice() {
        [Effect::LoadPage { ticket, query }] => {
            assert_eq!(query.filters.search.as_deref(), Some("ab"));
            *ticket
        }
        other => panic!("expected the search, got {other:?}"),
    };
    let fx = type_text(&mut a, "c");
    let Some(Effect::Debounce { ticket: t3, .. }) = fx.first() else {
        panic!("debounce")
    };
    let newest = load_ticket(&update(&mut a, key(KeyCode::Enter)));
    assert_ne!(newest, search_load);
    update(&mut a, Msg::DebounceElapsed { ticket: *t3 });
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: search_load,
            result: Ok(page(0..1, None)),
        },
    );
    assert_eq!(
        a.list.records.len(),
        40,
        "the older query's answer never replaces the newer one"
    );
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: newest,
            result: Ok(page(7..9, None)),
        },
    );
    assert_eq!(a.list.records.len(), 2);
    assert_eq!(a.list.filter.search, "abc");
}

#[test]
fn type_filter_picks_from_seen_types_and_esc_clears() {
    let mut a = loaded();
    update(&mut a, ch('t'));
    type_text(&mut a, "cust");
    let fx = update(&mut a, key(KeyCode::Enter));
    let Some(Effect::LoadPage { query, .. }) = fx.first() else {
        panic!("loads")
    };
    assert_eq!(query.filters.record_type.as_deref(), Some("customer"));
    let fx = update(&mut a, key(KeyCode::Esc));
    let Some(Effect::LoadPage { query, .. }) = fx.first() else {
        panic!("reloads")
    };
    assert_eq!(query.filters.record_type, None);
}

#[test]
fn a_rename_sends_the_name_and_the_whole_metadata() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    assert_eq!(
        serde_json::to_string(&upd).ok().as_deref(),
        Some(r#"{"name":"Record 0!","metadata":{"status":"open","seats":10,"price":1.50}}"#)
    );
}

#[test]
fn invalid_form_sends_nothing_and_keeps_every_keystroke() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, &"x".repeat(500));
    update(&mut a, key(KeyCode::Tab));
    assert!(update(&mut a, ctrl('s')).is_empty(), "nothing is sent");
    let form = a.form.as_ref().expect("form");
    assert_eq!(form.focus, FieldPath::Name, "focus jumps to the problem");
    assert!(
        form.banner
            .as_deref()
            .is_some_and(|b| b.contains("limit is 500")),
        "{:?}",
        form.banner
    );
    assert_eq!(
        form.name.text().chars().count(),
        508,
        "every keystroke kept"
    );
}

#[test]
fn metadata_changes_keep_types_and_untouched_values() {
    let mut a = loaded();
    editing(&mut a);
    // Tab to row 2's value (seats = 10), replace it with 12: still a number.
    for _ in 0..5 {
        update(&mut a, key(KeyCode::Tab));
    }
    assert_eq!(
        a.form.as_ref().map(|f| f.focus),
        Some(FieldPath::MetadataValue(1))
    );
    update(&mut a, key(KeyCode::Backspace));
    type_text(&mut a, "2");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    let sent = serde_json::to_string(&upd).expect("json");
    assert_eq!(
        sent,
        r#"{"metadata":{"status":"open","seats":12,"price":1.50}}"#
    );
}

fn server_error(status: u16, body: &str) -> SaveError {
    SaveError::Api(ApiError::Http {
        status,
        body: ErrorBody::parse(body.as_bytes()),
        retry_after: None,
    })
}

fn failed_save(err: SaveError) -> App {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "?");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(err),
        },
    );
    let form = a.form.as_ref().expect("form stays open");
    assert_eq!(form.name.text(), "Record 0?", "edits kept");
    assert_eq!(form.status, SaveStatus::Failed);
    a
}

#[test]
fn server_400_details_go_under_their_fields() {
    let body = r#"{"error":"Validation failed","details":[{"path":"name","message":"name is bad"},
        {"path":"metadata.seats","message":"too many","suggestion":"at most 5"},{"message":"loose problem"}]}"#;
    let a = failed_save(server_error(400, body));
    let form = a.form.as_ref().expect("form");
    assert_eq!(form.error_for(FieldPath::Name), Some("name is bad"));
    assert_eq!(
        form.error_for(FieldPath::MetadataValue(1)),
        Some("too many (at most 5)")
    );
    assert!(
        form.banner
            .as_deref()
            .is_some_and(|b| b.contains("loose problem"))
    );
}

#[test]
fn conflict_409_goes_under_name_and_type() {
    let a = failed_save(server_error(409, r#"{"error":"exists"}"#));
    let form = a.form.as_ref().expect("form");
    for p in [FieldPath::Name, FieldPath::Type] {
        assert!(
            form.error_for(p)
                .is_some_and(|e| e.contains("already has this name"))
        );
    }
}

#[test]
fn schema_422_goes_to_the_metadata_row() {
    let body = r#"{"error":"schema_validation_failed","collection":"ticket","details":[{"path":"metadata.status","field":"status","code":"x","message":"not allowed"}]}"#;
    let a = failed_save(server_error(422, body));
    assert_eq!(
        a.form
            .as_ref()
            .and_then(|f| f.error_for(FieldPath::MetadataValue(0))),
        Some("not allowed")
    );
}

#[test]
fn other_failures_explain_themselves_in_the_banner() {
    let cases: Vec<(SaveError, &str)> = vec![
        (
            server_error(401, r#"{"error":"bad key"}"#),
            "the API key was rejected (401)",
        ),
        (server_error(403, r#"{"error":"scope"}"#), "RECORDS:WRITE"),
        (server_error(404, r#"{"error":"gone"}"#), "no longer exists"),
        (server_error(503, r#"{"error":"busy"}"#), "Ctrl-S retries"),
        (
            SaveError::Api(ApiError::Connect {
                host: "h".into(),
                detail: "refused".into(),
            }),
            "Ctrl-S retries",
        ),
        (
            SaveError::Api(ApiError::Timeout {
                phase: crate::api::TimeoutPhase::Response,
            }),
            "may or may not",
        ),
        (
            SaveError::Conflict {
                theirs: Box::new(Record {
                    name: "Renamed elsewhere".into(),
                    updated_at: "2026-11-22T00:00:00.000Z".into(),
                    ..record(0)
                }),
            },
            "Someone else saved",
        ),
        (
            SaveError::Conflict {
                theirs: Box::new(Record {
                    updated_at: "2026-11-22T00:00:00.000Z".into(),
                    ..record(0)
                }),
            },
            "nobody else changed the record",
        ),
    ];
    for (err, says) in cases {
        let a = failed_save(err.clone());
        let banner = a
            .form
            .as_ref()
            .and_then(|f| f.banner.clone())
            .unwrap_or_default();
        assert!(banner.contains(says), "{err:?}: {banner}");
    }
}

#[test]
fn a_rejected_key_in_the_form_names_its_source() {
    let mut a = loaded();
    a.key_source = Some("api_key in the config file /c/config.toml".into());
    editing(&mut a);
    type_text(&mut a, "?");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(server_error(401, r#"{"error":"bad key"}"#)),
        },
    );
    let banner = a.form.as_ref().and_then(|f| f.banner.clone());
    assert!(
        banner.as_deref().is_some_and(|b| b
            .contains("check api_key in the config file /c/config.toml")
            && !b.contains("RUNTYPE_API_KEY")),
        "{banner:?}"
    );
}

#[test]
fn success_updates_the_list_in_place_and_shows_warnings() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    let mut saved = record(0);
    saved.name = "Record 0!".into();
    saved.updated_at = "2026-11-21T00:00:00.000Z".into();
    saved.warnings = vec![crate::api::types::WriteWarning {
        code: "KEY_RENAMED".into(),
        from: Some("A b".into()),
        to: Some("a_b".into()),
    }];
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    assert!(requests(&fx).is_empty(), "no reload");
    assert_eq!(
        fx,
        [Effect::DeleteDraft {
            id: "record_0000".into()
        }],
        "the draft is done with"
    );
    assert_eq!(&*a.list.records[0].name, "Record 0!");
    let form = a.form.as_ref().expect("form");
    assert_eq!(
        form.base.updated_at, "2026-11-21T00:00:00.000Z",
        "rebased on the response"
    );
    match &form.status {
        SaveStatus::Saved { notes } => assert!(notes[0].contains("\"A b\" to \"a_b\"")),
        other => panic!("expected Saved, got {other:?}"),
    }
    assert!(!form.is_dirty());
    update(&mut a, key(KeyCode::Esc));
    assert!(a.form.is_none(), "a clean form closes without asking");
}

#[test]
fn unsaved_changes_guard_on_esc_and_ctrl_c() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "x");
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.guard, Some(AfterGuard::CloseForm));
    update(&mut a, key(KeyCode::Esc));
    assert!(a.guard.is_none() && a.form.is_some(), "Esc keeps editing");
    update(&mut a, ctrl('c'));
    assert_eq!(a.guard, Some(AfterGuard::Quit));
    let (ticket, _) = save_effect(update(&mut a, ch('s')));
    assert_eq!(a.exit, None, "waits for the save");
    let mut saved = record(0);
    saved.name = "Record 0x".into();
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    assert_eq!(a.exit, Some(0), "quits once saved");
}

#[test]
fn discard_closes_and_failed_save_from_guard_stays() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "x");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('d'));
    assert!(a.form.is_none());
    assert_eq!(
        &*a.list.records[0].name, "Record 0",
        "discarded edits never reach the list"
    );
}

#[test]
fn results_for_a_closed_detail_are_dropped() {
    let mut a = loaded();
    let fx = update(&mut a, key(KeyCode::Enter));
    let Some(Effect::LoadRecord { ticket, .. }) = fx.first().cloned() else {
        panic!("fetches")
    };
    update(&mut a, key(KeyCode::Esc));
    let mut fresh = record(0);
    fresh.name = "changed".into();
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(fresh),
        },
    );
    assert!(a.detail.is_none());
    assert_eq!(&*a.list.records[0].name, "Record 0");
}

#[test]
fn signals_exit_with_128_plus_n() {
    let mut a = loaded();
    update(&mut a, Msg::Terminate { signal: 15 });
    assert_eq!(a.exit, Some(143));
}

#[test]
fn keys_work_while_loading() {
    let mut a = app();
    a.start();
    update(&mut a, ch('?'));
    assert!(a.help, "help opens while the first page is in flight");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('q'));
    assert_eq!(a.exit, Some(0));
}

#[test]
fn details_without_path_or_unknown_key_go_to_the_banner() {
    let e = ErrorDetail {
        message: "m".into(),
        path: Some("metadata.nope".into()),
        ..ErrorDetail::default()
    };
    let body =
        serde_json::json!({"error": "bad", "details": [{"message": e.message, "path": e.path}]})
            .to_string();
    let a = failed_save(server_error(400, &body));
    assert!(
        a.form
            .as_ref()
            .and_then(|f| f.banner.clone())
            .is_some_and(|b| b.contains("m"))
    );
}

#[test]
fn local_filter_narrows_loaded_rows_without_requests() {
    let mut a = loaded();
    update(&mut a, ch('f'));
    let fx = type_text(&mut a, "record 1");
    assert!(fx.is_empty(), "nothing is sent");
    let names: Vec<&str> = (0..a.list.len())
        .filter_map(|i| a.list.row(i))
        .map(|r| &*r.name)
        .collect();
    assert_eq!(names.len(), 11, "Record 1 and Record 10..19: {names:?}");
    update(&mut a, ch('9'));
    assert_eq!(a.list.len(), 1);
    assert_eq!(
        a.list.selected_record().map(|r| &*r.name),
        Some("Record 19")
    );
    update(&mut a, key(KeyCode::Backspace));
    assert_eq!(a.list.len(), 11, "deleting widens again");
    update(&mut a, key(KeyCode::Enter));
    assert!(a.prompt.is_none());
    update(&mut a, ch('j'));
    assert_eq!(
        a.list.selected_record().map(|r| &*r.name),
        Some("Record 10")
    );
    let fx = update(&mut a, key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::LoadRecord { id, .. }] if id == "record_0010"));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.list.len(), 40, "Esc clears the local filter");
    assert_eq!(
        a.list.selected_record().map(|r| &*r.name),
        Some("Record 10"),
        "selection kept"
    );
}

#[test]
fn local_filter_takes_in_appended_pages_and_stops_prefetch() {
    let (mut a, _) = loaded_with(Some("c1"));
    update(&mut a, ch('f'));
    type_text(&mut a, "customer");
    assert_eq!(a.list.len(), 20);
    update(&mut a, key(KeyCode::Enter));
    assert!(
        update(&mut a, ch('G')).is_empty(),
        "no page is fetched for a local filter"
    );
    let t2 = load_ticket(&update(&mut a, ch('r')));
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: t2,
            result: Ok(page(0..60, None)),
        },
    );
    assert_eq!(a.list.len(), 30, "a reload is filtered with the same text");
}

#[test]
fn hostile_bytes_are_saved_back_exactly() {
    let mut a = app();
    let t = load_ticket(&a.start());
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page(0..1, None)),
        },
    );
    let fx = update(&mut a, ch('e'));
    let Some(Effect::LoadRecord { ticket, .. }) = fx.first().cloned() else {
        panic!("fetch")
    };
    let mut r = record(0);
    let hostile = "\u{1b}[31mRED\u{1b}]52;c;aGk=\u{7} \u{202e}gnp.exe\u{200b}\r\n\t\u{9b}";
    r.name = hostile.to_owned();
    r.metadata
        .insert("note".into(), serde_json::Value::String(hostile.to_owned()));
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(r),
        },
    );
    // Edit another field: the hostile ones are not even sent.
    for _ in 0..3 {
        update(&mut a, key(KeyCode::Tab));
    }
    type_text(&mut a, "x");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    assert_eq!(upd.name, None);
    let sent = upd.metadata.expect("metadata changed");
    assert_eq!(
        sent["note"].as_str(),
        Some(hostile),
        "untouched hostile value sent back byte for byte"
    );
    assert_eq!(sent["status"].as_str(), Some("openx"));
}

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
