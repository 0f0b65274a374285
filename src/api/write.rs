//! Every write of the client goes through [`ApiClient::journaled`]: its
//! intent is recorded before it is sent, its outcome after; an answer
//! that was lost (a timeout, a cut connection, a 5xx such as a proxy's
//! 502, an unreadable 2xx) is looked up at once by the write's own lookup
//! (`lookup.rs`) and nothing is sent again. The caller hears:
//! - the answer, or the resource the lookup found ("looked up: it was
//!   done", told to the client's notice);
//! - [`ApiError::NotDone`]: the lookup shows it did not happen;
//! - [`ApiError::Unsettled`]: the lookup could not tell.

use super::client::ApiClient;
use super::error::ApiError;
use super::journal::{Intent, Journal, Journaling, Outcome, new_op};
use super::lookup::Found;
use super::writes::Write;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

tokio::task_local! {
    /// Set when a write of this task had its lost answer looked up and
    /// found done (see [`noting_lookups`]).
    static LOOKED_UP: std::cell::Cell<bool>;
}

tokio::task_local! {
    /// What the write's target was before, when its caller knew it
    /// without asking (see [`with_before`]).
    static BEFORE: Option<Value>;
}

/// Runs `write` with `before` (its target as the caller's screen held it)
/// recorded in the journal beside it.
pub async fn with_before<F: std::future::Future>(before: Option<Value>, write: F) -> F::Output {
    BEFORE.scope(before, write).await
}

/// Runs `write` and says whether its answer was lost and looked up (the
/// console says so rather than a plain "done").
pub async fn noting_lookups<F: std::future::Future>(write: F) -> (F::Output, bool) {
    LOOKED_UP
        .scope(std::cell::Cell::new(false), async {
            let out = write.await;
            (out, LOOKED_UP.with(std::cell::Cell::get))
        })
        .await
}

impl ApiClient {
    /// Records every write in `journal` (as `profile`).
    pub fn with_journal(mut self, journal: Journal, profile: &str) -> ApiClient {
        self.journaling = Some(std::sync::Arc::new(Journaling {
            journal,
            profile: profile.to_string(),
        }));
        self
    }

