//! After a 409 on save: which record already has the form's (type, name), and opening it.

use super::row::RowPage;
use super::{Action, AfterGuard, App, Context, Effect, Ticket};
use crate::api::filter::{Condition, Op};
use crate::api::{ApiError, ListQuery, RecordFilter, RecordFilters};

/// The lookup of the record a save clashed with, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub ticket: Ticket,
    /// The form the 409 answered (a lookup for a closed form is dropped).
    pub form_id: String,
    pub record_type: String,
    pub name: String,
    /// The id of the record that has the pair, once found.
    pub found: Option<String>,
}

impl App {
    /// A 409 just failed the open form's save: look up who holds its (type, name).
    pub(super) fn look_up_clash(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let save = self.keymap.say(Action::Save, Context::Form);
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let (record_type, name) = (form.record_type.text(), form.name.text());
        form.banner = Some(format!(
            "Not saved: another record of type “{record_type}” is already named “{name}” (409); \
             looking it up… Change the name or the type, then {save}."
        ));
        // Exact on the server (the plain `name` parameter may match partially), and checked
        // again here when the answer comes.
        let exact = RecordFilter::of_type(record_type.clone()).with_where(Condition::new(
            "name",
            Op::Eq,
            name.clone(),
        ));
        let query = ListQuery {
            filters: RecordFilters {
                record_type: Some(record_type.clone()),
                record_filter: Some(exact),
                ..RecordFilters::default()
            },
            limit: Some(5),
            ..ListQuery::default()
        };
        self.clash = Some(Clash {
            ticket,
            form_id: form.id.clone(),
            record_type,
            name,
            found: None,
        });
        self.notice = form.banner.clone();
        vec![Effect::LoadPage {
            ticket,
            query: Box::new(query),
        }]
    }

    /// True when `ticket` is the clash lookup's (its page is not the list's).
    pub(super) fn awaits_clash(&self, ticket: Ticket) -> bool {
        self.clash.as_ref().is_some_and(|c| c.ticket == ticket)
    }

    pub(super) fn on_clash_page(&mut self, result: Result<RowPage, ApiError>) -> Vec<Effect> {
        let Some(clash) = self.clash.as_mut() else {
            return Vec::new();
        };
        let Some(form) = self.form.as_mut().filter(|f| f.id == clash.form_id) else {
            self.clash = None;
            return Vec::new();
        };
        let pair = format!("type “{}”, name “{}”", clash.record_type, clash.name);
        let save = self.keymap.say(Action::Save, Context::Form);
        let holder = result.as_ref().ok().and_then(|page| {
            page.rows
                .iter()
                .find(|r| *r.name == *clash.name && *r.record_type == *clash.record_type)
        });
        let banner = match (holder, &result) {
            (Some(row), _) => {
                clash.found = Some(row.id.to_string());
                let open = self.keymap.say(Action::OpenClash, Context::Form);
                format!(
                    "Not saved: record {} already has {pair} (409). {open} opens it; or change \
                     the name or the type, then {save}.",
                    row.id
                )
            }
            (None, Err(e)) => format!(
                "Not saved: another record already has {pair} (409); looking it up failed \
                 ({e}). Change the name or the type, then {save}."
            ),
            (None, Ok(_)) => format!(
                "Not saved: the server says another record has {pair} (409), but none is \
                 listed (deleted since?). {save} tries again."
            ),
        };
        form.banner = Some(banner);
        self.notice = form.banner.clone();
        Vec::new()
    }

    /// The form's verb: leave it (asking first if it has edits) and open the record found.
    pub(super) fn open_clash(&mut self) -> Vec<Effect> {
        let found = self
            .clash
            .as_ref()
            .filter(|c| self.form.as_ref().is_some_and(|f| f.id == c.form_id))
            .and_then(|c| c.found.clone());
        let Some(id) = found else {
            self.notice =
                Some("No record to open: this only follows a name-and-type clash (409).".into());
            return Vec::new();
        };
        self.pending_open = Some(id);
        self.leave_form(AfterGuard::OpenClash)
    }

    /// After the form is gone: the detail view of the record it clashed with.
    pub(super) fn finish_open_clash(&mut self) -> Vec<Effect> {
        self.form = None;
        self.detail = None;
        self.clash = None;
        match self.pending_open.take() {
            Some(id) => self.open_by_id(&id),
            None => Vec::new(),
        }
    }
}
