//! Where alto keeps its files.
//!
//! `directories` alone would give macOS `Library/…` paths; alto is a terminal
//! tool, so the XDG variables are honoured explicitly on every platform, and
//! `ALTO_CONFIG_DIR` overrides everything (tests and portable setups use it).

use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub state_dir: PathBuf,
    /// What can be thrown away and fetched again (the index).
    pub cache_dir: PathBuf,
}

impl Paths {
    /// From the environment of this process.
    pub fn from_env() -> Paths {
        Paths::resolve(|k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// `ALTO_CONFIG_DIR` (state then lives in its `state/`), else
    /// `$XDG_CONFIG_HOME/alto` and `$XDG_STATE_HOME/alto`, else
    /// `~/.config/alto` and `~/.local/state/alto`; the cache in
    /// `$XDG_CACHE_HOME/alto` (`~/.cache/alto`), or `cache/` beside the config.
    pub fn resolve(var: impl Fn(&str) -> Option<PathBuf>) -> Paths {
        if let Some(dir) = var("ALTO_CONFIG_DIR") {
            return Paths {
                state_dir: var("ALTO_STATE_DIR").unwrap_or_else(|| dir.join("state")),
                cache_dir: dir.join("cache"),
                config_dir: dir,
            };
        }
        let home = var("HOME")
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from("."));
        let config_dir = var("XDG_CONFIG_HOME")
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| home.join(".config"))
            .join("alto");
        let state_dir = var("ALTO_STATE_DIR").unwrap_or_else(|| {
            var("XDG_STATE_HOME")
                .filter(|p| p.is_absolute())
                .unwrap_or_else(|| home.join(".local").join("state"))
                .join("alto")
        });
        let cache_dir = var("XDG_CACHE_HOME")
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| home.join(".cache"))
            .join("alto");
        Paths {
            config_dir,
            state_dir,
            cache_dir,
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("alto.log")
    }

    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join("state.toml")
    }
}

/// Creates `dir` (and parents) with mode 0700 where the platform has modes.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// 64-bit FNV-1a: small, stable across runs and platforms (std's hasher
/// is neither promised to be), and plenty to tell ids apart. What names
/// alto's files by an id from the server (drafts, index, import journals)
/// hashes with it, so two ids never share a file.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Creates `dir` as [`ensure_private_dir`] does, then refuses it when it,
/// or any directory between `root` and it, is a symbolic link: alto
/// writes (and deletes) only inside its own directories, never where a
/// link planted in them points. `root` itself (the user's XDG dir) may be
/// a link.
pub fn ensure_own_dir(root: &Path, dir: &Path) -> std::io::Result<()> {
    let links = || {
        let mut at = Some(dir);
        while let Some(d) = at.filter(|d| *d != root && d.starts_with(root)) {
            refuse_link(d)?;
            at = d.parent();
        }
        Ok::<(), std::io::Error>(())
    };
    // Before anything is made (a link's target gets nothing), and after.
    links()?;
    ensure_private_dir(dir)?;
    links()
}

