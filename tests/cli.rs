//! Starting the app without what it needs: clear messages, exit code 2, no escape codes.

use std::process::Command;

fn run(args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runtype-tui"));
    cmd.args(args)
        .env_remove("RUNTYPE_API_KEY")
        .env_remove("RUNTYPE_BASE_URL")
        .env_remove("RUNTYPE_PROFILE")
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn without_a_key_it_says_what_to_set_and_mentions_the_sandbox() {
    let (code, stdout, stderr) = run(&[], &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("RUNTYPE_API_KEY") && stderr.contains("--sandbox"),
        "{stderr}"
    );
}

#[test]
fn a_broken_config_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("runtype-tui");
    std::fs::create_dir_all(&conf).expect("mkdir");
    std::fs::write(
        conf.join("config.toml"),
        "base_url = \"https://x.example/v1\"\napi_key = = 3\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(conf.join("config.toml"), private).expect("chmod");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .env_remove("RUNTYPE_API_KEY")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("config.toml") && stderr.contains("line 2"),
        "{stderr}"
    );
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let (code, _, stderr) = run(
        &["--base-url", "http://api.runtype.com/v1"],
        &[("RUNTYPE_API_KEY", "rt_live_SECRETSECRET1234")],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("https://"), "{stderr}");
    assert!(!stderr.contains("SECRETSECRET"), "{stderr}");
}

