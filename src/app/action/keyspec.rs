//! One key with its modifiers: how a pressed key matches it, how it is written in the config
//! file (`ctrl-s`, `alt-o`, `shift-tab`, `f1`, `space`, `G`) and how it is shown.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with modifiers, as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Named keys of the config syntax; the first name of a key is the one written back.
const NAMED: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("page-up", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("page-down", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("minus", KeyCode::Char('-')),
];

impl KeySpec {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    pub const fn ctrl_key(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::CONTROL,
        }
    }

    pub const fn alt(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::ALT,
        }
    }

    pub fn matches(&self, key: &KeyEvent) -> bool {
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

    /// The same key for conflict checks: Ctrl with a letter is one key in either case.
    pub fn normalized(self) -> Self {
        match self.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => Self {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods: self.mods,
            },
            _ => self,
        }
    }

    /// True for a key that types a character where text is typed (no Ctrl or Alt).
    pub fn types_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// Parses the config syntax: modifiers `ctrl-`, `alt-`, `shift-` (any case, in any
    /// order), then one character (`j`, `G`, `?`) or a key name (`enter`, `f5`, `page-up`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let found = [
                ("ctrl-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
            ]
            .into_iter()
            .find(|(p, _)| lower.starts_with(p) && lower.len() > p.len());
            let Some((prefix, m)) = found else { break };
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let code = key_code(rest).ok_or_else(|| {
            "not a key (write one character, or a name such as enter, esc, tab, space, up, \
             page-down, f5, with ctrl-, alt- or shift- before it)"
                .to_owned()
        })?;
        Ok(with_shift(code, mods).normalized())
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
        if self.mods.contains(KeyModifiers::SHIFT) {
            label.push_str("Shift-");
        }
        label + &base
    }
}

/// The key a name or single character stands for (names in any case, characters as typed).
fn key_code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let lower = text.to_ascii_lowercase();
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Some(*code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

/// Shift is folded into what the terminal sends: `shift-tab` is BackTab and `shift-g` is
/// `G`; on other keys (arrows, F keys) it stays a modifier.
fn with_shift(code: KeyCode, mods: KeyModifiers) -> KeySpec {
    if !mods.contains(KeyModifiers::SHIFT) {
        return KeySpec { code, mods };
    }
    let rest = mods - KeyModifiers::SHIFT;
    match code {
        KeyCode::Tab | KeyCode::BackTab => KeySpec {
            code: KeyCode::BackTab,
            mods: rest,
        },
        KeyCode::Char(c) => KeySpec {
            code: KeyCode::Char(c.to_ascii_uppercase()),
            mods: rest,
        },
        _ => KeySpec { code, mods },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::ctrl("ctrl-s", KeySpec::ctrl('s'), "Ctrl-S")]
    #[case::ctrl_upper_case_name("Ctrl-S", KeySpec::ctrl('S'), "Ctrl-S")]
    #[case::alt("alt-o", KeySpec::alt(KeyCode::Char('o')), "Alt-o")]
    #[case::shift_tab("shift-tab", KeySpec::plain(KeyCode::BackTab), "Shift-Tab")]
    #[case::shift_letter("shift-g", KeySpec::plain(KeyCode::Char('G')), "G")]
    #[case::f1("f1", KeySpec::plain(KeyCode::F(1)), "F1")]
    #[case::space("space", KeySpec::plain(KeyCode::Char(' ')), "Space")]
    #[case::enter("Enter", KeySpec::plain(KeyCode::Enter), "Enter")]
    #[case::char_as_typed("G", KeySpec::plain(KeyCode::Char('G')), "G")]
    #[case::a_dash("-", KeySpec::plain(KeyCode::Char('-')), "-")]
    #[case::ctrl_dash("ctrl--", KeySpec::ctrl('-'), "Ctrl--")]
    #[case::alt_up("alt-up", KeySpec::alt(KeyCode::Up), "Alt-↑")]
    #[case::shift_up(
        "shift-up",
        KeySpec { code: KeyCode::Up, mods: KeyModifiers::SHIFT },
        "Shift-↑"
    )]
    fn parses_and_shows(#[case] text: &str, #[case] want: KeySpec, #[case] label: &str) {
        let got = KeySpec::parse(text).expect("parses");
        assert_eq!(got.normalized(), want.normalized());
        assert_eq!(got.label(), label);
    }

    #[rstest]
    #[case::empty("")]
    #[case::unknown_name("hyper")]
    #[case::modifier_alone("ctrl-")]
    #[case::f0("f0")]
    #[case::f99("f99")]
    #[case::two_chars("jk")]
    fn refuses(#[case] text: &str) {
        assert!(KeySpec::parse(text).is_err(), "{text:?} should not parse");
    }

    #[test]
    fn a_parsed_key_matches_what_the_terminal_sends() {
        let g = KeySpec::parse("shift-g").expect("parses");
        assert!(g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        let s = KeySpec::parse("ctrl-s").expect("parses");
        assert!(s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)));
    }
}
