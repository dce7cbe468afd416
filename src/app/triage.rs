//! Triage mode: the filtered list as a queue worked one ticket at a time with one-key actions,
//! each a conflict-checked PUT, the next ticket fetched ahead so a key never waits.

mod flow;
pub mod keys;
mod more;
mod results;

use super::Ticket;
use super::form::Form;
use super::row::Row;
use super::set_expr::Assignment;
use crate::api::{Condition, ListQuery, Op, Record, RecordFilter, RecordFilters, Where};
use crate::api::{Group, Node, SubGroup};
use crossterm::event::KeyEvent;
pub use keys::Keymap;

/// A ticket saved by somebody else this many times while one action was being sent stops
/// being merged and re-sent: it is shown as failed for the user to look at.
pub const MAX_MERGES: u8 = 3;

/// Tickets fetched ahead of the current one, so the next shows at once after a key.
pub const AHEAD: usize = 3;

/// Where one ticket of the queue stands.
#[derive(Debug, Clone)]
pub enum State {
    Waiting,
    Skipped,
    /// An action (or its undo) is on its way; `form` is what it sends, kept for the merge
    /// should somebody else have saved the ticket meanwhile.
    Sending {
        ticket: Ticket,
        what: String,
        form: Box<Form>,
        undo: bool,
    },
    Done {
        what: String,
    },
    /// The action did not land; shown on the ticket until it is acted on again.
    Failed {
        what: String,
        why: String,
    },
}

/// One ticket of the queue.
#[derive(Debug, Clone)]
pub struct Item {
    pub summary: Row,
    /// The full record once fetched: what is shown, and what an action starts from.
    pub record: Option<Record>,
    /// The fetch in flight, if any.
    pub loading: Option<Ticket>,
    /// Why the fetch failed, if it did.
    pub load_error: Option<String>,
    pub state: State,
    /// Times the action in flight met somebody else's save and was merged and sent again.
    pub merges: u8,
}

/// The last action that landed, for `u`.
#[derive(Debug, Clone)]
pub struct Last {
    pub id: String,
    /// The ticket before the action (its values of `keys` are put back).
    pub before: Record,
    pub keys: Vec<String>,
    pub what: String,
    /// The ticket as the action left it, once it landed: a ticket that then left the queue
    /// comes back from this for its undo.
    pub after: Option<Record>,
    /// `u` was pressed while the action was still on its way: undo once it lands.
    pub undo_when_landed: bool,
}

#[derive(Debug, Clone)]
pub struct Triage {
    pub items: Vec<Item>,
    /// The current ticket; `items.len()` once the queue is worked through.
    pub at: usize,
    /// The current ticket has been drawn: keys may act on it.
    pub shown: bool,
    /// Keys typed before the current ticket was shown, applied once it is.
    pub held: Vec<KeyEvent>,
    pub done: usize,
    pub skipped: usize,
    pub last: Option<Last>,
    /// The list's filters, to ask whether a ticket still matches after an action.
    pub filters: RecordFilters,
    /// The filter as typed, for the title.
    pub describe: String,
    /// Checks in flight: ticket of the check, id of the ticket checked.
    pub checks: Vec<(Ticket, String)>,
    /// Esc was pressed: the screen is gone, actions in flight still report here.
    pub closed: bool,
    /// Every id ever queued: a ticket that left the queue is not queued again when a
    /// further page of the list arrives.
    pub known: std::collections::HashSet<String>,
    /// The list has further pages: they join the queue as it nears its end.
    pub more: bool,
    /// How many records the filter matches, when the server says.
    pub total: Option<u64>,
}

