//! Row filters the sandbox evaluates itself: the `recordFilter` language, bulk edit's legacy
//! conditions, and the metadata-shape list filters. SQL calls them through `rt_keep`.

use super::clock::parse_iso;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// A string value longer than this makes a record match `has_large_fields`.
pub const LARGE_FIELD_CHARS: usize = 1000;
const DAY_MS: i64 = 86_400_000;

/// A parsed, validated filter expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    All(Vec<Expr>),
    Any(Vec<Expr>),
    Cond {
        field: String,
        op: CondOp,
        value: Value,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CondOp {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    Between,
    Contains,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    IsSet,
    IsNotSet,
    IsTrue,
    IsFalse,
    WithinLastDays,
    OlderThanDays,
    EqualsCi,
    NotContains,
}

impl CondOp {
    pub fn from_wire(name: &str) -> Option<Self> {
        use CondOp::*;
        Some(match name {
            "eq" | "equals" => Eq,
            "neq" | "not_equals" => Neq,
            "gt" => Gt,
            "gte" => Gte,
            "lt" => Lt,
            "lte" => Lte,
            "between" => Between,
            "contains" => Contains,
            "startsWith" => StartsWith,
            "endsWith" => EndsWith,
            "in" => In,
            "notIn" => NotIn,
            "isSet" => IsSet,
            "isNotSet" => IsNotSet,
            "isTrue" => IsTrue,
            "isFalse" => IsFalse,
            "withinLastDays" => WithinLastDays,
            "olderThanDays" => OlderThanDays,
            "equals_ci" => EqualsCi,
            "not_contains" => NotContains,
            _ => return None,
        })
    }

    /// What `value` must be for this op, or `None` when any JSON value will do.
    fn value_rule(self) -> Option<&'static str> {
        use CondOp::*;
        match self {
            Between => Some("an array [low, high]"),
            In | NotIn => Some("an array"),
            WithinLastDays | OlderThanDays => Some("a number of days"),
            _ => None,
        }
    }

    fn value_ok(self, value: &Value) -> bool {
        use CondOp::*;
        match self {
            Between => value.as_array().is_some_and(|a| a.len() == 2),
            In | NotIn => value.is_array(),
            WithinLastDays | OlderThanDays => value.as_f64().is_some(),
            IsSet | IsNotSet | IsTrue | IsFalse => true,
            _ => !value.is_null(),
        }
    }
}

/// A problem in a filter, with the dotted path of the part at fault.
pub type FilterError = (String, String);

/// Parses `where` (a condition or a group nested at most two levels).
pub fn parse_where(value: &Value, path: &str, depth: u8) -> Result<Expr, FilterError> {
    let obj = value
        .as_object()
        .ok_or_else(|| (path.to_owned(), "must be an object".to_owned()))?;
    if let Some(conditions) = obj.get("conditions") {
        if depth >= 2 {
            return Err((path.to_owned(), "groups nest at most two levels".to_owned()));
        }
        let items = conditions
            .as_array()
            .ok_or_else(|| (format!("{path}.conditions"), "must be an array".to_owned()))?;
        let parsed = items
            .iter()
            .enumerate()
            .map(|(i, c)| parse_where(c, &format!("{path}.conditions[{i}]"), depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        return match obj.get("op").and_then(Value::as_str) {
            Some("and") => Ok(Expr::All(parsed)),
            Some("or") => Ok(Expr::Any(parsed)),
            _ => Err((
                format!("{path}.op"),
                "a group's op must be \"and\" or \"or\"".to_owned(),
            )),
        };
    }
    parse_condition(obj, path, "op")
}

/// Parses one `{field, op|operator, value}` condition.
pub fn parse_condition(
    obj: &Map<String, Value>,
    path: &str,
    op_key: &str,
) -> Result<Expr, FilterError> {
    let field = obj
        .get("field")
        .and_then(Value::as_str)
        .filter(|f| !f.is_empty())
        .ok_or_else(|| {
            (
                format!("{path}.field"),
                "a condition needs a field name".to_owned(),
            )
        })?;
    let op_name = obj.get(op_key).and_then(Value::as_str).unwrap_or_default();
    let op = CondOp::from_wire(op_name).ok_or_else(|| {
        (
            format!("{path}.{op_key}"),
            format!("unknown operator {op_name:?}"),
        )
    })?;
    let value = obj.get("value").cloned().unwrap_or(Value::Null);
    if !op.value_ok(&value) {
        let rule = op.value_rule().unwrap_or("a value");
        return Err((format!("{path}.value"), format!("{op_name} needs {rule}")));
    }
    Ok(Expr::Cond {
        field: field.to_owned(),
        op,
        value,
    })
}

/// Everything `rt_keep` checks for one row. Passed to SQL as JSON and parsed once per query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RowSpec {
    pub keys_any: Vec<String>,
    pub keys_all: Vec<String>,
    pub min_fields: Option<u64>,
    pub max_fields: Option<u64>,
    pub value_types: Vec<String>,
    pub has_large: Option<bool>,
    pub min_kb: Option<f64>,
    pub max_kb: Option<f64>,
    pub filter: Option<Expr>,
    pub now_ms: i64,
}

/// The columns of one row that filters can see.
pub struct RowView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub metadata: &'a Map<String, Value>,
    pub metadata_bytes: usize,
}

