//! The `serve` command as a user runs it: first stdout line, persistence, clean stop on SIGTERM.

mod common;

use runtype_tui::api::{ApiKey, Client, ListQuery};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn deadline(secs: u64) -> Instant {
    Instant::now() + common::scaled(secs)
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db", db])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(deadline(30).saturating_duration_since(Instant::now()))
        .expect("the server prints its address");
    let url = line
        .strip_prefix("listening on http://127.0.0.1:")
        .map(|_| {
            line.trim_end()
                .trim_start_matches("listening on ")
                .to_owned()
        })
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    assert!(
        url.rsplit(':')
            .next()
            .and_then(|p| p.parse::<u16>().ok())
            .is_some_and(|p| p != 0),
        "{url}"
    );
    Server { child, url }
}

fn wait_exit(child: &mut Child, within: Instant) -> Option<std::process::ExitStatus> {
    while Instant::now() < within {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

async fn count(url: &str) -> u64 {
    let c = Client::new(&format!("{url}/v1"), ApiKey::new("rt_test_sandbox")).expect("client");
    let q = ListQuery {
        include_count: true,
        limit: Some(1),
        ..ListQuery::default()
    };
    c.list_records(&q)
        .await
        .expect("list")
        .pagination
        .total_count
        .expect("count")
}

#[tokio::test]
async fn serves_persists_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nested/sandbox.sqlite3");
    let db = db.to_str().expect("utf8 path");

    let mut first = serve(db);
    let seeded = count(&first.url).await;
    assert!(seeded >= 150, "demo data seeded: {seeded}");
    let c =
        Client::new(&format!("{}/v1", first.url), ApiKey::new("rt_test_sandbox")).expect("client");
    c.create_record(&common::new_record(
        "note",
        "survives restarts",
        serde_json::json!({}),
    ))
    .await
    .expect("create");

    let kill = Command::new("kill")
        .args(["-TERM", &first.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let status = wait_exit(&mut first.child, deadline(10)).expect("stops within the deadline");
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");

    let second = serve(db);
    assert_eq!(
        count(&second.url).await,
        seeded + 1,
        "data kept, demo not seeded twice"
    );
}
