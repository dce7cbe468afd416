use super::*;
use crate::api::filter::Node;
use rstest::rstest;
use serde_json::Value;
use serde_json::json;

/// The `where` a line compiles to, as JSON (what goes on the wire).
fn where_of(input: &str) -> Value {
    let expr = parse(input).unwrap_or_else(|e| panic!("{input:?} fails: {e:?}"));
    serde_json::to_value(expr.where_).expect("serialises")
}

fn cond(field: &str, op: &str, value: Value) -> Value {
    json!({ "field": field, "op": op, "value": value })
}

#[rstest]
#[case::eq("status=open", cond("status", "eq", json!("open")))]
#[case::neq("status!=open", cond("status", "neq", json!("open")))]
#[case::gt("seats>10", cond("seats", "gt", json!(10)))]
#[case::gte("seats>=10", cond("seats", "gte", json!(10)))]
#[case::lt("seats<10.5", cond("seats", "lt", json!(10.5)))]
#[case::lte("seats<=-3", cond("seats", "lte", json!(-3)))]
#[case::contains("subject~login", cond("subject", "contains", json!("login")))]
#[case::contains_keeps_digits_as_text("code~42", cond("code", "contains", json!("42")))]
#[case::starts("name^Acme", cond("name", "startsWith", json!("Acme")))]
#[case::ends("email$@acme.com", cond("email", "endsWith", json!("@acme.com")))]
#[case::in_list("priority=high,urgent", cond("priority", "in", json!(["high", "urgent"])))]
#[case::in_typed("seats=1,2,x", cond("seats", "in", json!([1, 2, "x"])))]
#[case::not_in("status!=solved,closed", cond("status", "notIn", json!(["solved", "closed"])))]
#[case::between("seats=1..5", cond("seats", "between", json!([1, 5])))]
#[case::between_dates(
    "createdAt=2025-01-01..2025-02-01",
    cond("createdAt", "between", json!(["2025-01-01", "2025-02-01"]))
)]
#[case::is_set("assignee?", json!({ "field": "assignee", "op": "isSet" }))]
#[case::not_set("!assignee?", json!({ "field": "assignee", "op": "isNotSet" }))]
#[case::is_true("active=true", json!({ "field": "active", "op": "isTrue" }))]
#[case::is_false("active=false", json!({ "field": "active", "op": "isFalse" }))]
#[case::eq_null_is_not_set("owner=null", json!({ "field": "owner", "op": "isNotSet" }))]
#[case::neq_null_is_set("owner!=null", json!({ "field": "owner", "op": "isSet" }))]
#[case::neq_true_keeps_bool("active!=true", cond("active", "neq", json!(true)))]
#[case::older("updatedAt<7d", cond("updatedAt", "olderThanDays", json!(7)))]
#[case::within("updatedAt>7d", cond("updatedAt", "withinLastDays", json!(7)))]
#[case::created_within("createdAt>1.5d", cond("createdAt", "withinLastDays", json!(1.5)))]
#[case::after_a_date("createdAt>2026-01-31", cond("createdAt", "gt", json!("2026-01-31")))]
#[case::quoted_value("subject=\"can't log in\"", cond("subject", "eq", json!("can't log in")))]
#[case::quoted_number_is_text("zip=\"0042\"", cond("zip", "eq", json!("0042")))]
#[case::quoted_true_is_text("flag=\"true\"", cond("flag", "eq", json!("true")))]
#[case::escaped_quote("q=\"say \\\"hi\\\"\"", cond("q", "eq", json!("say \"hi\"")))]
#[case::quoted_key("\"first name\"=Olga", cond("first name", "eq", json!("Olga")))]
#[case::quoted_list_items("tag=\"a b\",c", cond("tag", "in", json!(["a b", "c"])))]
#[case::dotted_key("address.city=Oslo", cond("address.city", "eq", json!("Oslo")))]
#[case::leading_zero_is_text("code=007", cond("code", "eq", json!("007")))]
#[case::big_integer_kept(
    "n=123456789012345678901234567890",
    cond("n", "eq", serde_json::from_str("123456789012345678901234567890").expect("number"))
)]
#[case::unicode("name~注文", cond("name", "contains", json!("注文")))]
#[case::commas_are_text_for_contains("note~a,b", cond("note", "contains", json!("a,b")))]
fn compiles_one_term(#[case] input: &str, #[case] want: Value) {
    assert_eq!(where_of(input), want);
}

