//! Runs the detail tabs' requests (a record's runs, costs and step results, deleting a run).

use crate::api::{ApiError, Client, ResultsQuery, SortOrder, StepResultsQuery};
use crate::app::tabs::{HistoryAnswer, HistoryRequest, RESULTS_PAGE};

/// Step results asked for at once: one screen of a flow's steps, the API's largest page.
const STEPS_PAGE: u32 = 100;

pub async fn run(
    client: &Client,
    id: &str,
    request: HistoryRequest,
) -> Result<HistoryAnswer, ApiError> {
    match request {
        HistoryRequest::Costs => client.record_costs(id).await.map(HistoryAnswer::Costs),
        HistoryRequest::Results => {
            let query = ResultsQuery {
                limit: Some(RESULTS_PAGE),
                sort_by: Some("createdAt".into()),
                sort_order: Some(SortOrder::Desc),
                include_count: true,
                ..ResultsQuery::default()
            };
            client
                .record_results(id, &query)
                .await
                .map(HistoryAnswer::Results)
        }
        HistoryRequest::Steps { flow_id } => {
            let query = StepResultsQuery {
                flow_id,
                limit: Some(STEPS_PAGE),
                sort_by: Some("createdAt".into()),
                // Newest first, so a recent run's steps are within the page.
                sort_order: Some(SortOrder::Desc),
                ..StepResultsQuery::default()
            };
            client
                .record_step_results(id, &query)
                .await
                .map(HistoryAnswer::Steps)
        }
        HistoryRequest::DeleteResult { result_id } => client
            .delete_record_result(id, &result_id)
            .await
            .map(|()| HistoryAnswer::Deleted),
    }
}
