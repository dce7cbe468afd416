//! From the command line, the environment and the file to one server, key and profile.

use super::file::{ConfirmWrites, FileConfig, ProfileConfig};
use super::{ConfigError, DEFAULT_BASE_URL, read_key_file};
use crate::api::ApiKey;
use std::path::{Path, PathBuf};

/// Where the key came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    KeyFile,
    Environment,
    ConfigFile,
    /// A profile's `api_key_file`.
    ProfileKeyFile {
        profile: String,
        path: PathBuf,
    },
    /// A profile's `api_key_env`: the variable's name.
    ProfileEnvironment {
        profile: String,
        var: String,
    },
    /// A profile's `api_key`.
    ProfileConfig {
        profile: String,
    },
}

impl KeySource {
    /// Where to look, in words: `the key file PATH`, `RUNTYPE_API_KEY`, `the config file PATH`.
    pub fn describe(&self, key_file: Option<&Path>, config: Option<&Path>) -> String {
        let at = |p: Option<&Path>| p.map(|p| format!(" {}", p.display())).unwrap_or_default();
        match self {
            Self::KeyFile => format!("the key file{}", at(key_file)),
            Self::Environment => "RUNTYPE_API_KEY".to_owned(),
            Self::ConfigFile => format!("api_key in the config file{}", at(config)),
            Self::ProfileKeyFile { profile, path } => {
                format!("the key file {} of profile {profile}", path.display())
            }
            Self::ProfileEnvironment { profile, var } => format!("{var} (profile {profile})"),
            Self::ProfileConfig { profile } => {
                format!(
                    "api_key of [profiles.{profile}] in the config file{}",
                    at(config)
                )
            }
        }
    }
}

/// What a profile asks of the app: its name (title bar, directories) and how careful to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSettings {
    pub name: String,
    pub read_only: bool,
    pub protected: bool,
    pub confirm: ConfirmWrites,
    pub color: Option<String>,
}

/// The connection settings after every source is considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub base_url: String,
    pub key: Option<(ApiKey, KeySource)>,
    /// The profile in use, if any.
    pub profile: Option<ProfileSettings>,
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// Without a profile. Precedence: command line, then environment, then file, then the
/// default. For the key: `--api-key-file`, then `RUNTYPE_API_KEY`, then the config file.
pub fn resolve(
    cli_base_url: Option<String>,
    key_file: Option<ApiKey>,
    env: impl Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Settings {
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
    Settings {
        base_url,
        key,
        profile: None,
    }
}

/// The profile to use: `--profile`, then `RUNTYPE_PROFILE`, then `default_profile`; none
/// when nothing names one. A name that is not defined is an error listing those that are.
pub fn choose_profile(
    cli: Option<&str>,
    env: &impl Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Result<Option<String>, ConfigError> {
    let (name, from) = match (cli, non_empty(env("RUNTYPE_PROFILE"))) {
        (Some(n), _) => (n.to_owned(), "--profile"),
        (None, Some(n)) => (n, "RUNTYPE_PROFILE"),
        (None, None) => match &file.default_profile {
            Some(n) => (n.clone(), "default_profile"),
            None => return Ok(None),
        },
    };
    if !file.profiles.contains_key(&name) {
        return Err(ConfigError::NoSuchProfile {
            from,
            names: file.profile_names(),
        });
    }
    Ok(Some(name))
}

/// A profile's settings. Its own `base_url` and key source win over the environment (a
/// stray `RUNTYPE_BASE_URL` must not point a production profile elsewhere); the command
/// line still wins over both, and a profile without a key source falls back to
/// `RUNTYPE_API_KEY`.
pub fn resolve_profile(
    name: &str,
    cli_base_url: Option<String>,
    key_file: Option<ApiKey>,
    env: &impl Fn(&str) -> Option<String>,
    file: &FileConfig,
    config_dir: Option<&Path>,
) -> Result<Settings, ConfigError> {
    let Some(p) = file.profiles.get(name) else {
        return Err(ConfigError::NoSuchProfile {
            from: ":profile",
            names: file.profile_names(),
        });
    };
    let base_url = non_empty(cli_base_url)
        .or_else(|| non_empty(p.base_url.clone()))
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    let key = match key_file {
        Some(k) => Some((k, KeySource::KeyFile)),
        None => profile_key(name, p, env, config_dir)?.or_else(|| {
            non_empty(env("RUNTYPE_API_KEY")).map(|k| (ApiKey::new(k), KeySource::Environment))
        }),
    };
    Ok(Settings {
        base_url,
        key,
        profile: Some(ProfileSettings {
            name: name.to_owned(),
            read_only: p.read_only,
            protected: p.protected,
            confirm: p.confirm.unwrap_or_default(),
            color: p.color.clone(),
        }),
    })
}

/// The key a profile names, read now. A source that is named but empty is an error: the
/// user meant that key, and silently using another one would be worse.
fn profile_key(
    name: &str,
    p: &ProfileConfig,
    env: &impl Fn(&str) -> Option<String>,
    config_dir: Option<&Path>,
) -> Result<Option<(ApiKey, KeySource)>, ConfigError> {
    let profile = name.to_owned();
    if let Some(path) = &p.api_key_file {
        let path = expand_path(path, config_dir);
        let key = read_key_file(&path)?;
        return Ok(Some((key, KeySource::ProfileKeyFile { profile, path })));
    }
    if let Some(var) = &p.api_key_env {
        let Some(value) = non_empty(env(var)) else {
            return Err(ConfigError::UnsetKeyVariable {
                profile,
                var: var.clone(),
            });
        };
        let source = KeySource::ProfileEnvironment {
            profile,
            var: var.clone(),
        };
        return Ok(Some((ApiKey::new(value), source)));
    }
    Ok(
        non_empty(p.api_key.clone())
            .map(|k| (ApiKey::new(k), KeySource::ProfileConfig { profile })),
    )
}

/// `~/x` is in the home directory; a relative path is next to the config file.
fn expand_path(path: &Path, config_dir: Option<&Path>) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    match config_dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_owned(),
    }
}
