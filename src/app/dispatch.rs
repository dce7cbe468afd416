//! The one entry point that changes state: each message goes to the part of the app it
//! concerns, and what the user is shown on the way is kept in the message log.

use super::{App, Effect, Msg, messages};

/// Applies one message; returns the effects to run. Every message the user is shown on the
/// way (status line, form banner) is kept in full in the message log.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let shown = messages::Shown::of(app);
    let effects = apply(app, msg);
    messages::record(app, shown);
    effects
}

fn apply(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => app.on_key(key),
        Msg::Mouse(mouse) => app.on_mouse(mouse),
        Msg::Paste(text) => app.on_paste(&text),
        Msg::Resize { width, height } => app.on_resize(width, height),
        Msg::PageLoaded { ticket, result } => app.on_page(ticket, result),
        Msg::RecordLoaded { ticket, result } if app.triage_owns(ticket) => {
            app.on_triage_record(ticket, result)
        }
        Msg::RecordLoaded { ticket, result } => app.on_record(ticket, result),
        Msg::Saved { ticket, result, .. } if app.triage_owns(ticket) => {
            app.on_triage_saved(ticket, result)
        }
        Msg::Saved { ticket, id, result } => {
            if let Ok(record) = &result {
                app.triage_observe(record);
            }
            app.on_saved(ticket, &id, result)
        }
        Msg::Matched { ticket, id, result } => app.on_triage_match(ticket, &id, result),
        Msg::Drawn => app.on_drawn(),
        Msg::Created { ticket, result } => app.on_created(ticket, result),
        Msg::DetailLimit { max } => {
            if let Some(d) = app.detail.as_mut() {
                d.scroll = d.scroll.min(max);
            }
            Vec::new()
        }
        Msg::WritesLoaded { ticket, result } => app.on_writes_loaded(ticket, result),
        Msg::Undone { result, .. } => app.on_undone(result),
        Msg::Deleted { ticket, id, result } => app.on_deleted(ticket, &id, result),
        Msg::BulkEdited { ticket, result } => app.on_bulk_edited(ticket, result),
        Msg::RecordsCollected { ticket, result } => app.on_records_collected(ticket, result),
        Msg::BulkDeleted { ticket, result } => app.on_bulk_deleted(ticket, result),
        Msg::DebounceElapsed { ticket } if app.builder_owns(ticket) => app.on_builder_due(ticket),
        Msg::DebounceElapsed { ticket } => app.on_debounce(ticket),
        Msg::SchemaLoaded {
            ticket,
            record_type,
            result,
        } => app.on_schema(ticket, record_type, result),
        Msg::FieldValuesLoaded {
            ticket,
            record_type,
            field,
            result,
        } if app.builder_owns(ticket) => app.on_builder_values((record_type, field), result),
        Msg::FieldValuesLoaded {
            ticket,
            record_type,
            field,
            result,
        } => app.on_field_values(ticket, (record_type, field), result),
        Msg::DraftDue { ticket } => app.on_draft_due(ticket),
        Msg::DraftWritten { result } => app.on_draft_written(result),
        Msg::DraftsFound { drafts, problems } => app.on_drafts_found(drafts, problems),
        Msg::OfferArmed { ticket } => app.on_offer_armed(ticket),
        Msg::Notice { text } => {
            app.notice = Some(text);
            Vec::new()
        }
        Msg::Tick { now_ms } => app.on_tick(now_ms),
        Msg::Clock { now_ms } => {
            app.now_ms = now_ms;
            Vec::new()
        }
        Msg::Terminate { signal } => app.on_terminate(signal),
        Msg::ProfileSwitched { result } => app.on_profile_switched(*result),
        Msg::Edited {
            target,
            sent,
            result,
        } => app.on_edited(target, &sent, result),
        Msg::ExportProgress { ticket, count } => app.on_export_progress(ticket, count),
        Msg::Exported { ticket, result } => app.on_exported(ticket, result),
        Msg::ImportRead { ticket, result } => app.on_import_read(ticket, result),
        Msg::Uploaded { ticket, result } => app.on_uploaded(ticket, result),
        Msg::FieldsLoaded { ticket, result } => app.on_fields_loaded(ticket, result),
        Msg::FilterPreviewed { ticket, result } => app.on_filter_previewed(ticket, result),
        Msg::RecordHistory { ticket, result } => app.on_history(ticket, result),
    }
}
