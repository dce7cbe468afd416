//! Keys in the filter builder: moving through a list, typing to narrow it, `Enter` to take a
//! row (or apply, at the end), `Esc` to go back a step.

use super::term::{Arity, BUILT_INS, Kind, is_days};
use super::{Builder, Choice, Picked, Step, term_of};
use crate::app::action::Action;
use crate::app::command;
use crate::app::{App, Effect};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl Builder {
    /// Steps where letters are typed; elsewhere `j`/`k` move.
    fn types_text(&self) -> bool {
        matches!(self.step, Step::Type | Step::Field | Step::Value)
    }
}

impl App {
    pub(in crate::app) fn on_builder_key(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
    ) -> Vec<Effect> {
        if let Some(held) = self.builder.as_deref_mut().and_then(|b| b.held.as_mut())
            && !matches!(action, Some(Action::Back | Action::Interrupt))
        {
            held.push(key);
            return Vec::new();
        }
        if let Some(b) = self.builder.as_deref_mut() {
            b.held = None;
        }
        match action {
            Some(Action::Interrupt) => self.interrupt(),
            Some(Action::Help) => self.show_help(),
            Some(Action::Back) => self.builder_back(),
            Some(Action::Apply) => self.builder_enter(),
            Some(Action::Complete) => self.builder_add_value(),
            Some(Action::Up) => self.builder_move(false),
            Some(Action::Down) => self.builder_move(true),
            _ => self.builder_plain_key(key),
        }
    }

