//! Everything the app asks the runtime to do, as data. Every request carries a ticket.

use super::Ticket;
use super::form::draft::Draft;
use crate::api::ops::BulkEditRequest;
use crate::api::{ApiError, ListQuery, Record, RecordFilter, RecordUpdate};
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
    /// Fetch one record ahead (triage); answers `RecordLoaded`, and unlike `LoadRecord` a
    /// newer one does not cancel it.
    PrefetchRecord { ticket: Ticket, id: String },
    /// Ask whether record `id` is still listed by `query`; answers `Matched`.
    CheckMatch {
        ticket: Ticket,
        id: String,
        query: Box<ListQuery>,
    },
    /// Re-read the record; if its `updatedAt` still equals `base_updated_at`, send the PUT.
    SaveRecord {
        ticket: Ticket,
        id: String,
        base_updated_at: String,
        update: RecordUpdate,
    },
    /// Fetch the metadata keys of a type (`schema`); answers `SchemaLoaded`.
    LoadSchema { ticket: Ticket, record_type: String },
    /// Fetch the common values of one key (`field-values`); answers `FieldValuesLoaded`.
    LoadFieldValues {
        ticket: Ticket,
        record_type: String,
        field: String,
    },
    /// `bulk-edit` (a dry run or for real, as the request says); answers `BulkEdited`.
    BulkEdit {
        ticket: Ticket,
        request: Box<BulkEditRequest>,
    },
    /// Every record each filter matches, in full (all pages); answers `RecordsCollected`.
    CollectRecords {
        ticket: Ticket,
        filters: Vec<RecordFilter>,
    },
    /// `bulk-delete` of `ids`; answers `BulkDeleted`. `before` holds each record in full as
    /// it was just before, for whoever keeps a journal of writes.
    BulkDelete {
        ticket: Ticket,
        ids: Vec<String>,
        before: Vec<Record>,
    },
    /// Store the saved views and the one in use, for this profile; nothing answers.
    SaveViews { book: Box<super::views::ViewBook> },
    /// Store the `:` history (oldest first) for this profile; nothing answers.
    SaveHistory { lines: Vec<String> },
    /// Read the journal of writes; answers `WritesLoaded`.
    LoadWrites { ticket: Ticket },
    /// Revert one journaled write, never over a change made since; answers `Undone`.
    Undo {
        ticket: Ticket,
        entry: Box<super::writes::WriteEntry>,
    },
    /// Create a record (`POST`, never retried).
    CreateRecord {
        ticket: Ticket,
        record: Box<crate::api::NewRecord>,
    },
    /// Delete a record.
    DeleteRecord { ticket: Ticket, id: String },
    /// Answer with `DebounceElapsed { ticket }` after `delay`.
    Debounce { ticket: Ticket, delay: Duration },
    /// Answer with `DraftDue { ticket }` after `delay` (the journal's pause after typing).
    DraftDue { ticket: Ticket, delay: Duration },
    /// Write the open form's draft to the journal, atomically.
    WriteDraft { draft: Box<Draft> },
    /// Forget this session's draft of a record (saved or discarded).
    DeleteDraft { id: String },
    /// Forget a draft file left by an earlier session (resumed, so copied, or discarded).
    DeleteDraftFile { path: String },
    /// Answer with `OfferArmed { ticket }` after `delay`: the draft offer takes keys only once
    /// it has been on screen long enough to be seen.
    ArmOffer { ticket: Ticket, delay: Duration },
    /// Look for drafts an earlier run left.
    ListDrafts,
    /// Connect to another profile of the config file (its server, key, drafts and history);
    /// answers `ProfileSwitched`.
    SwitchProfile { name: String },
    /// Put `text` on the clipboard through the terminal (OSC 52); nothing answers.
    Copy { text: String },
    /// Copies the curl command that fetches the record (the runtime knows the address).
    CopyCurl { id: String },
    /// Hands the terminal to `$VISUAL`/`$EDITOR` on a temp file holding `text`.
    EditText {
        target: super::external::EditTarget,
        text: String,
    },
    /// `:export`: the records `filters` match, to `path` (`~` expanded there), through a
    /// temporary file renamed at the end; answers `ExportProgress` as it goes, then `Exported`.
    Export {
        ticket: Ticket,
        path: String,
        format: super::files::ExportFormat,
        filters: Box<crate::api::RecordFilters>,
        /// Replace a file already there (`:export!`).
        overwrite: bool,
    },
    /// Stop the export with this ticket; its temporary file is removed, nothing answers.
    CancelExport { ticket: Ticket },
    /// Read a file for `:import` (size-capped); answers `ImportRead`.
    ReadImport { ticket: Ticket, path: String },
    /// `upload-csv`; answers `Uploaded`.
    UploadCsv {
        ticket: Ticket,
        upload: Box<crate::api::ops::CsvUpload>,
    },
    /// The schema of a type with each key's types and counts, for the filter builder;
    /// answers `FieldsLoaded`.
    LoadFields { ticket: Ticket, record_type: String },
    /// How many records a filter matches (`preview-filter`); answers `FilterPreviewed`.
    PreviewFilter {
        ticket: Ticket,
        filter: RecordFilter,
    },
    /// Runs, costs or step results of record `id`, or the deletion of a run; answers
    /// `RecordHistory`.
    RecordHistory {
        ticket: Ticket,
        id: String,
        request: super::tabs::HistoryRequest,
    },
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
