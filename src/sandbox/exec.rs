//! Execution history of records: costs, results and step results, stored per record.

use super::clock::{iso, new_id, parse_iso};
use super::reply::{Reply, invalid, not_found, object_body, ok, storage};
use super::routes::{Shared, with_db};
use super::store;
use super::validate::Detail;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Row, params, params_from_iter};
use serde_json::{Value, json};
use std::collections::HashMap;

type Q = HashMap<String, String>;

pub fn delete_for_records(conn: &Connection, ids: &[String]) -> rusqlite::Result<()> {
    for id in ids {
        conn.execute("DELETE FROM results WHERE record_id = ?1", [id])?;
        conn.execute("DELETE FROM step_results WHERE record_id = ?1", [id])?;
    }
    Ok(())
}

fn require_record(conn: &Connection, id: &str) -> Result<(), super::reply::Failure> {
    match store::get(conn, id) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(not_found("Record")),
        Err(e) => Err(storage(&e, false)),
    }
}

pub async fn costs(State(s): State<Shared>, Path(id): Path<String>) -> Reply {
    with_db(&s, move |conn| {
        require_record(conn, &id)?;
        let read = |e: rusqlite::Error| storage(&e, false);
        let mut stmt = conn
            .prepare(
                "SELECT COALESCE(model_used, 'unknown'), \
                 SUM(CAST(COALESCE(model_cost, '0') AS REAL) + CAST(COALESCE(tool_cost, '0') AS REAL)), \
                 SUM(COALESCE(total_tokens, 0)), SUM(COALESCE(prompt_tokens, 0)), \
                 SUM(COALESCE(completion_tokens, 0)), COUNT(*) \
                 FROM results WHERE record_id = ?1 GROUP BY 1 ORDER BY 2 DESC",
            )
            .map_err(read)?;
        let rows: Vec<ModelRow> = stmt
            .query_map([&id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
            })
            .map_err(read)?
            .collect::<rusqlite::Result<_>>()
            .map_err(read)?;
        let total = |f: fn(&ModelRow) -> i64| rows.iter().map(f).sum::<i64>();
        let breakdown: Vec<Value> = rows
            .iter()
            .map(|r| json!({ "model": r.0, "cost": round6(r.1), "tokens": r.2, "count": r.5 }))
            .collect();
        ok(json!({
            "totalCost": round6(rows.iter().map(|r| r.1).sum()),
            "totalTokens": total(|r| r.2), "promptTokens": total(|r| r.3),
            "completionTokens": total(|r| r.4), "executionCount": total(|r| r.5),
            "modelBreakdown": breakdown,
        }))
    })
    .await
}

/// Per model: name, cost, total, prompt and completion tokens, run count.
type ModelRow = (String, f64, i64, i64, i64, i64);

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Shared WHERE building for the two history lists: status, flow, date range.
struct HistoryFilter {
    sql: Vec<&'static str>,
    params: Vec<SqlValue>,
}

impl HistoryFilter {
    fn new(id: &str) -> Self {
        Self {
            sql: vec!["record_id = ?"],
            params: vec![id.to_owned().into()],
        }
    }

    fn add(&mut self, q: &Q, key: &str, sql: &'static str) {
        if let Some(v) = q.get(key).filter(|v| !v.is_empty()) {
            self.sql.push(sql);
            self.params.push(v.clone().into());
        }
    }

    fn dates(&mut self, q: &Q) -> Result<(), Vec<Detail>> {
        for (key, sql) in [("from", "created_ms >= ?"), ("to", "created_ms <= ?")] {
            if let Some(v) = q.get(key) {
                let ms = parse_iso(v).ok_or_else(|| {
                    vec![Detail::new(
                        key,
                        "INVALID_VALUE",
                        format!("{key} must be an ISO-8601 date"),
                    )]
                })?;
                self.sql.push(sql);
                self.params.push(ms.into());
            }
        }
        Ok(())
    }
}

