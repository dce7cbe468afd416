//! Local validation, and the diff from the loaded record to a minimal `RecordUpdate`.

use super::{FieldErrors, FieldPath, Form};
use crate::api::{Metadata, RecordUpdate};
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
    } else if n > max {
        errors.insert(
            path,
            format!("{label} is {n} characters; the limit is {max}"),
        );
    }
}

impl Form {
    /// Every local problem, keyed by field. Pure: recomputed after each edit.
    pub fn validate(&self) -> FieldErrors {
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
        errors
    }

    /// The metadata the rows describe, in row order.
    fn metadata(&self) -> Option<Metadata> {
        self.rows
            .iter()
            .map(|row| Some((row.key.text(), row.to_value().ok()?)))
            .collect()
    }

    /// The PUT body: only what changed. `None` when something is invalid.
    pub fn update(&self) -> Option<RecordUpdate> {
        if !self.validate().is_empty() {
            return None;
        }
        let name = self.name.text();
        let record_type = self.record_type.text();
        let metadata = self.metadata()?;
        // Order counts as a change: the API keeps key order and so do we.
        let metadata_changed = !metadata.iter().eq(self.base.metadata.iter());
        Some(RecordUpdate {
            name: (name != self.base.name).then_some(name),
            record_type: (record_type != self.base.record_type).then_some(record_type),
            metadata: metadata_changed.then_some(metadata),
            ..RecordUpdate::default()
        })
    }

    /// True when the form differs from the loaded record (invalid edits count as changes).
    pub fn is_dirty(&self) -> bool {
        self.update().is_none_or(|u| !u.is_empty())
    }
}
