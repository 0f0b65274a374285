//! Driving the real binary in a pseudo-terminal, for the end-to-end tests:
//! `portable-pty` gives it a terminal, `vt100` reads what it draws (text,
//! colours, attributes) and what it asks of the terminal (OSC 52 copies).
//! Nothing but Rust is needed, so `cargo test` passes on a fresh machine.
//!
//! Waits poll the screen until a condition holds or a generous deadline
//! passes; on a timeout the panic shows the screen and alto's log.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;
const DEADLINE: Duration = Duration::from_secs(60);

/// What the terminal saw, shared with the thread that reads the pty.
struct Seen {
    parser: vt100::Parser<Events>,
    /// Every byte written to the terminal, for checks on the raw output.
    raw: Vec<u8>,
}

/// What alto asked of the terminal besides drawing.
#[derive(Default)]
struct Events {
    /// The last OSC 52 copy, decoded.
    clipboard: Option<String>,
    /// Answers owed to the program (a cursor position report).
    replies: Vec<u8>,
}

impl vt100::Callbacks for Events {
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap_or_else(|e| format!("<not base64: {e}>").into_bytes());
        self.clipboard = Some(String::from_utf8_lossy(&bytes).into_owned());
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        _i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // A terminal answers "where is the cursor?" (DSR 6).
        if c == 'n' && params.first().is_some_and(|p| p.first() == Some(&6)) {
            let (row, col) = screen.cursor_position();
            let reply = format!("\u{1b}[{};{}R", row + 1, col + 1);
            self.replies.extend_from_slice(reply.as_bytes());
        }
    }
}

pub struct Term {
    /// The config (and state) dir alto runs with.
    pub dir: tempfile::TempDir,
    /// The demo sandbox's data file.
    pub data: PathBuf,
    seen: Arc<Mutex<Seen>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Term {
    /// `alto --demo` with its own config dir and sandbox data file.
    pub fn demo(extra_args: &str) -> Term {
        Term::demo_prepared("", extra_args, |_| {})
    }

    /// `alto --demo` with the index off (`[cache] enabled = false`): no
    /// filler's requests between the ones a test reads in the API log.
    pub fn demo_without_index() -> Term {
        Term::demo_prepared("", "", |dir| {
            std::fs::write(dir.join("config.toml"), "[cache]\nenabled = false\n").unwrap()
        })
    }

    /// `alto --demo ARGS` with `ENV` set (`{dir}` in it is the config
    /// dir), after `prepare` has run on the config dir. The demo sandbox
    /// enforces the API's budget (60 a minute), as the real API would.
    pub fn demo_prepared(env: &str, args: &str, prepare: impl FnOnce(&std::path::Path)) -> Term {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path());
        let data = dir.path().join("sandbox.json");
        let env = env.replace("{dir}", &dir.path().display().to_string());
        let cmd = format!(
            "{env} ALTO_CONFIG_DIR={} TZ=UTC {} --demo --sandbox-rate-limit --sandbox-data {} {args}",
            dir.path().display(),
            env!("CARGO_BIN_EXE_alto"),
            data.display()
        );
        Term::start(&cmd, dir, data)
    }

