//! The form's side of `$EDITOR`: the text handed out (one value, or the metadata as pretty
//! JSON), and the edited text taken back as one undoable step.

use super::row::{MetaRow, ValueKind, value_text};
use super::{FieldPath, Form, TextField};
use serde_json::{Map, Value};

/// Lines at the top of an edited metadata file that start with this are notes for the user
/// (a parse error, how to get out), stripped before parsing.
pub const COMMENT: &str = "//";

/// The edited metadata text as an object; the error names the line and column the way the
/// editor counts them (the comment lines stripped first are counted too).
pub fn parse_metadata_text(text: &str) -> Result<Map<String, Value>, String> {
    let skipped = text
        .lines()
        .take_while(|l| l.trim_start().starts_with(COMMENT))
        .count();
    let body: String = text
        .split_inclusive('\n')
        .skip(skipped)
        .collect::<Vec<_>>()
        .concat();
    match serde_json::from_str::<Value>(&body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("the metadata must be one JSON object, {...}".into()),
        Err(e) => Err(format!(
            "line {}, column {}: {}",
            e.line() + skipped,
            e.column(),
            without_position(&e.to_string())
        )),
    }
}

/// serde_json appends " at line L column C", which would count without the comment lines.
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

/// The text to edit again after a parse error: the error on top, as comment lines.
pub fn with_error(text: &str, error: &str) -> String {
    let body = text
        .split_inclusive('\n')
        .skip_while(|l| l.trim_start().starts_with(COMMENT))
        .collect::<Vec<_>>()
        .concat();
    format!(
        "{COMMENT} Not valid: {error}\n{COMMENT} Fix it and save, or quit without saving to keep the text (:edit metadata reopens it).\n{body}"
    )
}

impl Form {
    /// The text of the focused field, as the editor gets it.
    pub fn focused_text(&self) -> Option<String> {
        self.field(self.focus).map(TextField::text)
    }

    /// The metadata as the form holds it now, as pretty JSON; refused while a value does not
    /// parse as its type (the user would otherwise get back something else).
    pub fn metadata_json(&self) -> Result<String, String> {
        let mut map = Map::new();
        for (i, row) in self.rows.iter().enumerate() {
            let value = row
                .to_value()
                .map_err(|e| format!("row {} ({}): {e}", i + 1, row.key.text()))?;
            map.insert(row.key.text(), value);
        }
        serde_json::to_string_pretty(&Value::Object(map))
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    }

    /// Puts the editor's text into the field at `path` (one undo step). Editors add a final
    /// newline; it is dropped unless the value had one.
    pub fn replace_text(&mut self, path: FieldPath, edited: &str, before: &str) -> bool {
        let mut text = edited.to_owned();
        if !before.ends_with('\n') && text.ends_with('\n') {
            text.pop();
        }
        let multiline = matches!(path, FieldPath::MetadataValue(_));
        if !multiline {
            text = text.replace('\n', " ");
        }
        if self.field(path).is_none_or(|f| f.text() == text) {
            return false;
        }
        self.reshaping();
        let field = TextField::new(&text, multiline);
        match path {
            FieldPath::Name => self.name = field,
            FieldPath::Type => self.record_type = field,
            FieldPath::MetadataKey(i) => self.rows[i].key = field,
            FieldPath::MetadataValue(i) => {
                let row = &mut self.rows[i];
                row.value = field;
                if row.kind == ValueKind::Null {
                    row.kind = ValueKind::String;
                    row.held = None;
                }
            }
        }
        self.edited(path);
        true
    }

    /// Replaces every metadata row with the object's entries, in its order (one undo step).
    /// A key that was there keeps what it was, so the diff still shows what changed.
    pub fn replace_metadata(&mut self, map: &Map<String, Value>) {
        self.reshaping();
        let old = std::mem::take(&mut self.rows);
        self.rows = map
            .iter()
            .map(|(key, value)| {
                let original = old
                    .iter()
                    .find(|r| r.original.as_ref().is_some_and(|(k, _)| k == key))
                    .and_then(|r| r.original.clone());
                MetaRow {
                    key: TextField::new(key, false),
                    value: TextField::new(&value_text(value), true),
                    kind: ValueKind::of(value),
                    original,
                    held: None,
                }
            })
            .collect();
        self.server
            .retain(|p, _| matches!(p, FieldPath::Name | FieldPath::Type));
        self.conflicts
            .retain(|p, _| matches!(p, FieldPath::Name | FieldPath::Type));
        if self.focused_row().is_some_and(|i| i >= self.rows.len()) {
            self.focus = FieldPath::Name;
        }
        self.edited(FieldPath::Name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn comment_lines_on_top_are_stripped() {
        let map = parse_metadata_text("// Not valid: x\n// Fix it\n{\"a\": 1}\n").expect("object");
        assert_eq!(Value::Object(map), json!({"a": 1}));
    }

    #[test]
    fn errors_count_lines_as_the_editor_shows_them() {
        let e = parse_metadata_text("// note\n{\n  \"a\": 1,\n}\n").expect_err("trailing comma");
        assert!(e.starts_with("line 4, column 1:"), "{e}");
        assert!(!e.contains(" at line "), "{e}");
    }

    #[test]
    fn only_an_object_is_metadata() {
        assert!(parse_metadata_text("[1, 2]").is_err());
        assert!(parse_metadata_text("").is_err());
    }

    #[test]
    fn a_second_error_replaces_the_first_and_keeps_the_text() {
        let once = with_error("{\"a\": }\n", "first");
        let twice = with_error(&once, "second");
        assert!(
            twice.contains("second") && !twice.contains("first"),
            "{twice}"
        );
        assert!(twice.ends_with("{\"a\": }\n"));
    }

    #[test]
    fn key_order_and_exact_numbers_come_back() {
        let map = parse_metadata_text("{\"z\": 1.50, \"a\": true}").expect("object");
        let keys: Vec<&String> = map.keys().collect();
        assert_eq!(keys, ["z", "a"]);
        assert_eq!(map["z"].to_string(), "1.50");
    }
}
