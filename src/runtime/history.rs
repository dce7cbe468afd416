//! The `:` history on disk: one file per profile in the state directory, a line per entry,
//! oldest first, replaced atomically so a crash leaves the old or the new list.

use super::drafts::file_safe;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct HistoryFile {
    path: PathBuf,
}

impl HistoryFile {
    /// `<state dir>/history/<profile>.txt`, e.g. `~/.local/state/runtype-tui/history/sandbox.txt`.
    pub fn for_profile(profile: &str) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")?;
        let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(Self::at(
            base.join("history")
                .join(format!("{}.txt", file_safe(profile))),
        ))
    }

    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored lines; none when there is no file yet or it cannot be read.
    pub fn load(&self) -> Vec<String> {
        fs::read_to_string(&self.path)
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Replaces the file with `lines`. A line never holds a line break (the prompt is one
    /// line), so one entry per line reads back exactly.
    pub fn save(&self, lines: &[String]) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
        let tmp = self.path.with_extension("tmp");
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        for line in lines {
            writeln!(file, "{}", line.replace(['\n', '\r'], " "))?;
        }
        file.sync_all()?;
        fs::rename(&tmp, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip_and_the_file_is_private() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = HistoryFile::at(dir.path().join("nested").join("p.txt"));
        assert!(file.load().is_empty());
        let lines = vec!["filter status=open".to_owned(), "help".to_owned()];
        file.save(&lines).expect("saved");
        assert_eq!(file.load(), lines);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(file.path())
                .expect("exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
