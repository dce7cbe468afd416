//! Shared bench setup: demo-like records in bulk and an app with them loaded.
#![allow(dead_code)] // each bench uses a different subset

use runtype_tui::api::{Page, Pagination, Record};
use runtype_tui::app::{App, Effect, Msg, Source, update};
use std::time::{Duration, Instant};

pub const NOW: i64 = 1_764_000_000_000;

/// A record shaped like the demo tickets; cloning a template keeps building 1M cheap.
pub fn template() -> Record {
    serde_json::from_str(
        r##"{"id": "record_01j9z6k3m4n5p6q7r8s9t0v1w2", "type": "ticket", "name": "#10234 Invoice shows wrong VAT",
            "metadata": {"status": "open", "priority": "high", "assignee": "maria", "customer": "Acme Corp",
                         "channel": "email", "tags": ["billing", "vat"], "sla_hours": 24, "escalated": false},
            "metadataLabels": {"status": "Status", "priority": "Priority"}, "userId": "user_2abcDEF345",
            "ownerId": "crm-account-4471", "createdAt": "2025-11-01T10:00:00.000Z", "updatedAt": "2025-11-20T08:02:11.000Z"}"##,
    )
    .expect("template record")
}

pub fn records(n: usize) -> Vec<Record> {
    let t = template();
    let words = [
        "Invoice", "Login", "Export", "Webhook", "Billing", "Search", "Import", "Upgrade",
    ];
    (0..n)
        .map(|i| {
            let mut r = t.clone();
            r.id = format!("record_01j9z6k3m4n5p6q7{i:010}");
            r.name = format!(
                "#{} {} issue with account {}",
                10_000 + i,
                words[i % words.len()],
                i * 7919 % 100_003
            );
            r
        })
        .collect()
}

/// An app at `w` x `h` with `n` records loaded.
pub fn app_with(n: usize, w: u16, h: u16) -> App {
    let mut app = App::new(
        Source {
            label: "sandbox".into(),
        },
        w,
        h,
        NOW,
    );
    let ticket = match app.start().first() {
        Some(Effect::LoadPage { ticket, .. }) => *ticket,
        other => panic!("{other:?}"),
    };
    let page = Page {
        records: records(n),
        skipped: Vec::new(),
        pagination: Pagination {
            total_count: Some(n as u64),
            ..Pagination::default()
        },
        filters_applied: None,
    };
    update(
        &mut app,
        Msg::PageLoaded {
            ticket,
            result: Ok(page.into()),
        },
    );
    app
}

/// The median time of `f` over `runs` runs of `iters` calls, per call.
pub fn median_per_call(runs: usize, iters: u32, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            start.elapsed() / iters
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
