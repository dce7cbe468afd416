//! The `:history` screen: the journal of writes, newest first, the selected one highlighted.

use super::centered;
use super::text::fit;
use super::theme::Theme;
use crate::app::writes::HistoryView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn render(view: &HistoryView, theme: Theme, frame: &mut Frame, area: Rect) {
    let box_area = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(5),
    );
    let inner_w = usize::from(box_area.width.saturating_sub(2));
    let rows = usize::from(box_area.height.saturating_sub(3)).max(1);
    let mut lines: Vec<Line<'_>> = Vec::new();
    if view.loading.is_some() {
        lines.push(Line::styled(" Reading the journal…", theme.muted()));
    } else if view.entries.is_empty() {
        lines.push(Line::styled(
            " No writes yet: saves, creates and deletes are listed here.",
            theme.muted(),
        ));
    }
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (i, e) in view.entries.iter().enumerate().skip(first).take(rows) {
        let text = format!(" {}", fit(&e.summary(), inner_w.saturating_sub(1)));
        let style = if i == view.selected {
            theme.selected()
        } else {
            theme.label()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Clear, box_area);
    let title = Span::styled(" Journal of writes (newest first) ", theme.title());
    let hint = Line::styled(
        " Enter open the record  u undo it  Esc close",
        theme.muted(),
    );
    let block = Block::bordered().title(title).title_bottom(hint);
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}
