//! The edit form. Field text is drawn through the display-safety boundary, with the cursor
//! placed by display width, so what the user sees and where they type always agree.

use super::text::{fit, fit_end, title_spans, width};
use super::theme::Theme;
use crate::app::action::{Action, Context, Keymap};
use crate::app::form::merge::FieldConflict;
use crate::app::form::{
    FieldErrors, FieldPath, Form, NAME_MAX, SaveStatus, TYPE_MAX, TextField, ValueKind, char_len,
};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Lines of the form plus where the cursor goes (line index, column).
struct Sheet<'a> {
    lines: Vec<Line<'a>>,
    cursor: Option<(usize, u16)>,
    width: usize,
    /// Rows of the form's area: how far from the cursor lines are worth drawing.
    height: usize,
    /// The keys in force, for the keys the form names.
    keys: &'a Keymap,
}

/// Columns before field text: the focus mark, a row number or blanks, a space.
const INDENT: usize = 6;

/// Lines of an unfocused multi-line value drawn before the rest is summed up in one line.
const UNFOCUSED_LINES: usize = 12;

/// Which lines of a value are drawn: the first few when unfocused, else a screenful on each
/// side of the cursor.
fn shown_lines(total: usize, cursor: Option<usize>, height: usize) -> std::ops::Range<usize> {
    match cursor {
        None if total > UNFOCUSED_LINES + 1 => 0..UNFOCUSED_LINES,
        None => 0..total,
        Some(line) => {
            let reach = height.max(1);
            line.saturating_sub(reach)..(line + reach + 1).min(total)
        }
    }
}

impl<'a> Sheet<'a> {
    fn push(&mut self, line: Line<'a>) {
        self.lines.push(line);
    }

    /// Word-wrapped text; continuation lines keep the first line's indentation. At most
    /// about a screenful is drawn: a server's message can be megabytes long.
    fn wrapped(&mut self, text: &str, style: Style) {
        let shown = fit(text, self.width.saturating_mul(self.height.max(1)));
        let indent: String = shown.chars().take_while(|c| *c == ' ').collect();
        let room = self.width.saturating_sub(indent.len()).max(1);
        let mut line = String::new();
        for word in shown.trim_start_matches(' ').split(' ') {
            if !line.is_empty() && width(&line) + 1 + width(word) > room {
                self.lines.push(Line::styled(
                    format!("{indent}{}", std::mem::take(&mut line)),
                    style,
                ));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&fit(word, room));
        }
        self.lines
            .push(Line::styled(format!("{indent}{line}"), style));
    }

    /// A field's lines; the focused one gets the cursor, scrolled sideways to keep it visible.
    /// `number` labels a metadata key line; `suffix` follows the first line (the value type).
    /// Only lines near the cursor (or the first few, unfocused) are drawn, each cut to the
    /// width: a huge value costs what is on screen, not its length.
    fn field(
        &mut self,
        f: &TextField,
        focused: bool,
        number: Option<usize>,
        suffix: Option<Span<'a>>,
    ) {
        let suffix_w = suffix.as_ref().map_or(0, |s| width(&s.content));
        let room = self.width.saturating_sub(INDENT + 1 + suffix_w);
        let (cur_line, cur_byte) = f.cursor_byte();
        let lines = f.lines();
        let shown = shown_lines(lines.len(), focused.then_some(cur_line), self.height);
        let mut suffix = suffix;
        let mark = if focused { "▌" } else { " " };
        if shown.start > 0 {
            self.elided(mark, shown.start, "above");
        }
        for i in shown.clone() {
            let raw = lines[i].as_str();
            let lead = match number.filter(|_| i == 0) {
                Some(n) => format!("{mark}{n:>4} "),
                None => format!("{mark}     "),
            };
            let text = if focused && i == cur_line {
                let at = cur_byte.min(raw.len());
                let head = fit_end(&raw[..at], room.saturating_sub(1));
                self.cursor = Some((self.lines.len(), (INDENT + width(&head)) as u16));
                let tail = fit(&raw[at..], room.saturating_sub(width(&head)));
                format!("{head}{tail}")
            } else {
                fit(raw, room)
            };
            let mut spans = vec![Span::raw(lead), Span::raw(text)];
            spans.extend(suffix.take());
            self.push(Line::from(spans));
        }
        if shown.end < lines.len() {
            self.elided(mark, lines.len() - shown.end, "below");
        }
    }

