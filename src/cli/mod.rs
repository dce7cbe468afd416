//! Command-line definitions and dispatch; `main.rs` only calls [`run`].

mod completions;
mod connect;
pub mod export;
pub mod keys;

use crate::app::{App, Source};
use crate::runtime;
use crate::sandbox::{self, Sandbox, SandboxOptions, Seed};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(
    name = "runtype-tui",
    version,
    about = "Browse, triage and edit Runtype Records from the terminal"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Run on the embedded local sandbox (demo data, no key needed, works offline).
    #[arg(long)]
    pub sandbox: bool,
    /// Delay every sandbox request by this many milliseconds (to feel a slow network).
    #[arg(long, default_value_t = 0, requires = "sandbox")]
    pub sandbox_latency_ms: u64,
    /// Use this [profiles.NAME] of the config file [default: $RUNTYPE_PROFILE, then
    /// default_profile]
    #[arg(long, value_name = "NAME", conflicts_with = "sandbox")]
    pub profile: Option<String>,
    /// API base URL [default: $RUNTYPE_BASE_URL, the config file, or https://api.runtype.com/v1]
    #[arg(long)]
    pub base_url: Option<String>,
    /// Read the API key from this file (mode 600; takes precedence over $RUNTYPE_API_KEY).
    #[arg(long, value_name = "PATH")]
    pub api_key_file: Option<std::path::PathBuf>,
    /// Write a support log (requests, effects, save outcomes; never the key) to PATH. Off
    /// unless asked; RUNTYPE_LOG=debug (or trace) turns it on, at
    /// ~/.local/state/runtype-tui/runtype-tui.log on Linux unless PATH is given.
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the local sandbox of the Records API (SQLite-backed, seeded with demo data).
    Serve(ServeArgs),
    /// Write the records matching a filter to a file or stdout, as CSV or JSON Lines.
    Export(export::ExportArgs),
    /// Print the shell completion script for bash, zsh or fish.
    Completions {
        #[arg(value_enum)]
        shell: completions::CompletionShell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OmittedMetadata {
    Keep,
    Clear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeedArg {
    Demo,
    None,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// SQLite file, or `:memory:` [default: sandbox.sqlite3 in the user's data directory]
    #[arg(long)]
    pub db: Option<String>,
    /// The API key clients must send.
    #[arg(long, default_value = sandbox::DEFAULT_KEY)]
    pub api_key: String,
    /// A second key that may only read (writes get 403).
    #[arg(long)]
    pub read_only_key: Option<String>,
    /// Seed a new database with the demo records, or leave it empty.
    #[arg(long, value_enum, default_value_t = SeedArg::Demo)]
    pub seed: SeedArg,
    /// Add this many synthetic records at start (for scale work).
    #[arg(long, default_value_t = 0)]
    pub generate: usize,
    /// PUT merges `metadata` shallowly instead of replacing it.
    #[arg(long)]
    pub metadata_merge: bool,
    /// What a PUT without `metadata` does to it: keep it, or clear it (the docs' "defaults
    /// to {}" read literally).
    #[arg(long, value_enum, default_value_t = OmittedMetadata::Keep)]
    pub put_omitted_metadata: OmittedMetadata,
    /// Delay every request by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
}

/// Where the sandbox keeps its database unless told otherwise.
pub fn default_sandbox_db() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("com", "runtype", "runtype-tui")
        .map(|d| d.data_dir().join("sandbox.sqlite3"))
}

impl ServeArgs {
    fn options(&self) -> Result<SandboxOptions, String> {
        let db = match &self.db {
            Some(db) => db.clone(),
            None => default_sandbox_db()
                .ok_or("cannot find a data directory for the sandbox database; pass --db PATH or --db :memory:")?
                .to_string_lossy()
                .into_owned(),
        };
        Ok(SandboxOptions {
            listen: self.listen,
            db,
            api_key: self.api_key.clone(),
            read_only_key: self.read_only_key.clone(),
            seed: match self.seed {
                SeedArg::Demo => Seed::Demo,
                SeedArg::None => Seed::None,
            },
            generate: self.generate,
            metadata_merge: self.metadata_merge,
            put_omitted_metadata_clear: self.put_omitted_metadata == OmittedMetadata::Clear,
            latency: Duration::from_millis(self.latency_ms),
        })
    }
}

/// Parses the arguments and runs the chosen command.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match &cli.command {
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Export(args)) => export::run(&cli, args),
        Some(Command::Completions { shell }) => completions::run(*shell),
        None => tui(&cli),
    }
}

