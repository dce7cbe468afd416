//! The only code with I/O: the event loop, effect execution, terminal setup, signals.
//!
//! The loop takes one message (queued effect results first, then terminal input, then time),
//! applies it with `app::update`, drains whatever else is already queued, and draws once.

mod bulk_io;
pub mod clipboard;
mod diff;
pub mod drafts;
mod draw;
mod editor;
mod effects;
mod files;
pub mod history;
mod journal;
mod record_history;
mod switch;
pub mod terminal;
mod undo;
pub mod views;
pub mod writes;

pub use diff::ScrollRows;
pub use switch::{Connected, Connector};

use crate::api::Client;
use crate::app::{App, Effect, Msg, update};
use crossterm::event::{Event, EventStream};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// Spinner speed while something is in flight.
const BUSY_TICK: Duration = Duration::from_millis(100);
/// Relative times ("3m ago") are refreshed this often when idle.
const IDLE_TICK: Duration = Duration::from_secs(60);

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Terminal events the app cares about, as messages.
pub fn from_event(event: Event) -> Option<Msg> {
    match event {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Mouse(m) => Some(Msg::Mouse(m)),
        Event::Paste(p) => Some(Msg::Paste(p)),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

/// The app, its terminal, and the channel effects answer on.
pub struct Runner<B: Backend + diff::ScrollRows> {
    pub app: App,
    pub terminal: Terminal<B>,
    client: Client,
    tx: UnboundedSender<Msg>,
    rx: UnboundedReceiver<Msg>,
    shown: draw::Shown,
    journal: Option<journal::JournalWorker>,
    history: Option<std::sync::Arc<history::HistoryFile>>,
    writes: Option<std::sync::Arc<writes::WriteLog>>,
    views: Option<std::sync::Arc<views::ViewsFile>>,
    /// The detail fetch and the list fetch in flight; a newer one cancels the older, so
    /// flicking through records never piles up requests.
    detail_tasks: Vec<tokio::task::JoinHandle<()>>,
    list_tasks: Vec<tokio::task::JoinHandle<()>>,
    /// Exports running, by ticket: aborting one drops its temporary file.
    exports: Vec<(crate::app::Ticket, tokio::task::JoinHandle<()>)>,
    /// Test hook: every frame takes at least this long.
    slow_draw: Option<Duration>,
    /// Connects `:profile NAME`; none without a config file.
    connector: Option<Connector>,
    /// Text for `$EDITOR`, run between messages (it needs the terminal).
    pending_edit: Option<(crate::app::external::EditTarget, String)>,
}

impl<B: Backend + diff::ScrollRows> Runner<B> {
    pub fn new(app: App, terminal: Terminal<B>, client: Client) -> Self {
        let (tx, rx) = unbounded_channel();
        Self {
            app,
            terminal,
            client,
            tx,
            rx,
            shown: draw::Shown::default(),
            journal: None,
            history: None,
            writes: None,
            views: None,
            detail_tasks: Vec::new(),
            list_tasks: Vec::new(),
            exports: Vec::new(),
            slow_draw: None,
            connector: None,
            pending_edit: None,
        }
    }

    /// Detail requests still running (a newer one cancels the older ones).
    pub fn detail_requests_in_flight(&self) -> usize {
        self.detail_tasks
            .iter()
            .filter(|t| !t.is_finished())
            .count()
    }

    /// Journals open edits to disk (drafts survive a crash or a kill).
    pub fn with_journal(mut self, journal: drafts::Journal) -> Self {
        self.attach_journal(journal);
        self
    }

    fn attach_journal(&mut self, journal: drafts::Journal) {
        match journal::JournalWorker::start(journal, self.tx.clone()) {
            Ok(worker) => {
                self.app.drafts_dir = Some(worker.dir().to_owned());
                self.journal = Some(worker);
            }
            Err(e) => self.app.notice = Some(format!("Drafts are not being kept: {e}")),
        }
    }

    /// Journals every write the app makes (`:history`, `:undo`).
    pub fn with_writes(mut self, log: writes::WriteLog) -> Self {
        self.writes = Some(std::sync::Arc::new(log));
        self
    }

    /// Keeps the `:` history in a file: loaded now, written after each command.
    pub fn with_history(mut self, file: history::HistoryFile) -> Self {
        self.app.command_history = file.load();
        self.history = Some(std::sync::Arc::new(file));
        self
    }

    /// A sender for messages from outside (signals, tests).
    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    /// Asks for data and draws the first frame (a loading state) before any answer.
    pub fn start(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        self.dispatch(Msg::Resize {
            width: size.width,
            height: size.height,
        });
        // The first request goes out before the first frame is drawn, so the two overlap;
        // its answer is only applied in the loop, after that frame is on screen.
        let effects = self.app.start();
        self.spawn(effects);
        self.draw()
    }

    fn spawn(&mut self, effects: Vec<Effect>) {
        for e in effects {
            if let Effect::SaveViews { book } = e {
                self.save_views(*book);
                continue;
            }
            let mut tasks = match &e {
                Effect::LoadRecord { .. } => Some(&mut self.detail_tasks),
                Effect::LoadPage { .. } => Some(&mut self.list_tasks),
                _ => None,
            };
            // The answer to a superseded request would be dropped by its ticket anyway;
            // cancelling it also frees the connection and the server.
            if let Some(tasks) = tasks.as_deref_mut() {
                tasks.iter().for_each(tokio::task::JoinHandle::abort);
                tasks.retain(|t| !t.is_finished());
            }
            if let Effect::CancelExport { ticket } = e {
                self.exports.retain(|(t, h)| {
                    if *t == ticket {
                        h.abort();
                    }
                    *t != ticket && !h.is_finished()
                });
                continue;
            }
            if let Effect::SwitchProfile { name } = &e {
                self.switch_profile(name);
                continue;
            }
            if let Effect::EditText { target, text } = e {
                self.pending_edit = Some((target, text));
                continue;
            }
            let copy = match &e {
                Effect::Copy { text } => Some(text.clone()),
                Effect::CopyCurl { id } => Some(clipboard::curl(&self.client.record_url(id))),
                _ => None,
            };
            if let Some(text) = copy {
                // With the frame's bytes, so it reaches the terminal (or tmux) in order.
                let sent = self.terminal.backend_mut().copy(&clipboard::osc52(&text));
                if let Err(e) = sent {
                    self.app.notice = Some(format!("Nothing copied: {e}"));
                }
                continue;
            }
            if journal::is_journal_effect(&e) {
                self.journal_effect(e);
                continue;
            }
            let export = match &e {
                Effect::Export { ticket, .. } => Some(*ticket),
                _ => None,
            };
            let handle = effects::spawn(e, &self.client, &self.history, &self.writes, &self.tx);
            if let Some(ticket) = export {
                self.exports.push((ticket, handle));
            } else if let Some(tasks) = tasks {
                tasks.push(handle);
            }
        }
    }

    /// Ctrl-Z: gives the terminal back until resumed, then redraws everything (the screen
    /// was the shell's meanwhile). State, selection included, is untouched.
    fn suspend(&mut self) -> Result<(), B::Error> {
        self.terminal.backend_mut().suspend()?;
        // Not `Terminal::clear`: it asks the terminal for the cursor position, and the answer
        // would race the input reader.
        Backend::clear(self.terminal.backend_mut())?;
        self.shown = draw::Shown::default();
        Ok(())
    }

    /// Draft files go to the journal's thread, in order. Without a journal (tests, no state
    /// directory) nothing is written and nothing is found.
    fn journal_effect(&self, effect: Effect) {
        match (&self.journal, effect) {
            (Some(j), e) => j.run(e),
            (None, Effect::ListDrafts) => {
                let _ = self.tx.send(Msg::DraftsFound {
                    drafts: Vec::new(),
                    problems: Vec::new(),
                });
            }
            (None, _) => {}
        }
    }

    /// On the way out (a signal, say), the open form's edits are written, and everything the
    /// journal was asked to do (a discard included) is done before the process ends.
    fn flush_draft(&self) {
        let Some(journal) = &self.journal else { return };
        if let Some(form) = self.app.form.as_ref().filter(|f| f.is_dirty()) {
            journal.run(Effect::WriteDraft {
                draft: Box::new(form.to_draft()),
            });
        }
        journal.flush(Duration::from_secs(2));
    }

    /// Applies one message and starts its effects (no drawing).
    pub fn dispatch(&mut self, msg: Msg) {
        let effects = update(&mut self.app, msg);
        self.spawn(effects);
    }

    /// Applies every message already queued.
    fn drain(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            self.dispatch(msg);
        }
    }

    /// Waits for the next message: effect results first, then input, then the clock.
    async fn next<S: Stream<Item = Msg> + Unpin>(&mut self, input: &mut S) -> Option<Msg> {
        let tick = if self.app.is_busy() {
            BUSY_TICK
        } else {
            IDLE_TICK
        };
        tokio::select! {
            biased;
            Some(msg) = self.rx.recv() => Some(msg),
            msg = input.next() => msg,
            _ = tokio::time::sleep(tick) => Some(Msg::Tick { now_ms: now_ms() }),
        }
    }

    /// Runs until the app sets an exit code (or input ends); returns the code.
    pub async fn run<S: Stream<Item = Msg> + Unpin>(
        mut self,
        mut input: S,
    ) -> Result<u8, B::Error> {
        self.start()?;
        loop {
            let Some(msg) = self.next(&mut input).await else {
                return Ok(0);
            };
            self.dispatch(msg);
            self.drain();
            if let Some(code) = self.app.exit {
                LEAVING.store(true, std::sync::atomic::Ordering::SeqCst);
                self.flush_draft();
                return Ok(code);
            }
            if std::mem::take(&mut self.app.suspend) {
                self.suspend()?;
            }
            self.run_pending_edit()?;
            self.draw()?;
        }
    }

    /// For tests: processes effect results (drawing after each) until `done` holds or the
    /// deadline passes. Returns whether `done` held.
    pub async fn wait_for(
        &mut self,
        deadline: Duration,
        done: impl Fn(&App) -> bool,
    ) -> Result<bool, B::Error> {
        let until = tokio::time::Instant::now() + deadline;
        loop {
            self.drain();
            self.run_pending_edit()?;
            self.draw()?;
            if done(&self.app) {
                return Ok(true);
            }
            match tokio::time::timeout_at(until, self.rx.recv()).await {
                Ok(Some(msg)) => self.dispatch(msg),
                Ok(None) | Err(_) => return Ok(done(&self.app)),
            }
        }
    }
}

/// Set once the loop has begun to leave (it may still be writing drafts).
static LEAVING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How long a signal waits for the loop before the process leaves without it.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// A signal must work even when the loop is stuck in a slow frame: runs on the request
/// worker, not the UI thread. Drafts are already on disk (the journal has its own thread
/// and writes atomically), so restoring the terminal is all that is left to do.
async fn leave_if_stuck(signal: i32) {
    tokio::time::sleep(SIGNAL_GRACE).await;
    if !LEAVING.load(std::sync::atomic::Ordering::SeqCst) {
        terminal::leave();
        std::process::exit(128 + signal);
    }
}

/// Turns SIGTERM, SIGHUP and SIGINT into messages, so the normal teardown runs.
fn forward_signals(tx: UnboundedSender<Msg>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for (kind, number) in [
            (SignalKind::terminate(), 15),
            (SignalKind::hangup(), 1),
            (SignalKind::interrupt(), 2),
        ] {
            let tx = tx.clone();
            if let Ok(mut stream) = signal(kind) {
                tokio::spawn(async move {
                    while stream.recv().await.is_some() {
                        let _ = tx.send(Msg::Terminate { signal: number });
                        tokio::spawn(leave_if_stuck(number));
                    }
                });
            }
        }
    }
}

