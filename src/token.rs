//! Where the API token comes from, in a fixed, documented order:
//!
//! 1. `ALTOSTRAT_TOKEN`;
//! 2. a token typed at the console's masked prompt (this session only);
//! 3. the OS keyring, in builds with `--features keyring` (every call
//!    bounded by a timeout; a keyring that fails is reported, never skipped
//!    in silence for the file);
//! 4. the token file `token` in the config dir, which the user chose to
//!    create (`alto token save`); it must be mode 0600 in a directory only
//!    its owner can write, and a looser one is refused with a message.
//!
//! The token itself is never printed: only its source and a masked form.

use crate::api::Token;
use crate::paths::{Paths, ensure_private_dir, write_private_atomic};
use std::fmt;
use std::path::{Path, PathBuf};

pub const ENV: &str = "ALTOSTRAT_TOKEN";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Env,
    Prompt,
    Keyring,
    File(PathBuf),
    /// The embedded sandbox's fixed demo token.
    Demo,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env => write!(f, "environment ({ENV})"),
            Source::Prompt => write!(f, "typed at the prompt (this session only)"),
            Source::Keyring => write!(f, "OS keyring"),
            Source::File(p) => write!(f, "token file {}", p.display()),
            Source::Demo => write!(f, "demo sandbox"),
        }
    }
}

/// The user a token stands for, when it says: the `sub` of a JWT's payload
/// (read, not verified: it only marks the user's own row on screen). An
/// API key (`alto_sk_…`) says nothing.
pub fn subject(token: &Token) -> Option<String> {
    use base64::Engine;
    let mut parts = token.expose().split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims["sub"].as_str().map(String::from)
}

pub fn file_path(paths: &Paths) -> PathBuf {
    paths.config_dir.join("token")
}

/// The stored token: environment, then keyring, then file. `Ok(None)`
/// when there is none (the console then asks for one).
pub fn resolve(paths: &Paths) -> Result<Option<(Token, Source)>, String> {
    if let Some(t) = std::env::var(ENV)
        .ok()
        .map(Token::new)
        .filter(|t| !t.is_empty())
    {
        return Ok(Some((t, Source::Env)));
    }
    if let Some(t) = keyring::get()? {
        return Ok(Some((t, Source::Keyring)));
    }
    read_file(&file_path(paths)).map(|t| t.map(|t| (t, Source::File(file_path(paths)))))
}

/// The token from the environment or the token file, never the keyring:
/// for the demo, which needs none at start and must not wait on a keyring.
pub fn resolve_local(paths: &Paths) -> Option<(Token, Source)> {
    std::env::var(ENV)
        .ok()
        .map(Token::new)
        .filter(|t| !t.is_empty())
        .map(|t| (t, Source::Env))
        .or_else(|| {
            read_file(&file_path(paths))
                .ok()
                .flatten()
                .map(|t| (t, Source::File(file_path(paths))))
        })
}

/// Reads the token file, refusing one that others could read.
pub fn read_file(path: &Path) -> Result<Option<Token>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the token file {}: {e}",
                path.display()
            ));
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "refusing the token file {}: its mode is {mode:04o}, so others can read it (run: chmod 600 {})",
                path.display(),
                path.display()
            ));
        }
        if let Some(dir) = path.parent() {
            others_cannot_write(dir)
                .map_err(|why| format!("refusing the token file {}: {why}", path.display()))?;
        }
    }
    let _ = meta;
    let text = crate::paths::read_text(path)
        .map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
    Ok(Some(Token::new(text.trim())).filter(|t| !t.is_empty()))
}

/// Ok when only the owner can write `dir` (so nobody else can swap the
/// token file); else why not, with the command that mends it.
fn others_cannot_write(dir: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)
            .map(|m| m.permissions().mode() & 0o7777)
            .map_err(|e| format!("cannot check {}: {e}", dir.display()))?;
        if mode & 0o022 != 0 {
            // A shared dir such as /tmp is never to be tightened: only a
            // dir of the user's own gets the chmod advice.
            let fix = if mode & 0o1000 != 0 {
                "it is shared, like /tmp: point ALTO_CONFIG_DIR at a directory of your own"
                    .to_string()
            } else {
                format!(
                    "use a directory of your own, or run: chmod go-w {}",
                    dir.display()
                )
            };
            return Err(format!(
                "its directory {} has mode {mode:04o}, so others can write in it ({fix})",
                dir.display()
            ));
        }
    }
    let _ = dir;
    Ok(())
}

