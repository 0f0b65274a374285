//! An account's own writes (the form's create and save, `d`'s delete)
//! travel as every write does (`Cmd::SendWrite`, answered by
//! `Msg::Written`), but are held by the form or the delete that sent them:
//! this finds which one an answer settles and what it says.

use super::*;
use crate::api::model::BillingAccount;
use crate::tui::msg::Written;

/// What an account write heard: the account (and whether the client had
/// to look a lost answer up to find it), or why not.
pub(super) struct Heard<T> {
    pub result: Result<T, ApiError>,
    pub looked_up: bool,
}

impl<T> Heard<T> {
    fn of(result: Result<Written, ApiError>, want: impl Fn(Written) -> Option<T>) -> Heard<T> {
        let (written, looked_up) = match result {
            Ok(Written::LookedUp(w)) => (*w, true),
            Ok(w) => (w, false),
            Err(e) => {
                return Heard {
                    result: Err(e),
                    looked_up: false,
                };
            }
        };
        let result = match want(written) {
            Some(v) => Ok(v),
            None => {
                debug_assert!(false, "an account write answered as another write");
                Err(ApiError::Unsettled {
                    lost: "an answer of another kind".into(),
                    why: "it cannot be read as this write's".into(),
                })
            }
        };
        Heard { result, looked_up }
    }
}

fn account(w: Written) -> Option<BillingAccount> {
    match w {
        Written::Account(a) => Some(*a),
        _ => None,
    }
}

/// Every write's answer: an account's own goes to the form or delete
/// waiting for it, the others to the pending write.
pub(super) fn written(
    app: &mut App,
    req: ReqId,
    sent_at: jiff::Timestamp,
    result: Result<Written, ApiError>,
) -> Vec<Cmd> {
    let creating = app
        .session
        .forms
        .iter()
        .find(|(_, f)| f.phase.answers(req))
        .map(|(ws, _)| ws.clone());
    if let Some(ws) = creating {
        return account_created(app, req, &ws, sent_at, Heard::of(result, account));
    }
    let saving = app.session.edit.as_ref();
    if saving.is_some_and(|f| f.phase.answers(req)) {
        return account_updated(app, req, Heard::of(result, account));
    }
    if app.delete.answers(req) {
        let heard = Heard::of(result, |w| match w {
            Written::AccountDeleted(at) => Some(at),
            _ => None,
        });
        return account_deleted(app, req, heard);
    }
    super::pending_writes::written(app, req, result)
}
