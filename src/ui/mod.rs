//! Pure rendering from `&App`. Views never validate, fetch or change state; every piece of
//! server text passes through [`text`] before it is drawn.

mod bulk;
mod command_line;
mod detail;
mod form;
mod list;
mod overlay;
mod status_bar;
pub mod text;
pub mod theme;
pub mod timefmt;
mod triage;

use crate::app::{App, Context};
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
    let theme = Theme::new(app.no_color);
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
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let mut cursor = None;
    if let Some(f) = app.form.as_deref() {
        cursor = form::render(f, theme, frame, main);
    } else if let Some(d) = app.detail.as_ref() {
        detail::render(app, d, theme, frame, main);
    } else if let Some(t) = app.triage.as_ref().filter(|t| !t.closed) {
        triage::render(app, t, theme, frame, main);
    } else {
        list::render(app, theme, frame, main);
    }
    if let Some(p) = app.prompt.as_ref() {
        cursor = Some(overlay::prompt(app, p, theme, frame, main));
    }
    if app.help && app.command_help {
        command_line::help(theme, frame, main);
    } else if app.help {
        overlay::help(underlying(app), theme, frame, main);
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
        overlay::guard(then, saving, theme, frame, main);
    } else if let Some(ask) = app.delete.as_ref().filter(|d| d.asking()) {
        overlay::delete_ask(ask, theme, frame, main);
    } else if let Some(offer) = &app.offer
        && let Some(draft) = app.drafts_offer.get(offer.index)
    {
        overlay::draft_offer(draft, offer, app.drafts_offer.len(), theme, frame, main);
    }
    let asking_delete = app.delete.as_ref().is_some_and(|d| d.asking());
    if app.guard.is_some() || app.help || app.offer.is_some() || asking_delete {
        cursor = None;
    }
    status_bar::render(app, theme, frame, status);
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
    cursor
}

/// The screen under the overlays, whose keys the help lists.
fn underlying(app: &App) -> Context {
    if app.form.is_some() {
        Context::Form
    } else if app.detail.is_some() {
        Context::Detail
    } else if app.triage.as_ref().is_some_and(|t| !t.closed) {
        Context::Triage
    } else {
        Context::List
    }
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
