//! Keys and results of triage mode: acting, skipping, undoing, fetching ahead, and the
//! answers of the saves and of the "does it still match" checks.

use super::keys::{self, KeyAction};
use super::{Last, State, Triage, plan, plan_undo};
use crate::app::action::Action;
use crate::app::form::Form;
use crate::app::remote::Remote;
use crate::app::{App, Detail, Effect, Ticket};
use crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// `T` or `:triage`: the list as it is shown becomes the queue.
    pub(in crate::app) fn start_triage(&mut self) -> Vec<Effect> {
        if self.triage.is_some() {
            self.notice =
                Some("Triage actions are still being sent; try again in a moment.".into());
            return Vec::new();
        }
        let rows: Vec<_> = (0..self.list.len())
            .filter_map(|i| self.list.row(i).cloned())
            .collect();
        if rows.is_empty() {
            self.notice = Some("Nothing to triage: the list is empty.".into());
            return Vec::new();
        }
        let filter = &self.list.filter;
        let describe = filter
            .expr
            .as_ref()
            .map(|e| e.text.clone())
            .or_else(|| filter.record_type.as_ref().map(|t| format!("type={t}")))
            .unwrap_or_else(|| "all loaded records".into());
        let filters = self.list.query(None).filters;
        self.triage = Some(Triage::new(rows, filters, describe));
        self.notice = None;
        self.triage_fetch()
    }

    /// Fetches the current ticket and the few after it (never cancelled by each other).
    pub(super) fn triage_fetch(&mut self) -> Vec<Effect> {
        let wanted = self
            .triage
            .as_ref()
            .map(Triage::to_fetch)
            .unwrap_or_default();
        let mut effects = Vec::new();
        for i in wanted {
            let ticket = self.ticket();
            if let Some(item) = self.triage.as_mut().and_then(|t| t.items.get_mut(i)) {
                item.loading = Some(ticket);
                item.load_error = None;
                let id = item.summary.id.to_string();
                effects.push(Effect::PrefetchRecord { ticket, id });
            }
        }
        effects.extend(self.triage_wants_more());
        effects
    }

    /// True when the current ticket is here but not yet drawn: the runtime says when it is.
    pub fn awaits_frame(&self) -> bool {
        self.triage.as_ref().is_some_and(|t| {
            !t.closed && !t.shown && t.current().is_some_and(|i| i.record.is_some())
        })
    }

    /// The current ticket is on screen: keys typed before it showed now apply to it.
    pub(in crate::app) fn on_drawn(&mut self) -> Vec<Effect> {
        let Some(t) = self.triage.as_mut().filter(|_| self.form.is_none()) else {
            return Vec::new();
        };
        t.shown = true;
        if t.held.is_empty() {
            return Vec::new();
        }
        let key = t.held.remove(0);
        self.on_key(key)
    }

    pub(in crate::app) fn on_triage_key(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
    ) -> Vec<Effect> {
        match action {
            Some(Action::Back) => self.leave_triage(),
            Some(Action::Down) => self.triage_move(1),
            Some(Action::Up) => self.triage_move(-1),
            Some(Action::Help) => {
                self.help = true;
                self.command_help = false;
                Vec::new()
            }
            Some(Action::Interrupt) => self.quit(),
            Some(Action::Undo) if self.hold_write_key(key) => Vec::new(),
            Some(Action::Undo) => self.triage_undo(),
            _ => self.on_ticket_key(action, key),
        }
    }

    /// A key that acts on the current ticket: only once the ticket has been seen.
    fn on_ticket_key(&mut self, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let configured = match key.code {
            KeyCode::Char(c) => self.triage_keys.action(c).cloned(),
            _ => None,
        };
        if action.is_none() && configured.is_none() {
            return Vec::new();
        }
        if t.current().is_none() {
            let back = self.keymap.say(Action::Back, crate::app::Context::Triage);
            self.notice = Some(format!("The queue is done: {back} goes back to the list."));
            return Vec::new();
        }
        if !t.shown {
            t.held.push(key);
            return Vec::new();
        }
        match (action, configured) {
            (Some(Action::Skip), _) => self.triage_skip(),
            (Some(Action::Edit), _) => self.triage_edit(),
            (_, Some(_)) if self.hold_write_key(key) => Vec::new(),
            (_, Some(a)) => self.triage_act(&a),
            _ => Vec::new(),
        }
    }

    fn triage_move(&mut self, delta: isize) -> Vec<Effect> {
        if let Some(t) = self.triage.as_mut() {
            let to = t.at.saturating_add_signed(delta).min(t.items.len());
            t.go_to(to);
            t.held.clear();
        }
        self.triage_fetch()
    }

    fn triage_advance(&mut self) -> Vec<Effect> {
        if let Some(t) = self.triage.as_mut() {
            let next = t.next_index();
            t.go_to(next);
        }
        self.triage_fetch()
    }

    fn triage_skip(&mut self) -> Vec<Effect> {
        if let Some(t) = self.triage.as_mut()
            && let Some(item) = t.items.get_mut(t.at)
            && !matches!(item.state, State::Sending { .. })
        {
            // A ticket is counted once: skipping one already skipped or done again only
            // moves on.
            if matches!(item.state, State::Waiting | State::Failed { .. }) {
                item.state = State::Skipped;
                t.skipped += 1;
            }
        }
        self.triage_advance()
    }

    /// `e`: the full form over the queue; closing it comes back to the same ticket.
    fn triage_edit(&mut self) -> Vec<Effect> {
        // As on the list: a read-only profile does not open a form it could never save.
        if self.refuse_read_only("editing") {
            return Vec::new();
        }
        let Some(item) = self.triage.as_ref().and_then(Triage::current) else {
            return Vec::new();
        };
        let (summary, Some(record)) = (item.summary.clone(), item.record.clone()) else {
            return Vec::new();
        };
        self.detail = Some(Detail {
            id: record.id.clone(),
            summary,
            record: Some(record.clone()),
            load: Remote::Loaded(()),
            scroll: 0,
            hscroll: 0,
            edit_when_loaded: false,
            only_for_edit: true,
            copy_when_loaded: false,
            yank_when_loaded: false,
            typed_ahead: Vec::new(),
            tabs: Default::default(),
        });
        self.open_form(&record)
    }

    /// One action: a PUT of the ticket as shown with the change made, then the next ticket.
    fn triage_act(&mut self, action: &KeyAction) -> Vec<Effect> {
        let change = match self.triage_keys.change(action) {
            Ok(c) => c,
            Err(why) => {
                self.notice = Some(why);
                return Vec::new();
            }
        };
        let ticket = self.ticket();
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let Some(item) = t.items.get_mut(t.at) else {
            return Vec::new();
        };
        let Some(record) = item.record.clone() else {
            return Vec::new();
        };
        if matches!(item.state, State::Sending { .. }) {
            self.notice = Some("This ticket's last action is still on its way.".into());
            return Vec::new();
        }
        let changes = keys::resolve(&change, &record.metadata);
        let what = describe(&changes);
        let form = plan(&record, &changes);
        t.last = Some(Last {
            id: record.id.clone(),
            before: record.clone(),
            keys: changes.iter().map(|a| a.key.clone()).collect(),
            what: what.clone(),
            after: None,
            undo_when_landed: false,
        });
        item.merges = 0;
        // Acting on a ticket skipped or done before moves it out of that count; landing
        // counts it as done once.
        let (was_skipped, was_done) = (
            matches!(item.state, State::Skipped),
            matches!(item.state, State::Done { .. }),
        );
        let mut effects = send(ticket, &mut item.state, what, form, false);
        if was_skipped {
            t.skipped = t.skipped.saturating_sub(1);
        }
        if was_done {
            t.done = t.done.saturating_sub(1);
        }
        effects.extend(self.triage_advance());
        effects
    }

    /// `u`: puts back what the last action changed (with the same conflict check), and the
    /// ticket becomes current again.
    pub(super) fn triage_undo(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        let Some(last) = t.last.clone() else {
            self.notice = Some("Nothing to undo.".into());
            return Vec::new();
        };
        let Some(i) = t.index_of(&last.id).or_else(|| t.bring_back(&last)) else {
            self.notice = Some("Nothing to undo: the action did not land.".into());
            return Vec::new();
        };
        let item = &mut t.items[i];
        let (State::Done { .. }, Some(now)) = (&item.state, item.record.as_ref()) else {
            if matches!(item.state, State::Sending { undo: false, .. }) {
                if let Some(l) = t.last.as_mut() {
                    l.undo_when_landed = true;
                }
                self.notice = Some(format!("Undoing {} once it has landed…", last.what));
            } else {
                self.notice = Some("Nothing to undo: the last action did not land.".into());
            }
            return Vec::new();
        };
        let form = plan_undo(now, &last.before, &last.keys);
        let what = format!("undo {}", last.what);
        item.merges = 0;
        let effects = send(ticket, &mut item.state, what, form, true);
        t.done = t.done.saturating_sub(1);
        t.last = None;
        t.go_to(i);
        t.held.clear();
        effects
    }

    fn leave_triage(&mut self) -> Vec<Effect> {
        let Some(t) = self.triage.as_mut() else {
            return Vec::new();
        };
        t.closed = true;
        t.held.clear();
        let summary = format!("Triage: {}.", t.progress());
        let in_flight = t.sending() > 0;
        if !in_flight {
            self.triage = None;
        }
        self.notice = Some(if in_flight {
            format!("{summary} Actions still on their way report here.")
        } else {
            summary
        });
        // Tickets worked may no longer match the filter: the list shows what now does.
        vec![self.load_first_page()]
    }
}

/// Starts sending `form` and marks the ticket as on its way.
pub(super) fn send(
    ticket: Ticket,
    state: &mut State,
    what: String,
    form: Form,
    undo: bool,
) -> Vec<Effect> {
    let Some(update) = form.update() else {
        *state = State::Failed {
            what,
            why: "the change is not valid for this record".into(),
        };
        return Vec::new();
    };
    let effect = Effect::SaveRecord {
        ticket,
        id: form.id.clone(),
        base_updated_at: form.base.updated_at.clone(),
        update,
    };
    *state = State::Sending {
        ticket,
        what,
        form: Box::new(form),
        undo,
    };
    vec![effect]
}

/// `status=solved assignee=olga`, as shown in the queue.
fn describe(changes: &[crate::app::set_expr::Assignment]) -> String {
    changes
        .iter()
        .map(|a| match &a.value {
            serde_json::Value::String(s) => format!("{}={s}", a.key),
            other => format!("{}={other}", a.key),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
