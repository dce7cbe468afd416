//! The list: paging, stale answers, search, the type and loaded-rows filters.

use super::*;

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

/// A view restored with a sort: the first page is sorted and the cursor starts at the top,
/// not on the record the server sent first (which the sort moved to the bottom).
#[test]
fn a_sorted_first_page_starts_at_the_top() {
    let mut a = app();
    a.list.sort = Some(crate::app::arrange::Sort::new("name", true));
    let t = load_ticket(&a.start());
    let answer = Msg::PageLoaded {
        ticket: t,
        result: Ok(page(0..40, None)),
    };
    update(&mut a, answer);
    assert_eq!(a.list.selected, 0);
    let top = a.list.selected_record().map(|r| r.name.to_string());
    assert_eq!(top.as_deref(), Some("Record 9"), "the sort put it first");
}
