//! The budget shared by every alto process on the machine: one small JSON
//! file per API URL and token in the cache dir (`budget/<hash>.json`),
//! read and written under an OS lock on a lock file beside it. The OS
//! releases the lock when its process ends, kill -9 included, so no
//! crash leaves the budget locked.
//!
//! The token is never written: the file's name is a SHA-256 of the URL
//! and the token (cut to 16 bytes), and the file names only the URL.

use super::budget::{VERSION, Window};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The most a process waits for another to let go of the lock (it holds
/// it for one small read and write): past this the other is taken to be
/// stopped (SIGSTOP, a debugger) and this process keeps its own count.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

/// A budget file is a few hundred bytes; anything far larger is not one.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Clone, Debug)]
pub struct BudgetFile {
    /// The cache dir: everything below it is alto's own, and no link.
    root: PathBuf,
    data: PathBuf,
    lock: PathBuf,
    api_url: String,
}

/// The directory of the budget files in `cache_dir` (`alto cache status`).
pub fn dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("budget")
}

impl BudgetFile {
    pub fn new(cache_dir: &Path, api_url: &str, token: &str) -> BudgetFile {
        let digest = ring::digest::digest(
            &ring::digest::SHA256,
            format!("{api_url}\n{token}").as_bytes(),
        );
        let name: String = digest.as_ref()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let dir = dir(cache_dir);
        BudgetFile {
            root: cache_dir.to_path_buf(),
            data: dir.join(format!("{name}.json")),
            lock: dir.join(format!("{name}.lock")),
            api_url: api_url.to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.data
    }

    /// Runs `f` on the window under the lock and saves what it left. The
    /// note says a file that could not be read (moved aside).
    pub fn with<R>(
        &self,
        per_minute: usize,
        now: i64,
        f: impl FnOnce(&mut Window) -> R,
    ) -> Result<(R, Option<String>), String> {
        let dir = self.data.parent().expect("in the budget dir");
        crate::paths::ensure_own_dir(&self.root, dir).map_err(|e| e.to_string())?;
        let lock = self.lock()?;
        let (mut window, note) = self.load(per_minute, now);
        let result = f(&mut window);
        let bytes = serde_json::to_vec(&window).expect("a window always serialises");
        crate::paths::refuse_link(&self.data).map_err(|e| e.to_string())?;
        replace(&self.data, &bytes).map_err(|e| format!("{}: {e}", self.data.display()))?;
        drop(lock);
        Ok((result, note))
    }

    /// The window as it is, without the lock (for `alto cache status`).
    pub fn peek(path: &Path) -> Option<Window> {
        let bytes = crate::paths::read_at_most(path, MAX_BYTES).ok()?;
        serde_json::from_slice::<Window>(&bytes)
            .ok()
            .filter(|w| w.version <= VERSION)
    }

    fn lock(&self) -> Result<std::fs::File, String> {
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        crate::paths::refuse_link(&self.lock).map_err(|e| e.to_string())?;
        let file = options
            .open(&self.lock)
            .map_err(|e| format!("{}: {e}", self.lock.display()))?;
        let deadline = std::time::Instant::now() + LOCK_PATIENCE;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(format!(
                        "{} stayed locked for {} s by another alto",
                        self.lock.display(),
                        LOCK_PATIENCE.as_secs()
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(format!("{}: cannot be locked ({e})", self.lock.display()));
                }
            }
        }
    }

    /// The window in the file; a missing one is empty. One that cannot
    /// be read (corrupt, truncated, from a newer alto, not a file) is
    /// moved aside and counted as spent when it was last written, so no
    /// process overspends for its loss.
    fn load(&self, per_minute: usize, now: i64) -> (Window, Option<String>) {
        let problem = match crate::paths::read_at_most(&self.data, MAX_BYTES) {
            Err(e) if e.not_found() => return (Window::new(&self.api_url), None),
            Err(e) => e.to_string(),
            Ok(bytes) => match serde_json::from_slice::<Window>(&bytes) {
                Ok(w) if w.version > VERSION => format!(
                    "it is from a newer alto (version {}; this one reads {VERSION})",
                    w.version
                ),
                Ok(mut w) => {
                    w.version = VERSION;
                    w.api_url.clone_from(&self.api_url);
                    return (w, None);
                }
                Err(e) => format!("not a budget file: {e}"),
            },
        };
        let written = std::fs::symlink_metadata(&self.data)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(now, |d| (d.as_millis() as i64).min(now));
        let note = crate::paths::move_aside(&self.data, &problem);
        let spent = Window::assumed_spent(&self.api_url, per_minute, written);
        (spent, Some(note))
    }
}

