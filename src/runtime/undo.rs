//! Undoing a journaled write: a PUT is reverted, a create deleted, a delete created again
//! (with a new id), a bulk change reverted record by record. Never over a change made since:
//! a record that moved on is left alone and the user told. The undo's own writes are
//! journaled too.

use super::writes::{WriteLog, entry, json, outcome, put_entry};
use crate::api::{Client, NewRecord, Record, RecordUpdate};
use crate::app::SaveError;
use crate::app::writes::WriteEntry;
use serde_json::Value;

/// Records beyond this many are not undone in one go (each is a request of its own).
const BULK_UNDO_LIMIT: usize = 500;

fn within_limit(n: usize) -> Result<(), String> {
    if n > BULK_UNDO_LIMIT {
        return Err(format!(
            "{n} records are more than one undo makes ({BULK_UNDO_LIMIT})"
        ));
    }
    Ok(())
}

fn record_of(v: &Value) -> Result<Record, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("the journal entry is unreadable: {e}"))
}

fn name_of(r: &Record) -> String {
    format!("“{}”", r.name)
}

/// Reverts one write. Never over a change made since: a record that moved on is left alone
/// and the user told. Each write the undo makes is journaled too.
pub async fn undo(
    client: &Client,
    log: Option<&WriteLog>,
    e: &WriteEntry,
) -> Result<String, String> {
    match e.method.as_str() {
        "PUT" => undo_put(client, log, e).await,
        "POST" => undo_create(client, log, e).await,
        "DELETE" => undo_delete(client, log, e).await,
        "BULK-DELETE" => recreate_all(client, log, &e.before).await,
        "BULK-EDIT" => restore_metadata(client, log, &e.before).await,
        "DELETE-RESULT" => {
            Err("a deleted run cannot be brought back: the API cannot create one".into())
        }
        other => Err(format!("{other} cannot be undone")),
    }
}

async fn undo_put(
    client: &Client,
    log: Option<&WriteLog>,
    e: &WriteEntry,
) -> Result<String, String> {
    let before = record_of(e.before.first().ok_or("the entry has no before state")?)?;
    let after = record_of(e.answer.as_ref().ok_or("the entry has no answer")?)?;
    let update = RecordUpdate {
        name: (before.name != after.name).then(|| before.name.clone()),
        record_type: (before.record_type != after.record_type).then(|| before.record_type.clone()),
        metadata: Some(before.metadata.clone()),
        ..RecordUpdate::default()
    };
    let (current, result) =
        super::effects::save(client, &after.id, &after.updated_at, &update).await;
    if let Some(log) = log.filter(|_| !matches!(result, Err(SaveError::Conflict { .. }))) {
        let _ = log.append(put_entry(&after.id, &update, current.as_ref(), &result));
    }
    match result {
        Ok(_) => Ok(format!(
            "Undone: {} is as it was before {}.",
            name_of(&before),
            e.time
        )),
        Err(SaveError::Conflict { theirs }) => Err(format!(
            "{} changed since (at {}); nothing was overwritten",
            name_of(&theirs),
            theirs.updated_at
        )),
        Err(SaveError::Api(err)) => Err(err.to_string()),
    }
}

async fn undo_create(
    client: &Client,
    log: Option<&WriteLog>,
    e: &WriteEntry,
) -> Result<String, String> {
    let created = record_of(e.answer.as_ref().ok_or("the entry has no answer")?)?;
    let current = client
        .get_record(&created.id)
        .await
        .map_err(|err| err.to_string())?;
    if current.updated_at != created.updated_at {
        return Err(format!(
            "{} changed since it was created; not deleted",
            name_of(&current)
        ));
    }
    let result = client.delete_record(&created.id).await;
    if let Some(log) = log {
        let outcome = outcome(&result);
        let _ = log.append(entry(
            "DELETE",
            format!("/records/{}", created.id),
            None,
            json(&current).into_iter().collect(),
            None,
            outcome,
        ));
    }
    result.map_err(|err| err.to_string())?;
    Ok(format!(
        "Undone: the created record {} is deleted.",
        name_of(&created)
    ))
}

async fn recreate(
    client: &Client,
    log: Option<&WriteLog>,
    before: &Record,
) -> Result<Record, String> {
    let new = NewRecord {
        record_type: before.record_type.clone(),
        name: before.name.clone(),
        metadata: Some(before.metadata.clone()),
        ..NewRecord::default()
    };
    let result = client.create_record(&new).await;
    if let Some(log) = log {
        let outcome = outcome(&result);
        let _ = log.append(entry(
            "POST",
            "/records".into(),
            json(&new),
            Vec::new(),
            result.as_ref().ok().and_then(json),
            outcome,
        ));
    }
    result.map_err(|err| err.to_string())
}

async fn undo_delete(
    client: &Client,
    log: Option<&WriteLog>,
    e: &WriteEntry,
) -> Result<String, String> {
    let before = record_of(e.before.first().ok_or("the entry has no before state")?)?;
    let created = recreate(client, log, &before).await?;
    Ok(format!(
        "Undone: {} was created again, with a new id ({}).",
        name_of(&before),
        created.id
    ))
}

async fn recreate_all(
    client: &Client,
    log: Option<&WriteLog>,
    before: &[Value],
) -> Result<String, String> {
    within_limit(before.len())?;
    let mut made = 0;
    for v in before {
        if recreate(client, log, &record_of(v)?).await.is_ok() {
            made += 1;
        }
    }
    Ok(format!(
        "Undone: {made} of {} deleted records were created again, with new ids.",
        before.len()
    ))
}

/// A bulk edit's entry keeps `{id, metadata, after}` per record: a record whose metadata is
/// still what the edit made gets its old metadata back; one changed since is skipped.
async fn restore_metadata(
    client: &Client,
    log: Option<&WriteLog>,
    before: &[Value],
) -> Result<String, String> {
    within_limit(before.len())?;
    let (mut restored, mut skipped) = (0, 0);
    for v in before {
        let (Some(id), Some(old), Some(after)) = (
            v.get("id").and_then(Value::as_str),
            v.get("metadata").and_then(Value::as_object),
            v.get("after").and_then(Value::as_object),
        ) else {
            skipped += 1;
            continue;
        };
        let current = client.get_record(id).await.map_err(|e| e.to_string())?;
        if !crate::api::exact::same_metadata(&current.metadata, after) {
            skipped += 1;
            continue;
        }
        let update = RecordUpdate {
            metadata: Some(old.clone()),
            ..RecordUpdate::default()
        };
        let (was, result) = super::effects::save(client, id, &current.updated_at, &update).await;
        if let Some(log) = log {
            let _ = log.append(put_entry(id, &update, was.as_ref(), &result));
        }
        if result.is_ok() {
            restored += 1;
        } else {
            skipped += 1;
        }
    }
    Ok(format!(
        "Undone: {restored} records restored, {skipped} changed since and left alone."
    ))
}
