//! Target 7: decoding a page of 100 records (and making all its text safe to show) takes at
//! most 1 ms. Decoding runs in the effect task, never in `update` or `render`.

use criterion::{Criterion, criterion_group, criterion_main};
use runtype_tui::api::parse_page;
use runtype_tui::ui::text::safe;
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::Instant;

/// A page of 100 records taken from the demo data, hostile strings included.
fn page_json() -> Vec<u8> {
    let demo: Vec<Value> =
        serde_json::from_str(include_str!("../assets/demo-records.json")).expect("demo data");
    let data: Vec<Value> = demo
        .iter()
        .cycle()
        .take(100)
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            r["id"] = json!(format!("record_{i:026}"));
            r["userId"] = json!("user_1");
            r
        })
        .collect();
    let page = json!({ "data": data, "pagination": { "hasMore": true, "hasPrev": false, "limit": 100,
                       "currentOffset": 0, "nextCursor": "abc" } });
    serde_json::to_vec(&page).expect("json")
}

fn decode_and_sanitize(bytes: &[u8]) -> usize {
    let page = parse_page(serde_json::from_slice(bytes).expect("json")).expect("page");
    let mut shown = 0;
    for r in &page.records {
        shown += safe(&r.name).len() + safe(&r.record_type).len();
        for v in r.metadata.values() {
            if let Value::String(s) = v {
                shown += safe(s).len();
            }
        }
    }
    shown
}

fn bench(c: &mut Criterion) {
    let bytes = page_json();
    c.bench_function("decode_sanitize_page_of_100", |b| {
        b.iter(|| black_box(decode_and_sanitize(&bytes)))
    });
    let start = Instant::now();
    for _ in 0..200 {
        black_box(decode_and_sanitize(&bytes));
    }
    println!(
        "target 7: one page of 100 records ({} KiB of JSON) decoded and sanitized in {:?}; target <= 1ms",
        bytes.len() / 1024,
        start.elapsed() / 200
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
