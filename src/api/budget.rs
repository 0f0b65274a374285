//! The client's request budget: the documented 60 a minute per token,
//! kept by waiting for a turn (a sliding minute).

use std::time::Duration;

/// The documented budget is 60 requests a minute per token: the client keeps
/// to it by waiting for a turn rather than being told off with 429s.
#[derive(Clone)]
pub(super) struct Budget {
    per_minute: usize,
    sent: std::sync::Arc<tokio::sync::Mutex<std::collections::VecDeque<tokio::time::Instant>>>,
}

impl Budget {
    pub(super) fn new(per_minute: usize) -> Budget {
        Budget {
            per_minute: per_minute.max(1),
            sent: Default::default(),
        }
    }

    pub(super) async fn wait_turn(&self) {
        let window = Duration::from_secs(60);
        let mut sent = self.sent.lock().await;
        loop {
            let now = tokio::time::Instant::now();
            while sent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= window)
            {
                sent.pop_front();
            }
            if sent.len() < self.per_minute {
                sent.push_back(now);
                return;
            }
            let oldest = *sent.front().expect("full, so not empty");
            tracing::info!("request budget used up: waiting for a turn");
            tokio::time::sleep_until(oldest + window).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_budget_allows_60_requests_in_any_minute_and_then_waits() {
        let budget = Budget::new(60);
        let start = tokio::time::Instant::now();
        for _ in 0..60 {
            budget.wait_turn().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO, "the first 60 go at once");
        tokio::time::advance(Duration::from_secs(20)).await;
        budget.wait_turn().await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(60),
            "the 61st waits for the first to be a minute old"
        );
        let before = tokio::time::Instant::now();
        budget.wait_turn().await;
        assert_eq!(
            before.elapsed(),
            Duration::ZERO,
            "the second slot freed too"
        );
    }
}
