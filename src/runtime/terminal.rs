//! Terminal setup and teardown: raw mode, alternate screen, mouse and bracketed paste are all
//! undone on every way out: normal exit, error, and panic.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::{self, IsTerminal};

/// Restores the terminal when dropped.
pub struct TerminalGuard;

fn undo_modes() {
    // Best effort: the terminal may already be gone, and teardown must never panic.
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        undo_modes();
        ratatui::restore();
    }
}

/// Enters the full-screen UI. Refuses when stdout is not a terminal, so escape codes never
/// end up in a pipe or a file.
pub fn init() -> io::Result<(DefaultTerminal, TerminalGuard)> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "stdout is not a terminal; runtype-tui is an interactive program (run it in a terminal)",
        ));
    }
    let terminal = ratatui::try_init()?;
    let guard = TerminalGuard;
    // ratatui's hook restores raw mode and the screen; ours also turns off mouse and paste
    // first, then hands over, so the panic report lands on a normal screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        undo_modes();
        ratatui::restore();
        previous(info);
    }));
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    Ok((terminal, guard))
}