    /// Stands for lines of a value that are not drawn.
    fn elided(&mut self, mark: &str, count: usize, where_: &str) {
        self.push(Line::raw(format!(
            "{mark}     ⋮ {count} more lines {where_}"
        )));
    }

    /// Under a field: its error, else a problem it already had on the server (which does not
    /// stop other changes from saving).
    fn error(&mut self, err: Option<&str>, warning: Option<&String>, theme: Theme) {
        if let Some(e) = err {
            self.wrapped(&format!("      ✗ {e}"), theme.error());
        } else if let Some(w) = warning {
            self.wrapped(
                &format!("      ⚠ {w} (already so on the server; your other changes still save)"),
                theme.muted(),
            );
        }
    }

    fn conflict(&mut self, c: Option<&FieldConflict>, theme: Theme) {
        if let Some(c) = c {
            let text = format!(
                "      ⚡ changed on both sides: was {} · theirs {} ({} takes theirs)",
                fit(&c.base, self.width),
                fit(&c.theirs, self.width),
                self.keys.say(Action::TakeTheirs, Context::Form)
            );
            self.wrapped(&text, theme.error());
        }
    }
}

fn label<'a>(text: String, focused: bool, theme: Theme, extra: Option<Span<'a>>) -> Line<'a> {
    let style = if focused {
        theme.focused()
    } else {
        theme.label()
    };
    let mut spans = vec![Span::styled(text, style)];
    spans.extend(extra);
    Line::from(spans)
}

fn counter<'a>(n: usize, max: usize, theme: Theme) -> Span<'a> {
    let style = if n == 0 || n > max {
        theme.error()
    } else {
        theme.muted()
    };
    Span::styled(format!("  {n}/{max}"), style)
}

fn status_lines(form: &Form, sheet: &mut Sheet<'_>, theme: Theme) {
    let save = sheet.keys.say(Action::Save, Context::Form);
    if let Some(b) = &form.banner {
        sheet.wrapped(&format!("⚠ {b}"), theme.error());
    }
    match &form.status {
        SaveStatus::Saving(_) if form.sent.as_ref().is_some_and(|s| form.differs_from(s)) => sheet
            .push(Line::styled(
                format!("Saving… · what you typed since is kept, unsaved ({save} saves it once this save is done)"),
                theme.muted(),
            )),
        SaveStatus::Saving(_) => sheet.push(Line::styled("Saving…", theme.muted())),
        SaveStatus::Saved { notes } => {
            let line = if form.is_dirty() {
                format!("✓ Saved what was sent · newer edits are not saved yet ({save})")
            } else {
                "✓ Saved".to_owned()
            };
            sheet.push(Line::styled(line, theme.ok()));
            for n in notes {
                sheet.wrapped(&format!("  note: {n}"), theme.muted());
            }
        }
        SaveStatus::Editing | SaveStatus::Failed => {}
    }
}

/// The metadata keys, from the bindings in force.
fn row_keys(keys: &Keymap) -> String {
    let k = |a: Action| keys.key_for(a, Context::Form).unwrap_or_default();
    format!(
        "  {} add · {} remove · {} type · {}/{} move · {} go to key",
        k(Action::AddRow),
        k(Action::RemoveRow),
        k(Action::CycleValueType),
        k(Action::MoveRowUp),
        k(Action::MoveRowDown).trim_start_matches("Alt-"),
        k(Action::JumpToKey),
    )
}

