//! The record list: a title with counts and filters, a header, and only the visible rows.

use super::text::{cell, fit};
use super::theme::Theme;
use super::timefmt::relative_text;
use crate::api::ApiError;
use crate::app::App;
use crate::app::action::{Action, Context};
use crate::app::list::MetaColumn;
use crate::app::remote::Remote;
use crate::app::row::Row;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

const TYPE_W: usize = 14;
const UPDATED_W: usize = 9;
const ID_W: usize = 10;
const META_W: usize = 12;
const NAME_MIN: usize = 24;

/// Column widths for a terminal width. Name comes first (at least `NAME_MIN`, or all there
/// is), then the metadata columns, then type, updated and ID as room allows; what is left
/// widens the name.
struct Columns<'a> {
    name: usize,
    meta: &'a [MetaColumn],
    record_type: bool,
    updated: bool,
    id: bool,
}

fn columns(width: usize, available: &[MetaColumn]) -> Columns<'_> {
    let mut left = width.saturating_sub(NAME_MIN.min(width));
    let mut take = |w: usize| {
        let fits = left > w;
        if fits {
            left -= w + 1;
        }
        fits
    };
    let shown = available.iter().take_while(|_| take(META_W)).count();
    let record_type = take(TYPE_W);
    let updated = record_type && take(UPDATED_W);
    let id = updated && take(ID_W);
    Columns {
        name: width.min(NAME_MIN) + left,
        meta: &available[..shown],
        record_type,
        updated,
        id,
    }
}

fn short_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= ID_W {
        return id.to_owned();
    }
    std::iter::once('…')
        .chain(chars[chars.len() - (ID_W - 1)..].iter().copied())
        .collect()
}

fn row_line<'a>(r: &Row, cols: &Columns<'_>, now_ms: i64, style: Style, marked: bool) -> Line<'a> {
    // A selected record is marked in its name cell, so the columns do not shift.
    let name = if marked {
        cell(&format!("● {}", r.name), cols.name)
    } else {
        cell(&r.name, cols.name)
    };
    let mut parts = vec![name];
    if cols.record_type {
        parts.push(cell(&r.record_type, TYPE_W));
    }
    parts.extend(
        cols.meta
            .iter()
            .map(|m| cell(r.field(&m.key).unwrap_or_default(), META_W)),
    );
    if cols.updated {
        parts.push(cell(&relative_text(&r.updated_at, now_ms), UPDATED_W));
    }
    if cols.id {
        parts.push(cell(&short_id(&r.id), ID_W));
    }
    Line::styled(parts.join(" "), style)
}

fn header_line<'a>(cols: &Columns<'_>, theme: Theme) -> Line<'a> {
    let mut parts = vec![cell("Name", cols.name)];
    if cols.record_type {
        parts.push(cell("Type", TYPE_W));
    }
    parts.extend(cols.meta.iter().map(|m| cell(&m.label, META_W)));
    if cols.updated {
        parts.push(cell("Updated", UPDATED_W));
    }
    if cols.id {
        parts.push(cell("ID", ID_W));
    }
    Line::styled(parts.join(" "), theme.header())
}

