//! The HTTP surface: routing, auth, latency, and the single-record handlers.

use super::bulk;
use super::clock::{new_id, now_ms};
use super::exec;
use super::faults::{self, FaultBox};
use super::list;
use super::reply::{
    Failure, Reply, crashed, error, invalid, json_at, not_found, object_body, ok, storage,
};
use super::store::{self, Db, StoredRecord};
use super::validate::{WriteFields, normalise_keys, parse_write};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// Shared by every handler.
pub struct AppState {
    pub db: Db,
    pub key: String,
    pub read_only_key: Option<String>,
    /// `--metadata-merge`: PUT merges metadata shallowly instead of replacing it.
    pub merge: bool,
    /// `--put-omitted-metadata clear`: a PUT without `metadata` empties it (the docs' "defaults
    /// to {}" read literally).
    pub clear_omitted_metadata: bool,
    pub latency: Duration,
}

pub type Shared = Arc<AppState>;

pub fn router(state: Shared, faults: Arc<FaultBox>) -> Router {
    Router::new()
        .route("/v1/records", get(list_records).post(create))
        .route("/v1/records/bulk-delete", post(bulk::bulk_delete))
        .route("/v1/records/bulk-edit", post(bulk::bulk_edit))
        .route("/v1/records/export", get(bulk::export))
        .route("/v1/records/field-values", get(bulk::field_values))
        .route("/v1/records/preview-filter", post(bulk::preview_filter))
        .route("/v1/records/schema", get(bulk::schema))
        .route("/v1/records/upload-csv", post(bulk::upload_csv))
        .route("/v1/records/{id}", get(get_one).put(update).delete(delete))
        .route("/v1/records/{id}/costs", get(exec::costs))
        .route(
            "/v1/records/{id}/results",
            get(exec::results).delete(exec::delete_result),
        )
        .route("/v1/records/{id}/step-results", get(exec::step_results))
        .fallback(|| async { not_found("Route") })
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .layer(middleware::map_response(json_errors))
        .layer(middleware::from_fn_with_state(state.clone(), auth))
        .layer(middleware::from_fn_with_state(state.clone(), latency))
        .layer(middleware::from_fn_with_state(faults, faults::middleware))
        .with_state(state)
}

async fn latency(State(s): State<Shared>, req: Request, next: Next) -> Response {
    if !s.latency.is_zero() {
        tokio::time::sleep(s.latency).await;
    }
    next.run(req).await
}

/// Accepts `Bearer <key>` and the bare key (open question 1). The read-only key may only read;
/// preview-filter is a POST that writes nothing, so it counts as a read.
async fn auth(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(|v| given_key(v).to_owned())
        // An empty key never matches, whatever the server was started with.
        .filter(|k| !k.is_empty());
    let writes = req.method() != Method::GET && !req.uri().path().ends_with("/preview-filter");
    match given {
        Some(k) if k == s.key => next.run(req).await,
        Some(k) if s.read_only_key.as_deref() == Some(k.as_str()) && !writes => next.run(req).await,
        Some(k) if s.read_only_key.as_deref() == Some(k.as_str()) => error(
            StatusCode::FORBIDDEN,
            "This API key is read-only: it lacks the RECORDS:WRITE scope",
        )
        .into_response(),
        other => {
            let msg = if other.is_some() {
                "Invalid API key"
            } else {
                "Missing API key"
            };
            let mut resp = error(StatusCode::UNAUTHORIZED, msg).into_response();
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"runtype\""),
            );
            resp
        }
    }
}

/// The key in an `Authorization` value: after a `Bearer` scheme in any case, or bare.
fn given_key(value: &str) -> &str {
    let value = value.trim();
    match value.split_once(char::is_whitespace) {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    }
}

/// Errors axum answers by itself (a method a route does not take, a body over the limit)
/// get the same JSON error body as every other error.
async fn json_errors(resp: Response) -> Response {
    let message = match resp.status() {
        StatusCode::METHOD_NOT_ALLOWED => "Method not allowed on this route",
        StatusCode::PAYLOAD_TOO_LARGE => "Request body too large",
        _ => return resp,
    };
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return resp;
    }
    let status = resp.status();
    let mut out = error(status, message).into_response();
    if let Some(allow) = resp.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

/// Runs `f` on the database and flattens the outcome.
pub async fn with_db(
    s: &Shared,
    f: impl FnOnce(&mut rusqlite::Connection) -> Reply + Send + 'static,
) -> Reply {
    s.db.call(f).await.unwrap_or_else(|| Err(crashed()))
}

async fn list_records(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Reply {
    let filters = list::parse_filters(&q, now_ms()).map_err(invalid)?;
    let paging = list::parse_paging(&q).map_err(invalid)?;
    with_db(&s, move |conn| {
        list::page(conn, &filters, &paging)
            .map_err(|e| storage(&e, false))
            .and_then(ok)
    })
    .await
}

async fn get_one(State(s): State<Shared>, Path(id): Path<String>) -> Reply {
    with_db(&s, move |conn| match store::get(conn, &id) {
        Ok(Some(r)) => ok(Value::Object(r.to_json())),
        Ok(None) => Err(not_found("Record")),
        Err(e) => Err(storage(&e, false)),
    })
    .await
}

async fn create(State(s): State<Shared>, body: Bytes) -> Reply {
    let fields = parse_write(&object_body(&body)?, true).map_err(invalid)?;
    with_db(&s, move |conn| create_in(conn, fields)).await
}

fn conflict(record_type: &str, name: &str) -> Failure {
    error(
        StatusCode::CONFLICT,
        format!("A record with type '{record_type}' and name '{name}' already exists"),
    )
}

/// A write that hit the unique index (a race past our own check) is still a 409.
fn write_failed(e: &rusqlite::Error, record_type: &str, name: &str) -> Failure {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            conflict(record_type, name)
        }
        other => storage(other, true),
    }
}

