//! Every request's turn, for every alto process on the machine: one
//! scheduler per API URL and token, shared by all clones of a client.
//!
//! A request takes a turn before it is sent ([`Scheduler::turn`]). The
//! budget is the contract's 60 a minute per token, as a sliding minute
//! kept in a file every alto process shares (`budget_file.rs`), and spent
//! in bursts while it lasts. Background work leaves a reserve for the
//! user (`budget::reserve`); a 429 stops every process's requests on that
//! token until its `Retry-After` ([`Scheduler::pause`]).
//!
//! Without a cache dir, or when the file cannot be used (said once), the
//! process keeps its own count on its monotonic clock: it has counted its
//! own requests all along, so it goes on from there.

use super::budget::{Priority, Wait, Window};
use super::budget_file::BudgetFile;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the scheduler tells whoever watches (the console's header, the
/// CLI's stderr).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pacing {
    /// A request waits for its turn until `until` (this process's clock).
    Waiting {
        until: Instant,
        rate_limited: bool,
        priority: Priority,
    },
    /// A turn was taken: what is left of the minute for the user.
    Left { left: usize, per_minute: usize },
    /// Something the user should hear once (the budget cannot be shared).
    Note(String),
}

/// Why a request got no turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoTurn {
    /// It would have to wait this long (a 429 when `true`) and the caller
    /// would not.
    Wait(Duration, bool),
    /// Whoever asked no longer wants it: dropped before it took a turn.
    Unwanted,
}

/// Who is told of [`Pacing`].
pub type PacingNotice = Arc<dyn Fn(Pacing) + Send + Sync>;

/// A waiting request looks again at least this often: another process
/// may have been paused by a 429, and the wall clock may have jumped.
const RECHECK: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct Scheduler {
    inner: Arc<Inner>,
}

struct Inner {
    per_minute: usize,
    file: Option<BudgetFile>,
    /// This process's own count (monotonic ms since `epoch`), kept beside
    /// the shared one and used alone when there is none.
    local: Mutex<Local>,
    epoch: Instant,
}

struct Local {
    window: Window,
    /// The shared file failed once: this process counts on its own.
    unshared: bool,
}

impl Scheduler {
    /// A scheduler for `api_url` and `token`, shared through `cache_dir`
    /// when one is given.
    pub fn new(
        api_url: &str,
        token: &str,
        per_minute: usize,
        cache_dir: Option<&std::path::Path>,
    ) -> Scheduler {
        Scheduler {
            inner: Arc::new(Inner {
                per_minute: per_minute.max(1),
                file: cache_dir.map(|d| BudgetFile::new(d, api_url, token)),
                local: Mutex::new(Local {
                    window: Window::new(api_url),
                    unshared: cache_dir.is_none(),
                }),
                epoch: Instant::now(),
            }),
        }
    }

    pub fn per_minute(&self) -> usize {
        self.inner.per_minute
    }

    /// Waits for a turn. With `no_wait`, a turn that is not free now is
    /// refused at once with how long it would have taken.
    /// `despite_pause`: the user asked to send although a 429 paused the
    /// token; the budget still counts.
    pub async fn turn(
        &self,
        (priority, despite_pause): (Priority, bool),
        no_wait: bool,
        notice: Option<&PacingNotice>,
        wanted: &(dyn Fn() -> bool + Sync),
    ) -> Result<(), NoTurn> {
        let mut told = false;
        loop {
            if !wanted() {
                return Err(NoTurn::Unwanted);
            }
            let (taken, left) = self.try_take(priority, despite_pause, notice).await;
            let wait = match taken {
                Ok(()) => {
                    if let Some(n) = notice {
                        n(Pacing::Left {
                            left,
                            per_minute: self.inner.per_minute,
                        });
                    }
                    return Ok(());
                }
                Err(wait) => wait,
            };
            let (for_, rate_limited) = wait;
            // Background work is not held through a 429's pause: its
            // owner hears how long and decides (the filler sleeps).
            if no_wait || (rate_limited && priority == Priority::Background) {
                return Err(NoTurn::Wait(for_, rate_limited));
            }
            let until = tokio::time::Instant::now() + for_;
            if let Some(n) = notice.filter(|_| !told) {
                told = true;
                n(Pacing::Waiting {
                    until: until.into_std(),
                    rate_limited,
                    priority,
                });
            }
            tokio::time::sleep_until(until.min(tokio::time::Instant::now() + RECHECK)).await;
        }
    }

    /// A 429: no request on this token for `wait`, in any process.
    pub async fn pause(&self, wait: Duration, notice: Option<&PacingNotice>) {
        let ms = wait.as_millis().min(i64::MAX as u128) as i64;
        self.with_window(notice, move |w, now| w.pause(now, ms))
            .await;
    }

    /// What is left of the minute for the user now.
    pub async fn left(&self) -> usize {
        let per_minute = self.inner.per_minute;
        self.with_window(None, move |w, now| w.left(now, per_minute))
            .await
    }

    /// One try: `Ok` with the turn taken, or how long to wait and whether
    /// a 429 is the cause; and what is left for the user.
    async fn try_take(
        &self,
        priority: Priority,
        despite_pause: bool,
        notice: Option<&PacingNotice>,
    ) -> (Result<(), (Duration, bool)>, usize) {
        let per_minute = self.inner.per_minute;
        self.with_window(notice, move |w, now| {
            // Asked to send now: the pause stays for everyone else.
            let paused = if despite_pause {
                w.paused_until.take()
            } else {
                None
            };
            let taken = w.take(now, priority, per_minute);
            if paused.is_some() {
                w.paused_until = paused;
            }
            let taken = taken.map_err(|wait| {
                let for_ = Duration::from_millis((wait.until() - now).max(1) as u64);
                (for_, matches!(wait, Wait::RateLimited { .. }))
            });
            (taken, w.left(now, per_minute))
        })
        .await
    }