/// Saves the token to the file (0600; in a new config dir, 0700), or to
/// the keyring.
pub fn save(paths: &Paths, token: &Token, to_keyring: bool) -> Result<String, String> {
    if to_keyring {
        keyring::set(token)?;
        return Ok("saved to the OS keyring".into());
    }
    let path = file_path(paths);
    // alto creates its config dir 0700; a dir that already exists is the
    // user's, and its mode is never changed. One that others can write is
    // refused: they could replace the token file.
    if paths.config_dir.exists() {
        others_cannot_write(&paths.config_dir)
            .map_err(|why| format!("not saving the token in {}: {why}", path.display()))?;
    } else {
        ensure_private_dir(&paths.config_dir)
            .map_err(|e| format!("cannot create {}: {e}", paths.config_dir.display()))?;
    }
    write_private_atomic(&path, format!("{}\n", token.expose()).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(format!("saved to {} (mode 0600)", path.display()))
}

/// Removes the stored token from the file and the keyring.
pub fn forget(paths: &Paths) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    match std::fs::remove_file(file_path(paths)) {
        Ok(()) => done.push(format!("removed {}", file_path(paths).display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", file_path(paths).display())),
    }
    if keyring::delete()? {
        done.push("removed it from the OS keyring".into());
    }
    Ok(done)
}

#[cfg(feature = "keyring")]
mod keyring {
    //! The OS keyring, behind a timeout: a locked or absent secret service
    //! must not hang alto.
    use crate::api::Token;
    use std::time::Duration;

    const SERVICE: &str = "alto";
    const USER: &str = "altostrat-api-token";
    const TIMEOUT: Duration = Duration::from_secs(3);

    fn bounded<T: Send + 'static>(
        what: &str,
        job: impl FnOnce() -> Result<T, keyring::Error> + Send + 'static,
    ) -> Result<T, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(job());
        });
        match rx.recv_timeout(TIMEOUT) {
            Ok(r) => r.map_err(|e| format!("the OS keyring could not {what}: {e}")),
            Err(_) => Err(format!(
                "the OS keyring did not answer within {} s ({what})",
                TIMEOUT.as_secs()
            )),
        }
    }

    pub fn get() -> Result<Option<Token>, String> {
        bounded("read the token", || {
            match keyring::Entry::new(SERVICE, USER)?.get_password() {
                Ok(p) => Ok(Some(Token::new(p))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    pub fn set(token: &Token) -> Result<(), String> {
        let secret = token.expose().to_string();
        bounded("save the token", move || {
            keyring::Entry::new(SERVICE, USER)?.set_password(&secret)
        })
    }

    pub fn delete() -> Result<bool, String> {
        bounded("remove the token", || {
            match keyring::Entry::new(SERVICE, USER)?.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring::Error::NoEntry) => Ok(false),
                Err(e) => Err(e),
            }
        })
    }
}

#[cfg(not(feature = "keyring"))]
mod keyring {
    //! Built without the keyring: it is simply not a source.
    use crate::api::Token;

    pub fn get() -> Result<Option<Token>, String> {
        Ok(None)
    }
    pub fn set(_: &Token) -> Result<(), String> {
        Err("this alto was built without keyring support (cargo build --features keyring)".into())
    }
    pub fn delete() -> Result<bool, String> {
        Ok(false)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn paths(dir: &Path) -> Paths {
        Paths {
            config_dir: dir.join("alto"),
            state_dir: dir.join("state"),
            cache_dir: dir.join("cache"),
        }
    }

    #[test]
    fn saved_file_is_private_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let p = paths(tmp.path());
        save(&p, &Token::new("sk_test_123"), false).unwrap();
        let mode = std::fs::metadata(file_path(&p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(&p.config_dir)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
        assert_eq!(
            read_file(&file_path(&p)).unwrap().unwrap().expose(),
            "sk_test_123"
        );
        assert_eq!(forget(&p).unwrap().len(), 1);
        assert_eq!(read_file(&file_path(&p)).unwrap(), None);
    }

    #[test]
    fn loose_files_and_dirs_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let p = paths(tmp.path());
        save(&p, &Token::new("sk_test_123"), false).unwrap();
        std::fs::set_permissions(file_path(&p), std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = read_file(&file_path(&p)).unwrap_err();
        assert!(
            err.contains("mode is 0644") && err.contains("chmod 600"),
            "{err}"
        );
        assert!(!err.contains("sk_test_123"));
        std::fs::set_permissions(file_path(&p), std::fs::Permissions::from_mode(0o600)).unwrap();
        // A directory others may read is fine (the file is 0600); one they
        // may write is not.
        std::fs::set_permissions(&p.config_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(read_file(&file_path(&p)).is_ok());
        std::fs::set_permissions(&p.config_dir, std::fs::Permissions::from_mode(0o775)).unwrap();
        let err = read_file(&file_path(&p)).unwrap_err();
        assert!(err.contains("chmod go-w"), "{err}");
    }

    #[test]
    fn saving_never_changes_the_mode_of_a_dir_alto_did_not_create() {
        let tmp = tempfile::tempdir().unwrap();
        // Like ALTO_CONFIG_DIR=/tmp: a shared, sticky, world-writable dir.
        let shared = tmp.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let p = Paths {
            config_dir: shared.clone(),
            state_dir: shared.join("state"),
            cache_dir: shared.join("cache"),
        };
        let err = save(&p, &Token::new("sk_test_123"), false).unwrap_err();
        assert!(err.contains("others can write"), "{err}");
        assert!(
            err.contains("a directory of your own") && !err.contains("chmod"),
            "{err}"
        );
        assert!(!err.contains("sk_test_123"));
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o1777, "the dir's mode was changed");
        assert!(!file_path(&p).exists());
        // A dir of the user's that others cannot write keeps its 0755.
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
        save(&p, &Token::new("sk_test_123"), false).unwrap();
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o755);
        let file_mode = std::fs::metadata(file_path(&p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(file_mode, 0o600);
    }
}
