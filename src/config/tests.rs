//! The config file: precedence, privacy, errors that never echo a value, profiles.

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
    assert_eq!(s.key.as_ref().map(|k| &k.1), Some(&KeySource::ConfigFile));
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

/// Writes `text` as a private config file and loads it.
fn load_text(text: &str) -> (tempfile::TempDir, Result<FileConfig, ConfigError>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let loaded = load(&path);
    (dir, loaded)
}

const PROFILES: &str = r##"
default_profile = "staging"

[profiles.staging]
base_url = "https://staging.example/v1"
api_key_env = "STAGING_KEY"

[profiles.prod]
base_url = "https://api.example/v1"
api_key = "rt_live_PRODSECRET0042"
protected = true
confirm = "every-write"
color = "#ff8800"

[profiles.audit]
base_url = "https://api.example/v1"
api_key_file = "audit.key"
read_only = true
"##;

#[test]
fn profiles_are_chosen_by_flag_then_environment_then_default() {
    let (_dir, file) = load_text(PROFILES);
    let file = file.expect("valid");
    let none = env_of(&[]);
    let env = env_of(&[("RUNTYPE_PROFILE", "prod")]);
    assert_eq!(
        choose_profile(None, &none, &file).expect("ok").as_deref(),
        Some("staging")
    );
    assert_eq!(
        choose_profile(None, &env, &file).expect("ok").as_deref(),
        Some("prod")
    );
    assert_eq!(
        choose_profile(Some("audit"), &env, &file)
            .expect("ok")
            .as_deref(),
        Some("audit")
    );
    let err = choose_profile(Some("produ"), &none, &file).expect_err("undefined");
    assert!(
        err.to_string().contains("defined: audit, prod, staging"),
        "{err}"
    );
    assert_eq!(
        choose_profile(None, &none, &FileConfig::default()).expect("ok"),
        None
    );
}

#[test]
fn a_profile_brings_its_server_key_and_tier() {
    let (dir, file) = load_text(PROFILES);
    let file = file.expect("valid");
    let env = env_of(&[
        ("STAGING_KEY", "rt_test_staging"),
        ("RUNTYPE_BASE_URL", "https://stray.example/v1"),
        ("RUNTYPE_API_KEY", "rt_test_stray"),
    ]);
    let s = resolve_profile("staging", None, None, &env, &file, Some(dir.path())).expect("ok");
    assert_eq!(
        s.base_url, "https://staging.example/v1",
        "the profile beats the env"
    );
    let (key, source) = s.key.expect("a key");
    assert_eq!(key.expose(), "rt_test_staging");
    assert!(source.describe(None, None).contains("STAGING_KEY"));
    let s = resolve_profile("prod", None, None, &env, &file, None).expect("ok");
    let p = s.profile.expect("a profile");
    assert!(p.protected && !p.read_only);
    assert_eq!(p.confirm, ConfirmWrites::EveryWrite);
    assert_eq!(p.color.as_deref(), Some("#ff8800"));
    let s = resolve_profile(
        "prod",
        Some("https://cli.example/v1".into()),
        None,
        &env,
        &file,
        None,
    )
    .expect("ok");
    assert_eq!(
        s.base_url, "https://cli.example/v1",
        "the command line wins"
    );
}

#[cfg(unix)]
#[test]
fn a_profile_key_file_is_relative_to_the_config_and_must_be_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = load_text(PROFILES);
    let file = file.expect("valid");
    let key = dir.path().join("audit.key");
    std::fs::write(&key, "rt_live_audit_key_0001\n").expect("write");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let none = env_of(&[]);
    let err = resolve_profile("audit", None, None, &none, &file, Some(dir.path()))
        .expect_err("exposed key file");
    assert!(matches!(err, ConfigError::Exposed { .. }), "{err}");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let s = resolve_profile("audit", None, None, &none, &file, Some(dir.path())).expect("ok");
    assert!(s.profile.expect("profile").read_only);
    assert_eq!(s.key.expect("key").0.expose(), "rt_live_audit_key_0001");
    let err = resolve_profile("staging", None, None, &none, &file, None).expect_err("unset");
    assert!(
        err.to_string().contains("STAGING_KEY, which is not set"),
        "{err}"
    );
}

/// A key in a profile makes the file a secret, like a top-level key.
#[cfg(unix)]
#[test]
fn a_key_in_a_profile_needs_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = load_text(PROFILES);
    let path = dir.path().join("config.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = load(&path).expect_err("exposed");
    assert!(matches!(err, ConfigError::Exposed { .. }), "{err}");
}

/// Each case: a profile mistake, the words of the message; no case echoes the secret.
#[rstest::rstest]
#[case::unknown_key(
    "[profiles.prod]\nread_onyl = true\napi_key = \"rt_live_TOPSECRETconfigvalue0042\"\n",
    &["line 2", "read_onyl", "expected"]
)]
#[case::wrong_type("[profiles.prod]\nprotected = \"yes\"\n", &["line 2", "protected", "boolean"])]
#[case::bad_confirm("[profiles.prod]\nconfirm = \"sometimes\"\n", &["line 2", "confirm", "session"])]
#[case::two_sources(
    "[profiles.prod]\napi_key_env = \"K\"\napi_key = \"rt_live_TOPSECRETconfigvalue0042\"\n",
    &["profile `prod`", "only one of"]
)]
#[case::bad_color("[profiles.prod]\ncolor = \"rt_live_TOPSECRETconfigvalue0042\"\n", &["`color`", "not a colour"])]
#[case::bad_name("[profiles.\"a/b\"]\nread_only = true\n", &["letters, digits"])]
#[case::missing_default("default_profile = \"prod\"\n", &["default_profile", "no [profiles.NAME]"])]
fn profile_mistakes_are_named_without_values(#[case] text: &str, #[case] words: &[&str]) {
    let (_dir, loaded) = load_text(text);
    let err = loaded.expect_err("invalid").to_string();
    for w in words {
        assert!(err.contains(w), "{w:?} not in {err}");
    }
    assert!(!err.contains("TOPSECRET") && !err.contains("0042"), "{err}");
}

#[test]
fn themes_are_a_name_or_a_table_of_roles() {
    let (_dir, file) = load_text("theme = \"light\"\n");
    assert_eq!(
        file.expect("valid").theme_parts(),
        (Some("light".into()), vec![])
    );
    let (_dir, file) =
        load_text("[theme]\nname = \"high-contrast\"\nselection = \"black on yellow\"\n");
    assert_eq!(
        file.expect("valid").theme_parts(),
        (
            Some("high-contrast".into()),
            vec![("selection".into(), "black on yellow".into())]
        )
    );
    let (_dir, file) = load_text("[theme]\nselection = 3\n");
    assert!(file.expect_err("not a style").to_string().contains("theme"));
}
