//! The sandbox's doors: auth, the errors axum answers itself, and the fidelity points the
//! official SDK found (metadata-prefixed filters, bulk ownerId, result deletes, prev paging).

mod common;

use common::{empty, new_record, start};
use runtype_tui::api::ops::BulkEditRequest;
use runtype_tui::api::query::{ResultsQuery, StepResultsQuery};
use runtype_tui::api::{Condition, ListQuery, Op, RecordFilter};
use runtype_tui::sandbox::{Sandbox, SandboxOptions, Seed};
use serde_json::{Value, json};

#[tokio::test]
async fn an_empty_or_blank_key_is_refused_at_start() {
    for key in ["", "   ", "\t"] {
        let opts = SandboxOptions {
            api_key: key.into(),
            ..empty()
        };
        let err = Sandbox::start(opts).await.err().expect("refused");
        assert!(err.to_string().contains("must not be empty"), "{err}");
    }
    let opts = SandboxOptions {
        read_only_key: Some(" ".into()),
        ..empty()
    };
    assert!(Sandbox::start(opts).await.is_err(), "blank read-only key");
}

#[test]
fn serve_with_an_empty_key_does_not_start() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db",
            ":memory:",
            "--api-key",
            "",
        ])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("must not be empty"));
}

async fn raw(
    sb: &runtype_tui::sandbox::SandboxHandle,
    method: reqwest::Method,
    path: &str,
    auth: &str,
    body: Option<Vec<u8>>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}{path}", sb.base_url()))
        .header("Authorization", auth);
    if let Some(b) = body {
        req = req.header("Content-Type", "application/json").body(b);
    }
    let resp = req.send().await.expect("answer");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive_and_blank_keys_never_match() {
    let (sb, _) = start(empty()).await;
    let key = sb.api_key().to_owned();
    for auth in [
        format!("Bearer {key}"),
        format!("bearer {key}"),
        format!("BEARER  {key}"),
        key.clone(),
    ] {
        let (status, _) = raw(&sb, reqwest::Method::GET, "/records", &auth, None).await;
        assert_eq!(status, 200, "{auth:?}");
    }
    for auth in ["", "Bearer ", "bearer"] {
        let (status, body) = raw(&sb, reqwest::Method::GET, "/records", auth, None).await;
        assert_eq!(status, 401, "{auth:?}");
        assert!(body["error"].is_string());
    }
}

#[tokio::test]
async fn method_not_allowed_and_too_large_answer_with_the_json_error_body() {
    let (sb, _) = start(empty()).await;
    let auth = format!("Bearer {}", sb.api_key());
    let (status, body) = raw(&sb, reqwest::Method::PATCH, "/records", &auth, None).await;
    assert_eq!(status, 405);
    assert!(body["error"].is_string(), "{body}");
    let huge = vec![b' '; 64 * 1024 * 1024 + 1];
    let (status, body) = raw(&sb, reqwest::Method::POST, "/records", &auth, Some(huge)).await;
    assert_eq!(status, 413);
    assert!(body["error"].is_string(), "{body}");
}

#[tokio::test]
async fn fidelity_points_found_with_the_sdk() {
    let (_sb, c) = start(empty()).await;
    for (name, tier) in [("A", "pro"), ("B", "free"), ("C", "pro")] {
        c.create_record(&new_record("t", name, json!({"tier": tier})))
            .await
            .expect("create");
    }
    // A filter on `metadata.<key>` finds what the bare key finds.
    let filter = RecordFilter::of_type("t").with_where(Condition::new(
        "metadata.tier",
        Op::Eq,
        json!("pro"),
    ));
    let preview = c.preview_filter(&filter).await.expect("preview");
    assert_eq!(preview.matched_count, 2, "{preview:?}");

    // `direction=prev` without a cursor is the first page, with nothing before it.
    let mut query = ListQuery {
        direction: Some(runtype_tui::api::Direction::Prev),
        limit: Some(2),
        ..ListQuery::default()
    };
    let prev = c.list_records(&query).await.expect("prev page");
    query.direction = None;
    let first = c.list_records(&query).await.expect("first page");
    assert!(!prev.pagination.has_prev);
    let ids =
        |p: &runtype_tui::api::Page| p.records.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&prev), ids(&first));

    // Bulk edit `updates.ownerId` syncs `ownerId`, as create and PUT do.
    let target = first.records[0].id.clone();
    let request = BulkEditRequest {
        record_ids: Some(vec![target.clone()]),
        updates: Some(common::obj(json!({"ownerId": "user_42"}))),
        ..BulkEditRequest::default()
    };
    c.bulk_edit(&request).await.expect("bulk edit");
    let after = c.get_record(&target).await.expect("get");
    assert_eq!(after.owner_id.as_deref(), Some("user_42"));
}

#[tokio::test]
async fn deleting_a_result_deletes_its_step_results() {
    let (_sb, c) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let page = c.list_records(&ListQuery::default()).await.expect("list");
    let mut found = None;
    for r in &page.records {
        let results = c
            .record_results(&r.id, &ResultsQuery::default())
            .await
            .expect("results");
        if let Some(first) = results.data.first() {
            found = Some((r.id.clone(), first.id.clone()));
            break;
        }
    }
    let (record, result) = found.expect("demo data has execution history");
    let steps_of = |steps: &runtype_tui::api::ops::StepResultsPage| {
        steps
            .data
            .iter()
            .filter(|s| s.extra.get("executionSessionId") == Some(&json!(result)))
            .count()
    };
    let steps = c
        .record_step_results(&record, &StepResultsQuery::default())
        .await
        .expect("steps");
    assert!(steps_of(&steps) > 0, "the result has steps");
    c.delete_record_result(&record, &result)
        .await
        .expect("delete");
    let steps = c
        .record_step_results(&record, &StepResultsQuery::default())
        .await
        .expect("steps");
    assert_eq!(steps_of(&steps), 0, "no step points at a deleted result");
}
