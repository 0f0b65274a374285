//! The import's journal: one JSON line per step, written and synced
//! before the POST it announces, so a kill at any moment leaves a record
//! of every row that may have been sent. `--resume` reads it: a row
//! created is skipped, a row whose outcome is unknown is looked up in the
//! workspace before anything is sent again.
//!
//! It lives beside the state (`imports/` in the state dir, 0700), one
//! file per workspace and CSV file.

use crate::paths::fnv1a;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to a row, as far as alto knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Written before the POST: the answer is not known (yet).
    Sending,
    Created {
        id: String,
    },
    /// The API refused it (nothing was created).
    Refused {
        message: String,
    },
    /// Its answer was lost, and the workspace was found not to hold it:
    /// not created, to be sent again (with its key).
    NotCreated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub line: u64,
    /// Sent as Idempotency-Key (kept for the resend of an unknown row).
    pub key: String,
    /// What the row is found by, should its answer be lost.
    pub name: String,
    pub email: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

pub struct Journal {
    path: PathBuf,
    file: Option<std::fs::File>,
    /// The last entry of each line.
    pub rows: BTreeMap<u64, Entry>,
}

/// The journal's file name, from a workspace id and the CSV's path, and
/// the name versions before 0.1.2 gave it (the hash of the path alone),
/// so an import begun with one is carried on with `--resume`.
fn file_names(workspace: &str, csv: &Path) -> [String; 2] {
    let stem = csv
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe = |s: &str| -> String {
        s.chars()
            .take(80)
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    // The whole workspace id and the file's full path decide the hash, so
    // two ids that differ only where the readable part cannot show (a
    // character a name cannot hold, or past its first 80) never share a
    // journal, nor do two files of one name.
    let full = std::fs::canonicalize(csv).unwrap_or_else(|_| csv.to_path_buf());
    let full = full.to_string_lossy();
    let name = |hash: u64| format!("{}-{}-{hash:016x}.jsonl", safe(workspace), safe(&stem));
    [
        name(fnv1a(&format!("{workspace}\n{full}"))),
        name(fnv1a(&full)),
    ]
}

/// Makes the journals' directory (the state dir's `imports`) for the file
/// at `path`, and refuses it, or the file, when a link stands in its
/// place: the journal and its lock alike never write where a link points.
fn own_dir_of(path: &Path) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let root = dir.parent().unwrap_or(dir);
    crate::paths::ensure_own_dir(root, dir)?;
    crate::paths::refuse_link(path)
}

/// Held while an import sends: one import of a file into a workspace at a
/// time, across processes. An OS file lock (flock), which the OS lets go
/// when its process ends, even by `kill -9`, so it is never left held.
pub struct Lock {
    _file: std::fs::File,
}

impl Lock {
    /// Takes the lock of the journal at `path` for `who` (said to a second
    /// import, which is refused naming it).
    pub fn take(path: &Path, who: &str) -> Result<Lock, String> {
        use std::io::{Read, Seek};
        let lock_path = path.with_extension("lock");
        own_dir_of(&lock_path).map_err(|e| e.to_string())?;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).read(true).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&lock_path)
            .map_err(|e| format!("{}: {e}", lock_path.display()))?;
        if let Err(e) = file.try_lock() {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = crate::inert::inert(holder.trim()).into_owned();
            return Err(match e {
                std::fs::TryLockError::WouldBlock => format!(
                    "another import of this file into this workspace is sending now ({}): one at a time, so nothing was sent",
                    if holder.is_empty() {
                        "it did not say who"
                    } else {
                        &holder
                    }
                ),
                std::fs::TryLockError::Error(e) => {
                    format!(
                        "{}: cannot be locked ({e}); nothing was sent",
                        lock_path.display()
                    )
                }
            });
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(
            file,
            "{who}, pid {}, since {}",
            std::process::id(),
            jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC")
        );
        Ok(Lock { _file: file })
    }
}

impl Journal {
    pub fn path_for(state_dir: &Path, workspace: &str, csv: &Path) -> PathBuf {
        let dir = state_dir.join("imports");
        let [name, legacy] = file_names(workspace, csv);
        let (path, legacy) = (dir.join(name), dir.join(legacy));
        match !path.exists() && legacy.exists() {
            true => legacy,
            false => path,
        }
    }

