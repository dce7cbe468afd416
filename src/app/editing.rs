//! The edit form's verbs, saving, and the unsaved-changes guard.

use super::action::Action;
use super::effect::SaveError;
use super::form::{FieldPath, Form, SaveStatus};
use super::{AfterGuard, App, Effect, Ticket};
use crate::api::Record;

impl App {
    /// Opens the form on `record`; a draft of it left by an earlier session is offered.
    pub(super) fn open_form(&mut self, record: &Record) -> Vec<Effect> {
        self.form = Some(Box::new(Form::open(record)));
        self.notice = None;
        self.offer_draft_of(&record.id)
    }

    pub(super) fn on_form_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::Save => return self.save(),
            Action::SaveAndClose => {
                self.after_save = Some(AfterGuard::CloseForm);
                return self.save();
            }
            Action::JumpToKey => return self.open_jump(),
            Action::OpenClash => return self.open_clash(),
            Action::CommandLine => return self.open_command_line(),
            Action::ExternalEditor => {
                self.chord = true;
                self.notice = Some("Ctrl-X: Ctrl-E opens the value in $VISUAL/$EDITOR.".into());
                return Vec::new();
            }
            Action::FirstField | Action::LastField => {
                let order = form.focus_order();
                let end = if action == Action::FirstField {
                    order.first()
                } else {
                    order.last()
                };
                form.focus = end.copied().unwrap_or(FieldPath::Name);
                return self.write_draft();
            }
            Action::Undo => {
                if !form.undo() {
                    self.notice = Some("Nothing to undo.".into());
                }
            }
            Action::Redo => {
                if !form.redo() {
                    self.notice = Some("Nothing to redo.".into());
                }
            }
            Action::Back => return self.leave_form(AfterGuard::CloseForm),
            Action::Interrupt => return self.interrupt(),
            Action::Help => return self.show_help(),
            // Moving between fields is a natural moment to journal the edit.
            Action::NextField | Action::PrevField => {
                form.step_focus(action == Action::NextField);
                return self.write_draft();
            }
            Action::AddRow => form.add_row(),
            Action::RemoveRow => form.remove_row(),
            Action::MoveRowUp => form.move_row(true),
            Action::MoveRowDown => form.move_row(false),
            Action::CycleValueType => form.cycle_kind(),
            Action::TakeTheirs => form.take_theirs(),
            Action::NewLine => form.insert_newline(),
            _ => return Vec::new(),
        }
        self.form_edited()
    }

    /// Up/Down in a multi-line value move inside it until its first/last line.
    pub(super) fn arrow_in_form(&mut self, up: bool) -> bool {
        self.form
            .as_ref()
            .is_some_and(|f| !f.arrow_leaves_field(up))
    }

    /// Ctrl-C: quit, but never silently drop edits.
    pub(super) fn interrupt(&mut self) -> Vec<Effect> {
        if self.form.as_ref().is_some_and(|f| f.is_dirty()) {
            self.help = false;
            self.prompt = None;
            self.guard = Some(AfterGuard::Quit);
            return Vec::new();
        }
        self.quit()
    }

    pub(super) fn leave_form(&mut self, then: AfterGuard) -> Vec<Effect> {
        if self.form.as_ref().is_some_and(|f| f.is_dirty()) {
            self.guard = Some(then);
            return Vec::new();
        }
        self.finish(then)
    }

    fn finish(&mut self, then: AfterGuard) -> Vec<Effect> {
        self.guard = None;
        self.after_save = None;
        self.draft_due = None;
        // Leaving a form (saved, unchanged, or discarded on purpose) ends its draft; a form
        // that never wrote one leaves every draft file alone.
        let forget = self
            .form
            .as_ref()
            .filter(|f| f.journaled)
            .map(|f| Effect::DeleteDraft { id: f.id.clone() });
        match then {
            AfterGuard::CloseForm => {
                // "New record: Ctrl-S creates it." is about a form no longer there.
                if self.form.take().is_some_and(|f| f.creating) {
                    self.notice = None;
                }
                if self.detail.as_ref().is_some_and(|d| d.only_for_edit) {
                    self.detail = None;
                }
                forget.into_iter().collect()
            }
            AfterGuard::OpenClash => {
                let mut effects: Vec<Effect> = forget.into_iter().collect();
                effects.extend(self.finish_open_clash());
                effects
            }
            // Quitting keeps the draft unless the user discarded it or it is saved.
            AfterGuard::Quit => self.quit(),
            AfterGuard::SwitchProfile => {
                self.form = None;
                self.detail = None;
                let mut effects: Vec<Effect> = forget.into_iter().collect();
                if let Some(name) = self.pending_profile.take() {
                    effects.extend(self.switch_profile(name));
                }
                effects
            }
        }
    }

    /// The unsaved-changes question: save, discard, or keep editing.
    pub(super) fn on_guard_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(then) = self.guard else {
            return Vec::new();
        };
        match action {
            Action::Confirm => {
                self.guard = None;
                self.after_save = Some(then);
                self.save()
            }
            Action::Discard => {
                let mut effects = self.finish(then);
                // Discard means deleted: the form goes too, so nothing on the way out (a quit
                // writes open edits) can bring the draft back.
                if let Some(f) = self.form.take() {
                    effects.extend(f.journaled.then(|| Effect::DeleteDraft { id: f.id }));
                }
                self.detail = self.detail.take().filter(|d| !d.only_for_edit);
                effects
            }
            Action::Back => {
                self.guard = None;
                Vec::new()
            }
            // A second Ctrl-C while asked means it: leave without saving.
            Action::Interrupt => self.finish(AfterGuard::Quit),
            _ => Vec::new(),
        }
    }

    /// Ctrl-S: refused while anything is invalid (focus goes to the first problem); otherwise
    /// only the changed fields are sent, after the runtime checks nobody saved in between.
    pub(super) fn save(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("saving") {
            return Vec::new();
        }
        let ticket = self.ticket();
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        if matches!(form.status, SaveStatus::Saving(_)) {
            self.notice = Some("Already saving…".into());
            return Vec::new();
        }
        form.local = form.validate();
        if let Some(path) = form
            .focus_order()
            .into_iter()
            .find(|p| form.local.contains_key(p))
        {
            form.focus = path;
            form.banner = form.refusal();
            form.refused = true;
            self.notice = form.banner.clone();
            self.after_save = None;
            return Vec::new();
        }
        let update = form.update().filter(|_| form.is_dirty());
        let Some(update) = update else {
            form.banner = None;
            self.notice = Some("Nothing to save: no field changed.".into());
            let then = self.after_save.take();
            return then.map(|t| self.finish(t)).unwrap_or_default();
        };
        // Asked only now, so the name is never typed for a save that would be refused.
        if self.must_confirm_write() {
            return Vec::new();
        }
        if self.form.as_ref().is_some_and(|f| f.creating) {
            return self.create(ticket);
        }
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let base_updated_at = form.base.updated_at.clone();
        form.status = SaveStatus::Saving(ticket);
        form.sent = form.intent().map(Box::new);
        form.banner = None;
        self.notice = Some("Saving…".into());
        vec![Effect::SaveRecord {
            ticket,
            id: form.id.clone(),
            base_updated_at,
            update,
        }]
    }

    pub(super) fn on_saved(
        &mut self,
        ticket: Ticket,
        id: &str,
        result: Result<Record, SaveError>,
    ) -> Vec<Effect> {
        let current = self
            .form
            .as_ref()
            .is_some_and(|f| f.status == SaveStatus::Saving(ticket));
        match result {
            Ok(record) => {
                // Server truth: update the list and detail even if the form is gone.
                self.list.replace(&record);
                if let Some(d) = self.detail.as_mut().filter(|d| d.id == id) {
                    d.record = Some(record.clone());
                    d.summary = super::row::Row::of(&record);
                }
                if !current {
                    // The form was closed (or discarded) after this save left: say it landed.
                    self.notice = Some(format!(
                        "Saved “{}” (the save sent before the form was closed).",
                        record.name
                    ));
                    return Vec::new();
                }
                let notes = save_notes(&record);
                if let Some(form) = self.form.as_mut() {
                    form.saved(&record, notes);
                }
                if self.form.as_ref().is_some_and(|f| f.is_dirty()) {
                    // Typed while the save was in flight: kept, journaled, saved by the next
                    // Ctrl-S. Closing after the save would drop it, so the form stays open.
                    let save = self.keymap.say(Action::Save, super::Context::Form);
                    self.notice = Some(format!(
                        "Saved what was sent; what you typed since is kept, not saved yet \
                         ({save} saves it)."
                    ));
                    self.after_save = None;
                    return self.write_draft();
                }
                self.notice = Some("Saved.".into());
                self.draft_due = None;
                let mut effects = vec![Effect::DeleteDraft { id: id.to_owned() }];
                effects.extend(
                    self.after_save
                        .take()
                        .map(|t| self.finish(t))
                        .unwrap_or_default(),
                );
                effects
            }
            Err(e) if current => {
                if let SaveError::Conflict { theirs } = &e {
                    self.list.replace(theirs);
                }
                if matches!(&e, SaveError::Api(api) if api.status() == Some(404)) {
                    self.deleted_elsewhere(id);
                }
                let kept = self
                    .drafts_dir
                    .as_ref()
                    .map(|d| format!(" Your edits are kept as a draft in {d}."));
                if let Some(form) = self.form.as_mut() {
                    form.save_failed(&e);
                    // The form may be scrolled far from its banner: the field at fault gets
                    // the focus (so it is on screen) and the status line says what happened.
                    if let Some(path) = form.first_problem() {
                        form.focus = path;
                    }
                    self.notice = form.banner.clone();
                    if matches!(&e, SaveError::Api(api) if api.status() == Some(401)) {
                        let why = super::key_rejected(self.key_source.as_deref());
                        form.banner = Some(format!("Not saved: {why}. Your edits are kept."));
                    }
                    if let (Some(b), Some(k)) = (form.banner.as_mut(), kept) {
                        b.push_str(&k);
                    }
                }
                self.after_save = None;
                if matches!(&e, SaveError::Api(api) if api.status() == Some(409)) {
                    return self.look_up_clash();
                }
                Vec::new()
            }
            Err(_) => Vec::new(),
        }
    }
}

/// What the server said about a successful write, for the user.
fn save_notes(record: &Record) -> Vec<String> {
    let renamed = record.warnings.iter().map(|w| match (&w.from, &w.to) {
        (Some(key), None) if w.code == "KEPT_KEY_REMOVED" => {
            format!("the server kept the deleted key \"{key}\" (it merges metadata); it was removed with a bulk edit")
        }
        (Some(from), Some(to)) => format!("the server renamed key \"{from}\" to \"{to}\""),
        _ => format!("server warning {}", w.code),
    });
    let schema = record
        .schema_warnings
        .iter()
        .map(|w| format!("schema: {} ({})", w.message, w.field));
    renamed.chain(schema).collect()
}
