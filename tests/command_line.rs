//! The `:` command line on the whole app against the sandbox: filters reach the server as
//! `recordFilter` and select exactly the matching records; every operator the filter syntax
//! emits is one the sandbox accepts; the history lands in its file.

mod common;

use common::app::{deadline, key, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use runtype_tui::api::{Client, ListQuery, RecordFilters};
use runtype_tui::app::filter_expr;
use runtype_tui::runtime::history::HistoryFile;
use serde_json::json;

/// Tickets (and one customer) with the fields the examples filter on.
async fn queue(c: &Client) {
    let records = [
        (
            "ticket",
            "T1 open urgent olga",
            json!({"status": "open", "priority": "urgent", "assignee": "olga", "seats": 3, "vip": true}),
        ),
        (
            "ticket",
            "T2 open urgent",
            json!({"status": "open", "priority": "urgent", "seats": 8}),
        ),
        (
            "ticket",
            "T3 open low",
            json!({"status": "open", "priority": "low", "assignee": "maria", "vip": false}),
        ),
        (
            "ticket",
            "T4 solved urgent",
            json!({"status": "solved", "priority": "urgent", "assignee": "olga"}),
        ),
        (
            "customer",
            "C1 open urgent",
            json!({"status": "open", "priority": "urgent"}),
        ),
    ];
    for (t, name, metadata) in records {
        c.create_record(&new_record(t, name, metadata))
            .await
            .expect("created");
    }
}

fn names(r: &runtype_tui::runtime::Runner<ratatui::backend::TestBackend>) -> Vec<String> {
    let mut names: Vec<String> = r
        .app
        .list
        .records
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn filter_with_a_type_yields_exactly_the_matching_records() {
    let (sb, c) = start(empty()).await;
    queue(&c).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history").join("sandbox.txt");
    let mut r = runner(&sb)
        .await
        .with_history(HistoryFile::at(history.clone()));
    wait(&mut r, "the list", |a| a.list.records.len() == 5).await;
    key(&mut r, KeyCode::Char(':'), KeyModifiers::NONE);
    type_text(&mut r, "filter type=ticket status=open priority=urgent");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the filtered list", |a| {
        a.list.load.loaded().is_some() && a.list.records.len() == 2
    })
    .await;
    assert_eq!(names(&r), ["T1 open urgent olga", "T2 open urgent"]);
    let shown = screen(&r);
    assert!(shown.contains("2/2"), "{shown}");
    assert!(
        shown.contains("filter: type=ticket status=open priority=urgent"),
        "{shown}"
    );
    let sent = sb.requests();
    let last = sent.last().map(|(_, p)| p.clone()).unwrap_or_default();
    assert!(last.contains("recordFilter="), "{last}");

    // An OR group and a not-set term, with the type now in effect.
    key(&mut r, KeyCode::Char(':'), KeyModifiers::NONE);
    type_text(&mut r, "filter priority=low or assignee=olga !seats?");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the second filter", |a| {
        a.list.load.loaded().is_some() && a.list.records.len() == 2
    })
    .await;
    assert_eq!(names(&r), ["T3 open low", "T4 solved urgent"]);

    let until = tokio::time::Instant::now() + deadline();
    while HistoryFile::at(history.clone()).load().len() < 2 {
        assert!(tokio::time::Instant::now() < until, "history never written");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        HistoryFile::at(history).load(),
        [
            "filter type=ticket status=open priority=urgent",
            "filter priority=low or assignee=olga !seats?"
        ]
    );
}

/// One line per operator of the syntax, with the tickets it must select.
const EVERY_OPERATOR: &[(&str, &[&str])] = &[
    ("status=open", &["T1", "T2", "T3"]),
    ("status!=open", &["T4"]),
    ("seats>3", &["T2"]),
    ("seats>=3", &["T1", "T2"]),
    ("seats<8", &["T1"]),
    ("seats<=8", &["T1", "T2"]),
    ("name~urgent", &["T1", "T2", "T4"]),
    ("name^T1", &["T1"]),
    ("name$olga", &["T1"]),
    ("assignee=olga,maria", &["T1", "T3", "T4"]),
    ("assignee!=olga,maria", &["T2"]),
    ("seats=2..5", &["T1"]),
    ("assignee?", &["T1", "T3", "T4"]),
    ("!assignee?", &["T2"]),
    ("vip=true", &["T1"]),
    ("vip=false", &["T3"]),
    ("updatedAt>7d", &["T1", "T2", "T3", "T4"]),
    ("createdAt<7d", &[]),
    ("id?", &["T1", "T2", "T3", "T4"]),
];

#[tokio::test]
async fn the_sandbox_accepts_every_operator_the_syntax_emits() {
    let (_sb, c) = start(empty()).await;
    queue(&c).await;
    for (line, want) in EVERY_OPERATOR {
        let expr = filter_expr::parse(line).expect("parses");
        let query = ListQuery {
            filters: RecordFilters {
                record_filter: expr.to_filter(Some("ticket")),
                ..RecordFilters::default()
            },
            ..ListQuery::default()
        };
        let page = c
            .list_records(&query)
            .await
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        let mut got: Vec<String> = page
            .records
            .iter()
            .map(|r| r.name.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        got.sort();
        assert_eq!(got, *want, "{line}");
    }
}
