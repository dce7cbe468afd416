//! Bulk changes as a state machine: `:set`/`:unset` preview with a `bulk-edit` dry run and
//! apply with one `bulk-edit`; `:delete` previews the records that go and sends one
//! `bulk-delete`. Large or filter-wide changes are confirmed by typing the count.

mod outcome;

use super::form::TextField;
use super::selection::Selection;
use super::set_expr::Assignment;
use super::{App, Effect, Ticket};
use crate::api::filter::{Condition, Op as FilterOp};
use crate::api::ops::BulkEditRequest;
use crate::api::types::Metadata;
use crate::api::{Record, RecordFilter};
use std::collections::BTreeMap;

/// Above this many records Enter is not enough: the count has to be typed.
pub const TYPE_COUNT_ABOVE: usize = 100;

/// What the bulk command does.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Edit {
        updates: Metadata,
        delete: Vec<String>,
    },
    Delete,
}

/// Which records it does it to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// id -> type.
    Ids(BTreeMap<String, String>),
    Matching {
        filter: RecordFilter,
        text: String,
    },
}

/// The preview: how many, a sample, and how to confirm.
#[derive(Debug, Clone)]
pub struct Preview {
    pub count: usize,
    /// A few lines of what changes (`name: status open → solved`) or what goes.
    pub sample: Vec<String>,
    /// The count must be typed here to apply (many records, a filter, or any delete).
    pub typed: Option<TextField>,
    /// Why the last Enter did not apply.
    pub error: Option<String>,
    /// On a protected profile, the name that must be typed before this change applies.
    pub protected: Option<String>,
    /// Where that name is typed: shown at once, or after the count when both are asked.
    pub name: Option<TextField>,
    /// Edit: how many of them already hold what is asked (the request still touches them).
    pub already: Option<usize>,
    /// Delete: the records that go, in full.
    pub records: Vec<Record>,
}

#[derive(Debug, Clone)]
pub enum Stage {
    /// The dry run (edit) or the collection of records (delete) is on its way.
    Previewing(Ticket),
    Preview(Box<Preview>),
    /// The real request is out; it cannot be called back.
    Applying(Ticket),
    /// The summary: what happened, one line each.
    Done(Vec<String>),
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Bulk {
    pub op: Op,
    pub target: Target,
    pub stage: Stage,
}

impl Target {
    pub fn describe(&self) -> String {
        match self {
            Target::Ids(ids) if ids.len() == 1 => "1 record".to_owned(),
            Target::Ids(ids) => format!("{} selected records", ids.len()),
            Target::Matching { text, .. } => format!("every record matching {text}"),
        }
    }

    /// The `bulk-edit` selector: the ids, or the filter itself (never expanded to ids).
    fn edit_request(
        &self,
        updates: &Metadata,
        delete: &[String],
        dry_run: bool,
    ) -> BulkEditRequest {
        let (record_ids, record_filter) = match self {
            Target::Ids(ids) => (Some(ids.keys().cloned().collect()), None),
            Target::Matching { filter, .. } => (None, Some(filter.clone())),
        };
        BulkEditRequest {
            record_ids,
            record_filter,
            updates: (!updates.is_empty()).then(|| updates.clone()),
            delete_fields: (!delete.is_empty()).then(|| delete.to_vec()),
            dry_run: Some(dry_run),
            ..BulkEditRequest::default()
        }
    }

    /// Filters that list the target's records: the filter, or per type `id in [...]`
    /// (the API's filter always searches one type).
    fn filters(&self) -> Vec<RecordFilter> {
        match self {
            Target::Matching { filter, .. } => vec![filter.clone()],
            Target::Ids(ids) => {
                let mut by_type: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for (id, kind) in ids {
                    by_type.entry(kind).or_default().push(id);
                }
                by_type
                    .into_iter()
                    .map(|(kind, ids)| {
                        RecordFilter::of_type(kind).with_where(Condition::new(
                            "id",
                            FilterOp::In,
                            ids,
                        ))
                    })
                    .collect()
            }
        }
    }
}

impl App {
    /// What a bulk command acts on: the selection, else the current row.
    fn bulk_target(&self) -> Option<Target> {
        match &self.selection {
            Selection::Ids { ids, .. } if !ids.is_empty() => Some(Target::Ids(ids.clone())),
            Selection::Matching { filter, text, .. } => Some(Target::Matching {
                filter: filter.clone(),
                text: text.clone(),
            }),
            _ => {
                let row = self.detail.as_ref().map_or_else(
                    || self.list.selected_record().cloned(),
                    |d| Some(d.summary.clone()),
                )?;
                let one = BTreeMap::from([(row.id.to_string(), row.record_type.to_string())]);
                Some(Target::Ids(one))
            }
        }
    }

