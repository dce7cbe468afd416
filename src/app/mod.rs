//! All state and all decisions. [`update`] is the only place state changes: it is synchronous,
//! touches no terminal, network, clock or disk, and returns the effects for the runtime to run.

pub mod action;
pub mod arrange;
pub mod bulk;
pub mod clash;
pub mod command;
pub mod command_line;
pub mod complete;
mod copy;
mod dispatch;
pub mod drafting;
mod editing;
pub mod effect;
pub mod external;
pub mod files;
pub mod filter_builder;
/// The `:filter` syntax lives in `api` so headless commands can use it without `app`.
pub use crate::api::filter_expr;
mod answers;
pub mod form;
pub mod help;
mod input;
pub mod keys_screen;
mod known_names;
pub mod list;
pub mod local;
pub mod messages;
pub mod msg;
mod opening;
pub mod profile;
mod prompt;
pub mod records;
pub mod remote;
pub mod row;
pub mod selection;
pub mod set_expr;
pub mod tabs;
pub mod theme;
mod to_end;
pub mod triage;
pub mod views;
pub mod writes;

pub use action::{Action, Context};
pub use dispatch::update;
pub use effect::{Effect, SaveError};
pub use msg::Msg;

use crate::api::Record;
use form::Form;
use form::TextField;
use list::ListState;
use remote::Remote;

/// A request's identity. Results carry it back; one that is no longer current is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(pub u64);

/// The detail view of one record.
#[derive(Debug, Clone)]
pub struct Detail {
    pub id: String,
    /// What the list knew, shown until the full record arrives.
    pub summary: row::Row,
    /// The full record, fetched when the view opens (and after a save).
    pub record: Option<Record>,
    pub load: Remote<()>,
    pub scroll: u16,
    /// Columns scrolled sideways; 0 means long lines wrap instead.
    pub hscroll: u16,
    /// Open the form as soon as the record is here (`e` pressed on the list).
    pub edit_when_loaded: bool,
    /// Opened only to edit from the list: closing the form goes back to the list.
    pub only_for_edit: bool,
    /// Open a form for a new record copied from this one once it is here (`:new --copy`).
    pub copy_when_loaded: bool,
    /// Copy the record as JSON once it is here (`Y` pressed on the list).
    pub yank_when_loaded: bool,
    /// Keys and pastes typed while the form was on its way; applied to it when it opens.
    pub typed_ahead: Vec<Msg>,
    /// Which tab is shown, and the runs and costs loaded for it.
    pub tabs: tabs::Tabs,
}

/// A one-line input over the list.
#[derive(Debug, Clone)]
pub enum Prompt {
    Search(TextField),
    /// Narrows the loaded rows as typed; nothing is sent.
    Local(TextField),
    Type {
        field: TextField,
        selected: usize,
        /// A `:filter` line waiting for the type to search.
        then: Option<String>,
    },
    /// The `:` command line.
    Command(Box<command_line::CommandLine>),
    /// Over the form: go to the metadata key whose name contains the typed text.
    Jump(TextField),
    /// A protected profile's name, typed before a write.
    Confirm(TextField),
}

/// No type is highlighted in the type prompt: `Enter` on empty text clears the type filter.
pub const NO_CHOICE: usize = usize::MAX;

/// What to do once the unsaved-changes question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterGuard {
    CloseForm,
    Quit,
    /// `:profile NAME` (the name waits in `App::pending_profile`).
    SwitchProfile,
    /// Open the record a save clashed with (its id waits in `App::pending_open`).
    OpenClash,
}

