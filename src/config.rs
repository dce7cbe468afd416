//! Where the app connects and with which key: command line, environment, then the config
//! file (`config.toml` in the user's config directory).

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
        "{path} holds an API key but other users can read it (mode {mode:o}); \
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

/// Reads the config file; a missing file is no configuration, not an error.
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
    let config: FileConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    if config.api_key.is_some() {
        check_private(path)?;
    }
    Ok(config)
}

/// Where the key came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    KeyFile,
    Environment,
    ConfigFile,
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

    #[test]
    fn help_mentions_the_sandbox() {
        assert!(missing_key_help(None).contains("--sandbox"));
    }
}
