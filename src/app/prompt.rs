//! The one-line prompts over the list: search (debounced) and the type filter.

use super::action::Action;
use super::form::TextField;
use super::{App, Effect, Prompt, Ticket};
use crossterm::event::KeyEvent;
use std::time::Duration;

/// Typing pauses this long before the search is sent, so a burst of keys is one request.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);

impl App {
    pub(super) fn open_search(&mut self) -> Vec<Effect> {
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
        self.prompt = Some(Prompt::Local(TextField::new(&current, false)));
        Vec::new()
    }

    pub(super) fn open_type_filter(&mut self) -> Vec<Effect> {
        let current = self.list.filter.record_type.clone().unwrap_or_default();
        self.prompt = Some(Prompt::Type {
            field: TextField::new(&current, false),
            selected: 0,
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
            Some(Action::Back) => self.cancel_prompt(),
            Some(Action::Open) => self.accept_prompt(),
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
            Some(Prompt::Search(field) | Prompt::Local(field) | Prompt::Confirm(field)) => {
                edit(field)
            }
            Some(Prompt::Type {
                field, selected, ..
            }) => {
                *selected = 0;
                edit(field)
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
            *selected = if down {
                (*selected + 1) % n
            } else {
                (*selected + n - 1) % n
            };
        }
        Vec::new()
    }

    fn cancel_prompt(&mut self) -> Vec<Effect> {
        if matches!(self.prompt, Some(Prompt::Confirm(_))) {
            return self.cancel_confirmation();
        }
        let was_search = matches!(self.prompt, Some(Prompt::Search(_)));
        if matches!(self.prompt.take(), Some(Prompt::Local(_))) {
            let rows = self.rows();
            self.list.filter_locally("", rows);
            return Vec::new();
        }
        if was_search && !self.list.filter.search.is_empty() {
            self.list.filter.search.clear();
            return vec![self.load_first_page()];
        }
        if was_search && self.list.debounce.take().is_some() {
            return vec![self.load_first_page()];
        }
        Vec::new()
    }

    fn accept_prompt(&mut self) -> Vec<Effect> {
        match self.prompt.take() {
            Some(Prompt::Search(_)) => {
                // Enter sends a pending search now instead of waiting for the debounce.
                if self.list.debounce.take().is_some() {
                    return vec![self.load_first_page()];
                }
                Vec::new()
            }
            Some(Prompt::Local(_) | Prompt::Command(_)) | None => Vec::new(),
            Some(Prompt::Confirm(field)) => self.answer_confirmation(&field.text()),
            Some(Prompt::Type {
                field,
                selected,
                then,
            }) => self.accept_type(&field.text(), selected, then),
        }
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
