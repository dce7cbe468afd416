//! Starting the app without what it needs: clear messages, exit code 2, no escape codes.

use std::process::Command;

fn run(args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runtype-tui"));
    cmd.args(args)
        .env_remove("RUNTYPE_API_KEY")
        .env_remove("RUNTYPE_BASE_URL")
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
