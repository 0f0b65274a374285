//! The journal of writes: every write alto sends, console and CLI alike,
//! is recorded before it is sent (its intent: an op id, the operation, its
//! target, its body and idempotency key) and again when its outcome is
//! known (done, refused, unknown, or looked up after a lost answer).
//!
//! Append-only JSON lines in the state dir (`journal/writes.jsonl`, 0600
//! in a 0700 dir), rotated past [`ROTATE_AT`] (one older file is kept). It
//! never holds the token or a client secret: bodies are the contract's
//! write bodies and "after" states are resources, never a setup intent's
//! answer. An intent with no outcome (alto was killed between the two) is
//! found by [`Journal::unsettled`] and looked up before anything else.

use crate::paths;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub use super::writes::Write;

/// Past this size the journal is rotated (`writes.1.jsonl` is replaced).
pub const ROTATE_AT: u64 = 4 * 1024 * 1024;

/// The line format's version: a line from a newer alto is not read.
pub const VERSION: u32 = 1;

/// What is recorded of a write before it is sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intent {
    pub op: String,
    /// When it was sent (RFC 3339).
    pub at: String,
    pub api: String,
    pub profile: String,
    #[serde(flatten)]
    pub write: Write,
    /// The body sent (never a secret: the contract's write bodies).
    #[serde(default)]
    pub body: Value,
    #[serde(default)]
    pub key: Option<String>,
    /// What the target was before, where it was known without asking.
    #[serde(default)]
    pub before: Option<Value>,
    /// The process that sent it: an intent of a process still running is
    /// its own business (its answer may be on the way).
    #[serde(default)]
    pub pid: u32,
}

/// An intent this old has had every chance of an answer (the longest
/// `--timeout` is 10 minutes).
pub const ABANDONED_AFTER_S: i64 = 11 * 60;

impl Intent {
    /// Nobody is waiting for this intent's answer any more: its process
    /// is gone (where that can be told), or it is older than any wait.
    pub fn abandoned(&self, now: jiff::Timestamp) -> bool {
        let old = self.at.parse::<jiff::Timestamp>().map_or(true, |at| {
            now.as_second() - at.as_second() > ABANDONED_AFTER_S
        });
        old || (self.pid != std::process::id() && !process_alive(self.pid))
    }
}

/// Whether process `pid` runs (Linux: its /proc entry; elsewhere it
/// cannot be told, and only age abandons an intent).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") && pid != 0 {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// How a write ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Done {
        #[serde(default)]
        after: Option<Value>,
    },
    Refused {
        message: String,
    },
    /// The answer was lost and the lookup could not tell either.
    Unknown {
        message: String,
    },
    /// The answer was lost; a lookup found it done (with what it found)
    /// or not done (nothing was sent again).
    LookedUp {
        done: bool,
        #[serde(default)]
        after: Option<Value>,
        message: String,
    },
}

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
enum Line {
    Intent {
        v: u32,
        #[serde(flatten)]
        intent: Box<Intent>,
    },
    Outcome {
        v: u32,
        op: String,
        at: String,
        #[serde(flatten)]
        outcome: Outcome,
    },
}

/// The journal of one state dir.
#[derive(Clone, Debug)]
pub struct Journal {
    root: PathBuf,
    path: PathBuf,
}

/// A new op id (also what `alto history` will name an entry by).
pub fn new_op() -> String {
    format!("op_{}", uuid::Uuid::new_v4().simple())
}

