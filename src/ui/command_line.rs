//! The `:` prompt at the bottom: the line, what Tab offers above it, and for a line that did
//! not run, a mark under the part at fault with the reason.

use super::text::{around_cursor, fit, safe, width};
use super::theme::Theme;
use crate::app::command::help_lines;
use crate::app::command_line::CommandLine;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const LABEL: &str = ":";

/// Draws the prompt on the last row of `area`; returns where the cursor goes.
pub fn render(cl: &CommandLine, theme: Theme, frame: &mut Frame, area: Rect) -> Position {
    let line_area = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    let room = usize::from(area.width).saturating_sub(LABEL.len() + 1);
    let text = cl.field.text();
    let (shown, col) = around_cursor(&text, cl.field.cursor_byte().1, room);
    frame.render_widget(Clear, line_area);
    let line = Line::from(vec![
        Span::styled(LABEL, theme.key()),
        Span::raw(shown.clone()),
    ]);
    frame.render_widget(Paragraph::new(line), line_area);
    let above = Rect {
        y: line_area.y.saturating_sub(1),
        ..line_area
    };
    if above.y < line_area.y {
        if let Some(e) = &cl.error {
            // A span may point just past the text (a missing argument) or, from a parser's
            // mistake, into a character: the marker then stands at the end, never a panic.
            let before = text.get(..e.span.start).unwrap_or(&text);
            let at = width(&safe(before));
            let marked = text
                .get(e.span.clone())
                .map_or(1, |s| width(&safe(s)).max(1));
            let mark = format!(
                "{}{} {}",
                " ".repeat(LABEL.len() + at),
                "^".repeat(marked),
                e.message
            );
            frame.render_widget(Clear, above);
            let shown = fit(&mark, usize::from(above.width));
            frame.render_widget(Paragraph::new(Line::styled(shown, theme.error())), above);
        } else if let Some(offer) = &cl.offer {
            frame.render_widget(Clear, above);
            frame.render_widget(Paragraph::new(offer_line(offer, theme, above.width)), above);
        } else if cl.waiting.is_some() {
            frame.render_widget(Clear, above);
            let waiting = Line::styled(" asking the server…", theme.muted());
            frame.render_widget(Paragraph::new(waiting), above);
        }
    }
    let x = line_area.x + (LABEL.len() + col).min(usize::from(area.width.saturating_sub(1))) as u16;
    Position::new(x, line_area.y)
}

/// The candidates in one line, `open 42  pending 7`, the chosen one highlighted.
fn offer_line<'a>(offer: &crate::app::complete::Offer, theme: Theme, w: u16) -> Line<'a> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, c) in offer.candidates.iter().enumerate() {
        let count = c.count.map(|n| format!(" {n}")).unwrap_or_default();
        let piece = format!(" {}{count} ", safe(&c.text));
        if used + width(&piece) > usize::from(w) {
            spans.push(Span::styled("…", theme.muted()));
            break;
        }
        used += width(&piece);
        let style = if offer.selected == Some(i) {
            theme.selected()
        } else {
            Style::new()
        };
        spans.push(Span::styled(piece, style));
    }
    Line::from(spans)
}

/// `:help`: every command with its one line, from the command table.
pub fn help(scroll: u16, theme: Theme, frame: &mut Frame, area: Rect) {
    let entries = help_lines();
    let usage_w = entries.iter().map(|(u, _)| width(u)).max().unwrap_or(0);
    let mut lines: Vec<Line<'_>> = entries
        .into_iter()
        .map(|(u, h)| {
            Line::from(vec![
                Span::styled(format!(" :{u:<usage_w$}  "), theme.key()),
                Span::raw(h),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Tab completes; ↑/↓ walk the history. Esc closes this help",
        theme.muted(),
    ));
    let box_area = super::centered(area, 100, lines.len() as u16 + 2);
    super::overlay::clear_box(frame, box_area);
    let block = Block::bordered().title(Span::styled(" Commands ", theme.title()));
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        box_area,
    );
}
