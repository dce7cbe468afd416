//! The journal of writes on disk: one JSON line per PUT, POST, DELETE and bulk change the app
//! makes (`<state dir>/journal/<server>.jsonl`, private to the user), and undoing one. The
//! key never goes in: entries hold records and paths only.

use crate::api::{Client, Record, RecordUpdate};
use crate::app::SaveError;
use crate::app::writes::WriteEntry;
use serde_json::Value;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// `:history` reads at most this many of the newest entries.
const RECENT: usize = 500;

pub struct WriteLog {
    path: PathBuf,
    profile: String,
    /// Lines from concurrent tasks must not interleave.
    lock: Mutex<()>,
}

impl WriteLog {
    /// `<state dir>/journal/<server>.jsonl`; `server` as the drafts name it.
    pub fn for_server(server: &str) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")?;
        let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(Self::at(
            base.join("journal").join(format!("{server}.jsonl")),
            server,
        ))
    }

    pub fn at(path: PathBuf, profile: &str) -> Self {
        Self {
            path,
            profile: profile.to_owned(),
            lock: Mutex::new(()),
        }
    }

    /// Appends one entry (best effort: a write that happened must not fail for its log).
    pub fn append(&self, mut entry: WriteEntry) -> io::Result<()> {
        entry.profile = self.profile.clone();
        let line = serde_json::to_string(&entry).map_err(io::Error::other)?;
        let _held = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = self.path.parent() {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.path)?;
        file.write_all(format!("{line}\n").as_bytes())?;
        file.sync_data()
    }

    /// The newest entries, oldest first; a line that cannot be read is skipped.
    pub fn recent(&self) -> Result<Vec<WriteEntry>, String> {
        let file = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("{}: {e}", self.path.display())),
        };
        let mut entries: std::collections::VecDeque<WriteEntry> = Default::default();
        for line in io::BufReader::new(file).lines().map_while(Result::ok) {
            if let Ok(e) = serde_json::from_str(&line) {
                entries.push_back(e);
                if entries.len() > RECENT {
                    entries.pop_front();
                }
            }
        }
        Ok(entries.into())
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub(super) fn json<T: serde::Serialize>(v: &T) -> Option<Value> {
    serde_json::to_value(v).ok()
}

/// A journal entry for a write that was sent.
pub fn entry(
    method: &str,
    path: String,
    body: Option<Value>,
    before: Vec<Value>,
    answer: Option<Value>,
    outcome: String,
) -> WriteEntry {
    WriteEntry {
        time: now(),
        profile: String::new(),
        method: method.to_owned(),
        path,
        body,
        before,
        answer,
        outcome,
    }
}

/// Deleting one run of a record (the detail view's Results tab): journaled like every write,
/// though the API has no way to bring a run back.
pub(super) fn result_deleted<T, E: std::fmt::Display>(
    record_id: &str,
    result_id: &str,
    result: &Result<T, E>,
) -> WriteEntry {
    entry(
        "DELETE-RESULT",
        format!("/v1/records/{record_id}/results/{result_id}"),
        None,
        Vec::new(),
        Some(serde_json::json!({ "id": record_id, "resultId": result_id })),
        outcome(result),
    )
}

/// The outcome word of a write: `ok`, or `failed: ` and why.
pub(super) fn outcome<T, E: std::fmt::Display>(result: &Result<T, E>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(e) => format!("failed: {e}"),
    }
}

/// The outcome word of a save.
pub fn save_outcome(result: &Result<Record, SaveError>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(SaveError::Conflict { .. }) => "conflict".into(),
        Err(SaveError::Api(e)) => format!("failed: {e}"),
    }
}

pub fn put_entry(
    id: &str,
    update: &RecordUpdate,
    before: Option<&Record>,
    result: &Result<Record, SaveError>,
) -> WriteEntry {
    entry(
        "PUT",
        format!("/records/{id}"),
        json(update),
        before.and_then(json).into_iter().collect(),
        result.as_ref().ok().and_then(json),
        save_outcome(result),
    )
}

/// Runs the effects that write (or read the journal), journaling each write; `None` for
/// any other effect.
pub async fn run(
    effect: crate::app::Effect,
    client: &Client,
    log: Option<&WriteLog>,
) -> Option<crate::app::Msg> {
    use crate::app::{Effect, Msg};
    let append = |e: WriteEntry| {
        if let Some(log) = log {
            let _ = log.append(e);
        }
    };
    Some(match effect {
        Effect::CreateRecord { ticket, record } => {
            let result = client.create_record(&record).await;
            let outcome = outcome(&result);
            append(entry(
                "POST",
                "/records".into(),
                json(&record),
                Vec::new(),
                result.as_ref().ok().and_then(json),
                outcome,
            ));
            Msg::Created { ticket, result }
        }
        Effect::DeleteRecord { ticket, id } => {
            // Read first: the journal keeps the whole record, so the delete can be undone.
            let before = client.get_record(&id).await.ok();
            let result = client.delete_record(&id).await;
            let outcome = outcome(&result);
            append(entry(
                "DELETE",
                format!("/records/{id}"),
                None,
                before.as_ref().and_then(json).into_iter().collect(),
                None,
                outcome,
            ));
            Msg::Deleted { ticket, id, result }
        }
        Effect::BulkEdit { ticket, request } => {
            let result = client.bulk_edit(&request).await;
            if request.dry_run != Some(true) {
                let before: Vec<Value> = result
                    .as_ref()
                    .map(|r| {
                        r.data.iter().map(|d| {
                    serde_json::json!({"id": d.id, "metadata": d.before, "after": d.after})
                }).collect()
                    })
                    .unwrap_or_default();
                let outcome = outcome(&result);
                append(entry(
                    "BULK-EDIT",
                    "/records/bulk-edit".into(),
                    json(&*request),
                    before,
                    None,
                    outcome,
                ));
            }
            Msg::BulkEdited { ticket, result }
        }
        Effect::BulkDelete {
            ticket,
            ids,
            before,
        } => {
            let result = client.bulk_delete(&ids).await;
            let outcome = outcome(&result);
            let body = serde_json::json!({ "recordIds": ids });
            append(entry(
                "BULK-DELETE",
                "/records/bulk-delete".into(),
                Some(body),
                before.iter().filter_map(json).collect(),
                None,
                outcome,
            ));
            Msg::BulkDeleted { ticket, result }
        }
        Effect::LoadWrites { ticket } => Msg::WritesLoaded {
            ticket,
            result: log.map_or(Ok(Vec::new()), WriteLog::recent),
        },
        Effect::Undo { ticket, entry } => Msg::Undone {
            ticket,
            result: super::undo::undo(client, log, &entry).await,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
