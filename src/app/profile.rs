//! Profiles as the app sees them: a name, a read-only or protected tier, the typed
//! confirmation a protected profile asks for before a write, and switching live.

use super::action::Action;
use super::form::TextField;
use super::{AfterGuard, App, Effect, Prompt};

/// The profile in use. `None` on the app means no profile (a plain `--base-url` or the
/// sandbox): nothing is refused or asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    /// Every write is refused before any request.
    pub read_only: bool,
    /// Every write waits for the profile's name to be typed.
    pub protected: bool,
    /// Ask for the name before every write, not once per session.
    pub confirm_every_write: bool,
    /// The colour of the name in the title bar, as configured (`red`, `#ff8800`).
    pub color: Option<String>,
}

/// Actions that write; hidden from the hints of a read-only profile.
pub fn is_write(action: Action) -> bool {
    matches!(action, Action::Save | Action::Edit | Action::Confirm)
}

impl App {
    /// True (and says why) when the profile is read-only: called before anything that would
    /// lead to a write, so nothing is sent.
    pub(super) fn refuse_read_only(&mut self, what: &str) -> bool {
        let Some(p) = self.profile.as_ref().filter(|p| p.read_only) else {
            return false;
        };
        let message = format!(
            "Profile {} is read-only: {what} refused, nothing was sent.",
            p.name
        );
        if let Some(form) = self.form.as_mut() {
            form.banner = Some(message.clone());
        }
        self.notice = Some(message);
        self.after_save = None;
        true
    }

    /// Before a write on a protected profile: true when the name must be typed first (the
    /// prompt is then open). Once typed, the session is confirmed unless every write asks.
    pub(super) fn must_confirm_write(&mut self) -> bool {
        let Some(p) = self.profile.as_ref().filter(|p| p.protected) else {
            return false;
        };
        if std::mem::take(&mut self.write_confirmed_once)
            || (self.profile_confirmed && !p.confirm_every_write)
        {
            return false;
        }
        self.prompt = Some(Prompt::Confirm(TextField::new("", false)));
        self.notice = Some(format!(
            "Protected profile: type {} and Enter to write; Esc cancels (nothing is sent).",
            p.name
        ));
        true
    }

    /// The profile name a bulk change must be typed with before it applies: a protected
    /// profile not yet confirmed this session, or one that asks before every write. Asked
    /// inside the bulk preview, which holds the keys while it is open.
    pub(super) fn name_wanted(&self) -> Option<String> {
        let p = self.profile.as_ref().filter(|p| p.protected)?;
        (!self.profile_confirmed || p.confirm_every_write).then(|| p.name.clone())
    }

    /// The field for that name, shown at once unless the count is typed first.
    pub(super) fn name_field(&self, now: bool) -> Option<TextField> {
        (now && self.name_wanted().is_some()).then(|| TextField::new("", false))
    }

    /// Enter in the confirmation: the right name lets the waiting save go; anything else
    /// keeps the prompt open and says so.
    pub(super) fn answer_confirmation(&mut self, typed: &str) -> Vec<Effect> {
        let Some(name) = self.profile.as_ref().map(|p| p.name.clone()) else {
            self.prompt = None;
            return Vec::new();
        };
        if typed != name {
            self.prompt = Some(Prompt::Confirm(TextField::new(typed, false)));
            self.notice = Some(format!(
                "That is not {name}: type it exactly to write; Esc cancels."
            ));
            return Vec::new();
        }
        self.prompt = None;
        self.profile_confirmed = true;
        self.write_confirmed_once = true;
        // A write other than the form's save (a delete, an undo) waited with its effects.
        if let Some(effects) = self.after_confirm.take() {
            self.write_confirmed_once = false;
            return effects;
        }
        if let Some(key) = self.after_confirm_key.take() {
            return self.on_key(key);
        }
        self.save()
    }

    /// A triage key that writes: refused on a read-only profile; on a protected one it
    /// waits for the name and is pressed again once the name is typed. True: do not act now.
    pub(super) fn hold_write_key(&mut self, key: crossterm::event::KeyEvent) -> bool {
        if self.refuse_read_only("triage actions") {
            return true;
        }
        if self.must_confirm_write() {
            self.after_confirm_key = Some(key);
            return true;
        }
        false
    }

    /// Runs a write now, or once a protected profile's name is typed.
    pub(super) fn confirmed_write(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        if self.must_confirm_write() {
            self.after_confirm = Some(effects);
            return Vec::new();
        }
        effects
    }

    /// Esc in the confirmation: the write does not happen, the form keeps every edit.
    pub(super) fn cancel_confirmation(&mut self) -> Vec<Effect> {
        self.prompt = None;
        self.after_save = None;
        let key = self.after_confirm_key.take();
        if self.after_confirm.take().is_some() || key.is_some() {
            self.import_not_confirmed();
            self.notice = Some("Nothing was sent.".into());
            return Vec::new();
        }
        self.notice = Some("Not saved: nothing was sent; your edits are kept.".into());
        Vec::new()
    }

    /// `:profile NAME`: an open form with changes is asked about first.
    pub(super) fn switch_profile(&mut self, name: String) -> Vec<Effect> {
        if self.form.as_ref().is_some_and(|f| f.is_dirty()) {
            self.pending_profile = Some(name);
            self.guard = Some(AfterGuard::SwitchProfile);
            return Vec::new();
        }
        self.notice = Some(format!("Switching to profile {name}…"));
        vec![Effect::SwitchProfile { name }]
    }

    /// The runtime connected to another profile (or could not): on success everything that
    /// belonged to the old server is dropped and the list loads from the new one.
    pub(super) fn on_profile_switched(
        &mut self,
        result: Result<(Profile, String), String>,
    ) -> Vec<Effect> {
        let (profile, key_source) = match result {
            Ok(ok) => ok,
            Err(e) => {
                self.notice = Some(format!("Still on the same server: {e}"));
                return Vec::new();
            }
        };
        self.notice = Some(format!("Now on profile {}.", profile.name));
        self.source.label = profile.name.clone();
        self.profile = Some(profile);
        self.key_source = Some(key_source);
        self.profile_confirmed = false;
        self.write_confirmed_once = false;
        self.list = super::list::ListState::default();
        self.detail = None;
        self.form = None;
        self.draft_due = None;
        self.known = Default::default();
        self.drafts_offer.clear();
        self.offer = None;
        vec![self.load_first_page(), Effect::ListDrafts]
    }
}
