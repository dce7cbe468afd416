//! Drawing a frame: only the cells that changed are sent, an unchanged frame sends nothing,
//! and a scrolled list moves its rows with the terminal's own scrolling.

use super::{Runner, diff, now_ms};
use crate::app::Msg;
use crate::ui;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// What is on the terminal now, so an unchanged frame is not sent at all and a scrolled list
/// moves its rows with the terminal's own scrolling instead of redrawing them.
#[derive(Default)]
pub(super) struct Shown {
    pub(super) area: Rect,
    buffer: Option<Buffer>,
    cursor: Option<Option<Position>>,
    /// The list's first visible row, when the frame on screen is the bare list.
    list_offset: Option<usize>,
}

/// Moves the rows of `region` in `buf` by `delta` (positive: content moves up), blanking the
/// rows that scroll in, exactly as the terminal does with a scrolling region.
fn shift_rows(buf: &mut Buffer, region: std::ops::Range<u16>, delta: i64) {
    let width = usize::from(buf.area.width);
    let (top, bottom) = (usize::from(region.start), usize::from(region.end));
    let rows: Vec<Vec<ratatui::buffer::Cell>> = (top..bottom)
        .map(|y| buf.content[y * width..(y + 1) * width].to_vec())
        .collect();
    for y in top..bottom {
        let from = (y - top) as i64 + delta;
        let line = usize::try_from(from).ok().and_then(|f| rows.get(f));
        for x in 0..width {
            buf.content[y * width + x] =
                line.map_or_else(ratatui::buffer::Cell::default, |l| l[x].clone());
        }
    }
}

impl<B: Backend + diff::ScrollRows> Runner<B> {
    /// Draws; then, while triage waits for its current ticket to be seen, says it was (keys
    /// held for that ticket apply now, one per frame, so each ticket is on screen first).
    pub fn draw(&mut self) -> Result<(), B::Error> {
        self.draw_once()?;
        while self.app.awaits_frame() {
            self.dispatch(Msg::Drawn);
            self.draw_once()?;
        }
        // The detail view wraps what it draws; only the view knows how far that scrolls, so
        // the app is told and clamps (the frame on screen is already right).
        let area = self.terminal.get_frame().area();
        if let Some(max) = ui::detail_scroll_limit(&self.app, area)
            && self.app.detail.as_ref().is_some_and(|d| d.scroll > max)
        {
            self.dispatch(Msg::DetailLimit { max });
        }
        Ok(())
    }

    /// Renders the app and sends only what changed; a frame identical to the one on screen
    /// (same cells, same cursor) writes nothing at all.
    fn draw_once(&mut self) -> Result<(), B::Error> {
        // After the first frame, so a test can see the app is up before it gets stuck.
        if let Some(d) = self.slow_draw.filter(|_| self.shown.buffer.is_some()) {
            std::thread::sleep(d);
        }
        self.terminal.autoresize()?;
        let area = self.terminal.get_frame().area();
        if area != self.shown.area {
            // A resize cleared the screen: nothing we drew is there any more.
            self.shown = Shown {
                area,
                ..Shown::default()
            };
        }
        self.terminal.current_buffer_mut().reset();
        // Relative times are drawn against the clock of this frame, not of the last tick.
        self.dispatch(Msg::Clock { now_ms: now_ms() });
        let cursor = ui::render(&self.app, &mut self.terminal.get_frame());
        let list_offset = self.app.showing_bare_list().then_some(self.app.list.offset);
        let mut on_screen = self
            .shown
            .buffer
            .take()
            .unwrap_or_else(|| Buffer::empty(area));
        if self.shown.cursor == Some(cursor) && on_screen == *self.terminal.current_buffer_mut() {
            self.shown.buffer = Some(on_screen);
            return Ok(());
        }
        if let (Some(before), Some(now)) = (self.shown.list_offset, list_offset) {
            self.scroll_rows(&mut on_screen, now as i64 - before as i64)?;
        }
        let current = self.terminal.current_buffer_mut().clone();
        self.terminal
            .backend_mut()
            .draw(diff::changes(&on_screen, &current).into_iter())?;
        match cursor {
            None if self.shown.cursor.is_none_or(|c| c.is_some()) => self.terminal.hide_cursor()?,
            None => {}
            Some(p) => {
                if self.shown.cursor.is_none_or(|c| c.is_none()) {
                    self.terminal.show_cursor()?;
                }
                self.terminal.set_cursor_position(p)?;
            }
        }
        self.shown.buffer = Some(current);
        self.shown.cursor = Some(cursor);
        self.shown.list_offset = list_offset;
        Backend::flush(self.terminal.backend_mut())
    }

    /// When the list scrolled by fewer rows than it shows, lets the terminal move the rows
    /// (a few bytes) and updates our copy of the screen to match; the diff then sends only
    /// the rows that scrolled in and the selection.
    fn scroll_rows(&mut self, on_screen: &mut Buffer, delta: i64) -> Result<(), B::Error> {
        let region = ui::list_rows_region(on_screen.area);
        let rows = i64::from(region.end.saturating_sub(region.start));
        if delta == 0 || delta.abs() >= rows {
            return Ok(());
        }
        self.terminal
            .backend_mut()
            .scroll_rows(region.clone(), delta)?;
        shift_rows(on_screen, region, delta);
        Ok(())
    }
}
