//! Issue 8, item 1: a huge value in the form. Pasting 1 MB into a value and showing it must
//! take under 100 ms, and each keystroke in it (update and frame) under 16 ms, for values of
//! 10 KB, 100 KB and 1 MB on one line.

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::app::form::{FieldPath, Form};
use runtype_tui::app::{App, Msg, update};
use std::hint::black_box;
use std::time::Instant;

const SIZES: [(usize, &str); 3] = [(10_000, "10KB"), (100_000, "100KB"), (1_000_000, "1MB")];

/// The list app with a form open on the template record, focus on an empty new value.
fn form_app() -> App {
    let mut app = common::app_with(100, 100, 30);
    let mut form = Form::open(&common::template());
    form.add_row();
    form.focus = FieldPath::MetadataValue(form.rows.len() - 1);
    app.form = Some(Box::new(form));
    app
}

fn text(n: usize) -> String {
    "lorem ipsum dolor sit amet, "
        .chars()
        .cycle()
        .take(n)
        .collect()
}

fn frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| {
        black_box(runtype_tui::ui::render(app, f));
    })
    .expect("draw");
}

fn paste_and_draw(mut app: App, value: &str) -> App {
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    black_box(update(&mut app, Msg::Paste(value.to_owned())));
    frame(&mut term, &app);
    app
}

fn key_and_draw(app: &mut App, term: &mut Terminal<TestBackend>) {
    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    black_box(update(app, Msg::Key(key)));
    frame(term, app);
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("form_value");
    group.sample_size(10);
    for (n, label) in SIZES {
        let value = text(n);
        group.bench_function(format!("paste_{label}"), |b| {
            b.iter_batched(
                form_app,
                |app| paste_and_draw(app, &value),
                BatchSize::LargeInput,
            )
        });
        let mut app = paste_and_draw(form_app(), &value);
        let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        group.bench_function(format!("key_{label}"), |b| {
            b.iter(|| key_and_draw(&mut app, &mut term))
        });
    }
    group.finish();
    for (n, label) in SIZES {
        let value = text(n);
        let start = Instant::now();
        let mut app = paste_and_draw(form_app(), &value);
        let paste = start.elapsed();
        let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        let key = common::median_per_call(9, 20, || key_and_draw(&mut app, &mut term));
        println!(
            "item 1: {label} value: paste shown in {paste:?} (target <= 100 ms), key to frame {key:?} (target <= 16 ms)"
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
