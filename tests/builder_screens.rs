//! The `F` filter builder drawn at 60x15 and 100x30, step by step, and snapshotted; where the
//! cursor sits while typing is asserted directly.

#[path = "common/draw.rs"]
mod draw;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use draw::{draw, text_of};
use rstest::rstest;
use runtype_tui::api::{Page, Pagination, Record};
use runtype_tui::app::filter_builder::{FieldInfo, FieldReport};
use runtype_tui::app::{App, Effect, Msg, Source, Ticket, update};

const NOW: i64 = 1_764_000_000_000;

fn record(i: usize) -> Record {
    let text = format!(
        r#"{{"id": "rec_{i:04}", "type": "ticket", "name": "Ticket {i}",
            "metadata": {{"status": "{}", "priority": "high"}}, "userId": "u",
            "createdAt": "2025-11-01T10:00:00.000Z", "updatedAt": "2025-11-24T15:00:00.000Z"}}"#,
        ["open", "closed"][i % 2]
    );
    serde_json::from_str(&text).expect("record")
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, key(KeyCode::Char(c)));
    }
}

fn ticket_of(effects: &[Effect], want: &str) -> Ticket {
    effects
        .iter()
        .find_map(|e| match (e, want) {
            (Effect::LoadPage { ticket, .. }, "page")
            | (Effect::LoadFields { ticket, .. }, "fields")
            | (Effect::LoadFieldValues { ticket, .. }, "values")
            | (Effect::PreviewFilter { ticket, .. }, "preview") => Some(*ticket),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {want} request in {effects:?}"))
}

fn field(name: &str, t: &str, count: u64) -> FieldInfo {
    FieldInfo {
        name: name.into(),
        types: vec![t.into()],
        count: Some(count),
    }
}

/// The list of tickets, the type filter on `ticket`, `F` pressed, schema and count answered.
fn builder(w: u16, h: u16) -> App {
    let mut app = App::new(
        Source {
            label: "sandbox".into(),
        },
        w,
        h,
        NOW,
    );
    let t = ticket_of(&app.start(), "page");
    let page = Page {
        records: (0..12).map(record).collect(),
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    update(
        &mut app,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page.into()),
        },
    );
    app.list.filter.record_type = Some("ticket".into());
    let fx = update(&mut app, key(KeyCode::Char('F')));
    let fields = FieldReport {
        total: 12,
        fields: vec![
            field("status", "string", 12),
            field("priority", "string", 12),
            field("seats", "number", 9),
            field("customer name with a long label", "string", 3),
        ],
    };
    update(
        &mut app,
        Msg::FieldsLoaded {
            ticket: ticket_of(&fx, "fields"),
            result: Ok(fields),
        },
    );
    update(
        &mut app,
        Msg::FilterPreviewed {
            ticket: ticket_of(&fx, "preview"),
            result: Ok(12),
        },
    );
    app
}

fn state(name: &str, w: u16, h: u16) -> App {
    let mut app = builder(w, h);
    if name == "fields" {
        return app;
    }
    typed(&mut app, "stat");
    update(&mut app, key(KeyCode::Enter));
    if name == "operators" {
        return app;
    }
    let fx = update(&mut app, key(KeyCode::Enter));
    let values = vec![
        ("open".to_owned(), 6),
        ("closed".to_owned(), 6),
        ("on hold".to_owned(), 1),
    ];
    let msg = Msg::FieldValuesLoaded {
        ticket: ticket_of(&fx, "values"),
        record_type: "ticket".into(),
        field: "status".into(),
        result: Ok(values),
    };
    update(&mut app, msg);
    if name == "values" {
        return app;
    }
    let fx = update(&mut app, key(KeyCode::Enter));
    if name == "counting" {
        return app;
    }
    update(
        &mut app,
        Msg::FilterPreviewed {
            ticket: ticket_of(&fx, "preview"),
            result: Ok(6),
        },
    );
    app
}

#[rstest]
fn builder_screens(
    #[values("fields", "operators", "values", "counting", "counted")] name: &str,
    #[values((60, 15), (100, 30))] size: (u16, u16),
) {
    let app = state(name, size.0, size.1);
    insta::assert_snapshot!(
        format!("{name}_{}x{}", size.0, size.1),
        text_of(&draw(&app))
    );
}

#[test]
fn the_cursor_follows_the_typed_text() {
    let mut app = builder(60, 15);
    typed(&mut app, "pri");
    let mut term = draw(&app);
    let at = term.get_cursor_position().expect("cursor");
    let row = text_of(&term)
        .lines()
        .nth(usize::from(at.y))
        .unwrap_or("")
        .to_owned();
    let before: String = row.chars().take(usize::from(at.x)).collect();
    assert!(before.ends_with("Field: pri"), "{row:?} at {at:?}");
}
