//! Every write is the same state machine: a form or a confirm box leads to
//! one request with a `ReqId`; its answer either settles the write (done,
//! or certainly not done) or leaves the outcome unknown, and then a lookup
//! finds out before anything is sent again. Create, update and delete hold
//! a [`Phase`] each; the next writes (subscriptions, members, …) do too.
//!
//! ```text
//!  Idle ──send──▶ Sending(req) ──done / refused──▶ Idle
//!                     │
//!                 unknown outcome
//!                     ▼
//!               Checking(lookup) ──found / settled──▶ Idle
//!                     │
//!               cannot tell
//!                     ▼
//!               Unknown(why) ──user says yes──▶ Sending(req)  (same key)
//! ```

use super::msg::ReqId;
use crate::api::ApiError;

/// Where one write stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Nothing in flight, and what the last answer meant is known.
    #[default]
    Idle,
    /// Sent as this request: nothing else is sent for it until it answers.
    Sending(ReqId),
    /// Its answer left the outcome unknown: this request looks it up.
    Checking(ReqId),
    /// The lookup could not tell (this is why): sending again asks first.
    Unknown(String),
}

impl Phase {
    /// A request of this write is in flight (the send or its lookup).
    pub fn busy(&self) -> bool {
        matches!(self, Phase::Sending(_) | Phase::Checking(_))
    }

    /// The send is in flight (its form is locked).
    pub fn sending(&self) -> bool {
        matches!(self, Phase::Sending(_))
    }

    /// Why a new send cannot go now, if it cannot.
    pub fn wait_reason(&self) -> Option<&'static str> {
        match self {
            Phase::Sending(_) => {
                Some("Already sent: waiting for the server's answer (nothing sent twice)")
            }
            Phase::Checking(_) => {
                Some("Looking up what the last send did: wait for it before sending again")
            }
            Phase::Idle | Phase::Unknown(_) => None,
        }
    }

    /// The outcome of an earlier send is unknown: a new one must be
    /// confirmed first.
    pub fn needs_confirmation(&self) -> bool {
        matches!(self, Phase::Unknown(_))
    }

    /// True when `req` is the send this write waits for.
    pub fn answers(&self, req: ReqId) -> bool {
        *self == Phase::Sending(req)
    }

    /// True when `req` is the lookup this write waits for.
    pub fn checks(&self, req: ReqId) -> bool {
        *self == Phase::Checking(req)
    }
}

/// What an answer to a write means.
pub enum Answer<T> {
    /// It happened.
    Done(T),
    /// It certainly did not happen (a 4xx, a refused connection).
    Refused(ApiError),
    /// It may or may not have happened (a timeout, a cut connection, a
    /// 5xx, an unreadable 2xx): look it up before sending again.
    Unknown(ApiError),
}

impl<T> From<Result<T, ApiError>> for Answer<T> {
    fn from(result: Result<T, ApiError>) -> Answer<T> {
        match result {
            Ok(v) => Answer::Done(v),
            Err(e) if e.outcome_unknown() => Answer::Unknown(e),
            Err(e) => Answer::Refused(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sending_and_checking_hold_back_a_second_send_and_unknown_asks() {
        assert_eq!(Phase::Idle.wait_reason(), None);
        assert!(Phase::Sending(3).wait_reason().is_some());
        assert!(Phase::Checking(4).wait_reason().is_some());
        assert!(Phase::Checking(4).busy() && !Phase::Checking(4).sending());
        assert!(Phase::Unknown("x".into()).needs_confirmation());
        assert!(!Phase::Idle.needs_confirmation());
        assert!(Phase::Sending(3).answers(3) && !Phase::Sending(3).answers(2));
        assert!(Phase::Checking(4).checks(4) && !Phase::Sending(4).checks(4));
    }

    #[test]
    fn answers_are_done_refused_or_unknown() {
        let timeout = ApiError::Timeout {
            url: "u".into(),
            after: Duration::from_secs(1),
        };
        let refused = ApiError::Status {
            status: 409,
            body: Box::default(),
        };
        assert!(matches!(
            Answer::from(Ok::<_, ApiError>(1)),
            Answer::Done(1)
        ));
        assert!(matches!(
            Answer::<()>::from(Err(timeout)),
            Answer::Unknown(_)
        ));
        assert!(matches!(
            Answer::<()>::from(Err(refused)),
            Answer::Refused(_)
        ));
    }
}
