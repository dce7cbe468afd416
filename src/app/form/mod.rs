//! The edit form: fields, focus, metadata rows, validation, and the diff to save.

mod check;
pub mod diff;
pub mod draft;
pub mod external;
pub mod merge;
mod plain_text;
mod row;
mod server;
mod text_field;
mod undo;

pub use check::{NAME_MAX, TYPE_MAX, char_len};
pub use row::{MetaRow, ValueKind};
pub use text_field::TextField;

use super::Ticket;
use crate::api::Record;
use crossterm::event::KeyEvent;
use std::collections::BTreeMap;

/// Where a field error belongs. Local checks and server answers both write into this map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldPath {
    Name,
    Type,
    MetadataKey(usize),
    MetadataValue(usize),
}

pub type FieldErrors = BTreeMap<FieldPath, String>;

/// Which field has the keyboard.
pub type Focus = FieldPath;

/// Where the form is in its save cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Editing,
    Saving(Ticket),
    /// Saved; with what the server reported about the write (renamed keys, schema warnings).
    Saved {
        notes: Vec<String>,
    },
    Failed,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    /// The record as loaded (or as last saved): what the diff is taken against.
    pub base: Record,
    pub name: TextField,
    pub record_type: TextField,
    pub rows: Vec<MetaRow>,
    pub focus: Focus,
    /// Problems found locally; recomputed on every edit.
    pub local: FieldErrors,
    /// Problems the server reported on the last save; a field's entry goes when it is edited.
    pub server: FieldErrors,
    /// What belongs to no field: a 401, a network failure, a conflict.
    pub banner: Option<String>,
    pub status: SaveStatus,
    /// Fields changed both by you and by someone else since the form opened (after a conflict).
    pub conflicts: BTreeMap<FieldPath, merge::FieldConflict>,
    /// While a save is in flight: the record as that save makes it, so what is typed
    /// meanwhile can be told apart from what was sent.
    pub sent: Option<Box<Record>>,
    /// This session has a draft file of this form (written, or resumed from one): closing the
    /// form ends it. A form that never had one must not delete another's.
    pub journaled: bool,
    /// A new record: saving creates it (POST); until then `id` is a placeholder.
    pub creating: bool,
    /// The banner is a refused save's local problem: it follows the fields as they change.
    pub refused: bool,
    /// Undo and redo, across typing and changes of shape.
    history: undo::History,
}

impl Form {
    pub fn open(record: &Record) -> Self {
        let mut form = Self {
            id: record.id.clone(),
            base: record.clone(),
            name: TextField::new(&record.name, false),
            record_type: TextField::new(&record.record_type, false),
            rows: record
                .metadata
                .iter()
                .map(|(k, v)| MetaRow::from_entry(k, v))
                .collect(),
            focus: FieldPath::Name,
            local: FieldErrors::new(),
            server: FieldErrors::new(),
            banner: None,
            status: SaveStatus::Editing,
            conflicts: BTreeMap::new(),
            sent: None,
            journaled: false,
            creating: false,
            refused: false,
            history: undo::History::default(),
        };
        form.local = form.validate();
        form
    }

    /// A form for a new record (of `record_type`, if known); `id` stands in until it exists.
    pub fn blank(id: &str, record_type: &str) -> Self {
        let mut base = Record::empty();
        base.id = id.to_owned();
        let mut form = Self::open(&base);
        form.creating = true;
        form.record_type = TextField::new(record_type, false);
        // The name first, always: what is typed at once after `n` is a name.
        form.focus = FieldPath::Name;
        form.local = form.validate();
        form
    }

    /// A new record that starts as a copy of `source` (name, type, metadata; values exact).
    pub fn copy_of(id: &str, source: &Record) -> Self {
        let mut form = Self::blank(id, &source.record_type);
        // The same name and type would clash (409): the copy says what it is.
        form.name = TextField::new(&format!("{} (copy)", source.name), false);
        form.rows = source
            .metadata
            .iter()
            .map(|(k, v)| MetaRow::from_entry(k, v))
            .collect();
        form.focus = FieldPath::Name;
        form.local = form.validate();
        form
    }

