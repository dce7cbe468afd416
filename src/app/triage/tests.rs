//! Scripted triage flows: keys and answers in, queue state and requests out.

use super::State;
use crate::api::{ApiError, Record, RecordUpdate};
use crate::app::tests::{ch, key, loaded, record};
use crate::app::{App, Context, Effect, Msg, SaveError, Ticket, update};
use crossterm::event::KeyCode;
use serde_json::json;

/// Answers every prefetch among `fx` with the record as the test data has it.
pub(super) fn answer_fetches(a: &mut App, fx: &[Effect]) -> Vec<Effect> {
    let mut out = Vec::new();
    for e in fx {
        if let Effect::PrefetchRecord { ticket, id } = e {
            let n: usize = id.trim_start_matches("record_").parse().expect("test id");
            out.extend(update(
                a,
                Msg::RecordLoaded {
                    ticket: *ticket,
                    result: Ok(record(n)),
                },
            ));
        }
    }
    out
}

/// What the runtime does after each frame while triage waits for its ticket to be seen.
pub(super) fn drawn(a: &mut App) -> Vec<Effect> {
    let mut out = Vec::new();
    while a.awaits_frame() {
        out.extend(update(a, Msg::Drawn));
    }
    out
}

/// Triage started on the 40 loaded records, the first tickets fetched and shown.
pub(super) fn triaging() -> App {
    let mut a = loaded();
    let fx = update(&mut a, ch('T'));
    let ids: Vec<&str> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::PrefetchRecord { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        ids,
        ["record_0000", "record_0001", "record_0002", "record_0003"],
        "the current ticket and three ahead"
    );
    assert_eq!(a.context(), Context::Triage);
    answer_fetches(&mut a, &fx);
    drawn(&mut a);
    a
}

pub(super) fn saves(fx: &[Effect]) -> Vec<(Ticket, String, String, RecordUpdate)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SaveRecord {
                ticket,
                id,
                base_updated_at,
                update,
            } => Some((*ticket, id.clone(), base_updated_at.clone(), update.clone())),
            _ => None,
        })
        .collect()
}

fn status_of(update: &RecordUpdate) -> serde_json::Value {
    update
        .metadata
        .as_ref()
        .and_then(|m| m.get("status").cloned())
        .unwrap_or_default()
}

fn with_status(mut r: Record, status: &str, updated_at: &str) -> Record {
    r.metadata.insert("status".into(), json!(status));
    r.updated_at = updated_at.into();
    r
}

fn current_id(a: &App) -> String {
    a.triage
        .as_ref()
        .and_then(|t| t.current())
        .map(|i| i.summary.id.to_string())
        .unwrap_or_default()
}

#[test]
fn an_action_sends_one_checked_put_and_the_next_ticket_shows_at_once() {
    let mut a = triaging();
    let fx = update(&mut a, ch('3'));
    let sent = saves(&fx);
    assert_eq!(sent.len(), 1, "{fx:?}");
    let (_, id, base, put) = &sent[0];
    assert_eq!(id, "record_0000");
    assert_eq!(
        base, "2026-11-20T00:00:00.000Z",
        "checked against the shown version"
    );
    assert_eq!(status_of(put), json!("solved"));
    assert_eq!(
        put.metadata.as_ref().map(|m| m.len()),
        Some(3),
        "the whole metadata goes"
    );
    assert_eq!(current_id(&a), "record_0001");
    assert!(
        a.awaits_frame(),
        "already fetched: only the frame is missing"
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::PrefetchRecord { id, .. } if id == "record_0004")),
        "one more fetched ahead"
    );
}

#[test]
fn a_key_never_acts_on_a_ticket_not_yet_drawn() {
    let mut a = triaging();
    update(&mut a, ch('3'));
    let fx = update(&mut a, ch('2'));
    assert!(saves(&fx).is_empty(), "ticket 1 is not on screen yet");
    let fx = drawn(&mut a);
    let sent = saves(&fx);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, "record_0001");
    assert_eq!(status_of(&sent[0].3), json!("pending"));
}

