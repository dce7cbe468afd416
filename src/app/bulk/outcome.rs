//! What the server answered to a bulk command: the preview built from a dry run or the
//! collected records, and the summary after the change, with the loaded rows brought up to
//! date.

use super::{Bulk, Op, Preview, Stage, TYPE_COUNT_ABOVE, Target};
use crate::api::ops::{BulkDeleteResult, BulkEditDiff, BulkEditResult};
use crate::api::types::Metadata;
use crate::api::{ApiError, Record};
use crate::app::form::TextField;
use crate::app::row::Row;
use crate::app::selection::Selection;
use crate::app::{App, Effect, Ticket};
use serde_json::Value;
use std::collections::HashSet;

/// How many records the preview shows.
const SAMPLE: usize = 5;

/// A value as a user reads it: text as is, anything else as JSON, absent as `–`.
fn shown(v: Option<&Value>) -> String {
    match v {
        None => "–".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// `key before → after` for each key the command touches that this record changes.
fn changes(diff: &BulkEditDiff, keys: &[&String]) -> String {
    let parts: Vec<String> = keys
        .iter()
        .filter(|k| diff.before.get(k.as_str()) != diff.after.get(k.as_str()))
        .map(|k| {
            format!(
                "{k} {} → {}",
                shown(diff.before.get(k.as_str())),
                shown(diff.after.get(k.as_str()))
            )
        })
        .collect();
    if parts.is_empty() {
        "(already so)".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `Updated 19 records: 15 changed, 4 already as asked.`, as the preview counted them when
/// the answer lists every record's before and after.
fn updated_line(answer: &BulkEditResult, op: Option<&Op>) -> String {
    let n = answer.record_ids.len();
    let records = if n == 1 { "record" } else { "records" };
    let keys = op.map(touched).unwrap_or_default();
    let same = |d: &&BulkEditDiff| {
        keys.iter()
            .all(|k| d.before.get(k.as_str()) == d.after.get(k.as_str()))
    };
    let already = answer.data.iter().filter(same).count();
    if answer.data.len() != n || already == 0 || keys.is_empty() {
        return format!("Updated {n} {records}.");
    }
    format!(
        "Updated {n} {records}: {} changed, {already} already as asked.",
        n - already
    )
}

/// Keys a change touches (set first, then removed).
fn touched(op: &Op) -> Vec<&String> {
    match op {
        Op::Edit { updates, delete } => updates.keys().chain(delete.iter()).collect(),
        Op::Delete => Vec::new(),
    }
}

fn ask(count: usize, target: &Target, always_type: bool) -> Option<TextField> {
    let must = always_type || count > TYPE_COUNT_ABOVE || matches!(target, Target::Matching { .. });
    must.then(|| TextField::new("", false))
}

impl App {
    fn row_name(&self, id: &str) -> String {
        self.list
            .records
            .iter()
            .find(|r| &*r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name.to_string())
    }

    pub(crate) fn on_bulk_edited(
        &mut self,
        ticket: Ticket,
        result: Result<BulkEditResult, ApiError>,
    ) -> Vec<Effect> {
        match (self.bulk_awaits(ticket), result) {
            (None, _) => {}
            (Some(_), Err(e)) => self.bulk_failed(&e),
            (Some(true), Ok(answer)) => self.edit_preview(&answer),
            (Some(false), Ok(answer)) => return self.edit_done(&answer),
        }
        Vec::new()
    }

    fn bulk_failed(&mut self, e: &ApiError) {
        let applying = matches!(
            self.bulk.as_ref().map(|b| &b.stage),
            Some(Stage::Applying(_))
        );
        let mut why = e.to_string();
        if let Some(d) = e.body().and_then(|b| b.details().first()) {
            why = match &d.path {
                Some(path) => format!("{why} ({path}: {})", d.message),
                None => format!("{why} ({})", d.message),
            };
        }
        let text = if applying {
            format!("The change failed: {why}. Press r on the list to see what the server holds.")
        } else {
            format!("No preview: {why}. Nothing was changed.")
        };
        if let Some(b) = self.bulk.as_mut() {
            b.stage = Stage::Failed(text);
        }
    }

    fn edit_preview(&mut self, answer: &BulkEditResult) {
        let Some(bulk) = self.bulk.as_ref() else {
            return;
        };
        let count = answer.record_ids.len();
        if count == 0 {
            let none = format!(
                "No record to change: {} matched none.",
                bulk.target.describe()
            );
            self.bulk_stage(Stage::Done(vec![none]));
            return;
        }
        let keys = touched(&bulk.op);
        let same = |d: &&BulkEditDiff| {
            keys.iter()
                .all(|k| d.before.get(k.as_str()) == d.after.get(k.as_str()))
        };
        let already = answer.data.iter().filter(same).count();
        // Only a dry run that lists every record can say how many already hold the value.
        let already = (answer.data.len() == count).then_some(already);
        if already == Some(count) {
            let none = format!(
                "Nothing to change: all {count} records of {} already hold it.",
                bulk.target.describe()
            );
            self.bulk_stage(Stage::Done(vec![none]));
            return;
        }
        let changed = answer.data.iter().filter(|d| !same(d));
        let sample = changed
            .chain(answer.data.iter().filter(same))
            .take(SAMPLE)
            .map(|d| format!("{}: {}", self.row_name(&d.id), changes(d, &keys)))
            .collect();
        let typed = ask(count, &bulk.target, false);
        if let Selection::Matching { count: known, .. } = &mut self.selection {
            *known = Some(count as u64);
        }
        self.bulk_stage(Stage::Preview(Box::new(Preview {
            count,
            sample,
            name: self.name_field(typed.is_none()),
            protected: self.name_wanted(),
            typed,
            error: None,
            records: Vec::new(),
            already: already.filter(|n| *n > 0),
        })));
    }

    fn bulk_stage(&mut self, stage: Stage) {
        if let Some(b) = self.bulk.as_mut() {
            b.stage = stage;
        }
    }

    fn edit_done(&mut self, answer: &BulkEditResult) -> Vec<Effect> {
        let mut lines = vec![updated_line(answer, self.bulk.as_ref().map(|b| &b.op))];
        if let Some(Bulk {
            target: Target::Ids(ids),
            ..
        }) = &self.bulk
        {
            let done: HashSet<&str> = answer.record_ids.iter().map(String::as_str).collect();
            let missed = ids.keys().filter(|id| !done.contains(id.as_str())).count();
            if missed > 0 {
                lines.push(format!("{missed} not updated: no longer found."));
            }
        }
        lines.extend(answer.warnings.iter().map(|w| {
            let (from, to) = (
                w.from.as_deref().unwrap_or("?"),
                w.to.as_deref().unwrap_or("?"),
            );
            format!("{}: key \"{from}\" was stored as \"{to}\"", w.code)
        }));
        for r in &answer.schema_warnings {
            lines.extend(
                r.errors
                    .iter()
                    .map(|e| format!("{}: {} {}", self.row_name(&r.record_id), e.field, e.message)),
            );
        }
        self.bulk_stage(Stage::Done(lines));
        if answer.data.is_empty() && !answer.record_ids.is_empty() {
            // A server that does not send the diffs: the rows are read again instead.
            return vec![self.load_first_page()];
        }
        for d in &answer.data {
            self.refresh_row(&d.id, &d.after);
        }
        Vec::new()
    }

    /// Shows a record's new metadata in its loaded row (no request: the answer has it).
    fn refresh_row(&mut self, id: &str, metadata: &Metadata) {
        let Some(i) = self.list.records.iter().position(|r| &*r.id == id) else {
            return;
        };
        let fields = Row::fields_of(metadata);
        self.list.records[i].fields = fields;
        // The bulk answer carries no timestamps; the write happened just now, so the Updated
        // column says so instead of showing the time before the change.
        if let Some(now) = rfc3339(self.now_ms) {
            self.list.records[i].updated_at = now.into();
        }
        let keys: Vec<String> = self.list.columns.iter().map(|c| c.key.clone()).collect();
        self.list.index.replace(i, &self.list.records[i], &keys);
    }

    pub(crate) fn on_records_collected(
        &mut self,
        ticket: Ticket,
        result: Result<Vec<Record>, ApiError>,
    ) -> Vec<Effect> {
        match (self.bulk_awaits(ticket), result) {
            (Some(true), Ok(records)) => self.delete_preview(records),
            (Some(_), Err(e)) => self.bulk_failed(&e),
            _ => {}
        }
        Vec::new()
    }

    fn delete_preview(&mut self, records: Vec<Record>) {
        let Some(bulk) = self.bulk.as_ref() else {
            return;
        };
        if records.is_empty() {
            let none = format!(
                "Nothing to delete: {} matched none.",
                bulk.target.describe()
            );
            self.bulk_stage(Stage::Done(vec![none]));
            return;
        }
        let sample = records
            .iter()
            .take(SAMPLE)
            .map(|r| format!("{} ({})", r.name, r.record_type))
            .collect();
        let typed = ask(records.len(), &bulk.target, true);
        self.bulk_stage(Stage::Preview(Box::new(Preview {
            count: records.len(),
            sample,
            name: self.name_field(typed.is_none()),
            protected: self.name_wanted(),
            typed,
            error: None,
            records,
            already: None,
        })));
    }

    pub(crate) fn on_bulk_deleted(
        &mut self,
        ticket: Ticket,
        result: Result<BulkDeleteResult, ApiError>,
    ) -> Vec<Effect> {
        match (self.bulk_awaits(ticket), result) {
            (Some(false), Ok(answer)) => self.delete_done(&answer),
            (Some(_), Err(e)) => self.bulk_failed(&e),
            _ => {}
        }
        Vec::new()
    }

    fn delete_done(&mut self, answer: &BulkDeleteResult) {
        let mut lines = vec![format!("Deleted {} records.", answer.deleted_ids.len())];
        if !answer.not_found_ids.is_empty() {
            lines.push(format!("{} were already gone.", answer.not_found_ids.len()));
        }
        let gone: HashSet<&str> = answer
            .deleted_ids
            .iter()
            .chain(&answer.not_found_ids)
            .map(String::as_str)
            .collect();
        let rows = self.rows();
        self.list.remove_rows(&gone, rows);
        self.selection = Selection::None;
        self.bulk_stage(Stage::Done(lines));
    }
}

/// `ms` since the epoch as the API writes timestamps.
fn rfc3339(ms: i64) -> Option<String> {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()?;
    at.format(&time::format_description::well_known::Rfc3339)
        .ok()
}
