//! Ctrl+D on the form: discard what was typed (the new-account form starts
//! blank and its draft goes; an edit goes back to the account as saved).
//! It asks first whenever something would be lost, and refuses while a
//! create is out or its outcome is unknown (the form is what looks it up).

use super::*;
use crate::tui::write::Phase;

/// What would be lost: the typed values of a new account, or the changes
/// of an edit.
fn typed(f: &FormState) -> bool {
    match f.editing {
        Some(_) => !f.changes().is_empty(),
        None => !f.is_blank(),
    }
}

pub(super) fn on_discard(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    match msg {
        FormMsg::AskDiscardForm if f.phase != Phase::Idle || f.sent_at.is_some() => {
            app.set_status(
                StatusKind::Error,
                "Not discarded: a create is out or its outcome is unknown; the form settles it first",
            );
        }
        FormMsg::AskDiscardForm if !typed(f) => {
            app.set_status(StatusKind::Info, "Nothing typed to discard");
        }
        FormMsg::AskDiscardForm => {
            f.discard_form_asked = true;
            app.set_status(
                StatusKind::Info,
                "Discard what you typed? y discards it, n or Esc keeps it",
            );
        }
        FormMsg::KeepForm => {
            f.discard_form_asked = false;
            app.set_status(StatusKind::Info, "Kept what you typed");
        }
        FormMsg::DiscardForm if f.discard_form_asked => return discard(app),
        _ => {}
    }
    Vec::new()
}

fn discard(app: &mut App) -> Vec<Cmd> {
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    let key = f.draft_key();
    let mut fresh = match f.editing.take() {
        Some(account) => FormState::for_account(f.workspace.clone(), *account),
        None => FormState::new(f.workspace.clone()),
    };
    fresh.scope = std::mem::take(&mut f.scope);
    *f = fresh;
    if f.editing.is_some() {
        app.set_status(StatusKind::Info, "Changes discarded: the account as saved");
        return Vec::new();
    }
    app.set_status(StatusKind::Info, "Form discarded, and its draft");
    vec![Cmd::DeleteDraft(key)]
}
