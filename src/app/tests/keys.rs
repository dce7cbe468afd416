//! Remapped keys in the running app: the new key acts, the old one no longer does in that
//! context, help, hints and `:keys` show what is in force; `:profile` and `:theme` names.

use super::*;
use crate::app::action::{Keymap, Remap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn remap(context: Option<&str>, action: &str, keys: &[&str]) -> Remap {
    Remap {
        context: context.map(str::to_owned),
        action: action.to_owned(),
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        line: 1,
    }
}

/// The loaded app with `j`/`k` moved to `n`/`p` on the list (and new-record off `n`), and
/// save on F5 in the form.
fn remapped() -> App {
    let mut a = loaded();
    a.keymap = Keymap::with_remaps(&[
        remap(Some("list"), "down", &["n"]),
        remap(Some("list"), "up", &["p"]),
        remap(Some("list"), "new-record", &["N"]),
        remap(Some("form"), "save", &["f5"]),
    ])
    .expect("valid remaps");
    a
}

fn screen(a: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(a.width, a.height)).expect("terminal");
    term.draw(|f| {
        crate::ui::render(a, f);
    })
    .expect("draw");
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.trim_end().to_owned() + "\n"
        })
        .collect()
}

fn run(a: &mut App, line: &str) -> Vec<Effect> {
    update(a, ch(':'));
    type_text(a, line);
    update(a, key(KeyCode::Enter))
}

fn prompt_line(a: &App) -> Option<(String, Option<String>)> {
    match &a.prompt {
        Some(Prompt::Command(cl)) => Some((
            cl.field.text(),
            cl.error.as_ref().map(|e| e.message.clone()),
        )),
        _ => None,
    }
}

#[test]
fn a_remapped_key_moves_and_the_old_one_no_longer_does_there() {
    let mut a = remapped();
    update(&mut a, ch('n'));
    assert_eq!(a.list.selected, 1, "n moves down now");
    assert!(a.form.is_none(), "n no longer opens a new record");
    update(&mut a, ch('j'));
    assert_eq!(a.list.selected, 1, "j does nothing on the list now");
    update(&mut a, ch('p'));
    assert_eq!(a.list.selected, 0);
    update(&mut a, ch('N'));
    assert!(
        a.form.as_ref().is_some_and(|f| f.creating),
        "N opens a new record"
    );
}

#[test]
fn a_remapped_save_saves_and_ctrl_s_no_longer_does() {
    let mut a = remapped();
    editing(&mut a);
    type_text(&mut a, "x");
    let fx = update(&mut a, ctrl('s'));
    assert!(
        !requests(&fx)
            .iter()
            .any(|e| matches!(e, Effect::SaveRecord { .. })),
        "Ctrl-S is not save in this form: {fx:?}"
    );
    let fx = update(&mut a, key(KeyCode::F(5)));
    save_effect(fx);
}

#[test]
fn help_and_hints_show_the_remapped_key() {
    let mut a = remapped();
    editing(&mut a);
    let bar = screen(&a);
    let status = bar.lines().last().unwrap_or_default();
    assert!(status.contains("F5 save"), "{status}");
    assert!(!status.contains("Ctrl-S"), "{status}");
    update(&mut a, key(KeyCode::F(1)));
    let help = screen(&a);
    assert!(
        help.lines().any(|l| l.contains("F5") && l.contains("save")),
        "{help}"
    );
    assert!(!help.contains("Ctrl-S"), "{help}");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::F(1)));
    let list_help = screen(&a);
    assert!(
        list_help
            .lines()
            .any(|l| l.contains(" n ") && l.contains("down")),
        "{list_help}"
    );
}

#[test]
fn keys_lists_every_context_and_marks_the_remapped() {
    let mut a = remapped();
    a.height = 40;
    run(&mut a, "keys");
    assert!(a.help && a.keys_shown);
    insta::assert_snapshot!("keys_screen_top", screen(&a));
    // It scrolls like the help, to its last line, and closes with Esc.
    update(&mut a, ch('G'));
    let bottom = screen(&a);
    assert!(bottom.contains("[keys.confirm]"), "{bottom}");
    assert!(bottom.contains("* remapped"), "{bottom}");
    update(&mut a, key(KeyCode::Esc));
    assert!(!a.help && !a.keys_shown);
}

#[test]
fn tab_completes_profile_and_theme_names() {
    let mut a = loaded();
    a.profile_names = Some(vec!["prod".into(), "staging".into()]);
    update(&mut a, ch(':'));
    type_text(&mut a, "profile st");
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(
        prompt_line(&a).map(|p| p.0).as_deref(),
        Some("profile staging ")
    );
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch(':'));
    type_text(&mut a, "theme hi");
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(
        prompt_line(&a).map(|p| p.0).as_deref(),
        Some("theme high-contrast ")
    );
}

#[test]
fn an_unknown_profile_keeps_the_prompt_open_with_the_error() {
    let mut a = loaded();
    a.profile_names = Some(vec!["prod".into(), "staging".into()]);
    let fx = run(&mut a, "profile nosuch");
    assert!(fx.is_empty(), "nothing is switched: {fx:?}");
    let (text, error) = prompt_line(&a).expect("the prompt stays open");
    assert_eq!(text, "profile nosuch");
    assert_eq!(
        error.as_deref(),
        Some("no profile `nosuch`; defined: prod, staging")
    );
    update(&mut a, key(KeyCode::Esc));
    let fx = run(&mut a, "profile prod");
    assert!(
        matches!(fx.as_slice(), [Effect::SaveHistory { .. }, Effect::SwitchProfile { name }] if name == "prod"),
        "{fx:?}"
    );
}
