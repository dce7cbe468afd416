//! The headless export's progress line on stderr, shown only when a person is watching it.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A count on stderr, redrawn at most every tenth of a second; silent when stderr is not a
/// terminal (a script's log should not fill with carriage returns).
pub struct Progress {
    unit: &'static str,
    on: bool,
    shown: Option<Instant>,
    last: u64,
}

const EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn for_stderr(unit: &'static str) -> Self {
        Self {
            unit,
            on: std::io::stderr().is_terminal(),
            shown: None,
            last: 0,
        }
    }

    pub fn show(&mut self, n: u64) {
        self.last = n;
        if !self.on || self.shown.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.shown = Some(Instant::now());
        eprint!("\rexported {n} {}", self.unit);
    }

    pub fn finish(&self) {
        if self.on {
            eprintln!("\rexported {} {}", self.last, self.unit);
        }
    }
}
