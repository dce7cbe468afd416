//! `:keys`: the keys in force per context (verb, keys, what it does), remapped ones marked.

use super::overlay::{scroll_keys, scrolled_box};
use super::text::width;
use super::theme::Theme;
use crate::app::App;
use crate::app::action::KeyRow;
use crate::app::keys_screen::KeysLine;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The widest the table gets.
const KEYS_WIDTH: u16 = 100;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let table = app.keys_lines();
    let rows = || {
        table.iter().filter_map(|l| match l {
            KeysLine::Row(r) => Some(r),
            _ => None,
        })
    };
    let name_w = rows().map(|r| r.action.name().len()).max().unwrap_or(0);
    let keys_w = rows().map(|r| width(&r.keys)).max().unwrap_or(0).min(24);
    let mut lines: Vec<Line<'_>> = table
        .iter()
        .map(|l| match l {
            KeysLine::Heading(c) => Line::styled(format!(" [keys.{}]", c.name()), theme.header()),
            KeysLine::Blank => Line::raw(""),
            KeysLine::Row(r) => row_line(r, (name_w, keys_w), theme),
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " * remapped by the config file's [keys] ·{}",
            scroll_keys(&app.keymap)
        ),
        theme.muted(),
    ));
    let w = area.width.min(KEYS_WIDTH);
    scrolled_box(
        " Keys in force ",
        lines,
        app.help_scroll,
        w,
        theme,
        frame,
        area,
    );
}

/// A verb, its keys and what it does, in columns `widths` wide; `*` marks a remapped one.
fn row_line<'a>(r: &KeyRow, widths: (usize, usize), theme: Theme) -> Line<'a> {
    let (name_w, keys_w) = widths;
    let mark = if r.remapped { "*" } else { " " };
    Line::from(vec![
        Span::styled(format!(" {mark} "), theme.focused()),
        Span::raw(format!("{:<name_w$}  ", r.action.name())),
        Span::styled(format!("{:<keys_w$}  ", r.keys), theme.key()),
        Span::styled(r.what, theme.muted()),
    ])
}