impl Triage {
    pub fn new(rows: Vec<Row>, filters: RecordFilters, describe: String) -> Self {
        let known = rows.iter().map(|r| r.id.to_string()).collect();
        Self {
            items: rows
                .into_iter()
                .map(|summary| Item {
                    summary,
                    record: None,
                    loading: None,
                    load_error: None,
                    state: State::Waiting,
                    merges: 0,
                })
                .collect(),
            at: 0,
            shown: false,
            held: Vec::new(),
            done: 0,
            skipped: 0,
            last: None,
            filters,
            describe,
            checks: Vec::new(),
            closed: false,
            known,
            more: false,
            total: None,
        }
    }

    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.at)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| &*i.summary.id == id)
    }

    /// True when a result with this ticket belongs to triage.
    pub fn owns(&self, ticket: Ticket) -> bool {
        self.checks.iter().any(|(t, _)| *t == ticket)
            || self.items.iter().any(|i| {
                i.loading == Some(ticket)
                    || matches!(&i.state, State::Sending { ticket: t, .. } if *t == ticket)
            })
    }

    pub fn sending(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.state, State::Sending { .. }))
            .count()
    }

    /// Tickets not yet worked: waiting, or failed (to be tried again).
    pub fn left(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.state, State::Waiting | State::Failed { .. }))
            .count()
    }

    pub fn failed(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.state, State::Failed { .. }))
            .count()
    }

    /// The progress line: done / skipped / left (and what is in flight or failed).
    pub fn progress(&self) -> String {
        // With more pages to come: the server's total says how many, else `+`.
        let left = match (self.more, self.total) {
            (true, Some(total)) => {
                let unseen = usize::try_from(total).unwrap_or(usize::MAX);
                (self.left() + unseen.saturating_sub(self.known.len())).to_string()
            }
            (true, None) => format!("{}+", self.left()),
            (false, _) => self.left().to_string(),
        };
        let mut line = format!(
            "done {} · skipped {} · left {left}",
            self.done, self.skipped
        );
        if self.sending() > 0 {
            line.push_str(&format!(" · sending {}", self.sending()));
        }
        if self.failed() > 0 {
            line.push_str(&format!(" · failed {} (k goes back)", self.failed()));
        }
        line
    }

    /// The ticket after this one still waiting; then, from the top, any waiting or failed
    /// one; else the end of the queue.
    pub fn next_index(&self) -> usize {
        let waiting = |i: &Item| matches!(i.state, State::Waiting);
        let open = |i: &Item| matches!(i.state, State::Waiting | State::Failed { .. });
        let after = self.at + 1;
        self.items
            .iter()
            .skip(after)
            .position(waiting)
            .map(|p| p + after)
            .or_else(|| self.items.iter().position(open))
            .unwrap_or(self.items.len())
    }

    pub fn go_to(&mut self, index: usize) {
        self.at = index.min(self.items.len());
        self.shown = false;
    }

    /// Ids worth fetching now: the current ticket and the few after it, not yet fetched.
    pub fn to_fetch(&self) -> Vec<usize> {
        (self.at..self.items.len())
            .take(AHEAD + 1)
            .filter(|&i| {
                let it = &self.items[i];
                it.record.is_none() && it.loading.is_none()
            })
            .collect()
    }

    /// Puts a ticket that left the queue back where the queue stands, for its undo.
    pub fn bring_back(&mut self, last: &Last) -> Option<usize> {
        let after = last.after.clone()?;
        let at = self.at.min(self.items.len());
        self.items.insert(
            at,
            Item {
                summary: Row::of(&after),
                record: Some(after),
                loading: None,
                load_error: None,
                state: State::Done {
                    what: last.what.clone(),
                },
                merges: 0,
            },
        );
        Some(at)
    }

    /// Removes a ticket that no longer matches; the current one stays current.
    pub fn remove(&mut self, index: usize) {
        if index >= self.items.len() {
            return;
        }
        self.items.remove(index);
        if index < self.at {
            self.at -= 1;
        }
    }

    /// The query that lists this record only if it still matches the filters; `None` when
    /// that cannot be said in one filter (then the ticket stays).
    pub fn match_query(&self, record: &Record) -> Option<ListQuery> {
        let id = Condition::new("id", Op::Eq, record.id.clone());
        let filter = match self.filters.record_filter.clone() {
            None => RecordFilter::of_type(record.record_type.clone()).with_where(id),
            Some(f) => {
                let where_ = and_id(f.where_, id)?;
                RecordFilter {
                    where_: Some(where_),
                    ..f
                }
            }
        };
        Some(ListQuery {
            filters: RecordFilters {
                record_filter: Some(filter),
                ..self.filters.clone()
            },
            limit: Some(1),
            ..ListQuery::default()
        })
    }
}

/// `where AND id = X`, within the two levels the filter language allows.
fn and_id(where_: Option<Where>, id: Condition) -> Option<Where> {
    let id_node = Node::Condition(id);
    Some(Where::Group(match where_ {
        None => Group::all([id_node]),
        Some(Where::Condition(c)) => Group::all([id_node, Node::Condition(c)]),
        Some(Where::Group(g)) if g.op == crate::api::Combinator::And => {
            let mut all = vec![id_node];
            all.extend(g.conditions);
            Group::all(all)
        }
        Some(Where::Group(g)) => {
            let conditions = g
                .conditions
                .into_iter()
                .map(|n| match n {
                    Node::Condition(c) => Some(c),
                    Node::Group(_) => None,
                })
                .collect::<Option<Vec<_>>>()?;
            let any = SubGroup {
                op: g.op,
                conditions,
            };
            Group::all([id_node, Node::Group(any)])
        }
    }))
}

/// The form an action sends: the ticket as shown, with the assignments made.
pub fn plan(record: &Record, changes: &[Assignment]) -> Form {
    let mut form = Form::open(record);
    for a in changes {
        let row = super::form::MetaRow::from_entry(&a.key, &a.value);
        match form.rows.iter().position(|r| r.key.text() == a.key) {
            Some(i) => form.rows[i] = row,
            None => form.rows.push(row),
        }
    }
    form
}

/// The form that puts back `keys` as they were in `before`, on top of `now`.
pub fn plan_undo(now: &Record, before: &Record, keys: &[String]) -> Form {
    let mut form = Form::open(now);
    for key in keys {
        let at = form.rows.iter().position(|r| r.key.text() == *key);
        match (before.metadata.get(key), at) {
            (Some(v), Some(i)) => form.rows[i] = super::form::MetaRow::from_entry(key, v),
            (Some(v), None) => form.rows.push(super::form::MetaRow::from_entry(key, v)),
            (None, Some(i)) => {
                form.rows.remove(i);
            }
            (None, None) => {}
        }
    }
    form
}

#[cfg(test)]
mod tests;