#[test]
fn terms_are_anded_and_type_is_taken_out() {
    let expr = parse("type=ticket status=open priority=urgent assignee=olga").expect("parses");
    assert_eq!(expr.record_type.as_deref(), Some("ticket"));
    let want = json!({ "op": "and", "conditions": [
        cond("status", "eq", json!("open")),
        cond("priority", "eq", json!("urgent")),
        cond("assignee", "eq", json!("olga")),
    ]});
    assert_eq!(serde_json::to_value(expr.where_).ok(), Some(want));
}

#[test]
fn or_joins_neighbours_into_one_group_per_chain() {
    let want = json!({ "op": "and", "conditions": [
        cond("status", "eq", json!("open")),
        { "op": "or", "conditions": [
            cond("priority", "eq", json!("high")),
            cond("priority", "eq", json!("urgent")),
            { "field": "vip", "op": "isTrue" },
        ]},
        { "op": "or", "conditions": [
            { "field": "assignee", "op": "isNotSet" },
            cond("assignee", "eq", json!("olga")),
        ]},
    ]});
    let line =
        "status=open priority=high or priority=urgent OR vip=true !assignee? or assignee=olga";
    assert_eq!(where_of(line), want);
}

#[test]
fn a_single_or_chain_is_the_top_group() {
    let want = json!({ "op": "or", "conditions": [
        cond("a", "eq", json!(1)), cond("b", "eq", json!(2)),
    ]});
    assert_eq!(where_of("a=1 or b=2"), want);
}

#[rstest]
#[case::empty("")]
#[case::blank("   ")]
#[case::only_type("type=ticket")]
fn a_line_without_conditions_has_no_where(#[case] input: &str) {
    assert_eq!(parse(input).expect("parses").where_, None);
}

#[test]
fn the_type_in_effect_fills_in_when_the_line_names_none() {
    let expr = parse("status=open").expect("parses");
    assert_eq!(expr.to_filter(None), None);
    let filter = expr.to_filter(Some("ticket")).expect("typed");
    assert_eq!(filter.record_type, "ticket");
    let own = parse("type=customer tier=pro").expect("parses");
    assert_eq!(
        own.to_filter(Some("ticket")).map(|f| f.record_type),
        Some("customer".to_owned())
    );
}

/// Each case: the line, the text the error underlines, and a word of its message.
#[rstest]
#[case::bare_word("status=open olga", "olga", "operator")]
#[case::missing_value("status=", "=", "value is needed")]
#[case::unclosed_quote("a=1 name=\"abc", "\"abc", "never closed")]
#[case::unclosed_after_escape("name=\"ab\\", "\"ab\\", "never closed")]
#[case::leading_or("or a=1", "or", "before it")]
#[case::trailing_or("a=1 or", "or", "after it")]
#[case::double_or("a=1 or or b=2", "or", "twice")]
#[case::no_key("=open", "=", "starts with a key")]
#[case::lone_bang("a=1 !", "!", "needs a key")]
#[case::bang_with_op("!status=open", "!", "!=")]
#[case::junk_after_question("a?b", "b", "space after")]
#[case::empty_list_item("a=x,,y", ",", "missing")]
#[case::trailing_comma("a=x,y,", ",", "missing")]
#[case::mixed_separators("a=1..2,3", ",", "not both")]
#[case::three_between("a=1..2..3", "3", "two values")]
#[case::not_between("a!=1..2", "!=", "only with `=`")]
#[case::days_with_gte("updatedAt>=7d", "7d", "days go with")]
#[case::type_not_equal("type!=ticket", "!=", "type takes")]
#[case::type_list("type=a,b", "b", "one type")]
#[case::type_twice("type=a x=1 type=b", "type=b", "second type")]
#[case::type_in_or("a=1 or type=b", "type=b", "one type")]
#[case::or_after_type("type=b or a=1", "or", "one type")]
#[case::junk_after_quote("a=\"x\"y", "y", "space")]
#[case::unknown_operator("\"a b\"%1", "%", "not an operator")]
#[case::double_equals("status==open", "==", "one `=` is enough")]
#[case::not_double_equals("status!==open", "!==", "one `!=` is enough")]
#[case::days_typo("updatedAt<7x", "7x", "not a date")]
#[case::date_word("createdAt>yesterday", "yesterday", "not a date")]
fn errors_point_at_the_offending_part(
    #[case] input: &str,
    #[case] underlined: &str,
    #[case] says: &str,
) {
    let e = parse(input).expect_err("must fail");
    assert_eq!(&input[e.span.clone()], underlined, "{e:?}");
    assert!(e.message.contains(says), "{:?} lacks {says:?}", e.message);
}

