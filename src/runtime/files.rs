//! The files of `:export` and `:import`: an export written through a temporary file with
//! its progress sent as it goes, an import read under a size cap, and its upload.

use crate::api::{Client, RecordFilters};
use crate::app::files::preview::MAX_IMPORT_BYTES;
use crate::app::files::{ExportFormat, Exported};
use crate::app::{Effect, Msg, Ticket};
use crate::transfer::{self, Partial};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// Progress messages are sent at most this often: enough for the eye, few for the queue.
const EVERY: Duration = Duration::from_millis(100);

/// True for the effects run here.
pub fn handles(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::Export { .. } | Effect::ReadImport { .. } | Effect::UploadCsv { .. }
    )
}

/// Runs one of the effects [`handles`] says are ours; progress goes straight to `tx`.
pub async fn run(effect: Effect, client: &Client, tx: &UnboundedSender<Msg>) -> Option<Msg> {
    Some(match effect {
        Effect::Export {
            ticket,
            path,
            format,
            filters,
            overwrite,
        } => Msg::Exported {
            ticket,
            result: export(client, (ticket, tx), &path, format, *filters, overwrite).await,
        },
        Effect::ReadImport { ticket, path } => Msg::ImportRead {
            ticket,
            result: read_import(&path).await,
        },
        Effect::UploadCsv { ticket, upload } => Msg::Uploaded {
            ticket,
            result: client.upload_csv(*upload).await,
        },
        _ => return None,
    })
}

/// `~` and `~/…` are the home directory; the result is absolute, so the status line can say
/// exactly where the file went.
pub fn expand(path: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let expanded = match (path.strip_prefix('~'), home) {
        (Some(""), Some(home)) => PathBuf::from(home),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(path),
    };
    std::path::absolute(&expanded).unwrap_or(expanded)
}

async fn export(
    client: &Client,
    (ticket, tx): (Ticket, &UnboundedSender<Msg>),
    path: &str,
    format: ExportFormat,
    filters: RecordFilters,
    overwrite: bool,
) -> Result<Exported, String> {
    let target = expand(path);
    if !overwrite && exists(&target) {
        return Err(format!(
            "{} exists; :export! {path} replaces it",
            target.display()
        ));
    }
    // Dropped unfinished (an error, or the task aborted by Esc), it removes the temp file.
    let partial = Partial::create(&target)?;
    let file = partial.file()?;
    let report = reporter(ticket, tx);
    let count = match format {
        ExportFormat::Csv => {
            let out = tokio::fs::File::from_std(file);
            transfer::csv(client, &filters, out, report).await?
        }
        ExportFormat::Jsonl => transfer::jsonl(client, filters, file, report).await?,
    };
    if !overwrite && exists(&target) {
        return Err(format!(
            "{} appeared meanwhile; not replaced",
            target.display()
        ));
    }
    partial.commit()?;
    Ok(Exported {
        path: target.display().to_string(),
        count,
    })
}

/// Sends the running count as `ExportProgress`, at most every [`EVERY`].
fn reporter(ticket: Ticket, tx: &UnboundedSender<Msg>) -> impl FnMut(u64) + Unpin + '_ {
    let mut shown: Option<Instant> = None;
    move |count| {
        if shown.is_none_or(|t| t.elapsed() >= EVERY) {
            shown = Some(Instant::now());
            let _ = tx.send(Msg::ExportProgress { ticket, count });
        }
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The whole file, if it is a file of at most [`MAX_IMPORT_BYTES`].
async fn read_import(path: &str) -> Result<(String, Vec<u8>), String> {
    let target = expand(path);
    let shown = target.display().to_string();
    let meta = tokio::fs::metadata(&target)
        .await
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown} is not a file"));
    }
    let too_big = || {
        format!(
            "{shown} is over {} MB, the most :import takes",
            MAX_IMPORT_BYTES / (1024 * 1024)
        )
    };
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    let bytes = tokio::fs::read(&target)
        .await
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    // It may have grown since it was measured.
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    Ok((shown, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_directory_and_paths_become_absolute() {
        let home = std::env::var("HOME").expect("HOME is set in tests");
        assert_eq!(expand("~/a.csv"), Path::new(&home).join("a.csv"));
        assert_eq!(expand("~"), Path::new(&home));
        assert!(expand("a.csv").is_absolute());
        assert_eq!(expand("~x/a.csv").file_name(), Some("a.csv".as_ref()));
        assert!(expand("~x/a.csv").ends_with("~x/a.csv"));
    }
}