    /// Sends a write through the journal; see the module's words.
    pub(super) async fn journaled<T, B, F>(
        &self,
        write: Write,
        body: &B,
        key: Option<&str>,
        send: F,
    ) -> Result<T, ApiError>
    where
        T: Serialize + DeserializeOwned,
        B: Serialize + ?Sized,
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        self.journaled_with(write, body, key, send, true).await
    }

    /// [`ApiClient::journaled`]; without `look_up` a lost answer is
    /// recorded as unknown and returned as it is, for a caller that looks
    /// it up itself (the account form and the import, with their row).
    pub(super) async fn journaled_with<T, B, F>(
        &self,
        write: Write,
        body: &B,
        key: Option<&str>,
        send: F,
        look_up: bool,
    ) -> Result<T, ApiError>
    where
        T: Serialize + DeserializeOwned,
        B: Serialize + ?Sized,
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        let body = serde_json::to_value(body).unwrap_or(Value::Null);
        let at = jiff::Timestamp::now();
        let intent = Intent {
            op: new_op(),
            at: at.to_string(),
            api: self.base_url().to_string(),
            profile: self
                .journaling
                .as_ref()
                .map(|j| j.profile.clone())
                .unwrap_or_default(),
            write: write.clone(),
            body: body.clone(),
            key: key.map(String::from),
            before: BEFORE.try_with(Clone::clone).ok().flatten(),
            pid: std::process::id(),
        };
        self.record(|j| j.intent(&intent));
        let (result, outcome) = match send.await {
            Ok(value) => {
                let after = match write {
                    // Its answer holds a client secret: never kept.
                    Write::CreateSetupIntent { .. } => None,
                    _ => serde_json::to_value(&value).ok(),
                };
                (Ok(value), Outcome::Done { after })
            }
            Err(lost) if lost.outcome_unknown() && look_up => {
                self.settle(&write, &body, at, lost).await
            }
            Err(lost) if lost.outcome_unknown() => {
                let message = lost.to_string();
                (Err(lost), Outcome::Unknown { message })
            }
            Err(e) => {
                let message = e.to_string();
                (Err(e), Outcome::Refused { message })
            }
        };
        self.record(|j| j.outcome(&intent.op, &outcome));
        result
    }

    /// Looks up the writes of this API whose process ended between the
    /// intent and the outcome (killed, crashed, the machine off), at most
    /// `limit` of them, and records what was found. What to tell the user.
    pub async fn settle_abandoned(&self, limit: usize) -> Vec<String> {
        let Some(j) = self.journaling.clone() else {
            return Vec::new();
        };
        let (open, mut said) = j.journal.unsettled(self.base_url().as_str());
        let now = jiff::Timestamp::now();
        for intent in open.into_iter().filter(|i| i.abandoned(now)).take(limit) {
            let at = intent.at.parse().unwrap_or(now);
            let what = format!("{} ({})", intent.write.operation(), intent.at);
            let (outcome, words) = match intent.write.look_up(self, &intent.body, at).await {
                Ok(Found::Done(after)) => (
                    Outcome::LookedUp {
                        done: true,
                        after,
                        message: "looked up after alto stopped".into(),
                    },
                    "it was done",
                ),
                Ok(Found::NotDone) => (
                    Outcome::LookedUp {
                        done: false,
                        after: None,
                        message: "looked up after alto stopped".into(),
                    },
                    "it was not done (nothing was sent again)",
                ),
                Ok(Found::Unknowable(why)) => (
                    Outcome::Unknown {
                        message: why.into(),
                    },
                    why,
                ),
                Err(e) => {
                    said.push(format!(
                        "a write from before alto stopped, {what}, could not be looked up yet: {e}"
                    ));
                    continue;
                }
            };
            self.record(|j| j.outcome(&intent.op, &outcome));
            said.push(format!(
                "a write from before alto stopped, {what}: looked up: {words}"
            ));
        }
        said
    }

    /// A lost answer, looked up.
    async fn settle<T: DeserializeOwned>(
        &self,
        write: &Write,
        body: &Value,
        at: jiff::Timestamp,
        lost: ApiError,
    ) -> (Result<T, ApiError>, Outcome) {
        let lost = lost.to_string();
        tracing::warn!(
            operation = write.operation(),
            "answer lost ({lost}): looking it up"
        );
        let why = match write.look_up(self, body, at).await {
            Ok(Found::Done(after)) => {
                if let Some(value) = as_answer::<T>(after.as_ref()) {
                    let _ = LOOKED_UP.try_with(|l| l.set(true));
                    self.tell(format!(
                        "the answer was lost ({lost}); looked up: it was done"
                    ));
                    let message = format!("the answer was lost ({lost}); looked up: it was done");
                    return (
                        Ok(value),
                        Outcome::LookedUp {
                            done: true,
                            after,
                            message,
                        },
                    );
                }
                "it was done, but what was found cannot be shown".to_string()
            }
            Ok(Found::NotDone) => {
                let message = format!("the answer was lost ({lost}); looked up: it was not done");
                let outcome = Outcome::LookedUp {
                    done: false,
                    after: None,
                    message,
                };
                return (Err(ApiError::NotDone { lost }), outcome);
            }
            Ok(Found::Unknowable(why)) => why.to_string(),
            Err(e) => format!("the lookup failed too: {e}"),
        };
        let message = format!("the answer was lost ({lost}); {why}");
        (
            Err(ApiError::Unsettled { lost, why }),
            Outcome::Unknown { message },
        )
    }

    /// Writes to the journal, if there is one; a failure is said once per
    /// write and the write goes on (the journal is a record, not a gate).
    fn record(&self, line: impl FnOnce(&Journal) -> std::io::Result<()>) {
        if let Some(j) = &self.journaling
            && let Err(e) = line(&j.journal)
        {
            tracing::warn!("cannot write the journal: {e}");
            self.tell(format!(
                "the journal of writes cannot be written in {} ({e}): this write is not recorded",
                j.journal.path().display()
            ));
        }
    }
}

/// What the lookup found, as the write's answer type: the resource, or for
/// a write answered with nothing (a delete) or a message, that.
fn as_answer<T: DeserializeOwned>(after: Option<&Value>) -> Option<T> {
    let done = serde_json::json!({ "message": "done (looked up after the answer was lost)" });
    [after.cloned().unwrap_or(Value::Null), Value::Null, done]
        .into_iter()
        .find_map(|v| serde_json::from_value(v).ok())
}
