use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn typed(t: &mut PlainText, text: &str) {
    for c in text.chars() {
        t.input(key(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[test]
fn typing_deleting_and_moving_by_character_and_word() {
    let mut t = PlainText::new("héllo wörld", false);
    typed(&mut t, "!");
    assert_eq!(t.text(), "héllo wörld!");
    t.input(key(KeyCode::Backspace, KeyModifiers::NONE));
    t.input(key(KeyCode::Char('b'), KeyModifiers::ALT));
    typed(&mut t, "new ");
    assert_eq!(t.text(), "héllo new wörld");
    t.input(key(KeyCode::Char('a'), KeyModifiers::CONTROL));
    t.input(key(KeyCode::Char('d'), KeyModifiers::CONTROL));
    assert_eq!(t.text(), "éllo new wörld");
    t.input(key(KeyCode::Char('d'), KeyModifiers::ALT));
    assert_eq!(t.text(), " new wörld");
    t.input(key(KeyCode::Char('e'), KeyModifiers::CONTROL));
    t.input(key(KeyCode::Char('w'), KeyModifiers::CONTROL));
    assert_eq!(t.text(), " new ");
    t.input(key(KeyCode::Left, KeyModifiers::NONE));
    t.input(key(KeyCode::Char('k'), KeyModifiers::CONTROL));
    assert_eq!(t.text(), " new");
}

#[test]
fn undo_and_redo_walk_every_change_back_and_forth() {
    let mut t = PlainText::new("a", true);
    t.paste("b\nc");
    typed(&mut t, "d");
    t.input(key(KeyCode::Char('w'), KeyModifiers::CONTROL));
    assert_eq!(t.text(), "ab\n");
    for want in ["ab\ncd", "ab\nc", "a"] {
        assert!(t.input(key(KeyCode::Char('_'), KeyModifiers::CONTROL)));
        assert_eq!(t.text(), want);
    }
    assert!(
        !t.input(key(KeyCode::Char('_'), KeyModifiers::CONTROL)),
        "nothing left"
    );
    assert!(t.input(key(KeyCode::Char('r'), KeyModifiers::CONTROL)));
    assert_eq!(t.text(), "ab\nc");
    assert_eq!(t.cursor_pos(), Pos { row: 1, byte: 1 });
}

#[test]
fn lines_join_and_split_and_single_line_refuses_breaks() {
    let mut t = PlainText::new("one\ntwo", true);
    t.input(key(KeyCode::Up, KeyModifiers::NONE));
    t.input(key(KeyCode::End, KeyModifiers::NONE));
    t.input(key(KeyCode::Delete, KeyModifiers::NONE));
    assert_eq!(t.text(), "onetwo");
    t.input(key(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(t.lines(), ["one", "two"]);
    let mut single = PlainText::new("x", false);
    assert!(!single.input(key(KeyCode::Enter, KeyModifiers::NONE)));
    assert_eq!(single.text(), "x");
}
