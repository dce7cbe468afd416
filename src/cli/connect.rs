//! From the command line and the config file to a connected client: the embedded sandbox, a
//! profile, or a plain base URL and key; and the connector `:profile NAME` uses later.

use super::{Cli, default_sandbox_db, usage_error};
use crate::api::{ApiError, ApiKey, Client};
use crate::app::profile::Profile;
use crate::app::theme::ThemeChoice;
use crate::config::{self, ConfirmWrites, FileConfig, ProfileSettings, Settings};
use crate::runtime::{Connected, Connector};
use crate::sandbox::{self, Sandbox, SandboxOptions};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// What the app talks to: the client, its title label, where the key came from, the
/// profile, and the embedded sandbox when there is one (kept alive while the app runs).
pub(super) struct Connection {
    pub client: Client,
    pub label: String,
    pub key_source: String,
    pub profile: Option<Profile>,
    pub _sandbox: Option<sandbox::SandboxHandle>,
}

/// The config file and the environment, read once at start.
#[derive(Clone)]
pub(super) struct Setup {
    pub path: Option<PathBuf>,
    pub file: FileConfig,
    env: HashMap<String, String>,
}

impl Setup {
    pub fn read() -> Result<Self, ExitCode> {
        let path = config::config_path();
        let file = match path.as_deref().map(config::load).transpose() {
            Ok(f) => f.unwrap_or_default(),
            Err(e) => return Err(usage_error(e)),
        };
        // A set but unreadable variable is not "no key": say which one (never its bytes).
        for var in ["RUNTYPE_API_KEY", "RUNTYPE_BASE_URL", "RUNTYPE_PROFILE"] {
            if let Err(std::env::VarError::NotUnicode(_)) = std::env::var(var) {
                return Err(usage_error(format!(
                    "{var} is set but is not valid UTF-8 (a stray byte?); set it again as plain text"
                )));
            }
        }
        // `vars()` would panic on any variable that is not UTF-8; such ones are not ours.
        let env = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Ok(Self { path, file, env })
    }

    /// The configured theme, checked now so a mistake stops the start with its role named.
    pub fn theme(&self) -> Result<ThemeChoice, ExitCode> {
        let (name, overrides) = self.file.theme_parts();
        let choice = ThemeChoice {
            name: name.unwrap_or_else(|| ThemeChoice::default().name),
            overrides,
        };
        match crate::ui::theme::Theme::build(&choice, false) {
            Ok(_) => Ok(choice),
            Err(e) => {
                let file = self.path.as_deref().map(|p| p.display().to_string());
                Err(usage_error(format!(
                    "{}: {e}",
                    file.unwrap_or_else(|| "the config file".into())
                )))
            }
        }
    }

    fn env(&self) -> impl Fn(&str) -> Option<String> + '_ {
        |k| self.env.get(k).cloned()
    }

    /// `:profile NAME` connects with the profile's own settings (no command-line overrides:
    /// those were meant for the profile the app started with).
    pub fn connector(self) -> Option<Connector> {
        if self.file.profiles.is_empty() {
            return None;
        }
        Some(Box::new(move |name: &str| {
            let dir = self.path.as_deref().and_then(std::path::Path::parent);
            let settings = config::resolve_profile(name, None, None, &self.env(), &self.file, dir)
                .map_err(|e| e.to_string())?;
            let conn = self.client_for(settings, None).map_err(|e| e.to_string())?;
            Ok(Connected {
                client: conn.client,
                profile: conn.profile.ok_or("no profile")?,
                key_source: conn.key_source,
            })
        }))
    }

    /// A client for resolved settings; `key_file` is the `--api-key-file` path, for messages.
    fn client_for(
        &self,
        settings: Settings,
        key_file: Option<&std::path::Path>,
    ) -> Result<Connection, String> {
        let Some((key, source)) = settings.key else {
            return Err(config::missing_key_help(self.path.as_deref()));
        };
        let key_source = source.describe(key_file, self.path.as_deref());
        let client = Client::new(&settings.base_url, key).map_err(|e| match e {
            ApiError::InvalidKey { .. } => format!("{key_source}: {e}"),
            other => other.to_string(),
        })?;
        let profile = settings.profile.map(app_profile);
        let label = match &profile {
            Some(p) => p.name.clone(),
            None => client.base_url().host_str().unwrap_or("server").to_owned(),
        };
        tracing::info!(
            server = crate::api::client::shown_url(client.base_url().as_str()),
            key_from = key_source,
            profile = profile.as_ref().map(|p| p.name.as_str()),
            "connecting"
        );
        Ok(Connection {
            client,
            label,
            key_source,
            profile,
            _sandbox: None,
        })
    }
}

fn app_profile(p: ProfileSettings) -> Profile {
    Profile {
        name: p.name,
        read_only: p.read_only,
        protected: p.protected,
        confirm_every_write: p.confirm == ConfirmWrites::EveryWrite,
        color: p.color,
    }
}

/// The embedded sandbox, started in the background.
fn sandbox(cli: &Cli) -> Result<Connection, ExitCode> {
    let db = default_sandbox_db()
        .ok_or_else(|| usage_error("cannot find a data directory for the sandbox database"))?
        .to_string_lossy()
        .into_owned();
    let opts = SandboxOptions {
        db,
        latency: Duration::from_millis(cli.sandbox_latency_ms),
        ..SandboxOptions::default()
    };
    let handle = Sandbox::start_background(opts).map_err(usage_error)?;
    let client =
        Client::new(&handle.base_url(), ApiKey::new(handle.api_key())).map_err(usage_error)?;
    Ok(Connection {
        client,
        label: "sandbox".to_owned(),
        key_source: "the embedded sandbox's key".to_owned(),
        profile: None,
        _sandbox: Some(handle),
    })
}

/// Builds the client: the embedded sandbox, a profile, or a server from the configuration.
pub(super) fn connect(cli: &Cli, setup: &Setup) -> Result<Connection, ExitCode> {
    if cli.sandbox {
        return sandbox(cli);
    }
    let remote = Remote {
        profile: cli.profile.as_deref(),
        base_url: cli.base_url.clone(),
        api_key_file: cli.api_key_file.as_deref(),
    };
    connect_remote(&remote, setup)
}

/// Where a server comes from on the command line: a profile, a URL, a key file.
pub(super) struct Remote<'a> {
    pub profile: Option<&'a str>,
    pub base_url: Option<String>,
    pub api_key_file: Option<&'a std::path::Path>,
}

/// A client for a server (no sandbox): the profile chosen, else the plain configuration.
pub(super) fn connect_remote(cli: &Remote<'_>, setup: &Setup) -> Result<Connection, ExitCode> {
    let key_file = cli
        .api_key_file
        .map(config::read_key_file)
        .transpose()
        .map_err(usage_error)?;
    let env = setup.env();
    let profile = config::choose_profile(cli.profile, &env, &setup.file).map_err(usage_error)?;
    let settings = match profile {
        Some(name) => {
            let dir = setup.path.as_deref().and_then(std::path::Path::parent);
            config::resolve_profile(
                &name,
                cli.base_url.clone(),
                key_file,
                &env,
                &setup.file,
                dir,
            )
            .map_err(usage_error)?
        }
        None => config::resolve(cli.base_url.clone(), key_file, &env, &setup.file),
    };
    if settings.key.is_none() {
        eprintln!("{}", config::missing_key_help(setup.path.as_deref()));
        return Err(ExitCode::from(2));
    }
    setup
        .client_for(settings, cli.api_key_file)
        .map_err(usage_error)
}