/// Where the app's data comes from, shown in the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct App {
    pub source: Source,
    pub list: ListState,
    pub detail: Option<Detail>,
    pub form: Option<Box<Form>>,
    pub prompt: Option<Prompt>,
    /// What the open search or loaded-rows prompt had applied when it opened: `Esc` goes back
    /// to it.
    pub prompt_origin: String,
    /// The unsaved-changes question, and what follows it.
    pub guard: Option<AfterGuard>,
    /// After a save the user asked for in the guard: what to do once it succeeds.
    pub after_save: Option<AfterGuard>,
    pub help: bool,
    /// The help shows the `:` commands instead of the keys (`:help`).
    pub command_help: bool,
    /// The help shows the message log instead of the keys (`M`, `:messages`).
    pub messages_shown: bool,
    /// How far the help (or message log) is scrolled, in lines.
    pub help_scroll: u16,
    /// The last messages shown (status line and form banners), oldest first, in full.
    pub messages: messages::MessageLog,
    /// Lines run at `:`, oldest first; the runtime loads and stores them per profile.
    pub command_history: Vec<String>,
    /// Metadata keys and values fetched for Tab completion.
    pub known: complete::Known,
    /// A one-line message in the status bar.
    pub notice: Option<String>,
    pub width: u16,
    pub height: u16,
    pub now_ms: i64,
    pub spinner: usize,
    /// Set when the app should end, with the process exit code.
    pub exit: Option<u8>,
    /// `NO_COLOR`: draw without colour (whatever the theme says).
    pub no_color: bool,
    /// The theme and its overrides (`theme` / `[theme]` in the config file, `:theme`).
    pub theme: theme::ThemeChoice,
    /// Ctrl-Z was pressed: the runtime hands the terminal back to the shell until resumed.
    pub suspend: bool,
    /// Where drafts are journaled (shown when a save fails); `None` when they are not.
    pub drafts_dir: Option<String>,
    /// The pending pause before the open form's draft is written.
    pub draft_due: Option<Ticket>,
    /// Drafts left by an earlier run and not yet resumed or discarded.
    pub drafts_offer: Vec<form::draft::Draft>,
    /// The draft offer on screen, if any.
    pub offer: Option<drafting::Offer>,
    /// A key was pressed since start: drafts found after it are not put in the way.
    pub typed: bool,
    /// The question before deleting a record, and the delete in flight.
    pub delete: Option<records::DeleteAsk>,
    /// The `:history` screen (the journal of writes), when open.
    pub journal_view: Option<writes::HistoryView>,
    /// `:undo` without the screen: undo the newest write once the journal is read.
    pub undo_newest: bool,
    /// A write (not the form's save) waiting for a protected profile's name.
    after_confirm: Option<Vec<Effect>>,
    /// A triage key waiting for a protected profile's name: it acts once the name is typed.
    after_confirm_key: Option<crossterm::event::KeyEvent>,
    /// Where the API key came from (`RUNTYPE_API_KEY`, `the key file PATH`, ...), so a 401
    /// says where to look.
    pub key_source: Option<String>,
    /// The records bulk commands act on.
    pub selection: selection::Selection,
    /// A bulk change in progress: preview, confirmation, outcome.
    pub bulk: Option<bulk::Bulk>,
    /// Esc asked whether to clear this large a selection (`None` inside: "all matching").
    pub ask_clear: Option<Option<u64>>,
    /// The saved views of this profile and the one in use; the runtime loads and stores them.
    pub views: views::ViewBook,
    /// The profile in use, if any (read-only and protected tiers live here).
    pub profile: Option<profile::Profile>,
    /// The protected profile's name was typed this session.
    pub profile_confirmed: bool,
    /// The name was just typed for the save waiting on it (every-write mode).
    write_confirmed_once: bool,
    /// `:profile NAME` waiting for the unsaved-changes question.
    pending_profile: Option<String>,
    /// Triage mode (`T`, `:triage`): the queue, its actions in flight, its undo.
    pub triage: Option<triage::Triage>,
    /// The triage keys (defaults, or from the config's `[triage]` table) and who "me" is.
    pub triage_keys: triage::Keymap,
    /// The lookup after a 409: which record has the form's (type, name).
    pub clash: Option<clash::Clash>,
    /// The record to open once the unsaved-changes question is answered.
    pending_open: Option<String>,
    /// Ctrl-X was pressed in the form: a Ctrl-E next opens the value in the editor.
    pub chord: bool,
    /// Metadata text from the editor that did not parse, kept for `:edit metadata`: the
    /// form it belongs to, and the text.
    pub kept_edit: Option<(String, String)>,
    /// The `:export` running in the background, if any.
    pub export: Option<files::ExportRun>,
    /// The `:import` screen (preview, upload, outcome), when open.
    pub import: Option<files::ImportScreen>,
    /// The `F` filter builder, when open.
    pub builder: Option<Box<filter_builder::Builder>>,
    next_ticket: u64,
    /// The keys in force: the defaults with the config's `[keys]` on top.
    pub keymap: action::Keymap,
    /// The help shows the table of keys in force instead (`:keys`).
    pub keys_shown: bool,
    /// The config file's profile names, for `:profile` (`None`: not told, nothing checked).
    pub profile_names: Option<Vec<String>>,
}

impl App {
    /// A new app. Touches nothing outside itself, so tests can run it on any backend.
    pub fn new(source: Source, width: u16, height: u16, now_ms: i64) -> Self {
        Self {
            source,
            list: ListState::default(),
            detail: None,
            form: None,
            prompt: None,
            prompt_origin: String::new(),
            guard: None,
            after_save: None,
            help: false,
            command_help: false,
            messages_shown: false,
            help_scroll: 0,
            messages: messages::MessageLog::default(),
            command_history: Vec::new(),
            known: complete::Known::default(),
            notice: None,
            width,
            height,
            now_ms,
            spinner: 0,
            exit: None,
            no_color: false,
            theme: theme::ThemeChoice::default(),
            suspend: false,
            drafts_dir: None,
            draft_due: None,
            drafts_offer: Vec::new(),
            offer: None,
            typed: false,
            delete: None,
            journal_view: None,
            undo_newest: false,
            after_confirm: None,
            after_confirm_key: None,
            key_source: None,
            selection: selection::Selection::None,
            bulk: None,
            ask_clear: None,
            views: views::ViewBook::default(),
            profile: None,
            profile_confirmed: false,
            write_confirmed_once: false,
            pending_profile: None,
            triage: None,
            triage_keys: triage::Keymap::default(),
            clash: None,
            pending_open: None,
            chord: false,
            kept_edit: None,
            export: None,
            import: None,
            builder: None,
            next_ticket: 0,
            keymap: action::Keymap::default(),
            keys_shown: false,
            profile_names: None,
        }
    }

