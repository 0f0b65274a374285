//! What the console remembers between runs (the last workspace), in
//! `state.toml` in the XDG state dir. A file that cannot be parsed is left
//! alone and reported, never overwritten.

use crate::paths::{Paths, write_private_atomic};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub last_workspace: Option<String>,
}

pub fn load(paths: &Paths) -> Result<UiState, String> {
    let path = paths.state_file();
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| format!("{}: {} (left as it is)", path.display(), e.message().trim())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UiState::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

pub fn remember_workspace(paths: &Paths, id: &str) -> Result<(), String> {
    let mut state = load(paths).unwrap_or_default();
    if state.last_workspace.as_deref() == Some(id) {
        return Ok(());
    }
    state.last_workspace = Some(id.to_string());
    let text = toml::to_string(&state).map_err(|e| e.to_string())?;
    write_private_atomic(&paths.state_file(), text.as_bytes())
        .map_err(|e| format!("cannot save {}: {e}", paths.state_file().display()))
}
