//! The config file's `[keys]` from the file to the key map: every mistake is reported with
//! its line, and a good table changes what keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runtype_tui::app::{Action, Context};
use runtype_tui::cli::keys::keymap;
use runtype_tui::config::{FileConfig, load};

/// `text` as a private config file (a readable one is refused before it is parsed).
fn private_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    (dir, path)
}

fn loaded(text: &str) -> FileConfig {
    let (_dir, path) = private_file(text);
    load(&path).expect("the file parses")
}

/// Every mistake at once, each with its line, listed in the order of the file.
#[test]
fn mistakes_are_reported_with_their_lines() {
    let text = r#"theme = "dark"

[keys]
fly = "x"

[keys.lst]
down = "n"

[keys.list]
up = "ctrl-"
top = "n"

[keys.form]
save = "s"
"#;
    let err = keymap(&loaded(text)).expect_err("all wrong");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "[keys] is not valid:");
    let want = [
        "line 4, [keys] fly: no such action",
        "line 7: no context `lst` (one of: list, detail, form, prompt, triage, help, dialog, offer, confirm)",
        "line 10, [keys.list] up: `ctrl-` is not a key",
        "line 11: n in list is bound to more than one action: top (here) and new-record (a default key)",
        "line 14, [keys.form] save: `s` types text there",
    ];
    assert_eq!(lines.len(), want.len() + 1, "{err}");
    for (got, want) in lines[1..].iter().zip(want) {
        assert!(
            got.trim_start().starts_with(want),
            "{got:?} should start with {want:?}"
        );
    }
}

#[test]
fn a_wrong_type_stops_the_load_with_its_line() {
    let (_dir, path) = private_file("[keys.list]\n\ndown = 5\n");
    let err = load(&path).expect_err("a number is no key").to_string();
    assert!(err.contains("line 3") && err.contains("`down`"), "{err}");
}

#[test]
fn a_good_table_changes_the_keys() {
    let map = keymap(&loaded(
        "[keys]\nhelp = [\"f1\", \"H\"]\n[keys.detail]\nedit = \"E\"\n",
    ))
    .expect("valid");
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(map.resolve(Context::List, &press('H')), Some(Action::Help));
    assert_eq!(map.resolve(Context::List, &press('?')), None);
    // `H` is text in the form: F1 stays its only help key there.
    assert_eq!(map.resolve(Context::Form, &press('H')), None);
    assert_eq!(
        map.key_for(Action::Help, Context::Form).as_deref(),
        Some("F1")
    );
    assert_eq!(
        map.resolve(Context::Detail, &press('E')),
        Some(Action::Edit)
    );
    assert_eq!(map.resolve(Context::List, &press('e')), Some(Action::Edit));
}

#[test]
fn a_remapped_triage_verb_may_not_take_a_triage_action_key() {
    let text = "[triage.keys]\n\"x\" = \"status=open\"\n\n[keys.triage]\nskip = \"x\"\n";
    let err = keymap(&loaded(text)).expect_err("x is taken");
    assert!(
        err.contains("line 5: x in triage is bound to skip and to a [triage.keys] action"),
        "{err}"
    );
    // The default one-key actions count too.
    let err = keymap(&loaded("[keys]\nskip = \"1\"\n")).expect_err("1 is taken");
    assert!(err.contains("line 2: 1 in triage"), "{err}");
}
