//! Logs go to a file in the state dir, never to the terminal: the console
//! owns the screen, and the CLI's stdout is for its results.

use crate::paths::{Paths, ensure_private_dir};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

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
    // The default buffer preallocates 128,000 lines (4 MiB, and ~2 ms at
    // start-up); alto writes a few lines per user action.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(1_000)
        .finish(file);
    // `Targets` ("info", "alto=debug,hyper=warn") parses without regexes,
    // which keeps it off the start-up time.
    let filter: Targets = std::env::var("ALTO_LOG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .with(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
