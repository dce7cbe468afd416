//! Bytes sent to the terminal per keystroke, through the real crossterm backend into a
//! counting writer: moving the selection, scrolling, paging, the first frame, and a frame in
//! which nothing changed (which must send nothing).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use runtype_tui::api::{ApiKey, Client, Page, Pagination, Record};
use runtype_tui::app::{App, Effect, Msg, Source};
use runtype_tui::runtime::Runner;
use std::io::{BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Clone, Default)]
struct Counter {
    bytes: Arc<AtomicUsize>,
    writes: Arc<AtomicUsize>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.fetch_add(buf.len(), Ordering::SeqCst);
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Counter {
    /// (bytes, writes) since the last call.
    fn take(&self) -> (usize, usize) {
        (
            self.bytes.swap(0, Ordering::SeqCst),
            self.writes.swap(0, Ordering::SeqCst),
        )
    }
}

fn record(i: usize) -> Record {
    let words = [
        "Invoice", "Login", "Export", "Webhook", "Billing", "Search", "Import", "Upgrade",
    ];
    let text = format!(
        r##"{{"id": "record_01j9z6k3m4n5p6q7r8{i:08}", "type": "{}", "name": "#{} {} issue with account {}",
            "metadata": {{"status": "{}", "priority": "{}"}}, "userId": "u",
            "createdAt": "2025-11-01T10:00:00.000Z", "updatedAt": "2025-11-{:02}T10:00:00.000Z"}}"##,
        ["ticket", "customer", "document"][i % 3],
        10_000 + i,
        words[i % words.len()],
        i * 7919 % 10_007,
        ["open", "pending", "solved"][i % 3],
        ["low", "normal", "high", "urgent"][i % 4],
        1 + i % 28
    );
    serde_json::from_str(&text).expect("record")
}

type Tty = CrosstermBackend<BufWriter<Counter>>;

fn runner(n: usize) -> (Runner<Tty>, Counter) {
    let counter = Counter::default();
    let backend = CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, counter.clone()));
    // A fixed 200x50 viewport: the test process has no terminal whose size could be asked.
    let viewport = Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 200, 50));
    let terminal = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    let client = Client::new("http://127.0.0.1:9/v1", ApiKey::new("k")).expect("client");
    let mut app = App::new(
        Source {
            label: "sandbox".into(),
        },
        200,
        50,
        1_764_000_000_000,
    );
    let ticket = match app.start().first() {
        Some(Effect::LoadPage { ticket, .. }) => *ticket,
        other => panic!("{other:?}"),
    };
    let mut r = Runner::new(app, terminal, client);
    let page = Page {
        records: (0..n).map(record).collect(),
        skipped: Vec::new(),
        pagination: Pagination {
            total_count: Some(n as u64),
            ..Pagination::default()
        },
        filters_applied: None,
    };
    r.dispatch(Msg::PageLoaded {
        ticket,
        result: Ok(page.into()),
    });
    (r, counter)
}

fn press(r: &mut Runner<Tty>, code: KeyCode) {
    r.dispatch(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    r.draw().expect("draw");
}

#[tokio::test]
async fn bytes_per_keystroke_stay_within_budget() {
    let (mut r, counter) = runner(1000);
    counter.take();
    r.draw().expect("first frame");
    let (first, writes) = counter.take();
    println!("first full frame: {first} bytes");
    assert!(first <= 10 * 1024, "first frame {first} bytes");
    assert_eq!(writes, 1, "one write per frame");

    press(&mut r, KeyCode::Char('j'));
    let (moved, writes) = counter.take();
    println!("select next row: {moved} bytes");
    assert!(moved <= 1024, "moving the selection wrote {moved} bytes");
    assert_eq!(writes, 1);

    // Walk to the last visible row, then one more: the list scrolls by one row.
    for _ in 0..45 {
        press(&mut r, KeyCode::Char('j'));
    }
    assert_eq!(r.app.list.offset, 0, "still no scrolling");
    counter.take();
    press(&mut r, KeyCode::Char('j'));
    assert_eq!(r.app.list.offset, 1);
    let (scrolled, writes) = counter.take();
    println!("scroll by one row: {scrolled} bytes");
    assert!(scrolled <= 4 * 1024, "scrolling wrote {scrolled} bytes");
    assert_eq!(
        writes, 1,
        "the scroll command goes out with the frame, not before it"
    );

    press(&mut r, KeyCode::PageDown);
    let (paged, writes) = counter.take();
    assert_eq!(writes, 1);
    println!("page down: {paged} bytes");
    assert!(paged <= 6 * 1024, "page down wrote {paged} bytes");

    r.dispatch(Msg::Tick {
        now_ms: 1_764_000_000_000,
    });
    r.draw().expect("draw");
    assert_eq!(counter.take(), (0, 0), "an unchanged frame sends nothing");
}

#[tokio::test]
async fn a_real_change_after_an_unchanged_frame_is_still_drawn() {
    let (mut r, counter) = runner(100);
    r.draw().expect("draw");
    r.draw().expect("draw");
    counter.take();
    press(&mut r, KeyCode::Char('?'));
    let (bytes, writes) = counter.take();
    assert!(
        bytes > 0 && writes == 1,
        "the help overlay is drawn ({bytes} bytes)"
    );
    press(&mut r, KeyCode::Esc);
    assert!(counter.take().0 > 0, "and removed");
}