fn sort_clause(q: &Q, allowed: &[(&str, &'static str)]) -> Result<String, Vec<Detail>> {
    let column = match q.get("sortBy") {
        None => "created_ms",
        Some(s) => allowed
            .iter()
            .find(|(k, _)| k == s)
            .map(|(_, c)| *c)
            .ok_or_else(|| {
                vec![Detail::new(
                    "sortBy",
                    "INVALID_ENUM",
                    format!(
                        "sortBy must be one of {:?}",
                        allowed.iter().map(|a| a.0).collect::<Vec<_>>()
                    ),
                )]
            })?,
    };
    let order = match q.get("sortOrder").map(String::as_str) {
        None | Some("desc") => "DESC",
        Some("asc") => "ASC",
        Some(_) => {
            return Err(vec![Detail::new(
                "sortOrder",
                "INVALID_ENUM",
                "sortOrder must be asc or desc",
            )]);
        }
    };
    Ok(format!("{column} {order}, id {order}"))
}

fn number(q: &Q, key: &str, default: u64) -> Result<u64, Vec<Detail>> {
    q.get(key).map_or(Ok(default), |v| {
        v.parse().map_err(|_| {
            vec![Detail::new(
                key,
                "INVALID_VALUE",
                format!("{key} must be a number"),
            )]
        })
    })
}

const RESULT_COLUMNS: &str = "id, record_id, status, created_ms, prompt_id, prompt_name, flow_id, flow_name, \
    result, model_used, total_tokens, execution_time_ms, model_cost, tool_cost, execution_engine";

fn result_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    let result: Option<String> = r.get(8)?;
    let model_cost: Option<String> = r.get(12)?;
    Ok(json!({
        "id": r.get::<_, String>(0)?, "recordId": r.get::<_, String>(1)?, "status": r.get::<_, String>(2)?,
        "createdAt": iso(r.get(3)?), "promptId": r.get::<_, Option<String>>(4)?,
        "promptName": r.get::<_, Option<String>>(5)?, "flowId": r.get::<_, Option<String>>(6)?,
        "flowName": r.get::<_, Option<String>>(7)?,
        "result": result.and_then(|t| serde_json::from_str::<Value>(&t).ok()),
        "modelUsed": r.get::<_, Option<String>>(9)?, "totalTokens": r.get::<_, Option<i64>>(10)?,
        "executionTimeMs": r.get::<_, Option<i64>>(11)?, "modelCost": model_cost,
        "toolCost": r.get::<_, Option<String>>(13)?, "estimatedCost": model_cost,
        "executionEngine": r.get::<_, Option<String>>(14)?,
    }))
}

fn query_json(
    conn: &Connection,
    sql: &str,
    params: Vec<SqlValue>,
    f: fn(&Row<'_>) -> rusqlite::Result<Value>,
) -> rusqlite::Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params_from_iter(params), f)?;
    rows.collect()
}

pub async fn results(State(s): State<Shared>, Path(id): Path<String>, Query(q): Query<Q>) -> Reply {
    let mut hf = HistoryFilter::new(&id);
    hf.add(&q, "status", "status = ?");
    hf.add(&q, "promptId", "prompt_id = ?");
    hf.add(&q, "flowId", "flow_id = ?");
    hf.dates(&q).map_err(invalid)?;
    let order = sort_clause(
        &q,
        &[
            ("createdAt", "created_ms"),
            ("executionTimeMs", "execution_time_ms"),
            ("totalTokens", "total_tokens"),
        ],
    )
    .map_err(invalid)?;
    let page = number(&q, "page", 1).map_err(invalid)?.max(1);
    let limit = number(&q, "limit", 20).map_err(invalid)?.clamp(1, 100);
    let include_count = q.get("includeCount").is_some_and(|v| v == "true");
    with_db(&s, move |conn| {
        require_record(conn, &id)?;
        let read = |e: rusqlite::Error| storage(&e, false);
        let where_ = hf.sql.join(" AND ");
        let mut params = hf.params.clone();
        params.push(((limit + 1) as i64).into());
        params.push((((page - 1) * limit) as i64).into());
        let sql = format!("SELECT {RESULT_COLUMNS} FROM results WHERE {where_} ORDER BY {order} LIMIT ? OFFSET ?");
        let mut data = query_json(conn, &sql, params, result_json).map_err(read)?;
        let has_more = data.len() as u64 > limit;
        data.truncate(limit as usize);
        let mut pagination = json!({ "page": page, "limit": limit, "hasMore": has_more, "hasPrev": page > 1,
                                     "hasNextPage": has_more, "hasPrevPage": page > 1 });
        if include_count {
            let total: i64 = conn
                .query_row(&format!("SELECT COUNT(*) FROM results WHERE {where_}"), params_from_iter(hf.params), |r| r.get(0))
                .map_err(read)?;
            pagination["total"] = json!(total);
            pagination["totalPages"] = json!((total as u64).div_ceil(limit));
        }
        ok(json!({ "data": data, "pagination": pagination }))
    })
    .await
}