/// `metadata.ownerId` syncs the `ownerId` column on create, PUT and bulk edit alike.
pub fn owner_from(metadata: &serde_json::Map<String, Value>) -> Option<String> {
    metadata
        .get("ownerId")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn create_in(conn: &mut rusqlite::Connection, w: WriteFields) -> Reply {
    let record_type = w.record_type.unwrap_or_default();
    let name = w.name.unwrap_or_default();
    if store::name_taken(conn, &record_type, &name, None).map_err(|e| storage(&e, false))? {
        return Err(conflict(&record_type, &name));
    }
    let (metadata, warnings) = normalise_keys(w.metadata.unwrap_or_default());
    let now = now_ms();
    let rec = StoredRecord {
        id: new_id("record", now),
        owner_id: w.owner_id.unwrap_or_else(|| owner_from(&metadata)),
        record_type,
        name,
        metadata,
        messages: w.messages.flatten(),
        metadata_labels: None,
        product_surface_id: None,
        created_ms: now,
        updated_ms: now,
    };
    rec.insert(conn)
        .map_err(|e| write_failed(&e, &rec.record_type, &rec.name))?;
    Ok(json_at(StatusCode::CREATED, with_warnings(&rec, warnings)))
}

pub fn with_warnings(rec: &StoredRecord, warnings: Vec<Value>) -> Value {
    let mut out = rec.to_json();
    if !warnings.is_empty() {
        out.insert("warnings".into(), Value::Array(warnings));
    }
    Value::Object(out)
}

async fn update(State(s): State<Shared>, Path(id): Path<String>, body: Bytes) -> Reply {
    let fields = parse_write(&object_body(&body)?, false).map_err(invalid)?;
    let mode = PutMode {
        merge: s.merge,
        clear_omitted: s.clear_omitted_metadata,
    };
    with_db(&s, move |conn| update_in(conn, &id, fields, mode)).await
}

/// How a PUT treats `metadata`: the two open questions of the contract.
#[derive(Clone, Copy)]
struct PutMode {
    merge: bool,
    clear_omitted: bool,
}

fn update_in(conn: &mut rusqlite::Connection, id: &str, w: WriteFields, mode: PutMode) -> Reply {
    let mut rec = store::get(conn, id)
        .map_err(|e| storage(&e, false))?
        .ok_or_else(|| not_found("Record"))?;
    let renamed = w.name.as_ref().is_some_and(|n| *n != rec.name)
        || w.record_type
            .as_ref()
            .is_some_and(|t| *t != rec.record_type);
    rec.name = w.name.unwrap_or(rec.name);
    rec.record_type = w.record_type.unwrap_or(rec.record_type);
    if renamed
        && store::name_taken(conn, &rec.record_type, &rec.name, Some(id))
            .map_err(|e| storage(&e, false))?
    {
        return Err(conflict(&rec.record_type, &rec.name));
    }
    let mut warnings = Vec::new();
    if let Some(given) = w.metadata {
        let (given, renamed_keys) = normalise_keys(given);
        warnings = renamed_keys;
        if let Some(owner) = owner_from(&given).filter(|_| w.owner_id.is_none()) {
            rec.owner_id = Some(owner);
        }
        if mode.merge {
            rec.metadata.extend(given);
        } else {
            rec.metadata = given;
        }
    } else if mode.clear_omitted {
        rec.metadata = Default::default();
    }
    if let Some(messages) = w.messages {
        rec.messages = messages;
    }
    if let Some(owner) = w.owner_id {
        rec.owner_id = owner;
    }
    // Strictly increasing, so two saves in one millisecond still look different to a client
    // that checks updatedAt for conflicts.
    rec.updated_ms = now_ms().max(rec.updated_ms + 1);
    rec.update(conn)
        .map_err(|e| write_failed(&e, &rec.record_type, &rec.name))?;
    ok(with_warnings(&rec, warnings))
}

async fn delete(State(s): State<Shared>, Path(id): Path<String>) -> Reply {
    with_db(&s, move |conn| {
        let tx = conn.transaction().map_err(|e| storage(&e, true))?;
        let n = tx
            .execute("DELETE FROM records WHERE id = ?1", [&id])
            .map_err(|e| storage(&e, true))?;
        if n == 0 {
            return Err(not_found("Record"));
        }
        exec::delete_for_records(&tx, std::slice::from_ref(&id)).map_err(|e| storage(&e, true))?;
        tx.commit().map_err(|e| storage(&e, true))?;
        ok(json!({ "success": true }))
    })
    .await
}

/// Kept for handlers that need a plain 204.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