fn title<'a>(app: &App, theme: Theme, width: usize) -> Line<'a> {
    let l = &app.list;
    let total = l.total.map_or_else(|| "?".to_owned(), |t| t.to_string());
    // "n of N loaded" while part of the listing is here (so `G` is not taken for the real
    // end); the short "N/N" once it is all here.
    let complete = !l.has_more && l.total == Some(l.records.len() as u64);
    let count = if complete {
        format!("{}/{total}", l.records.len())
    } else {
        format!("{} of {total} loaded", l.records.len())
    };
    let mut text = format!(" Records · {} · {count}", app.source.label);
    // Before the filter, which can be long: what a bulk command will act on must not be
    // the part a narrow title cuts off.
    if let Some(selected) = app.selection.label() {
        text.push_str(&format!(" · {selected}"));
    }
    if l.load.is_loading() {
        text.push(' ');
        text.push_str(super::spinner(app.spinner));
    }
    if l.to_end {
        text.push_str(" · loading to the end, Esc stops");
    }
    if let Some(t) = &l.filter.record_type {
        text.push_str(&format!(" · type: {t}"));
    }
    if let Some(f) = &l.filter.expr {
        text.push_str(&format!(" · filter: {}", f.text));
    }
    if !l.filter.search.is_empty() {
        // Quoted with its own quotes and backslashes escaped, so the text reads back.
        text.push_str(&format!(" · search: {:?}", l.filter.search));
    }
    if let Some(sort) = &l.sort {
        text.push_str(&format!(" · sorted: loaded rows by {}", sort.text()));
    }
    if let Some(local) = &l.local {
        // Say that the server was not asked, and how to ask it.
        let search = app.keymap.say(Action::Search, Context::List);
        text.push_str(&format!(
            " · {} loaded match \"{}\" · {search} searches server",
            local.matches.len(),
            local.query
        ));
    }
    if l.skipped > 0 {
        text.push_str(&format!(" · {} unreadable skipped", l.skipped));
    }
    if l.duplicates > 0 {
        text.push_str(&format!(" · {} duplicates merged", l.duplicates));
    }
    if let Some(stop) = l.stopped {
        text.push_str(" · ");
        text.push_str(stop.describe());
    }
    let mut spans = super::text::title_spans(&fit(&text, width), theme.title());
    if let (Remote::Failed(e), false) = (&l.load, l.records.is_empty()) {
        let room = width.saturating_sub(super::text::width(&text) + 3);
        spans.push(Span::styled(
            fit(
                &format!(
                    " ⚠ {} (r retries)",
                    failure_text(e, app.key_source.as_deref())
                ),
                room,
            ),
            theme.error(),
        ));
    }
    Line::from(spans)
}

/// A load failure in words, with lost connections told apart.
pub fn failure_text(e: &ApiError, key_source: Option<&str>) -> String {
    match e {
        ApiError::Connect { host, .. } => {
            format!("cannot reach {host}: the connection was refused or lost")
        }
        ApiError::Timeout { .. } => "the server did not answer in time".to_owned(),
        ApiError::Http { status: 401, .. } => crate::app::key_rejected(key_source),
        ApiError::Http { status: 403, .. } => "this API key may not read records (403)".to_owned(),
        other => format!("loading failed: {other}"),
    }
}

fn empty_message(app: &App) -> Option<String> {
    let (l, key_source) = (&app.list, app.key_source.as_deref());
    let k = |a: Action| app.keymap.say(a, Context::List);
    if let Some(local) = l
        .local
        .as_ref()
        .filter(|_| l.is_empty() && !l.records.is_empty())
    {
        return Some(format!(
            "No loaded record matches \"{}\". {} clears the filter.",
            local.query,
            k(Action::ClearFilter)
        ));
    }
    match (&l.load, l.records.is_empty()) {
        (_, false) => None,
        (Remote::Failed(e), true) => Some(format!(
            "{}. Press {} to retry.",
            failure_text(e, key_source),
            k(Action::Refresh)
        )),
        (Remote::Loading(_) | Remote::NotAsked, true) => Some("Loading records…".to_owned()),
        (Remote::Loaded(()), true) if !l.filter.is_empty() => Some(format!(
            "No records match. {} clears the filters and search; {} changes the search.",
            k(Action::ClearFilter),
            k(Action::Search)
        )),
        (Remote::Loaded(()), true) => Some(format!(
            "No records yet. Press {} to reload.",
            k(Action::Refresh)
        )),
    }
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let [title_area, header_area, rows_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let width = usize::from(area.width);
    frame.render_widget(Paragraph::new(title(app, theme, width)), title_area);
    let l = &app.list;
    if let Some(msg) = empty_message(app) {
        let style = if matches!(l.load, Remote::Failed(_)) {
            theme.error()
        } else {
            theme.muted()
        };
        let text = Line::styled(super::text::safe(&msg).into_owned(), style);
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }),
            rows_area.union(header_area),
        );
        return;
    }
    let cols = columns(width, &l.columns);
    frame.render_widget(Paragraph::new(header_line(&cols, theme)), header_area);
    let visible = usize::from(rows_area.height);
    // Only the visible rows are ever built: the cost of a frame does not grow with the list.
    let lines: Vec<Line<'_>> = (l.offset..l.len().min(l.offset + visible))
        .filter_map(|i| l.row(i).map(|r| (i, r)))
        .map(|(i, r)| {
            let marked = app.selection.contains(&r.id);
            let style = match (i == l.selected, marked) {
                (true, _) => theme.selected(),
                (false, true) => theme.marked(),
                (false, false) => Style::new(),
            };
            row_line(r, &cols, app.now_ms, style, marked)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows_area);
}
