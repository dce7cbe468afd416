//! The one-line prompts over the list: search (debounced) and the type filter.

use super::action::Action;
use super::form::FieldPath;
use super::form::TextField;
use super::{App, Effect, NO_CHOICE, Prompt, Ticket};
use crossterm::event::KeyEvent;
use std::time::Duration;

/// Typing pauses this long before the search is sent, so a burst of keys is one request.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);

impl App {
    pub(super) fn open_search(&mut self) -> Vec<Effect> {
        self.prompt_origin = self.list.filter.search.clone();
        self.prompt = Some(Prompt::Search(TextField::new(
            &self.list.filter.search,
            false,
        )));
        Vec::new()
    }

    pub(super) fn open_local_filter(&mut self) -> Vec<Effect> {
        let current = self
            .list
            .local
            .as_ref()
            .map(|l| l.query.clone())
            .unwrap_or_default();
        self.prompt_origin = current.clone();
        self.prompt = Some(Prompt::Local(TextField::new(&current, false)));
        Vec::new()
    }

    /// Ctrl-G in the form: a prompt that goes to a metadata key by part of its name.
    pub(super) fn open_jump(&mut self) -> Vec<Effect> {
        self.prompt = Some(Prompt::Jump(TextField::new("", false)));
        Vec::new()
    }

