//! Three-way merge after a conflict: base (what the form started from), theirs (what the
//! server holds now) and yours (the form). A field changed on one side only takes that side;
//! a field changed on both sides keeps yours and is marked, and Ctrl-O takes theirs.

use super::row::{MetaRow, value_text};
use super::{FieldPath, Form, TextField};
use crate::api::Record;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// A field both sides changed: what it was, and what they made it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub base: String,
    pub theirs: String,
    /// Their metadata value (`None`: they deleted the key); unused for name and type.
    pub theirs_value: Option<Value>,
}

fn shown(v: Option<&Value>) -> String {
    v.map_or_else(|| "(no such key)".to_owned(), value_text)
}

/// Which side a field takes.
enum Pick {
    Theirs,
    Mine,
    Both,
}

/// A metadata value compared as JSON, whatever the spelling of its numbers.
#[derive(Clone, Copy)]
struct Json<'a>(Option<&'a Value>);

impl PartialEq for Json<'_> {
    fn eq(&self, other: &Self) -> bool {
        crate::api::exact::same_opt(self.0, other.0)
    }
}

fn pick<T: PartialEq + ?Sized>(base: &T, mine: &T, theirs: &T) -> Pick {
    if mine == base {
        Pick::Theirs
    } else if theirs == base || theirs == mine {
        Pick::Mine
    } else {
        Pick::Both
    }
}

impl Form {
    /// How many fields `theirs` changed since the base into something the form does not
    /// say: changes someone else made. Zero means the server only holds (part of) this edit.
    pub fn foreign_changes(&self, theirs: &Record) -> usize {
        let base = &self.base;
        let other = |b: &str, t: &str, mine: &str| usize::from(t != b && t != mine);
        let mine: BTreeMap<String, Option<Value>> = self
            .rows
            .iter()
            .map(|r| (r.key.text(), r.to_value().ok()))
            .collect();
        let keys: HashSet<&String> = base.metadata.keys().chain(theirs.metadata.keys()).collect();
        let metadata = keys
            .into_iter()
            .filter(|k| {
                let t = Json(theirs.metadata.get(*k));
                t != Json(base.metadata.get(*k)) && t != Json(mine.get(*k).and_then(Option::as_ref))
            })
            .count();
        other(&base.name, &theirs.name, &self.name.text())
            + other(
                &base.record_type,
                &theirs.record_type,
                &self.record_type.text(),
            )
            + metadata
    }

    /// Rebases the form on `theirs`, merging as above. Returns how many fields conflict.
    pub fn merge_theirs(&mut self, theirs: &Record) -> usize {
        let base = std::mem::replace(&mut self.base, theirs.clone());
        let mut conflicts = BTreeMap::new();
        for (path, field, b, t) in [
            (FieldPath::Name, &mut self.name, &base.name, &theirs.name),
            (
                FieldPath::Type,
                &mut self.record_type,
                &base.record_type,
                &theirs.record_type,
            ),
        ] {
            match pick(b.as_str(), field.text().as_str(), t.as_str()) {
                Pick::Theirs => *field = TextField::new(t, false),
                Pick::Mine => {}
                Pick::Both => {
                    conflicts.insert(
                        path,
                        FieldConflict {
                            base: b.clone(),
                            theirs: t.clone(),
                            theirs_value: None,
                        },
                    );
                }
            }
        }
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for row in std::mem::take(&mut self.rows) {
            let key = row.key.text();
            seen.insert(key.clone());
            let (b, t) = (base.metadata.get(&key), theirs.metadata.get(&key));
            let mine = row.to_value().ok();
            let side = pick(&Json(b), &Json(mine.as_ref()), &Json(t));
            match side {
                Pick::Theirs => rows.extend(t.map(|t| MetaRow::from_entry(&key, t))),
                Pick::Mine | Pick::Both => {
                    if matches!(side, Pick::Both) {
                        let conflict = FieldConflict {
                            base: shown(b),
                            theirs: shown(t),
                            theirs_value: t.cloned(),
                        };
                        conflicts.insert(FieldPath::MetadataValue(rows.len()), conflict);
                    }
                    rows.push(MetaRow {
                        original: t.map(|t| (key.clone(), t.clone())),
                        ..row
                    });
                }
            }
        }
        for (key, t) in theirs.metadata.iter().filter(|(k, _)| !seen.contains(*k)) {
            match base.metadata.get(key) {
                // They added it, or you deleted it and they changed it (shown, marked).
                None => rows.push(MetaRow::from_entry(key, t)),
                Some(b) if Json(Some(b)) != Json(Some(t)) => {
                    let conflict = FieldConflict {
                        base: value_text(b),
                        theirs: value_text(t),
                        theirs_value: Some(t.clone()),
                    };
                    conflicts.insert(FieldPath::MetadataValue(rows.len()), conflict);
                    rows.push(MetaRow::from_entry(key, t));
                }
                // You deleted it and they did not touch it: it stays deleted.
                Some(_) => {}
            }
        }
        self.rows = rows;
        self.server.clear();
        self.conflicts = conflicts;
        self.local = self.validate();
        self.conflicts.len()
    }

