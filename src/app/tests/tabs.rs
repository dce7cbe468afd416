//! The detail view's tabs: switching, loading each tab once, stale answers, errors with
//! retry in one tab only, the runs' step results and deleting a run.

use super::*;
use crate::app::tabs::{HistoryAnswer, HistoryRequest, Tab};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

/// A list with the detail of record 0 open and loaded.
pub(crate) fn opened() -> App {
    let mut a = loaded();
    let fx = update(&mut a, key(KeyCode::Enter));
    let [Effect::LoadRecord { ticket, .. }] = fx.as_slice() else {
        panic!("Enter loads the record: {fx:?}");
    };
    let ticket = *ticket;
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record(0)),
        },
    );
    a
}

pub(crate) fn runs_page(n: usize) -> crate::api::ops::ResultsPage {
    let data: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "result_{i}", "recordId": "record_0000", "status": "completed",
                    "createdAt": "2026-11-20T00:00:0{i}.000Z", "flowId": "flow_support",
                    "flowName": "Support triage", "executionTimeMs": 1200}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"data": [{}], "pagination": {{"page": 1, "limit": 50, "hasMore": false, "hasPrev": false}}}}"#,
        data.join(",")
    );
    serde_json::from_str(&text).expect("results page")
}

fn costs() -> crate::api::ops::RecordCosts {
    serde_json::from_str(
        r#"{"totalCost": 0.25, "totalTokens": 1000, "promptTokens": 700,
            "completionTokens": 300, "executionCount": 2,
            "modelBreakdown": [{"model": "gpt-4o", "cost": 0.25, "tokens": 1000, "count": 2}]}"#,
    )
    .expect("costs")
}

/// The one history request among `fx`, with its ticket.
fn history(fx: &[Effect]) -> (Ticket, HistoryRequest) {
    match fx {
        [
            Effect::RecordHistory {
                ticket, request, ..
            },
        ] => (*ticket, request.clone()),
        other => panic!("expected one history request, got {other:?}"),
    }
}

fn answer(a: &mut App, ticket: Ticket, result: Result<HistoryAnswer, ApiError>) -> Vec<Effect> {
    update(a, Msg::RecordHistory { ticket, result })
}

fn tab(a: &App) -> Tab {
    a.detail.as_ref().expect("detail").tabs.active
}

/// The Results tab of record 0 with `n` runs loaded.
pub(crate) fn with_runs(n: usize) -> App {
    let mut a = opened();
    let (t, _) = history(&update(&mut a, ch('3')));
    answer(&mut a, t, Ok(HistoryAnswer::Results(runs_page(n))));
    a
}

#[test]
fn keys_and_clicks_switch_tabs() {
    let mut a = opened();
    assert_eq!(tab(&a), Tab::Fields);
    assert!(
        update(&mut a, ch('2')).is_empty(),
        "messages come with the record"
    );
    assert_eq!(tab(&a), Tab::Messages);
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(tab(&a), Tab::Results);
    update(&mut a, key(KeyCode::BackTab));
    update(&mut a, key(KeyCode::BackTab));
    assert_eq!(tab(&a), Tab::Fields);
    update(&mut a, key(KeyCode::BackTab));
    assert_eq!(tab(&a), Tab::Raw, "Shift-Tab wraps around");
    let (_, _, start) = crate::app::tabs::bar()[3].clone();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: crate::app::tabs::BAR_X + start,
        row: crate::app::tabs::BAR_ROW,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut a, Msg::Mouse(click));
    assert_eq!(tab(&a), Tab::Costs, "a click on a title shows its tab");
}

