//! `:export` and `:import` driven through `update`: the effects asked for, progress, cancel,
//! the preview, the upload with a protected or read-only profile, and the outcome.

use super::*;
use crate::api::ops::CsvUploadResult;
use crate::app::tests::{ch, key, loaded, profile, type_text};
use crate::app::{Msg, Prompt, update};

fn run(a: &mut App, line: &str) -> Vec<Effect> {
    update(a, ch(':'));
    type_text(a, line);
    update(a, key(KeyCode::Enter))
}

fn export_ticket(effects: &[Effect]) -> Ticket {
    match effects.iter().find(|e| matches!(e, Effect::Export { .. })) {
        Some(Effect::Export { ticket, .. }) => *ticket,
        _ => panic!("no export in {effects:?}"),
    }
}

#[test]
fn export_sends_the_lists_filters_and_counts_progress_until_done() {
    let mut a = loaded();
    a.list.filter.record_type = Some("ticket".into());
    a.list.filter.search = "printer".into();
    let fx = run(&mut a, "export! ~/out.jsonl");
    let Some(Effect::Export {
        path,
        format,
        filters,
        overwrite,
        ..
    }) = fx.iter().find(|e| matches!(e, Effect::Export { .. }))
    else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (path.as_str(), *format, *overwrite),
        ("~/out.jsonl", ExportFormat::Jsonl, true)
    );
    assert_eq!(filters.record_type.as_deref(), Some("ticket"));
    assert_eq!(filters.search.as_deref(), Some("printer"));
    let t = export_ticket(&fx);
    update(
        &mut a,
        Msg::ExportProgress {
            ticket: t,
            count: 300,
        },
    );
    assert_eq!(a.export.as_ref().map(|r| r.count), Some(300));
    let done = super::Exported {
        path: "/home/me/out.jsonl".into(),
        count: 312,
    };
    update(
        &mut a,
        Msg::Exported {
            ticket: t,
            result: Ok(done),
        },
    );
    assert!(a.export.is_none());
    assert_eq!(
        a.notice.as_deref(),
        Some("Exported 312 records to /home/me/out.jsonl.")
    );
}

#[test]
fn esc_cancels_the_export_and_a_late_answer_is_dropped() {
    let mut a = loaded();
    let t = export_ticket(&run(&mut a, "export out.csv"));
    let fx = update(&mut a, key(KeyCode::Esc));
    assert_eq!(fx, [Effect::CancelExport { ticket: t }]);
    assert!(a.export.is_none());
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("cancelled")));
    update(
        &mut a,
        Msg::ExportProgress {
            ticket: t,
            count: 10,
        },
    );
    let late = super::Exported {
        path: "x".into(),
        count: 1,
    };
    update(
        &mut a,
        Msg::Exported {
            ticket: t,
            result: Ok(late),
        },
    );
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("cancelled")));
}

#[test]
fn esc_in_the_detail_view_closes_it_and_the_export_goes_on() {
    let mut a = loaded();
    run(&mut a, "export out.csv");
    update(&mut a, key(KeyCode::Enter));
    assert!(a.detail.is_some());
    let fx = update(&mut a, key(KeyCode::Esc));
    assert!(a.detail.is_none(), "Esc closed the detail view");
    assert!(a.export.is_some(), "the export goes on");
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::CancelExport { .. })),
        "{fx:?}"
    );
}

#[test]
fn a_failed_export_says_why_and_other_extensions_are_refused_in_the_prompt() {
    let mut a = loaded();
    let t = export_ticket(&run(&mut a, "export out.csv"));
    update(
        &mut a,
        Msg::Exported {
            ticket: t,
            result: Err("boom".into()),
        },
    );
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.contains("failed, no file written: boom"), "{notice}");
    let fx = run(&mut a, "export out.txt");
    assert!(!fx.iter().any(|e| matches!(e, Effect::Export { .. })));
    let Some(Prompt::Command(cl)) = &a.prompt else {
        panic!("the prompt stays open")
    };
    let err = cl.error.as_ref().expect("an error");
    assert!(err.message.contains(".csv or .jsonl"), "{}", err.message);
}

/// Reads `csv` as the file of a `:import` and returns the app on its preview.
fn previewing(a: &mut App, csv: &str) -> Ticket {
    let fx = run(a, "import people.csv");
    let Some(Effect::ReadImport { ticket, path }) = fx.last() else {
        panic!("{fx:?}")
    };
    assert_eq!(path, "people.csv");
    let read = Ok(("/data/people.csv".to_owned(), csv.as_bytes().to_vec()));
    update(
        a,
        Msg::ImportRead {
            ticket: *ticket,
            result: read,
        },
    );
    *ticket
}

fn shown(a: &App) -> String {
    screen_lines(a.import.as_ref().expect("the import screen")).join("\n")
}

