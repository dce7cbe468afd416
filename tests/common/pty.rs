//! The real binary in a pseudo-terminal, read back through a terminal emulator. Every wait
//! polls for a named condition with a deadline (scaled by RUNTYPE_TEST_TIME_SCALE).

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use super::scaled;

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    /// Every byte the child wrote, as written.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once every byte the child wrote has been read into the screen.
    drained: Arc<std::sync::atomic::AtomicBool>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _data: tempfile::TempDir,
    data_dir: std::path::PathBuf,
}

impl Session {
    pub fn start(args: &[&str]) -> Self {
        Self::start_with(args, &[], (30, 100))
    }

    /// Starts the binary with extra environment at (rows, cols).
    pub fn start_with(args: &[&str], envs: &[(&str, &str)], size: (u16, u16)) -> Self {
        Self::start_program(env!("CARGO_BIN_EXE_runtype-tui"), args, envs, size)
    }

    /// Starts any program the same way (to compare against it on equal terms).
    pub fn start_program(
        program: &str,
        args: &[&str],
        envs: &[(&str, &str)],
        size: (u16, u16),
    ) -> Self {
        let data = tempfile::tempdir().expect("tempdir");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: size.0,
                cols: size.1,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", data.path());
        cmd.env("XDG_CONFIG_HOME", data.path());
        cmd.env("XDG_STATE_HOME", data.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("RUNTYPE_API_KEY");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let rows = NonZeroU16::new(size.0).unwrap_or(NonZeroU16::MIN);
        let cols = NonZeroU16::new(size.1).unwrap_or(NonZeroU16::MIN);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = screen.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_feed = raw.clone();
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = drained.clone();
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
                raw_feed
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let data_dir = data.path().to_owned();
        Self {
            child,
            writer,
            screen,
            raw,
            drained,
            _data: data,
            data_dir,
        }
    }

    pub fn text(&self) -> String {
        self.screen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .screen()
            .contents()
    }

    pub fn wait_for(&self, what: &str) {
        let until = Instant::now() + scaled(20);
        while Instant::now() < until {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what:?}; screen:\n{}", self.text());
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn wait_exit(&mut self) -> u32 {
        let until = Instant::now() + scaled(10);
        while Instant::now() < until {
            // The exit status alone is not enough: the last bytes (the terminal restore) may
            // still be on their way through the pty.
            let drained = self.drained.load(std::sync::atomic::Ordering::SeqCst);
            if let (true, Ok(Some(status))) = (drained, self.child.try_wait()) {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = self.child.kill();
        panic!("the app did not exit; screen:\n{}", self.text());
    }

    /// Everything the app switched on is off again.
    pub fn assert_restored(&self) {
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

    pub fn sandbox_db(&self) -> String {
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

impl Session {
    /// Runs `f` on the emulated screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self
            .screen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .screen())
    }

    /// Every byte the program has written so far.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}
