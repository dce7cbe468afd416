//! `:export` and `:import` as state and decisions: the export running in the background
//! (its progress, `Esc` to cancel) and the import screen (preview, upload, outcome). The
//! runtime reads and writes the files.

pub mod preview;

use super::{App, Context, Effect, Ticket};
use crate::api::ApiError;
use crate::api::ops::CsvUploadResult;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use preview::Preview;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The API's `export` endpoint, streamed as it arrives.
    Csv,
    /// The list, paged, one full record per line.
    Jsonl,
}

impl ExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &str) -> Option<Self> {
        let ext = std::path::Path::new(path).extension()?.to_str()?;
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            // The headless export takes .ndjson as JSON Lines too.
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            _ => None,
        }
    }

    /// What the progress counts.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Csv => "bytes",
            Self::Jsonl => "records",
        }
    }
}

/// The export in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRun {
    pub ticket: Ticket,
    pub path: String,
    pub format: ExportFormat,
    /// Bytes or records written so far.
    pub count: u64,
}

/// A finished export: the file's full path and how many bytes or records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: String,
    pub count: u64,
}

/// The `:import` screen.
#[derive(Debug, Clone)]
pub struct ImportScreen {
    /// As typed, until the runtime answers with the full path.
    pub path: String,
    pub stage: ImportStage,
    /// Lines scrolled off the top.
    pub scroll: u16,
}

#[derive(Debug, Clone)]
pub enum ImportStage {
    Reading(Ticket),
    Preview(Box<Preview>),
    /// Sent (or waiting for a protected profile's name).
    Uploading(Ticket, Box<Preview>),
    Done(Box<CsvUploadResult>),
}

impl App {
    /// `:export FILE`: the list's filters as the server takes them, written by the runtime.
    pub(super) fn start_export(&mut self, path: String, overwrite: bool) -> Vec<Effect> {
        if let Some(run) = &self.export {
            self.notice = Some(format!(
                "An export to {} is running: wait for it, or Esc cancels it.",
                run.path
            ));
            return Vec::new();
        }
        let Some(format) = ExportFormat::of(&path) else {
            self.notice = Some("Export to a .csv or a .jsonl file.".into());
            return Vec::new();
        };
        let ticket = self.ticket();
        let filters = Box::new(self.list.query(None).filters);
        self.export = Some(ExportRun {
            ticket,
            path: path.clone(),
            format,
            count: 0,
        });
        vec![Effect::Export {
            ticket,
            path,
            format,
            filters,
            overwrite,
        }]
    }

    pub(super) fn on_export_progress(&mut self, ticket: Ticket, count: u64) -> Vec<Effect> {
        if let Some(run) = self.export.as_mut().filter(|r| r.ticket == ticket) {
            run.count = count;
        }
        Vec::new()
    }

    pub(super) fn on_exported(
        &mut self,
        ticket: Ticket,
        result: Result<Exported, String>,
    ) -> Vec<Effect> {
        let Some(run) = self.export.take_if(|r| r.ticket == ticket) else {
            return Vec::new();
        };
        self.notice = Some(match result {
            Ok(done) if done.count == 0 && run.format == ExportFormat::Csv => {
                format!("Nothing matched: {} is empty.", done.path)
            }
            Ok(done) => format!(
                "Exported {} {} to {}.",
                done.count,
                run.format.unit(),
                done.path
            ),
            Err(e) => format!("Export to {} failed, no file written: {e}", run.path),
        });
        Vec::new()
    }

    fn cancel_export(&mut self) -> Vec<Effect> {
        let Some(run) = self.export.take() else {
            return Vec::new();
        };
        self.notice = Some(format!("Export cancelled: {} was not written.", run.path));
        vec![Effect::CancelExport { ticket: run.ticket }]
    }

    /// `:import FILE.csv`: refused at once on a read-only profile, else the file is read
    /// for its preview.
    pub(super) fn start_import(&mut self, path: String) -> Vec<Effect> {
        if self.refuse_read_only("importing") {
            return Vec::new();
        }
        let ticket = self.ticket();
        self.import = Some(ImportScreen {
            path: path.clone(),
            stage: ImportStage::Reading(ticket),
            scroll: 0,
        });
        vec![Effect::ReadImport { ticket, path }]
    }

