//! The one file that uses the textarea crate: an editable value with a cursor. Rendering is
//! done by the form view, through the display-safety boundary, never by the textarea itself.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, TextArea};

/// Edits a field remembers for undo.
const UNDO_DEPTH: usize = 500;

/// Ctrl-_ (undo in readline), as terminals send it: Ctrl-_, Ctrl-7 or Ctrl-/.
pub fn is_undo_key(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('_' | '7' | '/'))
}

#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
    multiline: bool,
}

impl TextField {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str, multiline: bool) -> Self {
        let lines: Vec<String> = if multiline {
            text.split('\n').map(str::to_owned).collect()
        } else {
            vec![text.to_owned()]
        };
        let mut area = TextArea::new(lines);
        area.set_max_histories(UNDO_DEPTH);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { area, multiline }
    }

    /// The exact text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// (line, character) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    pub fn on_first_line(&self) -> bool {
        self.cursor().0 == 0
    }

    pub fn on_last_line(&self) -> bool {
        self.cursor().0 + 1 >= self.area.lines().len()
    }

    /// Applies a key; returns true when the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let breaks_line = matches!(key.code, KeyCode::Enter)
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if breaks_line && !self.multiline {
            return false;
        }
        // The textarea's own map has Ctrl-U as undo; readline users expect kill-to-start.
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('u') {
            return self.area.delete_line_by_head();
        }
        if is_undo_key(&key) {
            return self.area.undo();
        }
        self.area.input(key)
    }

    pub fn undo(&mut self) -> bool {
        self.area.undo()
    }

    pub fn redo(&mut self) -> bool {
        self.area.redo()
    }

    /// Inserts pasted text as one edit. A single-line field gets line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline {
            text
        } else {
            text.replace('\n', " ")
        };
        self.area.insert_str(text)
    }

    pub fn insert_newline(&mut self) -> bool {
        if self.multiline {
            self.area.insert_newline();
        }
        self.multiline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn edits_keep_exact_text() {
        let mut f = TextField::new("Acme", false);
        assert!(f.input(key('!')));
        assert_eq!(f.text(), "Acme!");
        assert!(f.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
        assert_eq!(f.text(), "Acme");
    }

    #[test]
    fn single_line_fields_never_get_line_breaks() {
        let mut f = TextField::new("a", false);
        assert!(!f.input(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!f.input(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL)));
        f.paste("b\nc");
        assert_eq!(f.text(), "ab c");
        assert!(!f.insert_newline());
    }

    #[test]
    fn readline_keys_delete_char_kill_to_start_and_undo() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut f = TextField::new("hello world", false);
        f.input(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        assert!(
            f.input(ctrl('d')),
            "Ctrl-D deletes the character under the cursor"
        );
        assert_eq!(f.text(), "ello world");
        f.input(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        for _ in 0..5 {
            f.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        }
        assert!(f.input(ctrl('u')), "Ctrl-U kills to the start");
        assert_eq!(f.text(), "world");
        assert!(f.input(ctrl('_')), "Ctrl-_ undoes");
        assert_eq!(f.text(), "ello world");
        assert!(f.input(ctrl('7')), "as terminals send it");
        assert_eq!(f.text(), "hello world");
    }

    #[test]
    fn multiline_values_round_trip() {
        let mut f = TextField::new("one\ntwo", true);
        assert_eq!(f.cursor(), (1, 3));
        assert!(f.insert_newline());
        f.paste("three\r\nfour");
        assert_eq!(f.text(), "one\ntwo\nthree\nfour");
        assert!(f.on_last_line() && !f.on_first_line());
    }
}
