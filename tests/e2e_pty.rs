//! End-to-end: the real binary in a pseudo-terminal on the embedded sandbox, driven by keys,
//! read back through a terminal emulator. Every wait polls for named screen text with a
//! deadline (scaled by RUNTYPE_TEST_TIME_SCALE); nothing sleeps for a fixed time.

mod common;

use common::pty::Session;
use runtype_tui::api::{ApiKey, Client, ListQuery, RecordFilters};
use runtype_tui::sandbox::{Sandbox, SandboxOptions, Seed};

const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

#[tokio::test]
async fn open_edit_save_quit_and_the_terminal_is_restored() {
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send("t");
    s.wait_for("type: ");
    s.send("customer\r");
    s.wait_for("type: customer");
    s.send("/");
    s.wait_for("/ search:");
    s.send("acme corp\r");
    s.wait_for("search: \"acme corp\"");
    s.wait_for("1/1");
    s.send("\r");
    s.wait_for("Metadata (");
    s.send("e");
    s.wait_for("Edit ");
    s.send(" Ltd");
    s.wait_for(" Ltd");
    s.send(CTRL_S);
    s.wait_for("✓ Saved");
    s.send(ESC);
    s.wait_for("Schema valid");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    let sb = Sandbox::start(SandboxOptions {
        db: s.sandbox_db(),
        seed: Seed::None,
        ..SandboxOptions::default()
    })
    .await
    .expect("reopen the app's sandbox database");
    let c = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    let q = ListQuery {
        filters: RecordFilters {
            search: Some(" ltd".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let found = c.list_records(&q).await.expect("list");
    assert_eq!(found.records.len(), 1, "the saved name is in the database");
    assert!(found.records[0].name.ends_with(" Ltd"));
}

#[test]
fn an_invalid_edit_is_refused_and_discarding_loses_nothing_else() {
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send("e");
    s.wait_for("Edit ");
    // Empty the name: far more backspaces than characters.
    s.send(&"\x7f".repeat(60));
    s.wait_for("0/500");
    s.send(CTRL_S);
    s.wait_for("Nothing was sent");
    s.wait_for("Name is required");
    s.send(ESC);
    s.wait_for("Unsaved changes");
    s.send("d");
    s.wait_for("Records · sandbox");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("Records · sandbox");
    s.send("?");
    s.wait_for("Keys: record list");
    let pid = s.child.process_id().expect("pid");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    assert_eq!(s.wait_exit(), 143);
    s.assert_restored();
}

fn poll(what: &str, mut cond: impl FnMut() -> bool) {
    let until = std::time::Instant::now() + common::pty::scaled(10);
    while std::time::Instant::now() < until {
        if cond() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for {what}");
}

/// Ctrl-Z needs a shell with job control to stop the app and `fg` it again: the test types
/// into an interactive bash, as a user would.
#[test]
fn ctrl_z_suspends_and_fg_redraws_with_the_same_selection() {
    let mut s = Session::start_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "$ ")],
        (30, 100),
    );
    s.wait_for("$ ");
    s.send(&format!(
        "{} --sandbox\r",
        env!("CARGO_BIN_EXE_runtype-tui")
    ));
    s.wait_for("100 of 163 loaded");
    s.send("jjj");
    let selected = |s: &Session| {
        s.with_screen(|sc| (0..30u16).find(|&y| sc.cell(y, 0).is_some_and(|c| c.inverse())))
    };
    poll("the selection on the fourth row", || {
        selected(&s) == Some(5)
    });
    s.send("\x1a");
    s.wait_for("Stopped");
    assert!(
        !s.with_screen(|sc| sc.alternate_screen()),
        "the shell's screen is back while stopped"
    );
    s.send("fg\r");
    poll("a full redraw after fg", || {
        s.with_screen(|sc| sc.alternate_screen()) && s.text().contains("100 of 163 loaded")
    });
    poll("the same selection", || selected(&s) == Some(5));
    s.send("q");
    poll("back at the prompt", || {
        !s.with_screen(|sc| sc.alternate_screen())
    });
    s.send("exit\r");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sighup_and_sigint_mid_request_exit_128_plus_n() {
    for (signal, code) in [("-HUP", 129), ("-INT", 130)] {
        let mut s = Session::start(&["--sandbox", "--sandbox-latency-ms", "5000"]);
        s.wait_for("Loading records");
        let pid = s.pid().expect("pid").to_string();
        let sent = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill");
        assert!(sent.success());
        assert_eq!(s.wait_exit(), code, "{signal}");
        s.assert_restored();
    }
}

#[test]
fn an_edit_survives_sigterm_as_a_draft_and_resumes() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().to_str().expect("utf8").to_owned();
    let envs = [
        ("XDG_DATA_HOME", dir.as_str()),
        ("XDG_STATE_HOME", dir.as_str()),
        ("XDG_CONFIG_HOME", dir.as_str()),
    ];
    let mut s = Session::start_with(&["--sandbox"], &envs, (30, 100));
    s.wait_for("100 of 163 loaded");
    s.send("e");
    s.wait_for("Edit ");
    s.send(" DRAFTED");
    s.wait_for(" DRAFTED");
    let pid = s.pid().expect("pid").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    assert_eq!(s.wait_exit(), 143);
    s.assert_restored();
    drop(s);

    let mut s = Session::start_with(&["--sandbox"], &envs, (30, 100));
    s.wait_for("Draft found");
    s.wait_for(" DRAFTED");
    // The offer takes keys only once they show (type-ahead must not answer it).
    s.wait_for("s resume");
    s.send("s");
    s.wait_for("Edit ");
    s.wait_for(" DRAFTED");
    s.send(CTRL_S);
    s.wait_for("✓ Saved");
    s.send(ESC);
    s.wait_for("100 of 163 loaded");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    drop(s);

    let s = Session::start_with(&["--sandbox"], &envs, (30, 100));
    s.wait_for("DRAFTED");
    assert!(!s.text().contains("Draft found"), "a saved draft is gone");
}

#[test]
fn a_panic_restores_the_terminal_and_prints_a_safe_report() {
    let hostile = "boom \u{1b}]0;pwned\u{7} \u{1b}[2J \u{202e}";
    let mut s = Session::start_with(
        &["--sandbox"],
        &[("RUNTYPE_TUI_TEST_PANIC", hostile)],
        (30, 100),
    );
    assert_eq!(s.wait_exit(), 101, "a panic exit");
    s.assert_restored();
    let text = s.text();
    assert!(
        text.contains("runtype-tui crashed: boom ^[]0;pwned^G ^[[2J <U+202E>"),
        "{text}"
    );
    assert!(text.contains("The terminal was restored"), "{text}");
}

/// The key goes through a whole session (list, detail, a failed save, a panic) and no byte
/// the app writes contains it.
#[test]
fn the_key_never_reaches_the_terminal() {
    const SECRET: &str = "rt_live_SUPERSECRETKEYVALUE9876";
    let sb = Sandbox::start_background(SandboxOptions {
        api_key: SECRET.into(),
        ..SandboxOptions::default()
    })
    .expect("sandbox");
    let url = sb.base_url();
    let envs = [
        ("RUNTYPE_BASE_URL", url.as_str()),
        ("RUNTYPE_API_KEY", SECRET),
    ];
    let mut s = Session::start_with(&[], &envs, (30, 100));
    s.wait_for("100 of 163 loaded");
    s.send("\r");
    s.wait_for("Schema valid");
    s.send(ESC);
    s.wait_for("100 of 163 loaded");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut all = s.output();
    let panic_envs = [envs[0], envs[1], ("RUNTYPE_TUI_TEST_PANIC", "mid-session")];
    let mut p = Session::start_with(&[], &panic_envs, (30, 100));
    assert_eq!(p.wait_exit(), 101);
    all.extend(p.output());
    let text = String::from_utf8_lossy(&all);
    assert!(text.contains("crashed"), "the panic report was captured");
    assert!(!text.contains("SUPERSECRETKEY"), "the key leaked");
}

/// A terminal that declares it understands no escape codes gets a message, not a screen.
#[test]
fn term_dumb_is_refused_with_a_clear_message() {
    let mut s = Session::start_with(&["--sandbox"], &[("TERM", "dumb")], (24, 80));
    assert_eq!(s.wait_exit(), 2);
    let raw = s.output();
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b["),
        "no escape codes: {:?}",
        String::from_utf8_lossy(&raw)
    );
    assert!(String::from_utf8_lossy(&raw).contains("TERM=dumb"));
}
