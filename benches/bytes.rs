//! Target 2: bytes written to the terminal per keystroke, through the real crossterm backend
//! into a counting writer, at 200x50. Also times a one-row scroll frame.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use runtype_tui::api::{ApiKey, Client};
use runtype_tui::app::Msg;
use runtype_tui::runtime::Runner;
use std::io::{BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Tty = CrosstermBackend<BufWriter<Counter>>;

fn runner(counter: &Counter) -> Runner<Tty> {
    let backend = CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, counter.clone()));
    let viewport = Viewport::Fixed(Rect::new(0, 0, 200, 50));
    let terminal = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    let client = Client::new("http://127.0.0.1:9/v1", ApiKey::new("k")).expect("client");
    Runner::new(common::app_with(10_000, 200, 50), terminal, client)
}

fn press(r: &mut Runner<Tty>, code: KeyCode) {
    r.dispatch(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    r.draw().expect("draw");
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let _guard = rt.enter();
    let counter = Counter::default();
    let mut r = runner(&counter);
    let take = || counter.0.swap(0, Ordering::Relaxed);
    r.draw().expect("first frame");
    let first = take();
    press(&mut r, KeyCode::Char('j'));
    let moved = take();
    for _ in 0..45 {
        press(&mut r, KeyCode::Char('j'));
    }
    take();
    press(&mut r, KeyCode::Char('j'));
    let scrolled = take();
    press(&mut r, KeyCode::PageDown);
    let paged = take();
    r.dispatch(Msg::Tick {
        now_ms: common::NOW,
    });
    r.draw().expect("draw");
    let idle = take();
    println!(
        "target 2: first frame {first} B (<= 10240), next row {moved} B (<= 1024), scroll one row {scrolled} B \
         (<= 4096), page down {paged} B (<= 6144), unchanged frame {idle} B (0)"
    );
    c.bench_function("scroll_one_row_frame_200x50", |b| {
        b.iter(|| press(&mut r, KeyCode::Char('j')))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
