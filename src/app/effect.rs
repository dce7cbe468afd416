//! Everything the app asks the runtime to do, as data. Every request carries a ticket.

use super::Ticket;
use crate::api::{ApiError, ListQuery, Record, RecordUpdate};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Fetch one list page.
    LoadPage {
        ticket: Ticket,
        query: Box<ListQuery>,
    },
    /// Fetch one record (detail view).
    LoadRecord { ticket: Ticket, id: String },
    /// Re-read the record; if its `updatedAt` still equals `base_updated_at`, send the PUT.
    SaveRecord {
        ticket: Ticket,
        id: String,
        base_updated_at: String,
        update: RecordUpdate,
    },
    /// Answer with `DebounceElapsed { ticket }` after `delay`.
    Debounce { ticket: Ticket, delay: Duration },
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaveError {
    #[error("{0}")]
    Api(ApiError),
    /// Someone else saved the record since the form was opened; nothing was sent.
    #[error("the record changed on the server since it was opened")]
    Conflict { theirs: Box<Record> },
}
