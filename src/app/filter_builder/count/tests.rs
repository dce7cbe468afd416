//! Scripted flows of the builder's count: shown, refreshed, stale answers dropped.

use super::super::tests::{answer_values, builder, open, pick, preview, status_open, texts};
use crate::api::filter::{Condition, Op as ApiOp, Where};
use crate::app::filter_builder::Count;
use crate::app::tests::{ch, key, type_text};
use crate::app::{Effect, Msg, Ticket, update};
use crossterm::event::KeyCode;
use serde_json::json;

fn debounce(fx: &[Effect]) -> Ticket {
    let found = fx.iter().find_map(|e| match e {
        Effect::Debounce { ticket, .. } => Some(*ticket),
        _ => None,
    });
    found.unwrap_or_else(|| panic!("no pause in {fx:?}"))
}

#[test]
fn the_count_shows_and_a_stale_answer_is_dropped() {
    let mut a = open();
    let first = preview(&status_open(&mut a)).0;
    assert_eq!(builder(&a).count, Count::Counting);
    update(&mut a, ch('a'));
    let fx = pick(&mut a, "vip", "= true");
    let (second, filter) = preview(&fx);
    assert_eq!(builder(&a).line(), "status=open vip=true");
    assert!(matches!(filter.where_, Some(Where::Group(_))));
    update(
        &mut a,
        Msg::FilterPreviewed {
            ticket: second,
            result: Ok(4),
        },
    );
    assert_eq!(builder(&a).count, Count::Matches(4));
    // The answer for the line without `vip` comes late: it counts something else.
    update(
        &mut a,
        Msg::FilterPreviewed {
            ticket: first,
            result: Ok(30),
        },
    );
    assert_eq!(builder(&a).count, Count::Matches(4));
}

#[test]
fn a_slow_count_does_not_hold_up_typing() {
    let mut a = open();
    status_open(&mut a);
    update(&mut a, ch('a'));
    type_text(&mut a, "prio");
    assert_eq!(builder(&a).count, Count::Counting);
    assert_eq!(texts(&a), ["priority"]);
}

#[test]
fn a_failed_count_is_shown_and_keys_go_on() {
    let mut a = open();
    let (ticket, _) = preview(&status_open(&mut a));
    assert!(a.is_busy(), "the spinner turns while counting");
    let err = crate::api::ApiError::Transport {
        detail: "timed out".into(),
    };
    update(
        &mut a,
        Msg::FilterPreviewed {
            ticket,
            result: Err(err),
        },
    );
    assert!(matches!(&builder(&a).count, Count::Failed(why) if why.contains("timed out")));
    update(&mut a, ch('a'));
    type_text(&mut a, "seat");
    assert_eq!(texts(&a), ["seats"]);
}

#[test]
fn the_value_being_picked_is_counted_once_typing_pauses() {
    let mut a = open();
    let fx = pick(&mut a, "status", "= equals");
    answer_values(&mut a, &fx, &[("open", 30), ("closed", 8)]);
    assert_eq!(
        a.builder_count_line(),
        "status=open",
        "the highlighted value"
    );
    let first = debounce(&update(&mut a, ch('c')));
    let last = debounce(&update(&mut a, ch('l')));
    assert_eq!(builder(&a).count, Count::Counting);
    assert!(
        update(&mut a, Msg::DebounceElapsed { ticket: first }).is_empty(),
        "typed since"
    );
    let fx = update(&mut a, Msg::DebounceElapsed { ticket: last });
    let (_, filter) = preview(&fx);
    let want = Condition::new("status", ApiOp::Eq, json!("closed"));
    assert_eq!(filter.where_, Some(Where::Condition(want)));
    // Back to the operator: the count is of the finished terms again (none: all tickets).
    let (_, filter) = preview(&update(&mut a, key(KeyCode::Esc)));
    assert_eq!(filter.where_, None);
    assert_eq!(
        a.list.filter.search, "",
        "the list's search was not touched"
    );
}