    pub(super) fn on_import_read(
        &mut self,
        ticket: Ticket,
        result: Result<(String, Vec<u8>), String>,
    ) -> Vec<Effect> {
        let Some(screen) = self.import.as_mut() else {
            return Vec::new();
        };
        if !matches!(screen.stage, ImportStage::Reading(t) if t == ticket) {
            return Vec::new();
        }
        let type_in_effect = self.list.filter.record_type.clone();
        let preview = result.and_then(|(full, bytes)| {
            screen.path = full;
            let name = std::path::Path::new(&screen.path)
                .file_name()
                .map_or("import.csv".into(), |n| n.to_string_lossy().into_owned());
            preview::build(&name, bytes, type_in_effect.as_deref())
        });
        match preview {
            Ok(p) => screen.stage = ImportStage::Preview(Box::new(p)),
            Err(e) => {
                self.notice = Some(format!("Cannot import {}: {e}", screen.path));
                self.import = None;
            }
        }
        Vec::new()
    }

    /// Enter on the preview: upload, once a protected profile's name is typed.
    fn upload(&mut self) -> Vec<Effect> {
        if self.refuse_read_only("importing") {
            return Vec::new();
        }
        let ticket = self.ticket();
        let Some(screen) = self.import.as_mut() else {
            return Vec::new();
        };
        let stage = std::mem::replace(&mut screen.stage, ImportStage::Reading(ticket));
        let ImportStage::Preview(p) = stage else {
            screen.stage = stage;
            return Vec::new();
        };
        if p.rows == 0 {
            screen.stage = ImportStage::Preview(p);
            self.notice = Some("Nothing to import: the file has no rows under its header.".into());
            return Vec::new();
        }
        let upload = Box::new(p.upload.clone());
        screen.stage = ImportStage::Uploading(ticket, p);
        self.confirmed_write(vec![Effect::UploadCsv { ticket, upload }])
    }

    /// The protected profile's name was not typed: the preview is back, nothing was sent.
    pub(super) fn import_not_confirmed(&mut self) {
        let Some(screen) = self.import.as_mut() else {
            return;
        };
        let stage = std::mem::replace(&mut screen.stage, ImportStage::Reading(Ticket(0)));
        screen.stage = match stage {
            ImportStage::Uploading(_, p) => ImportStage::Preview(p),
            other => other,
        };
    }

    pub(super) fn on_uploaded(
        &mut self,
        ticket: Ticket,
        result: Result<CsvUploadResult, ApiError>,
    ) -> Vec<Effect> {
        let Some(screen) = self.import.as_mut() else {
            return Vec::new();
        };
        let stage = std::mem::replace(&mut screen.stage, ImportStage::Reading(Ticket(0)));
        let preview = match stage {
            ImportStage::Uploading(t, p) if t == ticket => p,
            other => {
                screen.stage = other;
                return Vec::new();
            }
        };
        match result {
            Ok(done) => {
                self.notice = Some(format!(
                    "Imported {}: {} created, {} failed.",
                    screen.path, done.created, done.errors
                ));
                screen.stage = ImportStage::Done(Box::new(done));
                screen.scroll = 0;
                vec![self.load_first_page()]
            }
            Err(e) => {
                self.notice = Some(format!("Nothing imported: {e}"));
                screen.stage = ImportStage::Preview(preview);
                Vec::new()
            }
        }
    }

