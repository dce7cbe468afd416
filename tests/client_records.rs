//! Every client method against the sandbox over real HTTP, including error statuses.

mod common;

use common::{empty, new_record, obj, start};
use runtype_tui::api::ops::{
    BulkEditRequest, CsvUpload, ExportOutcome, LegacyCondition, LegacyOperator,
};
use runtype_tui::api::{
    ApiError, ApiKey, Client, Condition, ErrorBody, ListQuery, Message, Op, Patch, RecordFilter,
    RecordFilters, RecordUpdate, ResultsQuery, StepResultsQuery, View,
};
use runtype_tui::sandbox::{SandboxOptions, Seed};
use serde_json::{Value, json};

fn status(e: &ApiError) -> u16 {
    e.status()
        .unwrap_or_else(|| panic!("expected an HTTP error, got {e:?}"))
}

#[tokio::test]
async fn create_get_update_delete_round_trip() {
    let (_sb, c) = start(empty()).await;
    let created = c
        .create_record(&new_record(
            "customer",
            "Globex",
            json!({"Tier Level": "pro", "seats": 3}),
        ))
        .await
        .expect("create");
    assert_eq!(created.name, "Globex");
    assert_eq!(
        created.metadata,
        obj(json!({"tier_level": "pro", "seats": 3}))
    );
    assert_eq!(created.warnings.len(), 1, "a KEY_RENAMED warning");
    assert_eq!(created.warnings[0].code, "KEY_RENAMED");
    assert_eq!(created.warnings[0].from.as_deref(), Some("Tier Level"));

    let got = c.get_record(&created.id).await.expect("get");
    assert_eq!(got.metadata, created.metadata);
    assert!(got.warnings.is_empty(), "get carries no warnings");

    let update = RecordUpdate {
        name: Some("Globex Corp".into()),
        ..RecordUpdate::default()
    };
    let updated = c.update_record(&created.id, &update).await.expect("update");
    assert_eq!(updated.name, "Globex Corp");
    assert_eq!(
        updated.metadata, created.metadata,
        "name-only update keeps metadata"
    );
    assert!(
        updated.updated_at > created.updated_at,
        "updatedAt moves on every save"
    );

    c.delete_record(&created.id).await.expect("delete");
    let gone = c.get_record(&created.id).await.expect_err("deleted");
    assert_eq!(status(&gone), 404);
    assert_eq!(
        gone.body().map(ErrorBody::message),
        Some("Record not found")
    );
    assert_eq!(
        status(&c.delete_record(&created.id).await.expect_err("twice")),
        404
    );
}

