//! A local stand-in of the Runtype Records API (axum over SQLite), for trying the app offline,
//! for tests, and for benchmarks. It speaks only the wire format and shares no code with the
//! app. Start it with [`Sandbox::start`] or `runtype-tui serve`.
//!
//! Where the contract leaves a question open, the sandbox answers it like this (numbers are
//! the contract's section 6):
//!
//! 1. Auth: `Authorization: Bearer <key>` (the scheme in any case) and a bare `<key>` are both
//!    accepted; an empty key is refused at start. An optional read-only key gets 403 on every
//!    write (preview-filter counts as a read). 405 and 413 carry the JSON error body too.
//! 2. PUT: omitted fields stay unchanged; a given `metadata` replaces the object, or merges
//!    shallowly with `--metadata-merge`; with `--put-omitted-metadata clear` a PUT without
//!    `metadata` empties it. `messages` is replaced (null clears it).
//! 3. Renaming onto another record's (type, name) is 409; renaming to the current name is fine.
//! 4. Bulk edit: the selectors `recordIds`, `recordFilter` and `conditions` are intersected
//!    (conditions ANDed); with none of them `applyToAll: true` is required, else 400. `updates`
//!    merges shallowly; a key in both `updates` and `deleteFields` is a 400. No size limit.
//!    `updates.ownerId` sets `ownerId` as create and PUT do. Deleting a result deletes its
//!    step results.
//! 5. Export: columns `id,type,name,ownerId,createdAt,updatedAt`, then each metadata key in
//!    first-seen order under its raw key; nested values as JSON text; comma-separated;
//!    `text/csv; charset=utf-8` with an attachment `Content-Disposition`. 204 when empty.
//! 6. List `limit`: default 50, maximum 100; larger values are clamped, 0 or text is a 400.
//! 7. Order: newest created first, id as tie-breaker; cursors are opaque and `direction=prev`
//!    takes `prevCursor`. Edits never move a record, so a walk stays stable. `direction`
//!    pages from the cursor (section 1.6), so `direction=prev` without a cursor is the first
//!    page, with `hasPrev: false`.
//! 8. `recordFilter` is JSON in the query string; its `type` is ANDed with a `type` parameter.
//! 9. Filters may name a dotted metadata path, with or without a leading `metadata.`; `contains` on an array tests membership; string
//!    comparisons ignore case for contains/startsWith/endsWith; `between` is inclusive;
//!    `withinLastDays`/`olderThanDays` apply to dates or epoch milliseconds.
//! 10. `search` is a case-insensitive substring over name, metadata keys and values; `name` is
//!     exact; `distinct` is accepted and ignored; `metadata_types` keeps records with a
//!     top-level value of any listed JSON type; `has_large_fields` means a string over 1000
//!     characters; sizes are in KiB of the metadata JSON; lists are comma-separated.
//! 11. `view=compact` cuts metadata strings (at any depth) to 100 characters plus `…`; `name`
//!     and `messages` are left whole.
//! 12. Create answers 201, everything else 200; DELETE answers `{"success": true}`.
//! 13. No `{data: ...}` envelope on single records.
//! 14. No rate-limit headers; 429s come only from injected faults.
//! 15. `totalCount`/`totalPages` only with `includeCount=true`.
//! 16. CSV upload: UTF-8 with a header row; non-name/type columns become string metadata;
//!     duplicate (type, name) rows are per-row errors; `nameColumn` defaults to `name` and
//!     `typeColumn` to `type`.
//! 17. Ids look like `record_` + 26 base32 characters (time-ordered).
//! 18. `metadataLabels` is stored per record and only set by seeding; `metadataSchema` is
//!     derived from the record's own keys.
//! 19. `KEY_RENAMED`: keys containing whitespace become lower-case snake_case.

mod bulk;
mod clock;
mod csv_io;
mod exec;
pub mod faults;
mod list;
mod matcher;
mod reply;
mod routes;
mod seed;
mod store;
mod validate;

pub use faults::{Fault, FaultAction};

use faults::FaultBox;
use routes::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use store::Db;
use tokio::sync::oneshot;

pub const DEFAULT_KEY: &str = "rt_test_sandbox";

/// Whether a new database gets the demo records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    Demo,
    None,
}

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub listen: SocketAddr,
    /// A SQLite file path, or `:memory:`.
    pub db: String,
    pub api_key: String,
    pub read_only_key: Option<String>,
    pub seed: Seed,
    /// Synthetic records to add at start.
    pub generate: usize,
    pub metadata_merge: bool,
    /// A PUT without `metadata` empties it (default: keeps it).
    pub put_omitted_metadata_clear: bool,
    /// Added to every request.
    pub latency: Duration,
}

