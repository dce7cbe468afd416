//! `$VISUAL`/`$EDITOR` on a private temp file: the terminal is handed over while it runs,
//! the file is 0600 and removed afterwards, and the text goes back to the app as a message.

use super::{Runner, diff::ScrollRows};
use crate::app::Msg;
use ratatui::backend::Backend;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Removes the temp file on every way out, success or not.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl TempFile {
    /// A new file only this user can read (`create_new`: never one someone placed there).
    fn create(text: &str, extension: &str) -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("runtype-tui-{}-{nanos}.{extension}", std::process::id());
        let path = std::env::temp_dir().join(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        let temp = Self(path);
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        Ok(temp)
    }
}

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs the editor through the shell, so `EDITOR="code --wait"` works as it does in git;
/// the path is passed as an argument, never spliced into the command.
fn run_on(path: &Path) -> Result<(), String> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor()))
        .arg("runtype-tui")
        .arg(path)
        .status()
        .map_err(|e| format!("could not start the editor: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} exited with {status}", editor()))
    }
}

/// Writes `text`, lets the user edit it, reads it back.
pub fn edit(text: &str, extension: &str) -> Result<String, String> {
    let file = TempFile::create(text, extension).map_err(|e| format!("temp file: {e}"))?;
    run_on(&file.0)?;
    std::fs::read_to_string(&file.0).map_err(|e| format!("reading the edited file: {e}"))
}

impl<B: Backend + ScrollRows> Runner<B> {
    /// Runs the editor the app asked for (again, while a parse error sends the user back),
    /// then redraws everything: the screen was the editor's meanwhile.
    pub(super) fn run_pending_edit(&mut self) -> Result<(), B::Error> {
        while let Some((target, text)) = self.pending_edit.take() {
            let mut result = Err("not run".to_owned());
            self.terminal
                .backend_mut()
                .hand_over(&mut || result = edit(&text, target.extension()))?;
            Backend::clear(self.terminal.backend_mut())?;
            self.shown = super::draw::Shown::default();
            self.dispatch(Msg::Edited {
                target,
                sent: text,
                result,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_temp_file_is_private_and_removed() {
        let file = TempFile::create("secret", "txt").expect("temp");
        let path = file.0.clone();
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        drop(file);
        assert!(!path.exists());
    }
}
