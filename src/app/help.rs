//! The help overlay and the message log: opening, closing and scrolling them. What they hold
//! is counted here (by the same rules the view draws with), so scrolling stops at the end.

use super::action::{Action, Context};
use super::{App, Effect};

/// The widest the message log gets; narrower terminals use their width.
pub const LOG_WIDTH: u16 = 100;
/// The widest the key help gets.
pub const HELP_WIDTH: u16 = 64;

/// Text cut into lines of at most `width` characters, at spaces where it can (a word longer
/// than the line is cut). Counting characters, not cells: the view draws each line cut to its
/// cells, so a wide character can only shorten what is shown, never add a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split(' ') {
            let mut word: Vec<char> = word.chars().collect();
            if len > 0 && len + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            while len + word.len() > width {
                let head: String = word.drain(..width - len).collect();
                line.push_str(&head);
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            len += word.len();
            line.extend(word);
        }
        lines.push(line);
    }
    lines
}

impl App {
    /// The screen whose keys the help lists (the one under the overlays).
    pub fn help_context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else if self.detail.is_some() {
            Context::Detail
        } else if self.triage.as_ref().is_some_and(|t| !t.closed) {
            Context::Triage
        } else if self.builder.is_some() {
            // The builder takes its keys as a prompt does (its own show on its screen).
            Context::Prompt
        } else {
            Context::List
        }
    }

    pub(crate) fn show_help(&mut self) -> Vec<Effect> {
        self.help = true;
        self.command_help = false;
        self.messages_shown = false;
        self.keys_shown = false;
        self.help_scroll = 0;
        Vec::new()
    }

    /// `M` or `:messages`: the full text of the last messages, newest at the bottom.
    pub(crate) fn show_messages(&mut self) -> Vec<Effect> {
        self.show_help();
        self.messages_shown = true;
        self.help_scroll = self.help_max_scroll();
        Vec::new()
    }

    /// The lines of the message log at a box width: a time, then the text, wrapped.
    pub fn message_lines(&self, inner: usize) -> Vec<String> {
        if self.messages.is_empty() {
            return vec!["No messages yet.".to_owned()];
        }
        let mut out = Vec::new();
        for e in self.messages.entries() {
            let at = time::OffsetDateTime::from_unix_timestamp(e.at_ms / 1000)
                .map(|t| format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second()))
                .unwrap_or_default();
            out.extend(wrap(&format!("{at}  {}", e.text), inner));
        }
        out
    }

    /// How many lines the open overlay holds (without its border).
    fn help_len(&self) -> usize {
        if self.messages_shown {
            let inner = usize::from(self.width.min(LOG_WIDTH).saturating_sub(2));
            self.message_lines(inner).len()
        } else if self.keys_shown {
            self.keys_lines().len() + 2
        } else if self.command_help {
            super::command::help_lines().len() + 2
        } else {
            self.keymap.help_lines(self.help_context()).len() + 2
        }
    }

    /// The furthest the overlay scrolls: its last line at the bottom of the box.
    pub fn help_max_scroll(&self) -> u16 {
        // The box fills the screen above the status bar at most, border included.
        let visible = usize::from(self.height.saturating_sub(3)).max(1);
        u16::try_from(self.help_len().saturating_sub(visible)).unwrap_or(u16::MAX)
    }

    pub(super) fn on_help_action(&mut self, action: Action) -> Vec<Effect> {
        let page = i32::from(self.height.saturating_sub(4).max(1));
        let delta = match action {
            Action::Back | Action::Help => {
                self.help = false;
                self.messages_shown = false;
                self.command_help = false;
                self.keys_shown = false;
                return Vec::new();
            }
            Action::Interrupt => return self.interrupt(),
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => -i32::from(u16::MAX),
            Action::Bottom => i32::from(u16::MAX),
            _ => return Vec::new(),
        };
        let max = i32::from(self.help_max_scroll());
        self.help_scroll = (i32::from(self.help_scroll) + delta).clamp(0, max) as u16;
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }
}
