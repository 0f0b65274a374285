//! The import's journal: one JSON line per step, written and synced
//! before the POST it announces, so a kill at any moment leaves a record
//! of every row that may have been sent. `--resume` reads it: a row
//! created is skipped, a row whose outcome is unknown is looked up in the
//! workspace before anything is sent again.
//!
//! It lives beside the state (`imports/` in the state dir, 0700), one
//! file per workspace and CSV file.

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

/// A name safe as a file name, from a workspace id and the CSV's path.
fn file_name(workspace: &str, csv: &Path) -> String {
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
    // The full path decides too, so two files of one name do not share.
    let full = std::fs::canonicalize(csv).unwrap_or_else(|_| csv.to_path_buf());
    let hash = full
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    format!("{}-{}-{hash:016x}.jsonl", safe(workspace), safe(&stem))
}

impl Journal {
    pub fn path_for(state_dir: &Path, workspace: &str, csv: &Path) -> PathBuf {
        state_dir.join("imports").join(file_name(workspace, csv))
    }

    /// Reads the journal at `path` (none yet: empty). A line that cannot
    /// be read stops with where.
    pub fn open(path: &Path) -> Result<Journal, String> {
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
            let dir = self.path.parent().unwrap_or(Path::new("."));
            crate::paths::ensure_private_dir(dir)?;
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
}
