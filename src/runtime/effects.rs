//! Runs an effect on its own task and sends exactly one message back, with its ticket.

use super::drafts::Journal;
use super::history::HistoryFile;
use crate::api::ops::BulkEditRequest;
use crate::api::types::WriteWarning;
use crate::api::{ApiError, Client, Record, RecordUpdate};
use crate::app::row::RowPage;
use crate::app::{Effect, Msg, SaveError};
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

/// Starts the effect's task; the handle lets a superseded request be cancelled.
pub fn spawn(
    effect: Effect,
    client: &Client,
    journal: &Option<Arc<Journal>>,
    history: &Option<Arc<HistoryFile>>,
    tx: &UnboundedSender<Msg>,
) -> tokio::task::JoinHandle<()> {
    let client = client.clone();
    let journal = journal.clone();
    let history = history.clone();
    let tx = tx.clone();
    tokio::spawn(async move {
        if let Effect::SaveHistory { lines } = effect {
            save_history(lines, history).await;
            return;
        }
        let msg = run(effect, &client, journal).await;
        // The receiver is gone only when the app is quitting; nothing to report then.
        if let Some(msg) = msg {
            let _ = tx.send(msg);
        }
    })
}

/// Draft files, on the blocking pool. Without a journal (tests, no state directory) nothing
/// is written and none is found.
async fn journal_io(effect: Effect, journal: Option<Arc<Journal>>) -> Option<Msg> {
    let work = move || match (effect, journal) {
        (Effect::WriteDraft { draft }, Some(j)) => Some(Msg::DraftWritten {
            result: j
                .write(&draft)
                .map(|p| p.display().to_string())
                .map_err(|e| format!("cannot write drafts to {}: {e}", j.dir().display())),
        }),
        (Effect::DeleteDraft { id }, Some(j)) => j.delete(&id).err().map(|e| Msg::DraftWritten {
            result: Err(format!(
                "cannot remove the draft in {}: {e}",
                j.dir().display()
            )),
        }),
        (Effect::ListDrafts, Some(j)) => Some(Msg::DraftsFound { drafts: j.list().0 }),
        (Effect::ListDrafts, None) => Some(Msg::DraftsFound { drafts: Vec::new() }),
        _ => None,
    };
    tokio::task::spawn_blocking(work).await.ok().flatten()
}

/// The `:` history is a convenience: a failed write loses only recall, so it is not
/// reported (the drafts, which hold edits, are).
async fn save_history(lines: Vec<String>, history: Option<Arc<HistoryFile>>) {
    if let Some(h) = history {
        let _ = tokio::task::spawn_blocking(move || h.save(&lines)).await;
    }
}

/// Metadata key names from a schema report's `fields` (objects with a `name`, or names).
fn schema_keys(fields: &[serde_json::Value]) -> Vec<String> {
    fields
        .iter()
        .filter_map(|f| f.get("name").unwrap_or(f).as_str().map(str::to_owned))
        .collect()
}

/// Completion candidates are text: a string value as it is, anything else as JSON.
fn value_counts(values: crate::api::ops::FieldValues) -> Vec<(String, u64)> {
    values
        .values
        .into_iter()
        .filter(|v| !v.value.is_null())
        .map(|v| match v.value {
            serde_json::Value::String(s) => (s, v.count),
            other => (other.to_string(), v.count),
        })
        .collect()
}

/// Runs one effect; the journal's effects may have nothing to report.
async fn run(effect: Effect, client: &Client, journal: Option<Arc<Journal>>) -> Option<Msg> {
    let msg = match effect {
        Effect::LoadPage { ticket, query } => Msg::PageLoaded {
            ticket,
            result: client.list_records(&query).await.map(RowPage::from),
        },
        Effect::LoadRecord { ticket, id } => Msg::RecordLoaded {
            ticket,
            result: client.get_record(&id).await,
        },
        Effect::SaveRecord {
            ticket,
            id,
            base_updated_at,
            update,
        } => {
            let result = save(client, &id, &base_updated_at, &update).await;
            Msg::Saved { ticket, id, result }
        }
        Effect::LoadSchema {
            ticket,
            record_type,
        } => Msg::SchemaLoaded {
            result: client
                .discover_schema(&record_type, None)
                .await
                .map(|r| schema_keys(&r.fields)),
            ticket,
            record_type,
        },
        Effect::LoadFieldValues {
            ticket,
            record_type,
            field,
        } => Msg::FieldValuesLoaded {
            result: client
                .field_values(&record_type, &field, Some(20))
                .await
                .map(value_counts),
            ticket,
            record_type,
            field,
        },
        Effect::SaveHistory { .. } | Effect::SaveViews { .. } => return None,
        Effect::BulkEdit { .. } | Effect::CollectRecords { .. } | Effect::BulkDelete { .. } => {
            return super::bulk_io::run(effect, client).await;
        }
        Effect::Debounce { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DebounceElapsed { ticket }
        }
        Effect::DraftDue { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DraftDue { ticket }
        }
        Effect::WriteDraft { .. } | Effect::DeleteDraft { .. } | Effect::ListDrafts => {
            return journal_io(effect, journal).await;
        }
    };
    Some(msg)
}