impl RowSpec {
    pub fn keeps(&self, row: &RowView<'_>) -> bool {
        let m = row.metadata;
        let n = m.len() as u64;
        let kb = row.metadata_bytes as f64 / 1024.0;
        (self.keys_any.is_empty() || self.keys_any.iter().any(|k| m.contains_key(k)))
            && self.keys_all.iter().all(|k| m.contains_key(k))
            && self.min_fields.is_none_or(|min| n >= min)
            && self.max_fields.is_none_or(|max| n <= max)
            && (self.value_types.is_empty()
                || m.values()
                    .any(|v| self.value_types.iter().any(|t| t == type_name(v))))
            && self
                .has_large
                .is_none_or(|want| m.values().any(has_large_string) == want)
            && self.min_kb.is_none_or(|min| kb >= min)
            && self.max_kb.is_none_or(|max| kb <= max)
            && self
                .filter
                .as_ref()
                .is_none_or(|f| eval(f, row, self.now_ms))
    }
}

/// The JSON type name of a value, as schema discovery and `metadata_types` use it.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_large_string(v: &Value) -> bool {
    match v {
        Value::String(s) => s.chars().count() > LARGE_FIELD_CHARS,
        Value::Array(items) => items.iter().any(has_large_string),
        Value::Object(map) => map.values().any(has_large_string),
        _ => false,
    }
}

/// A field's value: the columns by name, then a bare metadata key, then a dotted path
/// (with or without a leading `metadata.`).
fn lookup(row: &RowView<'_>, field: &str) -> Option<Value> {
    match field {
        "id" => return Some(Value::String(row.id.to_owned())),
        "name" => return Some(Value::String(row.name.to_owned())),
        "createdAt" => return Some(Value::from(row.created_ms)),
        "updatedAt" => return Some(Value::from(row.updated_ms)),
        _ => {}
    }
    if let Some(v) = row.metadata.get(field) {
        return Some(v.clone());
    }
    // The SDK's users write `metadata.<key>`: the prefix names where the key lives.
    let field = field.strip_prefix("metadata.").unwrap_or(field);
    if let Some(v) = row.metadata.get(field) {
        return Some(v.clone());
    }
    let mut parts = field.split('.');
    let mut cur = row.metadata.get(parts.next()?)?;
    for part in parts {
        cur = cur.get(part)?;
    }
    Some(cur.clone())
}

pub fn eval(expr: &Expr, row: &RowView<'_>, now_ms: i64) -> bool {
    match expr {
        Expr::All(items) => items.iter().all(|e| eval(e, row, now_ms)),
        Expr::Any(items) => items.iter().any(|e| eval(e, row, now_ms)),
        Expr::Cond { field, op, value } => {
            let date_field = matches!(field.as_str(), "createdAt" | "updatedAt");
            let actual = lookup(row, field);
            let value = if date_field {
                as_ms_value(value)
            } else {
                value.clone()
            };
            test(*op, actual.as_ref(), &value, now_ms)
        }
    }
}

/// Date columns compare as milliseconds, so an ISO string in the filter is converted.
fn as_ms_value(v: &Value) -> Value {
    match v {
        Value::String(s) => parse_iso(s).map(Value::from).unwrap_or_else(|| v.clone()),
        Value::Array(items) => Value::Array(items.iter().map(as_ms_value).collect()),
        other => other.clone(),
    }
}

