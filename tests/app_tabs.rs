//! The detail view's Results and Costs tabs in the whole app (real runtime, `TestBackend`)
//! against the sandbox's seeded demo history: loaded once, steps opened, a run deleted.

mod common;

use common::app::{key, runner_unstarted, screen, wait};
use common::start;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::{Client, ClientConfig, ListQuery, ResultsQuery};
use runtype_tui::app::Detail;
use runtype_tui::runtime::Runner;
use runtype_tui::runtime::writes::WriteLog;
use runtype_tui::sandbox::{SandboxHandle, SandboxOptions, Seed};

/// A seeded record with at least two runs, and how many it has.
async fn record_with_runs(c: &Client) -> (String, usize) {
    let page = c.list_records(&ListQuery::default()).await.expect("list");
    for r in &page.records {
        let runs = c
            .record_results(&r.id, &ResultsQuery::default())
            .await
            .expect("results");
        if runs.data.len() >= 2 {
            return (r.id.clone(), runs.data.len());
        }
    }
    panic!("the demo data has a record with two runs or more");
}

fn history_gets(sb: &SandboxHandle, id: &str, what: &str) -> usize {
    let path = format!("/v1/records/{id}/{what}");
    sb.requests()
        .iter()
        .filter(|(m, p)| m.as_str() == "GET" && p.starts_with(&path))
        .count()
}

fn detail(r: &Runner<TestBackend>) -> &Detail {
    r.app.detail.as_ref().expect("the detail view is open")
}

fn press(r: &mut Runner<TestBackend>, c: char) {
    key(r, KeyCode::Char(c), KeyModifiers::NONE);
}

async fn open(r: &mut Runner<TestBackend>, id: &str) {
    wait(r, "the list", |a| !a.list.records.is_empty()).await;
    let index = r
        .app
        .list
        .records
        .iter()
        .position(|row| &*row.id == id)
        .expect("the record is on the first page");
    for _ in 0..index {
        press(r, 'j');
    }
    key(r, KeyCode::Enter, KeyModifiers::NONE);
    wait(r, "the record", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeded_records_runs_and_costs_load_once_each() {
    let (sb, c) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let (id, runs) = record_with_runs(&c).await;
    let before = history_gets(&sb, &id, "results");
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("journal.jsonl");
    let mut r = runner_unstarted(&sb, ClientConfig::default())
        .with_writes(WriteLog::at(journal.clone(), "sandbox"));
    r.start().expect("first frame");
    open(&mut r, &id).await;

    press(&mut r, '3');
    wait(&mut r, "the runs", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| d.tabs.results.loaded().is_some())
    })
    .await;
    let shown = detail(&r).tabs.results.loaded().map(|p| p.data.len());
    assert_eq!(shown, Some(runs));
    assert!(screen(&r).contains("Support triage"), "{}", screen(&r));

    press(&mut r, '4');
    wait(&mut r, "the costs", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| d.tabs.costs.loaded().is_some())
    })
    .await;
    let costs = detail(&r).tabs.costs.loaded().cloned().expect("costs");
    assert_eq!(costs.execution_count as usize, runs);
    assert!(screen(&r).contains("Total cost"), "{}", screen(&r));

    press(&mut r, '3');
    press(&mut r, '4');
    let asked = history_gets(&sb, &id, "results") - before;
    assert_eq!(asked, 1, "one request per tab");
    assert_eq!(history_gets(&sb, &id, "costs"), 1);

    // The newest run's steps, then back.
    press(&mut r, '3');
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the steps", |a| {
        a.detail
            .as_ref()
            .and_then(|d| d.tabs.steps.as_ref()?.load.loaded().map(|s| !s.is_empty()))
            .unwrap_or(false)
    })
    .await;
    assert!(screen(&r).contains("Draft reply"), "{}", screen(&r));
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert!(detail(&r).tabs.steps.is_none());

    // Deleting the selected run asks, then the list comes back one shorter.
    press(&mut r, 'D');
    press(&mut r, 'y');
    wait(&mut r, "the runs after the delete", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| d.tabs.results.loaded().map(|p| p.data.len()) == Some(runs - 1))
    })
    .await;
    let left = c
        .record_results(&id, &ResultsQuery::default())
        .await
        .expect("results");
    assert_eq!(left.data.len(), runs - 1, "the server deleted it");
    // Like every write the app makes, the delete is in the journal of writes.
    let text = std::fs::read_to_string(&journal).expect("journal");
    let entry: serde_json::Value =
        serde_json::from_str(text.lines().last().expect("an entry")).expect("json");
    assert_eq!(entry["method"], "DELETE-RESULT");
    assert_eq!(entry["outcome"], "ok");
    assert!(
        entry["path"]
            .as_str()
            .is_some_and(|p| p.contains(&format!("/records/{id}/results/"))),
        "{entry}"
    );
}
