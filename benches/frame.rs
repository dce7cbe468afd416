//! Target 1: the cost of a frame does not grow with the number of loaded records.
//! Renders the list at 200x50 with 1 000, 100 000 and 1 000 000 records and prints the ratio.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::app::App;
use std::hint::black_box;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).expect("terminal")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| {
        black_box(runtype_tui::ui::render(app, f));
    })
    .expect("draw");
}

fn bench(c: &mut Criterion) {
    let sizes = [1_000usize, 100_000, 1_000_000];
    let apps: Vec<(usize, App)> = sizes
        .iter()
        .map(|&n| (n, common::app_with(n, 200, 50)))
        .collect();
    let mut group = c.benchmark_group("frame_200x50");
    for (n, app) in &apps {
        let mut term = terminal();
        group.bench_function(format!("{n}_records"), |b| b.iter(|| draw(&mut term, app)));
    }
    group.finish();
    let per: Vec<_> = apps
        .iter()
        .map(|(_, app)| {
            let mut term = terminal();
            common::median_per_call(9, 200, || draw(&mut term, app))
        })
        .collect();
    let ratio = per[2].as_secs_f64() / per[0].as_secs_f64();
    println!(
        "target 1: frame {:?} at 1k, {:?} at 100k, {:?} at 1M; 1M/1k = {ratio:.2} (target <= 1.25)",
        per[0], per[1], per[2]
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
