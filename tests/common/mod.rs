//! Driving the real binary in tmux, for the end-to-end tests.
#![allow(dead_code)] // each test file uses part of it

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    /// The config (and state) dir alto runs with.
    pub dir: tempfile::TempDir,
    /// The demo sandbox's data file.
    pub data: PathBuf,
}

impl Tmux {
    /// `alto --demo` with its own config dir and sandbox data file.
    pub fn demo(extra_args: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("sandbox.json");
        let cmd = format!(
            "ALTO_CONFIG_DIR={} TZ=UTC {} --demo --sandbox-data {} {extra_args}",
            dir.path().display(),
            env!("CARGO_BIN_EXE_alto"),
            data.display()
        );
        Tmux::start(&cmd, dir, data)
    }

    /// `alto --demo ARGS` with `ENV` set (`{dir}` in it is the config
    /// dir), after `prepare` has run on the config dir.
    pub fn demo_prepared(env: &str, args: &str, prepare: impl FnOnce(&std::path::Path)) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path());
        let data = dir.path().join("sandbox.json");
        let env = env.replace("{dir}", &dir.path().display().to_string());
        let cmd = format!(
            "{env} ALTO_CONFIG_DIR={} TZ=UTC {} --demo --sandbox-data {} {args}",
            dir.path().display(),
            env!("CARGO_BIN_EXE_alto"),
            data.display()
        );
        Tmux::start(&cmd, dir, data)
    }

    /// Runs `cmd` (a shell command line) in a new tmux server of its own.
    pub fn start(cmd: &str, dir: tempfile::TempDir, data: PathBuf) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "these tests need tmux: install it (apt-get install tmux)"
        );
        let socket = format!("alto-e2e-{}-{}", std::process::id(), fastrand::u32(..));
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
            ])
            .args(["-x", "100", "-y", "30", cmd])
            .status()
            .unwrap();
        assert!(ok.success(), "tmux could not start");
        // OSC 52 copies land in tmux's paste buffer, where a test can read them.
        Command::new("tmux")
            .args(["-L", &socket, "set-option", "-s", "set-clipboard", "on"])
            .status()
            .unwrap();
        Tmux { socket, dir, data }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until `text` is on screen; panics with the screen if it never is.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("never saw {text:?}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until every one of `texts` is on one screen (a frame can be
    /// caught half drawn, so one text is not proof of the others).
    pub fn wait_all(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if texts.iter().all(|x| screen.contains(x)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw all of {texts:?}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// As [`Tmux::wait_all`], and then until two captures 100 ms apart are
    /// the same: a whole frame, not one caught half drawn.
    pub fn wait_settled(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut last = self.wait_all(texts);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.wait_all(texts);
            if now == last {
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never settled; last:\n{now}"
            );
            last = now;
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "e2e", k]);
        }
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    pub fn data(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&self.data).unwrap()).unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
