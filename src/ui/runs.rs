//! The Results tab: a record's runs as a table with the selected one highlighted, and the
//! step results of one run.

use super::tabs::pending;
use super::text::{cell, safe};
use super::theme::Theme;
use super::timefmt::relative_text;
use crate::api::ops::{ExecutionResult, StepResult};
use crate::app::tabs::Steps;
use crate::app::{Action, App, Context, Detail};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use serde_json::Value;

/// `850 ms`, `1.2 s`, `3m 05s`.
pub fn duration(ms: u64) -> String {
    match ms {
        0..1000 => format!("{ms} ms"),
        1000..60_000 => format!("{:.1} s", ms as f64 / 1000.0),
        _ => format!("{}m {:02}s", ms / 60_000, (ms % 60_000) / 1000),
    }
}

/// Columns shown at this width: the model and the cost only when there is room.
fn wide(width: u16) -> bool {
    width >= 90
}

fn header<'a>(width: u16, theme: Theme) -> Line<'a> {
    let mut text = format!(
        "{:<10} {:<9} {:>9}  {:<18}",
        "Status", "When", "Took", "Flow"
    );
    if wide(width) {
        text.push_str(&format!(" {:<18} {:>10}", "Model", "Cost"));
    }
    Line::styled(text, theme.header())
}

fn run_line<'a>(app: &App, r: &ExecutionResult, width: u16, theme: Theme) -> Line<'a> {
    let took = r
        .execution_time_ms
        .map(duration)
        .unwrap_or_else(|| "—".into());
    let flow = r
        .flow_name
        .as_deref()
        .or(r.prompt_name.as_deref())
        .unwrap_or("—");
    let status_style = if r.status == "completed" {
        theme.ok()
    } else {
        theme.error()
    };
    let mut spans = vec![
        Span::styled(cell(&r.status, 10), status_style),
        Span::raw(format!(
            " {} {:>9}  {}",
            cell(&relative_text(&r.created_at, app.now_ms), 9),
            took,
            cell(flow, 18)
        )),
    ];
    if wide(width) {
        let model = r.model_used.as_deref().unwrap_or("—");
        let cost = run_cost(r);
        spans.push(Span::raw(format!(" {} {cost:>10}", cell(model, 18))));
    }
    Line::from(spans)
}

/// What a run cost: the model's cost plus the tools', as the Costs tab adds them up (a
/// cost the server spells oddly is shown as sent).
fn run_cost(r: &crate::api::ops::ExecutionResult) -> String {
    let Some(model) = r.model_cost.as_deref() else {
        return "—".into();
    };
    let tool = r
        .tool_cost
        .as_deref()
        .map_or(Some(0.0), |t| t.parse::<f64>().ok());
    match (model.parse::<f64>(), tool) {
        (Ok(m), Some(t)) => super::tabs::money(m + t),
        _ => format!("${model}"),
    }
}

/// How far the Results tab's selection can move: its last run (0 while nothing is loaded).
pub fn selection_limit(d: &Detail) -> u16 {
    let count = d.tabs.results.loaded().map_or(0, |p| p.data.len());
    u16::try_from(count.saturating_sub(1)).unwrap_or(u16::MAX)
}

/// The last line: how many runs there are, or the delete question.
fn footer<'a>(d: &Detail, theme: Theme) -> Line<'a> {
    if d.tabs.delete.as_ref().is_some_and(|a| a.asking()) {
        return Line::styled("Delete the highlighted run? y / N", theme.error());
    }
    let Some(page) = d.tabs.results.loaded() else {
        return Line::raw("");
    };
    let shown = page.data.len();
    let of = match page.pagination.total {
        Some(total) if total as usize > shown => format!("{shown} of {total} runs"),
        _ if page.pagination.has_more => format!("the newest {shown} runs"),
        _ => format!("{shown} run{}", if shown == 1 { "" } else { "s" }),
    };
    Line::styled(
        format!("{of} · Enter steps · D delete · r reload"),
        theme.muted(),
    )
}

