//! Where the app connects and with which key: command line, environment, then the config
//! file (`config.toml` in the user's config directory).

mod triage;

pub use triage::TriageConfig;

use crate::api::ApiKey;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEFAULT_BASE_URL: &str = "https://api.runtype.com/v1";

/// The config file's contents. Unknown keys are an error, so a typo is reported, not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub base_url: Option<String>,
    pub api_key: Option<String>,
    pub triage: Option<TriageConfig>,
}

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
        (Some(e), Ok(config)) if config.api_key.is_some() => Err(e),
        (_, Ok(config)) => Ok(config),
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
        "unknown key (expected base_url, api_key or [triage] with me and keys)"
    } else if message.starts_with("duplicate key") {
        "the key is set twice"
    } else if message.starts_with("invalid type") {
        "wrong type (expected a quoted string)"
    } else {
        "not valid TOML"
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

/// Where the key came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    KeyFile,
    Environment,
    ConfigFile,
}

impl KeySource {
    /// Where to look, in words: `the key file PATH`, `RUNTYPE_API_KEY`, `the config file PATH`.
    pub fn describe(self, key_file: Option<&Path>, config: Option<&Path>) -> String {
        let at = |p: Option<&Path>| p.map(|p| format!(" {}", p.display())).unwrap_or_default();
        match self {
            Self::KeyFile => format!("the key file{}", at(key_file)),
            Self::Environment => "RUNTYPE_API_KEY".to_owned(),
            Self::ConfigFile => format!("api_key in the config file{}", at(config)),
        }
    }
}

/// The connection settings after every source is considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub base_url: String,
    pub key: Option<(ApiKey, KeySource)>,
}