#[test]
fn each_tab_loads_once_on_first_view_and_keeps_its_scroll() {
    let mut a = opened();
    let (t, request) = history(&update(&mut a, ch('3')));
    assert_eq!(request, HistoryRequest::Results);
    // Switching while it loads is instant, and the other tab asks for its own data.
    let (c, request) = history(&update(&mut a, ch('4')));
    assert_eq!(request, HistoryRequest::Costs);
    assert!(a.is_busy(), "the spinner runs while a tab loads");
    answer(&mut a, t, Ok(HistoryAnswer::Results(runs_page(3))));
    answer(&mut a, c, Ok(HistoryAnswer::Costs(costs())));
    assert!(!a.is_busy());
    for k in ['3', '4', '1', '3'] {
        assert!(
            update(&mut a, ch(k)).is_empty(),
            "no request on return to {k}"
        );
    }
    update(&mut a, ch('j'));
    update(&mut a, ch('1'));
    assert_eq!(a.detail.as_ref().map(|d| d.scroll), Some(0));
    update(&mut a, ch('3'));
    assert_eq!(
        a.detail.as_ref().map(|d| d.scroll),
        Some(1),
        "scroll kept per tab"
    );
}

#[test]
fn a_stale_answer_is_dropped() {
    let mut a = opened();
    let (old, _) = history(&update(&mut a, ch('3')));
    let (new, _) = history(&update(&mut a, ch('r')));
    answer(&mut a, old, Ok(HistoryAnswer::Results(runs_page(5))));
    let d = a.detail.as_ref().expect("detail");
    assert!(d.tabs.results.awaits(new), "the old answer changed nothing");
    answer(&mut a, new, Ok(HistoryAnswer::Results(runs_page(2))));
    assert_eq!(a.selected_result().map(|r| r.id.as_str()), Some("result_0"));
    assert_eq!(
        a.detail
            .as_ref()
            .and_then(|d| d.tabs.results.loaded())
            .map(|p| p.data.len()),
        Some(2)
    );
    // Another record opened: an answer for the first one's tab is dropped too.
    let (late, _) = history(&update(&mut a, ch('4')));
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('j'));
    update(&mut a, key(KeyCode::Enter));
    answer(&mut a, late, Ok(HistoryAnswer::Costs(costs())));
    let d = a.detail.as_ref().expect("detail");
    assert_eq!(d.tabs.active, Tab::Fields, "a new record starts on Fields");
    assert!(matches!(d.tabs.costs, Remote::NotAsked));
}

#[test]
fn an_error_stays_in_its_tab_and_r_retries_it() {
    let mut a = opened();
    let (t, _) = history(&update(&mut a, ch('4')));
    let err = ApiError::Http {
        status: 500,
        body: ErrorBody::parse(br#"{"error": "boom"}"#),
        retry_after: None,
    };
    answer(&mut a, t, Err(err));
    assert!(a.notice.is_none(), "not a global failure");
    assert!(matches!(
        a.detail.as_ref().map(|d| &d.tabs.costs),
        Some(Remote::Failed(_))
    ));
    // Other tabs work as before.
    let (r, _) = history(&update(&mut a, ch('3')));
    answer(&mut a, r, Ok(HistoryAnswer::Results(runs_page(1))));
    assert!(
        update(&mut a, ch('4')).is_empty(),
        "a failed tab waits for r"
    );
    let (t, request) = history(&update(&mut a, ch('r')));
    assert_eq!(request, HistoryRequest::Costs, "r retries this tab only");
    answer(&mut a, t, Ok(HistoryAnswer::Costs(costs())));
    assert!(
        a.detail
            .as_ref()
            .is_some_and(|d| d.tabs.costs.loaded().is_some())
    );
}

#[test]
fn enter_opens_a_runs_steps_and_esc_comes_back() {
    let mut a = with_runs(3);
    update(&mut a, ch('j'));
    let (t, request) = history(&update(&mut a, key(KeyCode::Enter)));
    assert_eq!(
        request,
        HistoryRequest::Steps {
            flow_id: Some("flow_support".into())
        }
    );
    let steps = a.detail.as_ref().and_then(|d| d.tabs.steps.clone());
    assert_eq!(steps.map(|s| s.result_id), Some("result_1".into()));
    let page = serde_json::from_str(
        r#"{"data": [
            {"id": "s1", "userId": "u", "stepName": "Mine", "stepType": "prompt",
             "status": "completed", "createdAt": "2026-11-20T00:00:01.000Z",
             "executionSessionId": "result_1"},
            {"id": "s2", "userId": "u", "stepName": "Other run", "stepType": "prompt",
             "status": "completed", "createdAt": "2026-11-20T00:00:02.000Z",
             "executionSessionId": "result_2"}]}"#,
    )
    .expect("steps");
    answer(&mut a, t, Ok(HistoryAnswer::Steps(page)));
    let names: Vec<String> = a
        .detail
        .as_ref()
        .and_then(|d| d.tabs.steps.as_ref()?.load.loaded().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.step_name)
        .collect();
    assert_eq!(names, ["Mine"], "only the steps of the run opened");
    update(&mut a, key(KeyCode::Esc));
    let d = a
        .detail
        .as_ref()
        .expect("Esc closes the steps, not the record");
    assert!(d.tabs.steps.is_none());
    assert_eq!(a.selected_result().map(|r| r.id.as_str()), Some("result_1"));
}

