//! Keeping open edits in the draft journal, and offering drafts left by an earlier run.

use super::action::Action;
use super::form::Form;
use super::form::draft::Draft;
use super::{App, Effect, Ticket};
use std::time::Duration;

/// The journal writes this long after the last keystroke (and at once on a field change).
pub const DRAFT_PAUSE: Duration = Duration::from_secs(1);

impl App {
    /// After an edit: schedule a journal write for when typing pauses.
    pub(super) fn form_edited(&mut self) -> Vec<Effect> {
        if !self.form.as_ref().is_some_and(|f| f.is_dirty()) {
            return Vec::new();
        }
        let ticket = self.ticket();
        self.draft_due = Some(ticket);
        vec![Effect::DraftDue {
            ticket,
            delay: DRAFT_PAUSE,
        }]
    }

    /// Writes the open form's draft now, if it has changes.
    pub(super) fn write_draft(&mut self) -> Vec<Effect> {
        self.draft_due = None;
        match self.form.as_ref().filter(|f| f.is_dirty()) {
            Some(f) => vec![Effect::WriteDraft {
                draft: Box::new(f.to_draft()),
            }],
            None => Vec::new(),
        }
    }

    pub(super) fn on_draft_due(&mut self, ticket: Ticket) -> Vec<Effect> {
        if self.draft_due != Some(ticket) {
            return Vec::new();
        }
        self.write_draft()
    }

    pub(super) fn on_draft_written(&mut self, result: Result<String, String>) -> Vec<Effect> {
        if let Err(problem) = result {
            // Said at once and kept visible in the form: saving still works without drafts.
            self.notice = Some(format!("Drafts are not being kept: {problem}"));
            if let Some(f) = self.form.as_mut() {
                f.banner.get_or_insert_with(|| {
                    format!("Drafts are not being kept ({problem}); Ctrl-S still saves.")
                });
            }
        }
        Vec::new()
    }

    pub(super) fn on_drafts_found(&mut self, drafts: Vec<Draft>) -> Vec<Effect> {
        self.drafts_offer = drafts;
        Vec::new()
    }

    /// The offer of a draft from last time: `s` resumes it, `d` discards it, Esc decides later.
    pub(super) fn on_offer_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm if !self.drafts_offer.is_empty() => {
                let draft = self.drafts_offer.remove(0);
                // Resuming a draft whose record changed since is caught as a conflict on save.
                self.form = Some(Box::new(Form::from_draft(&draft)));
                Vec::new()
            }
            Action::Discard if !self.drafts_offer.is_empty() => {
                let draft = self.drafts_offer.remove(0);
                vec![Effect::DeleteDraft { id: draft.base.id }]
            }
            Action::Back => {
                self.drafts_offer.clear();
                Vec::new()
            }
            Action::Interrupt => self.interrupt(),
            _ => Vec::new(),
        }
    }
}
