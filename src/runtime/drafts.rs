//! The draft journal on disk. Each running instance owns a directory of drafts, one file per
//! open edit, written atomically (unique temp file, fsync, rename) and private to the user
//! (files 0600, directories 0700). A lock file held for the life of the instance tells the
//! drafts of a running instance from those of one that crashed or was killed: only the
//! latter are offered at start, so two instances never take each other's edits.

use crate::app::form::draft::Draft;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Journal {
    /// `<state dir>/drafts/<server>/`: every instance's drafts for one server.
    dir: PathBuf,
    /// This instance's own directory inside `dir`.
    own: PathBuf,
    /// Held (locked) until the process ends; the OS releases it even on `kill -9`.
    _lock: fs::File,
    temp_seq: AtomicU64,
}

/// Keeps only characters that are safe in a file name.
pub fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn private_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// True when the instance that owns `name` (a directory in the journal) still runs.
fn is_running(dir: &Path, name: &str) -> bool {
    let Ok(file) = fs::File::open(dir.join(format!("{name}.lock"))) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        // Cannot tell: leave its drafts alone rather than take a live instance's edits.
        Err(fs::TryLockError::Error(_)) => true,
    }
}

/// The journal directory of a server: `sandbox` for the embedded one (its port changes, its
/// data does not), else the whole base URL, so two servers on one host never share drafts.
pub fn server_dir_name(sandbox: bool, base_url: &str) -> String {
    if sandbox {
        "sandbox".to_owned()
    } else {
        file_safe(base_url)
    }
}

impl Journal {
    /// `<state dir>/drafts/<server>/`, e.g. `~/.local/state/runtype-tui/drafts/sandbox/`.
    /// `server` names the server the edits belong to ([`server_dir_name`]).
    pub fn for_server(server: &str) -> io::Result<Self> {
        let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")
            .ok_or_else(|| io::Error::other("no home directory to keep drafts in"))?;
        let base = dirs
            .state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_owned();
        Self::open(base.join("drafts").join(server))
    }

    /// Takes a new instance directory in `dir` and locks it for this process.
    pub fn open(dir: PathBuf) -> io::Result<Self> {
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
        private_dir(&dir).map_err(named)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let name = format!("{}-{nanos}", std::process::id());
        let lock = private_file(&dir.join(format!("{name}.lock"))).map_err(named)?;
        lock.lock().map_err(named)?;
        Ok(Self {
            own: dir.join(name),
            dir,
            _lock: lock,
            temp_seq: AtomicU64::new(0),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, record_id: &str) -> PathBuf {
        self.own.join(format!("{}.json", file_safe(record_id)))
    }

    /// Writes a draft so that a crash at any moment leaves either the old or the new file.
    pub fn write(&self, draft: &Draft) -> io::Result<PathBuf> {
        private_dir(&self.own)?;
        let path = self.path_of(&draft.base.id);
        let seq = self.temp_seq.fetch_add(1, Ordering::Relaxed);
        let tmp = path.with_extension(format!("json.{seq}.tmp"));
        let written = (|| {
            let mut file = private_file(&tmp)?;
            file.write_all(&serde_json::to_vec(draft).map_err(io::Error::other)?)?;
            file.sync_all()?;
            fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        if let Ok(dir) = fs::File::open(&self.own) {
            let _ = dir.sync_all();
        }
        Ok(path)
    }

    /// Removes this instance's draft of a record (saved or discarded).
    pub fn delete(&self, record_id: &str) -> io::Result<()> {
        gone_is_fine(fs::remove_file(self.path_of(record_id)))
    }

    /// Removes a draft left by an instance that no longer runs (resumed or discarded), and
    /// that instance's directory once it is empty.
    pub fn delete_file(&self, path: &str) -> io::Result<()> {
        let path = Path::new(path);
        if !path.starts_with(&self.dir) || path.starts_with(&self.own) {
            return Err(io::Error::other("not a draft of an earlier session"));
        }
        gone_is_fine(fs::remove_file(path))?;
        if let Some(parent) = path.parent().filter(|p| *p != self.dir)
            && fs::remove_dir(parent).is_ok()
            && let Some(name) = parent.file_name()
        {
            let _ = fs::remove_file(self.dir.join(format!("{}.lock", name.to_string_lossy())));
        }
        Ok(())
    }

    /// Drafts left by instances that no longer run, each with the file it came from; files
    /// that cannot be read are reported with their path, never skipped silently.
    pub fn list(&self) -> (Vec<Draft>, Vec<String>) {
        let mut drafts = Vec::new();
        let mut problems = Vec::new();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return (drafts, problems);
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if path != self.own && !is_running(&self.dir, &name) {
                    read_drafts(&path, &mut drafts, &mut problems);
                    self.sweep(&path, &name);
                }
            } else if let Some(instance) = name.strip_suffix(".lock") {
                // A lock left by an instance that ended without a draft.
                if !self.dir.join(instance).exists() && !is_running(&self.dir, instance) {
                    let _ = fs::remove_file(&path);
                }
            } else if is_draft_file(&path) {
                // Written by a version that kept one shared directory.
                read_one(&path, &mut drafts, &mut problems);
            }
        }
        drafts.sort_by(|a, b| a.base.id.cmp(&b.base.id));
        (drafts, problems)
    }
}

impl Journal {
    /// A dead instance's directory with nothing left in it goes, with its lock file.
    fn sweep(&self, dir: &Path, name: &str) {
        if fs::remove_dir(dir).is_ok() {
            let _ = fs::remove_file(self.dir.join(format!("{name}.lock")));
        }
    }
}

impl Drop for Journal {
    /// On the way out: an instance that leaves no draft leaves nothing behind. One that does
    /// keeps its directory, which the next start offers (the lock is released either way).
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.own);
        if let Some(name) = self.own.file_name() {
            let _ = fs::remove_file(self.dir.join(format!("{}.lock", name.to_string_lossy())));
        }
    }
}

fn gone_is_fine(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn is_draft_file(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "json")
}

fn read_drafts(dir: &Path, drafts: &mut Vec<Draft>, problems: &mut Vec<String>) {
    match fs::read_dir(dir) {
        Ok(entries) => {
            for path in entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| is_draft_file(p))
            {
                read_one(&path, drafts, problems);
            }
        }
        Err(e) => problems.push(format!("{}: {e}", dir.display())),
    }
}

fn read_one(path: &Path, drafts: &mut Vec<Draft>, problems: &mut Vec<String>) {
    let read = fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| Draft::from_json(&b).map_err(|e| e.to_string()));
    match read {
        Ok(mut d) => {
            d.origin = Some(path.display().to_string());
            drafts.push(d);
        }
        Err(e) => problems.push(format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests;
