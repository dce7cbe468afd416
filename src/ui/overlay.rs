//! What is drawn over a screen: the search and type prompts, help, and the unsaved-changes
//! question.

use super::centered;
use super::text::{around_cursor, fit, safe, width};
use super::theme::Theme;
use crate::app::action::{Action, Keymap};
use crate::app::drafting::Offer;
use crate::app::form::diff::{Change, excerpt};
use crate::app::form::draft::Draft;
use crate::app::help::{HELP_WIDTH, LOG_WIDTH};
use crate::app::records::DeleteAsk;
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
        Prompt::Jump(f) => ("go to key: ", f),
        Prompt::Confirm(f) => ("type the profile name to write: ", f),
        Prompt::Command(cl) => return super::command_line::render(cl, theme, frame, area),
    };
    let mut after = prompt_note(app, p);
    if usize::from(area.width) < label.len() + width(&after) + 16 {
        after.clear();
    }
    let line_area = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    let room = usize::from(area.width).saturating_sub(label.len() + 1 + width(&after));
    let (shown, col) = around_cursor(&field.text(), field.cursor_byte().1, room);
    clear_box(frame, line_area);
    let line = Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(shown.clone()),
        Span::styled(after, theme.muted()),
    ]);
    frame.render_widget(Paragraph::new(line), line_area);
    let x = line_area.x + (label.len() + col).min(usize::from(area.width.saturating_sub(1))) as u16;
    if let Prompt::Type {
        field, selected, ..
    } = p
    {
        type_choices(app, &field.text(), *selected, theme, frame, line_area);
    }
    Position::new(x, line_area.y)
}

/// What follows the typed text: where a jump lands, or that only loaded rows are searched,
/// then the prompt's keys from the bindings.
fn prompt_note(app: &App, p: &Prompt) -> String {
    let what = match p {
        Prompt::Jump(f) => match app.jump_target(&f.text()) {
            Some((i, key)) => format!("  → row {} {}", i + 1, fit(&key, 24)),
            None => "  → no such key".to_owned(),
        },
        Prompt::Local(_) => {
            let search = app.keymap.say(Action::Search, Context::List);
            format!("  (loaded rows only; {search} searches the server)")
        }
        Prompt::Type { .. } => "  (empty: any type)".to_owned(),
        _ => String::new(),
    };
    let keys: Vec<String> = app
        .keymap
        .hints(Context::Prompt)
        .iter()
        .filter(|h| h.action != Action::Help)
        .map(|h| format!("{} {}", h.key, h.what))
        .collect();
    format!("{what}  · {}", keys.join(" · "))
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
    let start = match selected {
        crate::app::NO_CHOICE => 0,
        s => s.saturating_sub(usize::from(h) - 1),
    };
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
    clear_box(frame, area);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The keys of the screen under the help (from the keys in force), scrolled as the app says.
pub fn help(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let context = app.help_context();
    let entries = app.keymap.help_lines(context);
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
    lines.push(Line::styled(scroll_keys(&app.keymap), theme.muted()));
    let name = match context {
        Context::Form => "edit form",
        Context::Detail => "record detail",
        _ => "record list",
    };
    scrolled_box(
        &format!(" Keys: {name} "),
        lines,
        app.help_scroll,
        HELP_WIDTH,
        theme,
        frame,
        area,
    );
}

/// The message log: the full text of the last messages, newest at the bottom.
pub fn messages(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let w = area.width.min(LOG_WIDTH);
    let lines: Vec<Line<'_>> = app
        .message_lines(usize::from(w.saturating_sub(2)))
        .into_iter()
        .map(|l| Line::raw(safe(&l).into_owned()))
        .collect();
    let title = format!(" Messages (last {}) · Esc closes ", app.messages.len());
    scrolled_box(&title, lines, app.help_scroll, w, theme, frame, area);
}

/// A bordered box as tall as its lines (at most the area), scrolled by `scroll` lines, with
/// where it is in the title's corner when it does not all fit.
pub(crate) fn scrolled_box(
    title: &str,
    lines: Vec<Line<'_>>,
    scroll: u16,
    w: u16,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let total = lines.len();
    let box_area = centered(area, w, total as u16 + 2);
    let visible = usize::from(box_area.height.saturating_sub(2));
    let max = total.saturating_sub(visible);
    let scroll = usize::from(scroll).min(max);
    clear_box(frame, box_area);
    let mut block = Block::bordered().title(Span::styled(title.to_owned(), theme.title()));
    if max > 0 {
        let at = format!(" {}-{} of {total} ", scroll + 1, scroll + visible);
        block = block.title_bottom(Line::styled(at, theme.muted()).right_aligned());
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        box_area,
    );
}

/// Clears a box about to be drawn over a screen. A wide character just left of the box would
/// spill into its first column and hide the border (the terminal draws it over two cells), so
/// it is blanked too.
pub(crate) fn clear_box(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if width(buf[(left, y)].symbol()) > 1 {
            buf[(left, y)].set_symbol(" ");
        }
    }
}

/// The last line of a scrolled overlay: how to scroll and close it, with the keys in force.
pub(crate) fn scroll_keys(keys: &Keymap) -> String {
    let k = |a: Action| keys.say(a, Context::Help);
    format!(
        " {}/{}, {}/{} scroll · {} closes",
        k(Action::Down),
        k(Action::Up),
        k(Action::PageUp),
        k(Action::PageDown),
        k(Action::Back)
    )
}

