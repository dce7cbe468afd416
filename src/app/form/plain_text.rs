//! An editable text for values too large for the textarea, which re-measures its whole text
//! on every key (about 17 ms per key at 1 MB). This buffer touches only the line being edited
//! and never measures widths (the form draws what is visible itself), so a key costs the same
//! at 1 MB as at 1 KB. It follows the field's keys: readline motions and kills (Ctrl-U kills
//! to the start), Ctrl-_ undo, Ctrl-R redo.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A place in the text: line and byte offset (always on a character boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub row: usize,
    pub byte: usize,
}

/// One change, enough to undo and redo it.
#[derive(Debug, Clone)]
enum Edit {
    Insert { at: Pos, text: String },
    Remove { at: Pos, text: String },
}

/// How many changes can be undone; a megabyte paste is one change.
const HISTORY: usize = 500;

#[derive(Debug, Clone)]
pub struct PlainText {
    lines: Vec<String>,
    cursor: Pos,
    multiline: bool,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl PlainText {
    pub fn new(text: &str, multiline: bool) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let row = lines.len() - 1;
        let byte = lines[row].len();
        Self {
            lines,
            cursor: Pos { row, byte },
            multiline,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Places the cursor at (line, character), clamped to the text.
    pub fn with_cursor(mut self, row: usize, col: usize) -> Self {
        let row = row.min(self.lines.len() - 1);
        let line = &self.lines[row];
        let byte = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        self.cursor = Pos { row, byte };
        self
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn cursor_pos(&self) -> Pos {
        self.cursor
    }

    /// Inserts `text` at `at`; returns where it ends.
    fn raw_insert(&mut self, at: Pos, text: &str) -> Pos {
        let mut parts = text.split('\n');
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let line = &mut self.lines[at.row];
        if rest.is_empty() {
            line.insert_str(at.byte, first);
            return Pos {
                row: at.row,
                byte: at.byte + first.len(),
            };
        }
        let tail = line.split_off(at.byte);
        line.push_str(first);
        let last = rest.len() - 1;
        let mut new_lines: Vec<String> = rest.iter().map(|s| (*s).to_owned()).collect();
        let end = Pos {
            row: at.row + rest.len(),
            byte: new_lines[last].len(),
        };
        new_lines[last].push_str(&tail);
        self.lines.splice(at.row + 1..at.row + 1, new_lines);
        end
    }

    /// Removes the text between `from` and `to`; returns it.
    fn raw_remove(&mut self, from: Pos, to: Pos) -> String {
        if from.row == to.row {
            return self.lines[from.row].drain(from.byte..to.byte).collect();
        }
        let tail = self.lines[to.row].split_off(to.byte);
        let mut removed = self.lines[from.row].split_off(from.byte);
        for line in self.lines.drain(from.row + 1..=to.row) {
            removed.push('\n');
            removed.push_str(&line);
        }
        self.lines[from.row].push_str(&tail);
        removed
    }

    fn record(&mut self, edit: Edit) {
        self.redo.clear();
        self.undo.push(edit);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
    }

    fn insert(&mut self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        let at = self.cursor;
        self.cursor = self.raw_insert(at, text);
        self.record(Edit::Insert {
            at,
            text: text.to_owned(),
        });
        true
    }

    fn remove(&mut self, from: Pos, to: Pos) -> bool {
        if from == to {
            return false;
        }
        let text = self.raw_remove(from, to);
        self.cursor = from;
        self.record(Edit::Remove { at: from, text });
        true
    }

    /// Inserts pasted text as one change.
    pub fn paste(&mut self, text: &str) -> bool {
        self.insert(text)
    }

    pub fn insert_newline(&mut self) -> bool {
        self.multiline && self.insert("\n")
    }

    fn line(&self) -> &str {
        &self.lines[self.cursor.row]
    }

    fn prev(&self, p: Pos) -> Option<Pos> {
        match self.lines[p.row][..p.byte].chars().next_back() {
            Some(c) => Some(Pos {
                byte: p.byte - c.len_utf8(),
                ..p
            }),
            None if p.row > 0 => Some(Pos {
                row: p.row - 1,
                byte: self.lines[p.row - 1].len(),
            }),
            None => None,
        }
    }

    fn next(&self, p: Pos) -> Option<Pos> {
        match self.lines[p.row][p.byte..].chars().next() {
            Some(c) => Some(Pos {
                byte: p.byte + c.len_utf8(),
                ..p
            }),
            None if p.row + 1 < self.lines.len() => Some(Pos {
                row: p.row + 1,
                byte: 0,
            }),
            None => None,
        }
    }

    fn char_at(&self, p: Pos) -> Option<char> {
        self.lines[p.row][p.byte..].chars().next()
    }

    fn char_before(&self, p: Pos) -> Option<char> {
        self.lines[p.row][..p.byte].chars().next_back()
    }

    /// The start of the word before `p` (readline's Alt-B, Ctrl-W); crosses line starts.
    fn word_back(&self, mut p: Pos) -> Pos {
        loop {
            match self.char_before(p) {
                Some(c) if !is_word(c) => p.byte -= c.len_utf8(),
                Some(_) => break,
                None if p.row > 0 => {
                    p = Pos {
                        row: p.row - 1,
                        byte: self.lines[p.row - 1].len(),
                    }
                }
                None => return p,
            }
        }
        while let Some(c) = self.char_before(p).filter(|c| is_word(*c)) {
            p.byte -= c.len_utf8();
        }
        p
    }

    /// The end of the word after `p` (readline's Alt-F, Alt-D); crosses line ends.
    fn word_forward(&self, mut p: Pos) -> Pos {
        loop {
            match self.char_at(p) {
                Some(c) if !is_word(c) => p.byte += c.len_utf8(),
                Some(_) => break,
                None if p.row + 1 < self.lines.len() => {
                    p = Pos {
                        row: p.row + 1,
                        byte: 0,
                    }
                }
                None => return p,
            }
        }
        while let Some(c) = self.char_at(p).filter(|c| is_word(*c)) {
            p.byte += c.len_utf8();
        }
        p
    }

    fn vertical(&mut self, down: bool) {
        let col = self.line()[..self.cursor.byte].chars().count();
        let row = match down {
            true if self.cursor.row + 1 < self.lines.len() => self.cursor.row + 1,
            false if self.cursor.row > 0 => self.cursor.row - 1,
            _ => return,
        };
        let line = &self.lines[row];
        let byte = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        self.cursor = Pos { row, byte };
    }

    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        match &edit {
            Edit::Insert { at, text } => {
                let end = self.end_of(*at, text);
                self.raw_remove(*at, end);
                self.cursor = *at;
            }
            Edit::Remove { at, text } => {
                self.cursor = self.raw_insert(*at, text);
            }
        }
        self.redo.push(edit);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        match &edit {
            Edit::Insert { at, text } => self.cursor = self.raw_insert(*at, text),
            Edit::Remove { at, text } => {
                let end = self.end_of(*at, text);
                self.raw_remove(*at, end);
                self.cursor = *at;
            }
        }
        self.undo.push(edit);
        true
    }

    /// Where `text` ends if it starts at `at`.
    fn end_of(&self, at: Pos, text: &str) -> Pos {
        match text.rfind('\n') {
            Some(i) => Pos {
                row: at.row + text.matches('\n').count(),
                byte: text.len() - i - 1,
            },
            None => Pos {
                row: at.row,
                byte: at.byte + text.len(),
            },
        }
    }

    /// Applies a key as the textarea would; returns true when the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let here = self.cursor;
        let line_start = Pos { byte: 0, ..here };
        let line_end = Pos {
            byte: self.line().len(),
            ..here
        };
        match (key.code, ctrl, alt) {
            (KeyCode::Enter, ..) | (KeyCode::Char('m'), true, false) => self.insert_newline(),
            (KeyCode::Char(c), false, false) => self.insert(c.encode_utf8(&mut [0; 4])),
            (KeyCode::Backspace, false, false) | (KeyCode::Char('h'), true, false) => {
                self.prev(here).is_some_and(|p| self.remove(p, here))
            }
            (KeyCode::Delete, false, false) | (KeyCode::Char('d'), true, false) => {
                self.next(here).is_some_and(|n| self.remove(here, n))
            }
            (KeyCode::Char('k'), true, false) => self.remove(here, line_end),
            (KeyCode::Char('j'), true, false) => self.remove(line_start, here),
            (KeyCode::Char('w'), true, false)
            | (KeyCode::Backspace, false, true)
            | (KeyCode::Char('h'), false, true) => {
                let from = self.word_back(here);
                self.remove(from, here)
            }
            (KeyCode::Char('d') | KeyCode::Delete, false, true) => {
                let to = self.word_forward(here);
                self.remove(here, to)
            }
            (KeyCode::Char('u'), true, false) => self.remove(line_start, here),
            (KeyCode::Char('_' | '7' | '/'), true, false) => self.undo(),
            (KeyCode::Char('r'), true, false) => self.redo(),
            _ => {
                self.motion(key.code, ctrl, alt);
                false
            }
        }
    }

    fn motion(&mut self, code: KeyCode, ctrl: bool, alt: bool) {
        let here = self.cursor;
        let moved = match (code, ctrl, alt) {
            (KeyCode::Left, false, false) | (KeyCode::Char('b'), true, false) => self.prev(here),
            (KeyCode::Right, false, false) | (KeyCode::Char('f'), true, false) => self.next(here),
            (KeyCode::Char('b'), false, true) | (KeyCode::Left, true, _) => {
                Some(self.word_back(here))
            }
            (KeyCode::Char('f'), false, true) | (KeyCode::Right, true, _) => {
                Some(self.word_forward(here))
            }
            (KeyCode::Home, ..) | (KeyCode::Char('a'), true, false) => {
                Some(Pos { byte: 0, ..here })
            }
            (KeyCode::End, ..) | (KeyCode::Char('e'), true, false) => Some(Pos {
                byte: self.line().len(),
                ..here
            }),
            (KeyCode::Up, false, false) | (KeyCode::Char('p'), true, false) => {
                self.vertical(false);
                None
            }
            (KeyCode::Down, false, false) | (KeyCode::Char('n'), true, false) => {
                self.vertical(true);
                None
            }
            _ => None,
        };
        if let Some(p) = moved {
            self.cursor = p;
        }
    }
}

#[cfg(test)]
mod tests;
