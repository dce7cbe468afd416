//! Which records a bulk command acts on: a set of ids (Space, `V`, `*`) or every record
//! matching a filter (`:select all`). Never row indices: rows move when pages arrive or the
//! list is sorted, ids and filters do not.

use super::list::ActiveFilter;
use super::{App, Effect};
use crate::api::RecordFilter;
use std::collections::BTreeMap;

/// Clearing more than this many selected records asks first.
pub const ASK_BEFORE_CLEARING: u64 = 10;

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Selection {
    #[default]
    None,
    /// Records picked one by one: id -> type (a bulk delete lists them per type).
    Ids {
        ids: BTreeMap<String, String>,
        /// The record toggled last, where `V` extends from.
        anchor: Option<String>,
    },
    /// Every record the filter matches on the server, whether loaded or not.
    Matching {
        filter: RecordFilter,
        /// The `:filter` line (or the type) it came from, for the title.
        text: String,
        /// The server's total when the selection was made.
        count: Option<u64>,
    },
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        match self {
            Selection::None => true,
            Selection::Ids { ids, .. } => ids.is_empty(),
            Selection::Matching { .. } => false,
        }
    }

    /// How many records are selected, when known.
    pub fn count(&self) -> Option<u64> {
        match self {
            Selection::None => Some(0),
            Selection::Ids { ids, .. } => Some(ids.len() as u64),
            Selection::Matching { count, .. } => *count,
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        match self {
            Selection::None => false,
            Selection::Ids { ids, .. } => ids.contains_key(id),
            Selection::Matching { .. } => true,
        }
    }

    /// For the title: `3 selected`, `all 120 matching selected`.
    pub fn label(&self) -> Option<String> {
        match self {
            Selection::None => None,
            Selection::Ids { ids, .. } if ids.is_empty() => None,
            Selection::Ids { ids, .. } => Some(format!("{} selected", ids.len())),
            Selection::Matching { text, count, .. } => Some(match count {
                Some(n) => format!("all {n} matching {text} selected"),
                None => format!("all matching {text} selected"),
            }),
        }
    }

    /// Changes the id set, starting one when there is none (a filter selection gives way).
    fn edit_ids(&mut self, edit: impl FnOnce(&mut BTreeMap<String, String>, &mut Option<String>)) {
        match self {
            Selection::Ids { ids, anchor } => edit(ids, anchor),
            other => {
                let (mut ids, mut anchor) = (BTreeMap::new(), None);
                edit(&mut ids, &mut anchor);
                *other = Selection::Ids { ids, anchor };
            }
        }
    }
}

impl App {
    /// Space: marks or unmarks the current row.
    pub(super) fn toggle_mark(&mut self) -> Vec<Effect> {
        let Some(row) = self.list.selected_record() else {
            return Vec::new();
        };
        let (id, kind) = (row.id.to_string(), row.record_type.to_string());
        self.selection.edit_ids(|ids, anchor| {
            if ids.remove(&id).is_none() {
                ids.insert(id.clone(), kind);
            }
            *anchor = Some(id);
        });
        self.list_move(1)
    }

    /// `V`: marks every row between the last toggled one and the current one.
    pub(super) fn extend_mark(&mut self) -> Vec<Effect> {
        let anchor = match &self.selection {
            Selection::Ids {
                anchor: Some(a), ..
            } => a.clone(),
            _ => return self.toggle_mark(),
        };
        let here = self.list.selected;
        let Some(from) = (0..self.list.len())
            .find(|&i| self.list.row(i).is_some_and(|r| *r.id == *anchor.as_str()))
        else {
            return self.toggle_mark();
        };
        let picked: Vec<(String, String)> = (from.min(here)..=from.max(here))
            .filter_map(|i| self.list.row(i))
            .map(|r| (r.id.to_string(), r.record_type.to_string()))
            .collect();
        let here = self.list.selected_record().map(|r| r.id.to_string());
        self.selection.edit_ids(|ids, anchor| {
            ids.extend(picked);
            *anchor = here;
        });
        Vec::new()
    }

    /// `*`: marks every loaded row the list shows.
    pub(super) fn mark_all_loaded(&mut self) -> Vec<Effect> {
        let picked: Vec<(String, String)> = (0..self.list.len())
            .filter_map(|i| self.list.row(i))
            .map(|r| (r.id.to_string(), r.record_type.to_string()))
            .collect();
        self.selection.edit_ids(|ids, _| ids.extend(picked));
        Vec::new()
    }

    /// `:select all`: the filter in effect, kept as a filter. A search cannot be sent as a
    /// filter, so it is refused rather than silently widened.
    pub(super) fn select_all_matching(&mut self) -> Vec<Effect> {
        let f = &self.list.filter;
        if !f.search.is_empty() {
            self.notice = Some(
                ":select all needs a filter, not a search: clear / and use :filter name~TEXT"
                    .into(),
            );
            return Vec::new();
        }
        let (filter, text) = match (&f.expr, &f.record_type) {
            (Some(ActiveFilter { filter, text, .. }), _) => (filter.clone(), text.clone()),
            (None, Some(t)) => (RecordFilter::of_type(t), format!("type={t}")),
            (None, None) => {
                self.notice = Some(":select all needs a :filter or a type (t) to select by".into());
                return Vec::new();
            }
        };
        self.selection = Selection::Matching {
            filter,
            text,
            count: self.list.total,
        };
        Vec::new()
    }

    /// Esc on the list clears the selection first (asking when it is large), then filters.
    pub(super) fn clear_selection_or_filter(&mut self) -> Vec<Effect> {
        if self.selection.is_empty() {
            return self.clear_filter();
        }
        match self.selection.count() {
            Some(n) if n <= ASK_BEFORE_CLEARING => self.selection = Selection::None,
            n => self.ask_clear = Some(n),
        }
        Vec::new()
    }
}