/// The API has no ETag, so the record is read again first: if someone saved it since the
/// form opened, nothing is sent and the user decides.
async fn save(
    client: &Client,
    id: &str,
    base_updated_at: &str,
    update: &RecordUpdate,
) -> Result<Record, SaveError> {
    let current = client.get_record(id).await.map_err(SaveError::Api)?;
    if current.updated_at != base_updated_at {
        // An earlier save of this very edit may have landed unanswered (a 500 after the
        // write, a kill mid-save): the server holding the intent is a save, not a conflict.
        if holds(&current, update) {
            return Ok(current);
        }
        return Err(SaveError::Conflict {
            theirs: Box::new(current),
        });
    }
    let saved = match client.update_record(id, update).await {
        Ok(saved) => saved,
        // The PUT may have been applied: look rather than guess (and never re-send blindly).
        Err(e) if e.write_may_have_landed() => {
            return read_back(client, id, base_updated_at, update, e).await;
        }
        Err(e) => return Err(SaveError::Api(e)),
    };
    remove_kept_keys(client, id, update, saved).await
}

/// Metadata keys the server still has although the PUT left them out: a server that merges
/// metadata instead of replacing it keeps keys the user deleted.
fn kept_keys(update: &RecordUpdate, saved: &Record) -> Vec<String> {
    let Some(sent) = &update.metadata else {
        return Vec::new();
    };
    let renamed: Vec<&str> = saved
        .warnings
        .iter()
        .filter_map(|w| w.to.as_deref())
        .collect();
    saved
        .metadata
        .keys()
        .filter(|k| !sent.contains_key(*k) && !renamed.contains(&k.as_str()))
        .cloned()
        .collect()
}

/// Compares the answer with what was meant; keys the server kept against the user's delete
/// are removed with a bulk edit for this one record, and the user is told.
async fn remove_kept_keys(
    client: &Client,
    id: &str,
    update: &RecordUpdate,
    saved: Record,
) -> Result<Record, SaveError> {
    let kept = kept_keys(update, &saved);
    if kept.is_empty() {
        return Ok(saved);
    }
    let request = BulkEditRequest {
        record_ids: Some(vec![id.to_owned()]),
        delete_fields: Some(kept.clone()),
        ..BulkEditRequest::default()
    };
    client.bulk_edit(&request).await.map_err(SaveError::Api)?;
    let mut fixed = client.get_record(id).await.map_err(SaveError::Api)?;
    fixed.warnings = saved.warnings;
    fixed
        .warnings
        .extend(kept.into_iter().map(|k| WriteWarning {
            code: KEPT_KEY_REMOVED.to_owned(),
            from: Some(k),
            to: None,
        }));
    Ok(fixed)
}

/// A client-side note (not an API code): the server kept a deleted key; it was then removed.
pub const KEPT_KEY_REMOVED: &str = "KEPT_KEY_REMOVED";

/// True when `record` already says what `update` asks for.
fn holds(record: &Record, update: &RecordUpdate) -> bool {
    update.name.as_ref().is_none_or(|n| *n == record.name)
        && update
            .record_type
            .as_ref()
            .is_none_or(|t| *t == record.record_type)
        && update
            .metadata
            .as_ref()
            .is_none_or(|m| crate::api::exact::same_metadata(m, &record.metadata))
}

/// After a PUT with no answer: if the record now holds what was sent, it was saved; if it is
/// unchanged, the PUT never landed (the error stands, Ctrl-S retries); if it changed into
/// something else, someone else saved meanwhile: a conflict, merged like any other.
async fn read_back(
    client: &Client,
    id: &str,
    base_updated_at: &str,
    update: &RecordUpdate,
    error: ApiError,
) -> Result<Record, SaveError> {
    let Ok(now) = client.get_record(id).await else {
        return Err(SaveError::Api(error));
    };
    if holds(&now, update) {
        Ok(now)
    } else if now.updated_at == base_updated_at {
        Err(SaveError::Api(error))
    } else {
        Err(SaveError::Conflict {
            theirs: Box::new(now),
        })
    }
}
