//! The support log: off unless asked for (`--log-file PATH` or `RUNTYPE_LOG=debug`), one line
//! per request, per effect and per save outcome. It never holds the API key: requests are
//! logged by method, path, status, duration, attempt and ticket, never by their headers.

use std::path::{Path, PathBuf};
use tracing::Level;

/// The log's name in the state directory, when `RUNTYPE_LOG` asks for one without a path.
const FILE_NAME: &str = "runtype-tui.log";

/// `<state dir>/runtype-tui.log` (`~/.local/state/runtype-tui/runtype-tui.log` on Linux).
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("com", "runtype", "runtype-tui")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join(FILE_NAME))
}

/// The level `RUNTYPE_LOG` asks for: `error`, `warn`, `info`, `debug` or `trace`; `off`, an
/// empty value or anything else is no log.
pub fn level_from(value: Option<&str>) -> Option<Level> {
    match value?.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Level::ERROR),
        "warn" => Some(Level::WARN),
        "info" => Some(Level::INFO),
        "debug" | "1" | "on" => Some(Level::DEBUG),
        "trace" => Some(Level::TRACE),
        _ => None,
    }
}

/// Where to log and how much, from the flag and the variable: the flag alone means debug,
/// the variable alone means the default path.
pub fn choose(flag: Option<&Path>, env: Option<&str>) -> Option<(PathBuf, Level)> {
    let level = level_from(env);
    match (flag, level) {
        (Some(path), level) => Some((path.to_owned(), level.unwrap_or(Level::DEBUG))),
        (None, Some(level)) => Some((default_path()?, level)),
        (None, None) => None,
    }
}

/// Starts writing the log to `path` (appending; the file is private to its owner). Only this
/// crate's events are written, so no dependency can put a header into it.
pub fn init(path: &Path, level: Level) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write the log {}: {e}", path.display());
    let file = open_private(path).map_err(|e| fail(&e))?;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let ours = tracing_subscriber::filter::filter_fn(|m| m.target().starts_with("runtype_tui"));
    tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .with_target(false)
        .finish()
        .with(ours)
        .try_init()
        .map_err(|e| fail(&e))
}

/// Opens the log for appending, private to its owner: an existing file keeps its mode on
/// open, so it is set (a log holds request paths and record ids).
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn an_existing_log_becomes_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.log");
        std::fs::write(&path, "old\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        open_private(&path).expect("open");
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("old\n"),
            "appended to"
        );
    }

    #[test]
    fn the_flag_and_the_variable_choose_path_and_level() {
        let p = Path::new("/tmp/x.log");
        assert_eq!(choose(Some(p), None), Some((p.to_owned(), Level::DEBUG)));
        assert_eq!(
            choose(Some(p), Some("trace")),
            Some((p.to_owned(), Level::TRACE))
        );
        assert_eq!(choose(None, None), None);
        assert_eq!(choose(None, Some("off")), None);
        assert_eq!(
            choose(None, Some("DEBUG")).map(|c| c.1),
            default_path().map(|_| Level::DEBUG)
        );
    }
}