/// Pieces the generator strings together: valid terms, stray operators, quotes, unicode.
const PIECES: &[&str] = &[
    "status",
    "=",
    "!=",
    ">",
    ">=",
    "<",
    "<=",
    "~",
    "^",
    "$",
    "?",
    "!",
    "\"",
    "\\",
    ",",
    "..",
    "or",
    "OR",
    " ",
    " ",
    "  ",
    "open",
    "7d",
    "-3",
    "1.5",
    "true",
    "false",
    "null",
    "type",
    "ticket",
    "updatedAt",
    "a.b",
    "é",
    "注文",
    "🎉",
    "\t",
    "\"quoted text\"",
    "0",
    "x,y",
    "1..5",
];

fn random_line(rng: &mut fastrand::Rng) -> String {
    (0..rng.usize(0..12))
        .map(|_| PIECES[rng.usize(..PIECES.len())])
        .collect()
}

/// Checks the shapes the API (and the sandbox) demand of each op's value.
fn value_fits(c: &Condition) -> bool {
    match (&c.op, &c.value) {
        (op, None) => op.is_unary(),
        (Op::Between, Some(Value::Array(a))) => a.len() == 2,
        (Op::In | Op::NotIn, Some(Value::Array(a))) => !a.is_empty(),
        (Op::WithinLastDays | Op::OlderThanDays, Some(v)) => v.is_number(),
        (op, Some(v)) => !op.is_unary() && !v.is_null() && !v.is_array(),
    }
}

fn conditions(w: &Where) -> Vec<&Condition> {
    match w {
        Where::Condition(c) => vec![c],
        Where::Group(g) => g
            .conditions
            .iter()
            .flat_map(|n| match n {
                Node::Condition(c) => vec![c],
                Node::Group(s) => s.conditions.iter().collect(),
            })
            .collect(),
    }
}

#[test]
fn ten_thousand_random_lines_never_panic_and_errors_stay_inside() {
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..10_000 {
        let line = random_line(&mut rng);
        match parse(&line) {
            Ok(expr) => {
                ok += 1;
                let conds = expr.where_.as_ref().map(conditions).unwrap_or_default();
                assert!(conds.iter().all(|c| value_fits(c)), "{line:?} -> {expr:?}");
                assert!(conds.iter().all(|c| !c.field.is_empty()), "{line:?}");
                let json = serde_json::to_value(&expr.where_).expect("serialises");
                let back: Option<Where> = serde_json::from_value(json).expect("round-trips");
                assert_eq!(back, expr.where_, "{line:?}");
            }
            Err(e) => {
                failed += 1;
                let s = &e.span;
                assert!(s.start < s.end && s.end <= line.len(), "{line:?}: {e:?}");
                assert!(line.is_char_boundary(s.start) && line.is_char_boundary(s.end));
                assert!(!e.message.is_empty());
            }
        }
    }
    // The generator must exercise both sides, or the property proves little.
    assert!(ok > 500 && failed > 500, "ok {ok}, failed {failed}");
}

#[rstest]
#[case::null("n<=null")]
#[case::bool("n>true")]
fn comparing_with_a_non_scalar_is_an_error(#[case] input: &str) {
    let e = parse(input).expect_err("must fail");
    assert_eq!(e.span.end, input.len());
}
