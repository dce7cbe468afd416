//! Scripted flows of the commands that arrange the list and keep views: `:columns`,
//! `:sort`, `:open`, `:view`, `:views`.

use super::super::tests::page;
use super::super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::new(Source { label: "t".into() }, 100, 30, 1_764_000_000_000)
}

/// Answers the one list load among `effects` with records 0..n.
fn answer_load(a: &mut App, effects: &[Effect], n: usize) {
    let loads: Vec<Ticket> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadPage { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .collect();
    let [ticket] = loads.as_slice() else {
        panic!("expected one load: {effects:?}");
    };
    let page = Msg::PageLoaded {
        ticket: *ticket,
        result: Ok(page(0..n, None)),
    };
    update(a, page);
}

fn loaded() -> App {
    let mut a = app();
    let fx = a.start();
    answer_load(&mut a, &fx, 10);
    a
}

fn press(a: &mut App, code: KeyCode) -> Vec<Effect> {
    update(a, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn run(a: &mut App, line: &str) -> Vec<Effect> {
    press(a, KeyCode::Char(':'));
    for c in line.chars() {
        press(a, KeyCode::Char(c));
    }
    press(a, KeyCode::Enter)
        .into_iter()
        .filter(|e| !matches!(e, Effect::SaveHistory { .. }))
        .collect()
}

fn names(a: &App) -> Vec<String> {
    (0..3)
        .filter_map(|i| a.list.row(i))
        .map(|r| r.name.to_string())
        .collect()
}

#[test]
fn columns_and_sort_arrange_the_loaded_rows_without_a_request() {
    let mut a = loaded();
    assert!(run(&mut a, "columns seats,price").is_empty());
    let keys: Vec<&str> = a.list.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["seats", "price"]);
    assert!(run(&mut a, "sort name desc").is_empty());
    assert_eq!(names(&a), ["Record 9", "Record 8", "Record 7"]);
    // A reload keeps the order: new pages are sorted as they arrive.
    let fx = press(&mut a, KeyCode::Char('r'));
    answer_load(&mut a, &fx, 10);
    assert_eq!(names(&a), ["Record 9", "Record 8", "Record 7"]);
    assert_eq!(a.list.columns.len(), 2);
}

#[test]
fn open_fetches_a_record_that_is_not_loaded() {
    let mut a = loaded();
    let fx = run(&mut a, "record_9999x");
    let [Effect::LoadRecord { id, .. }] = fx.as_slice() else {
        panic!("expected a fetch: {fx:?}");
    };
    assert_eq!(id, "record_9999x");
    assert_eq!(
        a.detail.as_ref().map(|d| d.id.as_str()),
        Some("record_9999x")
    );
    press(&mut a, KeyCode::Esc);
    let fx = run(&mut a, "open record_0003");
    assert!(matches!(fx.as_slice(), [Effect::LoadRecord { .. }]));
    let shown = a.detail.as_ref().map(|d| d.summary.name.to_string());
    assert_eq!(
        shown.as_deref(),
        Some("Record 3"),
        "a loaded row shows at once"
    );
}

fn saved_book(effects: &[Effect]) -> views::ViewBook {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveViews { book } => Some((**book).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("views not stored: {effects:?}"))
}

#[test]
fn a_saved_view_applies_and_is_restored_at_the_next_start() {
    let mut a = loaded();
    let fx = run(&mut a, "filter type=ticket status=open");
    answer_load(&mut a, &fx, 10);
    run(&mut a, "columns status,seats");
    run(&mut a, "sort seats desc");
    let book = saved_book(&run(&mut a, "view save open-tickets"));
    let view = &book.views["open-tickets"];
    assert_eq!(view.filter.as_deref(), Some("type=ticket status=open"));
    assert_eq!(view.record_type.as_deref(), Some("ticket"));
    assert_eq!(view.sort.as_deref(), Some("seats desc"));
    assert_eq!(book.current.as_deref(), Some("open-tickets"));

    // Esc clears the filters and leaves the view; applying it brings all of it back.
    let fx = press(&mut a, KeyCode::Esc);
    assert_eq!(saved_book(&fx).current, None);
    answer_load(&mut a, &fx, 10);
    run(&mut a, "columns");
    let fx = run(&mut a, "view open-tickets");
    let sent = fx.iter().find_map(|e| match e {
        Effect::LoadPage { query, .. } => query.filters.record_filter.clone(),
        _ => None,
    });
    assert_eq!(sent.map(|f| f.record_type), Some("ticket".to_owned()));
    assert_eq!(a.list.columns.len(), 2);
    run(&mut a, "views");
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("open-tickets (in use)"))
    );

    // The next start, with the book the runtime read back.
    let mut next = app();
    next.views = saved_book(&fx);
    let fx = next.start();
    let Some(Effect::LoadPage { query, .. }) = fx.first() else {
        panic!("no first load: {fx:?}");
    };
    assert!(
        query.filters.record_filter.is_some(),
        "the view in use is restored"
    );
    assert_eq!(
        next.list.sort.as_ref().map(|s| s.text()).as_deref(),
        Some("seats desc")
    );
}

#[test]
fn an_unknown_view_changes_nothing() {
    let mut a = loaded();
    assert!(run(&mut a, "view nope").is_empty());
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("No view named nope"))
    );
}