#[test]
fn the_preview_shows_the_mapping_and_the_rows_that_would_fail() {
    let mut a = loaded();
    previewing(
        &mut a,
        "name,type,city\nOlga,customer,Oslo\n,customer,Bergen\n",
    );
    let text = shown(&a);
    for want in [
        "/data/people.csv: 2 rows, 3 columns",
        "name → name",
        "type → type",
        "city → metadata.city",
        "Row 2: Olga | customer | Oslo",
        "Rows that would fail (1)",
        "Row 3: name is missing",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
}

#[test]
fn enter_uploads_and_the_outcome_lists_each_failed_row_then_the_list_reloads() {
    let mut a = loaded();
    previewing(&mut a, "name,type\nA,t\nB,t\n");
    let fx = update(&mut a, key(KeyCode::Enter));
    let [Effect::UploadCsv { ticket, upload }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(upload.file_name, "people.csv");
    assert_eq!(upload.name_column.as_deref(), Some("name"));
    let answer = CsvUploadResult {
        success: true,
        message: "Created 1 records, 1 rows failed".into(),
        created: 1,
        errors: 1,
        error_details: vec!["Row 3: a record with type 't' and name 'B' already exists".into()],
        records: Vec::new(),
        warnings: Vec::new(),
    };
    let fx = update(
        &mut a,
        Msg::Uploaded {
            ticket: *ticket,
            result: Ok(answer),
        },
    );
    assert!(matches!(fx.as_slice(), [Effect::LoadPage { .. }]), "{fx:?}");
    let text = shown(&a);
    assert!(text.contains("1 created, 1 failed"), "{text}");
    assert!(
        text.contains("Row 3: a record with type 't' and name 'B' already exists"),
        "{text}"
    );
    update(&mut a, key(KeyCode::Esc));
    assert!(a.import.is_none());
}

#[test]
fn esc_on_the_preview_sends_nothing() {
    let mut a = loaded();
    previewing(&mut a, "name,type\nA,t\n");
    let fx = update(&mut a, key(KeyCode::Esc));
    assert!(fx.is_empty() && a.import.is_none());
    assert_eq!(
        a.notice.as_deref(),
        Some("Import cancelled: nothing was sent.")
    );
}

#[test]
fn a_read_only_profile_refuses_the_import_before_reading_anything() {
    let mut a = loaded();
    a.profile = Some(profile(true, false));
    let fx = run(&mut a, "import people.csv");
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::ReadImport { .. })),
        "{fx:?}"
    );
    assert!(a.import.is_none());
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("read-only")));
}

#[test]
fn a_protected_profile_asks_for_its_name_and_esc_there_goes_back_to_the_preview() {
    let mut a = loaded();
    a.profile = Some(profile(false, true));
    previewing(&mut a, "name,type\nA,t\n");
    assert!(update(&mut a, key(KeyCode::Enter)).is_empty());
    assert!(matches!(a.prompt, Some(Prompt::Confirm(_))));
    update(&mut a, key(KeyCode::Esc));
    let stage = a.import.as_ref().map(|s| &s.stage);
    assert!(matches!(stage, Some(ImportStage::Preview(_))), "{stage:?}");
    update(&mut a, key(KeyCode::Enter));
    type_text(&mut a, "prod");
    let fx = update(&mut a, key(KeyCode::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::UploadCsv { .. }]),
        "{fx:?}"
    );
}

#[test]
fn a_file_that_is_not_csv_text_closes_the_screen_with_the_reason() {
    let mut a = loaded();
    let fx = run(&mut a, "import bin.csv");
    let Some(Effect::ReadImport { ticket, .. }) = fx.last() else {
        panic!("{fx:?}")
    };
    let read = Ok(("/data/bin.csv".to_owned(), vec![0xff, 0xfe, b'\n']));
    update(
        &mut a,
        Msg::ImportRead {
            ticket: *ticket,
            result: read,
        },
    );
    assert!(a.import.is_none());
    let notice = a.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("Cannot import /data/bin.csv: the file is not UTF-8"),
        "{notice}"
    );
}

/// A file with a header and no rows: nothing is offered for upload, nothing is sent.
#[test]
fn a_header_without_rows_is_nothing_to_import() {
    let mut a = loaded();
    previewing(&mut a, "name,type,city\n");
    let fx = update(&mut a, key(KeyCode::Enter));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(a.import.is_some(), "the preview stays");
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.contains("Nothing to import"), "{notice}");
}

/// `.ndjson` is JSON Lines, as for the headless export.
#[test]
fn ndjson_exports_as_json_lines() {
    let mut a = loaded();
    let fx = run(&mut a, "export out.ndjson");
    assert!(
        fx.iter().any(|e| matches!(
            e,
            Effect::Export {
                format: crate::app::files::ExportFormat::Jsonl,
                ..
            }
        )),
        "{fx:?}"
    );
}

/// A row with more fields than the header is uploaded without them: the preview says so.
#[test]
fn rows_wider_than_the_header_are_pointed_out() {
    let mut a = loaded();
    previewing(&mut a, "name,type,a\nR1,customer\nR2,customer,1,2,3\n");
    let text = shown(&a);
    assert!(
        text.contains("Rows with more fields than the header (1)"),
        "{text}"
    );
    assert!(
        text.contains("Row 3: 5 fields, the header 3: the last 2 are not sent"),
        "{text}"
    );
    assert!(text.contains("No row fails the local checks."), "{text}");
}