/// Fails with a message and exit code 2 (a usage or setup problem).
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    // Line by line, so a list of problems reads as a list; each line is made safe.
    let text = message.to_string();
    let lines: Vec<_> = text.lines().map(crate::ui::text::safe).collect();
    eprintln!("runtype-tui: {}", lines.join("\n"));
    ExitCode::from(2)
}

/// Why the terminal cannot host the app, if it cannot: not a terminal, or one that says it
/// understands no escape codes (`TERM=dumb`).
fn unfit_terminal() -> Option<&'static str> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Some(
            "stdout is not a terminal; runtype-tui is an interactive program (run it in a terminal)",
        );
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Some(
            "TERM=dumb: this terminal does not understand the escape codes a full-screen \
             program needs; run runtype-tui in a terminal such as xterm (TERM=xterm-256color)",
        );
    }
    None
}

/// Starts the support log if the flag or `RUNTYPE_LOG` asks for it.
fn start_log(cli: &Cli) -> Result<(), ExitCode> {
    let env = std::env::var("RUNTYPE_LOG").ok();
    let Some((path, level)) = crate::log::choose(cli.log_file.as_deref(), env.as_deref()) else {
        return Ok(());
    };
    crate::log::init(&path, level).map_err(usage_error)?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "runtype-tui starts");
    Ok(())
}

fn tui(cli: &Cli) -> ExitCode {
    if let Err(code) = start_log(cli) {
        return code;
    }
    // Setup problems (no key, a broken config file) are reported first; the sandbox is not
    // started at all when there is no terminal to show it on.
    if let (true, Some(why)) = (cli.sandbox, unfit_terminal()) {
        return usage_error(why);
    }
    let setup = match connect::Setup::read() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let theme = match setup.theme() {
        Ok(t) => t,
        Err(code) => return code,
    };
    // Checked with the theme, before connecting: a mistake stops the start at once.
    let keymap = keys::keymap(&setup.file);
    if let (Err(why), false) = (&keymap, cli.sandbox) {
        return usage_error(in_file(&setup, why));
    }
    let conn = match connect::connect(cli, &setup) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(why) = unfit_terminal() {
        return usage_error(why);
    }
    // The UI loop runs on this thread; one worker runs requests and decoding beside it.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build();
    let rt = match runtime {
        Ok(rt) => rt,
        Err(e) => return usage_error(format!("cannot start the async runtime: {e}")),
    };
    // Drafts belong to one server: the profile (the directory name is the profile), else
    // the sandbox or the whole base URL (`drafts::server_dir_name`).
    let server = match &conn.profile {
        Some(p) => p.name.clone(),
        None => runtime::drafts::server_dir_name(cli.sandbox, conn.client.base_url().as_str()),
    };
    let mut app = App::new(Source { label: conn.label }, 80, 24, runtime::now_ms());
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.key_source = Some(conn.key_source);
    app.profile = conn.profile;
    app.profile_names = Some(setup.file.profiles.keys().cloned().collect());
    app.theme = theme;
    if let Err(code) = set_keys(&mut app, cli, &setup, keymap) {
        return code;
    }
    let connector = setup.connector();
    match rt.block_on(runtime::run_tui(app, conn.client, &server, connector)) {
        Ok(code) => ExitCode::from(code),
        Err(e) => usage_error(e),
    }
}

/// The key map and the triage keys from the config file. The sandbox never needed the file:
/// with a mistake in it, it runs with the default keys and says why.
fn set_keys(
    app: &mut App,
    cli: &Cli,
    setup: &connect::Setup,
    keymap: Result<crate::app::action::Keymap, String>,
) -> Result<(), ExitCode> {
    match keymap {
        Ok(keymap) => app.keymap = keymap,
        Err(why) => start_notice(app, "keys", &why),
    }
    match triage_keys(setup) {
        Ok(keys) => app.triage_keys = keys,
        Err(why) if cli.sandbox => start_notice(app, "triage", &why),
        Err(why) => return Err(usage_error(why)),
    }
    Ok(())
}

