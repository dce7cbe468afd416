//! Records out to a file, shared by the headless `export` and the app's `:export`: the API's
//! CSV streamed as it arrives, or the list paged into JSON Lines; uses `api` only.

mod partial;

pub use partial::{Counting, Partial};

use crate::api::query::RecordFilters;
use crate::api::raw::{RawPage, write_line};
use crate::api::{ApiError, Client, Direction, ListQuery, View};
use bytes::Bytes;
use std::io::Write;

/// Records per list page: the most the API gives.
pub const PAGE_SIZE: u32 = 100;

/// Streams the API's CSV export into `out`; `on_bytes` hears the running byte count.
/// Returns the bytes written (0 when nothing matched: the server answers 204).
pub async fn csv<W: tokio::io::AsyncWrite + Unpin>(
    client: &Client,
    filters: &RecordFilters,
    out: W,
    on_bytes: impl FnMut(u64) + Unpin,
) -> Result<u64, String> {
    // Counted as the body arrives, not as the buffer is flushed, so a small export moves too.
    let buffered = tokio::io::BufWriter::with_capacity(64 * 1024, out);
    let mut out = Counting::new(buffered, on_bytes);
    let outcome = client
        .export_csv(filters, &mut out)
        .await
        .map_err(|e| e.to_string())?;
    Ok(match outcome {
        crate::api::ops::ExportOutcome::NothingMatched => 0,
        crate::api::ops::ExportOutcome::Written { bytes } => bytes,
    })
}

/// Pages through the list, writing each page while the next one is fetched; only one page
/// is held at a time, so memory does not grow with the number of records. `on_records`
/// hears the running count; returns the records written.
pub async fn jsonl(
    client: &Client,
    filters: RecordFilters,
    out: impl Write,
    mut on_records: impl FnMut(u64),
) -> Result<u64, String> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut query = ListQuery {
        filters,
        limit: Some(PAGE_SIZE),
        view: Some(View::Full),
        ..ListQuery::default()
    };
    let mut pending = Some(Fetch::start(client, &query));
    let mut written = 0u64;
    while let Some(fetch) = pending.take() {
        let body = fetch.finish().await.map_err(|e| e.to_string())?;
        let page = RawPage::parse(&body).map_err(|e| e.to_string())?;
        if let Some(next) = page.next_cursor() {
            if query.cursor.as_deref() == Some(next) {
                return Err("the server gave the same page cursor twice; stopping".into());
            }
            query.cursor = Some(next.to_owned());
            query.direction = Some(Direction::Next);
            pending = Some(Fetch::start(client, &query));
        }
        for item in &page.items {
            write_line(&mut out, item).map_err(write_failed)?;
        }
        written += page.items.len() as u64;
        on_records(written);
    }
    out.flush().map_err(write_failed)?;
    Ok(written)
}

fn write_failed(e: std::io::Error) -> String {
    ApiError::Write {
        detail: e.to_string(),
    }
    .to_string()
}

/// A page request running on its own task; dropped unfinished, it is cancelled.
struct Fetch(tokio::task::JoinHandle<Result<Bytes, ApiError>>);

impl Fetch {
    fn start(client: &Client, query: &ListQuery) -> Self {
        let (client, query) = (client.clone(), query.clone());
        Self(tokio::spawn(async move {
            client.list_records_raw(&query).await
        }))
    }

    async fn finish(mut self) -> Result<Bytes, ApiError> {
        (&mut self.0).await.map_err(|e| ApiError::Transport {
            detail: e.to_string(),
        })?
    }
}

impl Drop for Fetch {
    fn drop(&mut self) {
        self.0.abort();
    }
}
