//! Creating and deleting one record: `n` / `:new [TYPE] [--copy]` open an empty form (or a
//! copy of the selected record) that `Ctrl-S` creates; `D` deletes after a `y`.

use super::effect::SaveError;
use super::form::{Form, SaveStatus};
use super::{App, Effect, Ticket};
use crate::api::{ApiError, Record};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The delete question, then the delete in flight (which blocks nothing: the dialog closes
/// at `y` and the status line says when it is done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteAsk {
    pub id: String,
    pub name: String,
    pub record_type: String,
    /// Set once `y` sent the request.
    pub sent: Option<Ticket>,
}

impl DeleteAsk {
    /// True while the question waits for its answer.
    pub fn asking(&self) -> bool {
        self.sent.is_none()
    }
}

impl App {
    /// A placeholder id for a record not created yet (drafts are filed under it).
    fn new_id(&mut self) -> String {
        format!("new-{}", self.ticket().0)
    }

    /// `n` / `:new [TYPE]`: an empty form, of the type given or the type filter in effect.
    pub(super) fn open_new(&mut self, record_type: Option<String>) -> Vec<Effect> {
        if self.refuse_read_only("creating a record") {
            return Vec::new();
        }
        let record_type = record_type
            .or_else(|| self.list.filter.record_type.clone())
            .unwrap_or_default();
        let id = self.new_id();
        self.detail = None;
        self.form = Some(Box::new(Form::blank(&id, &record_type)));
        let save = self.keymap.say(super::Action::Save, super::Context::Form);
        self.notice = Some(format!("New record: {save} creates it."));
        Vec::new()
    }

    /// `:new --copy`: the selected record is fetched whole, then copied into a new form.
    pub(super) fn open_new_copy(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("creating a record") {
            return Vec::new();
        }
        let effects = self.open_detail();
        if let Some(d) = self.detail.as_mut() {
            d.copy_when_loaded = true;
        }
        effects
    }

    pub(super) fn open_copy(&mut self, source: &Record) -> Vec<Effect> {
        let id = self.new_id();
        self.form = Some(Box::new(Form::copy_of(&id, source)));
        let save = self.keymap.say(super::Action::Save, super::Context::Form);
        self.notice = Some(format!("A copy, not saved yet: {save} creates it."));
        Vec::new()
    }

    /// Ctrl-S on a new record: one POST, never retried.
    pub(super) fn create(&mut self, ticket: Ticket) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let Some(record) = form.new_record() else {
            return Vec::new();
        };
        form.status = SaveStatus::Saving(ticket);
        form.sent = form.intent().map(Box::new);
        form.banner = None;
        self.notice = Some("Creating…".into());
        vec![Effect::CreateRecord {
            ticket,
            record: Box::new(record),
        }]
    }

    /// The POST's answer. A created record is from then on edited like any other: the form
    /// takes its id, the list shows it first, and the answer is handled as a save's.
    pub(super) fn on_created(
        &mut self,
        ticket: Ticket,
        result: Result<Record, ApiError>,
    ) -> Vec<Effect> {
        let current = self
            .form
            .as_ref()
            .is_some_and(|f| f.creating && f.status == SaveStatus::Saving(ticket));
        let Ok(record) = result else {
            let id = self.form.as_ref().map(|f| f.id.clone()).unwrap_or_default();
            return self.on_saved(ticket, &id, result.map_err(SaveError::Api));
        };
        self.list.insert_first(&record);
        let mut effects = Vec::new();
        if let Some(form) = self.form.as_mut().filter(|_| current) {
            // The draft was filed under the placeholder id.
            if form.journaled {
                effects.push(Effect::DeleteDraft {
                    id: form.id.clone(),
                });
            }
            form.id = record.id.clone();
            form.creating = false;
        }
        effects.extend(self.on_saved(ticket, &record.id.clone(), Ok(record)));
        if self.notice.as_deref() == Some("Saved.") {
            self.notice = Some("Created.".into());
        }
        effects
    }

    /// A 404 for a record: someone deleted it elsewhere. Its row leaves the list; returns
    /// the name it had there, for saying so.
    pub(super) fn deleted_elsewhere(&mut self, id: &str) -> Option<String> {
        let name = self
            .list
            .records
            .iter()
            .find(|r| &*r.id == id)
            .map(|r| r.name.to_string());
        self.remove_row(id);
        name
    }

    fn remove_row(&mut self, id: &str) {
        let rows = self.rows();
        self.list
            .remove_rows(&std::collections::HashSet::from([id]), rows);
    }

    /// `D` (or `:delete` with nothing selected): asks with the record's name and type; only
    /// `y` deletes. With a selection, `D` is the bulk delete of the selection.
    pub(super) fn ask_delete(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("deleting") {
            return Vec::new();
        }
        if !self.selection.is_empty() && self.detail.is_none() {
            return self.start_delete();
        }
        let row = match &self.detail {
            Some(d) => Some(d.summary.clone()),
            None => self.list.selected_record().cloned(),
        };
        let Some(row) = row else {
            return Vec::new();
        };
        self.delete = Some(DeleteAsk {
            id: row.id.to_string(),
            name: row.name.to_string(),
            record_type: row.record_type.to_string(),
            sent: None,
        });
        Vec::new()
    }

    pub(super) fn on_delete_answer(&mut self, key: KeyEvent) -> Vec<Effect> {
        let yes = key.code == KeyCode::Char('y') && !key.modifiers.contains(KeyModifiers::CONTROL);
        if !yes {
            self.delete = None;
            self.notice = Some("Nothing was deleted.".into());
            return Vec::new();
        }
        let ticket = self.ticket();
        let Some(ask) = self.delete.as_mut() else {
            return Vec::new();
        };
        ask.sent = Some(ticket);
        self.notice = Some(format!("Deleting “{}”…", ask.name));
        let delete = vec![Effect::DeleteRecord {
            ticket,
            id: ask.id.clone(),
        }];
        self.confirmed_write(delete)
    }

    pub(super) fn on_deleted(
        &mut self,
        ticket: Ticket,
        id: &str,
        result: Result<(), ApiError>,
    ) -> Vec<Effect> {
        let name = match self.delete.take() {
            Some(ask) if ask.sent == Some(ticket) => ask.name,
            other => {
                self.delete = other;
                id.to_owned()
            }
        };
        match result {
            Ok(()) => {
                self.remove_row(id);
                if self.detail.as_ref().is_some_and(|d| d.id == id) {
                    self.detail = None;
                }
                self.notice = Some(format!("Deleted “{name}”."));
            }
            // Someone deleted it first: gone either way.
            Err(e) if e.status() == Some(404) => {
                self.remove_row(id);
                self.notice = Some(format!("“{name}” was already deleted on the server."));
            }
            Err(e) => self.notice = Some(format!("Not deleted: “{name}”: {e}")),
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
