//! Verbs and where keys are pressed. Every key press is resolved to an [`Action`] in a
//! [`Context`] through the [`Keymap`] in force (the defaults of [`DEFAULT_BINDINGS`] with the
//! config's `[keys]` on top); help, hints and `:keys` are generated from it.
//!
//! New verbs go at the end of the [`Action`] enum (and of `name`, `describe` and `ALL`).

mod bindings;
mod keymap;
mod keyspec;
mod remap;
#[cfg(test)]
mod tests;

pub use bindings::{Binding, DEFAULT_BINDINGS};
pub use keymap::{Hint, KeyRow, Keymap};
pub use keyspec::KeySpec;
pub use remap::Remap;

/// What the user can ask for. Names are stable (kebab-case) for config files and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Interrupt,
    Suspend,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Edit,
    Refresh,
    Search,
    FilterType,
    FilterLocal,
    ClearFilter,
    Back,
    NextField,
    PrevField,
    Save,
    AddRow,
    RemoveRow,
    MoveRowUp,
    MoveRowDown,
    CycleValueType,
    NewLine,
    Confirm,
    Discard,
    TakeTheirs,
    CommandLine,
    ReviewDrafts,
    New,
    Delete,
    Complete,
    ToggleMark,
    ExtendMark,
    MarkAll,
    CopyId,
    CopyJson,
    Triage,
    Skip,
    Apply,
    Resume,
    Undo,
    Redo,
    SaveAndClose,
    FirstField,
    LastField,
    JumpToKey,
    Messages,
    ScrollLeft,
    ScrollRight,
    OpenClash,
    ExternalEditor,
    FilterBuilder,
    NextTab,
    PrevTab,
    TabFields,
    TabMessages,
    TabResults,
    TabCosts,
    TabRaw,
}

