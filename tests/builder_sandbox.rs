//! The `F` filter builder against the sandbox: the real runtime asks `schema`,
//! `field-values` and `preview-filter`, and the line it applies lists the right rows.

mod common;

use common::app::{key, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use runtype_tui::app::filter_builder::{Count, Step};
use serde_json::json;

fn enter(r: &mut runtype_tui::runtime::Runner<ratatui::backend::TestBackend>) {
    key(r, KeyCode::Enter, KeyModifiers::NONE);
}

#[tokio::test]
async fn building_status_open_counts_and_lists_the_open_tickets() {
    let (sb, c) = start(empty()).await;
    let seed = [
        ("ticket", "T1", "open"),
        ("ticket", "T2", "closed"),
        ("ticket", "T3", "open"),
        ("ticket", "T4", "open"),
        ("ticket", "T5", "closed"),
        // Open too, but not a ticket: the filter searches one type.
        ("customer", "C1", "open"),
    ];
    for (t, name, status) in seed {
        let r = new_record(t, name, json!({ "status": status, "seats": 2 }));
        c.create_record(&r).await.expect("seeded");
    }
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 6).await;

    key(&mut r, KeyCode::Char('F'), KeyModifiers::SHIFT);
    let step = |a: &runtype_tui::app::App| a.builder.as_deref().map(|b| b.step);
    assert_eq!(
        step(&r.app),
        Some(Step::Type),
        "no type in effect: it comes first"
    );
    type_text(&mut r, "ticket");
    enter(&mut r);
    wait(&mut r, "the schema", |a| {
        a.builder_choices().iter().any(|c| c.text == "status")
    })
    .await;
    assert!(screen(&r).contains("string · 5"), "{}", screen(&r));

    type_text(&mut r, "status");
    enter(&mut r);
    enter(&mut r); // `= equals`, the first operator
    wait(&mut r, "the values", |a| a.builder_choices().len() == 2).await;
    let values: Vec<(String, String)> = r
        .app
        .builder_choices()
        .into_iter()
        .map(|c| (c.text, c.detail))
        .collect();
    assert_eq!(
        values,
        [("open".into(), "3".into()), ("closed".into(), "2".into())]
    );
    enter(&mut r);
    wait(&mut r, "the count", |a| {
        a.builder
            .as_deref()
            .is_some_and(|b| b.count == Count::Matches(3))
    })
    .await;
    assert!(
        screen(&r).contains(":filter type=ticket status=open"),
        "{}",
        screen(&r)
    );
    assert!(screen(&r).contains("3 records match"), "{}", screen(&r));

    enter(&mut r);
    wait(&mut r, "the filtered list", |a| {
        a.builder.is_none() && !a.list.load.is_loading() && a.list.records.len() == 3
    })
    .await;
    let names: Vec<String> = (0..3)
        .filter_map(|i| r.app.list.row(i).map(|row| row.name.to_string()))
        .collect();
    assert_eq!(names, ["T4", "T3", "T1"]);
    assert_eq!(r.app.command_history, ["filter type=ticket status=open"]);
    assert_eq!(r.app.list.filter.record_type.as_deref(), Some("ticket"));
}
