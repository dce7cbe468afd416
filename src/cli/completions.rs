//! `runtype-tui completions SHELL`: the shell's completion script, generated from the
//! command-line definitions so it never falls behind them.

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// Prints the script on stdout.
pub fn run(shell: CompletionShell) -> ExitCode {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut super::Cli::command(), "runtype-tui", &mut out);
    ExitCode::SUCCESS
}
