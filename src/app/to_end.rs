//! `G` in the list: the last row of the listing, not of what happens to be loaded. Pages
//! are fetched one after another to the real end, with progress in the title; `Esc` stops.

use super::{App, Effect};

impl App {
    /// `G`: the last loaded row now, and the following pages until the server has no more.
    pub(super) fn list_bottom(&mut self) -> Vec<Effect> {
        // The loaded-rows filter searches what is here; it never fetches behind the user.
        let effects = self.list_move(isize::MAX / 2);
        self.list.to_end = self.list.has_more && self.list.local.is_none();
        if self.list.to_end {
            self.notice = Some("Loading to the last record… Esc stops.".into());
        }
        effects
    }

    /// A page arrived while going to the end: follow it down, and say when the end is reached.
    pub(super) fn follow_to_end(&mut self) {
        if !self.list.to_end {
            return;
        }
        let rows = self.rows();
        self.list.move_by(isize::MAX / 2, rows);
        if !self.list.has_more {
            self.list.to_end = false;
            self.notice = Some(format!(
                "At the last record: all {} loaded.",
                self.list.records.len()
            ));
        }
    }

    /// `Esc` while going to the end: stop there, keeping what is loaded. True if it stopped.
    pub(super) fn stop_to_end(&mut self) -> bool {
        if !std::mem::take(&mut self.list.to_end) {
            return false;
        }
        self.notice = Some(format!(
            "Stopped loading: {} loaded; G goes on.",
            self.list.records.len()
        ));
        true
    }
}
