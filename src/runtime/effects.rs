//! Runs an effect on its own task and sends exactly one message back, with its ticket.

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
    history: &Option<Arc<HistoryFile>>,
    writes: &Option<Arc<super::writes::WriteLog>>,
    tx: &UnboundedSender<Msg>,
) -> tokio::task::JoinHandle<()> {
    use tracing::Instrument;
    let client = client.clone();
    let history = history.clone();
    let writes = writes.clone();
    let tx = tx.clone();
    let (kind, ticket) = describe(&effect);
    let span = tracing::debug_span!("effect", kind, ticket);
    let task = async move {
        if let Effect::SaveHistory { lines } = effect {
            save_history(lines, history).await;
            return;
        }
        let msg = if super::files::handles(&effect) {
            super::files::run(effect, &client, &tx).await
        } else {
            run(effect, &client, writes.as_deref()).await
        };
        tracing::debug!(
            outcome = msg.as_ref().map_or("nothing to report", outcome),
            "effect done"
        );
        // The receiver is gone only when the app is quitting; nothing to report then.
        if let Some(msg) = msg {
            let _ = tx.send(msg);
        }
    };
    tokio::spawn(task.instrument(span))
}

/// The effect's name and ticket, for the log.
fn describe(effect: &Effect) -> (&'static str, Option<u64>) {
    match effect {
        Effect::LoadPage { ticket, .. } => ("load-page", Some(ticket.0)),
        Effect::LoadRecord { ticket, .. } => ("load-record", Some(ticket.0)),
        Effect::PrefetchRecord { ticket, .. } => ("prefetch-record", Some(ticket.0)),
        Effect::CheckMatch { ticket, .. } => ("check-match", Some(ticket.0)),
        Effect::SaveRecord { ticket, .. } => ("save-record", Some(ticket.0)),
        Effect::Debounce { ticket, .. } => ("debounce", Some(ticket.0)),
        Effect::DraftDue { ticket, .. } => ("draft-due", Some(ticket.0)),
        Effect::ArmOffer { ticket, .. } => ("arm-offer", Some(ticket.0)),
        Effect::CreateRecord { ticket, .. } => ("create-record", Some(ticket.0)),
        Effect::DeleteRecord { ticket, .. } => ("delete-record", Some(ticket.0)),
        Effect::LoadWrites { ticket } => ("load-writes", Some(ticket.0)),
        Effect::Undo { ticket, .. } => ("undo", Some(ticket.0)),
        Effect::LoadSchema { ticket, .. } => ("load-schema", Some(ticket.0)),
        Effect::LoadFieldValues { ticket, .. } => ("load-field-values", Some(ticket.0)),
        Effect::SaveHistory { .. } => ("save-history", None),
        Effect::SaveViews { .. } => ("save-views", None),
        Effect::BulkEdit { ticket, .. } => ("bulk-edit", Some(ticket.0)),
        Effect::CollectRecords { ticket, .. } => ("collect-records", Some(ticket.0)),
        Effect::BulkDelete { ticket, .. } => ("bulk-delete", Some(ticket.0)),
        Effect::WriteDraft { .. } => ("write-draft", None),
        Effect::DeleteDraft { .. } => ("delete-draft", None),
        Effect::DeleteDraftFile { .. } => ("delete-draft-file", None),
        Effect::ListDrafts => ("list-drafts", None),
        Effect::SwitchProfile { .. } => ("switch-profile", None),
        Effect::Copy { .. } => ("copy", None),
        Effect::CopyCurl { .. } => ("copy-curl", None),
        Effect::EditText { .. } => ("edit-text", None),
        Effect::Export { ticket, .. } => ("export", Some(ticket.0)),
        Effect::CancelExport { ticket } => ("cancel-export", Some(ticket.0)),
        Effect::ReadImport { ticket, .. } => ("read-import", Some(ticket.0)),
        Effect::UploadCsv { ticket, .. } => ("upload-csv", Some(ticket.0)),
        Effect::LoadFields { ticket, .. } => ("load-fields", Some(ticket.0)),
        Effect::PreviewFilter { ticket, .. } => ("preview-filter", Some(ticket.0)),
        Effect::RecordHistory { ticket, .. } => ("record-history", Some(ticket.0)),
    }
}

/// How an effect ended, in a word (details are in the request and save lines).
fn outcome(msg: &Msg) -> &'static str {
    let failed = match msg {
        Msg::PageLoaded { result, .. } => result.is_err(),
        Msg::RecordLoaded { result, .. } => result.is_err(),
        Msg::Saved { result, .. } => result.is_err(),
        Msg::Created { result, .. } => result.is_err(),
        Msg::Deleted { result, .. } => result.is_err(),
        Msg::DraftWritten { result } => result.is_err(),
        _ => false,
    };
    if failed { "failed" } else { "ok" }
}

