//! Logs go to a file in the state dir, never to the terminal: the console
//! owns the screen, and the CLI's stdout is for its results.

use crate::paths::{Paths, ensure_private_dir};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Starts logging to `alto.log` (level from `ALTO_LOG`, default `info`).
/// Returns `None`, and logs nothing, when the file cannot be opened.
pub fn init(paths: &Paths) -> Option<()> {
    ensure_private_dir(&paths.state_dir).ok()?;
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    // Created the owner's only; a log that is already there keeps the
    // mode it has (alto changes no mode of a file it did not create).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(paths.log_file()).ok()?;
    // Written where it happens: alto logs a few lines per user action, and
    // a writer thread would cost every start its spawn (and on a crash,
    // what it had not written yet).
    let writer = std::sync::Mutex::new(file);
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
        .ok()
}
