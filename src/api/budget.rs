//! The API's budget as a sliding minute: 60 requests a minute per token
//! (the contract), what has been spent of it and when a 429 asked us to
//! stop. Pure bookkeeping on a clock given in milliseconds; the scheduler
//! keeps one in a shared file (wall clock) or in memory (monotonic).

use serde::{Deserialize, Serialize};

/// A request counts against the budget for this long after it was taken:
/// the API's minute and a second for the trip (the server counts a request
/// when it arrives, a little after we took its turn).
pub const WINDOW_MS: i64 = 61_000;

/// The most a 429 stops anything for (a `Retry-After: 999999` is capped).
pub const MAX_PAUSE_MS: i64 = 600_000;

/// The file format's version: a file from a newer alto is not trusted.
pub const VERSION: u32 = 1;

/// Who is waiting: the user (a screen, a write, a CLI command) may spend
/// the whole budget; bulk work the user started (an import's rows) and
/// background work (the index filler, lint) leave a reserve for the
/// user's single requests, and background work leaves another to bulk
/// work while there is some.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    User,
    Bulk,
    Background,
}

impl Priority {
    /// How much of the minute this priority may have spent and still take
    /// a turn: the user all of it (60), bulk all but the reserve (50),
    /// background as much while no bulk work took a turn this minute and
    /// all but two reserves while some did (50 or 40).
    pub fn cap(self, per_minute: usize, bulk_running: bool) -> usize {
        let reserve = reserve(per_minute);
        let cap = match self {
            Priority::User => per_minute,
            Priority::Bulk => per_minute.saturating_sub(reserve),
            Priority::Background if bulk_running => per_minute.saturating_sub(2 * reserve),
            Priority::Background => per_minute.saturating_sub(reserve),
        };
        cap.max(1)
    }
}

/// What background work leaves free for the user: 10 of the 60 (a sixth
/// of any other budget, at least one).
pub fn reserve(per_minute: usize) -> usize {
    (per_minute / 6).max(1).min(per_minute.saturating_sub(1))
}

/// One token's minute: when each request of the last minute was taken,
/// and until when a 429 stopped everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub version: u32,
    /// Which API the window is for (the file's name hashes the token too,
    /// which is never written).
    #[serde(default)]
    pub api_url: String,
    /// Times (ms) the requests were taken, oldest first.
    #[serde(default)]
    pub sent: Vec<i64>,
    #[serde(default)]
    pub paused_until: Option<i64>,
    /// Times (ms) bulk work took its turns, oldest first (among `sent`).
    #[serde(default)]
    pub bulk: Vec<i64>,
}

/// Why a request must wait, and until when (ms on the window's clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// The minute's budget is spent; a turn frees at `until`.
    Budget { until: i64 },
    /// The API answered 429; nothing is sent before `until`.
    RateLimited { until: i64 },
}

impl Wait {
    pub fn until(self) -> i64 {
        match self {
            Wait::Budget { until } | Wait::RateLimited { until } => until,
        }
    }
}

impl Window {
    pub fn new(api_url: &str) -> Window {
        Window {
            version: VERSION,
            api_url: api_url.to_string(),
            ..Window::default()
        }
    }

    /// A window whose state was lost (a corrupt file last written at
    /// `at`): assumed spent at `at`, so no process overspends by trusting
    /// an empty one; it frees a minute after.
    pub fn assumed_spent(api_url: &str, per_minute: usize, at: i64) -> Window {
        Window {
            sent: vec![at; per_minute],
            ..Window::new(api_url)
        }
    }

    /// Forgets what has left the minute. Times in the future (the clock
    /// went back since they were written) count as now, so a jump back
    /// neither frees the budget nor holds it for longer than a minute;
    /// a pause never reaches further than [`MAX_PAUSE_MS`].
    fn settle(&mut self, now: i64) {
        for times in [&mut self.sent, &mut self.bulk] {
            for t in times.iter_mut() {
                *t = (*t).min(now);
            }
            times.sort_unstable();
            times.retain(|&t| now - t < WINDOW_MS);
        }
        self.paused_until = self
            .paused_until
            .map(|p| p.min(now + MAX_PAUSE_MS))
            .filter(|&p| p > now);
    }

    /// Takes a turn for a request at `now`, or says until when to wait.
    pub fn take(&mut self, now: i64, priority: Priority, per_minute: usize) -> Result<(), Wait> {
        self.settle(now);
        if let Some(until) = self.paused_until {
            return Err(Wait::RateLimited { until });
        }
        let cap = priority.cap(per_minute, !self.bulk.is_empty());
        if self.sent.len() < cap {
            self.sent.push(now);
            if priority == Priority::Bulk {
                self.bulk.push(now);
            }
            return Ok(());
        }
        // The turn frees when enough of the oldest have left the minute.
        let frees = self.sent[self.sent.len() - cap] + WINDOW_MS;
        Err(Wait::Budget { until: frees })
    }

    /// A 429: nothing is sent for `wait_ms` (capped), in every process.
    pub fn pause(&mut self, now: i64, wait_ms: i64) {
        let until = now + wait_ms.clamp(0, MAX_PAUSE_MS);
        self.paused_until = Some(self.paused_until.unwrap_or(0).max(until));
    }

