//! Themes: the built-ins differ, overrides replace one role, NO_COLOR always wins.

use super::*;

fn choice(name: &str, overrides: &[(&str, &str)]) -> ThemeChoice {
    ThemeChoice {
        name: name.into(),
        overrides: overrides
            .iter()
            .map(|(r, s)| ((*r).to_owned(), (*s).to_owned()))
            .collect(),
    }
}

fn has_colour(s: Style) -> bool {
    s.fg.is_some() || s.bg.is_some()
}

#[test]
fn every_built_in_theme_builds_and_they_differ() {
    let themes: Vec<Theme> = crate::app::theme::THEMES
        .iter()
        .map(|n| Theme::build(&choice(n, &[]), false).expect("built in"))
        .collect();
    assert_eq!(themes.len(), 3);
    assert_ne!(themes[0].selected(), themes[1].selected());
    assert_ne!(themes[1].selected(), themes[2].selected());
    assert_eq!(themes[0], Theme::new(false), "dark is the default");
}

#[test]
fn an_override_replaces_one_role() {
    let t = Theme::build(
        &choice("dark", &[("selection", "bold black on yellow")]),
        false,
    )
    .expect("valid");
    let s = t.selected();
    assert_eq!((s.fg, s.bg), (Some(Color::Black), Some(Color::Yellow)));
    assert!(s.add_modifier.contains(Modifier::BOLD));
    assert_eq!(
        t.error(),
        Theme::new(false).error(),
        "other roles untouched"
    );
}

#[test]
fn no_color_wins_over_themes_and_overrides() {
    for name in crate::app::theme::THEMES {
        let t =
            Theme::build(&choice(name, &[("error", "underlined #ff0000")]), true).expect("valid");
        let all = [
            t.title(),
            t.header(),
            t.selected(),
            t.muted(),
            t.label(),
            t.focused(),
            t.error(),
            t.ok(),
            t.key(),
            t.badge(Some(Color::Red), true),
        ];
        assert!(all.iter().all(|s| !has_colour(*s)), "{name}");
        assert!(t.error().add_modifier.contains(Modifier::UNDERLINED));
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn mistakes_are_named_without_the_value() {
    let e = Theme::build(&choice("solarized", &[]), false).expect_err("unknown theme");
    assert!(
        e.contains("dark, light, high-contrast") && !e.contains("solarized"),
        "{e}"
    );
    let e = Theme::build(&choice("dark", &[("selektion", "bold")]), false).expect_err("role");
    assert!(e.contains("selection") && !e.contains("selektion"), "{e}");
    let e = Theme::build(&choice("dark", &[("error", "bold rt_live_SECRET")]), false)
        .expect_err("word");
    assert!(
        e.contains("error") && e.contains("word 2") && !e.contains("SECRET"),
        "{e}"
    );
}
