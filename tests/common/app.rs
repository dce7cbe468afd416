//! Driving the whole app (real runtime, `TestBackend`) against a sandbox.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::api::{ApiKey, Client, ClientConfig};
use runtype_tui::app::{App, Msg, Source};
use runtype_tui::runtime::{Runner, now_ms};
use runtype_tui::sandbox::SandboxHandle;
use std::time::Duration;

/// Generous: these wait on a real server; scaled by RUNTYPE_TEST_TIME_SCALE on slow machines.
pub fn deadline() -> Duration {
    super::scaled(10)
}

pub async fn runner(sb: &SandboxHandle) -> Runner<TestBackend> {
    runner_with(sb, ClientConfig::default()).await
}

/// The app at 100x30 on `sb`, its client configured as given (short timeouts, no retries).
pub async fn runner_with(sb: &SandboxHandle, config: ClientConfig) -> Runner<TestBackend> {
    runner_at(&sb.base_url(), sb.api_key(), config).await
}

/// The app at 100x30 on any server (a hostile stand-in, say).
pub async fn runner_at(base_url: &str, key: &str, config: ClientConfig) -> Runner<TestBackend> {
    let mut r = runner_unstarted_at(base_url, key, config);
    r.start().expect("first frame");
    r
}

/// The app before its first request, for attaching files (history, views) first.
pub fn runner_unstarted(sb: &SandboxHandle, config: ClientConfig) -> Runner<TestBackend> {
    runner_unstarted_at(&sb.base_url(), sb.api_key(), config)
}

fn runner_unstarted_at(base_url: &str, key: &str, config: ClientConfig) -> Runner<TestBackend> {
    let client = Client::with_config(base_url, ApiKey::new(key), config).expect("client");
    let app = App::new(
        Source {
            label: "sandbox".into(),
        },
        100,
        30,
        now_ms(),
    );
    let terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    Runner::new(app, terminal, client)
}

pub fn key(r: &mut Runner<TestBackend>, code: KeyCode, mods: KeyModifiers) {
    r.dispatch(Msg::Key(KeyEvent::new(code, mods)));
    r.draw().expect("draw");
}

pub fn type_text(r: &mut Runner<TestBackend>, text: &str) {
    for c in text.chars() {
        key(r, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

pub fn screen(r: &Runner<TestBackend>) -> String {
    let buf = r.terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn wait(r: &mut Runner<TestBackend>, what: &str, done: impl Fn(&App) -> bool) {
    let ok = r.wait_for(deadline(), done).await.expect("draw");
    assert!(ok, "timed out waiting for: {what}\n{}", screen(r));
}

/// Waits until the open form's save has landed.
pub async fn saved(r: &mut Runner<TestBackend>) {
    wait(r, "the save", |a| {
        a.form
            .as_ref()
            .is_some_and(|f| matches!(f.status, runtype_tui::app::form::SaveStatus::Saved { .. }))
    })
    .await;
}

/// A profile, read-only and/or protected as asked, its name drawn in magenta.
pub fn profile(name: &str, read_only: bool, protected: bool) -> runtype_tui::app::profile::Profile {
    runtype_tui::app::profile::Profile {
        name: name.into(),
        read_only,
        protected,
        confirm_every_write: false,
        color: Some("magenta".into()),
    }
}
