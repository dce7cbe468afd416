//! The detail view: its tab bar, and on the Fields tab every field of a record, metadata
//! aligned with labels and types, the conversation as a transcript, and any fields this
//! version does not know.

use super::list::failure_text;
use super::text::safe;
use super::theme::Theme;
use super::timefmt::{parse_ms, relative};
use crate::api::{ApiError, Message, MetadataSchema, Record};
use crate::app::Detail;
use crate::app::form::ValueKind;
use crate::app::remote::Remote;
use crate::app::tabs::Tab;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use serde_json::Value;

fn field<'a>(label: &str, value: String, theme: Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<14}"), theme.label()),
        Span::raw(safe(&value).into_owned()),
    ])
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_owned())
}

fn when(ts: &str, now_ms: i64) -> String {
    match parse_ms(ts) {
        Some(ms) => format!("{ts}  ({})", relative(ms, now_ms)),
        None => ts.to_owned(),
    }
}

fn heading<'a>(text: &str, theme: Theme) -> Line<'a> {
    Line::styled(text.to_owned(), theme.header())
}

fn metadata_lines<'a>(r: &Record, theme: Theme, out: &mut Vec<Line<'a>>) {
    out.push(heading(
        &format!(
            "Metadata ({} key{})",
            r.metadata.len(),
            if r.metadata.len() == 1 { "" } else { "s" }
        ),
        theme,
    ));
    let key_w = r
        .metadata
        .keys()
        .map(|k| super::text::width(&safe(k)))
        .max()
        .unwrap_or(0)
        .min(28);
    for (key, value) in &r.metadata {
        let label = r
            .label_for(key)
            .map(|l| format!("  ({})", safe(l)))
            .unwrap_or_default();
        let kind = ValueKind::of(value).label();
        let mut spans = vec![
            Span::styled(super::text::cell(key, key_w), theme.label()),
            Span::styled(format!(" {kind:<7} "), theme.muted()),
        ];
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Array(_) | Value::Object(_) => {
                serde_json::to_string_pretty(value).unwrap_or_default()
            }
            other => other.to_string(),
        };
        let mut lines = text.split('\n');
        spans.push(Span::raw(
            safe(lines.next().unwrap_or_default()).into_owned(),
        ));
        spans.push(Span::styled(label, theme.muted()));
        out.push(Line::from(spans));
        let indent = " ".repeat(key_w + 9);
        out.extend(lines.map(|l| Line::raw(format!("{indent}{}", safe(l)))));
    }
}

fn message_lines<'a>(messages: &[Message], theme: Theme, out: &mut Vec<Line<'a>>) {
    out.push(heading(&format!("Messages ({})", messages.len()), theme));
    for m in messages {
        let (role, content) = match m {
            Message::Text(t) => ("—".to_owned(), t.clone()),
            Message::Turn { role, content, .. } => (
                role.clone(),
                match content {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            ),
            Message::Other(v) => ("?".to_owned(), v.to_string()),
        };
        for (i, line) in content.split('\n').enumerate() {
            let who = if i == 0 {
                format!("{:>10}: ", safe(&role))
            } else {
                " ".repeat(12)
            };
            out.push(Line::from(vec![
                Span::styled(who, theme.label()),
                Span::raw(safe(line).into_owned()),
            ]));
        }
    }
}

pub(super) fn lines<'a>(r: &Record, now_ms: i64, theme: Theme) -> Vec<Line<'a>> {
    let mut out = vec![
        field("Name", r.name.clone(), theme),
        field("Type", r.record_type.clone(), theme),
        field("ID", r.id.clone(), theme),
        field("Owner", opt(&r.owner_id), theme),
        field("User", opt(&r.user_id), theme),
        field("Organization", opt(&r.organization_id), theme),
        field("Product surf.", opt(&r.product_surface_id), theme),
        field("Created", when(&r.created_at, now_ms), theme),
        field("Updated", when(&r.updated_at, now_ms), theme),
        field(
            "Schema valid",
            r.schema_valid
                .map_or("— (no collection)".to_owned(), |v| v.to_string()),
            theme,
        ),
    ];
    if let Some(MetadataSchema::Keys { keys }) = &r.metadata_schema {
        out.push(field("Schema keys", keys.join(", "), theme));
    }
    out.push(Line::raw(""));
    metadata_lines(r, theme, &mut out);
    if let Some(messages) = r.messages.as_ref().filter(|m| !m.is_empty()) {
        out.push(Line::raw(""));
        message_lines(messages, theme, &mut out);
    }
    if !r.extra.is_empty() {
        out.push(Line::raw(""));
        out.push(heading("Other fields", theme));
        for (k, v) in &r.extra {
            // The name is server text too: it goes through the sanitizer like the value.
            out.push(field(&safe(k), v.to_string(), theme));
        }
    }
    out
}

/// What the list knew, while the full record is on its way.
fn summary_lines<'a>(d: &Detail, now_ms: i64, theme: Theme) -> Vec<Line<'a>> {
    let s = &d.summary;
    let mut out = vec![
        field("Name", s.name.to_string(), theme),
        field("Type", s.record_type.to_string(), theme),
        field("ID", s.id.to_string(), theme),
        field("Updated", when(&s.updated_at, now_ms), theme),
        Line::raw(""),
    ];
    let note = match &d.load {
        // Never a lossy copy: a record the client cannot decode exactly is not shown or
        // edited at all, and the user is told why.
        Remote::Failed(ApiError::Malformed { detail, .. }) => format!(
            "This record cannot be shown or edited here: {}. Nothing was changed; r tries again.",
            safe(detail)
        ),
        Remote::Failed(_) => "The full record could not be loaded; r tries again.".to_owned(),
        _ => "Loading the full record…".to_owned(),
    };
    out.push(Line::styled(note, theme.muted()));
    out
}

fn body_lines<'a>(app: &crate::app::App, d: &'a Detail, theme: Theme) -> Vec<Line<'a>> {
    match (d.tabs.active, &d.tabs.steps) {
        (Tab::Fields, _) => match &d.record {
            Some(record) => lines(record, app.now_ms, theme),
            None => summary_lines(d, app.now_ms, theme),
        },
        (Tab::Messages, _) => super::tabs::messages(app, d, theme),
        (Tab::Results, Some(steps)) => super::runs::steps(app, steps, theme),
        (Tab::Results, None) => Vec::new(),
        (Tab::Costs, _) => super::tabs::costs(app, d, theme),
        (Tab::Raw, _) => super::tabs::raw(app, d, theme),
    }
}