impl Action {
    pub fn name(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Interrupt => "interrupt",
            Suspend => "suspend",
            Help => "help",
            Up => "up",
            Down => "down",
            PageUp => "page-up",
            PageDown => "page-down",
            Top => "top",
            Bottom => "bottom",
            Open => "open",
            Edit => "edit",
            Refresh => "refresh",
            Search => "search",
            FilterType => "filter-type",
            FilterLocal => "filter-loaded",
            ClearFilter => "clear-filter",
            Back => "back",
            NextField => "next-field",
            PrevField => "prev-field",
            Save => "save",
            AddRow => "add-row",
            RemoveRow => "remove-row",
            MoveRowUp => "move-row-up",
            MoveRowDown => "move-row-down",
            CycleValueType => "cycle-value-type",
            NewLine => "new-line",
            Confirm => "confirm",
            Discard => "discard",
            TakeTheirs => "take-theirs",
            CommandLine => "command-line",
            ReviewDrafts => "review-drafts",
            New => "new-record",
            Delete => "delete-record",
            Complete => "complete",
            ToggleMark => "toggle-mark",
            ExtendMark => "extend-mark",
            MarkAll => "mark-all",
            CopyId => "copy-id",
            CopyJson => "copy-json",
            Triage => "triage",
            Skip => "skip",
            Apply => "apply",
            Resume => "resume-draft",
            Undo => "undo",
            Redo => "redo",
            SaveAndClose => "save-and-close",
            FirstField => "first-field",
            LastField => "last-field",
            JumpToKey => "jump-to-key",
            Messages => "messages",
            ScrollLeft => "scroll-left",
            ScrollRight => "scroll-right",
            OpenClash => "open-clash",
            ExternalEditor => "external-editor",
            FilterBuilder => "filter-builder",
            NextTab => "next-tab",
            PrevTab => "prev-tab",
            TabFields => "tab-fields",
            TabMessages => "tab-messages",
            TabResults => "tab-results",
            TabCosts => "tab-costs",
            TabRaw => "tab-raw",
        }
    }

    /// A short description for help and hints.
    pub fn describe(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Interrupt => "quit (asks first if edits are unsaved)",
            Suspend => "suspend to the shell (fg resumes)",
            Help => "help",
            Up => "up",
            Down => "down",
            PageUp => "page up",
            PageDown => "page down",
            Top => "first",
            Bottom => "last",
            Open => "open",
            Edit => "edit",
            Refresh => "refresh",
            Search => "search",
            FilterType => "filter by type",
            FilterLocal => "filter loaded rows",
            ClearFilter => "clear the selection, else the filters",
            Back => "back",
            NextField => "next field",
            PrevField => "previous field",
            Save => "save",
            AddRow => "add metadata row",
            RemoveRow => "remove metadata row",
            MoveRowUp => "move row up",
            MoveRowDown => "move row down",
            CycleValueType => "change value type",
            NewLine => "new line in value",
            Confirm => "save",
            Discard => "discard",
            TakeTheirs => "take their version of a marked field",
            CommandLine => "command line (:help lists commands)",
            ReviewDrafts => "drafts from an earlier session",
            New => "new record",
            Delete => "delete record (asks)",
            Complete => "complete",
            ToggleMark => "select or unselect the row",
            ExtendMark => "select from the last toggled row to here",
            MarkAll => "select all loaded rows",
            CopyId => "copy the id (OSC 52)",
            CopyJson => "copy the record as JSON (OSC 52)",
            Triage => "triage: work the list as a queue",
            Skip => "skip this ticket",
            Apply => "apply",
            Resume => "resume",
            Undo => "undo",
            Redo => "redo",
            SaveAndClose => "save and close",
            FirstField => "first field",
            LastField => "last field",
            JumpToKey => "go to a metadata key",
            Messages => "messages (full text)",
            ScrollLeft => "scroll left (back to wrapped at the start)",
            ScrollRight => "scroll right (long lines stop wrapping)",
            OpenClash => "open the record that has this name and type (after a 409)",
            ExternalEditor => "then Ctrl-E: the value in $VISUAL/$EDITOR",
            FilterBuilder => "build a filter step by step",
            NextTab => "next tab of the record",
            PrevTab => "previous tab of the record",
            TabFields => "tab: the record's fields",
            TabMessages => "tab: the record's messages",
            TabResults => "tab: the record's runs (Enter: steps, D: delete)",
            TabCosts => "tab: the record's costs",
            TabRaw => "tab: the record's JSON",
        }
    }

    /// The description where the verb means something particular to the screen.
    pub fn describe_in(self, context: Context) -> &'static str {
        match (self, context) {
            (Action::Back, Context::Dialog) => "keep editing",
            (Action::Back, Context::Offer) => "decide later",
            (Action::Back, Context::Prompt) => "cancel",
            (Action::Back, Context::Help) => "close",
            (Action::Back, Context::Confirm) => "cancel",
            (Action::Open, Context::Confirm) => "apply",
            (Action::Discard, Context::Offer) => "discard…",
            (Action::Undo, Context::Triage) => "undo the last action",
            (Action::Open, Context::Detail) => "Results tab: the run's step results",
            (Action::Delete, Context::Detail) => "delete record (asks); in Results, the run",
            _ => self.describe(),
        }
    }

    /// Every verb, for tests and help that must cover them all.
    pub const ALL: &'static [Action] = &[
        Action::Quit,
        Action::Interrupt,
        Action::Suspend,
        Action::Help,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Edit,
        Action::Refresh,
        Action::Search,
        Action::FilterType,
        Action::FilterLocal,
        Action::ClearFilter,
        Action::Back,
        Action::NextField,
        Action::PrevField,
        Action::Save,
        Action::AddRow,
        Action::RemoveRow,
        Action::MoveRowUp,
        Action::MoveRowDown,
        Action::CycleValueType,
        Action::NewLine,
        Action::Confirm,
        Action::Discard,
        Action::TakeTheirs,
        Action::CommandLine,
        Action::ReviewDrafts,
        Action::New,
        Action::Delete,
        Action::Complete,
        Action::ToggleMark,
        Action::ExtendMark,
        Action::MarkAll,
        Action::CopyId,
        Action::CopyJson,
        Action::Triage,
        Action::Skip,
        Action::Apply,
        Action::Resume,
        Action::Undo,
        Action::Redo,
        Action::SaveAndClose,
        Action::FirstField,
        Action::LastField,
        Action::JumpToKey,
        Action::Messages,
        Action::ScrollLeft,
        Action::ScrollRight,
        Action::OpenClash,
        Action::ExternalEditor,
        Action::FilterBuilder,
        Action::NextTab,
        Action::PrevTab,
        Action::TabFields,
        Action::TabMessages,
        Action::TabResults,
        Action::TabCosts,
        Action::TabRaw,
    ];
}

/// Where a key is pressed; the same key means different verbs in different places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    Detail,
    Form,
    Prompt,
    /// The unsaved-changes question.
    Dialog,
    /// The offer of a draft left by an earlier session.
    Offer,
    /// A bulk preview or summary, or the question before clearing a large selection.
    Confirm,
    /// Triage mode: the queue and the current ticket.
    Triage,
    Help,
}

impl Action {
    /// The verb a config file names (`save`, `page-down`).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

impl Context {
    /// Every context, in the order `:keys` lists them.
    pub const ALL: [Context; 9] = [
        Context::List,
        Context::Detail,
        Context::Form,
        Context::Prompt,
        Context::Triage,
        Context::Help,
        Context::Dialog,
        Context::Offer,
        Context::Confirm,
    ];

    /// The name in `[keys.NAME]` and on the `:keys` screen.
    pub fn name(self) -> &'static str {
        match self {
            Context::List => "list",
            Context::Detail => "detail",
            Context::Form => "form",
            Context::Prompt => "prompt",
            Context::Dialog => "dialog",
            Context::Offer => "offer",
            Context::Confirm => "confirm",
            Context::Triage => "triage",
            Context::Help => "help",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}
