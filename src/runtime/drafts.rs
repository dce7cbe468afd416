//! The draft journal on disk: one file per open edit, written atomically (temp file, fsync,
//! rename) and private to the user (files 0600, directory 0700).

use crate::app::form::draft::Draft;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct Journal {
    dir: PathBuf,
}

/// Keeps only characters that are safe in a file name.
fn file_safe(text: &str) -> String {
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

impl Journal {
    /// `<state dir>/drafts/<profile>/`, e.g. `~/.local/state/runtype-tui/drafts/sandbox/`.
    pub fn for_profile(profile: &str) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")?;
        let base = dirs
            .state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_owned();
        Some(Self::at(base.join("drafts").join(file_safe(profile))))
    }

    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, record_id: &str) -> PathBuf {
        self.dir.join(format!("{}.json", file_safe(record_id)))
    }

    fn ensure_dir(&self) -> io::Result<()> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&self.dir)
    }

    /// Writes a draft so that a crash at any moment leaves either the old or the new file.
    pub fn write(&self, draft: &Draft) -> io::Result<PathBuf> {
        self.ensure_dir()?;
        let path = self.path_of(&draft.base.id);
        let tmp = path.with_extension("json.tmp");
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(&serde_json::to_vec(draft).map_err(io::Error::other)?)?;
        file.sync_all()?;
        fs::rename(&tmp, &path)?;
        if let Ok(dir) = fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(path)
    }

    pub fn delete(&self, record_id: &str) -> io::Result<()> {
        match fs::remove_file(self.path_of(record_id)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Every readable draft; unreadable files are reported, not deleted.
    pub fn list(&self) -> (Vec<Draft>, Vec<String>) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return (Vec::new(), Vec::new());
        };
        let mut drafts = Vec::new();
        let mut problems = Vec::new();
        for path in entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
        {
            match fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            {
                Ok(d) => drafts.push(d),
                Err(e) => problems.push(format!("{}: {e}", path.display())),
            }
        }
        (drafts, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::Form;
    use crate::app::tests::record;

    #[test]
    fn writes_privately_atomically_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = Journal::at(dir.path().join("drafts/sandbox"));
        let draft = Form::open(&record(1)).to_draft();
        let path = journal.write(&draft).expect("written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o777).ok();
            assert_eq!(mode(&path), Some(0o600));
            assert_eq!(mode(journal.dir()), Some(0o700));
        }
        assert!(
            !path.with_extension("json.tmp").exists(),
            "no temp file left behind"
        );
        fs::write(journal.dir().join("broken.json"), "{").expect("write");
        let (drafts, problems) = journal.list();
        assert_eq!(drafts, vec![draft]);
        assert_eq!(problems.len(), 1);
        journal.delete("record_0001").expect("deleted");
        journal
            .delete("record_0001")
            .expect("deleting twice is fine");
        assert_eq!(journal.list().0.len(), 0);
    }

    #[test]
    fn an_unwritable_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").expect("write");
        let journal = Journal::at(blocker.join("drafts"));
        assert!(journal.write(&Form::open(&record(1)).to_draft()).is_err());
    }
}
