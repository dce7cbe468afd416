//! The answers triage waits for: fetched tickets, landed or refused actions (merged on a
//! conflict as the form merges), and whether a worked ticket still matches the filter.

use super::State;
use super::flow::send;
use crate::api::{ApiError, Record};
use crate::app::form::Form;
use crate::app::{App, Effect, SaveError, Ticket};

impl App {
    pub(in crate::app) fn on_triage_record(
        &mut self,
        ticket: Ticket,
        result: Result<Record, ApiError>,
    ) -> Vec<Effect> {
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let Some(i) = t.items.iter().position(|i| i.loading == Some(ticket)) else {
            return Vec::new();
        };
        let item = &mut t.items[i];
        item.loading = None;
        match result {
            Ok(record) => {
                self.list.replace(&record);
                item.record = Some(record);
            }
            Err(e) => {
                item.load_error = Some(e.to_string());
                if i == t.at && !t.held.is_empty() {
                    t.held.clear();
                    self.notice = Some(
                        "The ticket could not be loaded; the keys typed for it were not applied."
                            .into(),
                    );
                }
            }
        }
        Vec::new()
    }

    pub(in crate::app) fn on_triage_saved(
        &mut self,
        ticket: Ticket,
        result: Result<Record, SaveError>,
    ) -> Vec<Effect> {
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let Some(i) = t
            .items
            .iter()
            .position(|it| matches!(&it.state, State::Sending { ticket: s, .. } if *s == ticket))
        else {
            return Vec::new();
        };
        let State::Sending {
            what, form, undo, ..
        } = std::mem::replace(&mut t.items[i].state, State::Waiting)
        else {
            return Vec::new();
        };
        let effects = match result {
            Ok(record) => self.triage_landed(i, what, undo, record),
            Err(SaveError::Conflict { theirs }) => {
                self.triage_conflict(i, what, *form, undo, *theirs)
            }
            Err(SaveError::Api(e)) => self.triage_failed(i, what, undo, &e),
        };
        self.triage_settle();
        effects
    }

    fn triage_landed(&mut self, i: usize, what: String, undo: bool, record: Record) -> Vec<Effect> {
        self.list.replace(&record);
        let ticket = self.ticket();
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let query = t.match_query(&record);
        let id = record.id.clone();
        t.items[i].record = Some(record);
        if undo {
            let what = what.strip_prefix("undo ").unwrap_or(&what);
            self.notice = Some(format!("Undone: {what}."));
            return Vec::new();
        }
        t.items[i].state = State::Done { what };
        t.done += 1;
        let mut effects: Vec<Effect> = Vec::new();
        if let Some(query) = query {
            t.checks.push((ticket, id.clone()));
            effects.push(Effect::CheckMatch {
                ticket,
                id: id.clone(),
                query: Box::new(query),
            });
        }
        let mut undo_now = false;
        if let Some(l) = t.last.as_mut().filter(|l| l.id == id) {
            l.after = t.items[i].record.clone();
            undo_now = l.undo_when_landed;
        }
        if undo_now {
            effects.extend(self.triage_undo());
        }
        effects
    }

    /// Somebody saved the ticket since it was shown: their changes are merged as the form
    /// merges them; with nothing both sides changed the merge is sent, otherwise it fails.
    fn triage_conflict(
        &mut self,
        i: usize,
        what: String,
        mut form: Form,
        undo: bool,
        theirs: Record,
    ) -> Vec<Effect> {
        self.list.replace(&theirs);
        let ticket = self.ticket();
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let both = form.merge_theirs(&theirs);
        let item = &mut t.items[i];
        item.record = Some(theirs);
        item.merges = item.merges.saturating_add(1);
        if item.merges > super::MAX_MERGES {
            item.state = State::Failed {
                why: format!(
                    "saved by somebody else {} times while this was sent; look at it and act again",
                    item.merges
                ),
                what,
            };
            return Vec::new();
        }
        if both > 0 {
            let fields: Vec<String> = form.conflicts.values().map(|c| c.theirs.clone()).collect();
            item.state = State::Failed {
                why: format!(
                    "changed on the server meanwhile (now {}); nothing was sent",
                    fields.join(", ")
                ),
                what,
            };
            return Vec::new();
        }
        self.notice = Some(format!(
            "{what}: the ticket changed meanwhile; merged and sent again."
        ));
        send(ticket, &mut item.state, what, form, undo)
    }

    fn triage_failed(&mut self, i: usize, what: String, undo: bool, e: &ApiError) -> Vec<Effect> {
        let why = if e.status() == Some(401) {
            crate::app::key_rejected(self.key_source.as_deref())
        } else {
            e.to_string()
        };
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let name = t.items[i].summary.name.to_string();
        if undo {
            t.done += 1;
            t.items[i].state = State::Done {
                what: format!("{what} failed: {why}"),
            };
        } else {
            if t.last.as_ref().is_some_and(|l| l.undo_when_landed) {
                t.last = None;
            }
            t.items[i].state = State::Failed {
                what: what.clone(),
                why: why.clone(),
            };
        }
        if t.closed {
            self.notice = Some(format!("Triage: {what} on “{name}” was not saved: {why}"));
        }
        Vec::new()
    }

    pub(in crate::app) fn on_triage_match(
        &mut self,
        ticket: Ticket,
        id: &str,
        still: Result<bool, ApiError>,
    ) -> Vec<Effect> {
        if let Some(t) = self.triage.as_mut() {
            t.checks.retain(|(c, _)| *c != ticket);
            let leaves = matches!(still, Ok(false));
            if let Some(i) = t.index_of(id).filter(|&i| leaves && i != t.at)
                && matches!(t.items[i].state, State::Done { .. })
            {
                t.remove(i);
            }
        }
        self.triage_settle();
        Vec::new()
    }

    /// A closed triage is forgotten once nothing of it is in flight.
    fn triage_settle(&mut self) {
        if self
            .triage
            .as_ref()
            .is_some_and(|t| t.closed && t.sending() == 0 && t.checks.is_empty())
        {
            self.triage = None;
        }
    }

    /// A save from the full form (`e`) landed: the queue shows the ticket as saved.
    pub(in crate::app) fn triage_observe(&mut self, record: &Record) {
        if let Some(t) = self.triage.as_mut()
            && let Some(i) = t.index_of(&record.id)
        {
            t.items[i].record = Some(record.clone());
        }
    }
}
