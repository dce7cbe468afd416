//! The one file that uses the textarea crate: an editable value with a cursor. Rendering is
//! done by the form view, through the display-safety boundary, never by the textarea itself.
//! A value past [`LARGE`] is edited by [`PlainText`] instead: the textarea re-measures its
//! whole text on every key, which costs about 17 ms per key at 1 MB.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, TextArea};

use super::plain_text::PlainText;

/// Edits a field remembers for undo.
const UNDO_DEPTH: usize = 500;

/// Ctrl-_ (undo in readline), as terminals send it: Ctrl-_, Ctrl-7 or Ctrl-/.
fn is_word_forward(key: &KeyEvent) -> bool {
    let (ctrl, alt) = (
        key.modifiers.contains(KeyModifiers::CONTROL),
        key.modifiers.contains(KeyModifiers::ALT),
    );
    matches!(
        (key.code, ctrl, alt),
        (KeyCode::Char('f'), false, true) | (KeyCode::Right, true, false)
    )
}

/// How many steps (a line break is one) from `(row, col)` to the end of the next word:
/// past any non-word characters, then past the word.
fn chars_to_word_end(lines: &[String], (row, col): (usize, usize)) -> usize {
    let mut steps = 0;
    let mut in_word = false;
    for (r, line) in lines.iter().enumerate().skip(row) {
        let skip = if r == row { col } else { 0 };
        for c in line.chars().skip(skip) {
            let word = super::plain_text::is_word(c);
            if in_word && !word {
                return steps;
            }
            in_word |= word;
            steps += 1;
        }
        if in_word {
            return steps;
        }
        if r + 1 < lines.len() {
            steps += 1;
        }
    }
    steps
}

pub fn is_undo_key(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('_' | '7' | '/'))
}

/// Text longer than this (in bytes) is edited by the plain buffer.
pub const LARGE: usize = 256 * 1024;

#[derive(Debug, Clone)]
enum Editor {
    Area(Box<TextArea<'static>>),
    Plain(PlainText),
}

#[derive(Debug, Clone)]
pub struct TextField {
    editor: Editor,
    multiline: bool,
}

impl TextField {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str, multiline: bool) -> Self {
        if text.len() > LARGE {
            return Self {
                editor: Editor::Plain(PlainText::new(text, multiline)),
                multiline,
            };
        }
        let lines: Vec<String> = if multiline {
            text.split('\n').map(str::to_owned).collect()
        } else {
            vec![text.to_owned()]
        };
        let mut area = TextArea::new(lines);
        area.set_max_histories(UNDO_DEPTH);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self {
            editor: Editor::Area(Box::new(area)),
            multiline,
        }
    }

    /// The exact text, lines joined with `\n`.
    pub fn text(&self) -> String {
        match &self.editor {
            Editor::Area(a) => a.lines().join("\n"),
            Editor::Plain(p) => p.text(),
        }
    }

    pub fn lines(&self) -> &[String] {
        match &self.editor {
            Editor::Area(a) => a.lines(),
            Editor::Plain(p) => p.lines(),
        }
    }

