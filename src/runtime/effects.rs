//! Runs an effect on its own task and sends exactly one message back, with its ticket.

use super::drafts::Journal;
use crate::api::{Client, Record, RecordUpdate};
use crate::app::row::RowPage;
use crate::app::{Effect, Msg, SaveError};
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

pub fn spawn(
    effect: Effect,
    client: &Client,
    journal: &Option<Arc<Journal>>,
    tx: &UnboundedSender<Msg>,
) {
    let client = client.clone();
    let journal = journal.clone();
    let tx = tx.clone();
    tokio::spawn(async move {
        let msg = match effect {
            Effect::WriteDraft { .. } | Effect::DeleteDraft { .. } | Effect::ListDrafts => {
                journal_io(effect, journal).await
            }
            other => Some(run(other, &client).await),
        };
        // The receiver is gone only when the app is quitting; nothing to report then.
        if let Some(msg) = msg {
            let _ = tx.send(msg);
        }
    });
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

async fn run(effect: Effect, client: &Client) -> Msg {
    match effect {
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
        Effect::Debounce { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DebounceElapsed { ticket }
        }
        Effect::DraftDue { ticket, delay } => {
            tokio::time::sleep(delay).await;
            Msg::DraftDue { ticket }
        }
        // Handled by `journal_io`; listed so a new effect cannot be forgotten here.
        Effect::WriteDraft { .. } | Effect::DeleteDraft { .. } | Effect::ListDrafts => {
            Msg::DraftsFound { drafts: Vec::new() }
        }
    }
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
        return Err(SaveError::Conflict {
            theirs: Box::new(current),
        });
    }
    client
        .update_record(id, update)
        .await
        .map_err(SaveError::Api)
}
