//! The default key map and remapping it.

use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
#[case::esc_is_back_in_form(Context::Form, KeyCode::Esc, KeyModifiers::NONE, Some(Action::Back))]
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
#[case::alt_up_moves_row(Context::Form, KeyCode::Up, KeyModifiers::ALT, Some(Action::MoveRowUp))]
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
#[case::ctrl_d_deletes_a_character(Context::Form, KeyCode::Char('d'), KeyModifiers::CONTROL, None)]
#[case::ctrl_u_kills_to_start(Context::Form, KeyCode::Char('u'), KeyModifiers::CONTROL, None)]
#[case::ctrl_delete_removes_a_row(
    Context::Form,
    KeyCode::Delete,
    KeyModifiers::CONTROL,
    Some(Action::RemoveRow)
)]
#[case::question_mark_types_in_form(Context::Form, KeyCode::Char('?'), KeyModifiers::SHIFT, None)]
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
#[case::f1_helps_in_prompt(Context::Prompt, KeyCode::F(1), KeyModifiers::NONE, Some(Action::Help))]
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
#[case::shift_f_builds_a_filter(
    Context::List,
    KeyCode::Char('F'),
    KeyModifiers::SHIFT,
    Some(Action::FilterBuilder)
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
    assert_eq!(Keymap::default().resolve(ctx, &key(code, mods)), want);
}

#[test]
fn backtab_without_shift_flag_is_prev_field() {
    assert_eq!(
        Keymap::default().resolve(Context::Form, &key(KeyCode::BackTab, KeyModifiers::NONE)),
        Some(Action::PrevField)
    );
}

#[test]
fn names_are_unique_kebab_case() {
    let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Action::ALL.len(), "two verbs share a name");
    assert!(
        DEFAULT_BINDINGS
            .iter()
            .all(|b| Action::from_name(b.action.name()) == Some(b.action))
    );
    assert!(
        names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    );
}

#[test]
fn help_groups_keys_per_verb() {
    let lines = Keymap::default().help_lines(Context::List);
    let down = lines
        .iter()
        .find(|(_, d)| *d == "down")
        .expect("down is bound");
    assert_eq!(down.0, "j, ↓");
    assert!(
        Keymap::default()
            .hints(Context::Form)
            .iter()
            .any(|h| h.key == "Ctrl-S" && h.what == "save")
    );
}

fn remap(context: Option<&str>, action: &str, keys: &[&str], line: usize) -> Remap {
    Remap {
        context: context.map(str::to_owned),
        action: action.to_owned(),
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        line,
    }
}

fn press(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_remapped_verb_loses_its_default_keys_in_that_context_only() {
    let map = Keymap::with_remaps(&[
        remap(Some("list"), "down", &["n", "down"], 3),
        remap(Some("list"), "new-record", &["N"], 4),
    ])
    .expect("valid");
    assert_eq!(map.resolve(Context::List, &press('n')), Some(Action::Down));
    assert_eq!(map.resolve(Context::List, &press('j')), None);
    assert_eq!(
        map.resolve(Context::Detail, &press('j')),
        Some(Action::Down)
    );
    assert_eq!(
        map.key_for(Action::New, Context::List).as_deref(),
        Some("N")
    );
    assert!(map.is_remapped(Context::List, Action::Down));
    assert!(!map.is_remapped(Context::Detail, Action::Down));
}

#[test]
fn plain_keys_apply_wherever_the_verb_is_bound_but_not_as_text() {
    let map = Keymap::with_remaps(&[remap(None, "down", &["J", "down"], 2)]).expect("valid");
    for ctx in [
        Context::List,
        Context::Detail,
        Context::Help,
        Context::Triage,
    ] {
        assert_eq!(map.resolve(ctx, &press('J')), Some(Action::Down), "{ctx:?}");
        assert_eq!(map.resolve(ctx, &press('j')), None, "{ctx:?}");
    }
    // In the prompt `J` stays text; the arrow still moves.
    assert_eq!(map.resolve(Context::Prompt, &press('J')), None);
    let down = key(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(map.resolve(Context::Prompt, &down), Some(Action::Down));
}

#[test]
fn a_context_table_wins_over_plain_keys() {
    let map = Keymap::with_remaps(&[
        remap(None, "save", &["f5"], 2),
        remap(Some("form"), "save", &["f6"], 4),
    ])
    .expect("valid");
    assert_eq!(
        map.key_for(Action::Save, Context::Form).as_deref(),
        Some("F6")
    );
}

#[test]
fn hints_and_help_follow_the_remapped_key() {
    let map = Keymap::with_remaps(&[remap(Some("form"), "save", &["f5"], 2)]).expect("valid");
    assert!(
        map.hints(Context::Form)
            .iter()
            .any(|h| h.key == "F5" && h.what == "save")
    );
    assert!(!map.hints(Context::Form).iter().any(|h| h.key == "Ctrl-S"));
    assert!(
        map.help_lines(Context::Form)
            .contains(&("F5".to_owned(), "save"))
    );
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let errors = Keymap::with_remaps(&[
        remap(Some("list"), "fly", &["x"], 3),
        remap(Some("lst"), "down", &["x"], 4),
        remap(Some("list"), "up", &["ctrl-"], 5),
        remap(Some("list"), "top", &["n"], 6),
        remap(Some("form"), "save", &["s"], 7),
        remap(Some("list"), "save", &["ctrl-s"], 8),
    ])
    .expect_err("all wrong");
    let want = [
        "line 3, [keys.list] fly: no such action",
        "line 4: no context `lst`",
        "line 5, [keys.list] up: `ctrl-` is not a key",
        "line 7, [keys.form] save: `s` types text there",
        "line 8, [keys.list] save: does nothing in list (it has keys in: form)",
        "line 6: n in list is bound to more than one action: top (here) and new-record (a default key)",
    ];
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    for (got, want) in errors.iter().zip(want) {
        assert!(got.starts_with(want), "{got:?} should start with {want:?}");
    }
}

#[test]
fn two_remapped_verbs_on_one_key_are_reported_once_with_both_lines() {
    let errors = Keymap::with_remaps(&[
        remap(Some("detail"), "edit", &["x"], 3),
        remap(Some("detail"), "refresh", &["x"], 9),
    ])
    .expect_err("conflict");
    assert_eq!(
        errors,
        vec![
            "line 3: x in detail is bound to more than one action: edit (here) and \
              refresh (line 9); remap one of them too"
                .to_owned()
        ]
    );
}

#[test]
fn every_context_has_a_name_that_reads_back() {
    for c in Context::ALL {
        assert_eq!(Context::from_name(c.name()), Some(c));
    }
}
