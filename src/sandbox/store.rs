//! SQLite storage of the sandbox: schema, rows, and the JSON form of a record.

use super::clock::iso;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value, json};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The sandbox's single tenant.
pub const USER_ID: &str = "user_sandbox";
pub const ORG_ID: &str = "org_sandbox";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    metadata TEXT NOT NULL,
    messages TEXT,
    metadata_labels TEXT,
    owner_id TEXT,
    product_surface_id TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    search_text TEXT NOT NULL,
    UNIQUE (type, name)
);
CREATE INDEX IF NOT EXISTS records_order ON records (created_ms DESC, id DESC);
CREATE INDEX IF NOT EXISTS records_type_order ON records (type, created_ms DESC, id DESC);
CREATE INDEX IF NOT EXISTS records_owner ON records (owner_id);
CREATE TABLE IF NOT EXISTS results (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    prompt_id TEXT, prompt_name TEXT, flow_id TEXT, flow_name TEXT,
    result TEXT,
    model_used TEXT,
    prompt_tokens INTEGER, completion_tokens INTEGER, total_tokens INTEGER,
    execution_time_ms INTEGER,
    model_cost TEXT, tool_cost TEXT,
    execution_engine TEXT
);
CREATE INDEX IF NOT EXISTS results_record ON results (record_id, created_ms);
CREATE TABLE IF NOT EXISTS step_results (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL,
    result_id TEXT,
    batch_id TEXT,
    flow_id TEXT,
    step_name TEXT NOT NULL,
    step_type TEXT NOT NULL,
    step_order INTEGER,
    status TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    duration_ms INTEGER,
    model_used TEXT,
    prompt_tokens INTEGER, completion_tokens INTEGER, total_tokens INTEGER,
    estimated_cost TEXT,
    output_preview TEXT,
    error_message TEXT
);
CREATE INDEX IF NOT EXISTS step_results_record ON step_results (record_id, created_ms);
CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// The database behind a mutex; every access runs on the blocking pool.
#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

impl Db {
    /// Opens (and creates) the database at `path`, or an in-memory one for `:memory:`.
    pub fn open(path: &str) -> rusqlite::Result<Self> {
        let conn = if path == ":memory:" {
            Connection::open_in_memory()?
        } else {
            if let Some(dir) = Path::new(path).parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let conn = Connection::open(path)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn
        };
        conn.execute_batch(SCHEMA)?;
        super::matcher::register_functions(&conn)?;
        Ok(Self(Arc::new(Mutex::new(conn))))
    }

    /// Runs `f` with the connection on tokio's blocking pool.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> T + Send + 'static,
    ) -> Option<T> {
        let db = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut conn)
        })
        .await
        .ok()
    }

    /// Runs `f` on the calling thread (start-up work such as seeding).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }
}

/// One stored record.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub id: String,
    pub record_type: String,
    pub name: String,
    pub metadata: Map<String, Value>,
    pub messages: Option<Value>,
    pub metadata_labels: Option<Value>,
    pub owner_id: Option<String>,
    pub product_surface_id: Option<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

pub const COLUMNS: &str = "id, type, name, metadata, messages, metadata_labels, owner_id, \
                           product_surface_id, created_ms, updated_ms";

fn parse_json(text: Option<String>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

impl StoredRecord {
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let metadata: String = row.get(3)?;
        Ok(Self {
            id: row.get(0)?,
            record_type: row.get(1)?,
            name: row.get(2)?,
            metadata: serde_json::from_str(&metadata).unwrap_or_default(),
            messages: parse_json(row.get(4)?),
            metadata_labels: parse_json(row.get(5)?),
            owner_id: row.get(6)?,
            product_surface_id: row.get(7)?,
            created_ms: row.get(8)?,
            updated_ms: row.get(9)?,
        })
    }

    /// The record as the API sends it, fields in the contract's order.
    pub fn to_json(&self) -> Map<String, Value> {
        let keys: Vec<&String> = self.metadata.keys().collect();
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        out.insert("type".into(), json!(self.record_type));
        out.insert("name".into(), json!(self.name));
        out.insert("metadata".into(), Value::Object(self.metadata.clone()));
        out.insert(
            "messages".into(),
            self.messages.clone().unwrap_or(Value::Null),
        );
        out.insert(
            "metadataLabels".into(),
            self.metadata_labels.clone().unwrap_or_else(|| json!({})),
        );
        out.insert("metadataSchema".into(), json!({ "keys": keys }));
        out.insert("userId".into(), json!(USER_ID));
        out.insert("organizationId".into(), json!(ORG_ID));
        out.insert("ownerId".into(), json!(self.owner_id));
        out.insert("productSurfaceId".into(), json!(self.product_surface_id));
        out.insert("schemaValid".into(), Value::Null);
        out.insert("createdAt".into(), json!(iso(self.created_ms)));
        out.insert("updatedAt".into(), json!(iso(self.updated_ms)));
        out
    }

    /// Lower-cased name and metadata text, for case-insensitive `search`.
    pub fn search_text(&self) -> String {
        let mut text = self.name.to_lowercase();
        for (key, value) in &self.metadata {
            text.push('\n');
            text.push_str(&key.to_lowercase());
            push_leaves(value, &mut text);
        }
        text
    }

    pub fn insert(&self, conn: &Connection) -> rusqlite::Result<()> {
        // Cached: seeding and `--generate` insert many rows through this one statement.
        conn.prepare_cached(&format!(
            "INSERT INTO records ({COLUMNS}, search_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ))?
        .execute(params![
                self.id,
                self.record_type,
                self.name,
                Value::Object(self.metadata.clone()).to_string(),
                self.messages.as_ref().map(Value::to_string),
                self.metadata_labels.as_ref().map(Value::to_string),
                self.owner_id,
                self.product_surface_id,
                self.created_ms,
                self.updated_ms,
                self.search_text(),
        ])
        .map(drop)
    }

    pub fn update(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE records SET type = ?2, name = ?3, metadata = ?4, messages = ?5, owner_id = ?6, \
             updated_ms = ?7, search_text = ?8 WHERE id = ?1",
            params![
                self.id,
                self.record_type,
                self.name,
                Value::Object(self.metadata.clone()).to_string(),
                self.messages.as_ref().map(Value::to_string),
                self.owner_id,
                self.updated_ms,
                self.search_text(),
            ],
        )
        .map(drop)
    }
}

fn push_leaves(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            out.push('\n');
            out.push_str(&s.to_lowercase());
        }
        Value::Number(n) => {
            out.push('\n');
            out.push_str(&n.to_string());
        }
        Value::Bool(b) => {
            out.push('\n');
            out.push_str(if *b { "true" } else { "false" });
        }
        Value::Array(items) => items.iter().for_each(|v| push_leaves(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push('\n');
            out.push_str(&k.to_lowercase());
            push_leaves(v, out);
        }),
        Value::Null => {}
    }
}

pub fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<StoredRecord>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM records WHERE id = ?1"),
        [id],
        StoredRecord::from_row,
    )
    .optional()
}

/// The id of another record already holding (`type`, `name`), if any.
pub fn name_taken(
    conn: &Connection,
    record_type: &str,
    name: &str,
    except_id: Option<&str>,
) -> rusqlite::Result<bool> {
    let found: Option<String> = conn
        .query_row(
            "SELECT id FROM records WHERE type = ?1 AND name = ?2",
            params![record_type, name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some_and(|id| Some(id.as_str()) != except_id))
}

pub fn meta_get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT value FROM sandbox_meta WHERE key = ?1",
        [key],
        |r| r.get(0),
    )
    .optional()
}

pub fn meta_set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sandbox_meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(drop)
}
