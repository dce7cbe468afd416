//! The journal of writes, as the app sees it: every PUT, POST, DELETE and bulk change the app
//! made, newest first in `:history`, and `:undo` to revert one (with the conflict check: a
//! record changed since is never overwritten). The runtime appends and reads the file.

use super::{App, Effect, Ticket};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One write, as appended to the journal (one JSON object per line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteEntry {
    /// RFC 3339, UTC.
    pub time: String,
    /// The server (profile) it was made on.
    pub profile: String,
    /// `PUT`, `POST`, `DELETE`, `BULK-EDIT` or `BULK-DELETE`.
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub body: Option<Value>,
    /// The records as they were before: in full, or `{id, metadata}` from a bulk edit's diff.
    #[serde(default)]
    pub before: Vec<Value>,
    /// The server's answer (the record written, or the bulk result).
    #[serde(default)]
    pub answer: Option<Value>,
    /// `ok`, `conflict`, or `failed: …`.
    pub outcome: String,
}

impl WriteEntry {
    /// One line for `:history`: when, what, which record, how it went.
    pub fn summary(&self) -> String {
        let name = self
            .before
            .first()
            .or(self.answer.as_ref())
            .or(self.body.as_ref())
            .and_then(|r| r.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let count = match self.method.as_str() {
            "BULK-EDIT" | "BULK-DELETE" => format!(" {} records", self.before.len()),
            _ => String::new(),
        };
        let time = self.time.get(..19).unwrap_or(&self.time).replace('T', " ");
        format!(
            "{time}  {:<11} {name}{count}  · {}",
            self.method, self.outcome
        )
    }

    /// The record it concerns (single-record writes), for Enter.
    pub fn record_id(&self) -> Option<&str> {
        self.answer
            .as_ref()
            .or(self.before.first())
            .and_then(|r| r.get("id"))
            .and_then(Value::as_str)
    }

    pub fn succeeded(&self) -> bool {
        self.outcome == "ok"
    }
}

/// The `:history` screen: entries newest first, one selected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryView {
    pub entries: Vec<WriteEntry>,
    pub selected: usize,
    pub loading: Option<Ticket>,
    /// `u` was pressed once on this entry: a second `u` undoes it (an undo can delete).
    pub confirm: Option<usize>,
}

impl App {
    /// `:history`: loads the journal (newest first) into its screen.
    pub(super) fn open_history(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        self.journal_view = Some(HistoryView {
            loading: Some(ticket),
            ..HistoryView::default()
        });
        vec![Effect::LoadWrites { ticket }]
    }

    pub(super) fn on_writes_loaded(
        &mut self,
        ticket: Ticket,
        result: Result<Vec<WriteEntry>, String>,
    ) -> Vec<Effect> {
        let Some(h) = self
            .journal_view
            .as_mut()
            .filter(|h| h.loading == Some(ticket))
        else {
            return Vec::new();
        };
        h.loading = None;
        match result {
            Ok(mut entries) => {
                entries.reverse();
                h.entries = entries;
            }
            Err(e) => {
                self.notice = Some(format!("Cannot read the journal of writes: {e}"));
                self.undo_newest = false;
            }
        }
        if std::mem::take(&mut self.undo_newest) {
            return self.undo_selected();
        }
        Vec::new()
    }

    /// Keys on the history screen: move, Enter opens the record, `u` undoes, Esc closes.
    pub(super) fn on_history_key(&mut self, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        use crossterm::event::KeyCode;
        if key.code == KeyCode::Char('c')
            && key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
        {
            return self.interrupt();
        }
        let Some(h) = self.journal_view.as_mut() else {
            return Vec::new();
        };
        let last = h.entries.len().saturating_sub(1);
        let confirm = h.confirm.take();
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => h.selected = (h.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => h.selected = h.selected.saturating_sub(1),
            KeyCode::PageDown => h.selected = (h.selected + 10).min(last),
            KeyCode::PageUp => h.selected = h.selected.saturating_sub(10),
            KeyCode::End | KeyCode::Char('G') => h.selected = last,
            KeyCode::Home | KeyCode::Char('g') => h.selected = 0,
            KeyCode::Char('u') if confirm != Some(h.selected) => {
                if let Some(e) = h.entries.get(h.selected) {
                    h.confirm = Some(h.selected);
                    self.notice = Some(format!("u again undoes: {}", e.summary()));
                }
            }
            KeyCode::Esc | KeyCode::Char('q') => self.journal_view = None,
            KeyCode::Enter => {
                let id = h.entries.get(h.selected).and_then(|e| e.record_id());
                if let Some(id) = id.map(str::to_owned) {
                    self.journal_view = None;
                    return self.open_by_id(&id);
                }
            }
            KeyCode::Char('u') => return self.undo_selected(),
            _ => {}
        }
        Vec::new()
    }

    /// `:undo` (or `u` on the history screen): reverts the selected entry, or the newest.
    pub(super) fn undo_selected(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("undoing") {
            return Vec::new();
        }
        let entry = match &self.journal_view {
            Some(h) => h.entries.get(h.selected).cloned(),
            None => None,
        };
        let Some(entry) = entry else {
            if self
                .journal_view
                .as_ref()
                .is_some_and(|h| h.loading.is_none())
            {
                self.notice = Some("The journal of writes is empty: nothing to undo.".into());
                return Vec::new();
            }
            // Without the screen, the newest write: load the journal first, then undo it.
            self.undo_newest = true;
            return self.open_history();
        };
        if !entry.succeeded() {
            self.notice = Some("That write did not happen: nothing to undo.".into());
            return Vec::new();
        }
        let ticket = self.ticket();
        self.notice = Some(format!("Undoing: {}", entry.summary()));
        let undo = vec![Effect::Undo {
            ticket,
            entry: Box::new(entry),
        }];
        self.journal_view = None;
        self.confirmed_write(undo)
    }

    pub(super) fn on_undone(&mut self, result: Result<String, String>) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(done) => done,
            Err(why) => format!("Not undone: {why}"),
        });
        // The list shows the server again (a record may be back, gone or changed).
        self.journal_view = None;
        vec![self.load_first_page()]
    }
}

#[cfg(test)]
mod tests;
