//! The API's budget, enforced: at most N requests a minute per bearer
//! token (60 for the real API), counted over a sliding minute. A request
//! beyond it is answered 429 with `Retry-After`: the seconds until the
//! oldest request in the window leaves it. Off unless the sandbox is
//! started with `--rate-limit`.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimit {
    per_minute: usize,
    /// When each token's requests in the last minute came, oldest first.
    seen: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimit {
    pub fn new(per_minute: usize) -> RateLimit {
        RateLimit {
            per_minute: per_minute.max(1),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request of `token` at `now`, or, over the budget, says in
    /// how many whole seconds one may come again (it is then not counted).
    pub fn check(&self, token: &str, now: Instant) -> Result<(), u64> {
        let mut seen = self.seen.lock().expect("not poisoned");
        let times = seen.entry(token.to_string()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= self.per_minute {
            let oldest = *times.front().expect("the window is full");
            let wait = WINDOW.saturating_sub(now.duration_since(oldest));
            // Whole seconds, rounded up: waiting that long always suffices.
            return Err(wait.as_millis().div_ceil(1000).max(1) as u64);
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_a_minute_per_token_then_a_wait_until_the_oldest_leaves() {
        let rl = RateLimit::new(60);
        let t0 = Instant::now();
        for i in 0..60 {
            assert_eq!(rl.check("a", t0 + Duration::from_millis(i * 100)), Ok(()));
        }
        let late = t0 + Duration::from_secs(10);
        assert_eq!(rl.check("a", late), Err(50), "the first leaves at 60 s");
        assert_eq!(
            rl.check("b", late),
            Ok(()),
            "another token has its own budget"
        );
        // A refused request is not counted: at 60 s the first has left.
        assert_eq!(rl.check("a", t0 + WINDOW), Ok(()));
        assert_eq!(
            rl.check("a", t0 + WINDOW),
            Err(1),
            "the second leaves at 60.1 s"
        );
        assert_eq!(
            rl.check("a", t0 + WINDOW + Duration::from_millis(150)),
            Ok(())
        );
    }
}