/// The keys of a dialog, generated from its bindings: ` s save   d discard   Esc ...`.
fn dialog_keys<'a>(keys: &Keymap, context: Context, theme: Theme) -> Line<'a> {
    let mut spans = Vec::new();
    for h in keys
        .hints(context)
        .into_iter()
        .filter(|h| h.action != Action::Help)
    {
        spans.push(Span::styled(format!(" {}", h.key), theme.key()));
        spans.push(Span::raw(format!(" {}  ", h.what)));
    }
    Line::from(spans)
}

/// The changes as lines: the field, then what was removed (red, struck) and added (green),
/// with a little of the text around them, so a change deep in a long value is visible.
fn change_lines<'a>(changes: &[Change], max: usize, room: usize, theme: Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for c in changes.iter().take(max) {
        let mut spans = vec![Span::styled(
            format!("   {}: ", fit(&c.field, 20)),
            theme.label(),
        )];
        let e = excerpt(
            c.before.as_deref().unwrap_or_default(),
            c.after.as_deref().unwrap_or_default(),
            8,
            room.saturating_sub(30).max(8) / 2,
        );
        match (&c.before, &c.after) {
            (None, _) => spans.push(Span::styled("(new) ", theme.muted())),
            (_, None) => spans.push(Span::styled("(removed) ", theme.muted())),
            _ => {}
        }
        spans.push(Span::raw(safe(&e.lead).into_owned()));
        if !e.removed.is_empty() {
            spans.push(Span::styled(
                format!("[-{}-]", safe(&e.removed)),
                theme.removed(),
            ));
        }
        if !e.added.is_empty() {
            spans.push(Span::styled(
                format!("{{+{}+}}", safe(&e.added)),
                theme.added(),
            ));
        }
        spans.push(Span::raw(safe(&e.tail).into_owned()));
        out.push(Line::from(spans));
    }
    if changes.len() > max {
        out.push(Line::styled(
            format!("   … and {} more", changes.len() - max),
            theme.muted(),
        ));
    }
    out
}

pub fn guard(
    keys: &Keymap,
    then: AfterGuard,
    changes: &[Change],
    saving: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let doing = match then {
        AfterGuard::CloseForm => "closing the form",
        AfterGuard::Quit => "quitting",
        AfterGuard::SwitchProfile => "switching profiles",
        AfterGuard::OpenClash => "opening the record with this name",
    };
    let w = area.width.min(80);
    let room = usize::from(area.height).saturating_sub(7).max(1);
    let mut lines = vec![Line::raw(format!(
        " You have unsaved changes. Save before {doing}?"
    ))];
    lines.extend(change_lines(changes, room.min(8), usize::from(w), theme));
    lines.push(Line::raw(""));
    // A save already sent cannot be called back: say so rather than let "discard" surprise.
    if saving {
        lines.push(Line::styled(
            " A save is already on its way and will land either way.",
            theme.muted(),
        ));
    }
    lines.push(dialog_keys(keys, Context::Dialog, theme));
    let box_area = centered(area, w, lines.len() as u16 + 2);
    clear_box(frame, box_area);
    let block = Block::bordered().title(Span::styled(" Unsaved changes ", theme.error()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// `D`: which record goes, and the one key that deletes it.
pub fn delete_ask(ask: &DeleteAsk, theme: Theme, frame: &mut Frame, area: Rect) {
    let answer = if ask.asking() {
        Line::from(vec![
            Span::styled(" y", theme.key()),
            Span::raw(" delete it   any other key keeps it"),
        ])
    } else {
        Line::styled(" Deleting…", theme.muted())
    };
    let lines = vec![
        Line::raw(" Delete this record on the server?"),
        Line::styled(format!(" {}", fit(&ask.name, 56)), theme.label()),
        Line::styled(
            format!(" type {}", fit(&ask.record_type, 50)),
            theme.muted(),
        ),
        Line::raw(""),
        answer,
    ];
    let box_area = centered(area, 62, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::bordered().title(Span::styled(" Delete ", theme.error()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// A draft left by an earlier run: resume it, discard it, or decide later.
pub fn draft_offer(
    app: &App,
    draft: &Draft,
    offer: &Offer,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let waiting = app.drafts_offer.len();
    let w = area.width.min(80);
    let name = fit(&draft.name, usize::from(w).saturating_sub(4));
    let heading = if offer.in_form {
        " This record has unsaved edits from an earlier session:".to_owned()
    } else {
        format!(" Unsaved edits from an earlier session ({waiting} in all):")
    };
    let mut lines = vec![
        Line::raw(heading),
        Line::styled(format!(" {name}"), theme.label()),
    ];
    let room = usize::from(area.height).saturating_sub(8).max(1);
    lines.extend(change_lines(
        &draft.changes(),
        room.min(5),
        usize::from(w),
        theme,
    ));
    lines.push(Line::raw(""));
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
        dialog_keys(&app.keymap, Context::Offer, theme)
    });
    let box_area = centered(area, w, lines.len() as u16 + 2);
    clear_box(frame, box_area);
    let block = Block::bordered().title(Span::styled(" Draft found ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}
