//! `:export` and `:import` in the whole app against a loopback sandbox: what lands on disk,
//! that cancelling or failing leaves nothing behind, and the import's preview and outcome.

mod common;

use common::app::{deadline, key, profile, runner, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::app::files::ImportStage;
use runtype_tui::runtime::Runner;
use runtype_tui::sandbox::{Fault, SandboxHandle};
use serde_json::json;
use std::path::Path;
use std::time::Duration;

/// Four records, and the app on them with `type=ticket status=open` applied (two match).
async fn filtered() -> (SandboxHandle, Runner<TestBackend>) {
    let (sb, c) = start(empty()).await;
    for (ty, name, status) in [
        ("ticket", "Alpha", "open"),
        ("ticket", "Beta", "closed"),
        ("ticket", "Gamma", "open"),
        ("customer", "Delta", "open"),
    ] {
        c.create_record(&new_record(ty, name, json!({ "status": status })))
            .await
            .expect("created");
    }
    let mut r = runner(&sb).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 4).await;
    run_line(&mut r, "filter type=ticket status=open");
    wait(&mut r, "the filtered list", |a| {
        a.list.records.len() == 2 && !a.list.load.is_loading()
    })
    .await;
    (sb, r)
}

fn run_line(r: &mut Runner<TestBackend>, line: &str) {
    key(r, KeyCode::Char(':'), KeyModifiers::NONE);
    type_text(r, line);
    key(r, KeyCode::Enter, KeyModifiers::NONE);
}

