//! What the list keeps of each record: only the fields it shows and searches. A full
//! `Record` (every metadata value, messages, labels) is fetched when one is opened, so
//! 100 000 loaded rows cost well under their JSON size in memory.

use crate::api::{Page, Pagination, Record};
use serde_json::Value;

/// Metadata values longer than this are never shown in a column, so they are not kept.
const MAX_FIELD_CHARS: usize = 64;
/// At most this many short metadata values are kept per row (column candidates).
const MAX_FIELDS: usize = 8;

/// One list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: Box<str>,
    pub name: Box<str>,
    pub record_type: Box<str>,
    pub updated_at: Box<str>,
    /// Short scalar metadata values as text, in the record's key order.
    pub fields: Box<[(Box<str>, Box<str>)]>,
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.chars().count() <= MAX_FIELD_CHARS => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Row {
    pub fn of(r: &Record) -> Self {
        Self {
            id: r.id.as_str().into(),
            name: r.name.as_str().into(),
            record_type: r.record_type.as_str().into(),
            updated_at: r.updated_at.as_str().into(),
            fields: Self::fields_of(&r.metadata),
        }
    }

    /// The short scalar values a row keeps of `metadata` (also after a bulk edit).
    pub fn fields_of(metadata: &crate::api::types::Metadata) -> Box<[(Box<str>, Box<str>)]> {
        let fields: Vec<(Box<str>, Box<str>)> = metadata
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().into(), scalar(v)?.into_boxed_str())))
            .take(MAX_FIELDS)
            .collect();
        fields.into_boxed_slice()
    }

    /// The shown value of a metadata key, if the row kept one.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| &**v)
    }
}

/// A list page as the list keeps it; made in the effect task, off the UI path.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPage {
    pub rows: Vec<Row>,
    /// Display labels of metadata keys (`metadataLabels`), first seen per key.
    pub labels: Vec<(String, String)>,
    /// Items the client could not read as records.
    pub skipped: usize,
    pub pagination: Pagination,
}

impl From<Page> for RowPage {
    fn from(page: Page) -> Self {
        let mut labels: Vec<(String, String)> = Vec::new();
        for r in &page.records {
            for (k, v) in r.metadata_labels.iter().flatten() {
                let label = v.as_str().filter(|l| !l.is_empty());
                if let Some(l) = label.filter(|_| !labels.iter().any(|(seen, _)| seen == k)) {
                    labels.push((k.clone(), l.to_owned()));
                }
            }
        }
        Self {
            rows: page.records.iter().map(Row::of).collect(),
            labels,
            skipped: page.skipped.len(),
            pagination: page.pagination,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_scalars_only() {
        let r: Record = serde_json::from_str(
            r#"{"id": "r1", "type": "t", "name": "n", "createdAt": "c", "updatedAt": "u",
                "metadata": {"status": "open", "seats": 250, "ok": true, "tags": ["a"], "long": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "price": 1.50},
                "metadataLabels": {"status": "Status"}}"#,
        )
        .expect("record");
        let row = Row::of(&r);
        let keys: Vec<&str> = row.fields.iter().map(|(k, _)| &**k).collect();
        assert_eq!(keys, ["status", "seats", "ok", "price"]);
        assert_eq!(row.field("price"), Some("1.50"));
        let page = RowPage::from(Page {
            records: vec![r],
            skipped: Vec::new(),
            pagination: Pagination::default(),
            filters_applied: None,
        });
        assert_eq!(page.labels, [("status".to_owned(), "Status".to_owned())]);
    }
}
