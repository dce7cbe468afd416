//! `:keys`: the keys in force in every context, as a scrollable overlay like the help.

use super::action::{Context, KeyRow};
use super::{App, Effect};

/// One line of the `:keys` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysLine {
    /// A context's heading, with a blank line before all but the first.
    Heading(Context),
    Row(KeyRow),
    Blank,
}

impl App {
    /// `:keys`: opens the table at the top.
    pub(super) fn show_keys(&mut self) -> Vec<Effect> {
        self.show_help();
        self.keys_shown = true;
        Vec::new()
    }

    /// The table's lines: per context, a heading and one row per verb.
    pub fn keys_lines(&self) -> Vec<KeysLine> {
        let mut out = Vec::new();
        let mut last = None;
        for row in self.keymap.rows() {
            if last != Some(row.context) {
                if last.is_some() {
                    out.push(KeysLine::Blank);
                }
                out.push(KeysLine::Heading(row.context));
                last = Some(row.context);
            }
            out.push(KeysLine::Row(row));
        }
        out
    }
}
