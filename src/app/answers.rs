//! The answers to the list's page requests and to the open record's fetch: rows merged
//! and sorted, the form opened or the copy made once the record is here, a 404 explained.

use super::remote::Remote;
use super::row::RowPage;
use super::{App, Effect, Ticket, refuses_limit};
use crate::api::{ApiError, Record};

impl App {
    pub(super) fn on_page(
        &mut self,
        ticket: Ticket,
        result: Result<RowPage, ApiError>,
    ) -> Vec<Effect> {
        if self.awaits_clash(ticket) {
            return self.on_clash_page(result);
        }
        if !self.list.load.awaits(ticket) {
            return Vec::new();
        }
        match result {
            Ok(page) => {
                let at_top = self.list.selected == 0;
                let added = self.list.accept(page);
                let rows = self.rows();
                self.list.apply_sort(rows);
                // A first page sorted under a cursor that never moved starts at the top,
                // not on whichever record the server happened to send first.
                if at_top && added == self.list.records.len() {
                    self.list.selected = 0;
                }
                self.list.scroll_into_view(rows);
                if added == 0 {
                    self.list.to_end = false;
                }
                self.follow_to_end();
                // A page that brought nothing new is not followed by another on its own:
                // at most one request per page the user scrolls towards.
                if added == 0 {
                    return Vec::new();
                }
                let mut effects = self.triage_page_arrived();
                if !self.list.load.is_loading() {
                    effects.extend(self.load_next_page());
                }
                effects
            }
            Err(e) if refuses_limit(&e) && self.list.smaller_page_size().is_some() => {
                self.reload_same_page()
            }
            Err(e) => {
                self.list.to_end = false;
                self.reopen_refused_filter(&e);
                self.list.fail(e);
                Vec::new()
            }
        }
    }

    pub(super) fn on_record(
        &mut self,
        ticket: Ticket,
        result: Result<Record, ApiError>,
    ) -> Vec<Effect> {
        let Some(d) = self.detail.as_mut().filter(|d| d.load.awaits(ticket)) else {
            return Vec::new();
        };
        match result {
            Ok(record) => {
                d.load = Remote::Loaded(());
                d.record = Some(record.clone());
                let edit = std::mem::take(&mut d.edit_when_loaded);
                let typed = std::mem::take(&mut d.typed_ahead);
                let copy = std::mem::take(&mut d.copy_when_loaded);
                let yank = std::mem::take(&mut d.yank_when_loaded);
                self.list.replace(&record);
                if copy {
                    self.detail = None;
                    return self.open_copy(&record);
                }
                if edit {
                    let mut effects = self.open_form(&record);
                    for msg in typed {
                        effects.extend(super::update(self, msg));
                    }
                    return effects;
                }
                if yank {
                    return self.copy_json();
                }
            }
            Err(e) if e.status() == Some(404) => {
                let id = d.id.clone();
                d.load = Remote::Failed(e);
                d.edit_when_loaded = false;
                // Opened by id (`:open`, a pasted id) and never listed: it did not exist.
                let Some(name) = self.deleted_elsewhere(&id) else {
                    self.detail = None;
                    self.notice = Some(format!("No record with id {id} on the server (404)."));
                    return Vec::new();
                };
                self.notice = Some(format!(
                    "“{name}” was deleted on the server (404); it has left the list."
                ));
            }
            Err(e) => {
                d.load = Remote::Failed(e);
                d.edit_when_loaded = false;
                let typed = std::mem::take(&mut d.typed_ahead);
                if !typed.is_empty() {
                    self.notice = Some(format!(
                        "The record could not be opened; what you typed was not applied: {}",
                        super::input::typed_text(&typed)
                    ));
                }
            }
        }
        Vec::new()
    }
}
