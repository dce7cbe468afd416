//! Verbs and their default keys. Every key press is resolved to an [`Action`] in a
//! [`Context`] first; the help screen and the hint bar are generated from these bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// A key with modifiers, as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    const fn ctrl_key(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::CONTROL,
        }
    }

    const fn alt(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::ALT,
        }
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        // Shift is part of the character for letters and symbols ('G', '?') and of BackTab,
        // so it is ignored there and compared for everything else.
        let mods = match key.code {
            KeyCode::Char(_) | KeyCode::BackTab => key.modifiers - KeyModifiers::SHIFT,
            _ => key.modifiers,
        };
        let code = match (key.code, self.code) {
            // Legacy terminals send Ctrl-_ as the byte 0x1F, which reads as Ctrl-7; some
            // send it for Ctrl-/ too. All three are the one key.
            (KeyCode::Char('7' | '/'), KeyCode::Char('_')) => mods.contains(KeyModifiers::CONTROL),
            (KeyCode::Char(a), KeyCode::Char(b)) if mods.contains(KeyModifiers::CONTROL) => {
                a.eq_ignore_ascii_case(&b)
            }
            (a, b) => a == b,
        };
        code && mods == self.mods
    }

    /// How the key is shown in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl-");
            if matches!(self.code, KeyCode::Char(_)) {
                return label + &base.to_uppercase();
            }
        }
        if self.mods.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        label + &base
    }
}

/// One binding: a key, the verb, and where it applies.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub key: KeySpec,
    pub action: Action,
    pub contexts: &'static [Context],
    /// Shown in the one-line hint bar.
    pub hint: bool,
}

use Context as C;
const LIST: &[Context] = &[C::List];
const NAV: &[Context] = &[C::List, C::Detail];
const FORM: &[Context] = &[C::Form];
const PROMPT: &[Context] = &[C::Prompt];
/// Where moving and scrolling keys apply: the list, the detail view, and the help.
const SCROLLS: &[Context] = &[C::List, C::Detail, C::Help];
/// Screens without a text field, where printable keys are free to be commands.
const NO_TEXT: &[Context] = &[C::List, C::Detail, C::Help];
const EVERYWHERE: &[Context] = &[
    C::List,
    C::Detail,
    C::Form,
    C::Prompt,
    C::Dialog,
    C::Offer,
    C::Confirm,
    C::Help,
    C::Triage,
];
const TRIAGE: &[Context] = &[C::Triage];

const fn bind(key: KeySpec, action: Action, contexts: &'static [Context], hint: bool) -> Binding {
    Binding {
        key,
        action,
        contexts,
        hint,
    }
}

const fn key(code: KeyCode) -> KeySpec {
    KeySpec::plain(code)
}

const fn ch(c: char) -> KeySpec {
    KeySpec::plain(KeyCode::Char(c))
}