    /// Keys for the import screen, and `Esc` for a running export; `None` leaves the key to
    /// the rest of the app (a prompt or question above them always gets it).
    pub(super) fn files_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        if self.guard.is_some() || self.prompt.is_some() {
            return None;
        }
        if self.import.is_some() {
            return Some(self.on_import_key(key));
        }
        // Only on the list: Esc in the detail view or a form must still just close it, and
        // an export is not worth losing to a key meant for something else.
        let cancels =
            key.code == KeyCode::Esc && self.export.is_some() && self.context() == Context::List;
        cancels.then(|| self.cancel_export())
    }

    fn on_import_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return self.interrupt();
        }
        let Some(screen) = self.import.as_mut() else {
            return Vec::new();
        };
        let last = u16::try_from(screen_lines(screen).len().saturating_sub(1)).unwrap_or(u16::MAX);
        let uploading = matches!(screen.stage, ImportStage::Uploading(..));
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => screen.scroll = (screen.scroll + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => screen.scroll = screen.scroll.saturating_sub(1),
            KeyCode::PageDown => screen.scroll = screen.scroll.saturating_add(10).min(last),
            KeyCode::PageUp => screen.scroll = screen.scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => screen.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => screen.scroll = last,
            KeyCode::Enter if matches!(screen.stage, ImportStage::Preview(_)) => {
                return self.upload();
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter if uploading => {
                self.notice = Some("The upload is under way; its outcome shows here.".into());
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => {
                if matches!(screen.stage, ImportStage::Preview(_)) {
                    self.notice = Some("Import cancelled: nothing was sent.".into());
                }
                self.import = None;
            }
            _ => {}
        }
        Vec::new()
    }
}

/// The import screen's text, line by line (the view draws these; the scroll is clamped to
/// them). Text from the file is left as it is: the view makes it safe.
pub fn screen_lines(screen: &ImportScreen) -> Vec<String> {
    match &screen.stage {
        ImportStage::Reading(_) => vec![format!("Reading {}…", screen.path)],
        ImportStage::Preview(p) => preview_lines(&screen.path, p),
        ImportStage::Uploading(..) => vec![format!("Uploading {}…", screen.path)],
        ImportStage::Done(done) => outcome_lines(done),
    }
}

fn preview_lines(path: &str, p: &Preview) -> Vec<String> {
    let mut lines = vec![
        format!("{path}: {} rows, {} columns", p.rows, p.columns.len()),
        String::new(),
        "Columns".to_owned(),
    ];
    for (header, target) in &p.columns {
        let to = match target {
            preview::Target::Name => "name".to_owned(),
            preview::Target::Type => "type".to_owned(),
            preview::Target::Metadata(key) => format!("metadata.{key}"),
        };
        lines.push(format!("  {header} → {to}"));
    }
    if let Some(t) = &p.type_value {
        lines.push(format!("  (no type column: every record gets type {t})"));
    }
    lines.push(String::new());
    if p.bad.is_empty() {
        lines.push("No row fails the local checks.".to_owned());
    } else {
        lines.push(format!("Rows that would fail ({})", p.bad.len()));
        lines.extend(
            p.bad
                .iter()
                .map(|b| format!("  Row {}: {}", b.row, b.reason)),
        );
    }
    if !p.extra.is_empty() {
        lines.push(format!(
            "Rows with more fields than the header ({})",
            p.extra.len()
        ));
        lines.extend(
            p.extra
                .iter()
                .map(|b| format!("  Row {}: {}", b.row, b.reason)),
        );
    }
    lines.push(String::new());
    lines.push(format!("First rows ({} of {})", p.first.len(), p.rows));
    for (row, cells) in &p.first {
        lines.push(format!("  Row {row}: {}", cells.join(" | ")));
    }
    lines
}

fn outcome_lines(done: &CsvUploadResult) -> Vec<String> {
    let mut lines = vec![
        format!("{} created, {} failed", done.created, done.errors),
        done.message.clone(),
        "(upload-csv only creates records; it never updates one)".to_owned(),
    ];
    for w in &done.warnings {
        if let (Some(from), Some(to)) = (&w.from, &w.to) {
            lines.push(format!("Key {from:?} was stored as {to:?}"));
        }
    }
    if !done.error_details.is_empty() {
        lines.push(String::new());
        lines.push(format!("Failed rows ({})", done.error_details.len()));
        lines.extend(done.error_details.iter().map(|d| format!("  {d}")));
    }
    lines
}

#[cfg(test)]
mod tests;