    /// `:set` and `:unset`: asks for the dry run first.
    pub(super) fn start_edit(&mut self, set: Vec<Assignment>, unset: Vec<String>) -> Vec<Effect> {
        if self.refuse_read_only("changing records in bulk") {
            return Vec::new();
        }
        let Some(target) = self.bulk_target() else {
            self.notice = Some("Nothing to change: the list is empty".into());
            return Vec::new();
        };
        let updates: Metadata = set.into_iter().map(|a| (a.key, a.value)).collect();
        let request = target.edit_request(&updates, &unset, true);
        let ticket = self.ticket();
        self.bulk = Some(Bulk {
            op: Op::Edit {
                updates,
                delete: unset,
            },
            target,
            stage: Stage::Previewing(ticket),
        });
        vec![Effect::BulkEdit {
            ticket,
            request: Box::new(request),
        }]
    }

    /// `:delete`: fetches what would go, in full, for the preview (and the journal).
    pub(super) fn start_delete(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("deleting in bulk") {
            return Vec::new();
        }
        let Some(target) = self.bulk_target() else {
            self.notice = Some("Nothing to delete: the list is empty".into());
            return Vec::new();
        };
        let ticket = self.ticket();
        let filters = target.filters();
        self.bulk = Some(Bulk {
            op: Op::Delete,
            target,
            stage: Stage::Previewing(ticket),
        });
        vec![Effect::CollectRecords { ticket, filters }]
    }

    /// Enter on the preview: applies it if the count was typed where it must be.
    pub(super) fn confirm_bulk(&mut self) -> Vec<Effect> {
        let Some(bulk) = self.bulk.as_mut() else {
            return Vec::new();
        };
        let Stage::Preview(preview) = &mut bulk.stage else {
            if matches!(bulk.stage, Stage::Done(_) | Stage::Failed(_)) {
                self.bulk = None;
            }
            return Vec::new();
        };
        if let Some(field) = &preview.typed
            && field.text().trim() != preview.count.to_string()
        {
            preview.error = Some(format!("Type {} to apply, or Esc", preview.count));
            return Vec::new();
        }
        if let Some(want) = preview.protected.clone() {
            match &preview.name {
                None => {
                    preview.name = Some(TextField::new("", false));
                    preview.error = None;
                    return Vec::new();
                }
                Some(typed) if typed.text() != want => {
                    preview.error = Some(format!(
                        "That is not {want}: type it exactly to apply, or Esc"
                    ));
                    return Vec::new();
                }
                Some(_) => self.profile_confirmed = true,
            }
        }
        let ticket = self.ticket();
        let Some(bulk) = self.bulk.as_mut() else {
            return Vec::new();
        };
        let effect = match (&bulk.op, &bulk.stage) {
            (Op::Edit { updates, delete }, _) => Effect::BulkEdit {
                ticket,
                request: Box::new(bulk.target.edit_request(updates, delete, false)),
            },
            (Op::Delete, Stage::Preview(p)) => Effect::BulkDelete {
                ticket,
                ids: p.records.iter().map(|r| r.id.clone()).collect(),
                before: p.records.clone(),
            },
            (Op::Delete, _) => return Vec::new(),
        };
        bulk.stage = Stage::Applying(ticket);
        vec![effect]
    }

    /// Esc: leaves the preview or the summary; a request already sent cannot be recalled,
    /// so its outcome stays on screen.
    pub(super) fn close_bulk(&mut self) -> Vec<Effect> {
        if !matches!(
            self.bulk.as_ref().map(|b| &b.stage),
            Some(Stage::Applying(_))
        ) {
            self.bulk = None;
        }
        Vec::new()
    }

    /// Keys while a bulk change or the clear question is on screen.
    pub(super) fn on_confirm_key(
        &mut self,
        action: Option<super::Action>,
        key: crossterm::event::KeyEvent,
    ) -> Vec<Effect> {
        use super::Action;
        if self.ask_clear.is_some() {
            match action {
                Some(Action::Open) => {
                    self.selection = Selection::None;
                    self.ask_clear = None;
                }
                Some(Action::Back) => self.ask_clear = None,
                Some(Action::Interrupt) => return self.interrupt(),
                _ => {}
            }
            return Vec::new();
        }
        match action {
            Some(Action::Interrupt) => self.interrupt(),
            Some(Action::Open) => self.confirm_bulk(),
            Some(Action::Back) => self.close_bulk(),
            _ => self.bulk_typed(key),
        }
    }

    /// Keys typed while the preview waits for the count.
    pub(super) fn bulk_typed(&mut self, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        if let Some(Stage::Preview(p)) = self.bulk.as_mut().map(|b| &mut b.stage)
            && let Some(field) = p.name.as_mut().or(p.typed.as_mut())
            && field.input(key)
        {
            p.error = None;
        }
        Vec::new()
    }

    /// The current bulk stage waits for this ticket.
    fn bulk_awaits(&self, ticket: Ticket) -> Option<bool> {
        match self.bulk.as_ref().map(|b| &b.stage) {
            Some(Stage::Previewing(t)) if *t == ticket => Some(true),
            Some(Stage::Applying(t)) if *t == ticket => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
