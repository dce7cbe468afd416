//! The `:` prompt: typing, walking the history, running a command, and keeping a line that
//! failed (here or at the server) open with the offending part marked.

use super::action::Action;
use super::command::{self, Command};
use super::complete::Offer;
use super::filter_expr::{self, FilterError, FilterExpr};
use super::form::TextField;
use super::list::ActiveFilter;
use super::{App, Effect, Prompt, Ticket};
use crate::api::ApiError;
use crossterm::event::KeyEvent;

/// The history keeps this many lines; older ones are dropped.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct CommandLine {
    pub field: TextField,
    /// Why the line did not run, with the byte span of the part at fault.
    pub error: Option<FilterError>,
    /// What Tab offered, while it still applies to the text.
    pub offer: Option<Offer>,
    /// A completion waiting for keys or values from the server.
    pub waiting: Option<Ticket>,
    /// While walking the history: the entry shown, and the line typed before walking.
    walk: Option<(usize, String)>,
}

impl CommandLine {
    pub fn new(text: &str) -> Self {
        Self {
            field: TextField::new(text, false),
            error: None,
            offer: None,
            waiting: None,
            walk: None,
        }
    }

    /// Replaces the text (cursor at the end), as completion and history do.
    pub fn set_text(&mut self, text: &str) {
        self.field = TextField::new(text, false);
        self.error = None;
    }

    /// Typing makes an error, an offer and a history position stale.
    pub fn edited(&mut self) {
        self.error = None;
        self.offer = None;
        self.waiting = None;
        self.walk = None;
    }
}

impl App {
    pub(super) fn open_command_line(&mut self) -> Vec<Effect> {
        self.prompt = Some(Prompt::Command(Box::new(CommandLine::new(""))));
        Vec::new()
    }

    fn command_line(&mut self) -> Option<&mut CommandLine> {
        match self.prompt.as_mut() {
            Some(Prompt::Command(cl)) => Some(cl),
            _ => None,
        }
    }

    pub(super) fn on_command_key(&mut self, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
        match action {
            Some(Action::Interrupt) => self.interrupt(),
            Some(Action::Help) => self.show_help(),
            Some(Action::Back) => {
                self.prompt = None;
                Vec::new()
            }
            Some(Action::Apply) => self.run_command_line(),
            Some(Action::Up) => self.walk_history(true),
            Some(Action::Down) => self.walk_history(false),
            Some(Action::Complete) => self.complete(),
            _ => {
                if let Some(cl) = self.command_line()
                    && cl.field.input(key)
                {
                    cl.edited();
                }
                Vec::new()
            }
        }
    }

    fn walk_history(&mut self, older: bool) -> Vec<Effect> {
        let n = self.command_history.len();
        let Some(Prompt::Command(cl)) = self.prompt.as_mut() else {
            return Vec::new();
        };
        let next = match (&cl.walk, older) {
            (None, true) if n > 0 => Some(n - 1),
            (None, _) => return Vec::new(),
            (Some((i, _)), true) => Some(i.saturating_sub(1)),
            (Some((i, _)), false) => Some(i + 1).filter(|j| *j < n),
        };
        let typed = cl.walk.take().map_or_else(|| cl.field.text(), |(_, t)| t);
        match next.and_then(|i| self.command_history.get(i).map(|l| (i, l))) {
            Some((i, line)) => {
                cl.set_text(line);
                cl.walk = Some((i, typed));
            }
            None => cl.set_text(&typed),
        }
        cl.offer = None;
        Vec::new()
    }

    fn run_command_line(&mut self) -> Vec<Effect> {
        let Some(cl) = self.command_line() else {
            return Vec::new();
        };
        let text = cl.field.text();
        match command::parse(&text) {
            Err(e) => {
                cl.error = Some(e);
                cl.offer = None;
                Vec::new()
            }
            Ok(None) => {
                self.prompt = None;
                Vec::new()
            }
            Ok(Some(command)) => {
                if let Some(e) = self.refused_before_running(&command, &text) {
                    if let Some(cl) = self.command_line() {
                        cl.error = Some(e);
                        cl.offer = None;
                    }
                    return Vec::new();
                }
                self.prompt = None;
                let mut effects = vec![self.remember(text.trim())];
                effects.extend(self.run_command(command));
                effects
            }
        }
    }

    /// Adds a line to the history (once: an earlier copy moves to the end).
    pub(super) fn remember(&mut self, line: &str) -> Effect {
        self.command_history.retain(|l| l != line);
        self.command_history.push(line.to_owned());
        let extra = self.command_history.len().saturating_sub(HISTORY_LIMIT);
        self.command_history.drain(..extra);
        Effect::SaveHistory {
            lines: self.command_history.clone(),
        }
    }