/// An error when `path` is a symbolic link (nothing at all is fine).
pub fn refuse_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(std::io::Error::other(format!(
            "{} is a symbolic link: alto writes only to its own files and directories, so nothing was written there",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically (temp file beside it, fsync, rename),
/// readable by the owner only.
pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    ensure_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".alto-").tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Saves a file the user asked for (a report) at `path`, whole or not at
/// all: written beside it, then moved into place. Without `replace` an
/// existing file is never touched (the move itself refuses, so a file
/// that appeared meanwhile is safe too); the new file is the owner's only.
pub fn save_new(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".alto-").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match replace {
        true => tmp.persist(path).map_err(|e| e.error)?,
        false => tmp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    Ok(())
}

/// The most alto reads of any file it is given (config, drafts, state,
/// token, `--from-file`): far more than any of them needs, and a bound on
/// `/dev/zero` or a runaway file.
pub const MAX_FILE: u64 = 1024 * 1024;

/// Why a file alto reads could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("it is larger than {} MiB, which no file of alto's needs", .0 >> 20)]
    TooLarge(u64),
    /// 1-based line and column (in characters) of the first invalid byte.
    #[error("line {line}, column {column}: not valid UTF-8")]
    NotUtf8 { line: usize, column: usize },
    /// A FIFO, a socket or a directory: opening or reading it could wait
    /// without end, or there is nothing to read.
    #[error("it is {0}, not a file: not read")]
    NotAFile(&'static str),
}

impl ReadError {
    pub fn not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Reads at most [`MAX_FILE`] bytes of `path`; a longer file is refused
/// without being read further (so `/dev/zero` ends at once).
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_at_most(path, MAX_FILE)
}

/// Reads at most `max` bytes of `path` (the index's files may be larger
/// than the config's [`MAX_FILE`]); a longer file is refused.
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // Asked before opening: opening a FIFO waits for a writer.
    let kind = std::fs::metadata(path)?.file_type();
    if kind.is_dir() {
        return Err(ReadError::NotAFile("a directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(ReadError::NotAFile("a FIFO (a named pipe)"));
        }
        if kind.is_socket() {
            return Err(ReadError::NotAFile("a socket"));
        }
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// [`read_limited`] as UTF-8 text; bad bytes are reported by line.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = read_limited(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).expect("valid up to here");
        let (line, column) = line_col(good, good.len());
        ReadError::NotUtf8 { line, column }
    })
}

/// The 1-based line and column (in characters) of byte `offset` in `text`:
/// how every problem in a file alto reads is placed.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Moves a file that cannot be read out of the way (`NAME.bad-TIMESTAMP`)
/// so that it is kept for the user and not overwritten; returns the message
/// to report.
pub fn move_aside(path: &Path, problem: &str) -> String {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".bad-{stamp}"));
    let aside = PathBuf::from(aside);
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "{} could not be read ({problem}); kept as {}",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "{} could not be read ({problem}) nor moved aside ({e}); left as it is",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<PathBuf> {
        let map: HashMap<String, PathBuf> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), PathBuf::from(v)))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn files_are_read_bounded_and_bad_bytes_by_line() {
        let tmp = tempfile::tempdir().unwrap();
        let big = tmp.path().join("big");
        std::fs::write(&big, vec![b'a'; MAX_FILE as usize + 1]).unwrap();
        assert!(matches!(read_limited(&big), Err(ReadError::TooLarge(_))));
        #[cfg(unix)]
        assert!(matches!(
            read_limited(Path::new("/dev/zero")),
            Err(ReadError::TooLarge(_))
        ));
        let bad = tmp.path().join("bad");
        std::fs::write(&bad, b"a = 1\nb = \"\xff\"\n").unwrap();
        let e = read_text(&bad).unwrap_err();
        assert_eq!(e.to_string(), "line 2, column 6: not valid UTF-8");
        assert!(read_text(&tmp.path().join("none")).unwrap_err().not_found());
    }

    #[test]
    fn xdg_is_honoured() {
        let p = Paths::resolve(env(&[
            ("HOME", "/home/u"),
            ("XDG_CONFIG_HOME", "/cfg"),
            ("XDG_STATE_HOME", "/st"),
        ]));
        assert_eq!(p.config_file(), PathBuf::from("/cfg/alto/config.toml"));
        assert_eq!(p.log_file(), PathBuf::from("/st/alto/alto.log"));
    }

    #[test]
    fn defaults_under_home_and_override_wins() {
        let p = Paths::resolve(env(&[("HOME", "/home/u")]));
        assert_eq!(p.config_dir, PathBuf::from("/home/u/.config/alto"));
        assert_eq!(p.state_dir, PathBuf::from("/home/u/.local/state/alto"));
        let p = Paths::resolve(env(&[("HOME", "/home/u"), ("ALTO_CONFIG_DIR", "/x")]));
        assert_eq!(p.config_file(), PathBuf::from("/x/config.toml"));
        assert_eq!(p.state_dir, PathBuf::from("/x/state"));
    }
}
