//! The queue is the whole filtered list, not only the rows loaded when triage started:
//! as the queue nears its end the list's next page is fetched and its rows join the queue.

use super::{AHEAD, Item, State, Triage};
use crate::app::row::Row;
use crate::app::{App, Effect};

impl Triage {
    /// Rows of the list not queued before go to the end of the queue; true if any did.
    pub fn extend(&mut self, rows: impl Iterator<Item = Row>) -> bool {
        let before = self.items.len();
        for summary in rows {
            if self.known.insert(summary.id.to_string()) {
                self.items.push(Item {
                    summary,
                    record: None,
                    loading: None,
                    load_error: None,
                    merges: 0,
                    state: State::Waiting,
                });
            }
        }
        if self.at == before && self.items.len() > before {
            // The queue had run out: the first new ticket is now the current one.
            self.shown = false;
        }
        self.items.len() > before
    }

    /// Close enough to the end of what is queued to want the next page now.
    fn near_end(&self) -> bool {
        self.items.len().saturating_sub(self.at) <= AHEAD + 1
    }
}

impl App {
    /// Asks the list for its next page when the open queue nears its end.
    pub(in crate::app) fn triage_wants_more(&mut self) -> Option<Effect> {
        let t = self.triage.as_mut().filter(|t| !t.closed)?;
        // Rows narrowed by `f` are what is queued: further pages are not searched.
        t.more = self.list.has_more && self.list.local.is_none();
        t.total = self.list.total;
        let wanted = t.near_end() && t.more;
        if !wanted || self.list.load.is_loading() {
            return None;
        }
        self.next_page()
    }

    /// A page arrived while triage is open: its new rows join the queue, and the queue
    /// fetches ahead (and asks for more) from where it stands.
    pub(in crate::app) fn triage_page_arrived(&mut self) -> Vec<Effect> {
        let rows: Vec<Row> = (0..self.list.len())
            .filter_map(|i| self.list.row(i).cloned())
            .collect();
        let has_more = self.list.has_more && self.list.local.is_none();
        let total = self.list.total;
        let Some(t) = self.triage.as_mut().filter(|t| !t.closed) else {
            return Vec::new();
        };
        t.more = has_more;
        t.total = total;
        if !t.extend(rows.into_iter()) {
            return Vec::new();
        }
        self.triage_fetch()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer_fetches, drawn};
    use crate::app::tests::{ch, loaded_with, page};
    use crate::app::{App, Effect, Msg, update};

    fn skip(a: &mut App) -> Vec<Effect> {
        let fx = update(a, ch('s'));
        let more = answer_fetches(a, &fx);
        drawn(a);
        fx.into_iter().chain(more).collect()
    }

    fn page_load(fx: &[Effect]) -> Option<crate::app::Ticket> {
        fx.iter().find_map(|e| match e {
            Effect::LoadPage { ticket, .. } => Some(*ticket),
            _ => None,
        })
    }

    /// 40 rows loaded of a longer list: working towards the end of the queue fetches the
    /// next page, whose rows join the queue; the progress says more are coming.
    #[test]
    fn the_queue_grows_with_the_next_page_as_it_nears_its_end() {
        let (mut a, _) = loaded_with(Some("c1"));
        let fx = update(&mut a, ch('T'));
        assert!(page_load(&fx).is_none(), "the queue is long enough yet");
        answer_fetches(&mut a, &fx);
        drawn(&mut a);
        let progress = a.triage.as_ref().map(|t| t.progress()).unwrap_or_default();
        assert!(
            progress.ends_with("left 500"),
            "the server's total: {progress}"
        );
        if let Some(t) = a.triage.as_mut() {
            t.total = None;
        }
        let progress = a.triage.as_ref().map(|t| t.progress()).unwrap_or_default();
        assert!(progress.ends_with("left 40+"), "no total: {progress}");
        let mut asked = None;
        for _ in 0..36 {
            asked = asked.or(page_load(&skip(&mut a)));
        }
        let ticket = asked.expect("the next page was asked for near the end");
        let next = Msg::PageLoaded {
            ticket,
            result: Ok(page(40..80, None)),
        };
        let fx = update(&mut a, next);
        answer_fetches(&mut a, &fx);
        let t = a.triage.as_ref().expect("triage");
        assert_eq!(t.items.len(), 80);
        assert_eq!(t.items[40].summary.id.to_string(), "record_0040");
        assert!(t.progress().ends_with("left 44"), "{}", t.progress());
        assert!(!t.progress().contains('+'), "the list is all loaded");
    }

