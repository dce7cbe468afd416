//! The `F` filter builder box: the `:filter` line so far, its match count, the step's input
//! and list, and the keys of the step.

use super::centered;
use super::overlay::clear_box;
use super::text::{around_cursor, fit, fit_end, safe, width};
use super::theme::Theme;
use crate::app::App;
use crate::app::filter_builder::{Builder, Choice, Count, Step};
use crate::app::remote::Remote;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const W: u16 = 76;
/// Rows of the box that are not the list: the line, the count, the input, the keys.
const FIXED: u16 = 4;

fn label(b: &Builder) -> String {
    let field = b.field.as_ref().map_or("", |f| f.name.as_str());
    match (b.step, b.op) {
        (Step::Type, _) => " Type to search: ".to_owned(),
        (Step::Field, _) => " Field: ".to_owned(),
        (Step::Operator, _) => format!(" Operator for {field}:"),
        (Step::Value, Some(op)) => {
            let sym = op.label().split(' ').next().unwrap_or("");
            let which = match (op.arity(), b.values.len()) {
                (crate::app::filter_builder::term::Arity::Two, 0) => "low",
                (crate::app::filter_builder::term::Arity::Two, _) => "high",
                (crate::app::filter_builder::term::Arity::Days, _) => "days",
                _ => "value",
            };
            format!(" {field} {sym} {which}: ")
        }
        (Step::Value, None) => " Value: ".to_owned(),
        (Step::Review, _) => " Terms (ANDed):".to_owned(),
    }
}

fn keys(b: &Builder) -> &'static str {
    let set =
        b.op.is_some_and(|o| o.arity() == crate::app::filter_builder::term::Arity::Many);
    match b.step {
        Step::Review => "Enter apply · a add term · Bksp drop last · Esc close",
        Step::Operator => "j/k ↑↓ move · Enter pick · Esc back",
        Step::Value if set => "Tab add · Enter done · type to narrow · Esc back",
        _ => "type to narrow · ↑↓ move · Enter pick · Esc back",
    }
}

fn count_line(b: &Builder, app: &App, theme: Theme) -> Line<'static> {
    let text = match &b.count {
        Count::Unknown => "pick a type to count matches".to_owned(),
        Count::Counting => format!("{} counting…", super::spinner(app.spinner)),
        Count::Matches(1) => "1 record matches".to_owned(),
        Count::Matches(n) => format!("{n} records match"),
        Count::Failed(why) => format!("no count: {why}"),
    };
    let style = match b.count {
        Count::Failed(_) => theme.error(),
        Count::Matches(_) => theme.ok(),
        _ => theme.muted(),
    };
    Line::styled(format!(" {}", fit(&safe(&text), room_of(app))), style)
}

fn room_of(app: &App) -> usize {
    usize::from(W.min(app.width)).saturating_sub(3)
}

fn choice_line(c: &Choice, chosen: bool, room: usize, theme: Theme) -> Line<'static> {
    let detail = fit(&safe(&c.detail), room / 2);
    let text_room = room.saturating_sub(width(&detail) + 3);
    let text = fit(&safe(&c.text), text_room);
    let pad = room.saturating_sub(width(&text) + width(&detail) + 2);
    let mark = if chosen { ">" } else { " " };
    let body = format!(" {mark} {text}{}{detail}", " ".repeat(pad));
    if chosen {
        Line::styled(body, theme.selected())
    } else {
        Line::from(vec![
            Span::raw(format!(" {mark} {text}{}", " ".repeat(pad))),
            Span::styled(detail, theme.muted()),
        ])
    }
}

/// The rows of the list part: the step's choices around the highlighted one, or the terms.
fn list_lines(app: &App, b: &Builder, rows: usize, theme: Theme) -> Vec<Line<'static>> {
    let room = room_of(app);
    if b.step == Step::Review {
        return b
            .terms
            .iter()
            .take(rows)
            .map(|t| Line::raw(format!("   {}", fit(&safe(&t.spell()), room - 2))))
            .collect();
    }
    let choices = app.builder_choices();
    if choices.is_empty() {
        let why = match (&b.step, &b.fields) {
            (Step::Field, Remote::Loading(_)) => "loading the fields…".to_owned(),
            (Step::Field, Remote::Failed(e)) => format!("no fields from the server: {e}"),
            (Step::Value, _) if b.values_wait.is_some() => "loading values…".to_owned(),
            _ => "nothing to pick: type it".to_owned(),
        };
        return vec![Line::styled(
            format!("   {}", fit(&safe(&why), room - 2)),
            theme.muted(),
        )];
    }
    // A list longer than the box keeps its last row to say how many more there are.
    let fit_rows = if choices.len() > rows && rows > 1 {
        rows - 1
    } else {
        rows
    };
    let top = b
        .selected
        .map_or(0, |s| s.saturating_sub(fit_rows.saturating_sub(1)));
    let mut lines: Vec<Line<'static>> = choices
        .iter()
        .enumerate()
        .skip(top)
        .take(fit_rows)
        .map(|(i, c)| choice_line(c, b.selected == Some(i), room - 1, theme))
        .collect();
    let below = choices.len().saturating_sub(top + fit_rows);
    if below > 0 && fit_rows < rows {
        lines.push(Line::styled(format!("   ↓ {below} more"), theme.muted()));
    }
    lines
}

/// Draws the builder over the list; returns where the cursor goes while text is typed.
pub fn render(
    app: &App,
    b: &Builder,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<Position> {
    let want = FIXED + 2 + (app.builder_choices().len().max(b.terms.len()).clamp(1, 10)) as u16;
    let box_area = centered(area, W, want);
    let rows = usize::from(box_area.height.saturating_sub(FIXED + 2)).max(1);
    let room = room_of(app);
    clear_box(frame, box_area);
    let title = match b.record_type.as_deref() {
        Some(t) => format!(" Build a filter: {} ", safe(t)),
        None => " Build a filter ".to_owned(),
    };
    let block = Block::bordered().title(Span::styled(fit(&title, room), theme.title()));
    // While a value is picked, the line shows the term it would make (what is counted).
    let so_far = match app.builder_count_line() {
        with_value if with_value != b.line() => with_value,
        _ => b.line_so_far(),
    };
    // The end of the line is what is being built: a `…` says where its start was cut.
    let (line, _) = around_cursor(&so_far, so_far.len(), room.saturating_sub(8));
    let label = label(b);
    let typed = fit_end(&b.typed, room.saturating_sub(width(&label)));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" :filter ", theme.key()),
            Span::raw(line),
        ]),
        count_line(b, app, theme),
        Line::from(vec![
            Span::styled(label.clone(), theme.label()),
            Span::raw(typed.clone()),
        ]),
    ];
    lines.extend(list_lines(app, b, rows, theme));
    while lines.len() < usize::from(box_area.height.saturating_sub(3)) {
        lines.push(Line::raw(""));
    }
    lines.push(match &b.hint {
        Some(h) => Line::styled(format!(" {}", fit(&safe(h), room)), theme.error()),
        None => Line::styled(format!(" {}", fit(keys(b), room)), theme.muted()),
    });
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
    let typing = matches!(b.step, Step::Type | Step::Field | Step::Value);
    typing.then(|| {
        let x = box_area.x + 1 + (width(&label) + width(&typed)) as u16;
        Position::new(x.min(box_area.right().saturating_sub(2)), box_area.y + 3)
    })
}
