//! The tabs of the detail view (fields, messages, runs, costs, raw JSON): which one is shown,
//! and the runs and costs each loaded on first view with a ticket of its own.

mod results;

use super::remote::Remote;
use super::{App, Effect, Ticket};
use crate::api::ApiError;
use crate::api::ops::{RecordCosts, ResultsPage, StepResult, StepResultsPage};

/// One tab of the detail view, in the order of the tab bar (and of keys `1`-`5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Fields,
    Messages,
    Results,
    Costs,
    Raw,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Fields,
        Tab::Messages,
        Tab::Results,
        Tab::Costs,
        Tab::Raw,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Fields => "Fields",
            Tab::Messages => "Messages",
            Tab::Results => "Results",
            Tab::Costs => "Costs",
            Tab::Raw => "Raw",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `delta` places away, wrapping around (Tab, Shift-Tab).
    fn step(self, delta: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + delta).rem_euclid(n) as usize]
    }
}

/// Where the tab bar sits: the first row inside the detail view's border.
pub const BAR_ROW: u16 = 1;
/// Where the tab bar's first title starts (the border takes column 0).
pub const BAR_X: u16 = 1;

/// Each tab's title as the bar shows it, with the column it starts at (from the bar's left
/// edge). The view draws these; a mouse click is mapped back through the same list.
pub fn bar() -> Vec<(Tab, String, u16)> {
    let mut at = 0u16;
    Tab::ALL
        .iter()
        .map(|&t| {
            let label = format!(" {} {} ", t.index() + 1, t.title());
            let start = at;
            at += label.chars().count() as u16 + 1;
            (t, label, start)
        })
        .collect()
}

/// The tab whose title is drawn at `column` of the bar, if any.
pub fn tab_at(column: u16) -> Option<Tab> {
    bar()
        .into_iter()
        .find(|(_, label, start)| (*start..*start + label.chars().count() as u16).contains(&column))
        .map(|(t, _, _)| t)
}

/// The step results of one run, shown over the Results tab until `Esc`.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    pub result_id: String,
    /// The run's flow (the step results are asked for by flow), for the heading.
    pub flow_id: Option<String>,
    pub flow_name: Option<String>,
    pub load: Remote<Vec<StepResult>>,
    /// The run that was selected, to come back to.
    pub back_to: u16,
}

/// The question before deleting a run, and the request once answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultAsk {
    pub result_id: String,
    /// What the question names (status and flow).
    pub label: String,
    pub sent: Option<Ticket>,
}

impl ResultAsk {
    pub fn asking(&self) -> bool {
        self.sent.is_none()
    }
}

/// The tabs' state; a new record opened starts from a new one.
#[derive(Debug, Clone, Default)]
pub struct Tabs {
    pub active: Tab,
    pub results: Remote<ResultsPage>,
    pub costs: Remote<RecordCosts>,
    pub steps: Option<Steps>,
    pub delete: Option<ResultAsk>,
    /// Each tab's scroll while another is shown (the shown one's lives in `Detail::scroll`).
    pub scrolls: [u16; 5],
}

impl Tabs {
    pub fn is_busy(&self) -> bool {
        self.results.is_loading()
            || self.costs.is_loading()
            || self.steps.as_ref().is_some_and(|s| s.load.is_loading())
    }
}

/// What the runs and costs tabs ask of the server, for one record.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryRequest {
    Costs,
    Results,
    /// The step results of a run's flow (the API filters step results by flow, not by run).
    Steps {
        flow_id: Option<String>,
    },
    DeleteResult {
        result_id: String,
    },
}

/// The server's answer to a [`HistoryRequest`].
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryAnswer {
    Costs(RecordCosts),
    Results(ResultsPage),
    Steps(StepResultsPage),
    Deleted,
}

/// How many runs the Results tab asks for (newest first).
pub const RESULTS_PAGE: u32 = 50;

impl App {
    /// Keys that belong to the tabs; `None` leaves the key to the detail view as before.
    pub(super) fn on_tab_action(&mut self, action: super::Action) -> Option<Vec<Effect>> {
        use super::Action as A;
        let active = self.detail.as_ref()?.tabs.active;
        let to = match action {
            A::NextTab => Some(active.step(1)),
            A::PrevTab => Some(active.step(-1)),
            A::TabFields => Some(Tab::Fields),
            A::TabMessages => Some(Tab::Messages),
            A::TabResults => Some(Tab::Results),
            A::TabCosts => Some(Tab::Costs),
            A::TabRaw => Some(Tab::Raw),
            _ => None,
        };
        if let Some(tab) = to {
            return Some(self.show_tab(tab));
        }
        match (active, action) {
            (Tab::Costs, A::Refresh) => Some(self.load_tab(Tab::Costs)),
            (Tab::Results, _) => self.on_results_action(action),
            _ => None,
        }
    }

