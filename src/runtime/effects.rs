//! Runs an effect on its own task and sends exactly one message back, with its ticket.

use crate::api::{Client, Record, RecordUpdate};
use crate::app::row::RowPage;
use crate::app::{Effect, Msg, SaveError};
use tokio::sync::mpsc::UnboundedSender;

pub fn spawn(effect: Effect, client: &Client, tx: &UnboundedSender<Msg>) {
    let client = client.clone();
    let tx = tx.clone();
    tokio::spawn(async move {
        let msg = run(effect, &client).await;
        // The receiver is gone only when the app is quitting; nothing to report then.
        let _ = tx.send(msg);
    });
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
