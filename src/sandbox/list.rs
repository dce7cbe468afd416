//! Selecting records: the list filters, keyset pagination, and full scans for export and bulk.

use super::matcher::{RowSpec, parse_where};
use super::store::{COLUMNS, StoredRecord};
use super::validate::Detail;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 100;
/// `view=compact` keeps this many characters of a long string, then adds `…`.
const COMPACT_CHARS: usize = 100;

/// Which records a request selects.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub record_type: Option<String>,
    pub name: Option<String>,
    pub owner_id: Option<String>,
    pub product_surface_id: Option<String>,
    pub search: Option<String>,
    pub ids: Option<Vec<String>>,
    pub spec: RowSpec,
    /// The echo returned as `filtersApplied`.
    pub applied: Map<String, Value>,
}

/// How a list request pages.
#[derive(Debug, Clone)]
pub struct Paging {
    pub limit: usize,
    pub cursor: Option<Cursor>,
    pub prev: bool,
    pub include_count: bool,
    pub include_fields: bool,
    pub compact: bool,
}

/// A position in the list: the sort key of a row and that row's offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub offset: u64,
    pub created_ms: i64,
    pub id: String,
}

impl Cursor {
    /// Opaque to clients: hex of `offset.created.id`.
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.offset, self.created_ms, self.id)
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn decode(text: &str) -> Option<Self> {
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| {
                text.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.splitn(3, '.');
        Some(Self {
            offset: parts.next()?.parse().ok()?,
            created_ms: parts.next()?.parse().ok()?,
            id: parts.next()?.to_owned(),
        })
    }

    fn of(r: &StoredRecord, offset: u64) -> Self {
        Self {
            offset,
            created_ms: r.created_ms,
            id: r.id.clone(),
        }
    }
}

type Query = HashMap<String, String>;

fn bad(path: &str, message: impl Into<String>) -> Vec<Detail> {
    vec![Detail::new(path, "INVALID_VALUE", message)]
}

fn opt_num<T: std::str::FromStr>(q: &Query, key: &str) -> Result<Option<T>, Vec<Detail>> {
    q.get(key)
        .map(|v| {
            v.trim()
                .parse::<T>()
                .map_err(|_| bad(key, format!("{key} must be a number")))
        })
        .transpose()
}

fn opt_bool(q: &Query, key: &str) -> Result<Option<bool>, Vec<Detail>> {
    match q.get(key).map(String::as_str) {
        None => Ok(None),
        Some("true" | "1") => Ok(Some(true)),
        Some("false" | "0") => Ok(Some(false)),
        Some(_) => Err(bad(key, format!("{key} must be true or false"))),
    }
}

fn list_of(q: &Query, key: &str) -> Vec<String> {
    q.get(key)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Parses the list/export filters from the query string.
pub fn parse_filters(q: &Query, now_ms: i64) -> Result<Filters, Vec<Detail>> {
    let text = |k: &str| q.get(k).filter(|v| !v.is_empty()).cloned();
    let mut f = Filters {
        record_type: text("type"),
        name: text("name"),
        owner_id: text("ownerId"),
        product_surface_id: text("product_surface_id"),
        search: text("search").map(|s| s.to_lowercase()),
        ..Filters::default()
    };
    f.spec = RowSpec {
        keys_any: list_of(q, "metadata_keys"),
        keys_all: list_of(q, "metadata_keys_all"),
        min_fields: opt_num(q, "min_fields")?,
        max_fields: opt_num(q, "max_fields")?,
        value_types: list_of(q, "metadata_types"),
        has_large: opt_bool(q, "has_large_fields")?,
        min_kb: opt_num(q, "min_size_kb")?,
        max_kb: opt_num(q, "max_size_kb")?,
        filter: None,
        now_ms,
    };
    if let Some(raw) = q.get("recordFilter") {
        let value: Value = serde_json::from_str(raw)
            .map_err(|e| bad("recordFilter", format!("recordFilter must be JSON: {e}")))?;
        apply_record_filter(&mut f, &value, "recordFilter")?;
    }
    for key in FILTER_KEYS {
        if let Some(v) = q.get(*key) {
            f.applied.insert((*key).to_owned(), json!(v));
        }
    }
    Ok(f)
}

const FILTER_KEYS: &[&str] = &[
    "type",
    "search",
    "name",
    "ownerId",
    "distinct",
    "includeFields",
    "product_surface_id",
    "metadata_keys",
    "metadata_keys_all",
    "min_fields",
    "max_fields",
    "metadata_types",
    "has_large_fields",
    "min_size_kb",
    "max_size_kb",
    "recordFilter",
];

/// Adds a `{type, where?}` filter. Its type is ANDed with any `type` parameter.
pub fn apply_record_filter(f: &mut Filters, value: &Value, path: &str) -> Result<(), Vec<Detail>> {
    let at = |field: &str| {
        if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        }
    };
    let ty = value
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| bad(&at("type"), "a record filter needs a type"))?;
    if f.record_type.as_deref().is_some_and(|t| t != ty) {
        f.ids = Some(Vec::new()); // two different types: nothing can match
    }
    f.record_type = Some(ty.to_owned());
    if let Some(w) = value.get("where").filter(|w| !w.is_null()) {
        let expr = parse_where(w, &at("where"), 0)
            .map_err(|(p, m)| vec![Detail::new(p, "INVALID_FILTER", m)])?;
        f.spec.filter = Some(expr);
    }
    Ok(())
}

