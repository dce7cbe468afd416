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
    Triage,
    Skip,
    Undo,
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
            Triage => "triage",
            Skip => "skip",
            Undo => "undo",
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
            Triage => "triage: work the list as a queue",
            Skip => "skip this ticket",
            Undo => "undo the last action",
        }
    }
}

/// Where a key is pressed; the same key means different verbs in different places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    List,
    Detail,
    Form,
    Prompt,
    Dialog,
    /// A bulk preview or summary, or the question before clearing a large selection.
    Confirm,
    Help,
    /// Triage mode: the queue and the current ticket.
    Triage,
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
            return label + &base.to_uppercase();
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
const EVERYWHERE: &[Context] = &[
    C::List,
    C::Detail,
    C::Form,
    C::Prompt,
    C::Dialog,
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

/// The default key map. Order matters: the first match wins, and hints follow this order.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    bind(KeySpec::ctrl('z'), Action::Suspend, EVERYWHERE, false),
    bind(KeySpec::ctrl('o'), Action::TakeTheirs, FORM, false),
    bind(KeySpec::ctrl('c'), Action::Interrupt, EVERYWHERE, false),
    bind(KeySpec::ctrl('s'), Action::Save, FORM, true),
    bind(
        KeySpec::plain(KeyCode::Esc),
        Action::Back,
        &[
            C::Detail,
            C::Form,
            C::Prompt,
            C::Help,
            C::Dialog,
            C::Confirm,
            C::Triage,
        ],
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Esc),
        Action::ClearFilter,
        LIST,
        false,
    ),
    bind(KeySpec::plain(KeyCode::Tab), Action::NextField, FORM, true),
    bind(
        KeySpec::plain(KeyCode::Tab),
        Action::Complete,
        &[C::Prompt],
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::BackTab),
        Action::PrevField,
        FORM,
        false,
    ),
    bind(KeySpec::ctrl('n'), Action::AddRow, FORM, true),
    bind(KeySpec::ctrl('d'), Action::RemoveRow, FORM, true),
    bind(KeySpec::ctrl('t'), Action::CycleValueType, FORM, true),
    bind(KeySpec::alt(KeyCode::Up), Action::MoveRowUp, FORM, false),
    bind(
        KeySpec::alt(KeyCode::Down),
        Action::MoveRowDown,
        FORM,
        false,
    ),
    bind(KeySpec::alt(KeyCode::Enter), Action::NewLine, FORM, false),
    bind(KeySpec::ctrl('j'), Action::NewLine, FORM, false),
    bind(KeySpec::plain(KeyCode::Up), Action::PrevField, FORM, false),
    bind(
        KeySpec::plain(KeyCode::Down),
        Action::NextField,
        FORM,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Enter),
        Action::NextField,
        FORM,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('s')),
        Action::Confirm,
        &[C::Dialog],
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('d')),
        Action::Discard,
        &[C::Dialog],
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Enter),
        Action::Open,
        &[C::List, C::Prompt, C::Confirm],
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char(' ')),
        Action::ToggleMark,
        LIST,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('V')),
        Action::ExtendMark,
        LIST,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('*')),
        Action::MarkAll,
        LIST,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('T')),
        Action::Triage,
        LIST,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('s')),
        Action::Skip,
        TRIAGE,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('e')),
        Action::Edit,
        TRIAGE,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('u')),
        Action::Undo,
        TRIAGE,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('j')),
        Action::Down,
        TRIAGE,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('k')),
        Action::Up,
        TRIAGE,
        false,
    ),
    bind(KeySpec::plain(KeyCode::Down), Action::Down, TRIAGE, false),
    bind(KeySpec::plain(KeyCode::Up), Action::Up, TRIAGE, false),
    bind(
        KeySpec::plain(KeyCode::Char('?')),
        Action::Help,
        TRIAGE,
        false,
    ),
    bind(KeySpec::plain(KeyCode::Char('j')), Action::Down, NAV, false),
    bind(
        KeySpec::plain(KeyCode::Down),
        Action::Down,
        &[C::List, C::Detail, C::Prompt],
        false,
    ),
    bind(KeySpec::plain(KeyCode::Char('k')), Action::Up, NAV, false),
    bind(
        KeySpec::plain(KeyCode::Up),
        Action::Up,
        &[C::List, C::Detail, C::Prompt],
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::PageDown),
        Action::PageDown,
        NAV,
        false,
    ),
    bind(KeySpec::plain(KeyCode::PageUp), Action::PageUp, NAV, false),
    bind(KeySpec::plain(KeyCode::Char('g')), Action::Top, NAV, false),
    bind(KeySpec::plain(KeyCode::Home), Action::Top, NAV, false),
    bind(
        KeySpec::plain(KeyCode::Char('G')),
        Action::Bottom,
        NAV,
        false,
    ),
    bind(KeySpec::plain(KeyCode::End), Action::Bottom, NAV, false),
    bind(KeySpec::plain(KeyCode::Char('e')), Action::Edit, NAV, true),
    bind(
        KeySpec::plain(KeyCode::Char('/')),
        Action::Search,
        LIST,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('t')),
        Action::FilterType,
        LIST,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('O')),
        Action::ReviewDrafts,
        LIST,
        false,
    ),
    bind(KeySpec::plain(KeyCode::Char('n')), Action::New, LIST, false),
    bind(
        KeySpec::plain(KeyCode::Char('D')),
        Action::Delete,
        &[C::List, C::Detail],
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('f')),
        Action::FilterLocal,
        LIST,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char(':')),
        Action::CommandLine,
        NAV,
        false,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('r')),
        Action::Refresh,
        NAV,
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::Char('?')),
        Action::Help,
        &[C::List, C::Detail],
        true,
    ),
    bind(
        KeySpec::plain(KeyCode::F(1)),
        Action::Help,
        &[C::List, C::Detail, C::Form],
        false,
    ),
    bind(KeySpec::plain(KeyCode::Char('q')), Action::Quit, NAV, true),
    bind(
        KeySpec::plain(KeyCode::Char('q')),
        Action::Back,
        &[C::Help],
        false,
    ),
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
    lines.into_iter().map(|(k, a)| (k, a.describe())).collect()
}

/// The hint-bar entries of a context: (key, short description).
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    DEFAULT_BINDINGS
        .iter()
        .filter(|b| b.hint && b.contexts.contains(&context))
        .map(|b| (b.key.label(), b.action.describe()))
        .collect()
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
                .any(|(k, d)| k == "Ctrl-S" && *d == "save")
        );
    }
}
