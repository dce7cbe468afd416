//! Key dispatch for every context, and the list's keys, mouse, paste and resize.

use super::Msg;
use super::action::{Action, Context};
use super::list::visible_rows;
use super::{App, Effect};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if self.guard.is_none() && self.offer.as_ref().is_some_and(|o| o.confirm_discard) {
            return self.on_discard_answer(key);
        }
        self.typed = true;
        if self.guard.is_none() && self.delete.as_ref().is_some_and(|d| d.asking()) {
            return self.on_delete_answer(key);
        }
        if self.guard.is_none() && self.prompt.is_none() && self.asks_result_delete() {
            return self.on_result_delete_answer(key);
        }
        if self.journal_view.is_some() && self.guard.is_none() && self.prompt.is_none() {
            return self.on_history_key(key);
        }
        if let Some(effects) = self.files_key(&key) {
            return effects;
        }
        let stepped_aside = self.offer_steps_aside();
        if self.form_on_its_way() && self.type_ahead(Msg::Key(key)) {
            return Vec::new();
        }
        let context = self.context();
        if std::mem::take(&mut self.chord) && context == Context::Form && is_ctrl_e(&key) {
            return self.edit_focused();
        }
        let action = self.keymap.resolve(context, &key);
        if action == Some(Action::Suspend) {
            self.suspend = true;
            return Vec::new();
        }
        // The reminder of a draft offer that just stepped aside must outlive this key.
        if context != Context::Form && context != Context::Prompt && !stepped_aside {
            self.notice = None;
        }
        match (context, action) {
            (Context::Dialog, Some(a)) => self.on_guard_action(a),
            (Context::Offer, Some(a)) => self.on_offer_action(a),
            (Context::Help, Some(a)) => self.on_help_action(a),
            (Context::Dialog | Context::Offer | Context::Help, None) => Vec::new(),
            (Context::Prompt, a) if self.builder.is_some() => self.on_builder_key(a, key),
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
            (Context::Triage, a) => self.on_triage_key(a, key),
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
            Action::Bottom => self.list_bottom(),
            Action::Open => self.open_detail(),
            Action::Edit => self.edit_selected(),
            Action::Refresh => vec![self.load_first_page()],
            Action::Search => self.open_search(),
            Action::FilterType => self.open_type_filter(),
            Action::FilterLocal => self.open_local_filter(),
            Action::ClearFilter if self.stop_to_end() => Vec::new(),
            Action::ClearFilter => self.clear_selection_or_filter(),
            Action::ToggleMark => self.toggle_mark(),
            Action::ExtendMark => self.extend_mark(),
            Action::MarkAll => self.mark_all_loaded(),
            Action::CommandLine => self.open_command_line(),
            Action::ReviewDrafts => self.review_drafts(),
            Action::New => self.open_new(None),
            Action::Delete => self.ask_delete(),
            Action::CopyId => self.copy_id(),
            Action::CopyJson => self.yank_from_list(),
            Action::Triage => self.start_triage(),
            Action::Help => self.show_help(),
            Action::Messages => self.show_messages(),
            Action::Quit | Action::Interrupt => self.quit(),
            Action::FilterBuilder => self.open_filter_builder(),
            _ => Vec::new(),
        }
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.exit = Some(0);
        Vec::new()
    }

    pub(super) fn list_move(&mut self, delta: isize) -> Vec<Effect> {
        // Moving by hand ends a `G` that was still loading: the user is elsewhere now.
        self.list.to_end = false;
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

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        match (self.context(), mouse.kind) {
            (Context::List, MouseEventKind::ScrollDown) => self.list_move(3),
            (Context::List, MouseEventKind::ScrollUp) => self.list_move(-3),
            (Context::Detail, MouseEventKind::ScrollDown) => {
                self.on_detail_action(super::Action::Down)
            }
            (Context::Detail, MouseEventKind::ScrollUp) => self.on_detail_action(super::Action::Up),
            (Context::Detail, MouseEventKind::Down(MouseButton::Left))
                if mouse.row == super::tabs::BAR_ROW =>
            {
                match super::tabs::tab_at(mouse.column.saturating_sub(super::tabs::BAR_X)) {
                    Some(tab) => self.show_tab(tab),
                    None => Vec::new(),
                }
            }
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
        self.offer_steps_aside();
        if self.form_on_its_way() && self.type_ahead(Msg::Paste(text.to_owned())) {
            return Vec::new();
        }
        match self.context() {
            Context::Form => {
                if let Some(form) = self.form.as_mut() {
                    form.paste(text);
                }
                self.form_edited()
            }
            Context::Prompt if self.builder.is_some() => self.builder_paste(text),
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

    /// True while `e` waits for the full record: keys then belong to the coming form.
    fn form_on_its_way(&self) -> bool {
        self.guard.is_none()
            && self.offer.is_none()
            && !self.help
            && self
                .detail
                .as_ref()
                .is_some_and(|d| d.edit_when_loaded && d.record.is_none())
    }

    /// Keeps a key (or paste) for the form that is on its way, and shows what is kept.
    /// Ctrl-C still quits; Esc before anything was typed gives up waiting.
    fn type_ahead(&mut self, msg: Msg) -> bool {
        let Some(d) = self.detail.as_mut() else {
            return false;
        };
        let nothing_typed = d.typed_ahead.is_empty();
        let quit_queued = d.typed_ahead.iter().any(is_ctrl_c);
        if is_ctrl_c(&msg) && (nothing_typed || quit_queued) {
            // Nothing to lose, or the second Ctrl-C: it means it.
            return false;
        }
        if nothing_typed && matches!(&msg, Msg::Key(k) if k.code == KeyCode::Esc) {
            return false;
        }
        let asks = is_ctrl_c(&msg);
        d.typed_ahead.push(msg);
        let typed = typed_text(&d.typed_ahead);
        self.notice = Some(if asks {
            format!(
                "Opening the form… it will ask before quitting with what you typed ({typed}); \
                 Ctrl-C again quits now without it."
            )
        } else {
            format!("Opening the form… typed so far (applied when it opens): {typed}")
        });
        true
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

fn is_ctrl_e(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('e' | 'E'))
}

fn is_ctrl_c(msg: &Msg) -> bool {
    matches!(msg, Msg::Key(k) if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// What was typed ahead, as the user would read it back: text as typed, other keys by name
/// (`‹Ctrl-S›`, `‹Tab›`).
pub(super) fn typed_text(typed: &[Msg]) -> String {
    let mut out = String::new();
    for msg in typed {
        match msg {
            Msg::Key(k) => match k.code {
                KeyCode::Char(c) if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    out.push_str(&format!("‹Ctrl-{}›", c.to_ascii_uppercase()));
                }
                KeyCode::Char(c) if k.modifiers.contains(KeyModifiers::ALT) => {
                    out.push_str(&format!("‹Alt-{c}›"));
                }
                KeyCode::Char(c) => out.push(c),
                KeyCode::BackTab => out.push_str("‹Shift-Tab›"),
                KeyCode::F(n) => out.push_str(&format!("‹F{n}›")),
                other => out.push_str(&format!("‹{}›", key_name(other))),
            },
            Msg::Paste(p) => out.push_str(p),
            _ => {}
        }
    }
    // Shown in the status line, which makes it safe and cuts it to the width.
    out.chars().take(200).collect()
}

fn key_name(code: KeyCode) -> &'static str {
    match code {
        KeyCode::Tab => "Tab",
        KeyCode::Enter => "Enter",
        KeyCode::Esc => "Esc",
        KeyCode::Backspace => "Backspace",
        KeyCode::Delete => "Delete",
        KeyCode::Up => "Up",
        KeyCode::Down => "Down",
        KeyCode::Left => "Left",
        KeyCode::Right => "Right",
        KeyCode::Home => "Home",
        KeyCode::End => "End",
        KeyCode::PageUp => "PgUp",
        KeyCode::PageDown => "PgDn",
        _ => "key",
    }
}