fn test(op: CondOp, actual: Option<&Value>, value: &Value, now_ms: i64) -> bool {
    use CondOp::*;
    let present = actual.filter(|v| !v.is_null());
    match op {
        IsSet => present.is_some(),
        IsNotSet => present.is_none(),
        IsTrue => actual == Some(&Value::Bool(true)),
        IsFalse => actual == Some(&Value::Bool(false)),
        Neq => !actual.is_some_and(|a| loose_eq(a, value)),
        NotIn => !actual.is_some_and(|a| in_list(a, value)),
        NotContains => !actual.is_some_and(|a| contains(a, value)),
        _ => actual.is_some_and(|a| test_present(op, a, value, now_ms)),
    }
}

fn test_present(op: CondOp, a: &Value, value: &Value, now_ms: i64) -> bool {
    use CondOp::*;
    let ord = || compare(a, value);
    match op {
        Eq => loose_eq(a, value),
        EqualsCi => match (a.as_str(), value.as_str()) {
            (Some(x), Some(y)) => x.to_lowercase() == y.to_lowercase(),
            _ => loose_eq(a, value),
        },
        Gt => ord() == Some(Ordering::Greater),
        Gte => matches!(ord(), Some(Ordering::Greater | Ordering::Equal)),
        Lt => ord() == Some(Ordering::Less),
        Lte => matches!(ord(), Some(Ordering::Less | Ordering::Equal)),
        Between => match value.as_array().map(Vec::as_slice) {
            Some([lo, hi]) => {
                matches!(compare(a, lo), Some(Ordering::Greater | Ordering::Equal))
                    && matches!(compare(a, hi), Some(Ordering::Less | Ordering::Equal))
            }
            _ => false,
        },
        Contains => contains(a, value),
        StartsWith => str_pair(a, value).is_some_and(|(x, y)| x.starts_with(&y)),
        EndsWith => str_pair(a, value).is_some_and(|(x, y)| x.ends_with(&y)),
        In => in_list(a, value),
        WithinLastDays | OlderThanDays => {
            let (Some(at), Some(days)) = (as_ms(a), value.as_f64()) else {
                return false;
            };
            let edge = now_ms - (days * DAY_MS as f64) as i64;
            if op == WithinLastDays {
                at >= edge
            } else {
                at < edge
            }
        }
        _ => false,
    }
}

fn as_ms(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => parse_iso(s),
        _ => None,
    }
}

fn str_pair(a: &Value, b: &Value) -> Option<(String, String)> {
    Some((a.as_str()?.to_lowercase(), scalar_text(b)?.to_lowercase()))
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn contains(a: &Value, value: &Value) -> bool {
    match a {
        Value::Array(items) => items.iter().any(|i| loose_eq(i, value)),
        _ => str_pair(a, value).is_some_and(|(x, y)| x.contains(&y)),
    }
}

fn in_list(a: &Value, list: &Value) -> bool {
    list.as_array()
        .is_some_and(|items| items.iter().any(|i| loose_eq(a, i)))
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.to_string() == y.to_string() || x.as_f64() == y.as_f64()
        }
        _ => a == b,
    }
}

fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => match (parse_iso(x), parse_iso(y)) {
            (Some(p), Some(q)) => Some(p.cmp(&q)),
            _ => Some(x.cmp(y)),
        },
        _ => None,
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Registers `rt_keep(spec_json, metadata_json, name, id, created_ms, updated_ms)`.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "rt_keep",
        6,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            // The spec is the same for every row of a statement: parse it once.
            let spec = ctx.get_or_create_aux(0, |v| -> Result<RowSpec, BoxError> {
                Ok(serde_json::from_str(v.as_str()?)?)
            })?;
            let text = ctx.get_raw(1).as_str().map_err(to_sql_err)?;
            let metadata: Map<String, Value> = serde_json::from_str(text).map_err(to_sql_err)?;
            let row = RowView {
                metadata: &metadata,
                metadata_bytes: text.len(),
                name: ctx.get_raw(2).as_str().map_err(to_sql_err)?,
                id: ctx.get_raw(3).as_str().map_err(to_sql_err)?,
                created_ms: ctx.get(4)?,
                updated_ms: ctx.get(5)?,
            };
            Ok(spec.keeps(&row))
        },
    )
}

fn to_sql_err(e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(Box::new(e))
}

#[cfg(test)]
mod tests;
