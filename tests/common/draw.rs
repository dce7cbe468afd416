//! Drawing the app to an in-memory terminal and reading the screen back as text, for the
//! snapshot tests.
#![allow(dead_code)] // each snapshot binary uses a different subset of these helpers

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::app::App;

/// One frame of `app` at its own size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    term.draw(|f| {
        runtype_tui::ui::render(app, f);
    })
    .expect("draw");
    term
}

/// The screen as lines of text, trailing blanks trimmed.
pub fn text_of(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            // A wide glyph owns the next cell too; that cell is not text.
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One frame of `app`, as text.
pub fn screen(app: &App) -> String {
    text_of(&draw(app))
}
