//! Hostile text from the server never reaches the terminal as control: every byte the app
//! writes, through the real crossterm backend, is checked while the demo data's hostile
//! records are shown in the list, the detail view, the form and an error banner.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use runtype_tui::api::{ApiError, ApiKey, Client, ErrorBody, Page, Pagination, Record};
use runtype_tui::app::{App, Effect, Msg, SaveError, Source};
use runtype_tui::runtime::Runner;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The demo records with the hostile strings first.
fn demo() -> Vec<Record> {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../assets/demo-records.json")).expect("demo data");
    let mut records: Vec<Record> = items
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            v["id"] = serde_json::json!(format!("record_{i:04}"));
            serde_json::from_value(v).expect("demo record")
        })
        .collect();
    records.sort_by_key(|r| {
        !r.name
            .chars()
            .any(|c| (c as u32) < 0x20 || (0x202a..=0x2069).contains(&(c as u32)))
    });
    records
}

/// Every escape the app itself writes is a CSI sequence (`ESC [`); data never adds OSC, DCS,
/// APC, C1 controls, BEL or bidi overrides.
fn assert_clean(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let code = c as u32;
        match c {
            '\u{1b}' => assert_eq!(
                chars.get(i + 1),
                Some(&'['),
                "a non-CSI escape at {i}: {:?}",
                &chars[i..(i + 12).min(chars.len())]
            ),
            '\r' | '\n' => {}
            _ if code < 0x20 || code == 0x7f => panic!("control {code:#x} written at {i}"),
            _ if (0x80..=0x9f).contains(&code) => panic!("C1 control {code:#x} written at {i}"),
            _ if (0x202a..=0x202e).contains(&code) || (0x2066..=0x2069).contains(&code) => {
                panic!("bidi control {code:#x} written at {i}")
            }
            _ => {}
        }
    }
}

fn key(r: &mut Runner<CrosstermBackend<Capture>>, code: KeyCode) {
    r.dispatch(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    r.draw().expect("draw");
}

#[tokio::test]
async fn hostile_records_never_write_control_bytes() {
    let capture = Capture::default();
    let backend = CrosstermBackend::new(capture.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
    let terminal = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    let client = Client::new("http://127.0.0.1:9/v1", ApiKey::new("k")).expect("client");
    let mut app = App::new(
        Source {
            label: "sandbox".into(),
        },
        120,
        40,
        1_764_000_000_000,
    );
    let ticket = match app.start().first() {
        Some(Effect::LoadPage { ticket, .. }) => *ticket,
        other => panic!("{other:?}"),
    };
    let records = demo();
    let hostile = records
        .iter()
        .take_while(|r| {
            r.name
                .chars()
                .any(|c| (c as u32) < 0x20 || (0x202a..=0x2069).contains(&(c as u32)))
        })
        .count();
    assert!(hostile >= 3, "the demo has hostile names");
    let page = Page {
        records: records.clone(),
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    let mut r = Runner::new(app, terminal, client);
    r.dispatch(Msg::PageLoaded {
        ticket,
        result: Ok(page.into()),
    });
    r.draw().expect("list");
    for (i, record) in records.iter().enumerate().take(hostile + 3) {
        // Open the detail of row i and hand it the full record, as the server would.
        r.dispatch(Msg::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE)));
        for _ in 0..i {
            key(&mut r, KeyCode::Down);
        }
        key(&mut r, KeyCode::Enter);
        let t = r
            .app
            .detail
            .as_ref()
            .and_then(|d| match d.load {
                runtype_tui::app::remote::Remote::Loading(t) => Some(t),
                _ => None,
            })
            .expect("loading");
        r.dispatch(Msg::RecordLoaded {
            ticket: t,
            result: Ok(record.clone()),
        });
        r.draw().expect("detail");
        key(&mut r, KeyCode::Char('e'));
        assert!(r.app.form.is_some());
        // A server error whose text is hostile too.
        key(&mut r, KeyCode::Char('!'));
        r.dispatch(Msg::Key(KeyEvent::new(
            KeyCode::Char('s'),
            KeyModifiers::CONTROL,
        )));
        let saving = match r.app.form.as_ref().map(|f| f.status.clone()) {
            Some(runtype_tui::app::form::SaveStatus::Saving(t)) => t,
            other => panic!("{other:?}"),
        };
        let body = ErrorBody::parse(br#"{"error":"bad \u001b]52;c;aGk=\u0007 \u009b31m \u202e","details":[{"path":"name","message":"\u001b[2J nope"}]}"#);
        r.dispatch(Msg::Saved {
            ticket: saving,
            id: record.id.clone(),
            result: Err(SaveError::Api(ApiError::Http {
                status: 400,
                body,
                retry_after: None,
            })),
        });
        r.draw().expect("form with errors");
        key(&mut r, KeyCode::Esc);
        key(&mut r, KeyCode::Char('d'));
        key(&mut r, KeyCode::Esc);
    }
    let bytes = capture.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(bytes.len() > 10_000, "the screens were drawn");
    assert_clean(&bytes);
}

#[test]
fn the_checker_itself_catches_each_kind_of_leak() {
    for bad in [
        "\u{1b}]0;x\u{7}",
        "\u{9b}31m",
        "a\u{202e}b",
        "\u{7}",
        "\u{1b}P+q",
    ] {
        assert!(
            std::panic::catch_unwind(|| assert_clean(bad.as_bytes())).is_err(),
            "{bad:?} must be caught"
        );
    }
    assert_clean("\u{1b}[31mok\u{1b}[0m".as_bytes());
}