    /// Reads the journal at `path` (none yet: empty). A line that cannot
    /// be read stops with where. A link in its place is refused.
    pub fn open(path: &Path) -> Result<Journal, String> {
        crate::paths::refuse_link(path).map_err(|e| e.to_string())?;
        let mut rows = BTreeMap::new();
        match crate::paths::read_at_most(path, 64 << 20) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                for (i, line) in text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                {
                    let entry: Entry = serde_json::from_str(line).map_err(|e| {
                        format!(
                            "{}:{}: the journal cannot be read ({e}); it was left as it is",
                            path.display(),
                            i + 1
                        )
                    })?;
                    rows.insert(entry.line, entry);
                }
            }
            Err(e) if e.not_found() => {}
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file: None,
            rows,
        })
    }

    /// A journal in memory only (to plan with entries read elsewhere).
    pub fn detached() -> Journal {
        Journal {
            path: PathBuf::new(),
            file: None,
            rows: BTreeMap::new(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `entry` and syncs it to disk before returning: what the
    /// next step relies on is on disk first.
    pub fn record(&mut self, entry: Entry) -> std::io::Result<()> {
        if self.file.is_none() {
            own_dir_of(&self.path)?;
            let mut options = std::fs::OpenOptions::new();
            options.create(true).append(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            self.file = Some(options.open(&self.path)?);
        }
        let file = self.file.as_mut().expect("opened above");
        let mut line = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        file.write_all(&line)?;
        file.sync_data()?;
        self.rows.insert(entry.line, entry);
        Ok(())
    }

    /// Rows whose POST may have gone out with no answer seen.
    pub fn unknown(&self) -> impl Iterator<Item = &Entry> {
        self.rows.values().filter(|e| e.outcome == Outcome::Sending)
    }

    pub fn created(&self, line: u64) -> Option<&str> {
        match &self.rows.get(&line)?.outcome {
            Outcome::Created { id } => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_a_reopen_and_the_last_of_a_line_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = Journal::path_for(dir.path(), "ws_1", Path::new("/tmp/a b.csv"));
        assert!(path.to_string_lossy().contains("ws_1-a_b.csv-"));
        let mut j = Journal::open(&path).unwrap();
        let entry = |outcome| Entry {
            line: 2,
            key: "k".into(),
            name: "N".into(),
            email: "e@x".into(),
            outcome,
        };
        j.record(entry(Outcome::Sending)).unwrap();
        let back = Journal::open(&path).unwrap();
        assert_eq!(back.unknown().count(), 1);
        j.record(entry(Outcome::Created { id: "cus_1".into() }))
            .unwrap();
        let back = Journal::open(&path).unwrap();
        assert_eq!(back.unknown().count(), 0);
        assert_eq!(back.created(2), Some("cus_1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&path, "{broken\n").unwrap();
        let err = Journal::open(&path).err().unwrap();
        assert!(err.contains(":1: the journal cannot be read"), "{err}");
    }

    #[test]
    fn journals_never_share_a_name_and_a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("in.csv");
        let long = "ws_".to_string() + &"b".repeat(120);
        let ids = [
            "ws.a",
            "ws/a",
            "ws_a",
            &format!("{long}1"),
            &format!("{long}2"),
        ];
        let paths: std::collections::HashSet<PathBuf> = ids
            .iter()
            .map(|id| Journal::path_for(dir.path(), id, &csv))
            .collect();
        assert_eq!(paths.len(), ids.len(), "{paths:?}");
        #[cfg(unix)]
        {
            let outside = dir.path().join("outside.txt");
            std::fs::write(&outside, b"mine").unwrap();
            let path = Journal::path_for(dir.path(), "ws_1", &csv);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(&outside, &path).unwrap();
            assert!(Journal::open(&path).is_err());
            let mut j = Journal::detached();
            j.path = path.clone();
            assert!(
                j.record(Entry {
                    line: 2,
                    key: "k".into(),
                    name: "n".into(),
                    email: "e".into(),
                    outcome: Outcome::Sending,
                })
                .is_err()
            );
            assert_eq!(std::fs::read(&outside).unwrap(), b"mine");
        }
    }

    #[test]
    fn a_journal_named_as_before_is_carried_on() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("in.csv");
        let fresh = Journal::path_for(dir.path(), "ws_1", &csv);
        let legacy = dir
            .path()
            .join("imports")
            .join(&file_names("ws_1", &csv)[1]);
        assert_ne!(fresh, legacy);
        std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
        std::fs::write(&legacy, b"").unwrap();
        assert_eq!(Journal::path_for(dir.path(), "ws_1", &csv), legacy);
    }
}