/// The default key map. Order matters: the first match wins, and hints follow this order.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    bind(KeySpec::ctrl('z'), Action::Suspend, EVERYWHERE, false),
    bind(KeySpec::ctrl('o'), Action::TakeTheirs, FORM, false),
    bind(KeySpec::ctrl('c'), Action::Interrupt, EVERYWHERE, false),
    bind(ch('?'), Action::Help, NO_TEXT, true),
    bind(key(KeyCode::F(1)), Action::Help, EVERYWHERE, true),
    bind(KeySpec::ctrl('s'), Action::Save, FORM, true),
    bind(
        KeySpec::alt(KeyCode::Char('s')),
        Action::SaveAndClose,
        FORM,
        true,
    ),
    bind(key(KeyCode::Enter), Action::Apply, PROMPT, true),
    bind(ch('s'), Action::Confirm, &[C::Dialog], true),
    bind(ch('s'), Action::Resume, &[C::Offer], true),
    bind(ch('d'), Action::Discard, &[C::Dialog, C::Offer], true),
    bind(
        key(KeyCode::Esc),
        Action::Back,
        &[
            C::Detail,
            C::Form,
            C::Prompt,
            C::Help,
            C::Dialog,
            C::Offer,
            C::Confirm,
            C::Triage,
        ],
        true,
    ),
    bind(key(KeyCode::Esc), Action::ClearFilter, LIST, false),
    bind(key(KeyCode::Tab), Action::NextField, FORM, false),
    bind(key(KeyCode::Tab), Action::Complete, PROMPT, false),
    bind(key(KeyCode::BackTab), Action::PrevField, FORM, false),
    // Ctrl-_ is undo in readline.
    bind(KeySpec::ctrl('_'), Action::Undo, FORM, true),
    bind(KeySpec::ctrl('r'), Action::Redo, FORM, false),
    bind(KeySpec::ctrl('g'), Action::JumpToKey, FORM, false),
    bind(
        KeySpec::alt(KeyCode::Char('o')),
        Action::OpenClash,
        FORM,
        false,
    ),
    bind(KeySpec::ctrl('n'), Action::AddRow, FORM, false),
    bind(
        KeySpec::ctrl_key(KeyCode::Delete),
        Action::RemoveRow,
        FORM,
        false,
    ),
    bind(
        KeySpec::alt(KeyCode::Delete),
        Action::RemoveRow,
        FORM,
        false,
    ),
    bind(KeySpec::ctrl('t'), Action::CycleValueType, FORM, false),
    // Ctrl-X Ctrl-E as in bash and zsh; Ctrl-E alone stays end-of-line.
    bind(KeySpec::ctrl('x'), Action::ExternalEditor, FORM, false),
    // `:` types text in the form, so the command line has a key of its own there.
    bind(key(KeyCode::F(2)), Action::CommandLine, FORM, false),
    bind(KeySpec::alt(KeyCode::Up), Action::MoveRowUp, FORM, false),
    bind(
        KeySpec::alt(KeyCode::Down),
        Action::MoveRowDown,
        FORM,
        false,
    ),
    bind(KeySpec::alt(KeyCode::Enter), Action::NewLine, FORM, false),
    bind(KeySpec::ctrl('j'), Action::NewLine, FORM, false),
    bind(
        KeySpec::ctrl_key(KeyCode::Home),
        Action::FirstField,
        FORM,
        false,
    ),
    bind(
        KeySpec::alt(KeyCode::Char('<')),
        Action::FirstField,
        FORM,
        false,
    ),
    bind(
        KeySpec::ctrl_key(KeyCode::End),
        Action::LastField,
        FORM,
        false,
    ),
    bind(
        KeySpec::alt(KeyCode::Char('>')),
        Action::LastField,
        FORM,
        false,
    ),
    bind(key(KeyCode::Up), Action::PrevField, FORM, false),
    bind(key(KeyCode::Down), Action::NextField, FORM, false),
    bind(key(KeyCode::Enter), Action::NextField, FORM, false),
    bind(
        key(KeyCode::Enter),
        Action::Open,
        &[C::List, C::Confirm],
        true,
    ),
    bind(ch(' '), Action::ToggleMark, LIST, false),
    bind(ch('V'), Action::ExtendMark, LIST, false),
    bind(ch('*'), Action::MarkAll, LIST, false),
    bind(ch('j'), Action::Down, SCROLLS, false),
    bind(
        key(KeyCode::Down),
        Action::Down,
        &[C::List, C::Detail, C::Help, C::Prompt],
        false,
    ),
    bind(ch('k'), Action::Up, SCROLLS, false),
    bind(
        key(KeyCode::Up),
        Action::Up,
        &[C::List, C::Detail, C::Help, C::Prompt],
        false,
    ),
    bind(key(KeyCode::PageDown), Action::PageDown, SCROLLS, false),
    bind(key(KeyCode::PageUp), Action::PageUp, SCROLLS, false),
    bind(ch('g'), Action::Top, SCROLLS, false),
    bind(key(KeyCode::Home), Action::Top, SCROLLS, false),
    bind(ch('G'), Action::Bottom, SCROLLS, false),
    bind(key(KeyCode::End), Action::Bottom, SCROLLS, false),
    bind(ch('e'), Action::Edit, NAV, true),
    bind(ch('/'), Action::Search, LIST, true),
    bind(ch('t'), Action::FilterType, LIST, true),
    bind(ch('O'), Action::ReviewDrafts, LIST, false),
    bind(ch('n'), Action::New, LIST, false),
    bind(ch('D'), Action::Delete, NAV, false),
    bind(ch('f'), Action::FilterLocal, LIST, false),
    bind(ch(':'), Action::CommandLine, NAV, false),
    bind(ch('M'), Action::Messages, NAV, false),
    bind(ch('h'), Action::ScrollLeft, &[C::Detail], false),
    bind(key(KeyCode::Left), Action::ScrollLeft, &[C::Detail], false),
    bind(ch('l'), Action::ScrollRight, &[C::Detail], false),
    bind(
        key(KeyCode::Right),
        Action::ScrollRight,
        &[C::Detail],
        false,
    ),
    bind(ch('r'), Action::Refresh, NAV, true),
    bind(ch('y'), Action::CopyId, NAV, false),
    bind(ch('Y'), Action::CopyJson, &[C::Detail], false),
    bind(ch('T'), Action::Triage, LIST, false),
    bind(ch('s'), Action::Skip, TRIAGE, true),
    bind(ch('e'), Action::Edit, TRIAGE, true),
    bind(ch('u'), Action::Undo, TRIAGE, true),
    bind(ch('j'), Action::Down, TRIAGE, false),
    bind(ch('k'), Action::Up, TRIAGE, false),
    bind(key(KeyCode::Down), Action::Down, TRIAGE, false),
    bind(key(KeyCode::Up), Action::Up, TRIAGE, false),
    bind(ch('?'), Action::Help, TRIAGE, false),
    bind(ch('q'), Action::Quit, NAV, true),
    bind(ch('q'), Action::Back, &[C::Help], false),
    bind(key(KeyCode::Tab), Action::NextTab, &[C::Detail], false),
    bind(key(KeyCode::BackTab), Action::PrevTab, &[C::Detail], false),
    bind(ch('1'), Action::TabFields, &[C::Detail], false),
    bind(ch('2'), Action::TabMessages, &[C::Detail], false),
    bind(ch('3'), Action::TabResults, &[C::Detail], false),
    bind(ch('4'), Action::TabCosts, &[C::Detail], false),
    bind(ch('5'), Action::TabRaw, &[C::Detail], false),
    bind(key(KeyCode::Enter), Action::Open, &[C::Detail], false),
];

