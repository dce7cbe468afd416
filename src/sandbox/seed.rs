//! Demo data on first start, and synthetic records in bulk for scale work.

use super::clock::{new_id, now_ms, parse_iso};
use super::exec::seed_history;
use super::store::{StoredRecord, meta_get, meta_set};
use rusqlite::Connection;
use serde_json::{Map, Value, json};

/// The demo records shipped with the app.
pub const DEMO_RECORDS: &str = include_str!("../../assets/demo-records.json");

fn text(item: &Value, key: &str) -> Option<String> {
    item.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn demo_record(item: &Value, now: i64) -> StoredRecord {
    let created_ms = text(item, "createdAt")
        .and_then(|t| parse_iso(&t))
        .unwrap_or(now);
    let updated_ms = text(item, "updatedAt")
        .and_then(|t| parse_iso(&t))
        .unwrap_or(created_ms);
    StoredRecord {
        id: new_id("record", created_ms),
        record_type: text(item, "type").unwrap_or_default(),
        name: text(item, "name").unwrap_or_default(),
        metadata: item
            .get("metadata")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        messages: item.get("messages").filter(|m| !m.is_null()).cloned(),
        metadata_labels: item.get("metadataLabels").filter(|m| !m.is_null()).cloned(),
        owner_id: text(item, "ownerId"),
        product_surface_id: text(item, "productSurfaceId"),
        created_ms,
        updated_ms,
    }
}

/// Seeds the demo records and their execution history once per database. Returns how many
/// records were added (0 when the database was seeded before).
pub fn seed_demo(conn: &mut Connection) -> Result<usize, String> {
    if meta_get(conn, "seeded")
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Ok(0);
    }
    let items: Vec<Value> =
        serde_json::from_str(DEMO_RECORDS).map_err(|e| format!("assets/demo-records.json: {e}"))?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let now = now_ms();
    for (i, item) in items.iter().enumerate() {
        let rec = demo_record(item, now);
        rec.insert(&tx)
            .map_err(|e| format!("demo record {i} ({:?}): {e}", rec.name))?;
        if i % 3 != 2 {
            seed_history(&tx, &rec.id, rec.created_ms, i as u64).map_err(|e| e.to_string())?;
        }
    }
    meta_set(&tx, "seeded", "demo").map_err(|e| e.to_string())?;
    tx.commit().map_err(|e| e.to_string())?;
    Ok(items.len())
}

const KINDS: [&str; 4] = ["ticket", "customer", "document", "workflow"];
const STATUSES: [&str; 4] = ["open", "pending", "solved", "closed"];
const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];

/// Adds `n` synthetic records in one transaction, spread over the past year.
pub fn generate(conn: &mut Connection, n: usize) -> rusqlite::Result<usize> {
    let tx = conn.transaction()?;
    let now = now_ms();
    let batch = new_id("gen", now);
    let batch = &batch[batch.len() - 6..];
    let mut rng = fastrand::Rng::new();
    for i in 0..n {
        let kind = KINDS[i % KINDS.len()];
        let created_ms = now - (i as i64 * 31_536_000_000 / n.max(1) as i64) - rng.i64(0..1000);
        let mut metadata = Map::new();
        metadata.insert(
            "status".into(),
            json!(STATUSES[rng.usize(..STATUSES.len())]),
        );
        metadata.insert(
            "priority".into(),
            json!(PRIORITIES[rng.usize(..PRIORITIES.len())]),
        );
        metadata.insert("seq".into(), json!(i));
        metadata.insert("score".into(), json!(rng.u32(0..1000) as f64 / 10.0));
        metadata.insert("tags".into(), json!(["generated", kind]));
        let rec = StoredRecord {
            id: new_id("record", created_ms),
            record_type: kind.to_owned(),
            name: format!("Generated {kind} {batch}-{i:07}"),
            metadata,
            messages: None,
            metadata_labels: Some(json!({ "status": "Status", "priority": "Priority" })),
            owner_id: Some(format!("owner-{}", i % 50)),
            product_surface_id: None,
            created_ms,
            updated_ms: created_ms,
        };
        rec.insert(&tx)?;
    }
    tx.commit()?;
    Ok(n)
}