#[test]
fn landed_actions_count_and_tickets_that_left_the_filter_leave_the_queue() {
    let mut a = triaging();
    let (ticket, ..) = saves(&update(&mut a, ch('3'))).remove(0);
    let saved = with_status(record(0), "solved", "2026-11-21T00:00:00.000Z");
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    let Some(Effect::CheckMatch { ticket: check, .. }) = fx.first() else {
        panic!("asks whether it still matches: {fx:?}");
    };
    let t = a.triage.as_ref().expect("triage");
    assert!(
        t.progress().starts_with("done 1 · skipped 0 · left 39"),
        "{}",
        t.progress()
    );
    update(
        &mut a,
        Msg::Matched {
            ticket: *check,
            id: "record_0000".into(),
            result: Ok(false),
        },
    );
    let t = a.triage.as_ref().expect("triage");
    assert_eq!(t.items.len(), 39);
    assert_eq!(
        current_id(&a),
        "record_0001",
        "the current ticket stays current"
    );
}

#[test]
fn a_conflict_is_merged_like_the_form_and_sent_again_or_shown_on_the_ticket() {
    let mut a = triaging();
    let (ticket, ..) = saves(&update(&mut a, ch('3'))).remove(0);
    let mut theirs = record(0);
    theirs.metadata.insert("seats".into(), json!(12));
    theirs.updated_at = "2026-11-22T00:00:00.000Z".into();
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(SaveError::Conflict {
                theirs: Box::new(theirs),
            }),
        },
    );
    let sent = saves(&fx);
    assert_eq!(
        sent.len(),
        1,
        "their seats and my status: no field both changed"
    );
    let (again, _, base, put) = sent[0].clone();
    assert_eq!(base, "2026-11-22T00:00:00.000Z");
    assert_eq!(status_of(&put), json!("solved"));
    assert_eq!(
        put.metadata.as_ref().and_then(|m| m.get("seats")),
        Some(&json!(12))
    );

    let theirs = with_status(record(0), "pending", "2026-11-23T00:00:00.000Z");
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket: again,
            id: "record_0000".into(),
            result: Err(SaveError::Conflict {
                theirs: Box::new(theirs),
            }),
        },
    );
    assert!(
        saves(&fx).is_empty(),
        "both changed status: nothing is sent"
    );
    let t = a.triage.as_ref().expect("triage");
    assert!(
        matches!(&t.items[0].state, State::Failed { why, .. } if why.contains("pending")),
        "{:?}",
        t.items[0].state
    );
    assert!(t.progress().contains("failed 1"), "{}", t.progress());
}

#[test]
fn a_failed_action_stays_on_its_ticket_and_can_be_tried_again() {
    let mut a = triaging();
    let (ticket, ..) = saves(&update(&mut a, ch('1'))).remove(0);
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(SaveError::Api(ApiError::Transport {
                detail: "connection reset".into(),
            })),
        },
    );
    let t = a.triage.as_ref().expect("triage");
    assert!(
        matches!(&t.items[0].state, State::Failed { why, .. } if why.contains("connection reset"))
    );
    update(&mut a, ch('k'));
    assert_eq!(current_id(&a), "record_0000");
    drawn(&mut a);
    let sent = saves(&update(&mut a, ch('1')));
    assert_eq!(sent.len(), 1, "tried again");
    assert_eq!(sent[0].1, "record_0000");
}