/// One line per save outcome. Server text in an error is logged with the key masked.
fn log_save(client: &Client, id: &str, result: &Result<Record, SaveError>) {
    match result {
        Ok(r) => tracing::info!(id, updated_at = r.updated_at, "save: saved"),
        Err(SaveError::Conflict { theirs }) => {
            tracing::info!(
                id,
                theirs = theirs.updated_at,
                "save: conflict, nothing sent"
            );
        }
        Err(SaveError::Api(e)) => {
            let error = client.redact(&e.to_string());
            tracing::info!(id, status = e.status(), error, "save: not saved");
        }
    }
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
        // A bucket without a value (or a null one) has nothing to complete to.
        .filter_map(|v| match v.value? {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some((s, v.count)),
            other => Some((other.to_string(), v.count)),
        })
        .collect()
}

/// Runs one effect; the journal's effects may have nothing to report.
async fn run(
    effect: Effect,
    client: &Client,
    writes: Option<&super::writes::WriteLog>,
) -> Option<Msg> {
    let msg = match effect {
        Effect::LoadPage { ticket, query } => Msg::PageLoaded {
            ticket,
            result: client.list_records(&query).await.map(RowPage::from),
        },
        Effect::LoadRecord { ticket, id } | Effect::PrefetchRecord { ticket, id } => {
            Msg::RecordLoaded {
                ticket,
                result: client.get_record(&id).await,
            }
        }
        Effect::CheckMatch { ticket, id, query } => Msg::Matched {
            result: client.list_records(&query).await.map(|page| {
                // An unreadable record on the page may be this one: it stays queued.
                page.records.iter().any(|r| r.id == id) || !page.skipped.is_empty()
            }),
            ticket,
            id,
        },
        Effect::SaveRecord {
            ticket,
            id,
            base_updated_at,
            update,
        } => {
            let (before, result) = save(client, &id, &base_updated_at, &update).await;
            log_save(client, &id, &result);
            // A conflict sent nothing: there is no write to journal.
            let sent = !matches!(result, Err(SaveError::Conflict { .. }));
            if let Some(w) = writes.filter(|_| sent) {
                let _ = w.append(super::writes::put_entry(
                    &id,
                    &update,
                    before.as_ref(),
                    &result,
                ));
            }
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
        Effect::LoadFields {
            ticket,
            record_type,
        } => Msg::FieldsLoaded {
            ticket,
            result: client
                .discover_schema(&record_type, None)
                .await
                .map(|r| crate::app::filter_builder::field_report(&r)),
        },
        Effect::PreviewFilter { ticket, filter } => Msg::FilterPreviewed {
            ticket,
            result: client
                .preview_filter(&filter)
                .await
                .map(|p| p.matched_count),
        },
        Effect::SaveHistory { .. } | Effect::SaveViews { .. } => return None,
        Effect::RecordHistory {
            ticket,
            id,
            request,
        } => {
            let deleting = match &request {
                crate::app::tabs::HistoryRequest::DeleteResult { result_id } => {
                    Some(result_id.clone())
                }
                _ => None,
            };
            let result = super::record_history::run(client, &id, request).await;
            if let (Some(result_id), Some(w)) = (deleting, writes) {
                let _ = w.append(super::writes::result_deleted(&id, &result_id, &result));
            }
            Msg::RecordHistory { ticket, result }
        }
        Effect::CollectRecords { .. } => return super::bulk_io::run(effect, client).await,
        Effect::BulkEdit { .. }
        | Effect::BulkDelete { .. }
        | Effect::CreateRecord { .. }
        | Effect::DeleteRecord { .. }
        | Effect::LoadWrites { .. }
        | Effect::Undo { .. } => return super::writes::run(effect, client, writes).await,
        Effect::Debounce { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DebounceElapsed { ticket }
        }
        Effect::DraftDue { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DraftDue { ticket }
        }
        Effect::ArmOffer { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::OfferArmed { ticket }
        }
        // The runtime hands these to the journal's thread; they never get here.
        Effect::WriteDraft { .. }
        | Effect::DeleteDraft { .. }
        | Effect::DeleteDraftFile { .. }
        | Effect::ListDrafts
        | Effect::SwitchProfile { .. }
        | Effect::Copy { .. }
        | Effect::CopyCurl { .. }
        | Effect::EditText { .. }
        | Effect::CancelExport { .. } => return None,
        // Run by `runtime::files`, which sends progress as it goes.
        Effect::Export { .. } | Effect::ReadImport { .. } | Effect::UploadCsv { .. } => {
            return None;
        }
    };
    Some(msg)
}

/// The API has no ETag, so the record is read again first: if someone saved it since the
/// form opened, nothing is sent and the user decides.
/// Returns the record as it was before (what the journal of writes keeps) with the outcome.
pub(super) async fn save(
    client: &Client,
    id: &str,
    base_updated_at: &str,
    update: &RecordUpdate,
) -> (Option<Record>, Result<Record, SaveError>) {
    match client.get_record(id).await {
        Ok(current) => {
            let result = save_over(client, &current, id, base_updated_at, update).await;
            (Some(current), result)
        }
        Err(e) => (None, Err(SaveError::Api(e))),
    }
}

async fn save_over(
    client: &Client,
    current: &Record,
    id: &str,
    base_updated_at: &str,
    update: &RecordUpdate,
) -> Result<Record, SaveError> {
    let current = current.clone();
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
