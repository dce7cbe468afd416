//! Pure rendering from `&App`. Views never validate, fetch or change state; every piece of
//! server text passes through [`text`] before it is drawn.

mod bulk;
mod command_line;
mod detail;
mod files;
mod filter_builder;
mod form;
mod keys;
mod list;
mod overlay;
mod runs;
mod status_bar;
mod tabs;
pub mod text;
pub mod theme;
pub mod timefmt;
mod triage;
mod writes;

use crate::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use theme::Theme;

/// Below this the layout cannot show a usable screen; a message says so instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;

/// Draws the app; returns where the text cursor belongs (also set on the frame), if anywhere.
pub fn render(app: &App, frame: &mut Frame) -> Option<Position> {
    let area = frame.area();
    // Checked at start and by `:theme`, so a failure here only falls back to the default.
    let theme = Theme::build(&app.theme, app.no_color).unwrap_or(Theme::new(app.no_color));
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small ({}x{}); need {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.error())).wrap(Default::default()),
            area,
        );
        return None;
    }
    let [main, status] = screen_areas(area);
    let mut cursor = None;
    if let Some(f) = app.form.as_deref() {
        cursor = form::render(f, &app.keymap, theme, frame, main);
    } else if let Some(d) = app.detail.as_ref() {
        detail::render(app, d, theme, frame, main);
    } else if let Some(t) = app.triage.as_ref().filter(|t| !t.closed) {
        triage::render(app, t, theme, frame, main);
    } else {
        list::render(app, theme, frame, main);
    }
    if let Some(screen) = &app.import {
        files::render(screen, app.prompt.is_some(), theme, frame, main);
    }
    if let Some(p) = app.prompt.as_ref() {
        cursor = Some(overlay::prompt(app, p, theme, frame, main));
    }
    if let Some(b) = app.builder.as_deref() {
        cursor = filter_builder::render(app, b, theme, frame, main);
    }
    if let Some(view) = &app.journal_view {
        writes::render(view, theme, frame, main);
        cursor = None;
    }
    if app.help && app.messages_shown {
        overlay::messages(app, theme, frame, main);
    } else if app.help && app.keys_shown {
        keys::render(app, theme, frame, main);
    } else if app.help && app.command_help {
        command_line::help(app.help_scroll, theme, frame, main);
    } else if app.help {
        overlay::help(app, theme, frame, main);
    }
    if let Some(b) = app.bulk.as_ref() {
        cursor = bulk::render(b, theme, frame, main);
    } else if let Some(count) = app.ask_clear {
        bulk::ask_clear(count, theme, frame, main);
        cursor = None;
    }
    if let Some(then) = app.guard {
        let saving = app
            .form
            .as_ref()
            .is_some_and(|f| matches!(f.status, crate::app::form::SaveStatus::Saving(_)));
        let changes = app.form.as_ref().map(|f| f.changes()).unwrap_or_default();
        overlay::guard(&app.keymap, then, &changes, saving, theme, frame, main);
    } else if let Some(ask) = app.delete.as_ref().filter(|d| d.asking()) {
        overlay::delete_ask(ask, theme, frame, main);
    } else if let Some(offer) = &app.offer
        && let Some(draft) = app.drafts_offer.get(offer.index)
    {
        overlay::draft_offer(app, draft, offer, theme, frame, main);
    }
    let asking_delete = app.delete.as_ref().is_some_and(|d| d.asking());
    if app.guard.is_some() || app.help || app.offer.is_some() || asking_delete {
        cursor = None;
    }
    match &app.export {
        Some(run) if app.notice.is_none() => files::progress(run, theme, frame, status),
        // The import screen has its keys on its border; the list's would mislead.
        _ if app.import.is_some() && app.notice.is_none() => {}
        _ => status_bar::render(app, theme, frame, status),
    }
    profile_badge(app, theme, frame, main);
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
    cursor
}

/// The main area and the status line.
fn screen_areas(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
}

/// How far the detail view on screen (if that is what is drawn) can scroll, for the app to
/// clamp its scroll to.
pub fn detail_scroll_limit(app: &App, area: Rect) -> Option<u16> {
    let d = app.detail.as_ref().filter(|_| app.form.is_none())?;
    Some(detail::scroll_limit(app, d, screen_areas(area)[0]))
}

/// The profile's name at the right end of the top line, on every screen, in its colour: an
/// operator always sees which server a keystroke goes to.
fn profile_badge(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = &app.profile else { return };
    let tier = match (p.read_only, p.protected) {
        (true, _) => " · read-only",
        (false, true) => " · protected",
        _ => "",
    };
    let label = format!(" {}{tier} ", p.name);
    let w = (text::width(&label) as u16).min(area.width);
    let at = Rect {
        x: area.right().saturating_sub(w),
        y: area.y,
        width: w,
        height: 1,
    };
    let color = p.color.as_deref().and_then(|c| c.parse().ok());
    let style = theme.badge(color, p.protected);
    frame.render_widget(Paragraph::new(Line::styled(label, style)), at);
}

/// The terminal rows the list's records occupy: below the title and the table header, above
/// the status bar. The runtime scrolls this region when the list scrolls.
pub fn list_rows_region(area: Rect) -> std::ops::Range<u16> {
    area.y + 2..area.bottom().saturating_sub(1)
}

/// A box of at most `w` x `h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

pub(crate) fn spinner(frame_no: usize) -> &'static str {
    SPINNER[frame_no % SPINNER.len()]
}
