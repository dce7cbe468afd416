//! Section 6 of issue 12: `runtype-tui export --format jsonl` of 10 000 records, the whole
//! process, against the floor: a minimal loop on one keep-alive connection that fetches the
//! same pages raw and only picks out the next cursor. Target: within 1.2x of the floor.

use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::process::Command;
use std::time::{Duration, Instant};

const RECORDS: usize = 10_000;
const RUNS: usize = 7;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cursor {
    #[serde(default)]
    has_more: bool,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct Floor {
    #[serde(rename = "data")]
    _data: IgnoredAny,
    pagination: Cursor,
}

/// The floor: the same pages (`limit=100`, `view=full`), fetched one after another on one
/// keep-alive connection, each only scanned for its next cursor.
async fn floor(http: &reqwest::Client, sb: &SandboxHandle) -> usize {
    let url = format!("{}/records", sb.base_url());
    let (mut cursor, mut bytes) = (None::<String>, 0);
    loop {
        let mut url = url::Url::parse(&url).expect("url");
        url.query_pairs_mut()
            .append_pair("limit", "100")
            .append_pair("view", "full");
        if let Some(c) = &cursor {
            url.query_pairs_mut()
                .append_pair("cursor", c)
                .append_pair("direction", "next");
        }
        let req = http.get(url).bearer_auth(sb.api_key());
        let body = req.send().await.expect("send").bytes().await.expect("body");
        bytes += body.len();
        let page: Floor = serde_json::from_slice(&body).expect("page");
        match (page.pagination.has_more, page.pagination.next_cursor) {
            (true, Some(next)) => cursor = Some(next),
            _ => return bytes,
        }
    }
}

/// The whole export process, writing to a file as a script would.
fn export(sb: &SandboxHandle, out: &std::path::Path, home: &std::path::Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .args([
            "export",
            "--format",
            "jsonl",
            "--base-url",
            &sb.base_url(),
            "-o",
        ])
        .arg(out)
        .env("RUNTYPE_API_KEY", sb.api_key())
        .env_remove("RUNTYPE_PROFILE")
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home)
        .status()
        .expect("export runs");
    let took = start.elapsed();
    assert!(status.success(), "export failed");
    took
}

fn median(mut t: Vec<Duration>) -> Duration {
    t.sort();
    t[t.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once, too briefly to
    // need the full figure, so it is skipped there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let sb = Sandbox::start_background(SandboxOptions {
        seed: Seed::None,
        generate: RECORDS,
        ..SandboxOptions::default()
    })
    .expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("all.jsonl");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let http = reqwest::Client::new();
    let bytes = rt.block_on(floor(&http, &sb));
    let floors = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            rt.block_on(floor(&http, &sb));
            start.elapsed()
        })
        .collect();
    let exports = (0..RUNS).map(|_| export(&sb, &out, dir.path())).collect();
    let lines = std::fs::read_to_string(&out)
        .expect("output")
        .lines()
        .count();
    assert_eq!(lines, RECORDS);
    let (f, e) = (median(floors), median(exports));
    println!(
        "export jsonl of {RECORDS} records ({} KiB of pages): process {e:?}, floor {f:?}: {:.2}x (target <= 1.2x)",
        bytes / 1024,
        e.as_secs_f64() / f.as_secs_f64()
    );
}
