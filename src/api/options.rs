//! How an `ApiClient` is built: its timeouts, retries and share of the
//! API's budget. Apart from the client so that the HTTP layer under it
//! can read them without importing the client.

use std::time::Duration;

/// How a client times out, retries and takes its turns.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Extra attempts for a GET after a 429 or 5xx.
    pub get_retries: u32,
    /// First backoff; doubles each retry.
    pub backoff: Duration,
    /// A GET's `Retry-After` (or backoff) longer than this is returned to
    /// the caller instead of being waited out: by default the longest a
    /// 429 is ever waited for, so the user's reads wait it out (with a
    /// countdown in the console, a note on stderr in the CLI).
    pub max_retry_wait: Duration,
    /// Requests allowed in any 60 seconds (the API's documented budget).
    pub per_minute: usize,
    /// Where the budget is shared with every other alto process (the
    /// cache dir); without one this process keeps its own count.
    pub budget_dir: Option<std::path::PathBuf>,
    /// Refuse at once (exit 5) rather than wait for a turn.
    pub no_wait: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            get_retries: 2,
            backoff: Duration::from_millis(300),
            max_retry_wait: super::error::MAX_WAIT,
            per_minute: per_minute_from_env().unwrap_or(60),
            budget_dir: None,
            no_wait: false,
        }
    }
}

/// `ALTO_BUDGET_PER_MINUTE`: another budget than the API's 60, to match
/// a sandbox started with `--rate-limit N` (tests, benchmarks).
fn per_minute_from_env() -> Option<usize> {
    std::env::var("ALTO_BUDGET_PER_MINUTE")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=100_000).contains(n))
}
