//! The headless `export` and `completions` commands, run as the real binary against a
//! loopback sandbox: what they write, their exit codes, and no partial file on failure.

use runtype_tui::sandbox::{Fault, Sandbox, SandboxHandle, SandboxOptions, Seed};
use std::path::Path;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn sandbox(generate: usize) -> SandboxHandle {
    Sandbox::start_background(SandboxOptions {
        seed: Seed::None,
        generate,
        ..SandboxOptions::default()
    })
    .expect("sandbox starts")
}

/// Runs the binary with its own config and state directories and the sandbox's key.
fn run(dir: &Path, key: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUNTYPE_BASE_URL")
        .env_remove("RUNTYPE_PROFILE")
        .env_remove("RUNTYPE_LOG")
        .env("RUNTYPE_API_KEY", key)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn export(sb: &SandboxHandle, dir: &Path, extra: &[&str]) -> Run {
    let url = sb.base_url();
    let mut args = vec!["export", "--base-url", url.as_str()];
    args.extend_from_slice(extra);
    run(dir, sb.api_key(), &args)
}

/// The files in `dir` (names only), to see that nothing half-written is left behind.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !["config", "state", "data"].contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn jsonl_writes_every_record_once_with_its_metadata() {
    let sb = sandbox(250);
    let dir = tempfile::tempdir().expect("tempdir");
    let r = export(&sb, dir.path(), &["-o", "all.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty() && r.stderr.is_empty(), "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("all.jsonl")).expect("file");
    let mut ids = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one record per line");
        assert!(v["metadata"].is_object(), "{line}");
        ids.push(v["id"].as_str().expect("id").to_owned());
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((count, ids.len()), (250, 250));
    assert_eq!(files(dir.path()), ["all.jsonl"]);
}

#[test]
fn a_filter_and_a_type_narrow_the_jsonl_export_on_stdout() {
    let sb = sandbox(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let r = export(
        &sb,
        dir.path(),
        &[
            "--format",
            "jsonl",
            "--type",
            "ticket",
            "--filter",
            "status=open",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert!(!lines.is_empty());
    for v in &lines {
        assert_eq!(
            (v["type"].as_str(), v["metadata"]["status"].as_str()),
            (Some("ticket"), Some("open"))
        );
    }
    let all = export(&sb, dir.path(), &["--format", "jsonl", "--type", "ticket"]);
    assert!(all.stdout.lines().count() > lines.len());
}

#[test]
fn csv_comes_from_the_export_endpoint_with_the_filter() {
    let sb = sandbox(120);
    let dir = tempfile::tempdir().expect("tempdir");
    let r = export(
        &sb,
        dir.path(),
        &["--filter", "type=ticket status=open", "-o", "open.csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("open.csv")).expect("file");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().expect("header").clone();
    let (ty, status) = (
        header
            .iter()
            .position(|h| h == "type")
            .expect("type column"),
        header
            .iter()
            .position(|h| h == "status")
            .expect("status column"),
    );
    let mut n = 0;
    for row in rows.records() {
        let row = row.expect("row");
        assert_eq!((&row[ty], &row[status]), ("ticket", "open"));
        n += 1;
    }
    assert!(n > 0);
    assert!(
        sb.requests()
            .iter()
            .any(|(_, p)| p.contains("/records/export"))
    );
}

#[test]
fn a_bad_filter_is_a_usage_error_pointing_at_the_fault() {
    let sb = sandbox(5);
    let dir = tempfile::tempdir().expect("tempdir");
    let r = export(
        &sb,
        dir.path(),
        &["--filter", "type=ticket status=", "-o", "x.csv"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--filter") && r.stderr.contains('^'),
        "{}",
        r.stderr
    );
    let r = export(&sb, dir.path(), &["--filter", "status=open", "-o", "x.csv"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("needs a type"), "{}", r.stderr);
    assert!(files(dir.path()).is_empty());
}

/// A config file with one profile, `sb`, pointing at the sandbox.
fn profile_config(dir: &Path, url: &str) {
    let conf = dir.join("config").join("runtype-tui");
    std::fs::create_dir_all(&conf).expect("mkdir");
    let path = conf.join("config.toml");
    let text = format!("[profiles.sb]\nbase_url = \"{url}\"\napi_key_env = \"RUNTYPE_API_KEY\"\n");
    std::fs::write(&path, text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
}

#[test]
fn a_profile_names_the_server_and_an_unknown_one_is_a_usage_error() {
    let sb = sandbox(30);
    let dir = tempfile::tempdir().expect("tempdir");
    profile_config(dir.path(), &sb.base_url());
    let r = run(
        dir.path(),
        sb.api_key(),
        &["export", "--profile", "sb", "--format", "jsonl"],
    );
    assert_eq!((r.code, r.stdout.lines().count()), (0, 30), "{}", r.stderr);
    let r = run(
        dir.path(),
        sb.api_key(),
        &["export", "--profile", "nowhere", "-o", "x.csv"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not in the config file"), "{}", r.stderr);
    assert!(files(dir.path()).is_empty());
}

#[test]
fn an_unreachable_server_fails_with_the_reason_and_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("http://127.0.0.1:{port}/v1");
    let r = run(
        dir.path(),
        "k",
        &["export", "--base-url", &url, "-o", "x.jsonl"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot connect"), "{}", r.stderr);
    assert!(files(dir.path()).is_empty(), "{:?}", files(dir.path()));
}

#[test]
fn a_failure_on_a_later_page_leaves_no_partial_file() {
    let sb = sandbox(250);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("keep.jsonl"), "old\n").expect("write");
    // The first page succeeds; the second (it carries a cursor) is refused for good.
    sb.inject(Fault::status(403, r#"{"error":"forbidden"}"#).at("cursor="));
    let r = export(&sb, dir.path(), &["-o", "keep.jsonl"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("403"), "{}", r.stderr);
    assert_eq!(files(dir.path()), ["keep.jsonl"]);
    let kept = std::fs::read_to_string(dir.path().join("keep.jsonl")).expect("read");
    assert_eq!(kept, "old\n", "the old file is untouched");
}

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    for shell in ["bash", "zsh", "fish"] {
        let r = run(dir.path(), "k", &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(
            r.stdout.contains("export") && r.stdout.contains("filter"),
            "{shell}"
        );
    }
    let r = run(dir.path(), "k", &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
}

/// `export | head -1`: the reader closes the pipe after one line; the export stops quietly
/// with success (as `cat` would), not with "Broken pipe" and exit 1. Both formats.
#[test]
fn a_reader_that_stops_early_is_not_a_failure() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let sb = sandbox(3000);
    let dir = tempfile::tempdir().expect("dir");
    for format in ["jsonl", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_runtype-tui"))
            .args([
                "export",
                "--base-url",
                sb.base_url().as_str(),
                "--format",
                format,
            ])
            .current_dir(dir.path())
            .env_remove("RUNTYPE_PROFILE")
            .env_remove("RUNTYPE_LOG")
            .env("RUNTYPE_API_KEY", sb.api_key())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        reader.read_line(&mut first).expect("a first line");
        assert!(!first.is_empty(), "{format}: something was written");
        drop(reader);
        let out = child.wait_with_output().expect("exits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("pipe"), "{format}: {stderr}");
    }
}
