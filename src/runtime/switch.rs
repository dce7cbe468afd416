//! `:profile NAME` on the runtime's side: connect with the profile's settings, then move the
//! client, the draft journal, the `:` history and the journal of writes over to it.

use super::{Runner, diff, drafts, history};
use crate::api::Client;
use crate::app::Msg;
use crate::app::profile::Profile;
use ratatui::backend::Backend;
use std::time::Duration;

/// A profile, connected: what the app needs to work against it.
pub struct Connected {
    pub client: Client,
    pub profile: Profile,
    /// Where its key came from, in words (for a 401).
    pub key_source: String,
}

/// Connects to a named profile. Built by the command line from the config file and the
/// environment read at start, so the runtime never reads either itself.
pub type Connector = Box<dyn FnMut(&str) -> Result<Connected, String> + Send>;

impl<B: Backend + diff::ScrollRows> Runner<B> {
    /// Lets `:profile NAME` connect elsewhere; without a connector it says it cannot.
    pub fn with_connector(mut self, connector: Connector) -> Self {
        self.connector = Some(connector);
        self
    }

    /// Connects, and on success swaps everything that belongs to one server. Requests of the
    /// old server still in flight are cancelled; any late answer is dropped by its ticket.
    pub(super) fn switch_profile(&mut self, name: &str) {
        let connected = match self.connector.as_mut() {
            Some(connect) => connect(name),
            None => Err("profiles come from the config file, and none was read".to_owned()),
        };
        let result = connected.map(|c| {
            self.client = c.client;
            for t in self.detail_tasks.drain(..).chain(self.list_tasks.drain(..)) {
                t.abort();
            }
            self.move_files_to(&c.profile.name);
            (c.profile, c.key_source)
        });
        let _ = self.tx.send(Msg::ProfileSwitched {
            result: Box::new(result),
        });
    }

    /// Drafts, history and the journal of writes are per profile: the old journal finishes what it was asked to
    /// do (a discard, say) before the new profile's directory is taken.
    fn move_files_to(&mut self, profile: &str) {
        if let Some(old) = self.journal.take() {
            old.flush(Duration::from_secs(2));
            self.app.drafts_dir = None;
            match drafts::Journal::for_server(profile) {
                Ok(j) => self.attach_journal(j),
                Err(e) => self.app.notice = Some(format!("Drafts are not being kept: {e}")),
            }
        }
        if self.history.take().is_some()
            && let Some(h) = history::HistoryFile::for_profile(profile)
        {
            self.app.command_history = h.load();
            self.history = Some(std::sync::Arc::new(h));
        }
        // The journal of writes too: `:undo` after a switch must not reach the other server.
        if self.writes.take().is_some()
            && let Some(w) = super::writes::WriteLog::for_server(profile)
        {
            self.writes = Some(std::sync::Arc::new(w));
        }
    }
}