/// Parses paging parameters. A limit over the maximum is clamped, not refused.
pub fn parse_paging(q: &Query) -> Result<Paging, Vec<Detail>> {
    let limit = match opt_num::<usize>(q, "limit")? {
        None => DEFAULT_LIMIT,
        Some(0) => return Err(bad("limit", "limit must be at least 1")),
        Some(n) => n.min(MAX_LIMIT),
    };
    let cursor = match q.get("cursor").filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(Cursor::decode(c).ok_or_else(|| bad("cursor", "unknown cursor"))?),
    };
    let prev = match q.get("direction").map(String::as_str) {
        None | Some("next") => false,
        Some("prev") => true,
        Some(_) => return Err(bad("direction", "direction must be next or prev")),
    };
    Ok(Paging {
        limit,
        // `direction` says which way to page *from the cursor*; with no cursor there is
        // nothing to page back from, so it is the first page (hasPrev false).
        prev: prev && cursor.is_some(),
        cursor,
        include_count: opt_bool(q, "includeCount")?.unwrap_or(false),
        include_fields: opt_bool(q, "includeFields")?.unwrap_or(false),
        compact: match q.get("view").map(String::as_str) {
            None | Some("full") => false,
            Some("compact") => true,
            Some(_) => return Err(bad("view", "view must be full or compact")),
        },
    })
}

/// A WHERE clause and its parameters.
struct Clause {
    sql: Vec<String>,
    params: Vec<SqlValue>,
}

impl Clause {
    fn push(&mut self, sql: &str, value: impl Into<SqlValue>) {
        self.sql.push(sql.to_owned());
        self.params.push(value.into());
    }

    fn text(&self) -> String {
        if self.sql.is_empty() {
            "1".to_owned()
        } else {
            self.sql.join(" AND ")
        }
    }
}

fn clause(f: &Filters) -> Clause {
    let mut c = Clause {
        sql: Vec::new(),
        params: Vec::new(),
    };
    if let Some(t) = &f.record_type {
        c.push("type = ?", t.clone());
    }
    if let Some(n) = &f.name {
        c.push("name = ?", n.clone());
    }
    if let Some(o) = &f.owner_id {
        c.push("owner_id = ?", o.clone());
    }
    if let Some(p) = &f.product_surface_id {
        c.push("product_surface_id = ?", p.clone());
    }
    if let Some(s) = &f.search {
        c.push("instr(search_text, ?) > 0", s.clone());
    }
    if let Some(ids) = &f.ids {
        let spec = serde_json::to_string(ids).unwrap_or_default();
        c.push("id IN (SELECT value FROM json_each(?))", spec);
    }
    if f.spec
        != (RowSpec {
            now_ms: f.spec.now_ms,
            ..RowSpec::default()
        })
    {
        let spec = serde_json::to_string(&f.spec).unwrap_or_default();
        c.push(
            "rt_keep(?, metadata, name, id, created_ms, updated_ms)",
            spec,
        );
    }
    c
}

fn fetch(
    conn: &Connection,
    sql: &str,
    params: Vec<SqlValue>,
) -> rusqlite::Result<Vec<StoredRecord>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(params), StoredRecord::from_row)?;
    rows.collect()
}

/// Every matching record, newest first.
pub fn select_all(conn: &Connection, f: &Filters) -> rusqlite::Result<Vec<StoredRecord>> {
    let c = clause(f);
    let sql = format!(
        "SELECT {COLUMNS} FROM records WHERE {} ORDER BY created_ms DESC, id DESC",
        c.text()
    );
    fetch(conn, &sql, c.params)
}

