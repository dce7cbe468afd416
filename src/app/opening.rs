//! Opening a record from the list (detail, edit) and the detail view's keys; the full
//! record is always fetched, since the list keeps only what it shows.

use super::action::Action;
use super::remote::Remote;
use super::{App, Detail, Effect};

impl App {
    pub(super) fn open_detail(&mut self) -> Vec<Effect> {
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

    pub(super) fn open_summary(&mut self, summary: super::row::Row) -> Vec<Effect> {
        let ticket = self.ticket();
        let id = summary.id.to_string();
        self.detail = Some(Detail {
            id: id.clone(),
            summary,
            record: None,
            load: Remote::Loading(ticket),
            scroll: 0,
            hscroll: 0,
            edit_when_loaded: false,
            only_for_edit: false,
            copy_when_loaded: false,
            yank_when_loaded: false,
            typed_ahead: Vec::new(),
            tabs: Default::default(),
        });
        vec![Effect::LoadRecord { ticket, id }]
    }

    /// The list keeps only what it shows, so editing starts from the full, current record:
    /// it is fetched and the form opens when it arrives.
    pub(super) fn edit_selected(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("editing") {
            return Vec::new();
        }
        let effects = self.open_detail();
        if let Some(d) = self.detail.as_mut() {
            d.edit_when_loaded = true;
            d.only_for_edit = true;
        }
        effects
    }

    pub(super) fn on_detail_action(&mut self, action: Action) -> Vec<Effect> {
        if let Some(effects) = self.on_tab_action(action) {
            return effects;
        }
        // The tab bar takes one of the list's rows: a page is exactly what the view shows,
        // so PgDn never skips a line.
        let page = (self.rows() as i32 - 1).max(1);
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
            Action::ScrollRight | Action::ScrollLeft => {
                // Sideways by a third of a screen; at 0 long lines wrap again.
                let step = (self.width / 3).max(1);
                if let Some(d) = self.detail.as_mut() {
                    d.hscroll = if action == Action::ScrollRight {
                        d.hscroll.saturating_add(step)
                    } else {
                        d.hscroll.saturating_sub(step)
                    };
                }
                Vec::new()
            }
            Action::Top => scroll(self, -i32::from(u16::MAX)),
            Action::Bottom => scroll(self, i32::from(u16::MAX)),
            Action::Back => {
                // Leaving drops interest in the pending fetch: its ticket no longer matches.
                self.detail = None;
                Vec::new()
            }
            Action::Edit if self.refuse_read_only("editing") => Vec::new(),
            Action::Edit => {
                match self.detail.as_mut() {
                    Some(Detail {
                        record: Some(record),
                        ..
                    }) => {
                        let record = record.clone();
                        return self.open_form(&record);
                    }
                    Some(d) => d.edit_when_loaded = true,
                    None => {}
                }
                Vec::new()
            }
            Action::Refresh => self.refresh_detail(),
            Action::Delete => self.ask_delete(),
            Action::CopyId => self.copy_id(),
            Action::CopyJson => self.copy_json(),
            Action::CommandLine => self.open_command_line(),
            Action::Help => self.show_help(),
            Action::Messages => self.show_messages(),
            Action::Quit | Action::Interrupt => self.quit(),
            _ => Vec::new(),
        }
    }

    pub(super) fn refresh_detail(&mut self) -> Vec<Effect> {
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
}