    /// Ctrl-O on a marked field: take their version of it.
    pub fn take_theirs(&mut self) {
        if !self.conflicts.contains_key(&self.focus) {
            return;
        }
        self.reshaping();
        let Some(conflict) = self.conflicts.remove(&self.focus) else {
            return;
        };
        match self.focus {
            FieldPath::Name => self.name = TextField::new(&conflict.theirs, false),
            FieldPath::Type => self.record_type = TextField::new(&conflict.theirs, false),
            FieldPath::MetadataValue(i) | FieldPath::MetadataKey(i) => {
                let key = self.rows.get(i).map(|r| r.key.text()).unwrap_or_default();
                match conflict.theirs_value {
                    Some(v) => {
                        if let Some(row) = self.rows.get_mut(i) {
                            *row = MetaRow::from_entry(&key, &v);
                        }
                    }
                    None if i < self.rows.len() => {
                        self.rows.remove(i);
                        self.focus = FieldPath::Type;
                    }
                    None => {}
                }
            }
        }
        self.local = self.validate();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::record;
    use serde_json::json;

    fn with(name: &str, metadata: Value) -> Record {
        let mut r = record(0);
        r.name = name.to_owned();
        r.metadata = metadata.as_object().cloned().unwrap_or_default();
        r
    }

    #[test]
    fn one_sided_changes_merge_and_two_sided_ones_are_marked() {
        let base = with(
            "Acme",
            json!({"status": "open", "seats": 10, "tier": "pro", "gone": 1}),
        );
        let mut form = Form::open(&base);
        // Yours: status -> closed, seats untouched, tier -> gold, deleted "gone".
        form.rows[0].value = TextField::new("closed", true);
        form.rows[2].value = TextField::new("gold", true);
        form.rows.remove(3);
        // Theirs: name changed, seats -> 12, tier -> free, added "new".
        let mut theirs = with(
            "Acme Corp",
            json!({"status": "open", "seats": 12, "tier": "free", "gone": 1, "new": true}),
        );
        theirs.updated_at = "2026-11-21T00:00:00.000Z".into();
        assert_eq!(form.merge_theirs(&theirs), 1);
        assert_eq!(
            form.name.text(),
            "Acme Corp",
            "their name: you did not touch it"
        );
        let upd = form.update().expect("valid");
        assert_eq!(
            upd.name, None,
            "the merged name equals theirs: nothing to send"
        );
        let sent = serde_json::to_value(upd.metadata.expect("metadata differs from theirs"))
            .expect("json");
        assert_eq!(
            sent,
            json!({"status": "closed", "seats": 12, "tier": "gold", "new": true})
        );
        let conflict = form
            .conflicts
            .get(&FieldPath::MetadataValue(2))
            .expect("tier is marked");
        assert_eq!(
            (conflict.base.as_str(), conflict.theirs.as_str()),
            ("pro", "free")
        );
        form.focus = FieldPath::MetadataValue(2);
        form.take_theirs();
        assert!(form.conflicts.is_empty());
        let sent = serde_json::to_value(
            form.update()
                .expect("valid")
                .metadata
                .expect("status still yours"),
        )
        .expect("json");
        assert_eq!(sent["tier"], "free");
        assert_eq!(
            form.base.updated_at, "2026-11-21T00:00:00.000Z",
            "the next save checks against theirs"
        );
    }
}