    /// The first metadata row whose key contains `typed` (case-insensitive).
    pub fn jump_target(&self, typed: &str) -> Option<(usize, String)> {
        let typed = typed.to_lowercase();
        self.form
            .as_ref()?
            .rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| {
                let key = r.key.text();
                key.to_lowercase().contains(&typed).then_some((i, key))
            })
    }

    pub(super) fn open_type_filter(&mut self) -> Vec<Effect> {
        let current = self.list.filter.record_type.clone().unwrap_or_default();
        let selected = if current.is_empty() { NO_CHOICE } else { 0 };
        self.prompt = Some(Prompt::Type {
            field: TextField::new(&current, false),
            selected,
            then: None,
        });
        Vec::new()
    }

    /// Types seen so far that contain the typed text (case-insensitive), for the picker.
    pub fn type_choices(&self, typed: &str) -> Vec<String> {
        let typed = typed.to_lowercase();
        self.list
            .types_seen
            .iter()
            .filter(|t| t.to_lowercase().contains(&typed))
            .cloned()
            .collect()
    }

    pub(super) fn on_prompt_key(&mut self, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
        if matches!(self.prompt, Some(Prompt::Command(_))) {
            return self.on_command_key(action, key);
        }
        match action {
            Some(Action::Interrupt) => self.interrupt(),
            Some(Action::Help) => self.show_help(),
            Some(Action::Back) => self.cancel_prompt(),
            Some(Action::Apply) => self.accept_prompt(),
            Some(Action::Up) => self.step_choice(false),
            Some(Action::Down) => self.step_choice(true),
            _ => self.prompt_edit(|f| f.input(key)),
        }
    }

    pub(super) fn prompt_paste(&mut self, text: &str) -> Vec<Effect> {
        self.prompt_edit(|f| f.paste(text))
    }

    fn prompt_edit(&mut self, edit: impl FnOnce(&mut TextField) -> bool) -> Vec<Effect> {
        let changed = match self.prompt.as_mut() {
            Some(
                Prompt::Search(field)
                | Prompt::Local(field)
                | Prompt::Jump(field)
                | Prompt::Confirm(field),
            ) => edit(field),
            Some(Prompt::Type {
                field, selected, ..
            }) => {
                let changed = edit(field);
                *selected = if field.text().is_empty() {
                    NO_CHOICE
                } else {
                    0
                };
                changed
            }
            Some(Prompt::Command(cl)) => {
                if edit(&mut cl.field) {
                    cl.edited();
                }
                false
            }
            None => false,
        };
        let search = match &self.prompt {
            Some(Prompt::Search(field)) if changed => field.text(),
            Some(Prompt::Local(field)) if changed => {
                let (query, rows) = (field.text(), self.rows());
                self.list.filter_locally(&query, rows);
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.list.filter.search = search;
        let ticket = self.ticket();
        self.list.debounce = Some(ticket);
        vec![Effect::Debounce {
            ticket,
            delay: SEARCH_DEBOUNCE,
        }]
    }

    fn step_choice(&mut self, down: bool) -> Vec<Effect> {
        let typed = match &self.prompt {
            Some(Prompt::Type { field, .. }) => field.text(),
            _ => return Vec::new(),
        };
        let n = self.type_choices(&typed).len();
        if let Some(Prompt::Type { selected, .. }) = self.prompt.as_mut().filter(|_| n > 0) {
            *selected = match (*selected, down) {
                (NO_CHOICE, true) => 0,
                (NO_CHOICE, false) => n - 1,
                (s, true) => (s + 1) % n,
                (s, false) => (s + n - 1) % n,
            };
        }
        Vec::new()
    }

    /// Esc: the edit in the prompt is dropped; what was applied before it opened stays.
    fn cancel_prompt(&mut self) -> Vec<Effect> {
        if matches!(self.prompt, Some(Prompt::Confirm(_))) {
            return self.cancel_confirmation();
        }
        let origin = std::mem::take(&mut self.prompt_origin);
        match self.prompt.take() {
            Some(Prompt::Local(_)) => {
                let rows = self.rows();
                self.list.filter_locally(&origin, rows);
                Vec::new()
            }
            Some(Prompt::Search(_)) => {
                let pending = self.list.debounce.take().is_some();
                if self.list.filter.search == origin && !pending {
                    return Vec::new();
                }
                let sent_differs = self.list.filter.search != origin || pending;
                self.list.filter.search = origin;
                if sent_differs {
                    return vec![self.load_first_page()];
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn accept_prompt(&mut self) -> Vec<Effect> {
        self.prompt_origin.clear();
        match self.prompt.take() {
            Some(Prompt::Search(_)) => {
                // Enter sends a pending search now instead of waiting for the debounce.
                if self.list.debounce.take().is_some() {
                    return vec![self.load_first_page()];
                }
                Vec::new()
            }
            Some(Prompt::Jump(field)) => self.jump(&field.text()),
            Some(Prompt::Local(_) | Prompt::Command(_)) | None => Vec::new(),
            Some(Prompt::Confirm(field)) => self.answer_confirmation(&field.text()),
            Some(Prompt::Type {
                field,
                selected,
                then,
            }) => self.accept_type(&field.text(), selected, then),
        }
    }

    fn jump(&mut self, typed: &str) -> Vec<Effect> {
        match self.jump_target(typed) {
            Some((i, _)) => {
                if let Some(f) = self.form.as_mut() {
                    f.focus = FieldPath::MetadataValue(i);
                }
            }
            None => self.notice = Some(format!("No metadata key contains \"{typed}\".")),
        }
        Vec::new()
    }

    fn accept_type(&mut self, typed: &str, selected: usize, then: Option<String>) -> Vec<Effect> {
        let chosen = self
            .type_choices(typed)
            .get(selected)
            .cloned()
            .or(Some(typed.to_owned()).filter(|t| !t.is_empty()));
        if let Some(line) = then {
            if chosen.is_none() {
                return Vec::new();
            }
            self.list.filter.record_type = chosen;
            return self.apply_waiting_filter(line);
        }
        if chosen == self.list.filter.record_type {
            return Vec::new();
        }
        self.list.filter.record_type = chosen;
        self.retype_filter();
        vec![self.load_first_page()]
    }

    pub(super) fn on_debounce(&mut self, ticket: Ticket) -> Vec<Effect> {
        if self.list.debounce != Some(ticket) {
            return Vec::new();
        }
        vec![self.load_first_page()]
    }
}