    /// Runs `cmd` (a shell command line) in a new 100×30 terminal.
    pub fn start(cmd: &str, dir: tempfile::TempDir, data: PathBuf) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new("sh");
        command.args(["-c", cmd]);
        command.env("TERM", "xterm-256color");
        // Copies go through OSC 52, where the terminal sees them; no
        // desktop clipboard, no tmux, no colour preference of the caller's.
        for var in ["DISPLAY", "WAYLAND_DISPLAY", "TMUX", "NO_COLOR", "SSH_TTY"] {
            command.env_remove(var);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        let rows = std::num::NonZeroU16::new(ROWS).unwrap();
        let cols = std::num::NonZeroU16::new(COLS).unwrap();
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new_with_callbacks(rows, cols, 1000, Events::default()),
            raw: Vec::new(),
        }));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let reader = pair.master.try_clone_reader().unwrap();
        read_in_background(reader, Arc::clone(&seen), Arc::clone(&writer));
        Term {
            dir,
            data,
            seen,
            writer,
            child: Mutex::new(child),
            _master: pair.master,
        }
    }

    /// The screen's text, rows trimmed at the end.
    pub fn screen(&self) -> String {
        self.seen.lock().unwrap().parser.screen().contents()
    }

    /// Reads the screen's cells: colours and attributes.
    pub fn with_screen<T>(&self, read: impl FnOnce(&vt100::Screen) -> T) -> T {
        read(self.seen.lock().unwrap().parser.screen())
    }

    /// Everything printed on the main screen, scrollback included (what a
    /// program says on its way out lands there).
    pub fn history(&self) -> String {
        let raw = self.raw();
        let mut long = vt100::Parser::new(
            std::num::NonZeroU16::new(2000).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
            0,
        );
        long.process(&raw);
        if long.screen().alternate_screen() {
            long.process(b"\x1b[?1049l");
        }
        long.screen().contents()
    }

    /// Every byte written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.seen.lock().unwrap().raw.clone()
    }

    /// The text of the last OSC 52 copy, if any.
    pub fn clipboard(&self) -> Option<String> {
        self.seen
            .lock()
            .unwrap()
            .parser
            .callbacks()
            .clipboard
            .clone()
    }

    /// Waits until the last OSC 52 copy is `want`.
    pub fn wait_clipboard(&self, want: impl Fn(&str) -> bool) -> String {
        self.wait_until("the copy", || self.clipboard().filter(|c| want(c)))
    }

    /// The program has ended.
    pub fn exited(&self) -> bool {
        self.child.lock().unwrap().try_wait().unwrap().is_some()
    }

    pub fn wait_for_exit(&self) {
        self.wait_until("the program to exit", || self.exited().then_some(()));
    }

    /// Polls `check` until it gives something; on a timeout, panics with
    /// the screen and alto's log.
    pub fn wait_until<T>(&self, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(found) = check() {
                return found;
            }
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(self.dir.path().join("state").join("alto.log"))
                    .unwrap_or_else(|e| format!("(no log: {e})"));
                let tail: Vec<&str> = log.lines().rev().take(30).collect();
                panic!(
                    "timed out waiting for {what}; the screen was:\n{}\n--- alto.log (last lines, newest first):\n{}",
                    self.screen(),
                    tail.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_all(&[text])
    }

    /// Waits until every one of `texts` is on one screen (a frame can be
    /// caught half drawn, so one text is not proof of the others).
    pub fn wait_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?} on screen"), || {
            let screen = self.screen();
            texts.iter().all(|x| screen.contains(x)).then_some(screen)
        })
    }

    /// As [`Term::wait_all`], and then until two reads 100 ms apart are
    /// the same: a whole frame, not one caught half drawn.
    pub fn wait_settled(&self, texts: &[&str]) -> String {
        let mut last = self.wait_all(texts);
        self.wait_until("the screen to settle", || {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.wait_all(texts);
            let same = now == last;
            last = now.clone();
            same.then_some(now)
        })
    }

    /// Sends keys by tmux's names ("Enter", "C-s", "Escape", "BTab", …);
    /// anything else is sent as typed.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.write(&key_bytes(k));
            if *k == "Escape" {
                // A lone ESC and the next key in one read would be taken
                // for Alt+key, by alto as by any terminal program: a
                // terminal never sends them that close together.
                std::thread::sleep(Duration::from_millis(30));
            }
        }
    }

    pub fn type_text(&self, text: &str) {
        self.write(text.as_bytes());
    }

    fn write(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    pub fn data(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&self.data).unwrap()).unwrap()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(mut child) = self.child.lock() {
            let _ = child.kill();
        }
    }
}

/// Feeds the pty's output to the parser until it closes, answering what
/// the program asks of the terminal.
fn read_in_background(
    mut reader: Box<dyn Read + Send>,
    seen: Arc<Mutex<Seen>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let replies = {
                let mut s = seen.lock().unwrap();
                s.raw.extend_from_slice(&buf[..n]);
                s.parser.process(&buf[..n]);
                std::mem::take(&mut s.parser.callbacks_mut().replies)
            };
            if !replies.is_empty() {
                let mut w = writer.lock().unwrap();
                let _ = w.write_all(&replies).and_then(|_| w.flush());
            }
        }
    });
}

/// The bytes a terminal sends for a key named as tmux names it.
fn key_bytes(name: &str) -> Vec<u8> {
    let fixed: &[u8] = match name {
        "Enter" => b"\r",
        "Tab" => b"\t",
        "BTab" => b"\x1b[Z",
        "Escape" => b"\x1b",
        "BSpace" => b"\x7f",
        "Space" => b" ",
        "Up" => b"\x1b[A",
        "Down" => b"\x1b[B",
        "Right" => b"\x1b[C",
        "Left" => b"\x1b[D",
        "Home" => b"\x1b[H",
        "End" => b"\x1b[F",
        "PageUp" | "PPage" => b"\x1b[5~",
        "PageDown" | "NPage" => b"\x1b[6~",
        "F12" => b"\x1b[24~",
        _ => {
            if let Some(c) = name.strip_prefix("C-").filter(|c| c.len() == 1) {
                let c = c.as_bytes()[0].to_ascii_lowercase();
                return vec![c & 0x1f];
            }
            return name.as_bytes().to_vec();
        }
    };
    fixed.to_vec()
}