    pub(in crate::app) fn builder_paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(b) = self.builder.as_deref_mut().filter(|b| b.types_text()) {
            // A copied line often ends in a newline; inside, line breaks become spaces.
            let one_line = text
                .trim_end_matches(['\n', '\r'])
                .replace(['\n', '\r'], " ");
            b.typed.push_str(&one_line);
        }
        self.builder_reselect();
        self.builder_count_soon()
    }

    fn builder_plain_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Vec::new();
        }
        match (key.code, b.types_text()) {
            (KeyCode::Up, _) => self.builder_move(false),
            (KeyCode::Down, _) => self.builder_move(true),
            (KeyCode::Backspace, true) => {
                b.typed.pop();
                self.builder_reselect();
                self.builder_count_soon()
            }
            (KeyCode::Char(c), true) => {
                b.typed.push(c);
                b.hint = None;
                self.builder_reselect();
                self.builder_count_soon()
            }
            (KeyCode::Char('j'), false) => self.builder_move(true),
            (KeyCode::Char('k'), false) => self.builder_move(false),
            (KeyCode::Char('a' | '+'), false) if b.step == Step::Review => {
                b.go(Step::Field);
                self.builder_reselect();
                Vec::new()
            }
            (KeyCode::Backspace, false) if b.step == Step::Review => self.builder_drop_last(),
            _ => Vec::new(),
        }
    }

    /// Highlights the first row after the list changed (none when the list is empty).
    fn builder_reselect(&mut self) {
        let n = self.builder_choices().len();
        if let Some(b) = self.builder.as_deref_mut() {
            b.selected = (n > 0).then_some(0);
        }
    }

    /// In lists with typing, moving past either end leaves no row highlighted, so `Enter`
    /// takes the typed text as it is.
    fn builder_move(&mut self, down: bool) -> Vec<Effect> {
        let n = self.builder_choices().len();
        let Some(b) = self.builder.as_deref_mut().filter(|_| n > 0) else {
            return Vec::new();
        };
        let none_too = b.types_text();
        b.selected = match (b.selected, down) {
            (None, true) => Some(0),
            (None, false) => Some(n - 1),
            (Some(i), true) if i + 1 < n => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            (Some(_), true) => (!none_too).then_some(0),
            (Some(_), false) => (!none_too).then_some(n - 1),
        };
        self.builder_count_soon()
    }

    /// The highlighted row, else the typed text.
    pub(super) fn builder_chosen(&self) -> Option<Choice> {
        let b = self.builder.as_deref()?;
        let choices = self.builder_choices();
        if let Some(c) = b.selected.and_then(|i| choices.get(i)) {
            return Some(c.clone());
        }
        (!b.typed.is_empty()).then(|| super::plain(b.typed.clone()))
    }

    fn builder_enter(&mut self) -> Vec<Effect> {
        let Some(step) = self.builder.as_deref().map(|b| b.step) else {
            return Vec::new();
        };
        if let Some(b) = self.builder.as_deref_mut()
            && step == Step::Field
            && b.fields.is_loading()
        {
            b.held = Some(Vec::new());
            b.hint = Some("picking once the fields are here…".into());
            return Vec::new();
        }
        let chosen = self.builder_chosen();
        match step {
            Step::Type => self.builder_take_type(chosen),
            Step::Field => self.builder_take_field(chosen),
            Step::Operator => self.builder_take_operator(),
            Step::Value => self.builder_take_value(chosen, true),
            Step::Review => self.builder_apply(),
        }
    }

    /// The fields arrived after an early `Enter`: it picks the first match of what was
    /// typed, then the keys typed after it apply in order.
    pub(super) fn builder_release(&mut self, held: Vec<KeyEvent>) -> Vec<Effect> {
        if let Some(b) = self.builder.as_deref_mut() {
            b.hint = None;
        }
        self.builder_reselect();
        let mut effects = self.builder_enter();
        for key in held {
            effects.extend(self.on_key(key));
        }
        effects
    }

    fn builder_hint(&mut self, hint: &str) -> Vec<Effect> {
        if let Some(b) = self.builder.as_deref_mut() {
            b.hint = Some(hint.to_owned());
        }
        Vec::new()
    }

    fn builder_take_type(&mut self, chosen: Option<Choice>) -> Vec<Effect> {
        let Some(chosen) = chosen else {
            return self.builder_hint("pick a type, or type its name");
        };
        let in_effect = self.list.filter.record_type.clone();
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        b.own_type = in_effect.as_ref() != Some(&chosen.text);
        b.record_type = Some(chosen.text);
        b.go(Step::Field);
        self.builder_reselect();
        let mut effects = self.builder_load_fields();
        effects.extend(self.builder_refresh_count());
        effects
    }

    fn builder_take_field(&mut self, chosen: Option<Choice>) -> Vec<Effect> {
        let Some(chosen) = chosen else {
            return self.builder_hint("pick a field, or type a metadata key");
        };
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let built_in = BUILT_INS
            .iter()
            .find(|(n, _)| chosen.built_in && *n == chosen.text);
        let kind = match built_in {
            Some((_, Kind::RecordType)) => {
                b.go(Step::Type);
                self.builder_reselect();
                return Vec::new();
            }
            Some((_, kind)) => *kind,
            None => b.fields.loaded().map_or(Kind::Text, |r| {
                let info = r.fields.iter().find(|f| f.name == chosen.text);
                info.map_or(Kind::Text, |f| Kind::of_types(&f.types))
            }),
        };
        b.field = Some(Picked {
            name: chosen.text,
            built_in: built_in.is_some(),
            kind,
        });
        b.go(Step::Operator);
        Vec::new()
    }

    fn builder_take_operator(&mut self) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let ops = b.field.as_ref().map_or(&[][..], |f| f.kind.operators());
        let Some(op) = b.selected.and_then(|i| ops.get(i)).copied() else {
            return Vec::new();
        };
        b.op = Some(op);
        b.values.clear();
        if op.arity() == Arity::None {
            return self.builder_finish_term();
        }
        b.go(Step::Value);
        let mut effects = self.builder_load_values();
        self.builder_reselect();
        effects.extend(self.builder_count_soon());
        effects
    }

    /// Tab in a set (`in`, `not in`): adds the value and goes on picking.
    fn builder_add_value(&mut self) -> Vec<Effect> {
        let many = self
            .builder
            .as_deref()
            .and_then(|b| b.op)
            .map(|o| o.arity());
        if many != Some(Arity::Many) {
            return Vec::new();
        }
        let chosen = self.builder_chosen();
        self.builder_take_value(chosen, false)
    }

    /// Takes a value; `done`: the term ends here if it has what it needs.
    fn builder_take_value(&mut self, chosen: Option<Choice>, done: bool) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let arity = b.op.map_or(Arity::None, |o| o.arity());
        let Some(value) = chosen.map(|c| c.text) else {
            if arity == Arity::Many && done && !b.values.is_empty() {
                return self.builder_finish_term();
            }
            return self.builder_hint("pick a value, or type one");
        };
        if arity == Arity::Days && !is_days(&value) {
            return self.builder_hint("days are a whole number, e.g. 7");
        }
        b.values.push(value);
        let complete = match arity {
            Arity::Many => done,
            Arity::Two => b.values.len() == 2,
            _ => true,
        };
        if complete {
            return self.builder_finish_term();
        }
        b.go(Step::Value);
        self.builder_reselect();
        // The line now holds the value just taken: the count shown was for the line before.
        self.builder_count_soon()
    }

    fn builder_finish_term(&mut self) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let (Some(field), Some(op)) = (b.field.take(), b.op.take()) else {
            return Vec::new();
        };
        b.terms
            .push(term_of(&field, op, std::mem::take(&mut b.values)));
        b.go(Step::Review);
        b.selected = None;
        self.builder_refresh_count()
    }

    fn builder_drop_last(&mut self) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        b.terms.pop();
        if b.terms.is_empty() {
            b.go(Step::Field);
            self.builder_reselect();
        }
        self.builder_refresh_count()
    }

    /// Esc: one step back; from the first step (or the finished terms) it closes, and
    /// nothing has changed.
    fn builder_back(&mut self) -> Vec<Effect> {
        let in_effect = self.list.filter.record_type.is_some();
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        match b.step {
            Step::Type if b.record_type.is_some() => b.go(Step::Field),
            Step::Field if !b.terms.is_empty() => {
                b.go(Step::Review);
                b.selected = None;
            }
            // The type was picked first, here: back to picking it.
            Step::Field if b.own_type && !in_effect => {
                b.record_type = None;
                b.own_type = false;
                b.go(Step::Type);
                self.builder_reselect();
                return self.builder_refresh_count();
            }
            Step::Operator => {
                b.field = None;
                b.go(Step::Field);
            }
            Step::Value => {
                let ops = b.field.as_ref().map_or(&[][..], |f| f.kind.operators());
                b.selected = ops.iter().position(|o| Some(*o) == b.op);
                b.op = None;
                b.values.clear();
                b.step = Step::Operator;
                b.typed.clear();
                // The count goes back to the finished terms.
                return self.builder_refresh_count();
            }
            Step::Type | Step::Field | Step::Review => {
                self.builder = None;
                return Vec::new();
            }
        }
        self.builder_reselect();
        Vec::new()
    }

    /// Runs the line as `:filter LINE` would, and keeps it in the `:` history.
    fn builder_apply(&mut self) -> Vec<Effect> {
        let Some(b) = self.builder.as_deref() else {
            return Vec::new();
        };
        let line = format!("filter {}", b.line());
        match command::parse(&line) {
            Ok(Some(cmd)) => {
                self.builder = None;
                let mut effects = vec![self.remember(&line)];
                effects.extend(self.run_command(cmd));
                effects
            }
            Ok(None) => Vec::new(),
            Err(e) => self.builder_hint(&e.message),
        }
    }
}
