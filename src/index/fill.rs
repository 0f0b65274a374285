//! The filler: fetches what the index says is due, one request per
//! interval (see [`Pace`]), and on a 429 asks nothing more until its
//! Retry-After has passed (the pause is kept in the index, so a restart
//! waits it out too). The console runs it step by step through its
//! effects; the CLI's `find` with [`fill_missing`].

use super::files::Store;
use super::{Due, Index, Millis, Pace, now_ms};
use crate::api::model::{BillingAccountList, WorkspaceList};
use crate::api::{ApiClient, ApiError};

/// An answer to what was due.
#[derive(Debug)]
pub enum Answer {
    List(Result<WorkspaceList, ApiError>),
    Accounts {
        workspace: String,
        result: Result<BillingAccountList, ApiError>,
    },
}

/// Asks for what is due, once (no retry: a 429 pauses the filler).
pub async fn fetch(c: &ApiClient, due: Due) -> Answer {
    let c = c.without_retries().background();
    match due {
        Due::List => Answer::List(c.list_workspaces().await),
        Due::Accounts(workspace) => {
            let result = c.list_accounts(&workspace).await;
            Answer::Accounts { workspace, result }
        }
    }
}

/// What an answer changed: what to save, and what to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub meta: bool,
    pub shard: Option<String>,
    /// Paused until then (after a 429 or a failure to reach the API).
    pub paused_until: Option<Millis>,
    /// The token was refused: filling stops until it changes.
    pub unauthorised: bool,
    pub problem: Option<String>,
}

/// After a network failure or a 5xx, the filler waits this long.
const WAIT_AFTER_FAILURE_MS: Millis = 30_000;

impl Index {
    /// Takes an answer at `now`.
    pub fn apply(&mut self, answer: Answer, now: Millis) -> Applied {
        let mut applied = Applied::default();
        let error = match answer {
            Answer::List(Ok(list)) => {
                self.put_list(&list.data, now);
                applied.meta = true;
                return applied;
            }
            Answer::Accounts {
                workspace,
                result: Ok(list),
            } => {
                self.put_accounts(&workspace, &list.data, list.has_more, now);
                applied.shard = Some(workspace);
                return applied;
            }
            Answer::List(Err(e)) => e,
            Answer::Accounts {
                workspace,
                result: Err(e),
            } => match e.status() {
                // This workspace cannot be read by this token: noted, so
                // it is not asked again until it is due.
                Some(403 | 404) => {
                    self.put_error(&workspace, e.to_string(), now);
                    applied.shard = Some(workspace);
                    return applied;
                }
                _ => e,
            },
        };
        let wait = match &error {
            ApiError::RateLimited { retry_after, .. } => {
                crate::api::error::wait_after_429(*retry_after).as_millis() as Millis
            }
            // Another request's 429 paused the token (in this process or
            // another): the filler sleeps as long.
            ApiError::Paced {
                wait,
                rate_limited: true,
            } => wait.as_millis() as Millis,
            e if e.status() == Some(401) => {
                applied.unauthorised = true;
                0
            }
            _ => WAIT_AFTER_FAILURE_MS,
        };
        if wait > 0 {
            self.meta.paused_until = Some(now + wait);
            applied.paused_until = self.meta.paused_until;
            applied.meta = true;
        }
        applied.problem = Some(error.to_string());
        applied
    }
}

/// Saves what `applied` says changed; a failure is returned to be said.
pub fn save(store: &Store, index: &Index, applied: &Applied) -> std::io::Result<()> {
    if applied.meta {
        store.save_meta(&index.meta)?;
    }
    if let Some(ws) = &applied.shard
        && let Some(shard) = index.shards.get(ws)
    {
        store.save_shard(ws, shard)?;
    }
    Ok(())
}

/// What [`fill_missing`] reports as it goes.
pub enum Progress<'a> {
    /// A request answered.
    Step(&'a Index, &'a Applied),
    /// Waiting for a 429's pause to end.
    Paused { until: Millis },
}

/// The most a fill waits out the API's 429s (in all) before it answers
/// with what the index holds.
pub const MAX_PAUSED_MS: Millis = 30_000;

/// Fills the index until nothing is due (everything fetched and fresher
/// than its age), at the pace: the CLI's `find`. A refused token ends it
/// with the error. A 429 is waited out, up to [`MAX_PAUSED_MS`] in all;
/// past that, or when the index cannot be kept (a read-only cache dir),
/// it goes on as it can and says why: the returned notes (each said once).
pub async fn fill_missing(
    c: &ApiClient,
    index: &mut Index,
    mut store: Option<&Store>,
    pace: Pace,
    mut progress: impl FnMut(Progress),
) -> Result<Vec<String>, String> {
    let mut last_sent: Option<Millis> = None;
    let mut notes = Vec::new();
    let mut paused: Millis = 0;
    loop {
        let now = now_ms();
        let due = match index.due(now, pace) {
            Ok(due) => due,
            Err(until) if index.meta.paused_until.is_some_and(|p| p > now) => {
                if paused + (until - now) > MAX_PAUSED_MS {
                    let c = index.coverage();
                    notes.push(format!(
                        "the API is limiting requests (429) for {} more: answered from what the index holds ({} of {} workspaces), which may be partial",
                        super::age(until - now),
                        c.indexed,
                        c.workspaces
                    ));
                    return Ok(notes);
                }
                paused += until - now;
                progress(Progress::Paused { until });
                sleep_until(until).await;
                continue;
            }
            Err(_) => return Ok(notes),
        };
        if let Some(last) = last_sent.filter(|_| pace.interval_ms > 0) {
            sleep_until(last + pace.interval_ms).await;
        }
        last_sent = Some(now_ms());
        let answer = fetch(c, due).await;
        let applied = index.apply(answer, now_ms());
        // The index is an optimisation: one that cannot be kept is filled
        // in memory for this search, as with `[cache] enabled = false`.
        if let Some(s) = store
            && let Err(e) = save(s, index, &applied)
        {
            notes.push(format!(
                "the index cannot be kept in {} ({e}): this search asked the API and keeps nothing",
                s.dir().display()
            ));
            store = None;
        }
        if applied.unauthorised {
            return Err(applied.problem.unwrap_or_default());
        }
        progress(Progress::Step(index, &applied));
    }
}

async fn sleep_until(at: Millis) {
    let wait = at - now_ms();
    if wait > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(wait as u64)).await;
    }
}