pub fn count(conn: &Connection, f: &Filters) -> rusqlite::Result<u64> {
    let c = clause(f);
    let sql = format!("SELECT COUNT(*) FROM records WHERE {}", c.text());
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(c.params), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Is there a matching row strictly after (`newer == false`) or before (`newer == true`)
/// the given position?
fn exists_beyond(
    conn: &Connection,
    f: &Filters,
    at: &Cursor,
    newer: bool,
) -> rusqlite::Result<bool> {
    let mut c = clause(f);
    let cmp = if newer { ">" } else { "<" };
    c.sql.push(format!("(created_ms, id) {cmp} (?, ?)"));
    c.params.push(at.created_ms.into());
    c.params.push(at.id.clone().into());
    let sql = format!("SELECT EXISTS (SELECT 1 FROM records WHERE {})", c.text());
    conn.prepare_cached(&sql)?
        .query_row(params_from_iter(c.params), |r| r.get(0))
}

/// One list page as the API returns it.
pub fn page(conn: &Connection, f: &Filters, p: &Paging) -> rusqlite::Result<Value> {
    let mut c = clause(f);
    let (cmp, order) = if p.prev { (">", "ASC") } else { ("<", "DESC") };
    if let Some(cur) = &p.cursor {
        c.sql.push(format!("(created_ms, id) {cmp} (?, ?)"));
        c.params.push(cur.created_ms.into());
        c.params.push(cur.id.clone().into());
    }
    c.params.push((p.limit as i64 + 1).into());
    let sql = format!(
        "SELECT {COLUMNS} FROM records WHERE {} ORDER BY created_ms {order}, id {order} LIMIT ?",
        c.text()
    );
    let mut rows = fetch(conn, &sql, c.params)?;
    let more_that_way = rows.len() > p.limit;
    rows.truncate(p.limit);
    if p.prev {
        rows.reverse();
    }
    let cursor_offset = p.cursor.as_ref().map_or(0, |c| c.offset);
    let offset = if p.prev {
        cursor_offset.saturating_sub(rows.len() as u64)
    } else {
        cursor_offset
    };
    let (has_prev, has_more) = match (rows.first(), rows.last()) {
        (Some(_), Some(last)) if p.prev => (
            more_that_way,
            exists_beyond(conn, f, &Cursor::of(last, 0), false)?,
        ),
        (Some(first), Some(_)) => {
            let newer = p.cursor.is_some() && exists_beyond(conn, f, &Cursor::of(first, 0), true)?;
            (newer, more_that_way)
        }
        _ => match &p.cursor {
            Some(cur) => (
                exists_beyond(conn, f, cur, true)?,
                exists_beyond(conn, f, cur, false)?,
            ),
            None => (false, false),
        },
    };
    let next_cursor = rows
        .last()
        .filter(|_| has_more)
        .map(|r| Cursor::of(r, offset + rows.len() as u64).encode());
    let prev_cursor = rows
        .first()
        .filter(|_| has_prev)
        .map(|r| Cursor::of(r, offset).encode());
    let mut pagination = json!({
        "limit": p.limit, "currentOffset": offset, "currentPage": offset / p.limit as u64 + 1,
        "hasMore": has_more, "hasPrev": has_prev, "nextCursor": next_cursor, "prevCursor": prev_cursor,
    });
    if p.include_count {
        let total = count(conn, f)?;
        pagination["totalCount"] = json!(total);
        pagination["totalPages"] = json!(total.div_ceil(p.limit as u64));
    }
    let data: Vec<Value> = rows.iter().map(|r| list_item(r, p)).collect();
    Ok(json!({ "data": data, "pagination": pagination, "filtersApplied": f.applied }))
}

fn list_item(r: &StoredRecord, p: &Paging) -> Value {
    let mut item = r.to_json();
    if let Some(m) = item.get_mut("metadata").filter(|_| p.compact) {
        compact(m);
    }
    if p.include_fields {
        let keys: Vec<&String> = r.metadata.keys().collect();
        item.insert("availableFields".into(), json!(keys));
    }
    Value::Object(item)
}

/// Cuts every string over the compact length, at any depth of the metadata.
fn compact(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Some((cut, _)) = s.char_indices().nth(COMPACT_CHARS) {
                s.truncate(cut);
                s.push('…');
            }
        }
        Value::Array(items) => items.iter_mut().for_each(compact),
        Value::Object(map) => map.values_mut().for_each(compact),
        _ => {}
    }
}
