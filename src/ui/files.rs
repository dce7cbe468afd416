//! The `:import` screen (preview, upload, outcome) and the running export's progress line.

use super::centered;
use super::text::{fit, safe};
use super::theme::Theme;
use crate::app::files::{ExportRun, ImportScreen, ImportStage, screen_lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// `asking`: a prompt is open over it (a protected profile's name, before the upload).
pub fn render(screen: &ImportScreen, asking: bool, theme: Theme, frame: &mut Frame, area: Rect) {
    let box_area = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(5),
    );
    let inner_w = usize::from(box_area.width.saturating_sub(2));
    let rows = usize::from(box_area.height.saturating_sub(2));
    let lines: Vec<Line<'_>> = screen_lines(screen)
        .iter()
        .skip(usize::from(screen.scroll))
        .take(rows)
        .map(|l| Line::styled(fit(&safe(l), inner_w), theme.label()))
        .collect();
    let (title, hint) = match &screen.stage {
        ImportStage::Reading(_) => (" Import: reading ", " Esc close"),
        ImportStage::Preview(_) => (
            " Import: preview (nothing sent yet) ",
            " Enter upload  Esc cancel  ↑/↓ scroll",
        ),
        // A protected profile's name is asked before anything is sent.
        ImportStage::Uploading(..) if asking => {
            (" Import: confirm ", " waiting for the profile name")
        }
        ImportStage::Uploading(..) => (" Import: uploading ", " waiting for the server"),
        ImportStage::Done(_) => (" Import: done ", " Esc close  ↑/↓ scroll"),
    };
    frame.render_widget(Clear, box_area);
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .title_bottom(Line::styled(hint, theme.muted()));
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// The status line while an export runs and nothing else is being said.
pub fn progress(run: &ExportRun, theme: Theme, frame: &mut Frame, area: Rect) {
    let text = format!(
        " Exporting to {}: {} {} so far · Esc on the list cancels",
        safe(&run.path),
        run.count,
        run.format.unit()
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&text, usize::from(area.width)),
            theme.muted(),
        )),
        area,
    );
}