/// The verb for a key in a context, if any.
pub fn resolve(context: Context, key: &KeyEvent) -> Option<Action> {
    DEFAULT_BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.key.matches(key))
        .map(|b| b.action)
}

/// All bindings of a context, for the help screen: (keys, description), one line per verb.
pub fn help_lines(context: Context) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, Action)> = Vec::new();
    for b in DEFAULT_BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
    {
        match lines.iter_mut().find(|(_, a)| *a == b.action) {
            Some((keys, _)) => {
                keys.push_str(", ");
                keys.push_str(&b.key.label());
            }
            None => lines.push((b.key.label(), b.action)),
        }
    }
    lines
        .into_iter()
        .map(|(k, a)| (k, a.describe_in(context)))
        .collect()
}

/// One entry of the hint bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub what: &'static str,
    pub action: Action,
}

/// The hint-bar entries of a context, one per verb (its first hinted key).
pub fn hints(context: Context) -> Vec<Hint> {
    hints_except(context, |_| false)
}

/// The hint-bar entries of a context without the actions `hide` names (a read-only
/// profile hides its writes).
pub fn hints_except(context: Context, hide: impl Fn(Action) -> bool) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for b in DEFAULT_BINDINGS
        .iter()
        .filter(|b| b.hint && b.contexts.contains(&context) && !hide(b.action))
    {
        if out.iter().all(|h| h.action != b.action) {
            out.push(Hint {
                key: b.key.label(),
                what: b.action.describe_in(context),
                action: b.action,
            });
        }
    }
    out
}