#[tokio::test]
async fn owner_id_absent_set_and_null() {
    let (_sb, c) = start(empty()).await;
    let mut new = new_record("customer", "Owned", json!({}));
    new.owner_id = Patch::Set("crm-1".into());
    let r = c.create_record(&new).await.expect("create");
    assert_eq!(r.owner_id.as_deref(), Some("crm-1"));
    let kept = c
        .update_record(
            &r.id,
            &RecordUpdate {
                name: Some("Owned 2".into()),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(
        kept.owner_id.as_deref(),
        Some("crm-1"),
        "absent leaves the owner"
    );
    let cleared = c
        .update_record(
            &r.id,
            &RecordUpdate {
                owner_id: Patch::Null,
                ..Default::default()
            },
        )
        .await
        .expect("clear");
    assert_eq!(cleared.owner_id, None, "null clears the owner");
}

#[tokio::test]
async fn metadata_round_trips_exactly() {
    let (_sb, c) = start(empty()).await;
    let raw = r#"{"zeta": 1, "alpha": 2, "big": 123456789012345678901234567890, "dec": 0.10000000000000000000000001, "nested": {"b": [1, 2.50, null], "a": true}}"#;
    let metadata: Value = serde_json::from_str(raw).expect("fixture");
    let created = c
        .create_record(&new_record("t", "exact", metadata.clone()))
        .await
        .expect("create");
    let fetched = c.get_record(&created.id).await.expect("get");
    let text = serde_json::to_string(&fetched.metadata).expect("json");
    assert_eq!(text, serde_json::to_string(&metadata).expect("json"));
    assert!(text.starts_with(r#"{"zeta":1,"alpha":2,"big":123456789012345678901234567890,"dec":0.10000000000000000000000001"#), "{text}");
    assert!(
        text.contains("2.50"),
        "decimal digits are kept as sent: {text}"
    );
}

#[tokio::test]
async fn update_replaces_or_merges_metadata_per_sandbox_mode() {
    for merge in [false, true] {
        let (_sb, c) = start(SandboxOptions {
            metadata_merge: merge,
            ..empty()
        })
        .await;
        let r = c
            .create_record(&new_record("t", "m", json!({"a": 1, "b": 2})))
            .await
            .expect("create");
        let upd = RecordUpdate {
            metadata: Some(obj(json!({"a": 10}))),
            ..Default::default()
        };
        let after = c.update_record(&r.id, &upd).await.expect("update");
        let expected = if merge {
            json!({"a": 10, "b": 2})
        } else {
            json!({"a": 10})
        };
        assert_eq!(Value::Object(after.metadata), expected, "merge={merge}");
    }
}

#[tokio::test]
async fn validation_conflict_and_not_found_errors_carry_details() {
    let (_sb, c) = start(empty()).await;
    let err = c
        .create_record(&new_record("", "", json!({})))
        .await
        .expect_err("invalid");
    assert_eq!(status(&err), 400);
    let paths: Vec<_> = err
        .body()
        .expect("body")
        .details()
        .iter()
        .filter_map(|d| d.path.clone())
        .collect();
    assert_eq!(paths, ["type", "name"]);

    c.create_record(&new_record("customer", "Acme", json!({})))
        .await
        .expect("first");
    let dup = c
        .create_record(&new_record("customer", "Acme", json!({})))
        .await
        .expect_err("dup");
    assert_eq!(status(&dup), 409);
    assert!(
        dup.body()
            .expect("body")
            .message()
            .contains("already exists")
    );

    let other = c
        .create_record(&new_record("customer", "Other", json!({})))
        .await
        .expect("second");
    let rename = RecordUpdate {
        name: Some("Acme".into()),
        ..Default::default()
    };
    assert_eq!(
        status(
            &c.update_record(&other.id, &rename)
                .await
                .expect_err("rename clash")
        ),
        409
    );
    let same = RecordUpdate {
        name: Some("Other".into()),
        ..Default::default()
    };
    c.update_record(&other.id, &same)
        .await
        .expect("renaming to its own name is fine");

    let missing = c
        .update_record("record_nope", &rename)
        .await
        .expect_err("404");
    assert_eq!(status(&missing), 404);
}

#[tokio::test]
async fn auth_failures_are_401_and_read_only_writes_are_403() {
    let opts = SandboxOptions {
        read_only_key: Some("rt_test_readonly".into()),
        ..empty()
    };
    let (sb, c) = start(opts).await;
    let wrong = Client::new(&sb.base_url(), ApiKey::new("rt_test_wrong")).expect("client");
    let err = wrong
        .list_records(&ListQuery::default())
        .await
        .expect_err("401");
    assert_eq!(status(&err), 401);
    assert_eq!(err.body().map(ErrorBody::message), Some("Invalid API key"));

    let ro = Client::new(&sb.base_url(), ApiKey::new("rt_test_readonly")).expect("client");
    ro.list_records(&ListQuery::default())
        .await
        .expect("reads work");
    let err = ro
        .create_record(&new_record("t", "n", json!({})))
        .await
        .expect_err("403");
    assert_eq!(status(&err), 403);
    assert!(
        err.body()
            .expect("body")
            .message()
            .contains("RECORDS:WRITE")
    );
    ro.preview_filter(&RecordFilter::of_type("t"))
        .await
        .expect("preview is a read");
    c.create_record(&new_record("t", "n", json!({})))
        .await
        .expect("full key writes");
}

#[tokio::test]
async fn list_filters_search_compact_and_unknown_fields() {
    let (_sb, c) = start(empty()).await;
    for (t, n, m) in [
        (
            "ticket",
            "Login broken",
            json!({"status": "open", "note": "Ünïcode SEARCH target"}),
        ),
        (
            "ticket",
            "Invoice wrong",
            json!({"status": "closed", "long": "x".repeat(150)}),
        ),
        ("customer", "Acme", json!({"tier": "pro"})),
    ] {
        c.create_record(&new_record(t, n, m)).await.expect("create");
    }
    let q = |f: RecordFilters| ListQuery {
        filters: f,
        include_count: true,
        ..ListQuery::default()
    };
    let page = c
        .list_records(&q(RecordFilters {
            record_type: Some("ticket".into()),
            ..Default::default()
        }))
        .await
        .expect("list");
    assert_eq!(page.records.len(), 2);
    assert_eq!(page.pagination.total_count, Some(2));
    assert_eq!(page.filters_applied, Some(json!({"type": "ticket"})));

    let found = c
        .list_records(&q(RecordFilters {
            search: Some("ünïcode search".into()),
            ..Default::default()
        }))
        .await
        .expect("search");
    assert_eq!(
        found
            .records
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Login broken"]
    );

    let filter =
        RecordFilter::of_type("ticket").with_where(Condition::new("status", Op::Eq, "closed"));
    let filtered = c
        .list_records(&q(RecordFilters {
            record_filter: Some(filter),
            ..Default::default()
        }))
        .await
        .expect("filter");
    assert_eq!(filtered.records.len(), 1);
    assert_eq!(filtered.records[0].name, "Invoice wrong");

    let keys = c
        .list_records(&q(RecordFilters {
            metadata_keys: vec!["tier".into(), "long".into()],
            ..Default::default()
        }))
        .await
        .expect("keys");
    assert_eq!(keys.records.len(), 2);

    let compact = ListQuery {
        view: Some(View::Compact),
        filters: RecordFilters {
            name: Some("Invoice wrong".into()),
            ..Default::default()
        },
        ..ListQuery::default()
    };
    let page = c.list_records(&compact).await.expect("compact");
    let long = page.records[0].metadata["long"].as_str().expect("string");
    assert_eq!(long.chars().count(), 101);
    assert!(long.ends_with('…'));

    // Fields the client does not model are kept for the detail view.
    assert!(
        page.records[0].extra.is_empty(),
        "the sandbox sends only known fields"
    );
}

#[tokio::test]
async fn bulk_delete_and_bulk_edit_with_dry_run() {
    let (_sb, c) = start(empty()).await;
    let a = c
        .create_record(&new_record(
            "customer",
            "A",
            json!({"tier": "pro", "legacy_id": "A-1"}),
        ))
        .await
        .expect("a");
    let b = c
        .create_record(&new_record("customer", "B", json!({"tier": "free"})))
        .await
        .expect("b");
    let req = BulkEditRequest {
        conditions: Some(vec![LegacyCondition {
            field: "tier".into(),
            operator: LegacyOperator::EqualsCi,
            value: json!("PRO"),
        }]),
        updates: Some(obj(json!({"segment": "strategic"}))),
        delete_fields: Some(vec!["legacy_id".into()]),
        dry_run: Some(true),
        ..BulkEditRequest::default()
    };
    let dry = c.bulk_edit(&req).await.expect("dry run");
    assert_eq!(dry.record_ids, std::slice::from_ref(&a.id));
    assert_eq!(
        Value::Object(dry.data[0].after.clone()),
        json!({"tier": "pro", "segment": "strategic"})
    );
    assert_eq!(
        c.get_record(&a.id).await.expect("a").metadata["legacy_id"],
        "A-1",
        "dry run writes nothing"
    );

    let real = c
        .bulk_edit(&BulkEditRequest {
            dry_run: None,
            ..req
        })
        .await
        .expect("edit");
    assert_eq!(real.record_ids, std::slice::from_ref(&a.id));
    assert_eq!(
        Value::Object(c.get_record(&a.id).await.expect("a").metadata),
        json!({"tier": "pro", "segment": "strategic"})
    );

    let none = c
        .bulk_edit(&BulkEditRequest {
            updates: Some(obj(json!({"x": 1}))),
            ..Default::default()
        })
        .await
        .expect_err("no selector");
    assert_eq!(status(&none), 400);

    let del = c
        .bulk_delete(&[a.id.clone(), "record_missing".into()])
        .await
        .expect("bulk delete");
    assert_eq!(del.deleted_ids, std::slice::from_ref(&a.id));
    assert_eq!(del.not_found_ids, ["record_missing"]);
    c.get_record(&b.id).await.expect("b untouched");
}

#[tokio::test]
async fn export_streams_csv_and_204_means_nothing_matched() {
    let (_sb, c) = start(empty()).await;
    c.create_record(&new_record(
        "doc",
        "One, with comma",
        json!({"pages": 3, "meta": {"a": 1}}),
    ))
    .await
    .expect("create");
    let mut out = Vec::new();
    let outcome = c
        .export_csv(&RecordFilters::default(), &mut out)
        .await
        .expect("export");
    let text = String::from_utf8(out).expect("utf8");
    assert_eq!(
        outcome,
        ExportOutcome::Written {
            bytes: text.len() as u64
        }
    );
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,type,name,ownerId,createdAt,updatedAt,pages,meta")
    );
    let row = lines.next().expect("row");
    assert!(
        row.contains(r#","One, with comma","#) && row.ends_with(r#",3,"{""a"":1}""#),
        "{row}"
    );

    let mut empty_out = Vec::new();
    let none = RecordFilters {
        record_type: Some("nothing".into()),
        ..Default::default()
    };
    assert_eq!(
        c.export_csv(&none, &mut empty_out).await.expect("204"),
        ExportOutcome::NothingMatched
    );
    assert!(empty_out.is_empty());
}

#[tokio::test]
async fn field_values_preview_and_schema() {
    let (_sb, c) = start(empty()).await;
    for (i, s) in ["open", "open", "closed"].iter().enumerate() {
        c.create_record(&new_record(
            "ticket",
            &format!("T{i}"),
            json!({"status": s, "n": i}),
        ))
        .await
        .expect("create");
    }
    let fv = c
        .field_values("ticket", "status", Some(1))
        .await
        .expect("field values");
    assert_eq!(fv.values.len(), 1);
    assert_eq!(
        (fv.values[0].value.clone(), fv.values[0].count),
        (Some(json!("open")), 2)
    );
    assert!(fv.truncated);

    let preview = c
        .preview_filter(&RecordFilter::of_type("ticket").with_where(Condition::new(
            "status",
            Op::Eq,
            "open",
        )))
        .await
        .expect("preview");
    assert_eq!(preview.matched_count, 2);
    assert_eq!(preview.samples.len(), 2);

    let schema = c.discover_schema("ticket", Some(10)).await.expect("schema");
    assert_eq!((schema.total_records, schema.sampled_records), (3, 3));
    let names: Vec<_> = schema
        .fields
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["status", "n"]);
    assert_eq!(
        status(
            &c.field_values("", "status", None)
                .await
                .expect_err("type required")
        ),
        400
    );
}

#[tokio::test]
async fn upload_csv_reports_per_row_errors() {
    let (_sb, c) = start(empty()).await;
    let csv =
        "Title,Category,Tier Level\nAlpha,lead,gold\n,lead,silver\nBeta,lead,\nAlpha,lead,dup\n";
    let result = c
        .upload_csv(CsvUpload {
            file_name: "leads.csv".into(),
            contents: csv.as_bytes().to_vec(),
            name_column: Some("Title".into()),
            type_column: Some("Category".into()),
            type_value: None,
        })
        .await
        .expect("upload");
    assert_eq!((result.created, result.errors), (2, 2));
    assert!(result.success);
    assert!(
        result.error_details[0].starts_with("Row 3:"),
        "{:?}",
        result.error_details
    );
    assert!(
        result.error_details[1].starts_with("Row 5:")
            && result.error_details[1].contains("already exists")
    );
    assert_eq!(
        Value::Object(result.records[0].metadata.clone()),
        json!({"tier_level": "gold"})
    );
    assert_eq!(result.warnings[0].to.as_deref(), Some("tier_level"));
}

#[tokio::test]
async fn costs_results_and_step_results_of_demo_records() {
    let (_sb, c) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let page = c
        .list_records(&ListQuery {
            limit: Some(3),
            ..ListQuery::default()
        })
        .await
        .expect("list");
    let mut checked = 0;
    for rec in &page.records {
        let costs = c.record_costs(&rec.id).await.expect("costs");
        let results = c
            .record_results(
                &rec.id,
                &ResultsQuery {
                    include_count: true,
                    ..Default::default()
                },
            )
            .await
            .expect("results");
        assert_eq!(results.pagination.total, Some(costs.execution_count));
        if costs.execution_count == 0 {
            assert!(costs.model_breakdown.is_empty());
            continue;
        }
        checked += 1;
        let tokens: u64 = results.data.iter().filter_map(|r| r.total_tokens).sum();
        assert_eq!(tokens, costs.total_tokens);
        let steps = c
            .record_step_results(
                &rec.id,
                &StepResultsQuery {
                    limit: Some(2),
                    ..Default::default()
                },
            )
            .await
            .expect("steps");
        assert_eq!(steps.pagination.returned, 2);
        assert!(steps.pagination.has_more);

        let first = results.data[0].id.clone();
        c.delete_record_result(&rec.id, &first)
            .await
            .expect("delete result");
        let after = c.record_costs(&rec.id).await.expect("costs");
        assert_eq!(after.execution_count, costs.execution_count - 1);
        assert_eq!(
            status(
                &c.delete_record_result(&rec.id, &first)
                    .await
                    .expect_err("gone")
            ),
            404
        );
    }
    assert!(checked > 0, "the demo data has execution history");
    assert_eq!(
        status(&c.record_costs("record_missing").await.expect_err("404")),
        404
    );
}

#[tokio::test]
async fn demo_data_has_messages_in_both_shapes() {
    let (_sb, c) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let mut all = Vec::new();
    let mut q = ListQuery {
        limit: Some(100),
        ..ListQuery::default()
    };
    loop {
        let page = c.list_records(&q).await.expect("page");
        assert!(page.skipped.is_empty(), "{:?}", page.skipped);
        all.extend(page.records);
        match page.pagination.next_cursor {
            Some(cur) => q.cursor = Some(cur),
            None => break,
        }
    }
    assert!(all.len() >= 150);
    let msgs: Vec<&Message> = all
        .iter()
        .filter_map(|r| r.messages.as_ref())
        .flatten()
        .collect();
    assert!(msgs.iter().any(|m| matches!(m, Message::Text(_))));
    assert!(
        msgs.iter()
            .any(|m| matches!(m, Message::Turn { role, .. } if role == "assistant"))
    );
    assert!(
        all.iter().any(|r| r.name.contains('\u{1b}')),
        "hostile names are part of the demo"
    );
    assert!(all.iter().any(|r| {
        r.metadata
            .values()
            .any(|v| v.as_str().is_some_and(|s| s.chars().count() >= 10_000))
    }));
}

#[tokio::test]
async fn schema_422_and_coded_500_bodies_reach_the_caller_parsed() {
    let (sb, c) = start(empty()).await;
    let rec = c
        .create_record(&new_record("customer", "Initech", json!({"seats": "many"})))
        .await
        .expect("create");
    sb.inject(
        runtype_tui::sandbox::Fault::status(
            422,
            r#"{"error":"schema_validation_failed","collection":"customer","schemaVersion":3,"recordId":null,"recordName":"Initech",
               "details":[{"path":"metadata.seats","field":"seats","code":"type_mismatch","message":"Expected integer, got string"}]}"#,
        )
        .on(reqwest::Method::PUT),
    );
    let upd = RecordUpdate {
        metadata: Some(obj(json!({"seats": "many"}))),
        ..Default::default()
    };
    let err = c.update_record(&rec.id, &upd).await.expect_err("422");
    assert_eq!(status(&err), 422);
    match err.body() {
        Some(ErrorBody::Schema(s)) => {
            assert_eq!(s.details[0].path.as_deref(), Some("metadata.seats"))
        }
        other => panic!("expected the schema shape, got {other:?}"),
    }

    sb.inject(
        runtype_tui::sandbox::Fault::status(
            500,
            r#"{"error":"write failed","code":"record_write_failed"}"#,
        )
        .on(reqwest::Method::POST),
    );
    let err = c
        .create_record(&new_record("customer", "Hooli", json!({})))
        .await
        .expect_err("500");
    assert_eq!(
        err.body().and_then(ErrorBody::code),
        Some("record_write_failed")
    );
}
