//! What is drawn over a screen: the search and type prompts, help, and the unsaved-changes
//! question.

use super::centered;
use super::text::{fit, safe, width};
use super::theme::Theme;
use crate::app::action::help_lines;
use crate::app::drafting::Offer;
use crate::app::form::draft::Draft;
use crate::app::{AfterGuard, App, Context, Prompt};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn prompt(app: &App, p: &Prompt, theme: Theme, frame: &mut Frame, area: Rect) -> Position {
    let (label, field) = match p {
        Prompt::Search(f) => ("/ search: ", f),
        Prompt::Local(f) => ("f filter loaded: ", f),
        Prompt::Type { field, .. } => ("type: ", field),
        Prompt::Confirm(f) => ("type the profile name to write: ", f),
        Prompt::Command(cl) => return super::command_line::render(cl, theme, frame, area),
    };
    let line_area = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    let room = usize::from(area.width).saturating_sub(label.len() + 1);
    let typed = safe(&field.text()).into_owned();
    let shown = if width(&typed) > room {
        fit(&typed, room)
    } else {
        typed
    };
    frame.render_widget(Clear, line_area);
    let line = Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(shown.clone()),
    ]);
    frame.render_widget(Paragraph::new(line), line_area);
    let x = line_area.x
        + (label.len() + width(&shown)).min(usize::from(area.width.saturating_sub(1))) as u16;
    if let Prompt::Type {
        field, selected, ..
    } = p
    {
        type_choices(app, &field.text(), *selected, theme, frame, line_area);
    }
    Position::new(x, line_area.y)
}

fn type_choices(
    app: &App,
    typed: &str,
    selected: usize,
    theme: Theme,
    frame: &mut Frame,
    line: Rect,
) {
    let choices = app.type_choices(typed);
    let h = (choices.len() as u16).min(8).min(line.y);
    if h == 0 {
        return;
    }
    let w = choices
        .iter()
        .map(|c| width(&safe(c)))
        .max()
        .unwrap_or(0)
        .clamp(12, 40) as u16
        + 2;
    let area = Rect {
        x: line.x + 6,
        y: line.y - h,
        width: w.min(line.width.saturating_sub(6)),
        height: h,
    };
    let start = selected.saturating_sub(usize::from(h) - 1);
    let lines: Vec<Line<'_>> = choices
        .iter()
        .enumerate()
        .skip(start)
        .take(usize::from(h))
        .map(|(i, c)| {
            let style = if i == selected {
                theme.selected()
            } else {
                Style::new()
            };
            Line::styled(format!(" {} ", fit(c, usize::from(w) - 2)), style)
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn help(context: Context, theme: Theme, frame: &mut Frame, area: Rect) {
    let entries = help_lines(context);
    let key_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line<'_>> = entries
        .into_iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), theme.key()),
                Span::raw(d),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Esc closes this help", theme.muted()));
    let name = match context {
        Context::Form => "edit form",
        Context::Detail => "record detail",
        _ => "record list",
    };
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered().title(Span::styled(format!(" Keys: {name} "), theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

pub fn guard(then: AfterGuard, theme: Theme, frame: &mut Frame, area: Rect) {
    let doing = match then {
        AfterGuard::CloseForm => "closing the form",
        AfterGuard::Quit => "quitting",
        AfterGuard::SwitchProfile => "switching profiles",
    };
    let lines = vec![
        Line::raw(format!(" You have unsaved changes. Save before {doing}?")),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" s", theme.key()),
            Span::raw(" save   "),
            Span::styled("d", theme.key()),
            Span::raw(" discard   "),
            Span::styled("Esc", theme.key()),
            Span::raw(" keep editing"),
        ]),
    ];
    let box_area = centered(area, 60, 5);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered().title(Span::styled(" Unsaved changes ", theme.error()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// A draft left by an earlier run: resume it, discard it, or decide later.
pub fn draft_offer(
    draft: &Draft,
    offer: &Offer,
    waiting: usize,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let name = fit(&draft.name, 56);
    let heading = if offer.in_form {
        " This record has unsaved edits from an earlier session:".to_owned()
    } else {
        format!(" Unsaved edits from an earlier session ({waiting} in all):")
    };
    let mut lines = vec![
        Line::raw(heading),
        Line::styled(format!(" {name}"), theme.label()),
    ];
    let changes = draft.changes();
    lines.extend(
        changes
            .iter()
            .take(5)
            .map(|c| Line::styled(format!("   {}", fit(c, 56)), theme.muted())),
    );
    if changes.len() > 5 {
        lines.push(Line::styled(
            format!("   … and {} more", changes.len() - 5),
            theme.muted(),
        ));
    }
    lines.push(Line::raw(""));
    let later = if offer.in_form {
        " edit the server's version (the draft stays)"
    } else {
        " later (O brings it back)"
    };
    // The keys show once they work: a key typed before then goes to the screen below.
    lines.push(if !offer.armed {
        Line::raw("")
    } else if offer.confirm_discard {
        Line::from(vec![
            Span::raw(" Discard these edits for good? "),
            Span::styled("y", theme.key()),
            Span::raw(" discard   any other key keeps them"),
        ])
    } else {
        Line::from(vec![
            Span::styled(" s", theme.key()),
            Span::raw(" resume   "),
            Span::styled("d", theme.key()),
            Span::raw(" discard…   "),
            Span::styled("Esc", theme.key()),
            Span::raw(later),
        ])
    });
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered().title(Span::styled(" Draft found ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}
