//! The `runtype-tui` binary: everything lives in the library; this only hands over the arguments.

fn main() -> std::process::ExitCode {
    runtype_tui::cli::run(std::env::args_os())
}