/// Draws the runs table into `area`, the selected run kept in view.
pub fn render_results(app: &App, d: &Detail, theme: Theme, frame: &mut Frame, area: Rect) {
    if let Some(lines) = pending(app, &d.tabs.results, "runs", theme) {
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let runs = d.tabs.results.loaded().map_or(&[][..], |p| &p.data[..]);
    if runs.is_empty() {
        let note = Line::styled("No runs of this record.", theme.muted());
        frame.render_widget(Paragraph::new(note), area);
        return;
    }
    let selected = usize::from(d.scroll).min(runs.len() - 1);
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = (selected + 1).saturating_sub(rows);
    let mut lines = vec![header(area.width, theme)];
    for (i, r) in runs.iter().enumerate().skip(offset).take(rows) {
        let line = run_line(app, r, area.width, theme);
        lines.push(if i == selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    lines.resize(rows + 1, Line::raw(""));
    lines.push(footer(d, theme));
    frame.render_widget(Paragraph::new(lines).scroll((0, d.hscroll)), area);
}

fn extra_str<'a>(s: &'a StepResult, key: &str) -> Option<&'a str> {
    s.extra.get(key).and_then(Value::as_str)
}

fn step_lines<'a>(s: &StepResult, theme: Theme, out: &mut Vec<Line<'a>>) {
    let took = s
        .extra
        .get("durationMs")
        .and_then(Value::as_u64)
        .map(duration)
        .unwrap_or_else(|| "—".into());
    let style = if s.status == "completed" {
        theme.ok()
    } else {
        theme.error()
    };
    out.push(Line::from(vec![
        Span::styled(format!("{} ", cell(&s.status, 10)), style),
        Span::styled(safe(&s.step_name).into_owned(), theme.label()),
        Span::styled(format!("  {} · {took}", safe(&s.step_type)), theme.muted()),
    ]));
    if let Some(model) = extra_str(s, "modelUsed") {
        out.push(Line::raw(format!("           model {}", safe(model))));
    }
    if let Some(error) = extra_str(s, "errorMessage") {
        out.push(Line::styled(
            format!("           {}", safe(error)),
            theme.error(),
        ));
    }
    if let Some(preview) = extra_str(s, "outputPreview") {
        out.push(Line::raw(format!("           {}", safe(preview))));
    }
}

/// The steps of one run: a heading, then each step with its model, error and output.
pub fn steps<'a>(app: &App, steps: &Steps, theme: Theme) -> Vec<Line<'a>> {
    let flow = steps
        .flow_name
        .as_deref()
        .or(steps.flow_id.as_deref())
        .unwrap_or("no flow");
    let mut out = vec![
        Line::styled(
            format!("Steps of run {} ({})", safe(&steps.result_id), safe(flow)),
            theme.header(),
        ),
        Line::styled(
            format!(
                "{} back to the runs · {} reload",
                app.keymap.say(Action::Back, Context::Detail),
                app.keymap.say(Action::Refresh, Context::Detail)
            ),
            theme.muted(),
        ),
        Line::raw(""),
    ];
    if let Some(lines) = pending(app, &steps.load, "step results", theme) {
        out.extend(lines);
        return out;
    }
    let list = steps.load.loaded().map_or(&[][..], |v| &v[..]);
    if list.is_empty() {
        out.push(Line::styled("No step results for this run.", theme.muted()));
    }
    for s in list {
        step_lines(s, theme, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{duration, run_cost};

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(850), "850 ms");
        assert_eq!(duration(1234), "1.2 s");
        assert_eq!(duration(185_000), "3m 05s");
    }

    /// A run's cost adds the tools' to the model's, as the Costs tab does; an unknown tool
    /// cost adds nothing, an odd spelling is shown as sent, and no sum reads "-0".
    #[test]
    fn a_run_costs_model_plus_tools() {
        let run = |model: Option<&str>, tool: Option<&str>| {
            let mut r: crate::api::ops::ExecutionResult = serde_json::from_value(serde_json::json!({
                "id": "r", "recordId": "x", "status": "completed", "createdAt": "2026-01-01T00:00:00Z"
            }))
            .expect("result");
            r.model_cost = model.map(str::to_owned);
            r.tool_cost = tool.map(str::to_owned);
            run_cost(&r)
        };
        assert_eq!(run(Some("0.000640"), Some("0.005454")), "$0.006094");
        assert_eq!(run(Some("0.000640"), None), "$0.000640");
        assert_eq!(run(Some("-0"), Some("0")), "$0.000000");
        assert_eq!(run(Some("1e-3x"), None), "$1e-3x");
        assert_eq!(run(None, Some("0.1")), "—");
    }
}
