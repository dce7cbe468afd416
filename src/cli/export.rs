//! `runtype-tui export`: the records matching a filter, as CSV (the API's export) or JSON
//! Lines (the list, paged), to a file or stdout, for scripts; uses `api` only.

mod pipe;
mod progress;

use super::Cli;
use super::connect::{self, Remote, Setup};
use crate::api::Client;
use crate::api::filter_expr::{self, FilterError};
use crate::api::query::RecordFilters;
use crate::transfer::{self, Partial};
use clap::{Args, ValueEnum};
use progress::Progress;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The API's CSV export, as the server writes it.
    Csv,
    /// One full record per line, as JSON.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Use this [profiles.NAME] of the config file [default: $RUNTYPE_PROFILE, then
    /// default_profile]
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// API base URL [default: $RUNTYPE_BASE_URL, the config file, or https://api.runtype.com/v1]
    #[arg(long)]
    pub base_url: Option<String>,
    /// Read the API key from this file (mode 600; takes precedence over $RUNTYPE_API_KEY).
    #[arg(long, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,
    /// Only the records matching EXPR, in the `:filter` syntax (`type=ticket status=open`).
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Only records of this type.
    #[arg(long = "type", value_name = "TYPE")]
    pub record_type: Option<String>,
    /// csv or jsonl [default: jsonl when FILE ends in .jsonl or .ndjson, else csv]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (it appears only once the export is complete); `-` or none is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Why an export stopped: a usage problem (exit 2), a failed export (exit 1), or a setup
/// problem the connector has already reported.
enum Failure {
    Usage(String),
    Export(String),
    Reported(ExitCode),
}

/// Runs the export; the reason for any failure goes to stderr, never a partial file to disk.
pub fn run(cli: &Cli, args: &ExportArgs) -> ExitCode {
    if let Err(code) = super::start_log(cli) {
        return code;
    }
    let result = prepare(cli, args).and_then(|(client, filters)| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| Failure::Export(format!("cannot start the async runtime: {e}")))?;
        let target = args.output.as_deref().filter(|p| *p != Path::new("-"));
        let format = args.format.unwrap_or_else(|| format_for(target));
        rt.block_on(async {
            let stop = super::StopSignals::listen();
            tokio::select! {
                done = export(&client, filters, format, target) => done.map_err(Failure::Export),
                () = stop.wait() => Err(Failure::Export("interrupted".into())),
            }
        })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => fail(2, &why),
        Err(Failure::Export(why)) => fail(1, &why),
        Err(Failure::Reported(code)) => code,
    }
}

fn fail(code: u8, why: &str) -> ExitCode {
    // Server text can reach this message; a terminal must not act on it.
    let shown: String = why
        .chars()
        .map(|c| if c.is_control() && c != '\n' { '?' } else { c })
        .collect();
    eprintln!("runtype-tui export: {shown}");
    ExitCode::from(code)
}

fn format_for(target: Option<&Path>) -> Format {
    match target.and_then(Path::extension).and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson") => Format::Jsonl,
        _ => Format::Csv,
    }
}

/// The client and the filters, or why there are none.
fn prepare(cli: &Cli, args: &ExportArgs) -> Result<(Client, RecordFilters), Failure> {
    let filters = filters(args.filter.as_deref(), args.record_type.as_deref())?;
    let setup = Setup::read().map_err(Failure::Reported)?;
    let remote = Remote {
        profile: args.profile.as_deref().or(cli.profile.as_deref()),
        base_url: args.base_url.clone().or_else(|| cli.base_url.clone()),
        api_key_file: args.api_key_file.as_deref().or(cli.api_key_file.as_deref()),
    };
    let conn = connect::connect_remote(&remote, &setup).map_err(Failure::Reported)?;
    Ok((conn.client, filters))
}

/// The query filters from `--filter` and `--type`; a filter's conditions need a type, as
/// the API's structured filter always searches one.
fn filters(expr: Option<&str>, record_type: Option<&str>) -> Result<RecordFilters, Failure> {
    let line = expr.unwrap_or_default();
    let parsed = filter_expr::parse(line).map_err(|e| Failure::Usage(filter_error(line, &e)))?;
    let ty = match (parsed.record_type.as_deref(), record_type) {
        (Some(a), Some(b)) if a != b => {
            return Err(Failure::Usage(format!(
                "--type {b} disagrees with the filter's type={a}"
            )));
        }
        (a, b) => a.or(b),
    };
    if parsed.where_.is_some() && ty.is_none() {
        return Err(Failure::Usage(
            "a filter with conditions needs a type: add type=NAME to it or pass --type".into(),
        ));
    }
    Ok(RecordFilters {
        record_type: ty.map(str::to_owned),
        record_filter: parsed.where_.as_ref().and_then(|_| parsed.to_filter(ty)),
        ..RecordFilters::default()
    })
}

/// The message, the line and a caret under the part at fault.
fn filter_error(line: &str, e: &FilterError) -> String {
    let before = line.get(..e.span.start).unwrap_or_default().chars().count();
    let width = line.get(e.span.clone()).unwrap_or(" ").chars().count();
    format!(
        "--filter: {}\n  {line}\n  {}{}",
        e.message,
        " ".repeat(before),
        "^".repeat(width.max(1))
    )
}

async fn export(
    client: &Client,
    filters: RecordFilters,
    format: Format,
    target: Option<&Path>,
) -> Result<(), String> {
    let mut progress = Progress::for_stderr(match format {
        Format::Csv => "bytes",
        Format::Jsonl => "records",
    });
    let partial = target.map(Partial::create).transpose()?;
    let file = partial.as_ref().map(Partial::file).transpose()?;
    let gone = pipe::ReaderGone::default();
    match to(format, file, client, filters, &gone, &mut progress).await {
        Err(_) if gone.happened() => return Ok(()),
        other => other?,
    }
    if let Some(p) = partial {
        p.commit()?;
    }
    progress.finish();
    Ok(())
}

/// Writes to the file, or to stdout watched for a reader that has gone.
async fn to(
    format: Format,
    file: Option<std::fs::File>,
    client: &Client,
    filters: RecordFilters,
    gone: &pipe::ReaderGone,
    progress: &mut Progress,
) -> Result<(), String> {
    let stdout = || pipe::Watched::new(tokio::io::stdout(), gone);
    let stdout_lock = || pipe::Watched::new(std::io::stdout().lock(), gone);
    match (format, file) {
        (Format::Csv, Some(f)) => {
            csv(client, &filters, tokio::fs::File::from_std(f), progress).await
        }
        (Format::Csv, None) => csv(client, &filters, stdout(), progress).await,
        (Format::Jsonl, Some(f)) => jsonl(client, filters, f, progress).await,
        (Format::Jsonl, None) => jsonl(client, filters, stdout_lock(), progress).await,
    }
}

async fn csv<W: tokio::io::AsyncWrite + Unpin>(
    client: &Client,
    filters: &RecordFilters,
    out: W,
    progress: &mut Progress,
) -> Result<(), String> {
    transfer::csv(client, filters, out, |n| progress.show(n)).await?;
    Ok(())
}

async fn jsonl(
    client: &Client,
    filters: RecordFilters,
    out: impl std::io::Write,
    progress: &mut Progress,
) -> Result<(), String> {
    transfer::jsonl(client, filters, out, |n| progress.show(n)).await?;
    Ok(())
}
