//! The duplicate guard on the new-account form: before a create is sent,
//! the workspace's accounts (as the console holds them; no request) are
//! checked for the same email or name (`rules::duplicate`). A match stops
//! the send and asks: open the existing account, create anyway, or go
//! back to the form.

use super::*;
use crate::tui::form::{Duplicate, FoundIn};

/// The match that should stop this create, if any: none once the user
/// chose to create anyway for these very values. The workspace's own
/// accounts first (as the console holds them), then the index's other
/// workspaces; neither costs a request.
pub(super) fn found(app: &App, body: &crate::api::model::NewBillingAccount) -> Option<Duplicate> {
    let f = app.form()?;
    if f.editing.is_some() || f.allowed_duplicate.as_ref() == Some(body) {
        return None;
    }
    let here = app.session.accounts.get(&f.workspace.id).and_then(|view| {
        let found = crate::rules::duplicate::matches(&view.items, &body.name, &body.email);
        let (a, same) = found.into_iter().next()?;
        Some(Duplicate {
            id: a.id.clone(),
            name: a.name.clone(),
            email: a.email.clone(),
            same,
            found: FoundIn::Here(Box::new(a.clone())),
        })
    });
    here.or_else(|| {
        let find = &app.session.find;
        let elsewhere = find.index.same_as(&body.name, &body.email, &f.workspace.id);
        let (w, a, same) = elsewhere.into_iter().next()?;
        let fetched = find.index.shards.get(&w.id).map_or(0, |s| s.fetched_at);
        Some(Duplicate {
            id: a.id.clone(),
            name: a.name.clone(),
            email: a.email.clone(),
            same,
            found: FoundIn::Elsewhere {
                workspace_id: w.id.clone(),
                workspace_name: w.name.clone(),
                age: crate::index::now_ms() - fetched,
            },
        })
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
            app.set_status(StatusKind::Info, "The form is kept: n comes back to it");
            match d.found {
                FoundIn::Here(account) => {
                    app.session.detail = Some(*account);
                    app.detail_created = false;
                    app.session.screens.open(Screen::Detail);
                }
                FoundIn::Elsewhere { workspace_id, .. } => {
                    let ws = workspace_by_id(app, &workspace_id);
                    let mut cmds = open_workspace(app, ws);
                    app.session.open_account = Some(d.id);
                    cmds.extend(super::find::reveal(app));
                    return cmds;
                }
            }
        }
        _ => app.set_status(StatusKind::Info, "Nothing sent: the form is as you left it"),
    }
    Vec::new()
}
