//! The paged listing that fetches what a bulk delete would remove (the bulk writes themselves
//! run in `runtime::writes`, which journals them).

use crate::api::{ApiError, Client, ListQuery, Record, RecordFilter, RecordFilters};
use crate::app::{Effect, Msg};

/// Every record the filters match, in full, page by page (the API's largest pages).
async fn collect(client: &Client, filters: &[RecordFilter]) -> Result<Vec<Record>, ApiError> {
    let mut out = Vec::new();
    for filter in filters {
        let mut cursor = None;
        loop {
            let query = ListQuery {
                filters: RecordFilters {
                    record_filter: Some(filter.clone()),
                    ..RecordFilters::default()
                },
                limit: Some(crate::app::list::PAGE_SIZE),
                cursor,
                ..ListQuery::default()
            };
            let page = client.list_records(&query).await?;
            out.extend(page.records);
            cursor = page
                .pagination
                .next_cursor
                .filter(|_| page.pagination.has_more);
            if cursor.is_none() {
                break;
            }
        }
    }
    Ok(out)
}

/// Runs the listing behind a bulk delete's preview; `None` for any other effect.
pub async fn run(effect: Effect, client: &Client) -> Option<Msg> {
    match effect {
        Effect::CollectRecords { ticket, filters } => Some(Msg::RecordsCollected {
            ticket,
            result: collect(client, &filters).await,
        }),
        _ => None,
    }
}
