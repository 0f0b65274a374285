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
    /// `~/.config/alto` and `~/.local/state/alto`.
    pub fn resolve(var: impl Fn(&str) -> Option<PathBuf>) -> Paths {
        if let Some(dir) = var("ALTO_CONFIG_DIR") {
            return Paths {
                state_dir: var("ALTO_STATE_DIR").unwrap_or_else(|| dir.join("state")),
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
        Paths {
            config_dir,
            state_dir,
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
