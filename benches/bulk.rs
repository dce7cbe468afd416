//! Target 12: a bulk edit of 10 000 records selected by filter is one dry run and one
//! request, against 10 000 sequential PUTs of the same change on the same sandbox.

use criterion::{Criterion, criterion_group, criterion_main};
use runtype_tui::api::ops::BulkEditRequest;
use runtype_tui::api::{ApiKey, Client, Direction, ListQuery, RecordFilter, RecordFilters};
use runtype_tui::api::{Record, RecordUpdate};
use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};
use std::time::{Duration, Instant};

/// 40 000 generated records of four types: 10 000 tickets.
fn sandbox() -> (SandboxHandle, Client) {
    let sb = Sandbox::start_background(SandboxOptions {
        seed: Seed::None,
        generate: 40_000,
        ..SandboxOptions::default()
    })
    .expect("sandbox");
    let client = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    (sb, client)
}

fn request(status: &str, dry_run: bool) -> BulkEditRequest {
    let updates = serde_json::json!({ "status": status });
    BulkEditRequest {
        record_filter: Some(RecordFilter::of_type("ticket")),
        updates: updates.as_object().cloned(),
        dry_run: Some(dry_run),
        ..BulkEditRequest::default()
    }
}

/// What the app sends for `:select all` then `:set status=...`: the preview, then the edit.
async fn bulk(c: &Client, status: &str) -> usize {
    c.bulk_edit(&request(status, true)).await.expect("dry run");
    c.bulk_edit(&request(status, false))
        .await
        .expect("bulk edit")
        .record_ids
        .len()
}

/// Every ticket, in full (100 pages).
async fn tickets(c: &Client) -> Vec<Record> {
    let mut q = ListQuery {
        filters: RecordFilters {
            record_type: Some("ticket".into()),
            ..RecordFilters::default()
        },
        limit: Some(100),
        ..ListQuery::default()
    };
    let mut all = Vec::new();
    loop {
        let page = c.list_records(&q).await.expect("page");
        all.extend(page.records);
        match page
            .pagination
            .next_cursor
            .filter(|_| page.pagination.has_more)
        {
            Some(next) => {
                q.cursor = Some(next);
                q.direction = Some(Direction::Next);
            }
            None => return all,
        }
    }
}

/// The same change one record at a time: one PUT each, whole metadata, in sequence.
async fn one_by_one(c: &Client, records: &[Record], status: &str) -> Duration {
    let start = Instant::now();
    for r in records {
        let mut metadata = r.metadata.clone();
        metadata.insert("status".into(), serde_json::json!(status));
        let update = RecordUpdate {
            metadata: Some(metadata),
            ..RecordUpdate::default()
        };
        c.update_record(&r.id, &update).await.expect("put");
    }
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (_sb, client) = sandbox();
    let records = rt.block_on(tickets(&client));
    assert_eq!(records.len(), 10_000, "the bench needs 10 000 tickets");
    let start = Instant::now();
    let changed = rt.block_on(bulk(&client, "solved"));
    let bulk_once = start.elapsed();
    assert_eq!(changed, 10_000);
    let puts = rt.block_on(one_by_one(&client, &records, "pending"));
    println!(
        "target 12: 10 000 records: dry run + bulk edit {bulk_once:?}; 10 000 sequential PUTs \
         {puts:?} ({:.0}x)",
        puts.as_secs_f64() / bulk_once.as_secs_f64()
    );
    let mut group = c.benchmark_group("bulk_10k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let mut flip = false;
    group.bench_function("dry_run_and_bulk_edit_by_filter", |b| {
        b.iter(|| {
            flip = !flip;
            rt.block_on(bulk(&client, if flip { "open" } else { "closed" }))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
