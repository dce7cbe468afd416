//! A form's edits as data that can be written to disk and read back: the draft journal keeps
//! an edit alive through a crash, a kill or a closed laptop.

use super::row::{MetaRow, ValueKind};
use super::{FieldPath, Form, TextField};
use crate::api::Record;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One metadata row of a draft, with what it was when the form opened (if anything).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    pub key: String,
    pub value: String,
    pub kind: String,
    #[serde(default)]
    pub original: Option<(String, Value)>,
}

/// The base record (what the edit started from) and the edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    pub base: Record,
    pub name: String,
    pub record_type: String,
    pub rows: Vec<DraftRow>,
    /// A record not created yet: resuming it and saving creates it.
    #[serde(default)]
    pub creating: bool,
    /// The file an earlier session left it in (set when read back, never written).
    #[serde(skip)]
    pub origin: Option<String>,
}

fn kind_from(label: &str) -> ValueKind {
    [
        ValueKind::String,
        ValueKind::Number,
        ValueKind::Boolean,
        ValueKind::Null,
        ValueKind::Json,
    ]
    .into_iter()
    .find(|k| k.label() == label)
    .unwrap_or(ValueKind::String)
}

impl Form {
    pub fn to_draft(&self) -> Draft {
        Draft {
            version: 1,
            base: self.base.clone(),
            name: self.name.text(),
            record_type: self.record_type.text(),
            rows: self
                .rows
                .iter()
                .map(|r| DraftRow {
                    key: r.key.text(),
                    value: r.value.text(),
                    kind: r.kind.label().to_owned(),
                    original: r.original.clone(),
                })
                .collect(),
            creating: self.creating,
            origin: None,
        }
    }

    /// Reopens a form from a draft, exactly as it was left.
    pub fn from_draft(d: &Draft) -> Self {
        let mut form = Form::open(&d.base);
        form.name = TextField::new(&d.name, false);
        form.record_type = TextField::new(&d.record_type, false);
        form.rows = d
            .rows
            .iter()
            .map(|r| MetaRow {
                key: TextField::new(&r.key, false),
                value: TextField::new(&r.value, true),
                kind: kind_from(&r.kind),
                original: r.original.clone(),
                held: None,
            })
            .collect();
        form.focus = FieldPath::Name;
        form.local = form.validate();
        form.journaled = true;
        form.creating = d.creating;
        form.local = form.validate();
        form
    }
}

impl Draft {
    /// Reads a draft file's JSON. Numbers in the base record and in each row's original keep
    /// the spelling they were written with, so untouched values still go back byte for byte.
    pub fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        #[derive(Deserialize)]
        struct Raw<'a> {
            #[serde(borrow)]
            base: &'a serde_json::value::RawValue,
        }
        let mut draft: Draft = serde_json::from_slice(bytes)?;
        let raw: Raw<'_> = serde_json::from_slice(bytes)?;
        crate::api::exact::respell_record(&mut draft.base, raw.base.get().as_bytes());
        // A row's original is always the base's value under the original key.
        for row in &mut draft.rows {
            if let Some((key, value)) = row.original.as_mut()
                && let Some(exact) = draft.base.metadata.get(key.as_str())
                && serde_json::from_str::<Value>(&exact.to_string())
                    .ok()
                    .as_ref()
                    == Some(value)
            {
                *value = exact.clone();
            }
        }
        Ok(draft)
    }

    /// What the draft changes against its base, field by field, for the offer dialog.
    pub fn changes(&self) -> Vec<super::diff::Change> {
        Form::from_draft(self).changes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::record;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_draft_round_trips_the_form() {
        let mut base = record(3);
        base.metadata =
            serde_json::from_str(r#"{"status":"open","e":1E+2,"huge":1e400}"#).expect("metadata");
        crate::api::exact::respell_record(
            &mut base,
            br#"{"metadata":{"status":"open","e":1E+2,"huge":1e400}}"#,
        );
        let mut f = Form::open(&base);
        f.input(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE));
        f.focus = FieldPath::MetadataValue(0);
        for _ in 0..3 {
            f.cycle_kind();
        }
        f.add_row();
        f.input(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
        let text = serde_json::to_string(&f.to_draft()).expect("json");
        let back = Form::from_draft(&Draft::from_json(text.as_bytes()).expect("draft"));
        assert_eq!(back.to_draft(), f.to_draft());
        assert_eq!(back.update(), f.update(), "the same PUT would be sent");
        let sent = serde_json::to_string(&back.update()).expect("json");
        assert_eq!(Some(sent.clone()), serde_json::to_string(&f.update()).ok());
        assert!(sent.contains(r#""e":1E+2,"huge":1e400"#), "{sent}");
    }
}
