//! Saved views on disk: one human-readable TOML file per profile in the config directory,
//! replaced atomically so a crash leaves the old or the new file.

use super::drafts::file_safe;
use crate::app::Msg;
use crate::app::views::ViewBook;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct ViewsFile {
    path: PathBuf,
}

impl ViewsFile {
    /// `<config dir>/views/<profile>.toml`, e.g. `~/.config/runtype-tui/views/sandbox.toml`.
    pub fn for_profile(profile: &str) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")?;
        let name = format!("{}.toml", file_safe(profile));
        Some(Self::at(dirs.config_dir().join("views").join(name)))
    }

    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored views: none when there is no file yet; an unreadable or broken file is
    /// an error to show (it is the user's to fix), not something to overwrite silently.
    pub fn load(&self) -> Result<ViewBook, String> {
        match fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| format!("{} is not valid: {e}", self.path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(ViewBook::default()),
            Err(e) => Err(format!("cannot read {}: {e}", self.path.display())),
        }
    }

    pub fn save(&self, book: &ViewBook) -> io::Result<()> {
        let text = toml::to_string(book).map_err(io::Error::other)?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let tmp = self.path.with_extension("toml.tmp");
        let mut file = fs::File::create(&tmp)?;
        file.write_all(b"# Saved views of runtype-tui (:view save NAME). Safe to edit.\n")?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, &self.path)
    }
}

impl<B: ratatui::backend::Backend + super::ScrollRows> super::Runner<B> {
    /// Keeps saved views in a file: loaded now (the view in use is applied at start),
    /// written whenever they change. A broken file is reported and left untouched.
    pub fn with_views(mut self, file: ViewsFile) -> Self {
        match file.load() {
            Ok(book) => {
                self.app.views = book;
                self.views = Some(std::sync::Arc::new(file));
            }
            Err(e) => self.app.notice = Some(format!("Saved views not loaded: {e}")),
        }
        self
    }

    /// Writes the views off the UI thread; a failure is said in the status bar.
    pub(super) fn save_views(&self, book: ViewBook) {
        let (Some(file), tx) = (self.views.clone(), self.tx.clone()) else {
            return;
        };
        tokio::task::spawn_blocking(move || {
            if let Err(e) = file.save(&book) {
                let _ = tx.send(Msg::Notice {
                    text: format!("cannot save views to {}: {e}", file.path().display()),
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::SavedView;

    #[test]
    fn views_round_trip_and_a_broken_file_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = ViewsFile::at(dir.path().join("views").join("p.toml"));
        assert_eq!(file.load(), Ok(ViewBook::default()));
        let mut book = ViewBook::default();
        book.views.insert(
            "mine".into(),
            SavedView {
                filter: Some("assignee=olga".into()),
                ..SavedView::default()
            },
        );
        file.save(&book).expect("saved");
        assert_eq!(file.load(), Ok(book));
        fs::write(file.path(), "[views.x]\nfilterr = 1\n").expect("write");
        let err = file.load().expect_err("broken");
        assert!(err.contains("filterr"), "{err}");
    }
}
