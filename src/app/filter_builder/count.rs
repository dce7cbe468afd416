//! The builder's match count: `preview-filter` of the line so far, with the value being
//! picked or typed once it stops changing for a moment; an answer to an older line is
//! dropped.

use super::term::{Arity, is_days};
use super::{Builder, Count, Step, term_of};
use crate::api::ApiError;
use crate::app::filter_expr;
use crate::app::{App, Effect, Ticket};
use std::time::Duration;

/// How long a value must stay as typed before its count is asked: one request per pause,
/// not one per key.
pub const COUNT_PAUSE: Duration = Duration::from_millis(250);

impl Builder {
    /// The finished line, plus the term in progress when `value` completes it.
    fn line_with(&self, value: Option<String>) -> String {
        let line = self.line();
        let (Some(field), Some(op), Some(value)) = (self.field.as_ref(), self.op, value) else {
            return line;
        };
        let ready = match op.arity() {
            Arity::Days => is_days(&value),
            Arity::Two => self.values.len() == 1,
            _ => true,
        };
        if self.step != Step::Value || !ready {
            return line;
        }
        let mut values = self.values.clone();
        values.push(value);
        let draft = term_of(field, op, values).spell();
        if line.is_empty() {
            draft
        } else {
            format!("{line} {draft}")
        }
    }
}

impl App {
    /// The line whose count is shown: the finished terms and, while a value is picked, the
    /// term it would make.
    pub fn builder_count_line(&self) -> String {
        let Some(b) = self.builder.as_deref() else {
            return String::new();
        };
        b.line_with(self.builder_chosen().map(|c| c.text))
    }

    /// Asks how many records the line matches; an answer to an older line is dropped.
    pub(super) fn builder_refresh_count(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let line = self.builder_count_line();
        let in_effect = self.list.filter.record_type.clone();
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        b.count_due = None;
        let filter = match filter_expr::parse(&line) {
            Ok(expr) => expr.to_filter(b.record_type.as_deref().or(in_effect.as_deref())),
            Err(e) => {
                b.count = Count::Failed(e.message);
                return Vec::new();
            }
        };
        let Some(filter) = filter else {
            b.count = Count::Unknown;
            b.count_wait = None;
            return Vec::new();
        };
        b.count = Count::Counting;
        b.count_wait = Some(ticket);
        vec![Effect::PreviewFilter { ticket, filter }]
    }

    /// The value changed: its count is asked after a pause, if nothing changes meanwhile.
    pub(super) fn builder_count_soon(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        match self.builder.as_deref_mut() {
            Some(b) if b.step == Step::Value => {
                b.count_due = Some(ticket);
                // What is shown was counted for another line: say so until the new count.
                b.count = Count::Counting;
                vec![Effect::Debounce {
                    ticket,
                    delay: COUNT_PAUSE,
                }]
            }
            _ => Vec::new(),
        }
    }

    pub(in crate::app) fn on_builder_due(&mut self, ticket: Ticket) -> Vec<Effect> {
        match self.builder.as_deref() {
            Some(b) if b.count_due == Some(ticket) => self.builder_refresh_count(),
            _ => Vec::new(),
        }
    }

    pub(in crate::app) fn on_filter_previewed(
        &mut self,
        ticket: Ticket,
        result: Result<u64, ApiError>,
    ) -> Vec<Effect> {
        if let Some(b) = self
            .builder
            .as_deref_mut()
            .filter(|b| b.count_wait == Some(ticket))
        {
            b.count_wait = None;
            b.count = match result {
                Ok(n) => Count::Matches(n),
                Err(e) => Count::Failed(e.to_string()),
            };
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
