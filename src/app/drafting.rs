//! Keeping open edits in the draft journal, and offering drafts left by an earlier run.
//!
//! The offer never destroys an edit by accident: it takes keys only once it has been on
//! screen for [`OFFER_ARM`] (keys typed before go where they were typed and the offer steps
//! aside), and discarding asks again.

use super::action::Action;
use super::form::Form;
use super::form::draft::Draft;
use super::{App, Effect, Ticket};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

/// The journal writes this long after the last keystroke (and at once on a field change).
pub const DRAFT_PAUSE: Duration = Duration::from_secs(1);

/// How long the offer must have been on screen before a key answers it: faster than anyone
/// reads a dialog, slower than type-ahead.
pub const OFFER_ARM: Duration = Duration::from_millis(300);

/// The draft offer on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// Which of `drafts_offer` is offered.
    pub index: usize,
    /// Keys answer the offer only once it has been seen.
    pub armed: bool,
    /// `d` was pressed: `y` discards, anything else keeps the draft.
    pub confirm_discard: bool,
    /// Offered over the form of the same record (opened while its draft waited).
    pub in_form: bool,
    ticket: Ticket,
}

impl App {
    /// After an edit: schedule a journal write for when typing pauses.
    pub(super) fn form_edited(&mut self) -> Vec<Effect> {
        // A refused save's message follows the fields: fixed, it goes; changed, it changes.
        // Any other message (Saved., a failure) is about the form before this edit.
        if let Some(f) = self.form.as_mut().filter(|f| f.refused) {
            self.notice = f.banner.clone();
            f.refused = f.banner.is_some();
        } else {
            self.notice = None;
        }
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
        match self.form.as_mut().filter(|f| f.is_dirty()) {
            Some(f) => {
                f.journaled = true;
                vec![Effect::WriteDraft {
                    draft: Box::new(f.to_draft()),
                }]
            }
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
            let save = self.keymap.say(Action::Save, super::Context::Form);
            if let Some(f) = self.form.as_mut() {
                f.banner.get_or_insert_with(|| {
                    format!("Drafts are not being kept ({problem}); {save} still saves.")
                });
            }
        }
        Vec::new()
    }

    pub(super) fn on_drafts_found(
        &mut self,
        drafts: Vec<Draft>,
        problems: Vec<String>,
    ) -> Vec<Effect> {
        if !problems.is_empty() {
            self.notice = Some(format!(
                "Could not read {} draft file(s) (left in place): {}",
                problems.len(),
                problems.join("; ")
            ));
        }
        self.drafts_offer = drafts;
        if self.drafts_offer.is_empty() || self.form.is_some() {
            return Vec::new();
        }
        // Keys typed before the drafts were even found are type-ahead for something else.
        if self.typed {
            self.remind_of_drafts();
            return Vec::new();
        }
        self.show_offer(0, false)
    }

    /// Puts the offer of draft `index` on screen; it takes keys after [`OFFER_ARM`].
    fn show_offer(&mut self, index: usize, in_form: bool) -> Vec<Effect> {
        let ticket = self.ticket();
        self.offer = Some(Offer {
            index,
            armed: false,
            confirm_discard: false,
            in_form,
            ticket,
        });
        vec![Effect::ArmOffer {
            ticket,
            delay: OFFER_ARM,
        }]
    }

    pub(super) fn on_offer_armed(&mut self, ticket: Ticket) -> Vec<Effect> {
        if let Some(o) = self.offer.as_mut().filter(|o| o.ticket == ticket) {
            o.armed = true;
        }
        Vec::new()
    }

    /// A key that came before the offer could be seen: the offer steps aside, unanswered,
    /// and the key goes to the screen below. Returns whether it did.
    pub(super) fn offer_steps_aside(&mut self) -> bool {
        if self.offer.as_ref().is_none_or(|o| o.armed) {
            return false;
        }
        self.offer = None;
        self.remind_of_drafts();
        true
    }

    fn remind_of_drafts(&mut self) {
        if !self.drafts_offer.is_empty() {
            self.notice = Some(format!(
                "{} draft(s) from an earlier session are kept: O reviews them.",
                self.drafts_offer.len()
            ));
        }
    }

    /// `O`: the drafts from an earlier session, at once (the user asked for them).
    pub(super) fn review_drafts(&mut self) -> Vec<Effect> {
        if self.drafts_offer.is_empty() {
            self.notice = Some("No drafts from an earlier session.".into());
            return Vec::new();
        }
        let effects = self.show_offer(0, false);
        if let Some(o) = self.offer.as_mut() {
            o.armed = true;
        }
        effects
    }

    /// Opening a record that has a waiting draft offers it over the form.
    pub(super) fn offer_draft_of(&mut self, id: &str) -> Vec<Effect> {
        match self.drafts_offer.iter().position(|d| d.base.id == id) {
            Some(index) => self.show_offer(index, true),
            None => Vec::new(),
        }
    }

    /// The second key of a discard: only `y` discards.
    pub(super) fn on_discard_answer(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(offer) = self.offer.clone() else {
            return Vec::new();
        };
        let yes = key.code == KeyCode::Char('y') && !key.modifiers.contains(KeyModifiers::CONTROL);
        if !yes || offer.index >= self.drafts_offer.len() {
            if let Some(o) = self.offer.as_mut() {
                o.confirm_discard = false;
            }
            self.notice = Some("The draft is kept.".into());
            return Vec::new();
        }
        let draft = self.drafts_offer.remove(offer.index);
        self.notice = Some("Draft discarded.".into());
        self.offer = None;
        let mut effects = forget_file(&draft);
        if !offer.in_form && !self.drafts_offer.is_empty() {
            effects.extend(self.review_drafts());
        }
        effects
    }

    /// The offer: `s` resumes, `d` discards (asks again), Esc decides later (over a form:
    /// keeps the server's version, and the draft stays).
    pub(super) fn on_offer_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(offer) = self.offer.clone() else {
            return Vec::new();
        };
        match action {
            Action::Resume if offer.index < self.drafts_offer.len() => self.resume(offer.index),
            Action::Discard => {
                if let Some(o) = self.offer.as_mut() {
                    o.confirm_discard = true;
                }
                Vec::new()
            }
            Action::Back => {
                self.offer = None;
                self.remind_of_drafts();
                Vec::new()
            }
            Action::Interrupt => {
                self.offer = None;
                self.interrupt()
            }
            _ => Vec::new(),
        }
    }

    /// Opens the draft in the form. It becomes this session's draft (written here first),
    /// then the earlier session's file goes.
    fn resume(&mut self, index: usize) -> Vec<Effect> {
        let draft = self.drafts_offer.remove(index);
        self.offer = None;
        // Resuming a draft whose record changed since is caught as a conflict on save.
        let form = Form::from_draft(&draft);
        let mut effects = vec![Effect::WriteDraft {
            draft: Box::new(form.to_draft()),
        }];
        effects.extend(forget_file(&draft));
        self.form = Some(Box::new(form));
        self.remind_of_drafts();
        effects
    }
}

fn forget_file(draft: &Draft) -> Vec<Effect> {
    draft
        .origin
        .iter()
        .map(|path| Effect::DeleteDraftFile { path: path.clone() })
        .collect()
}

#[cfg(test)]
mod tests;
