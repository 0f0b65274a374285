//! What a command says of the API's budget on stderr: a wait of more than
//! a second (not again for the same wait), and each note once.

use crate::api::scheduler::{Pacing, PacingNotice};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Said {
    /// The end of the last wait said: a wait ending about then is the same.
    wait_until: Option<Instant>,
    notes: HashSet<String>,
}

/// The notice a command's client tells.
pub(super) fn on_stderr(per_minute: usize) -> PacingNotice {
    let said = Arc::new(Mutex::new(Said::default()));
    Arc::new(move |pacing| {
        let mut said = said.lock().expect("not poisoned");
        match pacing {
            Pacing::Waiting {
                until,
                rate_limited,
                ..
            } => {
                let wait = until.saturating_duration_since(Instant::now());
                let same = said
                    .wait_until
                    .is_some_and(|u| u + Duration::from_secs(2) >= until);
                if wait > Duration::from_secs(1) && !same {
                    said.wait_until = Some(until);
                    eprintln!("alto: {}", waiting(wait, rate_limited, per_minute));
                }
            }
            Pacing::Note(note) => {
                if said.notes.insert(note.clone()) {
                    eprintln!("alto: {note}");
                }
            }
            Pacing::Left { .. } => {}
        }
    })
}

/// The words for a wait (whole seconds, rounded up).
pub(crate) fn waiting(wait: Duration, rate_limited: bool, per_minute: usize) -> String {
    let secs = wait.as_millis().div_ceil(1000);
    if rate_limited {
        format!(
            "the API asked alto to wait (HTTP 429): waiting {secs} s (--no-wait exits with 5 instead)"
        )
    } else {
        format!(
            "waiting {secs} s for a turn: the API allows {per_minute} requests a minute per token, shared by every alto on this machine (--no-wait exits with 5 instead)"
        )
    }
}
