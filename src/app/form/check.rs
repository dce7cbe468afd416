//! Local validation, and the diff from the loaded record to a minimal `RecordUpdate`.

use super::{FieldErrors, FieldPath, Form};
use crate::api::{Metadata, Record, RecordUpdate};
use std::collections::HashMap;

pub const NAME_MAX: usize = 500;
pub const TYPE_MAX: usize = 255;

/// Length in the API's unit: Unicode scalar values.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

fn check_len(errors: &mut FieldErrors, path: FieldPath, label: &str, text: &str, max: usize) {
    let n = char_len(text);
    if n == 0 {
        errors.insert(path, format!("{label} is required (1-{max} characters)"));
    } else if text.trim().is_empty() {
        // Accepted by the API, but a name nobody can see or search for is always a slip.
        errors.insert(path, format!("{label} is only blank characters"));
    } else if n > max {
        errors.insert(
            path,
            format!("{label} is {n} characters; the limit is {max}"),
        );
    }
}

impl Form {
    /// Problems in what the user changed, keyed by field; they block saving. Pure: recomputed
    /// after each edit.
    pub fn validate(&self) -> FieldErrors {
        let mut errors = self.problems();
        // A new record has no server version whose problems could be left alone.
        if !self.creating {
            errors.retain(|path, _| !self.unchanged(*path));
        }
        errors
    }

    /// Problems the record already had on the server (a 501-character name, say): shown as
    /// warnings, never in the way of saving other fields.
    pub fn warnings(&self) -> FieldErrors {
        if self.creating {
            return FieldErrors::new();
        }
        let mut found = self.problems();
        found.retain(|path, _| self.unchanged(*path));
        found
    }

    /// True when a field holds what the record had when the form opened.
    fn unchanged(&self, path: FieldPath) -> bool {
        match path {
            FieldPath::Name => self.name.text() == self.base.name,
            FieldPath::Type => self.record_type.text() == self.base.record_type,
            FieldPath::MetadataKey(i) | FieldPath::MetadataValue(i) => {
                self.rows.get(i).is_some_and(|r| r.is_untouched())
            }
        }
    }

    /// Every local problem, on changed and unchanged fields alike.
    fn problems(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        check_len(
            &mut errors,
            FieldPath::Name,
            "Name",
            &self.name.text(),
            NAME_MAX,
        );
        check_len(
            &mut errors,
            FieldPath::Type,
            "Type",
            &self.record_type.text(),
            TYPE_MAX,
        );
        self.row_problems(&mut errors);
        errors
    }

    fn row_problems(&self, errors: &mut FieldErrors) {
        let mut rows_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, row) in self.rows.iter().enumerate() {
            rows_of.entry(row.key.text()).or_default().push(i);
        }
        for (i, row) in self.rows.iter().enumerate() {
            let key = row.key.text();
            let others: Vec<String> = rows_of
                .get(&key)
                .into_iter()
                .flatten()
                .filter(|j| **j != i)
                .map(|j| (j + 1).to_string())
                .collect();
            if key.is_empty() {
                errors.insert(FieldPath::MetadataKey(i), "key is required".into());
            } else if !others.is_empty() {
                errors.insert(
                    FieldPath::MetadataKey(i),
                    format!("duplicate key (also in row {})", others.join(", ")),
                );
            }
            if let Err(e) = row.to_value() {
                errors.insert(FieldPath::MetadataValue(i), e);
            }
        }
    }

    /// The metadata the rows describe, in row order.
    pub(crate) fn metadata(&self) -> Option<Metadata> {
        self.rows
            .iter()
            .map(|row| Some((row.key.text(), row.to_value().ok()?)))
            .collect()
    }

    /// The PUT body: the changed name and type, and always the whole intended metadata (the
    /// API documents an omitted `metadata` as "defaults to {}", so leaving it out could wipe
    /// it). `None` when something is invalid.
    pub fn update(&self) -> Option<RecordUpdate> {
        if !self.validate().is_empty() {
            return None;
        }
        let name = self.name.text();
        let record_type = self.record_type.text();
        Some(RecordUpdate {
            name: (name != self.base.name).then_some(name),
            record_type: (record_type != self.base.record_type).then_some(record_type),
            metadata: Some(self.metadata()?),
            ..RecordUpdate::default()
        })
    }

    /// True when the form says something other than `record` (an invalid value counts).
    pub fn differs_from(&self, record: &Record) -> bool {
        self.name.text() != record.name
            || self.record_type.text() != record.record_type
            || self.rows.len() != record.metadata.len()
            // Order counts as a change: the API keeps key order and so do we.
            || !self.rows.iter().zip(&record.metadata).all(|(row, (k, v))| {
                row.key.text() == *k && row.to_value().is_ok_and(|mine| mine == *v)
            })
    }

    /// True when the form differs from the loaded record: there is something to save.
    pub fn is_dirty(&self) -> bool {
        self.differs_from(&self.base)
    }
}
