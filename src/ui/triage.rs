//! Triage mode: the queue on the left, the current ticket in full on the right, the
//! progress in the title.

use super::text::{cell, safe};
use super::theme::Theme;
use crate::app::triage::{Item, State, Triage};
use crate::app::{Action, App, Context};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The mark before a queued ticket: what became of it (`·` waiting, not fetched yet).
fn mark(item: &Item) -> &'static str {
    match &item.state {
        State::Waiting if item.record.is_none() => "·",
        State::Waiting => " ",
        State::Skipped => "↷",
        State::Sending { .. } => "…",
        State::Done { .. } => "✓",
        State::Failed { .. } => "✗",
    }
}

fn queue_lines<'a>(t: &Triage, width: usize, rows: usize, theme: Theme) -> Vec<Line<'a>> {
    // Keep the current ticket in view, a few rows from the top.
    let first = t.at.saturating_sub(rows / 3);
    t.items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, item)| {
            let style = if i == t.at {
                theme.selected()
            } else if matches!(item.state, State::Failed { .. }) {
                theme.error()
            } else {
                ratatui::style::Style::new()
            };
            let text = format!(
                "{} {}",
                mark(item),
                cell(&item.summary.name, width.saturating_sub(2))
            );
            Line::styled(text, style)
        })
        .collect()
}

/// What happened to the ticket, and the keys that act on it.
fn state_lines<'a>(app: &App, item: &Item, theme: Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    match &item.state {
        State::Failed { what, why } => out.push(Line::styled(
            format!("✗ {} not saved: {}", safe(what), safe(why)),
            theme.error(),
        )),
        State::Done { what } => out.push(Line::styled(format!("✓ {}", safe(what)), theme.ok())),
        State::Sending { what, .. } => {
            out.push(Line::styled(
                format!("… sending {}", safe(what)),
                theme.muted(),
            ));
        }
        State::Skipped => out.push(Line::styled("↷ skipped", theme.muted())),
        State::Waiting => {}
    }
    let mut keys = Vec::new();
    for a in &app.triage_keys.actions {
        keys.push(Span::styled(format!(" {}", a.key), theme.key()));
        keys.push(Span::styled(format!(" {} ", safe(&a.text)), theme.muted()));
    }
    out.push(Line::from(keys));
    out.push(Line::raw(""));
    out
}

fn ticket_lines<'a>(app: &App, t: &Triage, theme: Theme) -> Vec<Line<'a>> {
    let Some(item) = t.current() else {
        return vec![
            Line::styled("The queue is done.", theme.ok()),
            Line::styled(
                format!(
                    "{} goes back to the list; {} goes back to a ticket.",
                    app.keymap.say(Action::Back, Context::Triage),
                    app.keymap.say(Action::Up, Context::Triage)
                ),
                theme.muted(),
            ),
        ];
    };
    let mut out = state_lines(app, item, theme);
    match (&item.record, &item.load_error) {
        (Some(record), _) => out.extend(super::detail::lines(record, app.now_ms, theme)),
        (None, Some(e)) => out.push(Line::styled(
            format!("The ticket could not be loaded: {}", safe(e)),
            theme.error(),
        )),
        (None, None) => {
            out.push(Line::styled(
                safe(&item.summary.name).into_owned(),
                theme.label(),
            ));
            out.push(Line::styled("Loading the ticket…", theme.muted()));
        }
    }
    out
}

pub fn render(app: &App, t: &Triage, theme: Theme, frame: &mut Frame, area: Rect) {
    let title = Line::from(vec![
        Span::styled(" Triage ", theme.title()),
        Span::raw(format!("· {} · {} ", safe(&t.describe), t.progress())),
    ]);
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let left = (inner.width / 3).clamp(16, 44);
    let [queue, ticket] =
        Layout::horizontal([Constraint::Length(left), Constraint::Min(1)]).areas(inner);
    let rows = usize::from(queue.height);
    let width = usize::from(queue.width.saturating_sub(1));
    let queue_block = Block::new().borders(ratatui::widgets::Borders::RIGHT);
    frame.render_widget(
        Paragraph::new(queue_lines(t, width, rows, theme)).block(queue_block),
        queue,
    );
    let body = Paragraph::new(ticket_lines(app, t, theme)).wrap(Default::default());
    frame.render_widget(body, ticket);
}
