//! Logs go to a file in the state dir, never to the terminal: the console
//! owns the screen, and the CLI's stdout is for its results.

use crate::paths::{Paths, ensure_private_dir};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts logging to `alto.log` (level from `ALTO_LOG`, default `info`).
/// Returns `None`, and logs nothing, when the file cannot be opened.
pub fn init(paths: &Paths) -> Option<WorkerGuard> {
    ensure_private_dir(&paths.state_dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(paths.log_file())
        .ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = EnvFilter::try_from_env("ALTO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