    /// Runs `f` on the shared window (wall clock) when there is one, and
    /// on this process's own (monotonic) always: a turn taken in the one
    /// is counted in the other, so falling back loses nothing.
    async fn with_window<R: Send + 'static>(
        &self,
        notice: Option<&PacingNotice>,
        f: impl Fn(&mut Window, i64) -> R + Send + Sync + Clone + 'static,
    ) -> R {
        let inner = self.inner.clone();
        let local_now = || inner.epoch.elapsed().as_millis() as i64;
        let shared = {
            let local = inner.local.lock().expect("not poisoned");
            (!local.unshared).then(|| inner.file.clone()).flatten()
        };
        if let Some(file) = shared {
            let (g, per_minute) = (f.clone(), inner.per_minute);
            let done = tokio::task::spawn_blocking(move || {
                let now = jiff::Timestamp::now().as_millisecond();
                file.with(per_minute, now, |w| g(w, now))
            })
            .await
            .unwrap_or_else(|e| Err(format!("the budget's thread failed: {e}")));
            match done {
                Ok((result, note)) => {
                    if let (Some(note), Some(n)) = (note, notice) {
                        n(Pacing::Note(note));
                    }
                    let mut local = inner.local.lock().expect("not poisoned");
                    let _ = f(&mut local.window, local_now());
                    return result;
                }
                Err(problem) => {
                    tracing::warn!("the request budget cannot be shared: {problem}");
                    if let Some(n) = notice {
                        n(Pacing::Note(format!(
                            "the request budget cannot be shared with other alto processes ({problem}): this one keeps its own count"
                        )));
                    }
                    inner.local.lock().expect("not poisoned").unshared = true;
                }
            }
        }
        let mut local = inner.local.lock().expect("not poisoned");
        f(&mut local.window, local_now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn without_a_shared_file_the_process_keeps_its_own_minute() {
        let s = Scheduler::new("http://127.0.0.1:1", "t", 60, None);
        let start = tokio::time::Instant::now();
        for _ in 0..60 {
            s.turn((Priority::User, false), false, None, &|| true)
                .await
                .unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO, "the first 60 go at once");
        let refused = s
            .turn((Priority::User, false), true, None, &|| true)
            .await
            .unwrap_err();
        let NoTurn::Wait(wait, rate_limited) = refused else {
            panic!("{refused:?}")
        };
        assert!(wait > Duration::from_secs(59), "{wait:?}");
        assert!(!rate_limited, "the budget, not a 429");
        let dropped = s
            .turn((Priority::User, false), false, None, &|| false)
            .await;
        assert_eq!(
            dropped,
            Err(NoTurn::Unwanted),
            "an unwanted request never waits"
        );
        assert_eq!(s.left().await, 0);
    }

    #[tokio::test]
    async fn a_pause_in_one_process_stops_another_sharing_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = Scheduler::new("http://127.0.0.1:1", "t", 60, Some(dir.path()));
        let b = Scheduler::new("http://127.0.0.1:1", "t", 60, Some(dir.path()));
        a.turn((Priority::User, false), true, None, &|| true)
            .await
            .unwrap();
        assert_eq!(b.left().await, 59, "b sees a's turn");
        a.pause(Duration::from_secs(30), None).await;
        let Err(NoTurn::Wait(wait, rate_limited)) = b
            .turn((Priority::Background, false), true, None, &|| true)
            .await
        else {
            panic!("a turn")
        };
        assert!(rate_limited);
        assert!(wait > Duration::from_secs(25), "{wait:?}");
    }

    #[tokio::test]
    async fn asked_to_send_now_goes_despite_a_pause_which_stays_for_the_rest() {
        let s = Scheduler::new("http://127.0.0.1:1", "t", 60, None);
        s.pause(Duration::from_secs(30), None).await;
        let now = s.turn((Priority::User, true), true, None, &|| true).await;
        assert_eq!(now, Ok(()), "the user's explicit send");
        let rest = s.turn((Priority::User, false), true, None, &|| true).await;
        assert!(matches!(rest, Err(NoTurn::Wait(_, true))), "{rest:?}");
        assert_eq!(s.left().await, 0, "still paused");
    }

    #[tokio::test]
    async fn an_unusable_cache_dir_is_said_once_and_the_count_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, "").unwrap();
        let notes = Arc::new(Mutex::new(Vec::new()));
        let seen = notes.clone();
        let notice: PacingNotice = Arc::new(move |p| {
            if let Pacing::Note(n) = p {
                seen.lock().unwrap().push(n);
            }
        });
        let s = Scheduler::new("http://127.0.0.1:1", "t", 3, Some(&file));
        for _ in 0..3 {
            s.turn((Priority::User, false), true, Some(&notice), &|| true)
                .await
                .unwrap();
        }
        assert!(
            s.turn((Priority::User, false), true, Some(&notice), &|| true)
                .await
                .is_err()
        );
        let notes = notes.lock().unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("keeps its own count"), "{notes:?}");
    }
}