/// The runs table keeps its selection in view itself; every other tab scrolls its lines.
fn shows_runs(d: &Detail) -> bool {
    d.tabs.active == Tab::Results && d.tabs.steps.is_none()
}

/// How far the view can scroll: long values wrap, and the scroll stops with the last line at
/// the bottom (`G` or a long `j` never leaves a blank screen).
fn limit_of(body: &[Line<'_>], area: Rect) -> u16 {
    let inner = usize::from(area.width).max(1);
    let wrapped: usize = body.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let visible = usize::from(area.height);
    u16::try_from(wrapped.saturating_sub(visible)).unwrap_or(u16::MAX)
}

/// Inside the border: the tab bar's row, and the rest for the shown tab.
fn body_area(area: Rect) -> [Rect; 2] {
    let inner = Block::bordered().inner(area);
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner)
}

/// The scroll limit of the detail drawn in `area`, for the app to clamp to (so `k` after `G`
/// moves at once). In the runs table the scroll is the selected run.
pub fn scroll_limit(app: &crate::app::App, d: &Detail, area: Rect) -> u16 {
    if shows_runs(d) {
        return super::runs::selection_limit(d);
    }
    let [_, area] = body_area(area);
    // Styles do not change widths: any theme measures the same.
    let body = body_lines(app, d, Theme::new(true));
    if d.hscroll > 0 {
        let visible = usize::from(area.height);
        return u16::try_from(body.len().saturating_sub(visible)).unwrap_or(u16::MAX);
    }
    limit_of(&body, area)
}

pub fn render(app: &crate::app::App, d: &Detail, theme: Theme, frame: &mut Frame, area: Rect) {
    let status = match &d.load {
        Remote::Loading(_) => Span::styled(" refreshing… ", theme.muted()),
        Remote::Failed(e) => Span::styled(
            format!(
                " ⚠ {} (r retries) ",
                safe(&failure_text(e, app.key_source.as_deref()))
            ),
            theme.error(),
        ),
        _ => Span::raw(""),
    };
    let title = Line::from(vec![Span::styled(" Record ", theme.title()), status]);
    let mut block = Block::bordered().title(title).border_style(Style::new());
    if d.hscroll > 0 {
        block = block.title_bottom(Line::styled(
            format!(" → column {} (h or ← back) ", d.hscroll + 1),
            theme.muted(),
        ));
    }
    frame.render_widget(block, area);
    let [bar, area] = body_area(area);
    frame.render_widget(
        Paragraph::new(super::tabs::bar_line(d.tabs.active, theme)),
        bar,
    );
    if shows_runs(d) {
        super::runs::render_results(app, d, theme, frame, area);
        return;
    }
    let body = body_lines(app, d, theme);
    if d.hscroll > 0 {
        // Scrolled sideways: long lines run on instead of wrapping (h or ← comes back).
        let max =
            u16::try_from(body.len().saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX);
        let body = Paragraph::new(body).scroll((d.scroll.min(max), d.hscroll));
        frame.render_widget(body, area);
        return;
    }
    let max = limit_of(&body, area);
    let body = Paragraph::new(body)
        .wrap(Wrap { trim: false })
        .scroll((d.scroll.min(max), 0));
    frame.render_widget(body, area);
}