    /// The POST body of a new record; `None` while something is invalid.
    pub fn new_record(&self) -> Option<crate::api::NewRecord> {
        if !self.validate().is_empty() {
            return None;
        }
        Some(crate::api::NewRecord {
            record_type: self.record_type.text(),
            name: self.name.text(),
            metadata: Some(self.metadata()?),
            ..Default::default()
        })
    }

    /// The record as this form would make it (what a save sends); `None` while invalid.
    pub fn intent(&self) -> Option<Record> {
        let mut record = self.base.clone();
        record.name = self.name.text();
        record.record_type = self.record_type.text();
        record.metadata = self.metadata()?;
        Some(record)
    }

    /// A save landed. Edits made while it was in flight stay, on top of the saved record, and
    /// still count as unsaved; without any, the form simply starts from the saved record.
    pub fn saved(&mut self, saved: &Record, notes: Vec<String>) {
        match self.sent.take() {
            Some(sent) if self.differs_from(&sent) => {
                self.base = *sent;
                self.merge_theirs(saved);
                self.status = SaveStatus::Saved { notes };
            }
            _ => self.rebase(saved, notes),
        }
    }

    /// Fields in tab order.
    pub fn focus_order(&self) -> Vec<Focus> {
        let mut order = vec![FieldPath::Name, FieldPath::Type];
        for i in 0..self.rows.len() {
            order.push(FieldPath::MetadataKey(i));
            order.push(FieldPath::MetadataValue(i));
        }
        order
    }

    pub fn step_focus(&mut self, forward: bool) {
        let order = self.focus_order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.focus = order[next];
    }

    pub fn field(&self, path: FieldPath) -> Option<&TextField> {
        match path {
            FieldPath::Name => Some(&self.name),
            FieldPath::Type => Some(&self.record_type),
            FieldPath::MetadataKey(i) => self.rows.get(i).map(|r| &r.key),
            FieldPath::MetadataValue(i) => self.rows.get(i).map(|r| &r.value),
        }
    }

    fn field_mut(&mut self, path: FieldPath) -> Option<&mut TextField> {
        match path {
            FieldPath::Name => Some(&mut self.name),
            FieldPath::Type => Some(&mut self.record_type),
            FieldPath::MetadataKey(i) => self.rows.get_mut(i).map(|r| &mut r.key),
            FieldPath::MetadataValue(i) => self.rows.get_mut(i).map(|r| &mut r.value),
        }
    }

    /// Row of the focused field, if it is a metadata field.
    pub fn focused_row(&self) -> Option<usize> {
        match self.focus {
            FieldPath::MetadataKey(i) | FieldPath::MetadataValue(i) => Some(i),
            _ => None,
        }
    }

    /// Up/Down leave a multi-line value only from its first/last line.
    pub fn arrow_leaves_field(&self, up: bool) -> bool {
        match self.field(self.focus) {
            Some(f) if matches!(self.focus, FieldPath::MetadataValue(_)) => {
                if up {
                    f.on_first_line()
                } else {
                    f.on_last_line()
                }
            }
            _ => true,
        }
    }

    /// After any edit: local checks rerun, the edited field's server error is answered.
    fn edited(&mut self, path: FieldPath) {
        // A 409 is about the pair (name, type): changing either answers both.
        let pair = [FieldPath::Name, FieldPath::Type];
        if pair.contains(&path) && self.server.get(&pair[0]) == self.server.get(&pair[1]) {
            self.server.retain(|p, _| !pair.contains(p));
        }
        self.server.remove(&path);
        // Editing a marked field is the user's third choice: neither side, but this.
        self.conflicts.remove(&path);
        self.local = self.validate();
        if self.refused {
            self.banner = self.refusal();
        }
        if matches!(self.status, SaveStatus::Saved { .. }) {
            self.status = SaveStatus::Editing;
        }
    }

    pub fn input(&mut self, key: KeyEvent) {
        let path = self.focus;
        let before = self.before_null_typed(path);
        if self.field_mut(path).is_some_and(|f| f.input(key)) {
            self.text_typed(path, before);
        }
    }

    pub fn paste(&mut self, text: &str) {
        let path = self.focus;
        let before = self.before_null_typed(path);
        if self.field_mut(path).is_some_and(|f| f.paste(text)) {
            self.text_typed(path, before);
        }
    }