    /// A queue worked to its end picks up the next page's first ticket as current; ids
    /// queued before are never queued twice.
    #[test]
    fn a_finished_queue_continues_and_known_ids_are_not_queued_again() {
        let (mut a, _) = loaded_with(Some("c1"));
        let fx = update(&mut a, ch('T'));
        answer_fetches(&mut a, &fx);
        drawn(&mut a);
        let t = a.triage.as_mut().expect("triage");
        let rows: Vec<_> = t.items.iter().map(|i| i.summary.clone()).collect();
        t.at = t.items.len();
        assert!(!t.extend(rows.into_iter()), "nothing new");
        let more = page(40..42, None).rows;
        assert!(t.extend(more.into_iter()));
        assert_eq!(
            t.current().map(|i| i.summary.id.to_string()),
            Some("record_0040".into())
        );
        assert!(
            !t.shown,
            "the new current ticket is shown before keys act on it"
        );
    }
}

#[cfg(test)]
mod merge_tests {
    use super::super::State;
    use super::super::tests::{saves, triaging};
    use crate::app::tests::{ch, record};
    use crate::app::{Msg, SaveError, update};
    use serde_json::json;

    /// A ticket somebody keeps saving while the action is sent: merged and re-sent up to
    /// MAX_MERGES times, then shown as failed instead of being retried for ever.
    #[test]
    fn merges_after_conflicts_stop_after_a_few_rounds() {
        let mut a = triaging();
        let (mut ticket, ..) = saves(&update(&mut a, ch('3'))).remove(0);
        for round in 1..=super::super::MAX_MERGES + 1 {
            let mut theirs = record(0);
            theirs.metadata.insert("seats".into(), json!(100 + round));
            theirs.updated_at = format!("2026-11-2{round}T00:00:00.000Z");
            let conflict = Msg::Saved {
                ticket,
                id: "record_0000".into(),
                result: Err(SaveError::Conflict {
                    theirs: Box::new(theirs),
                }),
            };
            let sent = saves(&update(&mut a, conflict));
            if round <= super::super::MAX_MERGES {
                assert_eq!(sent.len(), 1, "round {round}: merged and sent again");
                ticket = sent[0].0;
            } else {
                assert!(sent.is_empty(), "round {round}: no more re-sends");
            }
        }
        let t = a.triage.as_ref().expect("triage");
        assert!(
            matches!(&t.items[0].state, State::Failed { why, .. } if why.contains("somebody else")),
            "{:?}",
            t.items[0].state
        );
    }
}

#[cfg(test)]
mod counting_tests {
    use super::super::tests::{answer_fetches, drawn, saves, triaging};
    use crate::app::tests::{ch, key, record};
    use crate::app::{App, Effect, Msg, update};
    use crossterm::event::KeyCode;

    fn progress(a: &App) -> String {
        a.triage.as_ref().map(|t| t.progress()).unwrap_or_default()
    }

    fn go(a: &mut App, msg: Msg) -> Vec<Effect> {
        let fx = update(a, msg);
        let more = answer_fetches(a, &fx);
        drawn(a);
        fx.into_iter().chain(more).collect()
    }

    /// Going back with `k` to a skipped ticket and skipping or acting on it again counts it
    /// once: the totals always add up to the queue.
    #[test]
    fn a_ticket_is_counted_once_however_often_it_is_visited() {
        let mut a = triaging();
        go(&mut a, ch('s'));
        go(&mut a, ch('s'));
        assert!(
            progress(&a).starts_with("done 0 · skipped 2 · left 38"),
            "{}",
            progress(&a)
        );
        go(&mut a, ch('k'));
        go(&mut a, ch('s'));
        assert!(
            progress(&a).starts_with("done 0 · skipped 2"),
            "{}",
            progress(&a)
        );
        go(&mut a, ch('k'));
        go(&mut a, key(KeyCode::Up));
        let fx = go(&mut a, ch('3'));
        let (ticket, id, ..) = saves(&fx).remove(0);
        assert_eq!(id, "record_0000");
        let mut solved = record(0);
        solved
            .metadata
            .insert("status".into(), serde_json::json!("solved"));
        solved.updated_at = "2026-11-25T00:00:00.000Z".into();
        update(
            &mut a,
            Msg::Saved {
                ticket,
                id,
                result: Ok(solved),
            },
        );
        assert!(
            progress(&a).starts_with("done 1 · skipped 1 · left 38"),
            "{}",
            progress(&a)
        );
    }
}
