//! The bottom line: a notice when there is one, else the main keys of the current screen.

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::app::action::hints_except;
use crate::app::profile::is_write;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Some(notice) = &app.notice {
        frame.render_widget(
            Paragraph::new(Line::styled(text::fit(notice, width), theme.ok())),
            area,
        );
        return;
    }
    let context = app.context();
    let mut spans = Vec::new();
    let mut used = 0;
    let read_only = app.profile.as_ref().is_some_and(|p| p.read_only);
    for (key, what) in hints_except(context, |a| read_only && is_write(a)) {
        let piece = format!(" {key} {what} ");
        if used + text::width(&piece) > width {
            break;
        }
        used += text::width(&piece);
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::styled(format!(" {what} "), theme.muted()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