pub async fn delete_result(State(s): State<Shared>, Path(id): Path<String>, body: Bytes) -> Reply {
    let obj = object_body(&body)?;
    let Some(result_id) = obj
        .get("resultId")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Err(invalid(vec![Detail::new(
            "resultId",
            "MISSING_REQUIRED_FIELD",
            "resultId is required",
        )]));
    };
    with_db(&s, move |conn| {
        require_record(conn, &id)?;
        let n = conn
            .execute(
                "DELETE FROM results WHERE id = ?1 AND record_id = ?2",
                params![result_id, id],
            )
            .map_err(|e| storage(&e, true))?;
        if n == 0 {
            return Err(not_found("Result"));
        }
        // A result's step results go with it: nothing may point at a deleted result.
        conn.execute(
            "DELETE FROM step_results WHERE result_id = ?1 AND record_id = ?2",
            params![result_id, id],
        )
        .map_err(|e| storage(&e, true))?;
        ok(json!({ "success": true }))
    })
    .await
}

const STEP_COLUMNS: &str = "id, record_id, result_id, batch_id, flow_id, step_name, step_type, step_order, status, \
    created_ms, duration_ms, model_used, prompt_tokens, completion_tokens, total_tokens, estimated_cost, \
    output_preview, error_message";

fn step_json(r: &Row<'_>) -> rusqlite::Result<Value> {
    let created: i64 = r.get(9)?;
    let duration: Option<i64> = r.get(10)?;
    Ok(json!({
        "id": r.get::<_, String>(0)?, "userId": store::USER_ID, "organizationId": store::ORG_ID,
        "recordId": r.get::<_, String>(1)?, "executionSessionId": r.get::<_, Option<String>>(2)?,
        "batchExecutionId": r.get::<_, Option<String>>(3)?, "flowId": r.get::<_, Option<String>>(4)?,
        "stepName": r.get::<_, String>(5)?, "stepType": r.get::<_, String>(6)?,
        "order": r.get::<_, Option<i64>>(7)?, "status": r.get::<_, String>(8)?,
        "createdAt": iso(created), "startedAt": iso(created),
        "completedAt": duration.map(|d| iso(created + d)), "durationMs": duration,
        "modelUsed": r.get::<_, Option<String>>(11)?, "promptTokens": r.get::<_, Option<i64>>(12)?,
        "completionTokens": r.get::<_, Option<i64>>(13)?, "totalTokens": r.get::<_, Option<i64>>(14)?,
        "estimatedCost": r.get::<_, Option<String>>(15)?, "outputPreview": r.get::<_, Option<String>>(16)?,
        "errorMessage": r.get::<_, Option<String>>(17)?, "retryCount": 0, "executionEngine": "runtime",
    }))
}

