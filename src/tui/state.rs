//! What the console remembers between runs (the last workspace), in
//! `state.toml` in the XDG state dir. A file that cannot be read is moved
//! aside (`state.toml.bad-TIMESTAMP`) and reported before a new one is ever
//! written: it is never overwritten.

use crate::paths::{Paths, write_private_atomic};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub last_workspace: Option<String>,
}

/// The state, or why it could not be read: the file was then moved aside,
/// and the message says where.
pub fn load(paths: &Paths) -> Result<UiState, String> {
    let path = paths.state_file();
    let problem = match crate::paths::read_text(&path) {
        Ok(text) => match toml::from_str(&text) {
            Ok(state) => return Ok(state),
            Err(e) => e.message().trim().to_string(),
        },
        Err(e) if e.not_found() => return Ok(UiState::default()),
        Err(e) => e.to_string(),
    };
    Err(crate::paths::move_aside(&path, &problem))
}

pub fn remember_workspace(paths: &Paths, id: &str) -> Result<(), String> {
    // An unreadable file is moved aside by `load` before this writes.
    let mut state = load(paths).unwrap_or_default();
    if state.last_workspace.as_deref() == Some(id) {
        return Ok(());
    }
    state.last_workspace = Some(id.to_string());
    let text = toml::to_string(&state).map_err(|e| e.to_string())?;
    write_private_atomic(&paths.state_file(), text.as_bytes())
        .map_err(|e| format!("cannot save {}: {e}", paths.state_file().display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_state_file_is_moved_aside_before_a_new_one_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: tmp.path().join("c"),
            state_dir: tmp.path().join("s"),
            cache_dir: tmp.path().join("cache"),
        };
        std::fs::create_dir_all(&paths.state_dir).unwrap();
        std::fs::write(paths.state_file(), "last_workspace = [not toml").unwrap();
        let err = load(&paths).unwrap_err();
        assert!(err.contains("kept as"), "{err}");
        remember_workspace(&paths, "ws_1").unwrap();
        let aside: Vec<_> = std::fs::read_dir(&paths.state_dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap(),
            "last_workspace = [not toml"
        );
        assert_eq!(
            load(&paths).unwrap().last_workspace.as_deref(),
            Some("ws_1")
        );
    }
}
