//! `$EDITOR` and `:yank` with the real binary in a pseudo-terminal (issue 12, section 3): a
//! fake editor script records what it was given and writes what a user would, so the
//! hand-over, the temp file's mode and removal, the parse-error round trip and the saved
//! result are all checked from outside.

mod common;

use common::pty::Session;
use runtype_tui::api::{ApiKey, Client, ListQuery};
use runtype_tui::runtime::clipboard::base64;
use runtype_tui::sandbox::{Sandbox, SandboxOptions};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const SECRET: &str = "rt_test_EDITORFLOWKEY4242";
const CTRL_X: &str = "\x18";
const CTRL_E: &str = "\x05";
const CTRL_S: &str = "\x13";
const F2: &str = "\x1bOQ";

/// Each run: notes the file's mode and path, keeps a copy of what it was given, then
/// writes: 1) a new name, 2) broken metadata, 3) metadata that parses.
const FAKE_EDITOR: &str = r#"#!/bin/sh
d="$(dirname "$0")"
n=$(cat "$d/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$d/count"
stat -c %a "$1" >> "$d/modes"
echo "$1" >> "$d/paths"
cp "$1" "$d/given$n"
case $n in
  1) printf 'Renamed in vi\n' > "$1" ;;
  2) printf '{"status": }\n' > "$1" ;;
  *) printf '{"status": "edited", "tier": 3}\n' > "$1" ;;
esac
"#;

fn fake_editor(dir: &Path) -> String {
    let path = dir.join("editor.sh");
    std::fs::write(&path, FAKE_EDITOR).expect("script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    path.display().to_string()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

#[test]
fn the_editor_edits_a_value_and_the_metadata_and_yank_curl_hides_the_key() {
    let sb = Sandbox::start_background(SandboxOptions {
        api_key: SECRET.into(),
        ..SandboxOptions::default()
    })
    .expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let editor = fake_editor(dir.path());
    let url = sb.base_url();
    let envs = [
        ("RUNTYPE_BASE_URL", url.as_str()),
        ("RUNTYPE_API_KEY", SECRET),
        ("VISUAL", editor.as_str()),
    ];
    let mut s = Session::start_with(&[], &envs, (30, 100));
    s.wait_for("100 of 163 loaded");
    s.send("\r");
    s.wait_for("Metadata (");
    s.send("e");
    s.wait_for(" Edit ");
    s.send(CTRL_X);
    s.send(CTRL_E);
    s.wait_for("Name replaced from the editor");
    s.wait_for("Renamed in vi");
    s.send(F2);
    s.send("edit metadata\r");
    s.wait_for("Metadata replaced from the editor: 2 keys");
    s.send(F2);
    s.send("yank curl\r");
    s.wait_for("Copied a curl command (key as $RUNTYPE_API_KEY)");
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s.send("\x1b");
    // Text only the detail view shows (the form has "Metadata (" too).
    s.wait_for("Schema valid");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    assert_eq!(read(dir.path(), "count").trim(), "3", "three editor runs");
    assert_eq!(
        read(dir.path(), "modes").lines().collect::<Vec<_>>(),
        ["600"; 3]
    );
    for path in read(dir.path(), "paths").lines() {
        assert!(!Path::new(path).exists(), "{path} was left behind");
    }
    assert!(
        read(dir.path(), "given2").contains("\"status\""),
        "pretty metadata"
    );
    let again = read(dir.path(), "given3");
    assert!(again.starts_with("// Not valid: line 1"), "{again}");
    assert!(
        again.contains("{\"status\": }"),
        "the broken text came back: {again}"
    );

    let c = Client::new(&url, ApiKey::new(SECRET)).expect("client");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let page = rt
        .block_on(c.list_records(&ListQuery::default()))
        .expect("list");
    let saved = page
        .records
        .iter()
        .find(|r| r.name == "Renamed in vi")
        .expect("the renamed record was saved");
    assert_eq!(
        serde_json::Value::Object(saved.metadata.clone()),
        serde_json::json!({"status": "edited", "tier": 3})
    );
    let curl = format!(
        "curl -sS -H \"Authorization: Bearer $RUNTYPE_API_KEY\" -H 'Accept: application/json' '{url}/records/{}'",
        saved.id
    );
    let out = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        out.contains(&base64(curl.as_bytes())),
        "the curl command, in OSC 52"
    );
    let copied: Vec<&str> = out.split("\x1b]52;c;").skip(1).collect();
    assert!(!copied.is_empty());
    for seq in copied {
        let text = decode(seq.split('\x07').next().unwrap_or_default());
        assert!(!text.contains(SECRET), "the key was copied: {text}");
    }
    assert!(!out.contains(SECRET), "the key never reaches the terminal");
}

/// Standard base64 back to text (only what the copy sends: padded, no line breaks).
fn decode(b64: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = b64
        .bytes()
        .filter_map(|b| ALPHABET.iter().position(|a| *a == b))
        .map(|i| i as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().fold(0u32, |acc, s| (acc << 6) | s) << (6 * (4 - chunk.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn decode_undoes_the_copy_encoding() {
    for text in ["", "f", "fo", "foo", "curl 'x'"] {
        assert_eq!(decode(&base64(text.as_bytes())), text);
    }
}
