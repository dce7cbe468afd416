//! Set-wide endpoints: bulk delete and edit, filter preview, field values, schema discovery.

use super::clock::now_ms;
use super::exec;
use super::list::{self, Filters};
use super::matcher::{Expr, parse_condition, type_name};
use super::reply::{Reply, invalid, object_body, ok, storage};
use super::routes::{Shared, with_db};
use super::validate::{Detail, normalise_keys};
use axum::body::Bytes;
use axum::extract::{Query, State};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub use super::csv_io::{export, upload_csv};

fn detail(path: &str, code: &'static str, message: &str) -> Vec<Detail> {
    vec![Detail::new(path, code, message)]
}

fn string_list(v: &Value, path: &str) -> Result<Vec<String>, Vec<Detail>> {
    v.as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|i| i.as_str().map(str::to_owned))
                .collect()
        })
        .ok_or_else(|| detail(path, "INVALID_TYPE", "must be an array of strings"))
}

pub async fn bulk_delete(State(s): State<Shared>, body: Bytes) -> Reply {
    let obj = object_body(&body)?;
    let ids = match obj.get("ids") {
        Some(v) => string_list(v, "ids").map_err(invalid)?,
        None => {
            return Err(invalid(detail(
                "ids",
                "MISSING_REQUIRED_FIELD",
                "ids is required",
            )));
        }
    };
    with_db(&s, move |conn| {
        let tx = conn.transaction().map_err(|e| storage(&e, true))?;
        let (mut deleted, mut missing) = (Vec::new(), Vec::new());
        for id in ids {
            match tx.execute("DELETE FROM records WHERE id = ?1", [&id]) {
                Ok(0) => missing.push(id),
                Ok(_) => deleted.push(id),
                Err(e) => return Err(storage(&e, true)),
            }
        }
        exec::delete_for_records(&tx, &deleted).map_err(|e| storage(&e, true))?;
        tx.commit().map_err(|e| storage(&e, true))?;
        ok(json!({ "success": true, "deleted": deleted.len(), "deletedIds": deleted, "notFoundIds": missing }))
    })
    .await
}

/// A parsed bulk edit. Selectors are intersected (open question 4); with none at all the
/// request must say `applyToAll: true`.
struct BulkEdit {
    filters: Filters,
    updates: Map<String, Value>,
    delete: Vec<String>,
    dry_run: bool,
}

fn parse_bulk_edit(obj: &Map<String, Value>) -> Result<BulkEdit, Vec<Detail>> {
    let mut filters = Filters::default();
    filters.spec.now_ms = now_ms();
    let mut selectors = 0;
    if let Some(v) = obj.get("recordIds") {
        filters.ids = Some(string_list(v, "recordIds")?);
        selectors += 1;
    }
    if let Some(v) = obj.get("recordFilter") {
        list::apply_record_filter(&mut filters, v, "recordFilter")?;
        selectors += 1;
    }
    if let Some(v) = obj.get("conditions") {
        let items = v
            .as_array()
            .ok_or_else(|| detail("conditions", "INVALID_TYPE", "must be an array"))?;
        let mut all: Vec<Expr> = filters.spec.filter.take().into_iter().collect();
        for (i, c) in items.iter().enumerate() {
            let path = format!("conditions[{i}]");
            let c = c
                .as_object()
                .ok_or_else(|| detail(&path, "INVALID_TYPE", "must be an object"))?;
            all.push(
                parse_condition(c, &path, "operator")
                    .map_err(|(p, m)| detail(&p, "INVALID_FILTER", &m))?,
            );
        }
        filters.spec.filter = Some(Expr::All(all));
        selectors += 1;
    }
    if obj.get("applyToAll") == Some(&Value::Bool(true)) {
        selectors += 1;
    }
    if selectors == 0 {
        return Err(detail(
            "recordIds",
            "MISSING_SELECTOR",
            "give recordIds, recordFilter, conditions, or applyToAll: true",
        ));
    }
    let updates = match obj.get("updates") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => {
            return Err(detail(
                "updates",
                "INVALID_TYPE",
                "updates must be an object",
            ));
        }
    };
    let delete = obj
        .get("deleteFields")
        .map(|v| string_list(v, "deleteFields"))
        .transpose()?
        .unwrap_or_default();
    if updates.is_empty() && delete.is_empty() {
        return Err(detail(
            "updates",
            "MISSING_REQUIRED_FIELD",
            "give updates and/or deleteFields",
        ));
    }
    if let Some(both) = delete.iter().find(|k| updates.contains_key(*k)) {
        return Err(detail(
            "deleteFields",
            "CONFLICTING_FIELDS",
            &format!("{both:?} is both updated and deleted"),
        ));
    }
    let dry_run = obj.get("dryRun") == Some(&Value::Bool(true));
    Ok(BulkEdit {
        filters,
        updates,
        delete,
        dry_run,
    })
}

pub async fn bulk_edit(State(s): State<Shared>, body: Bytes) -> Reply {
    let edit = parse_bulk_edit(&object_body(&body)?).map_err(invalid)?;
    with_db(&s, move |conn| bulk_edit_in(conn, edit)).await
}

