//! The bulk overlay: the preview of a `:set`/`:unset`/`:delete` (how many, a sample of what
//! changes or goes, how to confirm), the summary after it, and the clear-selection question.

use super::centered;
use super::text::{fit, safe, width};
use super::theme::Theme;
use crate::app::bulk::{Bulk, Op, Preview, Stage};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const W: u16 = 76;
/// Text room inside the box (borders and a margin aside).
const ROOM: usize = (W as usize) - 4;

fn title(bulk: &Bulk) -> String {
    let what = match &bulk.op {
        Op::Edit { updates, delete } if delete.is_empty() => {
            let keys: Vec<&str> = updates.keys().map(String::as_str).collect();
            format!("Set {}", keys.join(", "))
        }
        Op::Edit { delete, .. } => format!("Unset {}", delete.join(", ")),
        Op::Delete => "Delete".to_owned(),
    };
    format!(" {what} on {} ", bulk.target.describe())
}

fn muted(text: &str, theme: Theme) -> Line<'static> {
    Line::styled(format!(" {}", fit(&safe(text), ROOM)), theme.muted())
}

fn preview_lines(p: &Preview, delete: bool, theme: Theme) -> Vec<Line<'static>> {
    let verb = if delete {
        "will be deleted"
    } else {
        "will change"
    };
    let head = match p.already {
        Some(n) => format!(
            " {} records match: {} {verb}, {n} already as asked:",
            p.count,
            p.count - n
        ),
        None => format!(" {} records {verb}:", p.count),
    };
    let mut lines = vec![Line::raw(head)];
    lines.extend(p.sample.iter().map(|s| muted(&format!("  {s}"), theme)));
    if p.count > p.sample.len() {
        lines.push(muted(
            &format!("  … and {} more", p.count - p.sample.len()),
            theme,
        ));
    }
    lines.push(Line::raw(""));
    if let Some(field) = &p.typed {
        lines.push(typed_line(&count_label(p), &field.text(), theme));
    }
    match (&p.protected, &p.name) {
        (Some(name), Some(field)) => {
            lines.push(typed_line(&name_label(name), &field.text(), theme));
        }
        (Some(name), None) => lines.push(muted(
            &format!("then the profile name {name} (protected profile)"),
            theme,
        )),
        (None, _) if p.typed.is_none() => lines.push(keys_line("Enter", "apply", theme)),
        (None, _) => {}
    }
    if let Some(e) = &p.error {
        lines.push(Line::styled(format!(" {e}"), theme.error()));
    }
    lines
}

fn count_label(p: &Preview) -> String {
    format!(" Type {} and Enter to apply: ", p.count)
}

fn name_label(name: &str) -> String {
    format!(" Protected profile: type {} and Enter: ", safe(name))
}

fn typed_line(label: &str, text: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(label.to_owned(), theme.key()),
        Span::raw(safe(text).into_owned()),
    ])
}

fn keys_line(key: &'static str, what: &'static str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {key}"), theme.key()),
        Span::raw(format!(" {what}   ")),
        Span::styled("Esc", theme.key()),
        Span::raw(" cancel"),
    ])
}

fn stage_lines(bulk: &Bulk, theme: Theme) -> Vec<Line<'static>> {
    let delete = bulk.op == Op::Delete;
    match &bulk.stage {
        Stage::Previewing(_) if delete => vec![Line::raw(" Listing what would be deleted…")],
        Stage::Previewing(_) => vec![Line::raw(" Asking the server what would change (dry run)…")],
        Stage::Preview(p) => preview_lines(p, delete, theme),
        Stage::Applying(_) => vec![Line::raw(" Applying… (one request; it cannot be recalled)")],
        Stage::Done(summary) => {
            let mut lines: Vec<Line<'static>> = summary
                .iter()
                .map(|s| Line::styled(format!(" {}", fit(&safe(s), ROOM)), theme.ok()))
                .collect();
            lines.push(Line::raw(""));
            lines.push(muted("Enter or Esc closes", theme));
            lines
        }
        Stage::Failed(why) => vec![
            Line::styled(format!(" {}", fit(&safe(why), ROOM)), theme.error()),
            Line::raw(""),
            muted("Esc closes", theme),
        ],
    }
}

/// Draws the bulk box; returns where the cursor goes while the count is typed.
pub fn render(bulk: &Bulk, theme: Theme, frame: &mut Frame, area: Rect) -> Option<Position> {
    let lines = stage_lines(bulk, theme);
    let box_area = centered(area, W, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block =
        Block::bordered().title(Span::styled(fit(&safe(&title(bulk)), ROOM), theme.title()));
    let n = lines.len();
    let cursor = match &bulk.stage {
        Stage::Preview(p) => typing(p).map(|(label, f)| {
            let below = usize::from(p.error.is_some())
                + usize::from(p.protected.is_some() && p.name.is_none());
            let row = n - 1 - below;
            let x = box_area.x + 1 + (width(&label) + width(&safe(&f.text()))) as u16;
            Position::new(
                x.min(box_area.right().saturating_sub(2)),
                box_area.y + 1 + row as u16,
            )
        }),
        _ => None,
    };
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
    cursor
}

/// Esc with a large selection asks first.
pub fn ask_clear(count: Option<u64>, theme: Theme, frame: &mut Frame, area: Rect) {
    let what = count.map_or_else(
        || "every record matching the filter".to_owned(),
        |n| format!("{n} records"),
    );
    let lines = vec![
        Line::raw(format!(" Clear the selection of {what}?")),
        Line::raw(""),
        keys_line("Enter", "clear it", theme),
    ];
    let box_area = centered(area, 60, 5);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered().title(Span::styled(" Selection ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// The field keys go to, with its label: the profile name once asked, else the count.
fn typing(p: &Preview) -> Option<(String, &crate::app::form::TextField)> {
    match (&p.protected, &p.name, &p.typed) {
        (Some(name), Some(f), _) => Some((name_label(name), f)),
        (_, _, Some(f)) => Some((count_label(p), f)),
        _ => None,
    }
}