impl Journal {
    pub fn new(state_dir: &Path) -> Journal {
        Journal {
            root: state_dir.to_path_buf(),
            path: state_dir.join("journal").join("writes.jsonl"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records `intent` before its write is sent.
    pub fn intent(&self, intent: &Intent) -> std::io::Result<()> {
        self.append(&Line::Intent {
            v: VERSION,
            intent: Box::new(intent.clone()),
        })
    }

    /// Records how the write `op` ended.
    pub fn outcome(&self, op: &str, outcome: &Outcome) -> std::io::Result<()> {
        self.append(&Line::Outcome {
            v: VERSION,
            op: op.to_string(),
            at: jiff::Timestamp::now().to_string(),
            outcome: outcome.clone(),
        })
    }

    fn append(&self, line: &Line) -> std::io::Result<()> {
        let dir = self.path.parent().expect("in the journal dir");
        paths::ensure_own_dir(&self.root, dir)?;
        paths::refuse_link(&self.path)?;
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() > ROTATE_AT) {
            // Another process may rotate at the same moment: one of the
            // renames wins, and nothing is lost but the oldest file.
            let _ = std::fs::rename(&self.path, self.rotated());
        }
        let mut text = serde_json::to_string(line).expect("a line always serialises");
        text.push('\n');
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        // One write of the whole line: O_APPEND keeps two processes'
        // lines whole and in some order.
        let mut file = options.open(&self.path)?;
        file.write_all(text.as_bytes())?;
        file.sync_data()
    }

    fn rotated(&self) -> PathBuf {
        self.path.with_file_name("writes.1.jsonl")
    }

    /// Intents of `api` with no outcome, oldest first, and what could not
    /// be read (said once: a file with bad lines is kept aside whole and
    /// its good lines carried on).
    pub fn unsettled(&self, api: &str) -> (Vec<Intent>, Vec<String>) {
        // Every command asks at its start: a journal whose every intent
        // has its outcome is told by the lines' first bytes alone.
        if self.all_settled() {
            return (Vec::new(), Vec::new());
        }
        let (lines, problems) = self.read_all();
        let settled: std::collections::HashSet<&str> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Outcome { op, .. } => Some(op.as_str()),
                Line::Intent { .. } => None,
            })
            .collect();
        let open = lines
            .iter()
            .filter_map(|l| match l {
                Line::Intent { intent, .. }
                    if intent.api == api && !settled.contains(intent.op.as_str()) =>
                {
                    Some((**intent).clone())
                }
                _ => None,
            })
            .collect();
        (open, problems)
    }

    /// Whether every line of both files is an intent or an outcome as this
    /// alto writes them and every intent has its outcome, read from each
    /// line's first bytes (no JSON is parsed). Anything else (a torn line,
    /// another version) says no, and the whole journal is read.
    fn all_settled(&self) -> bool {
        const INTENT: &[u8] = br#"{"line":"intent","v":1,"op":""#;
        const OUTCOME: &[u8] = br#"{"line":"outcome","v":1,"op":""#;
        let mut open = std::collections::HashSet::new();
        for path in [self.rotated(), self.path.clone()] {
            let bytes = match paths::read_at_most(&path, ROTATE_AT * 2) {
                Ok(bytes) => bytes,
                Err(e) if e.not_found() => continue,
                Err(_) => return false,
            };
            if bytes.last().is_some_and(|&b| b != b'\n') {
                return false;
            }
            for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let op = |rest: &[u8]| rest.split(|&b| b == b'"').next().map(<[u8]>::to_vec);
                if let Some(rest) = line.strip_prefix(INTENT) {
                    open.insert(op(rest));
                } else if let Some(rest) = line.strip_prefix(OUTCOME) {
                    open.remove(&op(rest));
                } else {
                    return false;
                }
            }
        }
        open.is_empty()
    }

    /// Every line of the rotated file and the current one.
    fn read_all(&self) -> (Vec<Line>, Vec<String>) {
        let mut lines = Vec::new();
        let mut problems = Vec::new();
        for path in [self.rotated(), self.path.clone()] {
            match read_lines(&path) {
                Ok((good, 0)) => lines.extend(good),
                Ok((good, bad)) => {
                    problems.push(self.keep_aside(&path, &good, bad));
                    lines.extend(good);
                }
                Err(e) if e.not_found() => {}
                Err(e) => problems.push(paths::move_aside(&path, &e.to_string())),
            }
        }
        (lines, problems)
    }

    /// A file with `bad` unreadable lines: kept aside whole, and its good
    /// lines written back so nothing readable is lost.
    fn keep_aside(&self, path: &Path, good: &[Line], bad: usize) -> String {
        let said = paths::move_aside(
            path,
            &format!("{bad} line(s) are not journal lines of this alto"),
        );
        let mut text = String::new();
        for line in good {
            text.push_str(&serde_json::to_string(line).expect("serialises"));
            text.push('\n');
        }
        if let Err(e) = paths::write_private_atomic(path, text.as_bytes()) {
            return format!("{said}; its readable lines could not be written back: {e}");
        }
        said
    }
}

/// The readable lines of `path` and how many were not (torn by a kill,
/// corrupt, or from a newer alto).
fn read_lines(path: &Path) -> Result<(Vec<Line>, usize), paths::ReadError> {
    let bytes = paths::read_at_most(path, ROTATE_AT * 2)?;
    let text = String::from_utf8_lossy(&bytes);
    let (mut good, mut bad) = (Vec::new(), 0);
    for raw in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Line>(raw) {
            Ok(Line::Intent { v, .. } | Line::Outcome { v, .. }) if v > VERSION => bad += 1,
            Ok(line) => good.push(line),
            Err(_) => bad += 1,
        }
    }
    Ok((good, bad))
}

/// Where a client records its writes, and as which profile.
#[derive(Clone, Debug)]
pub struct Journaling {
    pub journal: Journal,
    pub profile: String,
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