/// Writes the window beside the file and moves it into place, owner-only:
/// a reader sees the old window or the new one. Not synced to the disk:
/// after a crash of the machine the minute it held is over anyway.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().expect("in the budget dir");
    let mut tmp = tempfile::Builder::new().prefix(".alto-").tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::budget::{Priority, WINDOW_MS};
    use super::*;

    fn now() -> i64 {
        jiff::Timestamp::now().as_millisecond()
    }

    #[test]
    fn two_handles_on_one_file_share_the_minute_and_the_token_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "sekrit-token");
        let b = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "sekrit-token");
        let other = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "another-token");
        assert_ne!(a.path(), other.path(), "one file per token");
        let t = now();
        for _ in 0..30 {
            a.with(60, t, |w| w.take(t, Priority::User, 60))
                .unwrap()
                .0
                .unwrap();
            b.with(60, t, |w| w.take(t, Priority::User, 60))
                .unwrap()
                .0
                .unwrap();
        }
        let (refused, _) = a.with(60, t, |w| w.take(t, Priority::User, 60)).unwrap();
        assert!(refused.is_err(), "60 between the two handles");
        let (free, _) = other
            .with(60, t, |w| w.take(t, Priority::User, 60))
            .unwrap();
        assert_eq!(free, Ok(()));
        for entry in std::fs::read_dir(dir.path().join("budget")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!text.contains("sekrit"), "{text}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(a.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_corrupt_truncated_or_newer_file_is_moved_aside_and_counted_spent() {
        for bad in [
            &b"{\"version\":1,\"sent\":[1,2"[..],
            b"\xff\xfe not json",
            b"{\"version\":99,\"sent\":[]}",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let f = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "t");
            std::fs::create_dir_all(f.path().parent().unwrap()).unwrap();
            std::fs::write(f.path(), bad).unwrap();
            let t = now();
            let (took, note) = f.with(60, t, |w| w.take(t, Priority::User, 60)).unwrap();
            let note = note.expect("said");
            assert!(note.contains("kept as"), "{note}");
            assert!(took.is_err(), "a lost window is spent, not reset: {note}");
            let kept = std::fs::read_dir(f.path().parent().unwrap())
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .contains(".bad-")
                })
                .count();
            assert_eq!(kept, 1);
            // Said once: the next turn reads the file it wrote.
            let later = t + WINDOW_MS;
            let (took, note) = f
                .with(60, later, |w| w.take(later, Priority::User, 60))
                .unwrap();
            assert_eq!((took, note), (Ok(()), None));
        }
    }

    #[test]
    fn a_lock_held_a_moment_is_waited_for_and_one_held_too_long_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let f = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "t");
        f.with(60, now(), |_| ()).unwrap();
        // Another process's hold (a second open file description).
        let holder = std::fs::OpenOptions::new()
            .write(true)
            .open(&f.lock)
            .unwrap();
        holder.lock().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let released = std::thread::spawn(move || {
            rx.recv().unwrap();
            holder.unlock().unwrap();
            holder
        });
        let waiter = {
            let f = f.clone();
            std::thread::spawn(move || {
                f.with(60, now(), |w| {
                    w.take(now(), super::super::budget::Priority::User, 60)
                })
            })
        };
        tx.send(()).unwrap();
        let holder = released.join().unwrap();
        let (took, _) = waiter.join().unwrap().unwrap();
        assert_eq!(took, Ok(()), "waited for the lock, then took its turn");
        // Held past the patience (a stopped process): said, not hung.
        holder.lock().unwrap();
        let started = std::time::Instant::now();
        let e = f.with(60, now(), |_| ()).unwrap_err();
        assert!(e.contains("stayed locked"), "{e}");
        assert!(started.elapsed() >= LOCK_PATIENCE);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_in_place_of_the_budget_dir_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("budget")).unwrap();
        let f = BudgetFile::new(dir.path(), "http://127.0.0.1:1", "t");
        let e = f.with(60, now(), |_| ()).unwrap_err();
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