    /// Text typed into a null value makes it a string: what is on screen is what is sent.
    /// `before` (the form while the value was null) makes that one undo step back to null.
    fn text_typed(&mut self, path: FieldPath, before: Option<Box<undo::Snapshot>>) {
        match before {
            Some(s) => self.reshaped_from(s),
            None => self.typed_in(path),
        }
        if let FieldPath::MetadataValue(i) = path
            && let Some(row) = self.rows.get_mut(i)
            && row.kind == ValueKind::Null
        {
            row.kind = ValueKind::String;
            row.held = None;
        }
        self.edited(path);
    }

    pub fn insert_newline(&mut self) {
        let path = self.focus;
        if self.field_mut(path).is_some_and(TextField::insert_newline) {
            self.typed_in(path);
            self.edited(path);
        }
    }

    /// Adds an empty row below the focused one (or at the end) and focuses its key.
    pub fn add_row(&mut self) {
        let at = self.focused_row().map_or(self.rows.len(), |i| i + 1);
        self.reshaping();
        self.rows.insert(at, MetaRow::blank());
        self.reindex_server_errors();
        self.focus = FieldPath::MetadataKey(at);
        self.local = self.validate();
    }

    pub fn remove_row(&mut self) {
        let Some(i) = self.focused_row() else { return };
        self.reshaping();
        self.rows.remove(i);
        self.server.clear();
        self.focus = match (self.rows.len(), i) {
            (0, _) => FieldPath::Type,
            (n, i) => FieldPath::MetadataKey(i.min(n - 1)),
        };
        self.local = self.validate();
    }

    pub fn move_row(&mut self, up: bool) {
        let Some(i) = self.focused_row() else { return };
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < self.rows.len())
        };
        let Some(j) = j else { return };
        self.reshaping();
        self.rows.swap(i, j);
        self.server.clear();
        self.focus = match self.focus {
            FieldPath::MetadataKey(_) => FieldPath::MetadataKey(j),
            _ => FieldPath::MetadataValue(j),
        };
        self.local = self.validate();
    }

    /// Steps the focused row's value type; the text stays as typed.
    pub fn cycle_kind(&mut self) {
        let Some(i) = self.focused_row() else { return };
        self.reshaping();
        self.rows[i].cycle_kind();
        self.edited(FieldPath::MetadataValue(i));
    }

    /// Server errors follow rows when one is inserted; simplest honest answer is to drop
    /// row-bound ones, which no longer point at the same row.
    fn reindex_server_errors(&mut self) {
        self.server
            .retain(|p, _| matches!(p, FieldPath::Name | FieldPath::Type));
    }

    /// Why a save is refused before anything is sent: the first local problem, in focus order.
    pub fn refusal(&self) -> Option<String> {
        let path = self
            .focus_order()
            .into_iter()
            .find(|p| self.local.contains_key(p))?;
        let problem = self.local.get(&path)?;
        Some(format!(
            "Not saved: {} — {problem}. Nothing was sent.",
            field_label(path)
        ))
    }

    /// The error shown under a field: a local problem first, else the server's.
    pub fn error_for(&self, path: FieldPath) -> Option<&str> {
        self.local
            .get(&path)
            .or_else(|| self.server.get(&path))
            .map(String::as_str)
    }

    /// The first field with a problem, in focus order.
    pub fn first_problem(&self) -> Option<FieldPath> {
        self.focus_order()
            .into_iter()
            .find(|p| self.error_for(*p).is_some())
    }

    /// Takes the saved record as the new base, keeping focus where it was.
    pub fn rebase(&mut self, saved: &Record, notes: Vec<String>) {
        let focus = self.focus;
        let journaled = self.journaled;
        *self = Self::open(saved);
        self.journaled = journaled;
        self.focus = if self.field(focus).is_some() {
            focus
        } else {
            FieldPath::Name
        };
        self.status = SaveStatus::Saved { notes };
    }
}

/// A field as the user reads its name.
pub fn field_label(path: FieldPath) -> String {
    match path {
        FieldPath::Name => "Name".into(),
        FieldPath::Type => "Type".into(),
        FieldPath::MetadataKey(i) => format!("metadata row {} key", i + 1),
        FieldPath::MetadataValue(i) => format!("metadata row {} value", i + 1),
    }
}

#[cfg(test)]
mod tests;
