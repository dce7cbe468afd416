//! End-to-end: the real binary in a pseudo-terminal on the embedded sandbox, driven by keys,
//! read back through a terminal emulator. Every wait polls for named screen text with a
//! deadline (scaled by RUNTYPE_TEST_TIME_SCALE); nothing sleeps for a fixed time.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use runtype_tui::api::{ApiKey, Client, ListQuery, RecordFilters};
use runtype_tui::sandbox::{Sandbox, SandboxOptions, Seed};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn scaled(secs: u64) -> Duration {
    let scale: u64 = std::env::var("RUNTYPE_TEST_TIME_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Duration::from_secs(secs * scale.max(1))
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _data: tempfile::TempDir,
    data_dir: std::path::PathBuf,
}

impl Session {
    fn start(args: &[&str]) -> Self {
        let data = tempfile::tempdir().expect("tempdir");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_runtype-tui"));
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", data.path());
        cmd.env("XDG_CONFIG_HOME", data.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("RUNTYPE_API_KEY");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::MIN.saturating_add(29),
            NonZeroU16::MIN.saturating_add(99),
            0,
        )));
        let feed = screen.clone();
        std::thread::spawn(move || {
            // Keeps the master open until the child's output ends.
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .process(&buf[..n]);
            }
        });
        let data_dir = data.path().to_owned();
        Self {
            child,
            writer,
            screen,
            _data: data,
            data_dir,
        }
    }

    fn text(&self) -> String {
        self.screen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .screen()
            .contents()
    }

    fn wait_for(&self, what: &str) {
        let until = Instant::now() + scaled(20);
        while Instant::now() < until {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what:?}; screen:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> u32 {
        let until = Instant::now() + scaled(10);
        while Instant::now() < until {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the app did not exit; screen:\n{}", self.text());
    }

    /// Everything the app switched on is off again.
    fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        let s = parser.screen();
        assert!(!s.alternate_screen(), "left the alternate screen");
        assert!(!s.hide_cursor(), "cursor visible");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture off"
        );
        assert!(!s.bracketed_paste(), "bracketed paste off");
    }

    fn sandbox_db(&self) -> String {
        self.data_dir
            .join("runtype-tui/sandbox.sqlite3")
            .to_string_lossy()
            .into_owned()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

#[tokio::test]
async fn open_edit_save_quit_and_the_terminal_is_restored() {
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100/163");
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
    s.wait_for("100/163");
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
