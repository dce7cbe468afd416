//! Named styles by role, from a built-in theme (`dark`, `light`, `high-contrast`) with the
//! config file's overrides. With `NO_COLOR` set, no colour is used, whatever the theme says;
//! focus, selection and errors stay visible through bold, reverse and underline.

use crate::app::theme::ThemeChoice;
use ratatui::style::{Color, Modifier, Style};

/// The roles a `[theme]` table may override, in the order help lists them.
pub const ROLES: &[&str] = &[
    "title",
    "header",
    "selection",
    "muted",
    "label",
    "focus",
    "error",
    "ok",
    "key",
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    color: bool,
    styles: [Style; 9],
}

const fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// A built-in theme's styles, in `ROLES` order.
fn builtin(name: &str) -> Option<[Style; 9]> {
    let fg = |c: Color| Style::new().fg(c);
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    let underlined = Modifier::BOLD | Modifier::UNDERLINED;
    let styles = match name {
        "dark" => [
            fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(underlined),
            reversed,
            fg(Color::DarkGray),
            fg(Color::Blue).add_modifier(Modifier::BOLD),
            fg(Color::Yellow).add_modifier(underlined),
            fg(Color::Red).add_modifier(Modifier::BOLD),
            fg(Color::Green).add_modifier(Modifier::BOLD),
            fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ],
        "light" => [
            fg(Color::Blue).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(underlined),
            Style::new()
                .bg(Color::Rgb(0xd0, 0xe4, 0xff))
                .fg(Color::Black),
            fg(Color::Gray),
            fg(Color::Magenta).add_modifier(Modifier::BOLD),
            fg(Color::Rgb(0xa0, 0x50, 0x00)).add_modifier(underlined),
            fg(Color::Rgb(0xb0, 0x00, 0x00)).add_modifier(Modifier::BOLD),
            fg(Color::Rgb(0x00, 0x70, 0x00)).add_modifier(Modifier::BOLD),
            fg(Color::Blue).add_modifier(Modifier::BOLD),
        ],
        "high-contrast" => [
            fg(Color::White).add_modifier(underlined),
            Style::new().add_modifier(underlined),
            Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            fg(Color::White),
            fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            Style::new()
                .bg(Color::White)
                .fg(Color::Black)
                .add_modifier(underlined),
            Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        ],
        _ => return None,
    };
    Some(styles)
}

/// Without colour: the same roles told apart by weight, dimness, reverse and underline.
const MONO: [Style; 9] = [
    bold(),
    Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    Style::new().add_modifier(Modifier::REVERSED),
    Style::new().add_modifier(Modifier::DIM),
    bold(),
    Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    bold(),
    bold(),
    bold(),
];

/// `"bold yellow on blue"`: modifiers, a foreground colour, `on` and a background colour.
/// Errors say which word is wrong by position, never quoting it (it came from the file).
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut background = false;
    for (i, word) in text.split_whitespace().enumerate() {
        let modifier = match word.to_ascii_lowercase().as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "crossed-out" => Some(Modifier::CROSSED_OUT),
            "on" => {
                background = true;
                continue;
            }
            _ => None,
        };
        style = match (modifier, crate::config::parse_color(word)) {
            (Some(m), _) => style.add_modifier(m),
            (None, Some(c)) if background => style.bg(c),
            (None, Some(c)) => style.fg(c),
            (None, None) => {
                return Err(format!(
                    "word {} is not a colour (red, light-blue, #rrggbb) or a modifier \
                     (bold, dim, italic, underlined, reversed, crossed-out)",
                    i + 1
                ));
            }
        };
    }
    Ok(style)
}

impl Theme {
    /// The default dark theme (or no colour at all).
    pub fn new(no_color: bool) -> Self {
        Self::build(&ThemeChoice::default(), no_color).unwrap_or(Self {
            color: !no_color,
            styles: MONO,
        })
    }

    /// A built-in theme with overrides. `NO_COLOR` wins: colours are dropped from the
    /// overrides too, only their modifiers stay.
    pub fn build(choice: &ThemeChoice, no_color: bool) -> Result<Self, String> {
        let base = builtin(&choice.name).ok_or_else(|| {
            format!(
                "theme: not a built-in theme (expected one of {})",
                crate::app::theme::THEMES.join(", ")
            )
        })?;
        let mut styles = if no_color { MONO } else { base };
        for (role, text) in &choice.overrides {
            let Some(i) = ROLES.iter().position(|r| r == role) else {
                return Err(format!(
                    "[theme] has a role that is not one of: name, {}",
                    ROLES.join(", ")
                ));
            };
            let style = parse_style(text).map_err(|e| format!("[theme] {role}: {e}"))?;
            styles[i] = if no_color {
                styles[i].add_modifier(style.add_modifier)
            } else {
                style
            };
        }
        Ok(Self {
            color: !no_color,
            styles,
        })
    }

    pub fn title(self) -> Style {
        self.styles[0]
    }

    /// A fixed colour for roles no theme overrides; none under `NO_COLOR`.
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn header(self) -> Style {
        self.styles[1]
    }

    pub fn selected(self) -> Style {
        self.styles[2]
    }

    /// A row picked for a bulk command (beside the `●` mark, which shows without colour).
    pub fn marked(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        self.styles[3]
    }

    pub fn label(self) -> Style {
        self.styles[4]
    }

    pub fn focused(self) -> Style {
        self.styles[5]
    }

    pub fn error(self) -> Style {
        self.styles[6]
    }

    pub fn ok(self) -> Style {
        self.styles[7]
    }

    /// Text a change takes away (struck through, so it shows without colour too).
    pub fn removed(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    /// Text a change adds.
    pub fn added(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.styles[8]
    }

    /// A profile's name: on its colour when colours are on (red for a protected profile
    /// without one), reversed when they are not.
    pub fn badge(self, color: Option<Color>, protected: bool) -> Style {
        match (self.color, color, protected) {
            (true, Some(c), _) => bold().bg(c).fg(Color::Black),
            (true, None, true) => bold().bg(Color::Red).fg(Color::White),
            _ => bold().add_modifier(Modifier::REVERSED),
        }
    }
}

#[cfg(test)]
mod tests;
