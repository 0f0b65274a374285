//! The duplicate guard on the new-account form: before a create is sent,
//! the workspace's accounts (as the console holds them; no request) are
//! checked for the same email or name (`rules::duplicate`). A match stops
//! the send and asks: open the existing account, create anyway, or go
//! back to the form.

use super::*;
use crate::tui::form::Duplicate;

/// The match that should stop this create, if any: none once the user
/// chose to create anyway for these very values.
pub(super) fn found(app: &App, body: &crate::api::model::NewBillingAccount) -> Option<Duplicate> {
    let f = app.form()?;
    if f.editing.is_some() || f.allowed_duplicate.as_ref() == Some(body) {
        return None;
    }
    let view = app.session.accounts.get(&f.workspace.id)?;
    let found = crate::rules::duplicate::matches(&view.items, &body.name, &body.email);
    let (account, same) = found.into_iter().next()?;
    Some(Duplicate {
        account: Box::new(account.clone()),
        same,
    })
}

pub(super) fn on_duplicate(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    let Some(d) = f.duplicate.take() else {
        return Vec::new();
    };
    match msg {
        FormMsg::CreateAnyway => {
            // For these values only: a change to the form checks again.
            f.allowed_duplicate = f.input().validate().ok();
            return submit(app, false, false);
        }
        FormMsg::OpenExisting => {
            app.session.detail = Some(*d.account);
            app.detail_created = false;
            app.session.screens.open(Screen::Detail);
            app.set_status(StatusKind::Info, "The form is kept: n comes back to it");
        }
        _ => app.set_status(StatusKind::Info, "Nothing sent: the form is as you left it"),
    }
    Vec::new()
}