pub async fn step_results(
    State(s): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<Q>,
) -> Reply {
    let mut hf = HistoryFilter::new(&id);
    hf.add(&q, "flowId", "flow_id = ?");
    hf.add(&q, "batchId", "batch_id = ?");
    hf.add(&q, "status", "status = ?");
    hf.dates(&q).map_err(invalid)?;
    let order = sort_clause(
        &q,
        &[
            ("createdAt", "created_ms"),
            ("durationMs", "duration_ms"),
            ("order", "step_order"),
        ],
    )
    .map_err(invalid)?;
    let limit = number(&q, "limit", 25).map_err(invalid)?.clamp(1, 100);
    let offset = number(&q, "offset", 0).map_err(invalid)?;
    with_db(&s, move |conn| {
        require_record(conn, &id)?;
        let mut params = hf.params;
        params.push(((limit + 1) as i64).into());
        params.push((offset as i64).into());
        let sql = format!("SELECT {STEP_COLUMNS} FROM step_results WHERE {} ORDER BY {order} LIMIT ? OFFSET ?", hf.sql.join(" AND "));
        let mut data = query_json(conn, &sql, params, step_json).map_err(|e| storage(&e, false))?;
        let has_more = data.len() as u64 > limit;
        data.truncate(limit as usize);
        let returned = data.len();
        ok(json!({ "data": data, "pagination": { "limit": limit, "offset": offset, "returned": returned, "hasMore": has_more } }))
    })
    .await
}

const MODELS: [(&str, f64); 3] = [
    ("gpt-4o", 0.000_01),
    ("claude-sonnet-4", 0.000_012),
    ("gpt-4o-mini", 0.000_000_6),
];
const STEPS: [(&str, &str); 3] = [
    ("Fetch context", "fetch-url"),
    ("Draft reply", "prompt"),
    ("Classify", "prompt"),
];

/// Demo execution history for a record: a few runs, each with its steps. Deterministic in
/// `seed` so demo data looks the same on every machine.
pub fn seed_history(
    conn: &Connection,
    record_id: &str,
    base_ms: i64,
    seed: u64,
) -> rusqlite::Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    for run in 0..rng.u64(1..5) {
        let created = base_ms + run as i64 * 3_600_000 + rng.i64(0..600_000);
        let (model, price) = MODELS[rng.usize(..MODELS.len())];
        let (prompt, completion) = (rng.i64(200..4000), rng.i64(50..1500));
        let failed = rng.u8(..10) == 0;
        let tool_cost = match rng.u8(..3) {
            0 => None,
            1 => Some("0".to_owned()),
            _ => Some(format!("{:.6}", rng.f64() * 0.01)),
        };
        let result_id = new_id("result", created);
        conn.execute(
            &format!("INSERT INTO results ({RESULT_COLUMNS}, prompt_tokens, completion_tokens) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
            params![
                result_id, record_id, if failed { "failed" } else { "completed" }, created,
                "prompt_triage", "Triage ticket", "flow_support", "Support triage",
                if failed { None } else { Some(json!({ "summary": "Handled", "confidence": rng.f64() }).to_string()) },
                model, prompt + completion, rng.i64(300..9000), format!("{:.6}", (prompt + completion) as f64 * price),
                tool_cost, ["runtime", "legacy", "external"][rng.usize(..3)], prompt, completion,
            ],
        )?;
        for (order, (name, kind)) in STEPS.iter().enumerate() {
            let duration = rng.i64(100..3000);
            conn.execute(
                &format!("INSERT INTO step_results ({STEP_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"),
                params![
                    new_id("step", created), record_id, result_id, format!("batch_{run}"), "flow_support",
                    name, kind, order as i64, if failed && order == 2 { "failed" } else { "completed" },
                    created + order as i64 * 1000, duration, (*kind == "prompt").then_some(model),
                    prompt / 3, completion / 3, (prompt + completion) / 3,
                    format!("{:.6}", (prompt + completion) as f64 * price / 3.0),
                    format!("{name} finished"), (failed && order == 2).then_some("model timed out"),
                ],
            )?;
        }
    }
    Ok(())
}
