//! The only code with I/O: the event loop, effect execution, terminal setup, signals.
//!
//! The loop takes one message (queued effect results first, then terminal input, then time),
//! applies it with `app::update`, drains whatever else is already queued, and draws once.

mod effects;
pub mod terminal;

use crate::api::Client;
use crate::app::{App, Effect, Msg, update};
use crate::ui;
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
pub struct Runner<B: Backend> {
    pub app: App,
    pub terminal: Terminal<B>,
    client: Client,
    tx: UnboundedSender<Msg>,
    rx: UnboundedReceiver<Msg>,
}

impl<B: Backend> Runner<B> {
    pub fn new(app: App, terminal: Terminal<B>, client: Client) -> Self {
        let (tx, rx) = unbounded_channel();
        Self {
            app,
            terminal,
            client,
            tx,
            rx,
        }
    }

    /// A sender for messages from outside (signals, tests).
    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    /// Draws the first frame (a loading state) before any answer, then asks for data.
    pub fn start(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        self.dispatch(Msg::Resize {
            width: size.width,
            height: size.height,
        });
        let effects = self.app.start();
        self.draw()?;
        self.spawn(effects);
        Ok(())
    }

    fn spawn(&self, effects: Vec<Effect>) {
        for e in effects {
            effects::spawn(e, &self.client, &self.tx);
        }
    }

    pub fn draw(&mut self) -> Result<(), B::Error> {
        let app = &self.app;
        self.terminal.draw(|f| ui::render(app, f)).map(drop)
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
                return Ok(code);
            }
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
                    }
                });
            }
        }
    }
}

/// The interactive app on the real terminal.
pub async fn run_tui(app: App, client: Client) -> std::io::Result<u8> {
    let (terminal, _guard) = terminal::init()?;
    let runner = Runner::new(app, terminal, client);
    forward_signals(runner.sender());
    let input = EventStream::new().filter_map(|e| async move { e.ok().and_then(from_event) });
    runner.run(Box::pin(input)).await
}