impl Default for SandboxOptions {
    /// An in-memory sandbox with demo data on a free loopback port.
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: ":memory:".into(),
            api_key: DEFAULT_KEY.into(),
            read_only_key: None,
            seed: Seed::Demo,
            generate: 0,
            metadata_merge: false,
            put_omitted_metadata_clear: false,
            latency: Duration::ZERO,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot open the sandbox database {path}: {source}")]
    Db {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot seed the sandbox: {0}")]
    Seed(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the sandbox thread: {0}")]
    Thread(std::io::Error),
    /// An empty key would let a request with an empty `Authorization` header write.
    #[error("the {which} must not be empty or whitespace")]
    EmptyKey { which: &'static str },
}

/// The sandbox server.
pub struct Sandbox;

/// A running sandbox. Dropping it stops the server.
pub struct SandboxHandle {
    addr: SocketAddr,
    key: String,
    faults: Arc<FaultBox>,
    db: Db,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Opens the database, seeds it if new, and serves on the current tokio runtime.
    pub async fn start(opts: SandboxOptions) -> Result<SandboxHandle, SandboxError> {
        if opts.api_key.trim().is_empty() {
            return Err(SandboxError::EmptyKey { which: "API key" });
        }
        if opts
            .read_only_key
            .as_ref()
            .is_some_and(|k| k.trim().is_empty())
        {
            return Err(SandboxError::EmptyKey {
                which: "read-only key",
            });
        }
        let db = Db::open(&opts.db).map_err(|source| SandboxError::Db {
            path: opts.db.clone(),
            source,
        })?;
        db.with(|conn| -> Result<(), SandboxError> {
            if opts.seed == Seed::Demo {
                seed::seed_demo(conn).map_err(SandboxError::Seed)?;
            }
            if opts.generate > 0 {
                seed::generate(conn, opts.generate)
                    .map_err(|e| SandboxError::Seed(e.to_string()))?;
            }
            Ok(())
        })?;
        let listener = tokio::net::TcpListener::bind(opts.listen)
            .await
            .map_err(|source| SandboxError::Bind {
                addr: opts.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: opts.listen,
            source,
        })?;
        let state = Arc::new(AppState {
            db: db.clone(),
            key: opts.api_key.clone(),
            read_only_key: opts.read_only_key.clone(),
            merge: opts.metadata_merge,
            clear_omitted_metadata: opts.put_omitted_metadata_clear,
            latency: opts.latency,
        });
        let faults = Arc::new(FaultBox::default());
        let app = routes::router(state, faults.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(SandboxHandle {
            addr,
            key: opts.api_key,
            faults,
            db,
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// Starts a sandbox on a thread with its own runtime, so it keeps serving whatever the
    /// caller's runtime does (a paused test clock, a busy UI loop).
    pub fn start_background(opts: SandboxOptions) -> Result<SandboxHandle, SandboxError> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("sandbox".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(SandboxError::Thread(e)));
                        return;
                    }
                };
                rt.block_on(async move {
                    match Sandbox::start(opts).await {
                        Ok(mut handle) => {
                            let server = handle.server.take();
                            let _ = tx.send(Ok(handle));
                            if let Some(server) = server {
                                let _ = server.await;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                });
            })
            .map_err(SandboxError::Thread)?;
        rx.recv().unwrap_or_else(|_| {
            Err(SandboxError::Thread(std::io::Error::other(
                "sandbox thread ended early",
            )))
        })
    }
}

impl SandboxHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/v1`, ready for `Client::new`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn api_key(&self) -> &str {
        &self.key
    }

    /// Queues a one-shot fault for the next matching request.
    pub fn inject(&self, fault: Fault) {
        self.faults.push(fault);
    }

    /// Faults not yet used.
    pub fn pending_faults(&self) -> usize {
        self.faults.pending()
    }

    /// Every request seen so far: method and path with query.
    pub fn requests(&self) -> Vec<(axum::http::Method, String)> {
        self.faults.requests()
    }

    /// Adds `n` synthetic records now.
    pub fn generate(&self, n: usize) -> Result<usize, SandboxError> {
        self.db
            .with(|conn| seed::generate(conn, n))
            .map_err(|e| SandboxError::Seed(e.to_string()))
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
