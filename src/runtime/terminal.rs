//! Terminal setup and teardown: raw mode, alternate screen, mouse and bracketed paste are all
//! undone on every way out: normal exit, error, and panic.

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, IsTerminal, Stdout};

/// A frame is collected here and written with one flush: over SSH one write per frame
/// instead of many small ones.
pub type Tty = CrosstermBackend<BufWriter<Stdout>>;

const FRAME_BUFFER: usize = 64 * 1024;

/// Restores the terminal when dropped.
pub struct TerminalGuard;

/// Puts the terminal back as the shell had it (also used to suspend).
pub fn leave() {
    undo_modes();
    ratatui::restore();
}

/// Takes the terminal for the UI again after a suspend.
pub fn reenter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

fn undo_modes() {
    // Best effort: the terminal may already be gone, and teardown must never panic.
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        Show
    );
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        undo_modes();
        ratatui::restore();
    }
}

/// Prints a panic on the restored screen, made safe like any other text: a panic message can
/// carry server data, and must not steer the user's terminal.
fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!(
        "runtype-tui crashed: {}{place}\nThe terminal was restored; open edits are kept as drafts. \
         Please report this with the message above.",
        crate::ui::text::safe(&message)
    );
}

/// Enters the full-screen UI. Refuses when stdout is not a terminal, so escape codes never
/// end up in a pipe or a file.
pub fn init() -> io::Result<(Terminal<Tty>, TerminalGuard)> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "stdout is not a terminal; runtype-tui is an interactive program (run it in a terminal)",
        ));
    }
    enable_raw_mode()?;
    // From here on, any failure (and any panic) leaves through the guard or the hook.
    let guard = TerminalGuard;
    std::panic::set_hook(Box::new(|info| {
        undo_modes();
        ratatui::restore();
        report_panic(info);
    }));
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let terminal = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        io::stdout(),
    )))?;
    Ok((terminal, guard))
}