/// Precedence: command line, then environment, then file, then the default. For the key:
/// `--api-key-file`, then `RUNTYPE_API_KEY`, then the config file.
pub fn resolve(
    cli_base_url: Option<String>,
    key_file: Option<ApiKey>,
    env: impl Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Settings {
    let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let base_url = non_empty(cli_base_url)
        .or_else(|| non_empty(env("RUNTYPE_BASE_URL")))
        .or_else(|| non_empty(file.base_url.clone()))
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    let key = key_file
        .map(|k| (k, KeySource::KeyFile))
        .or_else(|| {
            non_empty(env("RUNTYPE_API_KEY")).map(|k| (ApiKey::new(k), KeySource::Environment))
        })
        .or_else(|| {
            non_empty(file.api_key.clone()).map(|k| (ApiKey::new(k), KeySource::ConfigFile))
        });
    Settings { base_url, key }
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
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn precedence_is_cli_env_file_default() {
        let file = FileConfig {
            base_url: Some("https://file.example/v1".into()),
            api_key: Some("rt_test_file".into()),
            ..FileConfig::default()
        };
        let s = resolve(None, None, env_of(&[]), &file);
        assert_eq!(s.base_url, "https://file.example/v1");
        assert_eq!(s.key.as_ref().map(|k| k.1), Some(KeySource::ConfigFile));
        let s = resolve(
            None,
            None,
            env_of(&[
                ("RUNTYPE_BASE_URL", "https://env.example/v1"),
                ("RUNTYPE_API_KEY", "rt_test_env"),
            ]),
            &file,
        );
        assert_eq!(s.base_url, "https://env.example/v1");
        assert_eq!(s.key.map(|k| k.1), Some(KeySource::Environment));
        let s = resolve(
            Some("https://cli.example/v1".into()),
            Some(ApiKey::new("rt_test_from_file")),
            env_of(&[
                ("RUNTYPE_BASE_URL", "https://env.example/v1"),
                ("RUNTYPE_API_KEY", "rt_test_env"),
            ]),
            &file,
        );
        assert_eq!(s.base_url, "https://cli.example/v1");
        assert_eq!(
            s.key.map(|k| k.1),
            Some(KeySource::KeyFile),
            "the key file wins"
        );
        assert_eq!(
            resolve(None, None, env_of(&[]), &FileConfig::default()).base_url,
            DEFAULT_BASE_URL
        );
    }

    #[cfg(unix)]
    #[test]
    fn files_with_keys_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let conf = dir.path().join("config.toml");
        std::fs::write(&conf, "api_key = \"rt_live_x\"\n").expect("write");
        std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = load(&conf).expect_err("readable by others");
        assert!(
            err.to_string()
                .contains(&format!("chmod 600 {}", conf.display())),
            "{err}"
        );
        std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(load(&conf).is_ok());
        std::fs::write(&conf, "base_url = \"https://x.example/v1\"\n").expect("write");
        std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(load(&conf).is_ok(), "no key, no secret to protect");

        let key = dir.path().join("key");
        std::fs::write(&key, "  rt_live_abcdefghijklmnop\n").expect("write");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        assert!(matches!(
            read_key_file(&key),
            Err(ConfigError::Exposed { .. })
        ));
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        assert_eq!(
            read_key_file(&key).map(|k| k.masked()).ok(),
            Some("rt_live_…mnop".to_owned())
        );
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        std::fs::write(&key, "\n").expect("write");
        assert!(matches!(
            read_key_file(&key),
            Err(ConfigError::EmptyKeyFile { .. })
        ));
    }

    #[test]
    fn broken_file_is_reported_with_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "base_url = \"https://x\"\napi_key = \n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        let err = load(&path).expect_err("broken");
        assert!(err.to_string().contains("line 2"), "{err}");
        std::fs::write(&path, "base_urll = \"typo\"\n").expect("write");
        assert!(
            load(&path)
                .expect_err("unknown key")
                .to_string()
                .contains("base_urll")
        );
        assert_eq!(
            load(&dir.path().join("missing.toml")).expect("missing is fine"),
            FileConfig::default()
        );
    }

    const SECRET: &str = "rt_live_TOPSECRETconfigvalue0042";

    /// Every way a config file can be wrong: the message names the line and the key, and
    /// never holds the key's bytes (nor a recognisable part of them).
    #[rstest::rstest]
    #[case::unterminated("api_key = \"rt_live_TOPSECRETconfigvalue0042\n", "line 1", None)]
    #[case::misspelled(
        "apikey = \"rt_live_TOPSECRETconfigvalue0042\"\n",
        "line 1",
        Some("apikey")
    )]
    #[case::wrong_type(
        "api_key = [\"rt_live_TOPSECRETconfigvalue0042\"]\n",
        "line 1",
        Some("api_key")
    )]
    #[case::duplicate(
        "api_key = \"rt_live_TOPSECRETconfigvalue0042\"\napi_key = \"rt_live_TOPSECRETconfigvalue0042\"\n",
        "line 2",
        Some("api_key")
    )]
    #[case::bare_key_line(
        "base_url = \"https://x.example/v1\"\nrt_live_TOPSECRETconfigvalue0042\n",
        "line 2",
        None
    )]
    #[case::secret_as_name("rt_live_TOPSECRETconfigvalue0042 = 1\n", "line 1", None)]
    fn config_errors_never_echo_the_file(
        #[case] text: &str,
        #[case] line: &str,
        #[case] key: Option<&str>,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        let err = load(&path).expect_err("broken").to_string();
        assert!(!err.contains("TOPSECRET"), "{err}");
        assert!(!err.contains("0042"), "{err}");
        assert!(err.contains(line), "{err}");
        if let Some(k) = key {
            assert!(err.contains(&format!("key `{k}`")), "{err}");
        }
    }

    /// A file others can read is refused before it is parsed: a typo cannot hide a key.
    #[cfg(unix)]
    #[test]
    fn an_exposed_file_with_a_typo_is_refused_not_parsed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, format!("apikey = \"{SECRET}\"\n")).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = load(&path).expect_err("exposed");
        assert!(matches!(err, ConfigError::Exposed { .. }), "{err}");
        assert!(!err.to_string().contains("TOPSECRET"));
    }

    #[test]
    fn help_mentions_the_sandbox() {
        assert!(missing_key_help(None).contains("--sandbox"));
    }
}
