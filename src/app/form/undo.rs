//! Undo and redo across the whole form. Typing is undone by each field's own history; changes
//! to the form's shape (a row added, removed, moved, retyped, or their version taken) are
//! undone from a copy of the form taken before them. One stack orders both.

use super::row::MetaRow;
use super::{FieldPath, Form, TextField};

/// Steps kept; the oldest go first.
const DEPTH: usize = 1000;

/// The form's content before a change to its shape.
#[derive(Debug, Clone)]
pub struct Snapshot {
    name: TextField,
    record_type: TextField,
    rows: Vec<MetaRow>,
    focus: FieldPath,
}

#[derive(Debug, Clone)]
enum Step {
    /// Text typed in this field: its own history undoes it.
    Text(FieldPath),
    /// A change of shape: the form as it was.
    Shape(Box<Snapshot>),
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    fn push(&mut self, step: Step) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
        self.redo.clear();
    }
}

impl Form {
    fn snapshot(&self) -> Box<Snapshot> {
        Box::new(Snapshot {
            name: self.name.clone(),
            record_type: self.record_type.clone(),
            rows: self.rows.clone(),
            focus: self.focus,
        })
    }

    fn restore(&mut self, s: Snapshot) {
        self.name = s.name;
        self.record_type = s.record_type;
        self.rows = s.rows;
        self.focus = s.focus;
        // Row-bound server errors no longer point at the same rows.
        self.server
            .retain(|p, _| matches!(p, FieldPath::Name | FieldPath::Type));
        self.local = self.validate();
    }

    /// Text changed in `path`.
    pub(super) fn typed_in(&mut self, path: FieldPath) {
        self.history.push(Step::Text(path));
    }

    /// The form's shape is about to change.
    pub(super) fn reshaping(&mut self) {
        let s = self.snapshot();
        self.history.push(Step::Shape(s));
    }

    /// The form as it is, when typing at `path` would turn a null value into text: that
    /// change of type is undone as a whole, back to null.
    pub(super) fn before_null_typed(&self, path: FieldPath) -> Option<Box<Snapshot>> {
        let FieldPath::MetadataValue(i) = path else {
            return None;
        };
        let null = self.rows.get(i)?.kind == super::row::ValueKind::Null;
        null.then(|| self.snapshot())
    }

    /// Records a change of shape from a snapshot taken before it.
    pub(super) fn reshaped_from(&mut self, before: Box<Snapshot>) {
        self.history.push(Step::Shape(before));
    }

    /// Undoes the last change, typed or of shape; false when there is none.
    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    fn step(&mut self, back: bool) -> bool {
        let popped = if back {
            self.history.undo.pop()
        } else {
            self.history.redo.pop()
        };
        let Some(step) = popped else {
            return false;
        };
        let (done, opposite) = match step {
            Step::Text(path) => {
                let done = self
                    .field_mut(path)
                    .is_some_and(|f| if back { f.undo() } else { f.redo() });
                if done {
                    self.focus = path;
                    self.edited(path);
                }
                (done, Step::Text(path))
            }
            Step::Shape(s) => {
                let now = self.snapshot();
                self.restore(*s);
                (true, Step::Shape(now))
            }
        };
        if !done {
            // The field's own history ran out: skip the step.
            return self.step(back);
        }
        if back {
            self.history.redo.push(opposite);
        } else {
            self.history.undo.push(opposite);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::app::form::{FieldPath, Form};
    use crate::app::tests::record;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn row_removal_and_typing_undo_in_order_and_redo() {
        let mut f = Form::open(&record(1));
        f.focus = FieldPath::MetadataValue(0);
        f.input(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE));
        f.remove_row();
        f.focus = FieldPath::MetadataValue(1);
        f.cycle_kind();
        assert_eq!(f.rows.len(), 2);
        assert!(f.undo(), "the type change");
        assert_eq!(f.rows[1].kind.label(), "number");
        assert!(f.undo(), "the removed row comes back");
        assert_eq!(f.rows.len(), 3);
        assert_eq!(f.rows[0].value.text(), "open!");
        assert!(f.undo(), "then the typing");
        assert_eq!(f.rows[0].value.text(), "open");
        assert!(!f.is_dirty());
        assert!(!f.undo(), "nothing more");
        assert!(f.redo() && f.redo());
        assert_eq!((f.rows.len(), f.rows[0].key.text()), (2, "seats".into()));
    }
}
