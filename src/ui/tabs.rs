//! The detail view's tab bar and the bodies of its Messages, Costs and Raw tabs; while a tab
//! waits or failed, its body says so (with the key that tries again).

use super::list::failure_text;
use super::text::safe;
use super::theme::Theme;
use crate::api::ApiError;
use crate::api::Message;
use crate::api::ops::RecordCosts;
use crate::app::remote::Remote;
use crate::app::tabs::{Tab, bar};
use crate::app::{App, Detail};
use ratatui::text::{Line, Span};
use serde_json::Value;

/// The bar: every title, the shown one highlighted (clicks map back through `app::tabs::bar`).
pub fn bar_line<'a>(active: Tab, theme: Theme) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at = 0u16;
    for (tab, label, start) in bar() {
        spans.push(Span::raw(" ".repeat(usize::from(start - at))));
        let style = if tab == active {
            theme.selected()
        } else {
            theme.muted()
        };
        at = start + label.chars().count() as u16;
        spans.push(Span::styled(label, style));
    }
    Line::from(spans)
}

/// What a tab shows while its data is not here: a spinner, or the failure and `r`.
pub fn pending<'a, T>(
    app: &App,
    remote: &Remote<T>,
    what: &str,
    theme: Theme,
) -> Option<Vec<Line<'a>>> {
    match remote {
        Remote::Loaded(_) => None,
        Remote::Failed(e) => Some(failed(app, e, what, theme)),
        Remote::Loading(_) | Remote::NotAsked => Some(vec![Line::styled(
            format!("{} Loading {what}…", super::spinner(app.spinner)),
            theme.muted(),
        )]),
    }
}

pub fn failed<'a>(app: &App, e: &ApiError, what: &str, theme: Theme) -> Vec<Line<'a>> {
    vec![
        Line::styled(format!("⚠ The {what} could not be loaded:"), theme.error()),
        Line::styled(
            safe(&failure_text(e, app.key_source.as_deref())).into_owned(),
            theme.error(),
        ),
        Line::styled("r tries again.", theme.muted()),
    ]
}

/// Messages and Raw show the record itself: until it is here, what the record load says.
fn record_pending<'a>(app: &App, d: &Detail, theme: Theme) -> Vec<Line<'a>> {
    pending(app, &d.load, "record", theme).unwrap_or_default()
}

/// A message's content as text: a string as it is, text parts joined, anything else as JSON.
fn content_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .map(|p| match p.get("text").and_then(Value::as_str) {
                Some(t) => t.to_owned(),
                None => serde_json::to_string_pretty(p).unwrap_or_default(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

/// The transcript: one block per message, its role above it.
pub fn messages<'a>(app: &App, d: &Detail, theme: Theme) -> Vec<Line<'a>> {
    let Some(record) = &d.record else {
        return record_pending(app, d, theme);
    };
    let Some(list) = record.messages.as_ref().filter(|m| !m.is_empty()) else {
        return vec![Line::styled("No messages on this record.", theme.muted())];
    };
    let mut out = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let (role, text) = match m {
            Message::Text(t) => ("(no role)".to_owned(), t.clone()),
            Message::Turn { role, content, .. } => (role.clone(), content_text(content)),
            Message::Other(v) => ("(unknown shape)".to_owned(), content_text(v)),
        };
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(
            format!("{} · {}", i + 1, safe(&role)),
            theme.header(),
        ));
        out.extend(text.split('\n').map(|l| Line::raw(safe(l).into_owned())));
    }
    out
}

/// The record as pretty JSON, as `Y` copies it.
pub fn raw<'a>(app: &App, d: &Detail, theme: Theme) -> Vec<Line<'a>> {
    let Some(record) = &d.record else {
        return record_pending(app, d, theme);
    };
    match serde_json::to_string_pretty(record) {
        Ok(json) => json
            .split('\n')
            .map(|l| Line::raw(safe(l).into_owned()))
            .collect(),
        Err(e) => vec![Line::styled(format!("⚠ {e}"), theme.error())],
    }
}

pub(super) fn money(v: f64) -> String {
    // -0.0 (a sum of nothing, or of refunds) is shown as the 0 it is.
    let v = if v == 0.0 { 0.0 } else { v };
    format!("${v:.6}")
}

fn row<'a>(label: &str, value: String, theme: Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<14}"), theme.label()),
        Span::raw(value),
    ])
}

pub fn costs<'a>(app: &App, d: &Detail, theme: Theme) -> Vec<Line<'a>> {
    if let Some(lines) = pending(app, &d.tabs.costs, "costs", theme) {
        return lines;
    }
    let Some(c) = d.tabs.costs.loaded() else {
        return Vec::new();
    };
    let mut out = totals(c, theme);
    if c.model_breakdown.is_empty() {
        out.push(Line::styled("No model was used.", theme.muted()));
        return out;
    }
    out.push(Line::styled(
        format!(
            "{:<20} {:>11} {:>9} {:>5}",
            "Model", "Cost", "Tokens", "Runs"
        ),
        theme.header(),
    ));
    for m in &c.model_breakdown {
        out.push(Line::raw(format!(
            "{} {:>11} {:>9} {:>5}",
            super::text::cell(&m.model, 20),
            money(m.cost),
            m.tokens,
            m.count
        )));
    }
    out
}

fn totals<'a>(c: &RecordCosts, theme: Theme) -> Vec<Line<'a>> {
    vec![
        row("Total cost", money(c.total_cost), theme),
        row("Runs", c.execution_count.to_string(), theme),
        row("Tokens", c.total_tokens.to_string(), theme),
        row("  prompt", c.prompt_tokens.to_string(), theme),
        row("  completion", c.completion_tokens.to_string(), theme),
        Line::raw(""),
    ]
}
