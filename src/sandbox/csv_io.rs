//! CSV in and out: export of the filtered records, and upload with per-row errors.

use super::clock::{iso, new_id, now_ms};
use super::list;
use super::reply::{Reply, error, invalid, json_at, storage};
use super::routes::{Shared, no_content, with_db};
use super::store::{self, StoredRecord};
use super::validate::{Detail, NAME_MAX, TYPE_MAX, normalise_keys};
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

const FIXED_COLUMNS: [&str; 6] = ["id", "type", "name", "ownerId", "createdAt", "updatedAt"];

/// `GET /v1/records/export`: fixed columns, then one column per metadata key in first-seen
/// order, headed by the raw key (open question 5). Nested values are JSON text.
pub async fn export(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Reply {
    let filters = list::parse_filters(&q, now_ms()).map_err(invalid)?;
    with_db(&s, move |conn| {
        let records = list::select_all(conn, &filters).map_err(|e| storage(&e, false))?;
        if records.is_empty() {
            return Ok(no_content());
        }
        let csv = to_csv(&records)
            .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"records.csv\"",
                ),
            ],
            csv,
        )
            .into_response())
    })
    .await
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn to_csv(records: &[StoredRecord]) -> Result<Vec<u8>, csv::Error> {
    let mut keys: Vec<&String> = Vec::new();
    let mut seen = HashSet::new();
    for key in records.iter().flat_map(|r| r.metadata.keys()) {
        if seen.insert(key) {
            keys.push(key);
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(
        FIXED_COLUMNS
            .iter()
            .copied()
            .chain(keys.iter().map(|k| k.as_str())),
    )?;
    for r in records {
        let fixed = [
            r.id.clone(),
            r.record_type.clone(),
            r.name.clone(),
            r.owner_id.clone().unwrap_or_default(),
            iso(r.created_ms),
            iso(r.updated_ms),
        ];
        let meta = keys.iter().map(|k| cell(r.metadata.get(*k)));
        w.write_record(fixed.into_iter().chain(meta))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The multipart fields of an upload.
#[derive(Default)]
struct Upload {
    file: Option<Vec<u8>>,
    name_column: Option<String>,
    type_column: Option<String>,
    type_value: Option<String>,
}

async fn read_upload(mut form: Multipart) -> Result<Upload, Vec<Detail>> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        vec![Detail::new("file", "INVALID_UPLOAD", e.to_string())]
    };
    let mut up = Upload::default();
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => up.file = Some(field.bytes().await.map_err(bad)?.to_vec()),
            "nameColumn" => up.name_column = Some(field.text().await.map_err(bad)?),
            "typeColumn" => up.type_column = Some(field.text().await.map_err(bad)?),
            "typeValue" => up.type_value = Some(field.text().await.map_err(bad)?),
            _ => {}
        }
    }
    if up
        .type_value
        .as_ref()
        .is_some_and(|t| t.chars().count() > TYPE_MAX)
    {
        return Err(vec![Detail::new(
            "typeValue",
            "INVALID_LENGTH",
            "typeValue must be at most 255 characters",
        )]);
    }
    Ok(up)
}

/// `POST /v1/records/upload-csv`. Columns other than name and type become string metadata
/// (no type coercion); empty cells are left out. A row whose (type, name) exists, or repeats
/// an earlier row, is reported as an error and skipped (open question 16).
pub async fn upload_csv(State(s): State<Shared>, form: Multipart) -> Reply {
    let up = read_upload(form).await.map_err(invalid)?;
    let Some(file) = up.file else {
        return Err(invalid(vec![Detail::new(
            "file",
            "MISSING_REQUIRED_FIELD",
            "a CSV file part named file is required",
        )]));
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(file.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| invalid(vec![Detail::new("file", "INVALID_CSV", e.to_string())]))?
        .iter()
        .map(str::to_owned)
        .collect();
    let name_col = up.name_column.unwrap_or_else(|| "name".into());
    let type_col = up.type_column.unwrap_or_else(|| "type".into());
    let find = |col: &str, field: &str| {
        headers.iter().position(|h| h == col).ok_or_else(|| {
            invalid(vec![Detail::new(
                field,
                "UNKNOWN_COLUMN",
                format!("the CSV has no column named {col:?}"),
            )])
        })
    };
    let name_at = find(&name_col, "nameColumn")?;
    let type_at = match &up.type_value {
        Some(_) => None,
        None => Some(find(&type_col, "typeColumn")?),
    };
    let rows: Vec<Result<Vec<String>, String>> = reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_owned).collect())
                .map_err(|e| e.to_string())
        })
        .collect();
    let plan = Plan {
        headers,
        name_at,
        type_at,
        type_value: up.type_value,
    };
    with_db(&s, move |conn| plan.run(conn, rows)).await
}

