//! The one file that uses the textarea crate: an editable value with a cursor. Rendering is
//! done by the form view, through the display-safety boundary, never by the textarea itself.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, TextArea};

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
        // The textarea re-measures the display width of its whole text after every edit; the
        // form draws the text itself (only what is visible), so the textarea's measure is
        // unused. A mask makes every character one column wide to it: the same walk, without
        // looking each character up in the width tables (several times faster on 1 MB).
        area.set_mask_char('*');
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
        self.area.input(key)
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
    fn multiline_values_round_trip() {
        let mut f = TextField::new("one\ntwo", true);
        assert_eq!(f.cursor(), (1, 3));
        assert!(f.insert_newline());
        f.paste("three\r\nfour");
        assert_eq!(f.text(), "one\ntwo\nthree\nfour");
        assert!(f.on_last_line() && !f.on_first_line());
    }
}
