//! The detail view's tabs rendered to `TestBackend` at 60x15 and 100x30 and snapshotted:
//! each tab loaded, loading, failed, the steps of a run and the delete question.

#[path = "common/draw.rs"]
mod draw;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use draw::screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use runtype_tui::api::{ApiError, ErrorBody, Page, Pagination, Record};
use runtype_tui::app::tabs::HistoryAnswer;
use runtype_tui::app::{App, Effect, Msg, Source, Ticket, update};

const NOW: i64 = 1_764_000_000_000; // 2025-11-24T16:00:00Z

fn record() -> Record {
    serde_json::from_str(
        r#"{"id": "record_01j9z6k3m4n5p6q7r8s9t00000", "type": "ticket", "name": "Printer on fire",
            "metadata": {"status": "open", "priority": "high"}, "userId": "user_1",
            "messages": [
              {"role": "user", "content": "The printer on floor 3 is on fire again. It started after the last firmware update and nobody has touched it since."},
              {"role": "assistant", "content": "I have opened a ticket.\nFacilities are on their way."},
              {"role": "user", "content": [{"type": "text", "text": "Thanks!"}]}
            ],
            "createdAt": "2025-11-01T10:00:00.000Z", "updatedAt": "2025-11-24T15:00:00.000Z"}"#,
    )
    .expect("record")
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn ticket_of(effects: &[Effect]) -> Ticket {
    match effects.first() {
        Some(
            Effect::LoadPage { ticket, .. }
            | Effect::LoadRecord { ticket, .. }
            | Effect::RecordHistory { ticket, .. },
        ) => *ticket,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// The detail of the record open and loaded, on a `w` x `h` terminal.
fn opened(w: u16, h: u16) -> App {
    let source = Source {
        label: "sandbox".into(),
    };
    let mut app = App::new(source, w, h, NOW);
    let t = ticket_of(&app.start());
    let page = Page {
        records: vec![record()],
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    let result = Ok(page.into());
    update(&mut app, Msg::PageLoaded { ticket: t, result });
    let ticket = ticket_of(&key(&mut app, KeyCode::Enter));
    update(
        &mut app,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record()),
        },
    );
    app
}

fn answer(app: &mut App, effects: &[Effect], result: Result<HistoryAnswer, ApiError>) {
    let ticket = ticket_of(effects);
    update(app, Msg::RecordHistory { ticket, result });
}

fn runs() -> HistoryAnswer {
    HistoryAnswer::Results(
        serde_json::from_str(
            r#"{"data": [
              {"id": "result_3", "recordId": "r", "status": "completed", "createdAt": "2025-11-24T15:57:00.000Z",
               "flowId": "flow_support", "flowName": "Support triage", "modelUsed": "gpt-4o",
               "executionTimeMs": 1840, "modelCost": "0.012500"},
              {"id": "result_2", "recordId": "r", "status": "failed", "createdAt": "2025-11-24T13:00:00.000Z",
               "flowId": "flow_support", "flowName": "Support triage", "modelUsed": "claude-sonnet-4",
               "executionTimeMs": 65000, "modelCost": "0.030000"},
              {"id": "result_1", "recordId": "r", "status": "completed", "createdAt": "2025-11-20T09:00:00.000Z",
               "promptName": "Summarise", "executionTimeMs": 420}],
             "pagination": {"page": 1, "limit": 50, "hasMore": false, "hasPrev": false, "total": 3}}"#,
        )
        .expect("runs"),
    )
}

fn steps() -> HistoryAnswer {
    HistoryAnswer::Steps(
        serde_json::from_str(
            r#"{"data": [
              {"id": "s1", "userId": "u", "stepName": "Fetch context", "stepType": "fetch-url",
               "status": "completed", "createdAt": "2025-11-24T13:00:00.000Z", "durationMs": 300,
               "executionSessionId": "result_2", "outputPreview": "200 OK"},
              {"id": "s2", "userId": "u", "stepName": "Classify", "stepType": "prompt",
               "status": "failed", "createdAt": "2025-11-24T13:00:01.000Z", "durationMs": 64000,
               "executionSessionId": "result_2", "modelUsed": "claude-sonnet-4",
               "errorMessage": "model timed out"}]}"#,
        )
        .expect("steps"),
    )
}

fn costs() -> HistoryAnswer {
    HistoryAnswer::Costs(
        serde_json::from_str(
            r#"{"totalCost": 0.0425, "totalTokens": 5400, "promptTokens": 4000,
                "completionTokens": 1400, "executionCount": 3,
                "modelBreakdown": [
                  {"model": "claude-sonnet-4", "cost": 0.03, "tokens": 3000, "count": 1},
                  {"model": "gpt-4o", "cost": 0.0125, "tokens": 2400, "count": 2}]}"#,
        )
        .expect("costs"),
    )
}

