//! The config file's format: top-level settings, `[profiles.NAME]` tables, `[theme]` and
//! `[keys]`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The config file's contents. Unknown keys are an error, so a typo is reported, not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub base_url: Option<String>,
    pub api_key: Option<String>,
    /// The profile used when neither `--profile` nor `RUNTYPE_PROFILE` names one.
    pub default_profile: Option<String>,
    /// `theme = "light"`, or a `[theme]` table that overrides single roles.
    pub theme: Option<ThemeSetting>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
    /// `[triage]`: who "me" is and the one-key actions of triage mode.
    pub triage: Option<super::TriageConfig>,
    /// `[keys]`: action names to keys, everywhere or per context (`[keys.form]`).
    #[serde(default)]
    pub keys: super::KeysConfig,
}

/// One `[profiles.NAME]` table: a server, where its key comes from, and how careful to be.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    pub base_url: Option<String>,
    /// The key itself (the config file must then be private, as for the top-level key).
    pub api_key: Option<String>,
    /// A file holding only the key (mode 600); `~/` and paths relative to the config file work.
    pub api_key_file: Option<PathBuf>,
    /// The name of an environment variable holding the key.
    pub api_key_env: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub protected: bool,
    /// When a protected profile asks for its name: once per session (default) or every write.
    pub confirm: Option<ConfirmWrites>,
    /// The colour of the profile's name in the title bar (`red`, `yellow`, `#ff8800`, ...).
    pub color: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfirmWrites {
    #[default]
    Session,
    EveryWrite,
}

/// `theme = "NAME"` or a `[theme]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum ThemeSetting {
    Name(String),
    Table(ThemeTable),
}

/// `[theme]`: a built-in theme to start from (`name`) and styles by role, each a string such
/// as `"bold yellow"` or `"black on cyan"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ThemeTable {
    pub name: Option<String>,
    #[serde(flatten)]
    pub roles: BTreeMap<String, String>,
}

impl FileConfig {
    /// True when the file holds a key anywhere (top level or a profile): it must be private.
    pub fn holds_key(&self) -> bool {
        self.api_key.is_some() || self.profiles.values().any(|p| p.api_key.is_some())
    }

    /// The theme's base name and role overrides, as configured (not yet checked).
    pub fn theme_parts(&self) -> (Option<String>, Vec<(String, String)>) {
        match &self.theme {
            None => (None, Vec::new()),
            Some(ThemeSetting::Name(n)) => (Some(n.clone()), Vec::new()),
            Some(ThemeSetting::Table(t)) => (
                t.name.clone(),
                t.roles
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
        }
    }

    /// Checks what TOML cannot: profile names, one key source per profile, colours, and a
    /// default profile that exists. Messages name the profile and key, never a value.
    pub fn check(&self) -> Result<(), String> {
        for (name, p) in &self.profiles {
            if !valid_profile_name(name) {
                return Err(
                    "a profile name may use only letters, digits, `-` and `_` (it names \
                     directories), and at most 40 of them"
                        .to_owned(),
                );
            }
            let sources = [
                p.api_key.is_some(),
                p.api_key_file.is_some(),
                p.api_key_env.is_some(),
            ];
            if sources.iter().filter(|s| **s).count() > 1 {
                return Err(format!(
                    "profile `{name}`: set only one of api_key, api_key_file, api_key_env"
                ));
            }
            if p.color.as_deref().is_some_and(|c| parse_color(c).is_none()) {
                return Err(format!(
                    "profile `{name}`, key `color`: not a colour (a name such as red or \
                     light-blue, or #rrggbb)"
                ));
            }
        }
        match &self.default_profile {
            Some(d) if !self.profiles.contains_key(d) => Err(format!(
                "default_profile names a profile that is not defined ({})",
                self.profile_names()
            )),
            _ => Ok(()),
        }
    }

    /// The defined profiles, for messages: `defined: prod, staging` or `no profiles defined`.
    pub fn profile_names(&self) -> String {
        if self.profiles.is_empty() {
            return "no [profiles.NAME] tables are defined".to_owned();
        }
        let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
        format!("defined: {}", names.join(", "))
    }
}

/// Profile names become directory names, so they are kept to a safe alphabet.
pub fn valid_profile_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A colour name (`red`, `light-blue`, `dark-gray`) or `#rrggbb`.
pub fn parse_color(text: &str) -> Option<ratatui::style::Color> {
    let text = text.trim();
    if text.is_empty() || text.parse::<u8>().is_ok() {
        return None;
    }
    text.parse().ok()
}