fn bulk_edit_in(conn: &mut rusqlite::Connection, edit: BulkEdit) -> Reply {
    let (updates, warnings) = normalise_keys(edit.updates);
    let tx = conn.transaction().map_err(|e| storage(&e, true))?;
    let targets = list::select_all(&tx, &edit.filters).map_err(|e| storage(&e, false))?;
    let now = now_ms();
    let mut diffs = Vec::with_capacity(targets.len());
    let mut ids = Vec::with_capacity(targets.len());
    for mut rec in targets {
        let before = rec.metadata.clone();
        rec.metadata.extend(updates.clone());
        for key in &edit.delete {
            rec.metadata.shift_remove(key);
        }
        if let Some(owner) = super::routes::owner_from(&updates) {
            rec.owner_id = Some(owner);
        }
        if !edit.dry_run {
            rec.updated_ms = now.max(rec.updated_ms + 1);
            rec.update(&tx).map_err(|e| storage(&e, true))?;
        }
        diffs.push(json!({ "id": rec.id, "before": before, "after": rec.metadata }));
        ids.push(rec.id);
    }
    tx.commit().map_err(|e| storage(&e, true))?;
    let mut out = json!({ "data": diffs, "recordIds": ids });
    if !warnings.is_empty() {
        out["warnings"] = Value::Array(warnings);
    }
    ok(out)
}

/// How many sample records a preview returns.
const PREVIEW_SAMPLES: usize = 5;

pub async fn preview_filter(State(s): State<Shared>, body: Bytes) -> Reply {
    let obj = object_body(&body)?;
    let mut filters = Filters::default();
    filters.spec.now_ms = now_ms();
    list::apply_record_filter(&mut filters, &Value::Object(obj), "").map_err(invalid)?;
    with_db(&s, move |conn| {
        let matched = list::select_all(conn, &filters).map_err(|e| storage(&e, false))?;
        let samples: Vec<Value> = matched
            .iter()
            .take(PREVIEW_SAMPLES)
            .map(|r| json!({ "id": r.id, "name": r.name, "metadata": r.metadata }))
            .collect();
        ok(json!({
            "type": filters.record_type, "matchedCount": matched.len(),
            "samples": samples, "truncated": matched.len() > PREVIEW_SAMPLES,
        }))
    })
    .await
}

fn required<'a>(q: &'a HashMap<String, String>, key: &str) -> Result<&'a str, Vec<Detail>> {
    q.get(key)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| detail(key, "MISSING_REQUIRED_FIELD", &format!("{key} is required")))
}

fn limit_param(
    q: &HashMap<String, String>,
    key: &str,
    default: usize,
    max: usize,
) -> Result<usize, Vec<Detail>> {
    match q.get(key) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n.min(max)),
            _ => Err(detail(
                key,
                "INVALID_VALUE",
                &format!("{key} must be a positive number"),
            )),
        },
    }
}

fn of_type(record_type: &str) -> Filters {
    Filters {
        record_type: Some(record_type.to_owned()),
        ..Filters::default()
    }
}

pub async fn field_values(
    State(s): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Reply {
    let record_type = required(&q, "type").map_err(invalid)?.to_owned();
    let field = required(&q, "field").map_err(invalid)?.to_owned();
    let limit = limit_param(&q, "limit", 20, 100).map_err(invalid)?;
    with_db(&s, move |conn| {
        let records =
            list::select_all(conn, &of_type(&record_type)).map_err(|e| storage(&e, false))?;
        let mut counts: Vec<(Value, u64)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for value in records.iter().filter_map(|r| r.metadata.get(&field)) {
            let at = *index.entry(value.to_string()).or_insert_with(|| {
                counts.push((value.clone(), 0));
                counts.len() - 1
            });
            counts[at].1 += 1;
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let truncated = counts.len() > limit;
        let values: Vec<Value> = counts
            .into_iter()
            .take(limit)
            .map(|(v, c)| json!({ "value": v, "count": c }))
            .collect();
        ok(json!({ "type": record_type, "field": field, "values": values, "truncated": truncated }))
    })
    .await
}

pub async fn schema(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Reply {
    let record_type = required(&q, "type").map_err(invalid)?.to_owned();
    let sample = limit_param(&q, "sample", 50, 1000).map_err(invalid)?;
    with_db(&s, move |conn| {
        let filters = of_type(&record_type);
        let total = list::count(conn, &filters).map_err(|e| storage(&e, false))?;
        let records = list::select_all(conn, &filters).map_err(|e| storage(&e, false))?;
        let sampled: Vec<_> = records.into_iter().take(sample).collect();
        let mut fields: Map<String, Value> = Map::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for rec in &sampled {
            for (key, value) in &rec.metadata {
                *seen.entry(key.clone()).or_default() += 1;
                let entry = fields
                    .entry(key.clone())
                    .or_insert_with(|| json!({ "name": key, "type": "null", "example": null }));
                if entry["example"].is_null() && !value.is_null() {
                    entry["type"] = json!(type_name(value));
                    entry["example"] = value.clone();
                }
            }
        }
        let fields: Vec<Value> = fields
            .into_iter()
            .map(|(k, mut v)| {
                v["required"] = json!(seen.get(&k) == Some(&sampled.len()));
                // Not in the documented sample, but `fields` items are open: how many sampled
                // records hold the key, which the filter builder shows.
                v["count"] = json!(seen.get(&k).copied().unwrap_or(0));
                v
            })
            .collect();
        ok(json!({
            "type": record_type, "totalRecords": total, "sampledRecords": sampled.len(),
            "sampledAt": super::clock::iso(now_ms()), "fields": fields,
        }))
    })
    .await
}