    /// The effects to run at start: the first page (of the view in use when the app last
    /// quit, if any).
    pub fn start(&mut self) -> Vec<Effect> {
        if let Some(name) = self.views.current.clone() {
            self.set_view(&name);
        }
        vec![self.load_first_page(), Effect::ListDrafts]
    }

    fn triage_owns(&self, ticket: Ticket) -> bool {
        self.triage.as_ref().is_some_and(|t| t.owns(ticket))
    }

    fn ticket(&mut self) -> Ticket {
        self.next_ticket += 1;
        Ticket(self.next_ticket)
    }

    /// Where keys go right now.
    pub fn context(&self) -> Context {
        let asking_delete = self.delete.as_ref().is_some_and(|d| d.asking());
        if self.guard.is_some() || asking_delete {
            Context::Dialog
        } else if self.offer.is_some() {
            Context::Offer
        } else if self.bulk.is_some() || self.ask_clear.is_some() {
            Context::Confirm
        } else if self.help {
            Context::Help
        } else if self.prompt.is_some() || self.builder.is_some() {
            Context::Prompt
        } else if self.form.is_some() {
            Context::Form
        } else if self.detail.is_some() {
            Context::Detail
        } else if self.triage.as_ref().is_some_and(|t| !t.closed) {
            Context::Triage
        } else {
            Context::List
        }
    }

    /// True when the screen shows only the list (no other screen or overlay above it).
    pub fn showing_bare_list(&self) -> bool {
        self.context() == Context::List
            && self.list.load.loaded().is_some()
            && !self.list.records.is_empty()
    }

    /// True while anything is in flight (the runtime ticks the spinner only then).
    pub fn is_busy(&self) -> bool {
        self.list.load.is_loading()
            || self.detail.as_ref().is_some_and(|d| d.load.is_loading())
            || self.detail.as_ref().is_some_and(|d| d.tabs.is_busy())
            || self
                .form
                .as_ref()
                .is_some_and(|f| matches!(f.status, form::SaveStatus::Saving(_)))
            || self
                .builder
                .as_deref()
                .is_some_and(|b| b.count_wait.is_some())
            || self.bulk.as_ref().is_some_and(|b| {
                matches!(
                    b.stage,
                    bulk::Stage::Previewing(_) | bulk::Stage::Applying(_)
                )
            })
    }

    fn load_first_page(&mut self) -> Effect {
        let ticket = self.ticket();
        self.list.load = Remote::Loading(ticket);
        self.list.appending = false;
        self.list.debounce = None;
        self.list.to_end = false;
        Effect::LoadPage {
            ticket,
            query: Box::new(self.list.query(None)),
        }
    }

    /// Asks again for the page that was just refused (with the list's new page size).
    fn reload_same_page(&mut self) -> Vec<Effect> {
        if !self.list.appending {
            return vec![self.load_first_page()];
        }
        let ticket = self.ticket();
        self.list.load = Remote::Loading(ticket);
        vec![Effect::LoadPage {
            ticket,
            query: Box::new(self.list.query(self.list.next_cursor.clone())),
        }]
    }

    fn load_next_page(&mut self) -> Option<Effect> {
        if !self.list.wants_more() {
            return None;
        }
        self.next_page()
    }

    /// The list's next page, whatever the cursor: triage asks for it as its queue runs low.
    fn next_page(&mut self) -> Option<Effect> {
        if !self.list.has_more || self.list.load.is_loading() {
            return None;
        }
        let ticket = self.ticket();
        self.list.load = Remote::Loading(ticket);
        self.list.appending = true;
        Some(Effect::LoadPage {
            ticket,
            query: Box::new(self.list.query(self.list.next_cursor.clone())),
        })
    }
}

/// What a 401 says: the key was rejected, and where it came from.
pub fn key_rejected(key_source: Option<&str>) -> String {
    match key_source {
        Some(source) => format!("the API key was rejected (401); check {source}"),
        None => "the API key was rejected (401); check the API key".to_owned(),
    }
}

/// A 400 that is about the page size (`details[].path` or the message names `limit`).
fn refuses_limit(e: &crate::api::ApiError) -> bool {
    let Some(body) = e.body().filter(|_| e.status() == Some(400)) else {
        return false;
    };
    body.details()
        .iter()
        .any(|d| d.path.as_deref() == Some("limit") || d.field.as_deref() == Some("limit"))
        || body.message().to_ascii_lowercase().contains("limit")
}

#[cfg(test)]
pub(crate) mod tests;
