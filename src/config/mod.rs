//! Where the app connects, with which key and profile: command line, environment, then the
//! config file (`config.toml` in the user's config directory).

mod file;
mod keys;
mod resolve;
mod triage;

pub use file::{
    ConfirmWrites, FileConfig, ProfileConfig, ThemeSetting, ThemeTable, parse_color,
    valid_profile_name,
};
pub use keys::{KeyEntry, KeysConfig};
pub use resolve::{KeySource, ProfileSettings, Settings, choose_profile, resolve, resolve_profile};
pub use triage::TriageConfig;

use crate::api::ApiKey;
use std::path::{Path, PathBuf};

pub const DEFAULT_BASE_URL: &str = "https://api.runtype.com/v1";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error(
        "{path} holds or may hold an API key, and other users can read it \
         (mode {mode:o}); \
         fix it with: chmod 600 {path}"
    )]
    Exposed { path: PathBuf, mode: u32 },
    #[error("{path} holds no API key")]
    EmptyKeyFile { path: PathBuf },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{from} names a profile that is not in the config file ({names})")]
    NoSuchProfile { from: &'static str, names: String },
    #[error("profile {profile} takes its key from {var}, which is not set")]
    UnsetKeyVariable { profile: String, var: String },
}

/// A file holding a key must be private to its owner: readable by the group or others, it is
/// refused rather than used.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), ConfigError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(ConfigError::Exposed {
            path: path.to_owned(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), ConfigError> {
    Ok(())
}

/// Reads an API key from a file (`--api-key-file`): the whole file, trimmed.
pub fn read_key_file(path: &Path) -> Result<ApiKey, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    check_private(path)?;
    let key = ApiKey::new(text);
    if key.is_empty() {
        return Err(ConfigError::EmptyKeyFile {
            path: path.to_owned(),
        });
    }
    Ok(key)
}

/// `config.toml` in the user's config directory (`~/.config/runtype-tui/` on Linux).
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("com", "runtype", "runtype-tui")
        .map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file; a missing file is no configuration, not an error. Permissions are
/// checked before parsing: a file others can read is refused unless it parses cleanly and
/// holds no key (a file with a typo may well hold one). No error ever quotes the file.
pub fn load(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let exposed = check_private(path).err();
    let parsed = toml::from_str::<FileConfig>(&text);
    match (exposed, parsed) {
        (Some(e), Err(_)) => Err(e),
        (Some(e), Ok(config)) if config.holds_key() => Err(e),
        (_, Ok(mut config)) => {
            config.keys.number_lines(&text);
            config
                .check()
                .map(|()| config)
                .map_err(|message| ConfigError::Invalid {
                    path: path.to_owned(),
                    message,
                })
        }
        (None, Err(e)) => Err(ConfigError::Parse {
            path: path.to_owned(),
            message: describe_parse_error(&e, &text),
        }),
    }
}

/// Line, column, key name and what is wrong; never a value from the file (the TOML error's
/// own text quotes the offending line, key included).
fn describe_parse_error(e: &toml::de::Error, text: &str) -> String {
    let at = e.span().map_or(0, |s| s.start).min(text.len());
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let line_text = text.lines().nth(line - 1).unwrap_or_default();
    let key = shown_key_name(line_text);
    let message = e.message();
    let what = if message.starts_with("unknown field") {
        // The serde message names the unknown key (which may be a pasted secret) and then
        // the expected names, which are ours: only those are kept.
        match message.split_once(", expected ") {
            Some((_, expected)) => format!("unknown key (expected {expected})"),
            None => "unknown key".to_owned(),
        }
    } else if message.contains("did not match any variant") {
        "wrong type (expected a theme name, or a [theme] table of quoted styles)".to_owned()
    } else if message.starts_with("duplicate key") {
        "the key is set twice".to_owned()
    } else if message.starts_with("invalid type") || message.starts_with("unknown variant") {
        // As above: what was found may quote a value, what was expected is ours.
        match message.split_once(", expected ") {
            Some((_, expected)) if !expected.contains('"') => {
                format!("wrong type or value (expected {expected})")
            }
            _ => "wrong type (expected a quoted string)".to_owned(),
        }
    } else {
        "not valid TOML".to_owned()
    };
    match key {
        Some(k) => format!("line {line}, column {column}, key `{k}`: {what}"),
        None => format!("line {line}, column {column}: {what}"),
    }
}

/// The key name of a `name = value` line, when it can be shown: a short bare key that does
/// not look like an API key itself (a key pasted on a line of its own would be the "name").
fn shown_key_name(line: &str) -> Option<&str> {
    let name = line.split('=').next()?.trim();
    let bare = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let secret_like = ["rt_", "tv_", "sk-", "sk_"]
        .iter()
        .any(|p| name.to_ascii_lowercase().starts_with(p));
    (bare && !name.is_empty() && name.len() <= 24 && !secret_like).then_some(name)
}

/// What to tell a user who has no key yet.
pub fn missing_key_help(path: Option<&Path>) -> String {
    let file = path.map_or_else(|| "the config file".to_owned(), |p| p.display().to_string());
    format!(
        "No API key found. Set one of:\n  \
         --api-key-file PATH                    (a file holding only the key, mode 600)\n  \
         RUNTYPE_API_KEY=rt_live_...            (environment)\n  \
         api_key = \"rt_live_...\"                (in {file})\n\
         Or try the app offline on demo data:    runtype-tui --sandbox"
    )
}

#[cfg(test)]
mod tests;
