//! The API's budget as the console shows it: the header says what is left
//! when it runs low (`budget 12/60`), and counts down a wait for a turn
//! or a 429's pause. Told by the scheduler (`api::scheduler::Pacing`);
//! a countdown ticks once a second only while it runs.

use crate::api::budget::Priority;
use crate::api::scheduler::Pacing;
use std::time::Instant;

/// Below this many turns left the header shows the budget.
pub const LOW: usize = 20;

#[derive(Clone, Debug, Default)]
pub struct BudgetView {
    /// Turns left for the user after the last one taken, of how many.
    pub left: Option<(usize, usize)>,
    /// A request of the user's waits until then (a 429 when `rate_limited`).
    pub waiting: Option<(Instant, bool)>,
}

impl BudgetView {
    /// Takes what the scheduler says; a note comes back to be shown.
    pub fn heard(&mut self, pacing: Pacing) -> Option<String> {
        match pacing {
            Pacing::Left { left, per_minute } => {
                self.left = Some((left, per_minute));
                self.waiting = None;
            }
            // Background work waits quietly: the user is not kept waiting.
            Pacing::Waiting {
                until,
                rate_limited,
                priority: Priority::User,
            } => self.waiting = Some((until, rate_limited)),
            Pacing::Waiting { .. } => {}
            Pacing::Note(note) => return Some(note),
        }
        None
    }

    /// A countdown is on screen (the console ticks once a second).
    pub fn counting(&self, now: Instant) -> bool {
        self.waiting.is_some_and(|(until, _)| until > now)
    }

    /// What the header shows: the wait's countdown, else the budget when
    /// low, else nothing.
    pub fn badge(&self, now: Instant) -> Option<String> {
        if let Some((until, rate_limited)) = self.waiting.filter(|(u, _)| *u > now) {
            let secs = until
                .saturating_duration_since(now)
                .as_millis()
                .div_ceil(1000);
            return Some(match rate_limited {
                true => format!(" API asked to wait (429): {secs} s "),
                false => format!(" budget spent: next request in {secs} s "),
            });
        }
        match self.left {
            Some((left, of)) if left < LOW.min(of) => Some(format!(" budget {left}/{of} ")),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_header_counts_a_users_wait_down_and_shows_a_low_budget() {
        let now = Instant::now();
        let mut b = BudgetView::default();
        assert_eq!(b.badge(now), None);
        b.heard(Pacing::Left {
            left: 45,
            per_minute: 60,
        });
        assert_eq!(b.badge(now), None, "plenty left");
        b.heard(Pacing::Left {
            left: 12,
            per_minute: 60,
        });
        assert_eq!(b.badge(now).as_deref(), Some(" budget 12/60 "));
        b.heard(Pacing::Waiting {
            until: now + Duration::from_millis(41_200),
            rate_limited: true,
            priority: Priority::User,
        });
        assert!(b.counting(now));
        assert_eq!(
            b.badge(now).as_deref(),
            Some(" API asked to wait (429): 42 s ")
        );
        b.heard(Pacing::Left {
            left: 59,
            per_minute: 60,
        });
        assert!(!b.counting(now), "the turn came: the countdown ends");
        b.heard(Pacing::Waiting {
            until: now + Duration::from_secs(9),
            rate_limited: false,
            priority: Priority::Background,
        });
        assert!(!b.counting(now), "the filler's waits are its own");
        let note = b.heard(Pacing::Note("cannot share".into()));
        assert_eq!(note.as_deref(), Some("cannot share"));
    }
}