    /// Turns left for the user at `now` (0 while paused).
    pub fn left(&mut self, now: i64, per_minute: usize) -> usize {
        self.settle(now);
        match self.paused_until {
            Some(_) => 0,
            None => per_minute.saturating_sub(self.sent.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Priority::{Background, Bulk, User};

    #[test]
    fn the_user_may_spend_the_whole_minute_at_once_and_then_waits_for_the_oldest() {
        let mut w = Window::new("u");
        for i in 0..60 {
            assert_eq!(w.take(i, User, 60), Ok(()), "request {i}");
        }
        assert_eq!(
            w.take(100, User, 60),
            Err(Wait::Budget { until: WINDOW_MS })
        );
        assert_eq!(w.take(WINDOW_MS, User, 60), Ok(()), "the oldest left");
        assert_eq!(w.left(WINDOW_MS, 60), 0);
        assert_eq!(w.left(WINDOW_MS + 5, 60), 5);
    }

    #[test]
    fn background_leaves_ten_to_the_user_and_ten_more_while_bulk_work_runs() {
        let mut w = Window::new("u");
        for i in 0..50 {
            assert_eq!(w.take(i, Background, 60), Ok(()), "the filler alone: 50");
        }
        assert!(matches!(
            w.take(60, Background, 60),
            Err(Wait::Budget { until }) if until == WINDOW_MS
        ));
        assert!(w.take(60, Bulk, 60).is_err(), "bulk leaves the same 10");
        for _ in 0..10 {
            assert_eq!(w.take(70, User, 60), Ok(()), "the reserve is the user's");
        }
        assert!(w.take(75, User, 60).is_err());

        // An import and the filler: the filler stops at 40, the import
        // takes 10 more, the user keeps 10.
        let mut w = Window::new("u");
        assert_eq!(w.take(0, Bulk, 60), Ok(()));
        for i in 1..40 {
            assert_eq!(w.take(i, Background, 60), Ok(()));
        }
        assert!(w.take(50, Background, 60).is_err(), "40 while bulk runs");
        for _ in 0..10 {
            assert_eq!(
                w.take(60, Bulk, 60),
                Ok(()),
                "an import goes before the filler"
            );
        }
        assert!(w.take(65, Bulk, 60).is_err());
        for _ in 0..10 {
            assert_eq!(w.take(80, User, 60), Ok(()));
        }
        assert!(w.take(85, User, 60).is_err());
        // While bulk work is in the minute, background waits until it is
        // below 40 again: 21 of the oldest must leave.
        assert!(matches!(
            w.take(90, Background, 60),
            Err(Wait::Budget { until }) if until == 20 + WINDOW_MS
        ));
        assert_eq!(reserve(60), 10);
        assert_eq!(reserve(1), 0);
        assert_eq!(reserve(5), 1);
        assert_eq!(Background.cap(1, true), 1, "never no turn at all");
    }

    #[test]
    fn a_429_stops_everyone_until_retry_after_capped_at_ten_minutes() {
        let mut w = Window::new("u");
        w.pause(1_000, 2_000);
        assert_eq!(
            w.take(1_500, User, 60),
            Err(Wait::RateLimited { until: 3_000 })
        );
        assert!(w.take(1_500, Background, 60).is_err());
        assert_eq!(w.left(1_500, 60), 0);
        assert_eq!(w.take(3_000, User, 60), Ok(()));
        w.pause(10_000, i64::MAX);
        assert_eq!(
            w.take(10_000, Background, 60),
            Err(Wait::RateLimited {
                until: 10_000 + MAX_PAUSE_MS
            })
        );
        // A shorter 429 later never shortens a longer pause.
        w.pause(10_001, 1);
        assert_eq!(w.paused_until, Some(10_000 + MAX_PAUSE_MS));
    }

    #[test]
    fn a_clock_that_went_back_neither_frees_the_budget_nor_holds_it_past_a_minute() {
        let mut w = Window::new("u");
        for _ in 0..60 {
            w.take(1_000_000, User, 60).unwrap();
        }
        // The clock went back an hour: what was written "in the future"
        // counts as now, so the minute is still spent...
        assert!(w.take(1_000_000 - 3_600_000, User, 60).is_err());
        // ...and frees a minute after the jump, not an hour and a minute.
        assert_eq!(w.take(1_000_000 - 3_600_000 + WINDOW_MS, User, 60), Ok(()));
        // A pause written before a jump back is capped from the new now.
        w.paused_until = Some(i64::MAX);
        assert_eq!(w.left(0, 60), 0);
        assert_eq!(w.paused_until, Some(MAX_PAUSE_MS));
    }

    #[test]
    fn a_lost_window_counts_as_spent_when_it_was_last_written() {
        let mut w = Window::assumed_spent("u", 60, 5_000);
        assert_eq!(
            w.take(6_000, User, 60),
            Err(Wait::Budget {
                until: 5_000 + WINDOW_MS
            })
        );
        let mut old = Window::assumed_spent("u", 60, 5_000);
        assert_eq!(old.take(5_000 + WINDOW_MS, User, 60), Ok(()));
    }
}