#[test]
fn deleting_a_run_asks_first_then_reloads_the_runs() {
    let mut a = with_runs(2);
    assert!(
        update(&mut a, ch('D')).is_empty(),
        "nothing before the answer"
    );
    assert!(
        a.delete.is_none(),
        "the record itself is not offered for deletion"
    );
    assert!(update(&mut a, ch('n')).is_empty());
    assert_eq!(a.notice.as_deref(), Some("Nothing was deleted."));
    update(&mut a, ch('D'));
    let (t, request) = history(&update(&mut a, ch('y')));
    assert_eq!(
        request,
        HistoryRequest::DeleteResult {
            result_id: "result_0".into()
        }
    );
    let (_, request) = history(&answer(&mut a, t, Ok(HistoryAnswer::Deleted)));
    assert_eq!(
        request,
        HistoryRequest::Results,
        "the runs are asked for again"
    );
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Deleted the run"))
    );
}

#[test]
fn a_read_only_profile_refuses_to_delete_a_run() {
    let mut a = with_runs(2);
    a.profile = Some(profile(true, false));
    assert!(update(&mut a, ch('D')).is_empty());
    assert!(!a.asks_result_delete(), "not even asked");
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.contains("Profile prod is read-only"), "{notice}");
    let fx = update(&mut a, ch('y'));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::RecordHistory { .. })),
        "y then deletes nothing: {fx:?}"
    );
}

#[test]
fn a_protected_profile_wants_its_name_before_deleting_a_run() {
    let mut a = with_runs(2);
    a.profile = Some(profile(false, true));
    update(&mut a, ch('D'));
    assert!(
        update(&mut a, ch('y')).is_empty(),
        "held until the name is typed"
    );
    assert!(matches!(a.prompt, Some(Prompt::Confirm(_))));
    type_text(&mut a, "prod");
    let (_, request) = history(&update(&mut a, key(KeyCode::Enter)));
    assert!(matches!(request, HistoryRequest::DeleteResult { .. }));
}

#[test]
fn y_in_the_results_tab_copies_the_runs_id_and_y_elsewhere_the_records() {
    let mut a = with_runs(2);
    update(&mut a, ch('j'));
    let fx = update(&mut a, ch('y'));
    assert_eq!(
        fx,
        [Effect::Copy {
            text: "result_1".into()
        }]
    );
    update(&mut a, ch('5'));
    let fx = update(&mut a, ch('y'));
    assert_eq!(
        fx,
        [Effect::Copy {
            text: "record_0000".into()
        }]
    );
    let fx = update(&mut a, ch('Y'));
    let [Effect::Copy { text }] = fx.as_slice() else {
        panic!("Y copies: {fx:?}");
    };
    assert!(
        text.contains("\"id\": \"record_0000\""),
        "the JSON the Raw tab shows"
    );
}

/// With `back` remapped in the detail view, the steps' texts name the key in force.
#[test]
fn the_steps_name_a_remapped_back_key() {
    let mut a = with_runs(3);
    a.keymap = crate::app::action::Keymap::with_remaps(&[crate::app::action::Remap {
        context: Some("detail".into()),
        action: "back".into(),
        keys: vec!["x".into()],
        line: 1,
    }])
    .expect("valid remap");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, ch('D'));
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("x goes back to the runs"), "{notice}");
}