    pub(super) fn run_command(&mut self, command: Command) -> Vec<Effect> {
        if self.form.is_some() && !works_in_form(&command) {
            self.notice = Some("That command works outside the form: Esc leaves it.".into());
            return Vec::new();
        }
        match command {
            Command::Filter { text, expr } => self.apply_filter(text, &expr),
            Command::ClearFilter => {
                if self.list.filter.expr.take().is_none() {
                    return Vec::new();
                }
                vec![self.load_first_page()]
            }
            Command::Help => {
                self.help = true;
                self.command_help = true;
                self.keys_shown = false;
                // From the top: the F1 help may have been left scrolled.
                self.help_scroll = 0;
                Vec::new()
            }
            Command::Messages => self.show_messages(),
            Command::Quit => self.interrupt(),
            Command::Keys => self.show_keys(),
            Command::Profile { name } => self.switch_profile(name),
            Command::Theme { name } => self.set_theme(name),
            Command::History => self.open_history(),
            Command::Undo => self.undo_selected(),
            Command::New { copy: true, .. } => self.open_new_copy(),
            Command::New { record_type, .. } => self.open_new(record_type),
            Command::Yank(what) => self.yank(what),
            Command::Edit { metadata: false } => self.edit_focused(),
            Command::Edit { metadata: true } => self.edit_metadata(),
            Command::Export { path, overwrite } => self.start_export(path, overwrite),
            Command::Import { path } => self.start_import(path),
            other => self.run_queue_command(other),
        }
    }

    /// The commands that arrange the list, select, and change records in bulk.
    fn run_queue_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Columns(keys) => {
                self.list.set_columns(keys);
                Vec::new()
            }
            Command::Sort(sort) => {
                let rows = self.rows();
                self.list.set_sort(sort, rows);
                Vec::new()
            }
            Command::Open(id) => self.open_by_id(&id),
            Command::ViewApply(name) => self.apply_view(&name),
            Command::ViewSave(name) => self.save_view(name),
            Command::Views => self.list_views(),
            Command::SelectAll => self.select_all_matching(),
            Command::Set(set) => self.start_edit(set, Vec::new()),
            Command::Unset(keys) => self.start_edit(Vec::new(), keys),
            // One record (nothing selected) is asked about by name, like `D`; a selection
            // gets the bulk preview and its count typed.
            Command::Delete if self.selection.is_empty() => self.ask_delete(),
            Command::Delete => self.start_delete(),
            Command::Triage => {
                self.detail = None;
                self.start_triage()
            }
            Command::Filter { .. }
            | Command::ClearFilter
            | Command::Help
            | Command::Quit
            | Command::Keys
            | Command::New { .. }
            | Command::History
            | Command::Undo
            | Command::Messages
            | Command::Profile { .. }
            | Command::Theme { .. }
            | Command::Yank(_)
            | Command::Edit { .. }
            | Command::Export { .. }
            | Command::Import { .. } => Vec::new(),
        }
    }

    /// Sends the filter on the list query. Without a type (in the line or in effect) the
    /// type prompt asks for one first: the API's filter always searches one type.
    pub(super) fn apply_filter(&mut self, text: String, expr: &FilterExpr) -> Vec<Effect> {
        let in_effect = self.list.filter.record_type.clone();
        let Some(filter) = expr.to_filter(in_effect.as_deref()) else {
            self.notice = Some("A filter searches one type: pick it (or add type=...)".into());
            self.prompt = Some(Prompt::Type {
                field: TextField::new("", false),
                selected: 0,
                then: Some(text),
            });
            return Vec::new();
        };
        self.list.filter.record_type = Some(filter.record_type.clone());
        self.list.filter.expr = Some(ActiveFilter {
            text,
            own_type: expr.record_type.is_some(),
            filter,
        });
        vec![self.load_first_page()]
    }

    /// The type prompt was answered for a waiting `:filter` line.
    pub(super) fn apply_waiting_filter(&mut self, text: String) -> Vec<Effect> {
        match filter_expr::parse(&text) {
            Ok(expr) if self.list.filter.record_type.is_some() => self.apply_filter(text, &expr),
            _ => Vec::new(),
        }
    }

    /// The type filter changed (`t`): a `:filter` follows it; without a type it cannot stay.
    pub(super) fn retype_filter(&mut self) {
        let Some(active) = self.list.filter.expr.as_mut() else {
            return;
        };
        match &self.list.filter.record_type {
            Some(t) => active.filter.record_type = t.clone(),
            None => {
                self.list.filter.expr = None;
                self.notice = Some("The :filter was cleared: a filter needs a type".into());
            }
        }
    }

    /// A filter the server refused (400) comes back in the prompt, kept for correction.
    pub(super) fn reopen_refused_filter(&mut self, e: &ApiError) {
        let Some(active) = self.list.filter.expr.as_ref() else {
            return;
        };
        if e.status() != Some(400) || self.prompt.is_some() {
            return;
        }
        let line = format!("filter {}", active.text);
        let mut why = e.body().map(|b| b.message().to_owned()).unwrap_or_default();
        if let Some(d) = e.body().and_then(|b| b.details().first()) {
            why = format!("{why}: {}", d.message);
        }
        let mut cl = CommandLine::new(&line);
        cl.error = Some(FilterError {
            span: "filter ".len()..line.len(),
            message: format!("the server refused this filter (400) {why}"),
        });
        self.prompt = Some(Prompt::Command(Box::new(cl)));
    }
}

/// Over the form (F2) only what concerns the form or the session runs: the list behind it
/// stays as it was.
fn works_in_form(command: &Command) -> bool {
    matches!(
        command,
        Command::Yank(_)
            | Command::Edit { .. }
            | Command::Help
            | Command::Messages
            | Command::Quit
            | Command::Keys
            | Command::Theme { .. }
            | Command::Profile { .. }
    )
}

#[cfg(test)]
mod queue_tests;
#[cfg(test)]
mod tests;