    /// (line, character) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        match &self.editor {
            Editor::Area(a) => {
                let c = a.cursor();
                (c.0, c.1)
            }
            Editor::Plain(p) => {
                let at = p.cursor_pos();
                (at.row, p.lines()[at.row][..at.byte].chars().count())
            }
        }
    }

    /// (line, byte offset) of the cursor: what drawing needs, without counting characters
    /// through a long line.
    pub fn cursor_byte(&self) -> (usize, usize) {
        match &self.editor {
            Editor::Area(a) => {
                let c = a.cursor();
                let (row, col) = (c.0, c.1);
                let line = &a.lines()[row];
                (
                    row,
                    line.char_indices().nth(col).map_or(line.len(), |(b, _)| b),
                )
            }
            Editor::Plain(p) => {
                let at = p.cursor_pos();
                (at.row, at.byte)
            }
        }
    }

    pub fn on_first_line(&self) -> bool {
        self.cursor_byte().0 == 0
    }

    pub fn on_last_line(&self) -> bool {
        self.cursor_byte().0 + 1 >= self.lines().len()
    }

    /// Applies a key; returns true when the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let breaks_line = matches!(key.code, KeyCode::Enter)
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if breaks_line && !self.multiline {
            return false;
        }
        match &mut self.editor {
            Editor::Area(a) => {
                // The textarea's own map has Ctrl-U as undo; readline users expect
                // kill-to-start.
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && key.code == KeyCode::Char('u') {
                    return a.delete_line_by_head();
                }
                if is_undo_key(&key) {
                    return a.undo();
                }
                // The textarea's Alt-F stops at the start of the next word; readline (and
                // the plain buffer used for big values) stops at the end of this one.
                if is_word_forward(&key) {
                    let at = a.cursor();
                    for _ in 0..chars_to_word_end(a.lines(), (at.0, at.1)) {
                        a.move_cursor(tui_textarea::CursorMove::Forward);
                    }
                    return false;
                }
                a.input(key)
            }
            Editor::Plain(p) => p.input(key),
        }
    }

    pub fn undo(&mut self) -> bool {
        match &mut self.editor {
            Editor::Area(a) => a.undo(),
            Editor::Plain(p) => p.undo(),
        }
    }

    pub fn redo(&mut self) -> bool {
        match &mut self.editor {
            Editor::Area(a) => a.redo(),
            Editor::Plain(p) => p.redo(),
        }
    }

    /// Inserts pasted text as one edit. A single-line field gets line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline {
            text
        } else {
            text.replace('\n', " ")
        };
        if let Editor::Area(a) = &self.editor {
            let size: usize = a.lines().iter().map(|l| l.len() + 1).sum();
            if size + text.len() > LARGE {
                let c = a.cursor();
                let (row, col) = (c.0, c.1);
                let plain = PlainText::new(&a.lines().join("\n"), self.multiline);
                self.editor = Editor::Plain(plain.with_cursor(row, col));
            }
        }
        match &mut self.editor {
            Editor::Area(a) => a.insert_str(text),
            Editor::Plain(p) => p.paste(&text),
        }
    }

    pub fn insert_newline(&mut self) -> bool {
        if !self.multiline {
            return false;
        }
        match &mut self.editor {
            Editor::Area(a) => {
                a.insert_newline();
                true
            }
            Editor::Plain(p) => p.insert_newline(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Alt-F (and Ctrl-Right) go to the end of the word, as readline and the plain buffer
    /// do, across punctuation and line breaks.
    #[rstest::rstest]
    #[case::from_start("aaa bbb", 0, (0, 3))]
    #[case::from_the_gap("aaa bbb", 3, (0, 7))]
    #[case::inside("aaa bbb", 1, (0, 3))]
    #[case::on_last_letter("aaa bbb", 2, (0, 3))]
    #[case::punctuation("foo-bar", 3, (0, 7))]
    #[case::next_line("ab\n  cd", 2, (1, 4))]
    #[case::at_the_end("ab", 2, (0, 2))]
    #[case::unicode("é ü", 1, (0, 5))]
    fn alt_f_ends_the_word(#[case] text: &str, #[case] right: usize, #[case] want: (usize, usize)) {
        for k in [
            KeyEvent::new(KeyCode::Char('f'), KeyModifiers::ALT),
            KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL),
        ] {
            let mut f = TextField::new(text, true);
            f.input(KeyEvent::new(KeyCode::Char('<'), KeyModifiers::ALT));
            f.input(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
            for _ in 0..right {
                f.input(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
            }
            assert!(!f.input(k), "moving changes no text");
            assert_eq!(f.cursor_byte(), want, "{text:?} from {right}");
        }
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
    fn a_huge_paste_moves_to_the_plain_buffer_without_losing_anything() {
        let mut f = TextField::new("ab", true);
        f.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        let blob = "x".repeat(LARGE);
        assert!(f.paste(&blob));
        assert!(matches!(f.editor, Editor::Plain(_)));
        assert!(f.input(key('!')));
        assert_eq!(f.text(), format!("a{blob}!b"));
        assert_eq!(f.cursor(), (0, LARGE + 2));
        assert_eq!(f.cursor_byte(), (0, LARGE + 2));
        assert!(f.input(KeyEvent::new(KeyCode::Char('_'), KeyModifiers::CONTROL)));
        assert_eq!(f.text(), format!("a{blob}b"), "undo works there too");
        assert!(f.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(f.text(), "b", "Ctrl-U kills to the start there too");
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
