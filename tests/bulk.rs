//! Selection and bulk changes on the whole app against the sandbox: `:set` previews with a
//! dry run and applies with one `bulk-edit`, a filter selection is sent as the filter,
//! `:delete` sends one `bulk-delete`; saved views survive a restart. Also the sandbox's own
//! `dryRun` and `recordFilter` handling, which those flows rely on.

mod common;

use common::app::{deadline, key, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::filter::{Condition, Op};
use runtype_tui::api::ops::BulkEditRequest;
use runtype_tui::api::{Client, ListQuery, Record, RecordFilter};
use runtype_tui::app::bulk::Stage;
use runtype_tui::runtime::Runner;
use runtype_tui::runtime::views::ViewsFile;
use serde_json::json;

/// Three open tickets, one solved ticket and an open customer, created in this order (the
/// list shows the newest first).
async fn queue(c: &Client) -> Vec<Record> {
    let records = [
        (
            "ticket",
            "T1",
            json!({"status": "open", "priority": "urgent"}),
        ),
        ("ticket", "T2", json!({"status": "open", "priority": "low"})),
        (
            "ticket",
            "T3",
            json!({"status": "open", "priority": "high"}),
        ),
        (
            "ticket",
            "T4",
            json!({"status": "solved", "priority": "low"}),
        ),
        ("customer", "C1", json!({"status": "open"})),
    ];
    let mut out = Vec::new();
    for (t, name, metadata) in records {
        out.push(
            c.create_record(&new_record(t, name, metadata))
                .await
                .expect("created"),
        );
    }
    out
}

async fn stored(c: &Client) -> Vec<(String, Option<String>)> {
    let page = c.list_records(&ListQuery::default()).await.expect("listed");
    let mut out: Vec<(String, Option<String>)> = page
        .records
        .into_iter()
        .map(|r| {
            let status = r
                .metadata
                .get("status")
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            (r.name, status)
        })
        .collect();
    out.sort();
    out
}

fn count(sb: &runtype_tui::sandbox::SandboxHandle, method: &str, path: &str) -> usize {
    sb.requests()
        .iter()
        .filter(|(m, p)| m.as_str() == method && p.starts_with(path))
        .count()
}

fn command(r: &mut Runner<TestBackend>, line: &str) {
    key(r, KeyCode::Char(':'), KeyModifiers::NONE);
    type_text(r, line);
    key(r, KeyCode::Enter, KeyModifiers::NONE);
}

fn in_preview(a: &runtype_tui::app::App) -> bool {
    matches!(a.bulk.as_ref().map(|b| &b.stage), Some(Stage::Preview(_)))
}

fn done(a: &runtype_tui::app::App) -> bool {
    matches!(a.bulk.as_ref().map(|b| &b.stage), Some(Stage::Done(_)))
}

#[tokio::test]
async fn set_previews_then_applies_with_one_bulk_edit() {
    let (sb, c) = start(empty()).await;
    queue(&c).await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 5).await;
    // The newest first: C1, T4, T3, ... ; select T4 and T3.
    key(&mut r, KeyCode::Char('j'), KeyModifiers::NONE);
    key(&mut r, KeyCode::Char(' '), KeyModifiers::NONE);
    key(&mut r, KeyCode::Char(' '), KeyModifiers::NONE);
    assert!(screen(&r).contains("2 selected"), "{}", screen(&r));
    command(&mut r, "set status=pending");
    wait(&mut r, "the preview", in_preview).await;
    let shown = screen(&r);
    assert!(shown.contains("2 records will change"), "{shown}");
    assert!(shown.contains("T3: status open → pending"), "{shown}");
    assert_eq!(
        count(&sb, "POST", "/v1/records/bulk-edit"),
        1,
        "the dry run"
    );
    let before = stored(&c).await;
    assert!(
        before.contains(&("T3".into(), Some("open".into()))),
        "a dry run writes nothing"
    );

    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the summary", done).await;
    assert!(screen(&r).contains("Updated 2 records."), "{}", screen(&r));
    assert_eq!(
        stored(&c).await,
        [
            ("C1".into(), Some("open".into())),
            ("T1".into(), Some("open".into())),
            ("T2".into(), Some("open".into())),
            ("T3".into(), Some("pending".into())),
            ("T4".into(), Some("pending".into())),
        ]
    );
    assert_eq!(
        count(&sb, "POST", "/v1/records/bulk-edit"),
        2,
        "dry run + one apply"
    );
    assert_eq!(
        count(&sb, "PUT", "/v1/records/"),
        0,
        "never one PUT per record"
    );
    let t3 = r.app.list.records.iter().find(|row| &*row.name == "T3");
    assert_eq!(t3.and_then(|row| row.field("status")), Some("pending"));
}

#[tokio::test]
async fn a_filter_selection_is_sent_as_the_filter_after_typing_the_count() {
    let (sb, c) = start(empty()).await;
    queue(&c).await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 5).await;
    command(&mut r, "filter type=ticket status=open");
    wait(&mut r, "the filtered list", |a| {
        a.list.load.loaded().is_some() && a.list.records.len() == 3
    })
    .await;
    command(&mut r, "select all");
    assert!(screen(&r).contains("all 3 matching"), "{}", screen(&r));
    command(&mut r, "set status=solved");
    wait(&mut r, "the preview", in_preview).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    assert!(screen(&r).contains("Type 3 to apply"), "{}", screen(&r));
    type_text(&mut r, "3");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the summary", done).await;
    let now = stored(&c).await;
    assert!(
        now.iter()
            .filter(|(n, _)| n.starts_with('T'))
            .all(|(_, s)| s.as_deref() == Some("solved"))
    );
    assert!(
        now.contains(&("C1".into(), Some("open".into()))),
        "another type is untouched"
    );
    assert_eq!(count(&sb, "POST", "/v1/records/bulk-edit"), 2);
}

