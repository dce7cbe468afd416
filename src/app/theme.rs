//! The theme chosen (a built-in name and the config file's role overrides) and `:theme`;
//! `ui::theme` turns it into styles.

use super::{App, Effect};

/// The built-in themes, the first being the default.
pub const THEMES: &[&str] = &["dark", "light", "high-contrast"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeChoice {
    pub name: String,
    /// `[theme]` role overrides: (role, style text), checked at start.
    pub overrides: Vec<(String, String)>,
}

impl Default for ThemeChoice {
    fn default() -> Self {
        Self {
            name: THEMES[0].to_owned(),
            overrides: Vec::new(),
        }
    }
}

impl App {
    /// `:theme NAME`: switches the built-in theme; the config file's overrides stay on top.
    pub(super) fn set_theme(&mut self, name: String) -> Vec<Effect> {
        self.notice = Some(if self.no_color {
            format!("Theme {name} chosen; NO_COLOR is set, so no colour is shown.")
        } else {
            format!("Theme {name}.")
        });
        self.theme.name = name;
        Vec::new()
    }
}