#[test]
fn undo_puts_the_before_state_back_with_the_conflict_check() {
    let mut a = triaging();
    let (ticket, ..) = saves(&update(&mut a, ch('3'))).remove(0);
    drawn(&mut a);
    // Pressed while the action is still on its way: it follows once the action lands.
    assert!(saves(&update(&mut a, ch('u'))).is_empty());
    let saved = with_status(record(0), "solved", "2026-11-21T00:00:00.000Z");
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    let sent = saves(&fx);
    assert_eq!(sent.len(), 1, "{fx:?}");
    let (undo, id, base, put) = sent[0].clone();
    assert_eq!(id, "record_0000");
    assert_eq!(
        base, "2026-11-21T00:00:00.000Z",
        "checked against what the action left"
    );
    assert_eq!(status_of(&put), json!("open"));
    assert_eq!(current_id(&a), "record_0000", "the ticket is current again");
    let back = with_status(record(0), "open", "2026-11-22T00:00:00.000Z");
    update(
        &mut a,
        Msg::Saved {
            ticket: undo,
            id,
            result: Ok(back),
        },
    );
    let t = a.triage.as_ref().expect("triage");
    assert!(t.progress().starts_with("done 0"), "{}", t.progress());
    assert!(matches!(t.items[0].state, State::Waiting));
}

#[test]
fn skip_assign_without_me_and_leaving() {
    let mut a = triaging();
    update(&mut a, ch('s'));
    assert_eq!(current_id(&a), "record_0001");
    drawn(&mut a);
    let fx = update(&mut a, ch('a'));
    assert!(saves(&fx).is_empty());
    assert!(
        a.notice.as_deref().is_some_and(|n| n.contains("me = ")),
        "{:?}",
        a.notice
    );
    a.triage_keys.me = Some("olga".into());
    let sent = saves(&update(&mut a, ch('a')));
    assert_eq!(
        sent[0].3.metadata.as_ref().and_then(|m| m.get("assignee")),
        Some(&json!("olga"))
    );
    let fx = update(&mut a, key(KeyCode::Esc));
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadPage { .. })),
        "the list reloads"
    );
    assert_eq!(a.context(), Context::List);
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("skipped 1")));
    // The action still on its way reports after the screen is gone.
    update(
        &mut a,
        Msg::Saved {
            ticket: sent[0].0,
            id: sent[0].1.clone(),
            result: Err(SaveError::Api(ApiError::Transport {
                detail: "timed out".into(),
            })),
        },
    );
    assert!(
        a.notice.as_deref().is_some_and(|n| n.contains("not saved")),
        "{:?}",
        a.notice
    );
    assert!(a.triage.is_none(), "nothing left in flight");
}

#[test]
fn the_priority_key_cycles() {
    let mut a = triaging();
    let sent = saves(&update(&mut a, ch('p')));
    assert_eq!(
        sent[0].3.metadata.as_ref().and_then(|m| m.get("priority")),
        Some(&json!("low")),
        "no priority yet: the first value"
    );
}

#[test]
fn the_match_check_keeps_the_filter_and_adds_the_id() {
    let mut a = triaging();
    let t = a.triage.as_mut().expect("triage");
    t.filters.record_filter = Some(crate::api::RecordFilter::of_type("ticket").with_where(
        crate::api::Condition::new("status", crate::api::Op::Eq, "open"),
    ));
    let q = t.match_query(&record(0)).expect("query");
    let sent = q.filters.record_filter.expect("filter").to_query_value();
    assert!(
        sent.contains(r#""field":"id""#) && sent.contains(r#""field":"status""#),
        "{sent}"
    );
    assert_eq!(q.limit, Some(1));
}

#[test]
fn undo_brings_back_a_ticket_that_left_the_queue() {
    let mut a = triaging();
    let (ticket, ..) = saves(&update(&mut a, ch('3'))).remove(0);
    let saved = with_status(record(0), "solved", "2026-11-21T00:00:00.000Z");
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    let Some(Effect::CheckMatch { ticket: check, .. }) = fx.first() else {
        panic!("a match check: {fx:?}");
    };
    update(
        &mut a,
        Msg::Matched {
            ticket: *check,
            id: "record_0000".into(),
            result: Ok(false),
        },
    );
    assert!(
        a.triage
            .as_ref()
            .and_then(|t| t.index_of("record_0000"))
            .is_none()
    );
    let sent = saves(&update(&mut a, ch('u')));
    assert_eq!(sent.len(), 1);
    assert_eq!(status_of(&sent[0].3), json!("open"));
    assert_eq!(current_id(&a), "record_0000", "back, and current");
}
