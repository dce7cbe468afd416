//! The Results tab: the selected run, its step results (`Enter`, `Esc` back), and deleting a
//! run after a y/N question, refused on read-only profiles and confirmed on protected ones.

use super::{HistoryRequest, ResultAsk, Steps, Tab};
use crate::api::ApiError;
use crate::api::ops::{ExecutionResult, StepResult};
use crate::app::remote::Remote;
use crate::app::{Action, App, Context, Effect};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The steps of run `run` among those of its flow; when the server does not say which run a
/// step belongs to, all of the flow's steps are kept rather than none.
pub(super) fn steps_of_run(steps: Vec<StepResult>, run: &str) -> Vec<StepResult> {
    let of_run =
        |s: &StepResult| s.extra.get("executionSessionId").and_then(|v| v.as_str()) == Some(run);
    let mut steps: Vec<StepResult> = if steps.iter().any(of_run) {
        steps.into_iter().filter(of_run).collect()
    } else {
        steps
    };
    // Asked for newest first; shown in the order they ran.
    steps.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    steps
}

/// A run as the delete question names it: short enough for the status line.
fn label_of(r: &ExecutionResult) -> String {
    let flow = r
        .flow_name
        .as_deref()
        .or(r.prompt_name.as_deref())
        .unwrap_or("no flow");
    format!("{} ({}, {flow})", r.id, r.status)
}

impl App {
    /// The run under the cursor of the Results tab (its scroll is the selected row).
    pub fn selected_result(&self) -> Option<&ExecutionResult> {
        let d = self.detail.as_ref()?;
        let runs = &d.tabs.results.loaded()?.data;
        let last = runs.len().checked_sub(1)?;
        runs.get(usize::from(d.scroll).min(last))
    }

    pub(super) fn on_results_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let steps_open = self.detail.as_ref()?.tabs.steps.is_some();
        match (steps_open, action) {
            (true, Action::Refresh) => Some(self.load_steps()),
            (false, Action::Refresh) => Some(self.load_tab(Tab::Results)),
            (false, Action::Open) => Some(self.open_steps()),
            (true, Action::Back) => {
                if let Some(d) = self.detail.as_mut()
                    && let Some(steps) = d.tabs.steps.take()
                {
                    d.scroll = steps.back_to;
                }
                Some(Vec::new())
            }
            (false, Action::Delete) => Some(self.ask_delete_result()),
            (true, Action::Delete) => {
                let (back, delete) = (
                    self.keymap.say(Action::Back, Context::Detail),
                    self.keymap.say(Action::Delete, Context::Detail),
                );
                self.notice = Some(format!(
                    "{back} goes back to the runs; {delete} there deletes one."
                ));
                Some(Vec::new())
            }
            (false, Action::CopyId) => {
                let id = self.selected_result()?.id.clone();
                Some(self.copied(&format!("the result id {id}"), id))
            }
            _ => None,
        }
    }

    fn open_steps(&mut self) -> Vec<Effect> {
        let Some(run) = self.selected_result().cloned() else {
            return Vec::new();
        };
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        d.tabs.steps = Some(Steps {
            result_id: run.id,
            flow_id: run.flow_id,
            flow_name: run.flow_name,
            load: Remote::NotAsked,
            back_to: d.scroll,
        });
        d.scroll = 0;
        self.load_steps()
    }

    fn load_steps(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        let Some(steps) = d.tabs.steps.as_mut() else {
            return Vec::new();
        };
        steps.load = Remote::Loading(ticket);
        vec![Effect::RecordHistory {
            ticket,
            id: d.id.clone(),
            request: HistoryRequest::Steps {
                flow_id: steps.flow_id.clone(),
            },
        }]
    }

    fn ask_delete_result(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("deleting a result") {
            return Vec::new();
        }
        let Some(run) = self.selected_result() else {
            self.notice = Some("No run to delete.".into());
            return Vec::new();
        };
        let ask = ResultAsk {
            result_id: run.id.clone(),
            label: label_of(run),
            sent: None,
        };
        self.notice = Some(format!(
            "Delete the run {}? y deletes it; any other key keeps it.",
            ask.label
        ));
        if let Some(d) = self.detail.as_mut() {
            d.tabs.delete = Some(ask);
        }
        Vec::new()
    }

    /// True while the delete question waits for its answer: the next key is the answer.
    pub(crate) fn asks_result_delete(&self) -> bool {
        self.detail
            .as_ref()
            .and_then(|d| d.tabs.delete.as_ref())
            .is_some_and(ResultAsk::asking)
    }

    pub(crate) fn on_result_delete_answer(&mut self, key: KeyEvent) -> Vec<Effect> {
        let yes = key.code == KeyCode::Char('y') && !key.modifiers.contains(KeyModifiers::CONTROL);
        let ticket = self.ticket();
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        if !yes {
            d.tabs.delete = None;
            self.notice = Some("Nothing was deleted.".into());
            return Vec::new();
        }
        let Some(ask) = d.tabs.delete.as_mut() else {
            return Vec::new();
        };
        ask.sent = Some(ticket);
        self.notice = Some(format!("Deleting the run {}…", ask.label));
        let delete = vec![Effect::RecordHistory {
            ticket,
            id: d.id.clone(),
            request: HistoryRequest::DeleteResult {
                result_id: ask.result_id.clone(),
            },
        }];
        self.confirmed_write(delete)
    }

    /// The delete's answer: the runs (and the costs, if shown before) are asked for again,
    /// since both changed.
    pub(super) fn on_result_deleted(&mut self, result: Result<(), ApiError>) -> Vec<Effect> {
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        let label = d.tabs.delete.take().map(|a| a.label).unwrap_or_default();
        let costs_seen = !matches!(d.tabs.costs, Remote::NotAsked);
        match result {
            Ok(()) => self.notice = Some(format!("Deleted the run {label}.")),
            Err(e) if e.status() == Some(404) => {
                self.notice = Some(format!("The run {label} was already gone (404)."));
            }
            Err(e) => {
                self.notice = Some(format!("The run was not deleted: {e}"));
                return Vec::new();
            }
        }
        let mut effects = self.load_tab(Tab::Results);
        if costs_seen {
            effects.extend(self.load_tab(Tab::Costs));
        }
        effects
    }
}
