//! What to send for a frame: the changed cells, with short runs of unchanged ones between
//! them filled in (re-sending two letters is cheaper than a cursor move), and row scrolling
//! that does not flush mid-frame.

use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use std::io::Write;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A cursor move costs about this many bytes; gaps up to this long are cheaper to re-send.
const FILL_GAP: u16 = 6;

fn narrow(cell: &Cell) -> bool {
    cell.symbol().width() == 1
}

/// The cells to send to turn `shown` into `next`.
pub fn changes<'a>(shown: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let changed = shown.diff(next);
    let mut out: Vec<(u16, u16, &'a Cell)> = Vec::with_capacity(changed.len());
    for (x, y, cell) in changed {
        if let Some(&(px, py, prev)) = out.last() {
            let gap = x.saturating_sub(px + 1);
            let fillable = py == y
                && gap > 0
                && gap <= FILL_GAP
                && narrow(prev)
                && (px + 1..x).all(|gx| narrow(&next[(gx, y)]));
            if fillable {
                out.extend((px + 1..x).map(|gx| (gx, y, &next[(gx, y)])));
            }
        }
        out.push((x, y, cell));
    }
    out
}

/// What the runner needs from a terminal beyond drawing.
pub trait ScrollRows: Backend {
    /// Scrolls `region` by `delta` rows (positive: content moves up), as part of a frame,
    /// without flushing it early.
    fn scroll_rows(&mut self, region: Range<u16>, delta: i64) -> Result<(), Self::Error>;

    /// Hands the terminal back to the shell and stops the process (Ctrl-Z); returns once
    /// resumed (`fg`), with the terminal taken back. Test backends have nothing to do.
    fn suspend(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }

    /// Hands the terminal to another program (`$EDITOR`) while `run` runs, then takes it
    /// back. Test backends have no terminal to hand over.
    fn hand_over(&mut self, run: &mut dyn FnMut()) -> Result<(), Self::Error> {
        run();
        Ok(())
    }

    /// Writes an OSC 52 sequence (see `clipboard`); test backends have no clipboard.
    fn copy(&mut self, _osc52: &str) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl<W: Write> ScrollRows for CrosstermBackend<W> {
    fn copy(&mut self, osc52: &str) -> Result<(), Self::Error> {
        self.writer_mut().write_all(osc52.as_bytes())?;
        self.writer_mut().flush()
    }

    fn hand_over(&mut self, run: &mut dyn FnMut()) -> Result<(), Self::Error> {
        self.writer_mut().flush()?;
        super::terminal::leave();
        run();
        super::terminal::reenter()
    }

    fn scroll_rows(&mut self, region: Range<u16>, delta: i64) -> Result<(), Self::Error> {
        // Set the scrolling region (1-based, inclusive), scroll it, reset the region.
        let (top, bottom) = (region.start + 1, region.end);
        let command = if delta > 0 { 'S' } else { 'T' };
        write!(
            self.writer_mut(),
            "\x1b[{top};{bottom}r\x1b[{}{command}\x1b[r",
            delta.unsigned_abs()
        )
    }

    #[cfg(unix)]
    fn suspend(&mut self) -> Result<(), Self::Error> {
        self.writer_mut().flush()?;
        super::terminal::leave();
        // Stops here like any job; the call returns when the shell sends SIGCONT (`fg`).
        nix::sys::signal::raise(nix::sys::signal::Signal::SIGTSTP).map_err(std::io::Error::from)?;
        super::terminal::reenter()
    }
}
impl ScrollRows for TestBackend {
    fn scroll_rows(&mut self, region: Range<u16>, delta: i64) -> Result<(), Self::Error> {
        let amount = u16::try_from(delta.unsigned_abs()).unwrap_or(u16::MAX);
        if delta > 0 {
            self.scroll_region_up(region, amount)
        } else {
            self.scroll_region_down(region, amount)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn line(text: &str) -> Buffer {
        Buffer::with_lines([text])
    }

    #[test]
    fn short_gaps_are_filled_long_ones_are_not() {
        let before = line("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        let after = line("baaabaaaaaaaaaaaaaaaaaaaaaaaab");
        let xs: Vec<u16> = changes(&before, &after).iter().map(|c| c.0).collect();
        assert_eq!(
            xs,
            [0, 1, 2, 3, 4, 29],
            "gap of 3 filled, gap of 24 skipped"
        );
    }

    #[test]
    fn applying_the_changes_gives_the_new_frame() {
        let before = line("漢字 abc  def ghi");
        let after = line("漢x  abd  dxf ghi");
        let mut screen = before.clone();
        for (x, y, cell) in changes(&before, &after) {
            screen[(x, y)] = cell.clone();
        }
        assert_eq!(screen, after);
        assert_eq!(after.area, Rect::new(0, 0, after.area.width, 1));
    }
}
