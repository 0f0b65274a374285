//! An update or a delete whose answer was unclear (a timeout, a cut
//! connection, a 5xx): the account is fetched before anything else is
//! said or sent, and what it holds now settles the write. (A create looks
//! for its account by name and email instead: it has no id yet.)

use super::*;
use crate::api::model::BillingAccount;
use crate::rules::AccountInput;

/// Starts the lookup after an unclear answer to a delete (`delete`) or to
/// the edit form's save.
pub(super) fn check_after_unclear_answer(
    app: &mut App,
    e: &ApiError,
    workspace_id: &str,
    account_id: &str,
    delete: bool,
) -> Vec<Cmd> {
    let req = app.req();
    let what = if delete { "deleted" } else { "saved" };
    if delete {
        app.delete = Phase::Checking(req);
    } else if let Some(f) = app.session.edit.as_mut() {
        f.phase = Phase::Checking(req);
        f.banner = Some(format!(
            "Outcome unknown ({}): checking what the server holds now…",
            short(e)
        ));
    }
    app.set_status(
        StatusKind::Error,
        format!(
            "Outcome unknown ({}): checking whether {} was {what}…",
            short(e),
            inert(account_id)
        ),
    );
    vec![Cmd::CheckAccount {
        req,
        workspace_id: workspace_id.into(),
        account_id: account_id.into(),
    }]
}

/// The account as the server holds it now (`None`: it is gone).
pub(super) fn account_checked(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    account_id: &str,
    result: Result<Option<BillingAccount>, ApiError>,
) -> Vec<Cmd> {
    if app.delete.checks(req) {
        delete_checked(app, workspace_id, account_id, result);
    } else if app
        .session
        .edit
        .as_ref()
        .is_some_and(|f| f.phase.checks(req))
    {
        edit_checked(app, result);
    }
    Vec::new()
}

fn delete_checked(
    app: &mut App,
    workspace_id: &str,
    account_id: &str,
    result: Result<Option<BillingAccount>, ApiError>,
) {
    // A delete sent again does no harm (at worst a 404), and `d` always
    // asks first: the write is settled either way.
    app.delete = Phase::Idle;
    let id = inert(account_id).into_owned();
    match result {
        Ok(None) => {
            deleted(app, workspace_id, account_id);
            let text = format!("Deleted {id}: the answer was unclear, and it is gone now");
            app.set_status(StatusKind::Success, text);
        }
        Ok(Some(_)) => app.set_status(
            StatusKind::Error,
            format!("Not deleted: {id} is still there after the unclear answer (d tries again)"),
        ),
        Err(e) => app.set_status(
            StatusKind::Error,
            format!(
                "Outcome unknown: the check failed too ({}); r reloads the list to see whether {id} is gone",
                short(&e)
            ),
        ),
    }
}

fn edit_checked(app: &mut App, result: Result<Option<BillingAccount>, ApiError>) {
    let Some(f) = app.session.edit.as_mut() else {
        return;
    };
    let account = match result {
        Ok(Some(account)) => account,
        Ok(None) => {
            f.phase = Phase::Idle;
            f.banner = Some("Not saved: the account no longer exists on the server".into());
            app.set_status(StatusKind::Error, "The account is gone: nothing to save");
            return;
        }
        Err(e) => {
            let why = format!("the check failed ({})", short(&e));
            f.banner = Some(format!(
                "Outcome unknown: {why}. Ctrl+S asks before sending again."
            ));
            f.phase = Phase::Unknown(why);
            app.set_status(StatusKind::Error, "The edits may or may not be saved");
            return;
        }
    };
    // Saved if the server now holds every value that was sent.
    let now = AccountInput::from_account(&account);
    let landed = f
        .changes()
        .iter()
        .all(|(field, value)| now.get(*field).trim() == value.trim());
    f.phase = Phase::Idle;
    if landed {
        saved(
            app,
            account,
            "the answer was unclear, and the server has them",
        );
    } else {
        f.banner =
            Some("Not saved: the server still has the old values. Ctrl+S sends again.".into());
        app.set_status(StatusKind::Error, "Not saved: your edits are kept");
    }
}
