//! What `y` and `Y` copy (the id, the record as pretty JSON) and what the status line says;
//! the runtime sends it to the terminal's clipboard (OSC 52), so it works over SSH.

use super::{App, Effect};

impl App {
    /// `y`: the open record's id, else the selected row's.
    pub(super) fn copy_id(&mut self) -> Vec<Effect> {
        let id = match (&self.detail, self.list.selected_record()) {
            (Some(d), _) => d.id.clone(),
            (None, Some(row)) => row.id.to_string(),
            (None, None) => return Vec::new(),
        };
        self.copied(&format!("the id {id}"), id)
    }

    /// `Y`: the open record, as the server sent it, in pretty JSON.
    pub(super) fn copy_json(&mut self) -> Vec<Effect> {
        let Some(record) = self.detail.as_ref().and_then(|d| d.record.as_ref()) else {
            if let Some(d) = self.detail.as_mut() {
                d.yank_when_loaded = true;
                self.notice = Some("Copying the record as JSON once it is here…".into());
            }
            return Vec::new();
        };
        match serde_json::to_string_pretty(record) {
            Ok(json) => {
                let what = format!("the record as JSON ({} lines)", json.lines().count());
                self.copied(&what, json)
            }
            Err(e) => {
                self.notice = Some(format!("Nothing copied: {e}"));
                Vec::new()
            }
        }
    }

    /// `Y` on the list: the list keeps only what it shows, so the record is opened (and
    /// fetched whole) and copied as soon as it is here.
    pub(super) fn yank_from_list(&mut self) -> Vec<Effect> {
        let effects = self.open_detail();
        if let Some(d) = self.detail.as_mut() {
            d.yank_when_loaded = true;
            self.notice = Some("Fetching the record to copy it as JSON…".into());
        }
        effects
    }

    pub(super) fn copied(&mut self, what: &str, text: String) -> Vec<Effect> {
        // Whether it arrived is up to the terminal (and tmux), which never says: hence
        // the reminder.
        self.notice = Some(format!(
            "Copied {what} via OSC 52 (the terminal must allow it)."
        ));
        vec![Effect::Copy { text }]
    }
}