/// The first key bound to `action` in `context`, as shown to the user.
pub fn key_for(action: Action, context: Context) -> Option<String> {
    DEFAULT_BINDINGS
        .iter()
        .find(|b| b.action == action && b.contexts.contains(&context))
        .map(|b| b.key.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[rstest]
    #[case::j_moves_down(
        Context::List,
        KeyCode::Char('j'),
        KeyModifiers::NONE,
        Some(Action::Down)
    )]
    #[case::shift_g_is_bottom(
        Context::List,
        KeyCode::Char('G'),
        KeyModifiers::SHIFT,
        Some(Action::Bottom)
    )]
    #[case::question_mark_with_shift(
        Context::List,
        KeyCode::Char('?'),
        KeyModifiers::SHIFT,
        Some(Action::Help)
    )]
    #[case::ctrl_s_saves_in_form(
        Context::Form,
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
        Some(Action::Save)
    )]
    #[case::ctrl_shift_s_saves_too(Context::Form, KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT, Some(Action::Save))]
    #[case::plain_s_types_in_form(Context::Form, KeyCode::Char('s'), KeyModifiers::NONE, None)]
    #[case::q_types_in_form(Context::Form, KeyCode::Char('q'), KeyModifiers::NONE, None)]
    #[case::esc_is_back_in_form(
        Context::Form,
        KeyCode::Esc,
        KeyModifiers::NONE,
        Some(Action::Back)
    )]
    #[case::esc_clears_in_list(
        Context::List,
        KeyCode::Esc,
        KeyModifiers::NONE,
        Some(Action::ClearFilter)
    )]
    #[case::ctrl_c_everywhere(
        Context::Prompt,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
        Some(Action::Interrupt)
    )]
    #[case::alt_up_moves_row(
        Context::Form,
        KeyCode::Up,
        KeyModifiers::ALT,
        Some(Action::MoveRowUp)
    )]
    #[case::backtab(
        Context::Form,
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
        Some(Action::PrevField)
    )]
    #[case::colon_opens_the_command_line(
        Context::Detail,
        KeyCode::Char(':'),
        KeyModifiers::SHIFT,
        Some(Action::CommandLine)
    )]
    #[case::tab_completes_in_prompt(
        Context::Prompt,
        KeyCode::Tab,
        KeyModifiers::NONE,
        Some(Action::Complete)
    )]
    #[case::ctrl_underscore_undoes(
        Context::Form,
        KeyCode::Char('_'),
        KeyModifiers::CONTROL,
        Some(Action::Undo)
    )]
    #[case::ctrl_7_is_the_same_key(
        Context::Form,
        KeyCode::Char('7'),
        KeyModifiers::CONTROL,
        Some(Action::Undo)
    )]
    #[case::ctrl_d_deletes_a_character(
        Context::Form,
        KeyCode::Char('d'),
        KeyModifiers::CONTROL,
        None
    )]
    #[case::ctrl_u_kills_to_start(Context::Form, KeyCode::Char('u'), KeyModifiers::CONTROL, None)]
    #[case::ctrl_delete_removes_a_row(
        Context::Form,
        KeyCode::Delete,
        KeyModifiers::CONTROL,
        Some(Action::RemoveRow)
    )]
    #[case::question_mark_types_in_form(
        Context::Form,
        KeyCode::Char('?'),
        KeyModifiers::SHIFT,
        None
    )]
    #[case::alt_o_opens_the_clash(
        Context::Form,
        KeyCode::Char('o'),
        KeyModifiers::ALT,
        Some(Action::OpenClash)
    )]
    #[case::ctrl_x_starts_the_editor_chord(
        Context::Form,
        KeyCode::Char('x'),
        KeyModifiers::CONTROL,
        Some(Action::ExternalEditor)
    )]
    #[case::ctrl_e_alone_stays_end_of_line(
        Context::Form,
        KeyCode::Char('e'),
        KeyModifiers::CONTROL,
        None
    )]
    #[case::colon_types_in_form(Context::Form, KeyCode::Char(':'), KeyModifiers::NONE, None)]
    #[case::f2_opens_the_command_line_in_form(
        Context::Form,
        KeyCode::F(2),
        KeyModifiers::NONE,
        Some(Action::CommandLine)
    )]
    #[case::f1_helps_in_form(Context::Form, KeyCode::F(1), KeyModifiers::NONE, Some(Action::Help))]
    #[case::f1_helps_in_prompt(
        Context::Prompt,
        KeyCode::F(1),
        KeyModifiers::NONE,
        Some(Action::Help)
    )]
    #[case::enter_applies_in_prompt(
        Context::Prompt,
        KeyCode::Enter,
        KeyModifiers::NONE,
        Some(Action::Apply)
    )]
    #[case::s_resumes_a_draft(
        Context::Offer,
        KeyCode::Char('s'),
        KeyModifiers::NONE,
        Some(Action::Resume)
    )]
    #[case::q_quits_in_detail(
        Context::Detail,
        KeyCode::Char('q'),
        KeyModifiers::NONE,
        Some(Action::Quit)
    )]
    fn resolves_keys(
        #[case] ctx: Context,
        #[case] code: KeyCode,
        #[case] mods: KeyModifiers,
        #[case] want: Option<Action>,
    ) {
        assert_eq!(resolve(ctx, &key(code, mods)), want);
    }

    #[test]
    fn backtab_without_shift_flag_is_prev_field() {
        assert_eq!(
            resolve(Context::Form, &key(KeyCode::BackTab, KeyModifiers::NONE)),
            Some(Action::PrevField)
        );
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<&str> = DEFAULT_BINDINGS.iter().map(|b| b.action.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
    }

    #[test]
    fn help_groups_keys_per_verb() {
        let lines = help_lines(Context::List);
        let down = lines
            .iter()
            .find(|(_, d)| *d == "down")
            .expect("down is bound");
        assert_eq!(down.0, "j, ↓");
        assert!(
            hints(Context::Form)
                .iter()
                .any(|h| h.key == "Ctrl-S" && h.what == "save")
        );
    }
}
