//! The bottom line: a notice when there is one, else the keys of the current screen. The help
//! and quit keys always show; the others as room allows.

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::app::action::{Action, Hint};
use crate::app::profile::is_write;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn piece_width(h: &Hint) -> usize {
    text::width(&format!(" {} {} ", h.key, h.what))
}

/// The hints that fit in `width`: help and quit first reserve their room, then the others
/// in table order; shown in table order.
pub fn fitting(all: Vec<Hint>, width: usize) -> Vec<Hint> {
    let pinned = |h: &Hint| matches!(h.action, Action::Help | Action::Quit);
    let mut used: usize = all.iter().filter(|h| pinned(h)).map(piece_width).sum();
    all.into_iter()
        .filter(|h| {
            if pinned(h) {
                return true;
            }
            let w = piece_width(h);
            if used + w > width {
                return false;
            }
            used += w;
            true
        })
        .collect()
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Some(notice) = &app.notice {
        frame.render_widget(
            Paragraph::new(Line::styled(text::fit(notice, width), theme.ok())),
            area,
        );
        return;
    }
    // The offer's keys show only once they work (type-ahead must not answer it).
    if app.offer.as_ref().is_some_and(|o| !o.armed) && app.guard.is_none() {
        return;
    }
    let mut spans = Vec::new();
    let read_only = app.profile.as_ref().is_some_and(|p| p.read_only);
    let shown = app
        .keymap
        .hints_except(app.context(), |a| read_only && is_write(a));
    for h in fitting(shown, width) {
        spans.push(Span::styled(format!(" {}", h.key), theme.key()));
        spans.push(Span::styled(format!(" {} ", h.what), theme.muted()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
