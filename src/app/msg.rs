//! Everything that can happen to the app: input, finished effects, lifecycle.

use super::Ticket;
use super::effect::SaveError;
use super::form::draft::Draft;
use super::row::RowPage;
use crate::api::ops::{BulkDeleteResult, BulkEditResult};
use crate::api::{ApiError, Record};
use crossterm::event::{KeyEvent, MouseEvent};

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Input
    /// A key press: resolved to an action, or typed into the focused field.
    Key(KeyEvent),
    /// Wheel scrolls the list; a click selects a row.
    Mouse(MouseEvent),
    /// Bracketed paste: inserted into the focused field as one edit.
    Paste(String),
    /// The terminal changed size: layout-dependent state (scroll offsets) is recomputed.
    Resize { width: u16, height: u16 },

    // Results of effects
    /// A list page arrived (or failed); dropped unless its ticket is the current list load.
    PageLoaded {
        ticket: Ticket,
        result: Result<RowPage, ApiError>,
    },
    /// A single record arrived for the detail view.
    RecordLoaded {
        ticket: Ticket,
        result: Result<Record, ApiError>,
    },
    /// A save finished. A successful save updates the list even if the form is gone.
    Saved {
        ticket: Ticket,
        id: String,
        result: Result<Record, SaveError>,
    },
    /// Metadata keys of a type (`schema`), for Tab in the `:` prompt.
    SchemaLoaded {
        ticket: Ticket,
        record_type: String,
        result: Result<Vec<String>, ApiError>,
    },
    /// The most common values of a key, with counts (`field-values`), for Tab.
    FieldValuesLoaded {
        ticket: Ticket,
        record_type: String,
        field: String,
        result: Result<Vec<(String, u64)>, ApiError>,
    },
    /// A record was created (or not); its form takes the answer like a save's.
    Created {
        ticket: Ticket,
        result: Result<Record, ApiError>,
    },
    /// A record was deleted (or not): its row goes, and the screens showing it close.
    Deleted {
        ticket: Ticket,
        id: String,
        result: Result<(), ApiError>,
    },
    /// The journal of writes was read (oldest first), for `:history`.
    WritesLoaded {
        ticket: Ticket,
        result: Result<Vec<super::writes::WriteEntry>, String>,
    },
    /// An undo finished: what was done, or why nothing was.
    Undone {
        ticket: Ticket,
        result: Result<String, String>,
    },
    /// A `bulk-edit` answered: the preview of a dry run, or the outcome of the real one.
    BulkEdited {
        ticket: Ticket,
        result: Result<BulkEditResult, ApiError>,
    },
    /// The records a bulk delete would remove, in full, for its preview.
    RecordsCollected {
        ticket: Ticket,
        result: Result<Vec<Record>, ApiError>,
    },
    /// A `bulk-delete` answered.
    BulkDeleted {
        ticket: Ticket,
        result: Result<BulkDeleteResult, ApiError>,
    },
    /// Whether a triaged ticket still matches the queue's filter (`false`: it leaves).
    Matched {
        ticket: Ticket,
        id: String,
        result: Result<bool, ApiError>,
    },
    /// A frame was drawn while the current triage ticket waited to be seen: keys may act
    /// on it now.
    Drawn,
    /// How far the detail view on screen can scroll (measured when it was drawn): its scroll
    /// is clamped, so `k` after `G` moves at once.
    DetailLimit { max: u16 },
    /// The search debounce ran out; if the ticket is current, the search is sent.
    DebounceElapsed { ticket: Ticket },

    /// The pause after typing is over; if the ticket is current, the draft is written.
    DraftDue { ticket: Ticket },
    /// A draft was written (`Ok`, with its path) or could not be (`Err`, said at once).
    DraftWritten { result: Result<String, String> },
    /// Drafts an earlier run left, offered for resuming, and files that could not be read.
    DraftsFound {
        drafts: Vec<Draft>,
        problems: Vec<String>,
    },
    /// The draft offer has been on screen long enough; if the ticket is current, keys go to it.
    OfferArmed { ticket: Ticket },

    /// Something the runtime could not do that the user should know (a file not written).
    Notice { text: String },

    // Lifecycle
    /// Time passes: spinner frames and relative times move on.
    Tick { now_ms: i64 },
    /// A frame is about to be drawn: relative times are drawn against this clock.
    Clock { now_ms: i64 },
    /// SIGTERM, SIGHUP or SIGINT from outside: leave now, with exit code 128 + signal.
    Terminate { signal: i32 },
    /// The runtime's answer to `Effect::SwitchProfile`: the profile and where its key came
    /// from, or why it could not connect (nothing changed then).
    /// The editor closed: the text it left (or why it did not run), with what it was given.
    Edited {
        target: super::external::EditTarget,
        sent: String,
        result: Result<String, String>,
    },
    ProfileSwitched {
        result: Box<Result<(super::profile::Profile, String), String>>,
    },
    /// How far an export has got: bytes (CSV) or records (JSON Lines) written so far.
    ExportProgress { ticket: Ticket, count: u64 },
    /// An export ended: where the file went and how much it holds, or why there is none.
    Exported {
        ticket: Ticket,
        result: Result<super::files::Exported, String>,
    },
    /// The file for `:import` was read (its full path and bytes), or why not.
    ImportRead {
        ticket: Ticket,
        result: Result<(String, Vec<u8>), String>,
    },
    /// `upload-csv` answered.
    Uploaded {
        ticket: Ticket,
        result: Result<crate::api::ops::CsvUploadResult, ApiError>,
    },
    /// The schema of a type, for the filter builder's field list.
    FieldsLoaded {
        ticket: Ticket,
        result: Result<super::filter_builder::FieldReport, ApiError>,
    },
    /// How many records the filter builder's line matches; dropped unless still current.
    FilterPreviewed {
        ticket: Ticket,
        result: Result<u64, ApiError>,
    },
    /// The answer to `Effect::RecordHistory`, for the detail view's tabs.
    RecordHistory {
        ticket: Ticket,
        result: Result<super::tabs::HistoryAnswer, ApiError>,
    },
}