fn rows(form: &Form, warnings: &FieldErrors, sheet: &mut Sheet<'_>, theme: Theme) {
    sheet.push(Line::raw(""));
    sheet.push(Line::from(vec![
        Span::styled(
            format!(
                "Metadata ({} key{})",
                form.rows.len(),
                if form.rows.len() == 1 { "" } else { "s" }
            ),
            theme.header(),
        ),
        Span::styled(row_keys(sheet.keys), theme.muted()),
    ]));
    for (i, row) in form.rows.iter().enumerate() {
        let key_focus = form.focus == FieldPath::MetadataKey(i);
        let value_focus = form.focus == FieldPath::MetadataValue(i);
        let kind_style = if value_focus {
            theme.focused()
        } else {
            theme.muted()
        };
        let mark = match &row.original {
            None => " · new",
            Some(_) if form.changed(FieldPath::MetadataKey(i)) => " · changed",
            Some(_) if form.changed(FieldPath::MetadataValue(i)) => " · changed",
            Some(_) => "",
        };
        let kind = Span::styled(format!("  [{}]{mark}", row.kind.label()), kind_style);
        sheet.field(&row.key, key_focus, Some(i + 1), Some(kind));
        let key = FieldPath::MetadataKey(i);
        sheet.error(form.error_for(key), warnings.get(&key), theme);
        if row.kind == ValueKind::Null && value_focus {
            sheet.cursor = Some((sheet.lines.len(), INDENT as u16));
            sheet.push(Line::styled(
                format!(
                    "▌     null  (typing makes it a string; {} changes the type)",
                    sheet.keys.say(Action::CycleValueType, Context::Form)
                ),
                theme.muted(),
            ));
        } else if row.kind == ValueKind::Null {
            sheet.push(Line::styled("      = null", theme.muted()));
        } else {
            sheet.field(&row.value, value_focus, None, None);
        }
        let value = FieldPath::MetadataValue(i);
        sheet.error(form.error_for(value), warnings.get(&value), theme);
        sheet.conflict(form.conflicts.get(&FieldPath::MetadataValue(i)), theme);
    }
    if form.rows.is_empty() {
        sheet.push(Line::styled(
            format!(
                "  (no metadata; {} adds a row)",
                sheet.keys.say(Action::AddRow, Context::Form)
            ),
            theme.muted(),
        ));
    }
}

pub fn render(
    form: &Form,
    keys: &Keymap,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<Position> {
    let inner_w = usize::from(area.width.saturating_sub(2));
    let mut sheet = Sheet {
        lines: Vec::new(),
        cursor: None,
        width: inner_w,
        height: usize::from(area.height.saturating_sub(2)),
        keys,
    };
    status_lines(form, &mut sheet, theme);
    let warnings = form.warnings();
    for (path, name, field, max) in [
        (FieldPath::Name, "Name", &form.name, NAME_MAX),
        (FieldPath::Type, "Type", &form.record_type, TYPE_MAX),
    ] {
        let focused = form.focus == path;
        let mut line = label(
            name.to_owned(),
            focused,
            theme,
            Some(counter(char_len(&field.text()), max, theme)),
        );
        if form.changed(path) {
            line.push_span(Span::styled(" · changed", theme.focused()));
        }
        sheet.push(line);
        sheet.field(field, focused, None, None);
        sheet.error(form.error_for(path), warnings.get(&path), theme);
        sheet.conflict(form.conflicts.get(&path), theme);
    }
    rows(form, &warnings, &mut sheet, theme);
    let height = usize::from(area.height.saturating_sub(2));
    let focus_line = sheet.cursor.map_or(0, |c| c.0);
    let scroll = (focus_line + 3).saturating_sub(height);
    let title = if form.creating {
        Line::from(Span::styled(
            format!(
                " New record ({} creates it) ",
                keys.say(Action::Save, Context::Form)
            ),
            theme.title(),
        ))
    } else {
        let mut title = vec![Span::styled(" Edit ", theme.title())];
        title.extend(title_spans(
            &fit(&form.base.name, inner_w.saturating_sub(8)),
            theme.title(),
        ));
        title.push(Span::raw(" "));
        Line::from(title)
    };
    let block = Block::bordered().title(title);
    frame.render_widget(
        Paragraph::new(sheet.lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
    let (line, col) = sheet
        .cursor
        .filter(|(l, _)| *l >= scroll && *l < scroll + height)?;
    let y = area.y + 1 + (line - scroll) as u16;
    Some(Position::new(area.x + 1 + col, y))
}