fn state(name: &str, w: u16, h: u16) -> App {
    let mut app = opened(w, h);
    match name {
        "messages" => drop(press(&mut app, '2')),
        "raw" => drop(press(&mut app, '5')),
        "results_loading" => drop(press(&mut app, '3')),
        "results" | "results_delete" | "steps" => {
            let fx = press(&mut app, '3');
            answer(&mut app, &fx, Ok(runs()));
            press(&mut app, 'j');
            if name == "results_delete" {
                press(&mut app, 'D');
            }
            if name == "steps" {
                let fx = key(&mut app, KeyCode::Enter);
                answer(&mut app, &fx, Ok(steps()));
            }
        }
        "costs" => {
            let fx = press(&mut app, '4');
            answer(&mut app, &fx, Ok(costs()));
        }
        "costs_failed" => {
            let fx = press(&mut app, '4');
            let body = ErrorBody::parse(br#"{"error": "Internal error"}"#);
            let err = ApiError::Http {
                status: 500,
                body,
                retry_after: None,
            };
            answer(&mut app, &fx, Err(err));
        }
        other => panic!("unknown state {other}"),
    }
    app
}

#[rstest]
fn tab_screens(
    #[values(
        "messages",
        "raw",
        "results_loading",
        "results",
        "results_delete",
        "steps",
        "costs",
        "costs_failed"
    )]
    name: &str,
    #[values((60, 15), (100, 30))] size: (u16, u16),
) {
    let app = state(name, size.0, size.1);
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(&app));
}

#[test]
fn the_tab_bar_marks_the_shown_tab() {
    let mut app = opened(100, 30);
    press(&mut app, '5');
    let term_text = screen(&app);
    assert!(
        term_text
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("5 Raw"))
    );
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    term.draw(|f| {
        runtype_tui::ui::render(&app, f);
    })
    .expect("draw");
    let buf = term.backend().buffer();
    let bar = runtype_tui::app::tabs::bar();
    let (x_raw, x_fields) = (1 + bar[4].2 + 2, 1 + bar[0].2 + 2);
    assert_ne!(
        buf[(x_raw, 1)].style(),
        buf[(x_fields, 1)].style(),
        "the shown tab is drawn unlike the others"
    );
}

#[test]
fn the_scroll_limit_follows_the_shown_tab() {
    let area = ratatui::layout::Rect::new(0, 0, 60, 15);
    let limit = |app: &App| runtype_tui::ui::detail_scroll_limit(app, area).expect("detail");
    let mut app = state("results", 60, 15);
    assert_eq!(limit(&app), 2, "the runs table stops at its last run");
    press(&mut app, 'G');
    let max = limit(&app);
    update(&mut app, Msg::DetailLimit { max });
    press(&mut app, 'k');
    let selected = app.detail.as_ref().map(|d| d.scroll);
    assert_eq!(selected, Some(1), "k after G moves at once");
    press(&mut app, '5');
    let raw = limit(&app);
    assert!(raw > 0, "the JSON is longer than the screen");
    press(&mut app, 'G');
    let max = limit(&app);
    update(&mut app, Msg::DetailLimit { max });
    assert_eq!(app.detail.as_ref().map(|d| d.scroll), Some(raw));
    press(&mut app, '4');
    assert_eq!(limit(&app), 0, "nothing loaded yet, nothing to scroll");
}

#[test]
fn the_selected_run_is_highlighted() {
    let app = state("results", 100, 30);
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    term.draw(|f| {
        runtype_tui::ui::render(&app, f);
    })
    .expect("draw");
    let buf = term.backend().buffer();
    // Row 2 is the header, 3 the first run, 4 the second (selected by `j`).
    let (first, second) = (buf[(15, 3)].style(), buf[(15, 4)].style());
    assert_ne!(first, second, "the highlight differs from a plain row");
}

/// PgDn in the Raw tab shows the line right after the last one the page showed: no line is
/// ever skipped.
#[test]
fn page_down_skips_no_line() {
    let mut app = state("raw", 60, 15);
    let body = |app: &App| -> Vec<String> {
        screen(app)
            .lines()
            .skip(2) // the border and the tab bar
            .take_while(|l| !l.starts_with('└'))
            .map(str::to_owned)
            .collect()
    };
    let first = body(&app);
    key(&mut app, KeyCode::PageDown);
    let second = body(&app);
    let raw = serde_json::to_string_pretty(&record()).expect("json");
    let wanted: Vec<&str> = raw.lines().map(str::trim).collect();
    let text = |l: &String| l.trim_matches('│').trim().to_owned();
    let page: Vec<String> = first.iter().map(text).collect();
    assert_eq!(
        page,
        wanted[..page.len()],
        "the first page is the JSON's first lines"
    );
    // That line may wrap: what the page shows is its start.
    let next = text(&second[0]);
    assert!(
        wanted[page.len()].starts_with(&next),
        "the next page starts right after it: {next:?}"
    );
}