fn at(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

async fn export_done(r: &mut Runner<TestBackend>) -> String {
    wait(r, "the export's end", |a| a.export.is_none()).await;
    r.app.notice.clone().unwrap_or_default()
}

/// Polls the directory (the runtime removes the temporary file on its own task).
async fn until_empty(dir: &Path) {
    let until = std::time::Instant::now() + deadline();
    while !names(dir).is_empty() {
        assert!(
            std::time::Instant::now() < until,
            "files left behind: {:?}",
            names(dir)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn csv_export_holds_exactly_the_filtered_records() {
    let (_sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = at(dir.path(), "open.csv");
    run_line(&mut r, &format!("export {file}"));
    let notice = export_done(&mut r).await;
    let text = std::fs::read_to_string(&file).expect("the file");
    assert!(
        notice.starts_with("Exported ") && notice.ends_with(&format!("bytes to {file}.")),
        "{notice}"
    );
    assert!(
        notice.contains(&text.len().to_string()),
        "{notice} vs {} bytes",
        text.len()
    );
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = rows
        .records()
        .map(|rec| rec.expect("row")[2].to_owned())
        .collect();
    assert_eq!(names.len(), 2, "{text}");
    assert!(
        names.contains(&"Alpha".into()) && names.contains(&"Gamma".into()),
        "{text}"
    );
    assert_eq!(self::names(dir.path()), ["open.csv"]);
}

#[tokio::test]
async fn jsonl_export_writes_one_full_record_per_line_and_refuses_to_overwrite() {
    let (_sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = at(dir.path(), "open.jsonl");
    run_line(&mut r, &format!("export {file}"));
    let notice = export_done(&mut r).await;
    assert_eq!(notice, format!("Exported 2 records to {file}."));
    let text = std::fs::read_to_string(&file).expect("the file");
    let mut got: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a record per line");
            (
                v["name"].as_str().expect("name").into(),
                v["metadata"]["status"].as_str().expect("status").into(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Alpha".into(), "open".into()),
            ("Gamma".into(), "open".into())
        ]
    );

    std::fs::write(&file, "mine").expect("write");
    run_line(&mut r, &format!("export {file}"));
    let notice = export_done(&mut r).await;
    assert!(notice.contains("exists; :export! "), "{notice}");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "mine");
    run_line(&mut r, &format!("export! {file}"));
    export_done(&mut r).await;
    assert_eq!(
        std::fs::read_to_string(&file)
            .expect("replaced")
            .lines()
            .count(),
        2
    );
}

/// A slow body: the status line counts the bytes as they arrive, before the export ends.
#[tokio::test]
async fn progress_is_shown_while_the_export_runs() {
    let (sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    sb.inject(Fault::trickle(40, Duration::from_millis(50)).at("/export"));
    run_line(&mut r, &format!("export {}", at(dir.path(), "open.csv")));
    wait(&mut r, "some progress", |a| {
        a.export.as_ref().is_some_and(|run| run.count > 0)
    })
    .await;
    assert!(
        screen(&r).contains("bytes so far · Esc on the list cancels"),
        "{}",
        screen(&r)
    );
    let notice = export_done(&mut r).await;
    assert!(notice.starts_with("Exported "), "{notice}");
    assert_eq!(names(dir.path()), ["open.csv"]);
}

#[tokio::test]
async fn esc_mid_export_cancels_it_and_leaves_no_file() {
    let (sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    sb.inject(Fault::stall(10, Duration::from_secs(30)).at("/export"));
    run_line(&mut r, &format!("export {}", at(dir.path(), "open.csv")));
    // The temporary file exists once the request is on its way.
    let until = std::time::Instant::now() + deadline();
    while names(dir.path()).is_empty() {
        assert!(
            std::time::Instant::now() < until,
            "no temporary file appeared"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        screen(&r).contains("Esc on the list cancels"),
        "{}",
        screen(&r)
    );
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert!(r.app.export.is_none());
    assert!(
        r.app.list.filter.expr.is_some(),
        "Esc cancelled the export, not the filter"
    );
    until_empty(dir.path()).await;
}

#[tokio::test]
async fn an_error_mid_export_says_so_and_leaves_no_file() {
    let (sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    sb.inject(Fault::close_mid_body(10).at("/export"));
    run_line(&mut r, &format!("export {}", at(dir.path(), "open.csv")));
    let notice = export_done(&mut r).await;
    assert!(notice.contains("failed, no file written"), "{notice}");
    until_empty(dir.path()).await;
}

#[tokio::test]
async fn import_previews_uploads_and_shows_each_failed_row_with_the_servers_reason() {
    let (_sb, mut r) = filtered().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = at(dir.path(), "new.csv");
    std::fs::write(
        &file,
        "name,type,status\nEpsilon,ticket,open\n,ticket,open\nAlpha,ticket,open\n",
    )
    .expect("write");
    run_line(&mut r, &format!("import {file}"));
    wait(&mut r, "the preview", |a| {
        a.import
            .as_ref()
            .is_some_and(|s| matches!(s.stage, ImportStage::Preview(_)))
    })
    .await;
    let text = screen(&r);
    for want in [
        "status → metadata.status",
        "Row 3: name is missing",
        "Enter upload",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the outcome", |a| {
        a.import
            .as_ref()
            .is_some_and(|s| matches!(s.stage, ImportStage::Done(_)))
    })
    .await;
    let text = screen(&r);
    assert!(text.contains("1 created, 2 failed"), "{text}");
    assert!(
        text.contains("Row 4: a record with type 'ticket' and name 'Alpha' already exists"),
        "{text}"
    );
    assert!(text.contains("Row 3: name must be"), "{text}");
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    wait(&mut r, "the reloaded list", |a| {
        a.import.is_none() && a.list.records.iter().any(|row| &*row.name == "Epsilon")
    })
    .await;
}

#[tokio::test]
async fn a_read_only_profile_refuses_the_import_before_any_request() {
    let (sb, mut r) = filtered().await;
    r.app.profile = Some(profile("audit", true, false));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = at(dir.path(), "new.csv");
    std::fs::write(&file, "name,type\nEpsilon,ticket\n").expect("write");
    let before = sb.requests().len();
    run_line(&mut r, &format!("import {file}"));
    assert!(r.app.import.is_none());
    let notice = r.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("read-only: importing refused"), "{notice}");
    assert_eq!(sb.requests().len(), before, "nothing was sent");
}

/// On a protected profile the upload waits for the profile's name; nothing is sent before.
#[tokio::test]
async fn a_protected_profile_uploads_only_once_its_name_is_typed() {
    let (sb, mut r) = filtered().await;
    r.app.profile = Some(profile("prod", false, true));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = at(dir.path(), "new.csv");
    std::fs::write(&file, "name,type\nEpsilon,ticket\n").expect("write");
    run_line(&mut r, &format!("import {file}"));
    wait(&mut r, "the preview", |a| {
        a.import
            .as_ref()
            .is_some_and(|s| matches!(s.stage, ImportStage::Preview(_)))
    })
    .await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(
        r.app.prompt,
        Some(runtype_tui::app::Prompt::Confirm(_))
    ));
    let posts = |sb: &SandboxHandle| {
        sb.requests()
            .iter()
            .filter(|(m, p)| m == axum::http::Method::POST && p.contains("upload-csv"))
            .count()
    };
    assert_eq!(posts(&sb), 0, "nothing sent before the name");
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the outcome", |a| {
        a.import
            .as_ref()
            .is_some_and(|s| matches!(s.stage, ImportStage::Done(_)))
    })
    .await;
    assert_eq!(posts(&sb), 1);
    assert!(screen(&r).contains("1 created, 0 failed"), "{}", screen(&r));
}