struct Plan {
    headers: Vec<String>,
    name_at: usize,
    type_at: Option<usize>,
    type_value: Option<String>,
}

impl Plan {
    fn row_record(&self, cells: &[String]) -> Result<(String, String, Map<String, Value>), String> {
        let name = cells.get(self.name_at).cloned().unwrap_or_default();
        let record_type = match (&self.type_value, self.type_at) {
            (Some(t), _) => t.clone(),
            (None, Some(at)) => cells.get(at).cloned().unwrap_or_default(),
            (None, None) => String::new(),
        };
        for (field, value, max) in [("name", &name, NAME_MAX), ("type", &record_type, TYPE_MAX)] {
            let n = value.chars().count();
            if n == 0 || n > max {
                return Err(format!("{field} must be 1-{max} characters (got {n})"));
            }
        }
        let metadata = self
            .headers
            .iter()
            .zip(cells)
            .enumerate()
            .filter(|(i, (_, v))| *i != self.name_at && Some(*i) != self.type_at && !v.is_empty())
            .map(|(_, (k, v))| (k.clone(), Value::String(v.clone())))
            .collect();
        Ok((name, record_type, metadata))
    }

    fn run(self, conn: &mut rusqlite::Connection, rows: Vec<Result<Vec<String>, String>>) -> Reply {
        let tx = conn.transaction().map_err(|e| storage(&e, true))?;
        let (mut created, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
        let mut warned = HashSet::new();
        for (i, row) in rows.into_iter().enumerate() {
            let line = i + 2; // row 1 is the header
            let parsed = row.and_then(|cells| self.row_record(&cells));
            let (name, record_type, metadata) = match parsed {
                Ok(p) => p,
                Err(e) => {
                    errors.push(format!("Row {line}: {e}"));
                    continue;
                }
            };
            if store::name_taken(&tx, &record_type, &name, None).map_err(|e| storage(&e, false))? {
                errors.push(format!("Row {line}: a record with type '{record_type}' and name '{name}' already exists"));
                continue;
            }
            let (metadata, renamed) = normalise_keys(metadata);
            warnings.extend(renamed.into_iter().filter(|w| warned.insert(w.to_string())));
            let now = now_ms();
            let rec = StoredRecord {
                id: new_id("record", now),
                record_type,
                name,
                metadata,
                messages: None,
                metadata_labels: None,
                owner_id: None,
                product_surface_id: None,
                created_ms: now,
                updated_ms: now,
            };
            rec.insert(&tx).map_err(|e| storage(&e, true))?;
            created.push(json!({ "id": rec.id, "type": rec.record_type, "name": rec.name, "metadata": rec.metadata }));
        }
        tx.commit().map_err(|e| storage(&e, true))?;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let message = format!(
            "Created {}, {} failed",
            plural(created.len(), "record", "records"),
            plural(errors.len(), "row", "rows")
        );
        let mut out = json!({
            "success": !created.is_empty() || errors.is_empty(), "message": message,
            "created": created.len(), "errors": errors.len(), "errorDetails": errors, "records": created,
        });
        if !warnings.is_empty() {
            out["warnings"] = Value::Array(warnings);
        }
        Ok(json_at(StatusCode::OK, out))
    }
}