/// A config problem the sandbox starts despite: every line of it goes to the message log
/// (`M`), which the status line points to, since one line cannot hold a list.
fn start_notice(app: &mut App, part: &str, why: &str) {
    for line in why.lines().map(str::trim).filter(|l| !l.is_empty()) {
        app.messages.push(
            app.now_ms,
            format!("config file not used for {part}: {line}"),
        );
    }
    let first = why.lines().next().unwrap_or_default();
    app.notice = Some(format!(
        "config file not used for {part}: {first} (M lists every problem)"
    ));
}

/// A problem in the config file, with the file named.
fn in_file(setup: &connect::Setup, why: &str) -> String {
    let path = setup.path.as_deref().map(|p| p.display().to_string());
    format!(
        "{}: {why}",
        path.unwrap_or_else(|| "the config file".into())
    )
}

/// The triage keys: the defaults, with the config file's `[triage]` table on top.
fn triage_keys(setup: &connect::Setup) -> Result<crate::app::triage::Keymap, String> {
    let triage = setup.file.triage.clone().unwrap_or_default();
    crate::app::triage::Keymap::from_config(triage.me, &triage.keys).map_err(|e| {
        let path = setup.path.as_deref().map(|p| p.display().to_string());
        format!("{}: {e}", path.unwrap_or_else(|| "the config file".into()))
    })
}

fn serve(args: &ServeArgs) -> ExitCode {
    let opts = match args.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("runtype-tui serve: {e}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("runtype-tui serve: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let db = opts.db.clone();
        let handle = match Sandbox::start(opts).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!("runtype-tui serve: {e}");
                return ExitCode::FAILURE;
            }
        };
        // Listen for the stop signals before saying "listening": whoever reads that line
        // may send SIGTERM at once, and an unhandled one would kill without a clean stop.
        let stop = StopSignals::listen();
        println!("listening on http://{}", handle.addr());
        eprintln!(
            "database: {db}\nAPI key: {}\nbase URL: {}",
            handle.api_key(),
            handle.base_url()
        );
        stop.wait().await;
        handle.shutdown().await;
        ExitCode::SUCCESS
    })
}

/// SIGINT and SIGTERM (Ctrl-C elsewhere), registered when made.
pub(crate) struct StopSignals {
    #[cfg(unix)]
    streams: Vec<tokio::signal::unix::Signal>,
}

impl StopSignals {
    pub(crate) fn listen() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let streams = [SignalKind::terminate(), SignalKind::interrupt()]
                .into_iter()
                .filter_map(|k| signal(k).ok())
                .collect();
            Self { streams }
        }
        #[cfg(not(unix))]
        Self {}
    }

    /// Resolves on the first of them.
    pub(crate) async fn wait(self) {
        #[cfg(unix)]
        if !self.streams.is_empty() {
            let waits = self.streams.into_iter().map(|mut s| {
                Box::pin(async move {
                    s.recv().await;
                })
            });
            futures_util::future::select_all(waits).await;
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Source};

    /// With `--sandbox` a bad `[keys]` table does not stop the start: each of its problems
    /// is in the message log, and the status line says so.
    #[test]
    fn each_config_problem_the_sandbox_starts_despite_is_in_the_log() {
        let mut app = App::new(Source { label: "t".into() }, 100, 30, 0);
        let why = "[keys] is not valid:\n  line 4: one\n  line 8: two";
        super::start_notice(&mut app, "keys", why);
        let logged: Vec<&str> = app.messages.entries().map(|e| e.text.as_str()).collect();
        assert_eq!(logged.len(), 3, "{logged:?}");
        assert!(logged[2].ends_with("line 8: two"), "{logged:?}");
        let notice = app.notice.unwrap_or_default();
        assert!(notice.contains("M lists every problem"), "{notice}");
    }
}
