//! The same client for other callers and hearers: background or bulk
//! work, a request the user may stop wanting or wants sent despite a
//! pause, and who hears of the exchanges (the API log, the budget, the
//! index). Each shares the connection, the budget and the journal.

use super::client::ApiClient;
use super::error::ApiError;

impl ApiClient {
    /// Calls `observer` once for every exchange (the console's API log).
    pub fn with_observer(mut self, observer: super::Observer) -> ApiClient {
        self.observer = Some(observer);
        self
    }

    /// Tells `notice` when a request waits for its turn, what is left of
    /// the budget, and what the user should hear of it.
    pub fn with_pacing(mut self, notice: super::scheduler::PacingNotice) -> ApiClient {
        self.pacing = Some(notice);
        self
    }

    /// Tells the user something through the pacing notice (stderr in the
    /// CLI, the status line in the console).
    pub(super) fn tell(&self, text: String) {
        if let Some(n) = &self.pacing {
            n(super::scheduler::Pacing::Note(text));
        }
    }

    /// The same client (connection, budget, log) for background work: it
    /// leaves the budget's reserve to the user and waits behind them.
    pub fn background(&self) -> ApiClient {
        let mut c = self.clone();
        c.priority = super::budget::Priority::Background;
        c
    }

    /// The same client for bulk work the user started (an import's rows):
    /// it goes before background work and leaves the user a reserve.
    pub fn bulk(&self) -> ApiClient {
        let mut c = self.clone();
        c.priority = super::budget::Priority::Bulk;
        c
    }

    /// The same client for a request the user asked to send now, although
    /// a 429 paused the token (it still takes a turn of the budget).
    pub fn despite_pause(&self) -> ApiClient {
        let mut c = self.clone();
        c.despite_pause = true;
        c
    }

    /// The same client for a request that is dropped, never sent, once
    /// `wanted` is cleared (a read whose screen closed).
    pub fn with_interest(
        &self,
        wanted: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> ApiClient {
        let mut c = self.clone();
        c.interest = Some(wanted);
        c
    }

    /// Tells `witness` of every workspace and account answer (the CLI's
    /// index keeps up with them).
    pub fn with_witness(mut self, witness: super::Witness) -> ApiClient {
        self.witness = Some(witness);
        self
    }

    /// Tells the witness, if any, what `result` says.
    pub(super) fn saw<'a, T>(
        &self,
        result: &'a Result<T, ApiError>,
        seen: impl FnOnce(&'a T) -> super::Seen<'a>,
    ) {
        if let (Some(w), Ok(value)) = (&self.witness, result) {
            w(seen(value));
        }
    }

    /// The same client (connection, budget, log) whose GETs are not retried:
    /// the index's filler pauses on a 429 itself, for as long as it says,
    /// rather than have the client ask again.
    pub fn without_retries(&self) -> ApiClient {
        let mut c = self.clone();
        c.opts.get_retries = 0;
        c
    }
}
