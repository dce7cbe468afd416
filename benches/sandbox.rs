//! Target 9: the sandbox scales. A list page at 1 000 000 records costs at most 2x a page at
//! 1 000 (keyset pagination on indexed columns), and generating 1 000 000 records takes under
//! two minutes.

use criterion::{Criterion, criterion_group, criterion_main};
use runtype_tui::api::{ApiKey, Client, Direction, ListQuery};
use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};
use std::time::{Duration, Instant};

fn sandbox(n: usize) -> (SandboxHandle, Client, Duration) {
    let start = Instant::now();
    let sb = Sandbox::start_background(SandboxOptions {
        seed: Seed::None,
        generate: n,
        ..SandboxOptions::default()
    })
    .expect("sandbox");
    let took = start.elapsed();
    let client = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    (sb, client, took)
}

/// The cursor of page `k` (1-based), found by walking.
fn cursor_of_page(rt: &tokio::runtime::Runtime, c: &Client, k: usize) -> Option<String> {
    let mut q = ListQuery {
        limit: Some(100),
        ..ListQuery::default()
    };
    for _ in 1..k {
        let page = rt.block_on(c.list_records(&q)).expect("page");
        q.cursor = page.pagination.next_cursor;
        q.direction = Some(Direction::Next);
    }
    q.cursor
}

fn page(rt: &tokio::runtime::Runtime, c: &Client, cursor: Option<String>, count: bool) {
    let q = ListQuery {
        limit: Some(100),
        cursor,
        include_count: count,
        ..ListQuery::default()
    };
    rt.block_on(c.list_records(&q)).expect("page");
}

fn median(
    rt: &tokio::runtime::Runtime,
    c: &Client,
    cursor: &Option<String>,
    count: bool,
) -> Duration {
    let mut t: Vec<Duration> = (0..31)
        .map(|_| {
            let start = Instant::now();
            page(rt, c, cursor.clone(), count);
            start.elapsed()
        })
        .collect();
    t.sort();
    t[15]
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (_small_sb, small, _) = sandbox(1_000);
    let (_big_sb, big, generated_in) = sandbox(1_000_000);
    println!("target 9: generating 1 000 000 records took {generated_in:?} (target < 120s)");
    let small_deep = cursor_of_page(&rt, &small, 5);
    let big_deep = cursor_of_page(&rt, &big, 200);
    let mut group = c.benchmark_group("sandbox_list_page");
    group.bench_function("first_page_1k", |b| {
        b.iter(|| page(&rt, &small, None, false))
    });
    group.bench_function("first_page_1m", |b| b.iter(|| page(&rt, &big, None, false)));
    group.bench_function("page_200_of_1m", |b| {
        b.iter(|| page(&rt, &big, big_deep.clone(), false))
    });
    group.finish();
    let (s, b_first, b_deep) = (
        median(&rt, &small, &small_deep, false),
        median(&rt, &big, &None, false),
        median(&rt, &big, &big_deep, false),
    );
    let (s_count, b_count) = (
        median(&rt, &small, &None, true),
        median(&rt, &big, &None, true),
    );
    println!(
        "target 9: page at 1k {s:?}; at 1M first {b_first:?} ({:.2}x), page 200 {b_deep:?} ({:.2}x) (target <= 2x); \
         with includeCount {s_count:?} vs {b_count:?}",
        b_first.as_secs_f64() / s.as_secs_f64(),
        b_deep.as_secs_f64() / s.as_secs_f64()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
