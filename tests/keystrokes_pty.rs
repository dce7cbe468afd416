//! Issue 8 in a real terminal: the real binary in a pseudo-terminal, typing as an impatient
//! user does: at once after a restart, during a discard, into a huge paste, and a signal
//! while the loop is stuck.

mod common;

use common::pty::{Session, scaled};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CTRL_C: &str = "\x03";

/// Every draft file under the state directory `home`.
fn draft_files(home: &Path) -> Vec<PathBuf> {
    let root = home.join("runtype-tui/drafts/sandbox");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.path().extension().is_some_and(|x| x == "json") {
                found.push(file.path());
            }
        }
    }
    found
}

/// Polls `done` until it holds or the deadline passes.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let until = Instant::now() + scaled(10);
    while Instant::now() < until {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

fn session(home: &Path, extra: &[(&str, &str)]) -> Session {
    let dir = home.to_str().expect("utf8");
    let mut envs = vec![
        ("XDG_DATA_HOME", dir),
        ("XDG_STATE_HOME", dir),
        ("XDG_CONFIG_HOME", dir),
    ];
    envs.extend_from_slice(extra);
    Session::start_with(&["--sandbox"], &envs, (30, 100))
}

/// Edits the first record and waits until its draft is on disk.
fn edit_until_journaled(s: &mut Session, home: &Path, text: &str) {
    s.wait_for("100 of 163 loaded");
    s.send("e");
    s.wait_for("Edit ");
    s.send(text);
    s.wait_for(text);
    wait_until("the draft on disk", || !draft_files(home).is_empty());
}

#[test]
fn type_ahead_after_a_kill_never_destroys_the_draft() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = session(home.path(), &[]);
    edit_until_journaled(&mut s, home.path(), " KEPT");
    let _ = s.child.kill(); // SIGKILL: no chance to clean up
    drop(s);
    let mut s = session(home.path(), &[]);
    // Typed at once, before anything is on screen: `d` must not discard the draft.
    s.send("/dog");
    s.wait_for("dog");
    s.wait_for("O reviews");
    assert_eq!(
        draft_files(home.path()).len(),
        1,
        "the draft is still there"
    );
    s.send("\x1b\x1bO");
    s.wait_for("s resume");
    s.send("s");
    s.wait_for(" KEPT");
}

#[test]
fn discard_at_the_quit_question_deletes_the_draft() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = session(home.path(), &[]);
    edit_until_journaled(&mut s, home.path(), " GONE");
    s.send(CTRL_C);
    s.wait_for("Unsaved");
    s.send("d");
    assert_eq!(s.wait_exit(), 0);
    assert!(draft_files(home.path()).is_empty(), "discard means deleted");
    drop(s);
    let s = session(home.path(), &[]);
    s.wait_for("100 of 163 loaded");
    assert!(!s.text().contains("Draft found"));
}

#[test]
fn sigterm_is_honoured_while_the_loop_is_stuck() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = session(home.path(), &[("RUNTYPE_TUI_TEST_SLOW_DRAW_MS", "60000")]);
    s.wait_for("Records");
    s.send("j"); // the next frame takes a minute
    let pid = s.pid().expect("pid").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    assert_eq!(s.wait_exit(), 143, "128 + SIGTERM, within the grace second");
    s.assert_restored();
}

#[test]
fn typing_after_a_huge_paste_shows_at_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = session(home.path(), &[]);
    s.wait_for("100 of 163 loaded");
    s.send("e");
    s.wait_for("Edit ");
    let blob: String = "abcdefghij".repeat(20_000);
    s.send(&format!("\x1b[200~{blob}\x1b[201~"));
    s.send("QZXW");
    s.wait_for("QZXW");
    // "#10900 注文が届きません" (15) + 200 000 pasted + 4 typed, counted in characters.
    s.wait_for("200019/500");
}
