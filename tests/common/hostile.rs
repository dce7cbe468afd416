//! A hostile stand-in server on loopback: answers each request with whatever the test's
//! function returns (status and raw bytes, so invalid UTF-8 too), and records every request.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub authorization: Option<String>,
}

pub struct Hostile {
    pub base_url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Hostile {
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    /// Requests whose target contains `text`.
    pub fn count(&self, text: &str) -> usize {
        self.requests()
            .iter()
            .filter(|s| s.target.contains(text))
            .count()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Answer = dyn Fn(&Seen) -> (u16, Vec<u8>) + Send + Sync;

/// Starts the server; `answer` gets each request and returns its status and JSON body.
pub async fn serve(answer: impl Fn(&Seen) -> (u16, Vec<u8>) + Send + Sync + 'static) -> Hostile {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}/v1", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let answer: Arc<Answer> = Arc::new(answer);
    let log = seen.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream, answer.clone(), log.clone()));
        }
    });
    Hostile {
        base_url,
        seen,
        task,
    }
}

async fn handle(
    mut stream: tokio::net::TcpStream,
    answer: Arc<Answer>,
    log: Arc<Mutex<Vec<Seen>>>,
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next().unwrap_or_default().split(' ');
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            })
            .map(|(_, v)| v.trim().to_owned())
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let seen = Seen {
        method: first.next().unwrap_or_default().to_owned(),
        target: first.next().unwrap_or_default().to_owned(),
        authorization: header("authorization"),
    };
    log.lock().expect("lock").push(seen.clone());
    let (status, body) = answer(&seen);
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    let _ = stream.write_all(&out).await;
    let _ = stream.shutdown().await;
}

/// A record as JSON text, for building pages by hand.
pub fn record(id: &str, name: &str, updated_at: &str) -> String {
    format!(
        r#"{{"id": "{id}", "type": "ticket", "name": "{name}", "metadata": {{}}, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "{updated_at}"}}"#
    )
}

/// A list page body from record JSON texts.
pub fn page(records: &[String], has_more: bool, next_cursor: Option<&str>) -> Vec<u8> {
    let cursor = next_cursor.map_or("null".to_owned(), |c| format!("\"{c}\""));
    format!(
        r#"{{"data": [{}], "pagination": {{"hasMore": {has_more}, "hasPrev": false, "limit": 100, "currentOffset": 0, "nextCursor": {cursor}}}}}"#,
        records.join(", ")
    )
    .into_bytes()
}