    /// Shows `tab` at once, keeping each tab's scroll; a tab never shown before asks for its
    /// data now (and only then).
    pub(super) fn show_tab(&mut self, tab: Tab) -> Vec<Effect> {
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        let tabs = &mut d.tabs;
        tabs.scrolls[tabs.active.index()] = d.scroll;
        tabs.active = tab;
        d.scroll = tabs.scrolls[tab.index()];
        d.hscroll = 0;
        let never_asked = match tab {
            Tab::Results => matches!(tabs.results, Remote::NotAsked),
            Tab::Costs => matches!(tabs.costs, Remote::NotAsked),
            _ => false,
        };
        if never_asked {
            return self.load_tab(tab);
        }
        Vec::new()
    }

    /// Asks for a tab's data (again): the answer to any earlier request is dropped.
    pub(super) fn load_tab(&mut self, tab: Tab) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(d) = self.detail.as_mut() else {
            return Vec::new();
        };
        let request = match tab {
            Tab::Results => {
                d.tabs.results = Remote::Loading(ticket);
                HistoryRequest::Results
            }
            Tab::Costs => {
                d.tabs.costs = Remote::Loading(ticket);
                HistoryRequest::Costs
            }
            _ => return Vec::new(),
        };
        vec![Effect::RecordHistory {
            ticket,
            id: d.id.clone(),
            request,
        }]
    }

    /// An answer for a tab: kept only if that tab still waits for this ticket (the record
    /// is still open, and no newer request went out).
    pub(super) fn on_history(
        &mut self,
        ticket: Ticket,
        result: Result<HistoryAnswer, ApiError>,
    ) -> Vec<Effect> {
        let Some(tabs) = self.detail.as_mut().map(|d| &mut d.tabs) else {
            return Vec::new();
        };
        if tabs.delete.as_ref().is_some_and(|a| a.sent == Some(ticket)) {
            return self.on_result_deleted(result.map(|_| ()));
        }
        if tabs.results.awaits(ticket) {
            tabs.results = settle(result, |a| match a {
                HistoryAnswer::Results(page) => Some(page),
                _ => None,
            });
        } else if tabs.costs.awaits(ticket) {
            tabs.costs = settle(result, |a| match a {
                HistoryAnswer::Costs(c) => Some(c),
                _ => None,
            });
        } else if let Some(steps) = tabs.steps.as_mut().filter(|s| s.load.awaits(ticket)) {
            let run = steps.result_id.clone();
            steps.load = settle(result, |a| match a {
                HistoryAnswer::Steps(page) => Some(results::steps_of_run(page.data, &run)),
                _ => None,
            });
        }
        Vec::new()
    }
}

/// The state an answer leaves a tab in; an answer of the wrong kind is a bug, shown as one.
fn settle<T>(
    result: Result<HistoryAnswer, ApiError>,
    pick: impl FnOnce(HistoryAnswer) -> Option<T>,
) -> Remote<T> {
    match result.map(pick) {
        Ok(Some(v)) => Remote::Loaded(v),
        Ok(None) => Remote::Failed(ApiError::Malformed {
            kind: crate::api::MalformedKind::WrongShape,
            detail: "an answer for another tab".into(),
        }),
        Err(e) => Remote::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_map_to_the_titles_drawn() {
        for (tab, label, start) in bar() {
            assert_eq!(tab_at(start), Some(tab), "{label}");
            assert_eq!(tab_at(start + label.chars().count() as u16 - 1), Some(tab));
        }
        assert_eq!(
            tab_at(bar()[0].1.len() as u16),
            None,
            "the gap between titles"
        );
        assert_eq!(tab_at(500), None);
    }

    #[test]
    fn tab_and_shift_tab_wrap_around() {
        assert_eq!(Tab::Raw.step(1), Tab::Fields);
        assert_eq!(Tab::Fields.step(-1), Tab::Raw);
        assert_eq!(Tab::Messages.step(1), Tab::Results);
    }
}