#[tokio::test]
async fn delete_previews_and_sends_one_bulk_delete() {
    let (sb, c) = start(empty()).await;
    queue(&c).await;
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 5).await;
    key(&mut r, KeyCode::Char(' '), KeyModifiers::NONE);
    key(&mut r, KeyCode::Char(' '), KeyModifiers::NONE);
    command(&mut r, "delete");
    wait(&mut r, "the preview", in_preview).await;
    let shown = screen(&r);
    assert!(shown.contains("2 records will be deleted"), "{shown}");
    assert!(
        shown.contains("C1 (customer)") && shown.contains("T4 (ticket)"),
        "{shown}"
    );
    type_text(&mut r, "2");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the summary", done).await;
    let names: Vec<String> = stored(&c).await.into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["T1", "T2", "T3"]);
    assert_eq!(count(&sb, "POST", "/v1/records/bulk-delete"), 1);
    assert_eq!(count(&sb, "DELETE", "/v1/records/"), 0);
    assert_eq!(r.app.list.records.len(), 3, "the rows left the list");
}

#[tokio::test]
async fn the_view_in_use_comes_back_after_a_restart() {
    let (sb, c) = start(empty()).await;
    queue(&c).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("views").join("sandbox.toml");
    let mut r = runner(&sb).await.with_views(ViewsFile::at(path.clone()));
    wait(&mut r, "the list", |a| a.list.records.len() == 5).await;
    command(&mut r, "filter type=ticket status=open");
    command(&mut r, "columns priority");
    command(&mut r, "sort priority");
    command(&mut r, "view save triage");
    let until = tokio::time::Instant::now() + deadline();
    while !path.exists() {
        assert!(tokio::time::Instant::now() < until, "views never written");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let text = std::fs::read_to_string(&path).expect("readable");
    assert!(
        text.contains("[views.triage]") && text.contains("current = \"triage\""),
        "{text}"
    );
    drop(r);

    let mut r = restart_with_views(&sb, dir.path().join("views").join("sandbox.toml")).await;
    wait(&mut r, "the view's list", |a| {
        a.list.load.loaded().is_some() && a.list.records.len() == 3
    })
    .await;
    let shown = screen(&r);
    assert!(shown.contains("filter: type=ticket status=open"), "{shown}");
    assert!(shown.contains("sorted: loaded rows"), "{shown}");
    let order: Vec<&str> = r.app.list.records.iter().map(|x| &*x.name).collect();
    assert_eq!(
        order,
        ["T3", "T2", "T1"],
        "high, low, urgent: sorted as text"
    );
}

/// A runner whose views are loaded before its first request, as the real start does.
async fn restart_with_views(
    sb: &runtype_tui::sandbox::SandboxHandle,
    path: std::path::PathBuf,
) -> Runner<TestBackend> {
    let mut r =
        common::app::runner_unstarted(sb, Default::default()).with_views(ViewsFile::at(path));
    r.start().expect("first frame");
    r
}

#[tokio::test]
async fn the_sandbox_dry_run_writes_nothing_and_the_filter_selects_one_type() {
    let (_sb, c) = start(empty()).await;
    let made = queue(&c).await;
    let open_tickets =
        RecordFilter::of_type("ticket").with_where(Condition::new("status", Op::Eq, "open"));
    let mut request = BulkEditRequest {
        record_filter: Some(open_tickets),
        updates: Some(common::obj(json!({"status": "solved"}))),
        dry_run: Some(true),
        ..BulkEditRequest::default()
    };
    let dry = c.bulk_edit(&request).await.expect("dry run");
    assert_eq!(dry.record_ids.len(), 3);
    assert!(
        dry.data
            .iter()
            .all(|d| d.after["status"] == "solved" && d.before["status"] == "open")
    );
    let t1 = c.get_record(&made[0].id).await.expect("T1");
    assert_eq!(
        t1.updated_at, made[0].updated_at,
        "a dry run touches nothing"
    );
    assert_eq!(t1.metadata["status"], "open");

    // Ids and a filter together select their intersection.
    request.dry_run = Some(false);
    request.record_ids = Some(vec![
        made[0].id.clone(),
        made[3].id.clone(),
        made[4].id.clone(),
    ]);
    let applied = c.bulk_edit(&request).await.expect("applied");
    assert_eq!(applied.record_ids, [made[0].id.clone()]);
    let ids_in = RecordFilter::of_type("ticket").with_where(Condition::new(
        "id",
        Op::In,
        json!([made[1].id, made[4].id]),
    ));
    let listed = c
        .list_records(&ListQuery {
            filters: runtype_tui::api::RecordFilters {
                record_filter: Some(ids_in),
                ..Default::default()
            },
            ..ListQuery::default()
        })
        .await
        .expect("listed");
    let names: Vec<&str> = listed.records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["T2"], "`id in` within the filter's type only");
}
