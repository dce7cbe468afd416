use super::*;
use rstest::rstest;
use serde_json::json;

const NOW: i64 = 1_760_000_000_000;

fn row_matches(metadata: Value, where_: Value) -> bool {
    let expr = parse_where(&where_, "where", 0).expect("valid filter");
    let metadata = metadata.as_object().cloned().unwrap_or_default();
    let text = Value::Object(metadata.clone()).to_string();
    let row = RowView {
        id: "record_1",
        name: "Acme Corp",
        created_ms: NOW - 3 * DAY_MS,
        updated_ms: NOW,
        metadata: &metadata,
        metadata_bytes: text.len(),
    };
    eval(&expr, &row, NOW)
}

#[rstest]
#[case::eq(json!({"field": "tier", "op": "eq", "value": "pro"}), true)]
#[case::eq_number_forms(json!({"field": "seats", "op": "eq", "value": 250.0}), true)]
#[case::neq(json!({"field": "tier", "op": "neq", "value": "pro"}), false)]
#[case::neq_missing(json!({"field": "nope", "op": "neq", "value": 1}), true)]
#[case::gt(json!({"field": "seats", "op": "gt", "value": 200}), true)]
#[case::gte(json!({"field": "seats", "op": "gte", "value": 250}), true)]
#[case::lt(json!({"field": "seats", "op": "lt", "value": 250}), false)]
#[case::lte(json!({"field": "seats", "op": "lte", "value": 250}), true)]
#[case::between(json!({"field": "seats", "op": "between", "value": [100, 300]}), true)]
#[case::contains_ci(json!({"field": "note", "op": "contains", "value": "HELLO"}), true)]
#[case::contains_array(json!({"field": "tags", "op": "contains", "value": "vip"}), true)]
#[case::starts(json!({"field": "note", "op": "startsWith", "value": "say"}), true)]
#[case::ends(json!({"field": "note", "op": "endsWith", "value": "world"}), true)]
#[case::in_list(json!({"field": "tier", "op": "in", "value": ["free", "pro"]}), true)]
#[case::not_in(json!({"field": "tier", "op": "notIn", "value": ["free", "pro"]}), false)]
#[case::is_set(json!({"field": "tier", "op": "isSet"}), true)]
#[case::null_is_not_set(json!({"field": "gone", "op": "isNotSet"}), true)]
#[case::is_true(json!({"field": "active", "op": "isTrue"}), true)]
#[case::is_false(json!({"field": "active", "op": "isFalse"}), false)]
#[case::within(json!({"field": "createdAt", "op": "withinLastDays", "value": 7}), true)]
#[case::older(json!({"field": "createdAt", "op": "olderThanDays", "value": 7}), false)]
#[case::name_column(json!({"field": "name", "op": "startsWith", "value": "acme"}), true)]
#[case::dotted_path(json!({"field": "address.city", "op": "eq", "value": "Oslo"}), true)]
#[case::metadata_prefix(json!({"field": "metadata.tier", "op": "eq", "value": "pro"}), true)]
#[case::metadata_prefix_path(json!({"field": "metadata.address.city", "op": "eq", "value": "Oslo"}), true)]
#[case::and_or(json!({"op": "and", "conditions": [
    {"field": "tier", "op": "eq", "value": "pro"},
    {"op": "or", "conditions": [{"field": "seats", "op": "lt", "value": 10}, {"field": "active", "op": "isTrue"}]}
]}), true)]
fn evaluates_ops(#[case] where_: Value, #[case] expected: bool) {
    let metadata = json!({"tier": "pro", "seats": 250, "note": "Say hello world", "tags": ["vip", "eu"],
                          "active": true, "gone": null, "address": {"city": "Oslo"}});
    assert_eq!(row_matches(metadata, where_), expected);
}

#[rstest]
#[case::unknown_op(json!({"field": "a", "op": "regex", "value": "x"}), "where.op")]
#[case::between_scalar(json!({"field": "a", "op": "between", "value": 3}), "where.value")]
#[case::in_scalar(json!({"field": "a", "op": "in", "value": 3}), "where.value")]
#[case::missing_field(json!({"op": "eq", "value": 3}), "where.field")]
#[case::third_level(json!({"op": "and", "conditions": [{"op": "or", "conditions": [
    {"op": "and", "conditions": []}]}]}), "where.conditions[0].conditions[0]")]
#[case::bad_group_op(json!({"op": "xor", "conditions": []}), "where.op")]
fn rejects_bad_filters(#[case] where_: Value, #[case] path: &str) {
    let err = parse_where(&where_, "where", 0).expect_err("invalid");
    assert_eq!(err.0, path, "{err:?}");
}

#[test]
fn row_spec_checks_metadata_shape() {
    let metadata = json!({"a": 1, "b": "x".repeat(LARGE_FIELD_CHARS + 1)});
    let metadata = metadata.as_object().cloned().unwrap_or_default();
    let row = RowView {
        id: "i",
        name: "n",
        created_ms: 0,
        updated_ms: 0,
        metadata: &metadata,
        metadata_bytes: 2048,
    };
    let keeps = |spec: RowSpec| spec.keeps(&row);
    assert!(keeps(RowSpec {
        keys_any: vec!["z".into(), "a".into()],
        ..Default::default()
    }));
    assert!(!keeps(RowSpec {
        keys_all: vec!["a".into(), "z".into()],
        ..Default::default()
    }));
    assert!(keeps(RowSpec {
        min_fields: Some(2),
        max_fields: Some(2),
        ..Default::default()
    }));
    assert!(!keeps(RowSpec {
        max_fields: Some(1),
        ..Default::default()
    }));
    assert!(keeps(RowSpec {
        value_types: vec!["number".into()],
        ..Default::default()
    }));
    assert!(!keeps(RowSpec {
        value_types: vec!["array".into()],
        ..Default::default()
    }));
    assert!(keeps(RowSpec {
        has_large: Some(true),
        ..Default::default()
    }));
    assert!(keeps(RowSpec {
        min_kb: Some(1.5),
        max_kb: Some(2.5),
        ..Default::default()
    }));
    assert!(!keeps(RowSpec {
        min_kb: Some(3.0),
        ..Default::default()
    }));
}
