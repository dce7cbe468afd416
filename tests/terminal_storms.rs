//! Resize storms and tiny terminals: no panic, and the last frame is right for the last size.

mod common;

use common::app::screen;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::api::{ApiKey, Client};
use runtype_tui::app::{App, Msg, Source};
use runtype_tui::runtime::Runner;
use runtype_tui::sandbox::{Sandbox, SandboxOptions};
use std::time::Duration;

#[tokio::test]
async fn two_hundred_resizes_including_zero_and_one() {
    let sb = Sandbox::start(SandboxOptions::default())
        .await
        .expect("sandbox");
    let client = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    let app = App::new(
        Source {
            label: "sandbox".into(),
        },
        80,
        24,
        0,
    );
    let mut r = Runner::new(
        app,
        Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
        client,
    );
    r.start().expect("start");
    assert!(
        r.wait_for(Duration::from_secs(10), |a| !a.list.records.is_empty())
            .await
            .expect("draw")
    );
    let tx = r.sender();
    let mut rng = fastrand::Rng::with_seed(3);
    let mut sizes: Vec<(u16, u16)> = (0..197)
        .map(|_| (rng.u16(0..250), rng.u16(0..80)))
        .collect();
    sizes.extend([(0, 0), (1, 1), (100, 30)]);
    for &(width, height) in &sizes {
        tx.send(Msg::Resize { width, height }).expect("queued");
        tx.send(Msg::Key(KeyEvent::new(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
        )))
        .expect("queued");
    }
    r.terminal.backend_mut().resize(100, 30);
    assert!(
        r.wait_for(Duration::from_secs(10), |a| (a.width, a.height)
            == (100, 30))
            .await
            .expect("draw")
    );
    let text = screen(&r);
    assert!(text.lines().count() == 30 && text.lines().all(|l| l.chars().count() == 100));
    assert!(text.starts_with(" Records · sandbox"), "{text}");
    // 200 presses of j over the first page of 100: the selection reached its end.
    assert_eq!(r.app.list.selected, 99, "every queued key was applied");

    // A terminal too small says so, and q still quits.
    r.terminal.backend_mut().resize(12, 3);
    r.dispatch(Msg::Resize {
        width: 12,
        height: 3,
    });
    r.draw().expect("draw");
    assert!(screen(&r).contains("small"), "{}", screen(&r));
    r.dispatch(Msg::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )));
    assert_eq!(r.app.exit, Some(0));
}
