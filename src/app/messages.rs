//! The message log: the full text of the last messages the app showed, because the status
//! line cuts a long one to the width and the next message replaces it.

use super::App;
use std::collections::VecDeque;

/// How many messages the log keeps.
pub const LOG_LIMIT: usize = 100;

/// One message as it was shown, with when (the app's clock, ms since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at_ms: i64,
    pub text: String,
}

/// What was on screen before a message was applied, to tell what is new after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    notice: Option<String>,
    banner: Option<String>,
}

impl Shown {
    pub fn of(app: &App) -> Self {
        Self {
            notice: app.notice.clone(),
            banner: app.form.as_ref().and_then(|f| f.banner.clone()),
        }
    }
}

/// Logs the notice and banner that appeared since `before`; one that repeats the last entry
/// (a banner echoed on the status line) is logged once.
pub fn record(app: &mut App, before: Shown) {
    let now = Shown::of(app);
    for text in [now.banner, now.notice].into_iter().flatten() {
        let new = before.notice.as_ref() != Some(&text) && before.banner.as_ref() != Some(&text);
        if new {
            app.messages.push(app.now_ms, text);
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    entries: VecDeque<Entry>,
}

impl MessageLog {
    /// Oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + ExactSizeIterator {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn push(&mut self, at_ms: i64, text: String) {
        if self.entries.back().is_some_and(|e| e.text == text) {
            return;
        }
        if self.entries.len() == LOG_LIMIT {
            self.entries.pop_front();
        }
        self.entries.push_back(Entry { at_ms, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_hundred_in_full_and_no_echoes() {
        let mut log = MessageLog::default();
        for i in 0..130 {
            log.push(i, format!("message {i} {}", "x".repeat(300)));
            log.push(i, format!("message {i} {}", "x".repeat(300)));
        }
        assert_eq!(log.len(), LOG_LIMIT);
        let first = log.entries().next().expect("entries");
        assert!(first.text.starts_with("message 30 "));
        assert_eq!(first.text.len(), "message 30 ".len() + 300);
    }
}