/// The interactive app on the real terminal.
/// `server` keys the drafts: the profile's name, else the whole base URL (or `sandbox`), so
/// a draft is only ever offered against the server it was made on.
pub async fn run_tui(
    app: App,
    client: Client,
    server: &str,
    connector: Option<Connector>,
) -> std::io::Result<u8> {
    let (terminal, _guard) = terminal::init()?;
    let journal = drafts::Journal::for_server(server);
    let mut runner = Runner::new(app, terminal, client);
    runner.connector = connector;
    match journal {
        Ok(j) => runner = runner.with_journal(j),
        Err(e) => runner.app.notice = Some(format!("Drafts are not being kept: {e}")),
    }
    if let Some(log) = writes::WriteLog::for_server(server) {
        runner = runner.with_writes(log);
    }
    if let Some(h) = history::HistoryFile::for_profile(&runner.app.source.label) {
        runner = runner.with_history(h);
    }
    if let Some(v) = views::ViewsFile::for_profile(&runner.app.source.label) {
        runner = runner.with_views(v);
    }
    forward_signals(runner.sender());
    // A test hook, not a feature: proves the terminal is restored and the report sanitised
    // when something panics mid-session.
    if let Ok(message) = std::env::var("RUNTYPE_TUI_TEST_PANIC") {
        runner.app.notice = Some("about to panic (RUNTYPE_TUI_TEST_PANIC)".into());
        runner.draw().map_err(std::io::Error::other)?;
        panic!("{message}");
    }
    // A test hook, not a feature: makes every frame slow, to prove signals are honoured
    // while the loop is stuck.
    runner.slow_draw = std::env::var("RUNTYPE_TUI_TEST_SLOW_DRAW_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(Duration::from_millis);
    let input = EventStream::new().filter_map(|e| async move { e.ok().and_then(from_event) });
    runner.run(Box::pin(input)).await
}
