//! Save failures that say what is true: who holds a clashing name, how long to wait, a
//! record deleted elsewhere.

use super::*;
use std::time::Duration;

fn alt(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

/// Edits record 0, saves, and answers with `err`; returns the app and the answer's effects.
fn save_fails(err: SaveError) -> (App, Vec<Effect>) {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "?");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(err),
        },
    );
    (a, fx)
}

fn banner(a: &App) -> String {
    a.form
        .as_ref()
        .and_then(|f| f.banner.clone())
        .unwrap_or_default()
}

#[test]
fn a_409_looks_up_the_holder_and_offers_to_open_it() {
    let (mut a, fx) = save_fails(server_error(409, r#"{"error":"exists"}"#));
    let (ticket, query) = match requests(&fx).as_slice() {
        [Effect::LoadPage { ticket, query }] => (*ticket, query.clone()),
        other => panic!("a 409 looks the pair up: {other:?}"),
    };
    assert_eq!(query.filters.record_type.as_deref(), Some("ticket"));
    let exact = query.filters.record_filter.expect("exact name filter");
    assert!(exact.to_query_value().contains(r#""Record 0?""#));
    assert!(banner(&a).contains("looking it up"), "{}", banner(&a));
    // The holder: same type, exactly the name typed. A partial match is not it.
    let mut holder = record(2);
    holder.id = "record_0777".into();
    holder.name = "Record 0?".into();
    let mut near = record(4);
    near.name = "Record 0?!".into();
    let answer = row::RowPage::from(Page {
        records: vec![near, holder],
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    });
    let list_before = a.list.records.len();
    update(
        &mut a,
        Msg::PageLoaded {
            ticket,
            result: Ok(answer),
        },
    );
    assert_eq!(a.list.records.len(), list_before, "the list is not touched");
    let b = banner(&a);
    assert!(
        b.contains("record_0777") && b.contains("Alt-o opens it"),
        "{b}"
    );
    // The form has edits: Alt-o asks first, and discarding opens the holder.
    assert!(requests(&update(&mut a, alt('o'))).is_empty());
    assert!(
        a.guard.is_some(),
        "unsaved edits are never dropped silently"
    );
    let fx = update(&mut a, ch('d'));
    assert!(a.form.is_none());
    assert!(
        requests(&fx)
            .iter()
            .any(|e| matches!(e, Effect::LoadRecord { id, .. } if id == "record_0777")),
        "{fx:?}"
    );
    assert_eq!(
        a.detail.as_ref().map(|d| d.id.as_str()),
        Some("record_0777")
    );
}

#[test]
fn alt_o_without_a_clash_opens_nothing() {
    let mut a = loaded();
    editing(&mut a);
    assert!(requests(&update(&mut a, alt('o'))).is_empty());
    assert!(a.form.is_some() && a.guard.is_none());
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("409")));
}

#[test]
fn a_503_says_how_long_the_server_asks_to_wait() {
    let busy = SaveError::Api(ApiError::Http {
        status: 503,
        body: ErrorBody::parse(br#"{"error":"busy"}"#),
        retry_after: Some(Duration::from_millis(29_200)),
    });
    let (a, _) = save_fails(busy);
    assert!(banner(&a).contains("try again in 30 s"), "{}", banner(&a));
    let (a, _) = save_fails(server_error(503, r#"{"error":"busy"}"#));
    assert!(
        !banner(&a).contains("try again in"),
        "no header, no promise"
    );
}

#[test]
fn a_404_on_save_drops_the_row_and_offers_to_create_it_again() {
    let (mut a, _) = save_fails(server_error(404, r#"{"error":"gone"}"#));
    assert!(
        a.list.records.iter().all(|r| &*r.id != "record_0000"),
        "the deleted record leaves the list"
    );
    assert!(
        banner(&a).contains("deleted on the server"),
        "{}",
        banner(&a)
    );
    assert!(banner(&a).contains("Ctrl-S creates it again"));
    let fx = requests(&update(&mut a, ctrl('s')));
    let record = match fx.as_slice() {
        [Effect::CreateRecord { record, .. }] => record.clone(),
        other => panic!("Ctrl-S creates it anew: {other:?}"),
    };
    assert_eq!(
        record.name, "Record 0?",
        "from the form's content, edits included"
    );
    assert_eq!(record.record_type, "ticket");
    let meta = record.metadata.expect("metadata");
    assert_eq!(meta.get("status").and_then(|v| v.as_str()), Some("open"));
}

#[test]
fn a_404_when_opening_drops_the_row_and_says_so() {
    let mut a = loaded();
    let fx = update(&mut a, key(KeyCode::Enter));
    let ticket = match requests(&fx).as_slice() {
        [Effect::LoadRecord { ticket, .. }] => *ticket,
        other => panic!("Enter fetches the record: {other:?}"),
    };
    let gone = ApiError::Http {
        status: 404,
        body: ErrorBody::parse(br#"{"error":"not found"}"#),
        retry_after: None,
    };
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Err(gone),
        },
    );
    assert!(a.list.records.iter().all(|r| &*r.id != "record_0000"));
    let notice = a.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("“Record 0” was deleted on the server"),
        "{notice}"
    );
}

/// `:open` of an id that was never listed and does not exist: no stub record stays on
/// screen, and the notice says the id was not found rather than "deleted".
#[test]
fn opening_an_unknown_id_says_it_does_not_exist() {
    let mut a = loaded();
    update(&mut a, ch(':'));
    type_text(&mut a, "open nosuch");
    let fx = update(&mut a, key(KeyCode::Enter));
    let Some(ticket) = fx.iter().find_map(|e| match e {
        Effect::LoadRecord { ticket, .. } => Some(*ticket),
        _ => None,
    }) else {
        panic!(":open fetches the record: {fx:?}");
    };
    let gone = ApiError::Http {
        status: 404,
        body: ErrorBody::parse(br#"{"error":"not found"}"#),
        retry_after: None,
    };
    let rows = a.list.records.len();
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Err(gone),
        },
    );
    assert!(a.detail.is_none(), "no stub record stays open");
    assert_eq!(a.list.records.len(), rows, "the list is untouched");
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.contains("No record with id nosuch"), "{notice}");
}

/// Answers the page request among `effects` with records `range`, `next` the next cursor.
fn answer_page(
    a: &mut App,
    effects: &[Effect],
    range: std::ops::Range<usize>,
    next: Option<&str>,
) -> Vec<Effect> {
    let ticket = load_ticket(effects);
    update(
        a,
        Msg::PageLoaded {
            ticket,
            result: Ok(page(range, next)),
        },
    )
}

#[test]
fn g_loads_to_the_real_end_and_lands_on_the_last_row() {
    let (mut a, fx) = loaded_with(Some("c1"));
    assert!(requests(&fx).is_empty(), "no prefetch far from the end");
    let fx = update(&mut a, ch('G'));
    assert!(a.list.to_end, "G goes on to the end");
    let fx = answer_page(&mut a, &fx, 40..80, Some("c2"));
    assert_eq!(a.list.selected, 79, "follows each page down");
    assert!(a.list.to_end);
    let fx = answer_page(&mut a, &fx, 80..110, None);
    assert!(requests(&fx).is_empty(), "the end: nothing more is asked");
    assert!(!a.list.to_end);
    assert_eq!(a.list.records.len(), 110);
    assert_eq!(a.list.selected, 109);
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("all 110 loaded"))
    );
}

#[test]
fn esc_stops_going_to_the_end_and_keeps_the_filters() {
    let (mut a, fx) = loaded_with(Some("c1"));
    let fx = if requests(&fx).is_empty() {
        update(&mut a, ch('G'))
    } else {
        answer_page(&mut a, &fx, 40..80, Some("c2"));
        update(&mut a, ch('G'))
    };
    update(&mut a, key(KeyCode::Esc));
    assert!(!a.list.to_end);
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("Stopped loading"))
    );
    let len = a.list.records.len();
    // The page already on its way is kept, but nothing further is asked for.
    let fx = answer_page(&mut a, &fx, len..len + 40, Some("c9"));
    assert!(requests(&fx).is_empty(), "{fx:?}");
}
