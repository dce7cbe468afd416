//! Input and results for the list and detail screens; key dispatch for every context.

use super::action::{Action, Context, resolve};
use super::list::visible_rows;
use super::remote::Remote;
use super::row::RowPage;
use super::{App, Detail, Effect, Ticket};
use crate::api::{ApiError, Record};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        let context = self.context();
        let action = resolve(context, &key);
        if action == Some(Action::Suspend) {
            self.suspend = true;
            return Vec::new();
        }
        if context != Context::Form && context != Context::Prompt {
            self.notice = None;
        }
        match (context, action) {
            (Context::Dialog, Some(a)) if self.guard.is_some() => self.on_guard_action(a),
            (Context::Dialog, Some(a)) => self.on_offer_action(a),
            (Context::Dialog, None) => Vec::new(),
            (Context::Help, Some(Action::Back | Action::Help)) => {
                self.help = false;
                Vec::new()
            }
            (Context::Help, Some(Action::Interrupt)) => self.interrupt(),
            (Context::Help, _) => Vec::new(),
            (Context::Prompt, a) => self.on_prompt_key(a, key),
            (Context::Confirm, a) => self.on_confirm_key(a, key),
            (Context::Form, Some(Action::PrevField | Action::NextField))
                if matches!(key.code, KeyCode::Up | KeyCode::Down)
                    && self.arrow_in_form(key.code == KeyCode::Up) =>
            {
                if let Some(form) = self.form.as_mut() {
                    form.input(key);
                }
                self.form_edited()
            }
            (Context::Form, Some(a)) => self.on_form_action(a),
            (Context::Form, None) => {
                if let Some(form) = self.form.as_mut() {
                    form.input(key);
                }
                self.form_edited()
            }
            (Context::Detail, Some(a)) => self.on_detail_action(a),
            (Context::List, Some(a)) => self.on_list_action(a),
            _ => Vec::new(),
        }
    }

    pub(super) fn rows(&self) -> usize {
        visible_rows(self.height)
    }

    fn on_list_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.rows() as isize;
        match action {
            Action::Down => self.list_move(1),
            Action::Up => self.list_move(-1),
            Action::PageDown => self.list_move(page),
            Action::PageUp => self.list_move(-page),
            Action::Top => self.list_move(isize::MIN / 2),
            Action::Bottom => self.list_move(isize::MAX / 2),
            Action::Open => self.open_detail(),
            Action::Edit => self.edit_selected(),
            Action::Refresh => vec![self.load_first_page()],
            Action::Search => self.open_search(),
            Action::FilterType => self.open_type_filter(),
            Action::FilterLocal => self.open_local_filter(),
            Action::ClearFilter => self.clear_selection_or_filter(),
            Action::ToggleMark => self.toggle_mark(),
            Action::ExtendMark => self.extend_mark(),
            Action::MarkAll => self.mark_all_loaded(),
            Action::CommandLine => self.open_command_line(),
            Action::Help => self.show_help(),
            Action::Quit | Action::Interrupt => self.quit(),
            _ => Vec::new(),
        }
    }

    fn show_help(&mut self) -> Vec<Effect> {
        self.help = true;
        self.command_help = false;
        Vec::new()
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.exit = Some(0);
        Vec::new()
    }

    pub(super) fn list_move(&mut self, delta: isize) -> Vec<Effect> {
        let rows = self.rows();
        self.list.move_by(delta, rows);
        self.load_next_page().into_iter().collect()
    }

    pub(super) fn clear_filter(&mut self) -> Vec<Effect> {
        if self.list.local.is_some() {
            let rows = self.rows();
            self.list.filter_locally("", rows);
            return Vec::new();
        }
        if self.list.filter.is_empty() {
            return self.leave_view().into_iter().collect();
        }
        self.list.filter = Default::default();
        let mut effects: Vec<Effect> = self.leave_view().into_iter().collect();
        effects.push(self.load_first_page());
        effects
    }

    fn open_detail(&mut self) -> Vec<Effect> {
        let Some(summary) = self.list.selected_record().cloned() else {
            return Vec::new();
        };
        self.open_summary(summary)
    }

    /// Opens the detail view of a record the list may not have loaded (`:open ID`): its
    /// row shows only the id until the record arrives.
    pub(super) fn open_by_id(&mut self, id: &str) -> Vec<Effect> {
        let summary = self
            .list
            .records
            .iter()
            .find(|r| &*r.id == id)
            .cloned()
            .unwrap_or_else(|| super::row::Row {
                id: id.into(),
                name: id.into(),
                record_type: "".into(),
                updated_at: "".into(),
                fields: Box::default(),
            });
        self.open_summary(summary)
    }

    fn open_summary(&mut self, summary: super::row::Row) -> Vec<Effect> {
        let ticket = self.ticket();
        let id = summary.id.to_string();
        self.detail = Some(Detail {
            id: id.clone(),
            summary,
            record: None,
            load: Remote::Loading(ticket),
            scroll: 0,
            edit_when_loaded: false,
            only_for_edit: false,
        });
        vec![Effect::LoadRecord { ticket, id }]
    }

    /// The list keeps only what it shows, so editing starts from the full, current record:
    /// it is fetched and the form opens when it arrives.
    fn edit_selected(&mut self) -> Vec<Effect> {
        let effects = self.open_detail();
        if let Some(d) = self.detail.as_mut() {
            d.edit_when_loaded = true;
            d.only_for_edit = true;
        }
        effects
    }

    fn on_detail_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.rows() as i32;
        let scroll = |app: &mut App, delta: i32| {
            if let Some(d) = app.detail.as_mut() {
                d.scroll = (i32::from(d.scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16;
            }
            Vec::new()
        };
        match action {
            Action::Down => scroll(self, 1),
            Action::Up => scroll(self, -1),
            Action::PageDown => scroll(self, page),
            Action::PageUp => scroll(self, -page),
            Action::Top => scroll(self, -i32::from(u16::MAX)),
            Action::Bottom => scroll(self, i32::from(u16::MAX)),
            Action::Back => {
                // Leaving drops interest in the pending fetch: its ticket no longer matches.
                self.detail = None;
                Vec::new()
            }
            Action::Edit => {
                match self.detail.as_mut() {
                    Some(Detail {
                        record: Some(record),
                        ..
                    }) => {
                        let record = record.clone();
                        self.open_form(&record);
                    }
                    Some(d) => d.edit_when_loaded = true,
                    None => {}
                }
                Vec::new()
            }
            Action::Refresh => self.refresh_detail(),
            Action::CommandLine => self.open_command_line(),
            Action::Help => self.show_help(),
            Action::Quit | Action::Interrupt => self.quit(),
            _ => Vec::new(),
        }
    }

    fn refresh_detail(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        d.load = Remote::Loading(ticket);
        vec![Effect::LoadRecord {
            ticket,
            id: d.id.clone(),
        }]
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        match (self.context(), mouse.kind) {
            (Context::List, MouseEventKind::ScrollDown) => self.list_move(3),
            (Context::List, MouseEventKind::ScrollUp) => self.list_move(-3),
            (Context::Detail, MouseEventKind::ScrollDown) => {
                self.on_detail_action(super::Action::Down)
            }
            (Context::Detail, MouseEventKind::ScrollUp) => self.on_detail_action(super::Action::Up),
            (Context::List, MouseEventKind::Down(MouseButton::Left)) => {
                // Rows start below the title and the table header.
                let row = usize::from(mouse.row)
                    .checked_sub(2)
                    .filter(|r| *r < self.rows());
                let Some(index) = row.map(|r| self.list.offset + r) else {
                    return Vec::new();
                };
                if index < self.list.len() {
                    let delta = index as isize - self.list.selected as isize;
                    return self.list_move(delta);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.context() {
            Context::Form => {
                if let Some(form) = self.form.as_mut() {
                    form.paste(text);
                }
                self.form_edited()
            }
            Context::Prompt => self.prompt_paste(text),
            _ => Vec::new(),
        }
    }

    pub(super) fn on_resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.width = width;
        self.height = height;
        let rows = self.rows();
        self.list.scroll_into_view(rows);
        Vec::new()
    }

    pub(super) fn on_page(
        &mut self,
        ticket: Ticket,
        result: Result<RowPage, ApiError>,
    ) -> Vec<Effect> {
        if !self.list.load.awaits(ticket) {
            return Vec::new();
        }
        match result {
            Ok(page) => {
                self.list.accept(page);
                let rows = self.rows();
                self.list.apply_sort(rows);
                self.list.scroll_into_view(rows);
                self.load_next_page().into_iter().collect()
            }
            Err(e) => {
                self.reopen_refused_filter(&e);
                self.list.fail(e);
                Vec::new()
            }
        }
    }

    pub(super) fn on_record(
        &mut self,
        ticket: Ticket,
        result: Result<Record, ApiError>,
    ) -> Vec<Effect> {
        let Some(d) = self.detail.as_mut().filter(|d| d.load.awaits(ticket)) else {
            return Vec::new();
        };
        match result {
            Ok(record) => {
                d.load = Remote::Loaded(());
                d.record = Some(record.clone());
                let edit = std::mem::take(&mut d.edit_when_loaded);
                self.list.replace(&record);
                if edit {
                    self.open_form(&record);
                }
            }
            Err(e) => d.load = Remote::Failed(e),
        }
        Vec::new()
    }

    pub(super) fn on_tick(&mut self, now_ms: i64) -> Vec<Effect> {
        self.now_ms = now_ms;
        self.spinner = self.spinner.wrapping_add(1);
        Vec::new()
    }

    pub(super) fn on_terminate(&mut self, signal: i32) -> Vec<Effect> {
        self.exit = Some(u8::try_from(128 + signal).unwrap_or(u8::MAX));
        Vec::new()
    }
}
