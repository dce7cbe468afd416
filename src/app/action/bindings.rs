//! The default key map: which key means which verb where. New bindings go at the end of
//! [`DEFAULT_BINDINGS`].

use super::keyspec::KeySpec;
use super::{Action, Context};
use crossterm::event::KeyCode;

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
    bind(ch('Y'), Action::CopyJson, NAV, false),
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
    bind(ch('F'), Action::FilterBuilder, LIST, false),
    bind(key(KeyCode::Tab), Action::NextTab, &[C::Detail], false),
    bind(key(KeyCode::BackTab), Action::PrevTab, &[C::Detail], false),
    bind(ch('1'), Action::TabFields, &[C::Detail], false),
    bind(ch('2'), Action::TabMessages, &[C::Detail], false),
    bind(ch('3'), Action::TabResults, &[C::Detail], false),
    bind(ch('4'), Action::TabCosts, &[C::Detail], false),
    bind(ch('5'), Action::TabRaw, &[C::Detail], false),
    bind(key(KeyCode::Enter), Action::Open, &[C::Detail], false),
];