#[test]
fn stdout_that_is_not_a_terminal_gets_a_clear_error() {
    let (code, stdout, stderr) = run(&["--sandbox"], &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "no escape codes into a pipe: {stdout:?}");
    assert!(stderr.contains("not a terminal"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn key_files_are_used_and_exposed_keys_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let key = dir.path().join("key");
    std::fs::write(&key, "rt_live_FROMAFILE00001234\n").expect("write");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let key_arg = key.to_str().expect("utf8");
    // With the key found, the next check (plain http to a remote host) is what stops it.
    let (code, _, stderr) = run(
        &[
            "--api-key-file",
            key_arg,
            "--base-url",
            "http://api.runtype.com/v1",
        ],
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("https://") && !stderr.contains("No API key"),
        "{stderr}"
    );
    assert!(!stderr.contains("FROMAFILE"), "{stderr}");

    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let (code, _, stderr) = run(&["--api-key-file", key_arg], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains(&format!("chmod 600 {key_arg}")), "{stderr}");
    assert!(!stderr.contains("FROMAFILE"), "{stderr}");
}

const SECRET: &str = "rt_live_TOPSECRETcliValue987654";

/// Writes a private config file holding `text` and runs the binary with it.
fn run_with_config(text: &str, args: &[&str], envs: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("runtype-tui");
    std::fs::create_dir_all(&conf).expect("mkdir");
    std::fs::write(conf.join("config.toml"), text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(conf.join("config.toml"), private).expect("chmod");
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runtype-tui"));
    cmd.args(args)
        .env_remove("RUNTYPE_API_KEY")
        .env_remove("RUNTYPE_BASE_URL")
        .env_remove("RUNTYPE_PROFILE")
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), all)
}

/// A config file's text, arguments, environment.
type Case<'a> = (String, Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Every way the key could reach an error message, from every source: none of its bytes do.
#[test]
fn no_setup_error_prints_the_key() {
    let secret_url = format!("http://user:{SECRET}@127.0.0.1:1/v1");
    let query_url = format!("https://api.example/v1?key={SECRET}");
    let garbage_url = format!("::{SECRET}");
    let two_lines = format!("{SECRET}\n{SECRET}");
    let cases: Vec<Case> = vec![
        (format!("api_key = \"{SECRET}\n"), vec![], vec![]),
        (format!("apikey = \"{SECRET}\"\n"), vec![], vec![]),
        (format!("api_key = [\"{SECRET}\"]\n"), vec![], vec![]),
        (
            format!("api_key = \"{SECRET}\"\napi_key = \"{SECRET}\"\n"),
            vec![],
            vec![],
        ),
        (
            String::new(),
            vec!["--base-url", &secret_url],
            vec![("RUNTYPE_API_KEY", "rt_test_k")],
        ),
        (
            String::new(),
            vec![],
            vec![
                ("RUNTYPE_BASE_URL", &query_url),
                ("RUNTYPE_API_KEY", "rt_test_k"),
            ],
        ),
        (
            format!("base_url = \"{secret_url}\"\napi_key = \"rt_test_k\"\n"),
            vec![],
            vec![],
        ),
        (
            String::new(),
            vec!["--base-url", &garbage_url],
            vec![("RUNTYPE_API_KEY", "rt_test_k")],
        ),
        (String::new(), vec![], vec![("RUNTYPE_API_KEY", &two_lines)]),
    ];
    for (config, args, envs) in cases {
        let (code, out) = run_with_config(&config, &args, &envs);
        assert_eq!(code, 2, "{config} {args:?}: {out}");
        assert!(!out.contains("TOPSECRET"), "{config} {args:?}: {out}");
        assert!(!out.contains("987654"), "{config} {args:?}: {out}");
    }
}

#[test]
fn a_key_with_a_line_break_is_reported_as_a_key_problem_naming_its_source() {
    let key = format!("{SECRET}\nsecond line");
    let (code, out) = run_with_config("", &[], &[("RUNTYPE_API_KEY", &key)]);
    assert_eq!(code, 2);
    assert!(
        out.contains("RUNTYPE_API_KEY") && out.contains("line break"),
        "{out}"
    );
    assert!(
        !out.contains("base URL") && !out.contains("TOPSECRET"),
        "{out}"
    );
    let (_, out) = run_with_config(&format!("api_key = \"\"\"{SECRET}\nx\"\"\"\n"), &[], &[]);
    assert!(
        out.contains("config file") && out.contains("line break"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_key_that_is_not_utf8_is_named_not_reported_missing() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .env(
            "RUNTYPE_API_KEY",
            std::ffi::OsStr::from_bytes(b"rt_live_BYTESECRET\xff123"),
        )
        .env_remove("RUNTYPE_BASE_URL")
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("RUNTYPE_API_KEY is set but is not valid UTF-8"),
        "{err}"
    );
    assert!(!err.contains("No API key found"), "{err}");
    assert!(!err.contains("BYTESECRET"), "{err}");
}

/// A profile that is not defined, or whose key variable is unset, stops the start with a
/// message naming it; the profile's key (in the file) is never printed.
#[test]
fn profile_problems_are_named_at_start() {
    let config = format!(
        "[profiles.prod]\nbase_url = \"https://api.example/v1\"\napi_key = \"{SECRET}\"\n\
         [profiles.staging]\napi_key_env = \"STAGING_KEY\"\n"
    );
    let (code, out) = run_with_config(&config, &["--profile", "produ"], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--profile names a profile") && out.contains("prod, staging"),
        "{out}"
    );
    let (code, out) = run_with_config(&config, &[], &[("RUNTYPE_PROFILE", "staging")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("STAGING_KEY, which is not set"), "{out}");
    for (args, envs) in [
        (vec!["--profile", "prod"], vec![]),
        (vec![], vec![("RUNTYPE_PROFILE", "prod")]),
    ] {
        let (code, out) = run_with_config(&config, &args, &envs);
        assert_eq!(code, 2, "stdout is not a terminal: {out}");
        assert!(!out.contains("TOPSECRET"), "{out}");
    }
}

/// A theme mistake stops the start naming the role, not the value.
#[test]
fn theme_mistakes_are_named_at_start() {
    let (code, out) = run_with_config("[theme]\nselection = \"bold purple-ish\"\n", &[], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[theme] selection: word 2"), "{out}");
    assert!(!out.contains("purple-ish"), "{out}");
    let (code, out) = run_with_config("theme = \"solarized\"\n", &[], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("dark, light, high-contrast"), "{out}");
}

/// A `[keys]` mistake stops the start, before any connection, with its line.
#[test]
fn key_mistakes_are_reported_at_start_with_their_line() {
    let text = "base_url = \"http://127.0.0.1:9/v1\"\n\n[keys.list]\ndown = \"n\"\n";
    let (code, out) = run_with_config(text, &[], &[("RUNTYPE_API_KEY", "rt_test_x")]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "line 4: n in list is bound to more than one action: down (here) and new-record"
        ),
        "{out}"
    );
}

/// Several `[keys]` mistakes: one per line on stderr (not run together), in the file's
/// order, whatever order the checks found them in.
#[test]
fn several_key_mistakes_are_listed_one_per_line_in_file_order() {
    let text = "base_url = \"http://127.0.0.1:9/v1\"\n\n[keys.list]\ndown = \"n\"\n\
                frobnicate = \"x\"\n\n[keys.form]\nsave = \"s\"\n";
    let (code, out) = run_with_config(text, &[], &[("RUNTYPE_API_KEY", "rt_test_x")]);
    assert_eq!(code, 2, "{out}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("line "))
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("line 4"), "{out}");
    assert!(
        lines[1].contains("line 5") && lines[1].contains("frobnicate"),
        "{out}"
    );
    assert!(lines[2].contains("line 8"), "{out}");
    assert!(!out.contains('↵'), "{out}");
}
