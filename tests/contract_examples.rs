//! Every example body of the contract's section 7 parses with the client's types, and the
//! request examples are what the client's request types produce.

use runtype_tui::api::ops::{BulkEditRequest, BulkEditResult};
use runtype_tui::api::{
    Combinator, Condition, ErrorBody, Group, MetadataSchema, NewRecord, Op, Patch, RecordFilter,
    SubGroup, parse_page, record_from,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn full_record() {
    let r = record_from(fixture("record_full")).expect("record");
    assert_eq!(r.id, "record_01j9z6k3m4n5p6q7r8s9t0v1w2");
    assert_eq!(r.metadata["seats"], 250);
    assert_eq!(r.label_for("tier"), Some("Plan Tier"));
    assert_eq!(
        r.metadata_schema,
        Some(MetadataSchema::Keys {
            keys: ["industry", "tier", "seats", "active", "contacts"]
                .map(String::from)
                .to_vec()
        })
    );
    assert_eq!(r.messages.as_ref().map(Vec::len), Some(2));
    assert_eq!(r.schema_valid, Some(true));
    assert!(r.extra.is_empty());
}

#[test]
fn create_request_is_what_new_record_sends() {
    let new = NewRecord {
        record_type: "customer".into(),
        name: "Globex".into(),
        metadata: Some(
            json!({"Tier Level": "pro"})
                .as_object()
                .cloned()
                .expect("object"),
        ),
        owner_id: Patch::Set("crm-account-5520".into()),
        ..NewRecord::default()
    };
    assert_eq!(
        serde_json::to_value(&new).expect("json"),
        fixture("create_request")
    );
}

#[test]
fn create_response_with_warnings() {
    let r = record_from(fixture("create_response_warnings")).expect("record");
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(
        (r.warnings[0].from.as_deref(), r.warnings[0].to.as_deref()),
        (Some("Tier Level"), Some("tier_level"))
    );
    assert_eq!(r.messages, None);
}

#[test]
fn list_page() {
    let page = parse_page(fixture("list_page")).expect("page");
    assert_eq!(page.records.len(), 2);
    assert!(page.skipped.is_empty());
    assert_eq!(page.pagination.total_count, Some(7));
    assert_eq!(
        page.pagination.next_cursor.as_deref(),
        Some("record_01j9z6k3m4n5p6q7r8s9t0v1w2")
    );
    assert_eq!(page.filters_applied, Some(json!({"type": "customer"})));
}

#[test]
fn error_bodies() {
    let e400 = ErrorBody::parse(&fixture_bytes("error_400"));
    let paths: Vec<_> = e400.details().iter().map(|d| d.path.as_deref()).collect();
    assert_eq!(paths, [Some("name"), Some("type")]);
    assert_eq!(
        e400.details()[0].code.as_deref(),
        Some("MISSING_REQUIRED_FIELD")
    );
    assert!(e400.details()[0].suggestion.is_some());

    let e409 = ErrorBody::parse(&fixture_bytes("error_409"));
    assert!(matches!(e409, ErrorBody::Standard { .. }));
    assert!(e409.message().contains("already exists"));

    match ErrorBody::parse(&fixture_bytes("error_422")) {
        ErrorBody::Schema(s) => {
            assert_eq!(
                (s.collection.as_deref(), s.schema_version),
                (Some("customer"), Some(3))
            );
            assert_eq!(s.details[0].field.as_deref(), Some("seats"));
            assert_eq!(s.details[0].path.as_deref(), Some("metadata.seats"));
        }
        other => panic!("expected the schema shape, got {other:?}"),
    }
}

#[test]
fn bulk_edit_request_and_response() {
    let filter = RecordFilter::of_type("customer").with_where(Group::all([
        Condition::new("tier", Op::Eq, "enterprise").into(),
        SubGroup {
            op: Combinator::Or,
            conditions: vec![
                Condition::new("seats", Op::Gte, 200),
                Condition::unary("active", Op::IsTrue),
            ],
        }
        .into(),
    ]));
    let req = BulkEditRequest {
        record_filter: Some(filter),
        updates: Some(
            json!({"segment": "strategic"})
                .as_object()
                .cloned()
                .expect("object"),
        ),
        delete_fields: Some(vec!["legacy_id".into()]),
        dry_run: Some(true),
        ..BulkEditRequest::default()
    };
    assert_eq!(
        serde_json::to_value(&req).expect("json"),
        fixture("bulk_edit_request")
    );

    let resp: BulkEditResult =
        serde_json::from_value(fixture("bulk_edit_response")).expect("response");
    assert_eq!(resp.record_ids.len(), 1);
    assert_eq!(resp.data[0].before["legacy_id"], "A-17");
    assert!(!resp.data[0].after.contains_key("legacy_id"));
}

#[test]
fn tolerated_variants() {
    // Unknown fields are kept, bare-string messages and map-shaped schemas parse, and the
    // legacy `{data: record}` envelope is unwrapped.
    let mut v = fixture("record_full");
    v["futureField"] = json!({"x": 1});
    v["messages"] = json!(["plain text", {"role": "user", "content": [{"type": "text"}]}, 42]);
    v["metadataSchema"] = json!({"industry": "string", "contacts": "array"});
    let r = record_from(json!({ "data": v })).expect("wrapped record");
    assert_eq!(r.extra.get("futureField"), Some(&json!({"x": 1})));
    assert_eq!(r.messages.as_ref().map(Vec::len), Some(3));
    assert!(matches!(r.metadata_schema, Some(MetadataSchema::Map(_))));
    // Re-serialising keeps the unknown field.
    assert_eq!(
        serde_json::to_value(&r).expect("json")["futureField"],
        json!({"x": 1})
    );
}

#[test]
fn one_bad_item_is_skipped_and_named() {
    let mut page = fixture("list_page");
    page["data"][0]
        .as_object_mut()
        .expect("object")
        .remove("id");
    page["data"]
        .as_array_mut()
        .expect("array")
        .push(json!({"id": "record_bad", "type": 5}));
    let parsed = parse_page(page).expect("page still parses");
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.skipped.len(), 2);
    assert_eq!(
        (parsed.skipped[0].index, parsed.skipped[0].id.as_deref()),
        (0, None)
    );
    assert_eq!(parsed.skipped[1].id.as_deref(), Some("record_bad"));
}

/// The contract types `value` as `any|null`: a bucket without it (or with `null`) must not
/// make the whole answer unreadable, and `null` stays a value.
#[test]
fn field_values_buckets_may_leave_out_value() {
    let fv: runtype_tui::api::ops::FieldValues = serde_json::from_value(json!({
        "values": [{"value": "open", "count": 2}, {"count": 3}, {"value": null, "count": 1}],
        "truncated": false
    }))
    .expect("optional fields are optional");
    let values: Vec<Option<Value>> = fv.values.into_iter().map(|b| b.value).collect();
    assert_eq!(values, [Some(json!("open")), None, Some(Value::Null)]);
}
