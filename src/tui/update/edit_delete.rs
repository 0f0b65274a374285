//! Editing and deleting an account, and the confirm box over every write.

use super::account_writes::Heard;
use super::*;
use crate::tui::msg::{At, WriteMsg};
use crate::tui::ops::WriteOp;
use crate::tui::write::Answer;

pub(super) fn update_confirm_cancel(app: &mut App) {
    update(app, Msg::Write(WriteMsg::ConfirmCancel));
}

/// Opens the confirm box for `write` in the workspace called `workspace_name`.
pub(super) fn ask_write(app: &mut App, write: Write, workspace_name: String) {
    let delete = match &write {
        Write::Delete { .. } => true,
        Write::Op(w) => w.op.destructive(),
        Write::Create | Write::Update => false,
    };
    let typed = matches!(&write, Write::Op(w) if w.op.typed());
    app.boxes.set_confirm(Some(Confirm {
        write,
        workspace_name,
        typed: (app.ctx.confirm_writes || typed).then(Input::default),
        // A delete starts on Cancel: Enter alone never deletes.
        proceed: !delete,
        problem: None,
    }));
}

/// The workspace with this id, as far as this session knows it.
pub(super) fn workspace_by_id(app: &App, id: &str) -> Workspace {
    app.session
        .current
        .iter()
        .chain(app.session.workspaces.items.iter())
        .find(|w| w.id == id)
        .cloned()
        .unwrap_or_else(|| {
            serde_json::from_value(serde_json::json!({ "id": id, "name": id }))
                .expect("a workspace from id and name")
        })
}

/// `e` on the detail pane: the form, filled with the account's values.
/// The account `e` and `d` act on: the one on the detail pane, or the one
/// selected in a workspace's list.
pub(super) fn target_account(app: &App) -> Option<crate::api::model::BillingAccount> {
    match app.screen() {
        Screen::Detail => app.session.detail.clone(),
        Screen::Workspace => app.selected_account().cloned(),
        _ => None,
    }
}

pub(super) fn edit_account(app: &mut App) {
    let Some(account) = target_account(app) else {
        return;
    };
    // Saving shows the account; Esc goes back where `e` was pressed.
    if app.screen() == Screen::Workspace {
        app.session.detail = Some(account.clone());
        app.detail_created = false;
    }
    let ws = workspace_by_id(app, &account.workspace_id);
    // Edits left earlier for this same account are kept.
    let keep = app
        .session
        .edit
        .as_ref()
        .and_then(|f| f.editing.as_ref())
        .is_some_and(|a| a.id == account.id);
    if !keep {
        app.session.edit = Some(FormState::for_account(ws.clone(), account));
    }
    app.session.current = Some(ws);
    app.editing = true;
    app.session.screens.open(Screen::Form);
}

/// `confirmed`: yes to sending again after an unclear answer;
/// `write_confirmed`: yes to the profile's confirm_writes question.
pub(super) fn submit_edit(app: &mut App, confirmed: bool, write_confirmed: bool) -> Vec<Cmd> {
    let confirm_writes = app.ctx.confirm_writes;
    let req = app.req();
    let Some(f) = app.session.edit.as_mut() else {
        return Vec::new();
    };
    if let Some(why) = f.phase.wait_reason() {
        app.set_status(StatusKind::Info, why);
        return Vec::new();
    }
    f.picker = None;
    if let Err(why) = check_fields(f) {
        app.set_status(StatusKind::Error, why);
        return Vec::new();
    }
    let changes = f.changes();
    if changes.is_empty() {
        app.set_status(StatusKind::Info, "Nothing changed: nothing was sent");
        return Vec::new();
    }
    let body = match crate::rules::validate_patch(&changes) {
        Ok(body) => body,
        Err(violations) => {
            let n = violations.len();
            for v in violations {
                f.errors[v.field as usize] = Some(v.message);
            }
            f.focus_first_error();
            app.set_status(StatusKind::Error, need_attention(n));
            return Vec::new();
        }
    };
    if f.phase.needs_confirmation() && !confirmed {
        f.confirm_resend = true;
        return Vec::new();
    }
    if confirm_writes && !write_confirmed {
        let name = f.workspace.name.clone();
        ask_write(app, Write::Update, name);
        return Vec::new();
    }
    let Some(account) = f.editing.as_ref() else {
        return Vec::new();
    };
    let cmd = Cmd::SendWrite {
        req,
        at: At {
            workspace_id: account.workspace_id.clone(),
            account_id: account.id.clone(),
        },
        op: WriteOp::UpdateAccount {
            id: account.id.clone(),
            patch: Box::new(body),
        },
        key: app.ctx.idempotency_key(req),
        before: serde_json::to_value(account).ok(),
        despite_pause: false,
    };
    f.phase = Phase::Sending(req);
    f.banner = None;
    let n = changes.len();
    app.set_status(
        StatusKind::Info,
        format!("Saving {n} changed field{}…", if n == 1 { "" } else { "s" }),
    );
    vec![cmd]
}

pub(super) fn account_updated(
    app: &mut App,
    req: ReqId,
    heard: Heard<crate::api::model::BillingAccount>,
) -> Vec<Cmd> {
    let Some(f) = app.session.edit.as_mut().filter(|f| f.phase.answers(req)) else {
        return Vec::new();
    };
    f.phase = Phase::Idle;
    let e = match Answer::from(heard.result) {
        Answer::Done(account) => {
            let how = match heard.looked_up {
                true => "the answer was lost; looked up: the server has them",
                false => "",
            };
            saved(app, account, how);
            return Vec::new();
        }
        Answer::Refused(ApiError::NotDone { .. }) => {
            f.banner = Some(
                "Not saved: the answer was lost; looked up: the server still has the old values, and nothing was sent again. Ctrl+S sends again."
                    .into(),
            );
            app.set_status(StatusKind::Error, "Not saved: your edits are kept");
            return Vec::new();
        }
        Answer::Unknown(e) => {
            let Some(a) = f.editing.as_ref() else {
                return Vec::new();
            };
            let (ws, id) = (a.workspace_id.clone(), a.id.clone());
            return check_after_unclear_answer(app, &e, &ws, &id, false);
        }
        Answer::Refused(e) => e,
    };
    if apply_field_errors(f, &e) {
        refused_fields(app, &e);
    } else if !unauthorised(app, &e) {
        if let Some(f) = app.session.edit.as_mut() {
            f.banner = Some(format!("Not saved: {}", short(&e)));
        }
        app.boxes.set_error(Some(error_popup(&e, &Write::Update)));
        app.set_status(StatusKind::Error, "Not saved: your edits are kept");
    }
    Vec::new()
}

/// The edits are on the server: the form goes, the detail pane shows the
/// account (`how` adds to the status line how we know).
pub(super) fn saved(app: &mut App, account: crate::api::model::BillingAccount, how: &str) {
    let n = app.session.edit.as_ref().map_or(0, |f| f.changes().len());
    app.session.edit = None;
    app.editing = false;
    replace_account(app, &account);
    let how = if how.is_empty() {
        String::new()
    } else {
        format!(" ({how})")
    };
    app.set_status(
        StatusKind::Success,
        format!(
            "Saved {}: {n} field{} changed{how}",
            inert(&account.id),
            if n == 1 { "" } else { "s" }
        ),
    );
    app.session.detail = Some(account);
    app.detail_created = false;
    // The form gives way to the account it saved (unless it was left).
    if app.screen() == Screen::Form {
        app.session.screens.replace(Screen::Detail);
    }
}

/// What an account write done shows (where it was sent as a pending
/// write rather than by its form or `d`).
pub(super) fn apply(app: &mut App, written: crate::tui::msg::Written) {
    use crate::tui::msg::Written;
    match written {
        Written::Account(a) => replace_account(app, &a),
        Written::AccountDeleted(at) => deleted(app, &at.workspace_id, &at.account_id),
        Written::LookedUp(w) => apply(app, *w),
        _ => {}
    }
}

/// Puts a fresher copy of an account wherever this session shows it.
pub(super) fn replace_account(app: &mut App, account: &crate::api::model::BillingAccount) {
    if let Some(view) = app.session.accounts.get_mut(&account.workspace_id)
        && let Some(slot) = view.items.iter_mut().find(|a| a.id == account.id)
    {
        *slot = account.clone();
    }
    for e in app.ledger.iter_mut().filter(|e| e.account.id == account.id) {
        e.account = account.clone();
    }
    super::find::heard_account(app, &account.workspace_id, account);
}

/// `d` on the detail pane: asks, with Cancel focused.
pub(super) fn ask_delete(app: &mut App) {
    let Some(a) = target_account(app) else {
        return;
    };
    if app.delete.busy() {
        app.set_status(
            StatusKind::Info,
            "A delete is already waiting for its answer",
        );
        return;
    }
    let write = Write::Delete {
        workspace_id: a.workspace_id.clone(),
        account_id: a.id.clone(),
        account_name: a.name.clone(),
    };
    let name = workspace_by_id(app, &a.workspace_id).name;
    ask_write(app, write, name);
}

pub(super) fn confirm_accept(app: &mut App) -> Vec<Cmd> {
    let Some(c) = app.boxes.confirm_mut() else {
        return Vec::new();
    };
    if !c.proceed {
        update_confirm_cancel(app);
        return Vec::new();
    }
    if let Some(typed) = &c.typed
        && typed.value().trim() != c.workspace_name.trim()
    {
        c.problem = Some(format!(
            "Type the workspace name exactly ({}) to go on",
            inert(&c.workspace_name)
        ));
        return Vec::new();
    }
    let Some(c) = app.boxes.take_confirm() else {
        return Vec::new();
    };
    match c.write {
        Write::Op(w) => super::pending_writes::send(app, *w),
        Write::Create => submit(app, true, true),
        Write::Update => submit_edit(app, true, true),
        Write::Delete {
            workspace_id,
            account_id,
            ..
        } => send_delete(app, workspace_id, account_id),
    }
}

/// Yes to a delete: sent once, its target kept for its answer.
fn send_delete(app: &mut App, workspace_id: String, account_id: String) -> Vec<Cmd> {
    let req = app.req();
    let before = app
        .session
        .accounts
        .get(&workspace_id)
        .and_then(|v| v.items.iter().find(|a| a.id == account_id))
        .or(app.session.detail.as_ref().filter(|a| a.id == account_id))
        .and_then(|a| serde_json::to_value(a).ok());
    app.delete = Phase::Sending(req);
    let at = At {
        workspace_id,
        account_id: account_id.clone(),
    };
    app.delete_of = Some(at.clone());
    app.set_status(
        StatusKind::Info,
        format!("Deleting {}…", inert(&account_id)),
    );
    vec![Cmd::SendWrite {
        req,
        at,
        op: WriteOp::DeleteAccount(account_id),
        key: app.ctx.idempotency_key(req),
        before,
        despite_pause: false,
    }]
}

pub(super) fn account_deleted(app: &mut App, req: ReqId, heard: Heard<At>) -> Vec<Cmd> {
    if !app.delete.answers(req) {
        return Vec::new();
    }
    app.delete = Phase::Idle;
    let Some(At {
        workspace_id,
        account_id,
    }) = app.delete_of.take()
    else {
        return Vec::new();
    };
    let (workspace_id, account_id) = (workspace_id.as_str(), account_id.as_str());
    match Answer::from(heard.result) {
        Answer::Done(_) => {
            deleted(app, workspace_id, account_id);
            let how = match heard.looked_up {
                true => " (the answer was lost; looked up: it is gone)",
                false => "",
            };
            app.set_status(
                StatusKind::Success,
                format!("Deleted {}{how}", inert(account_id)),
            );
        }
        Answer::Refused(ApiError::NotDone { .. }) => app.set_status(
            StatusKind::Error,
            format!(
                "Not deleted: the answer was lost; looked up: {} is still there, and nothing was sent again (d asks again)",
                inert(account_id)
            ),
        ),
        Answer::Unknown(e) => {
            return check_after_unclear_answer(app, &e, workspace_id, account_id, true);
        }
        Answer::Refused(e) => {
            if !unauthorised(app, &e) {
                app.boxes.set_error(Some(error_popup(
                    &e,
                    &Write::Delete {
                        workspace_id: workspace_id.into(),
                        account_id: account_id.into(),
                        account_name: String::new(),
                    },
                )));
                app.set_status(StatusKind::Error, format!("Not deleted: {}", short(&e)));
            }
        }
    }
    Vec::new()
}

/// The account is gone: from its list, the detail pane, the edit form,
/// and the ledger says so.
pub(super) fn deleted(app: &mut App, workspace_id: &str, account_id: &str) {
    super::find::heard_gone(app, workspace_id, account_id);
    for e in app.ledger.iter_mut().filter(|e| e.account.id == account_id) {
        e.deleted = true;
    }
    if let Some(view) = app.session.accounts.get_mut(workspace_id) {
        view.items.retain(|a| a.id != account_id);
        if app
            .session
            .current
            .as_ref()
            .is_some_and(|w| w.id == workspace_id)
        {
            let n = view.items.len();
            let keep = app.session.account_sel.selected.min(n.saturating_sub(1));
            let height = crate::tui::layout::rows(app);
            app.session
                .account_sel
                .set_visible((0..n).collect(), height);
            app.session.account_sel.selected = keep;
        }
    }
    let shown = |a: &Option<crate::api::model::BillingAccount>| {
        a.as_ref().is_some_and(|a| a.id == account_id)
    };
    if shown(&app.session.detail) {
        app.session.detail = None;
        if app.screen() == Screen::Detail {
            app.session.screens.close();
        }
    }
    if app
        .session
        .edit
        .as_ref()
        .and_then(|f| f.editing.as_ref())
        .is_some_and(|a| a.id == account_id)
    {
        app.session.edit = None;
    }
}

/// Edit and delete, and the confirm box over every write.
pub(super) fn on_write(app: &mut App, msg: WriteMsg) -> Vec<Cmd> {
    match msg {
        WriteMsg::EditAccount => edit_account(app),
        WriteMsg::DeleteAccount => ask_delete(app),
        WriteMsg::ConfirmEdit(req) => {
            if let Some(c) = app.boxes.confirm_mut()
                && let Some(typed) = &mut c.typed
            {
                typed.handle(req);
                c.problem = None;
            }
        }
        WriteMsg::ConfirmToggle => {
            if let Some(c) = app.boxes.confirm_mut() {
                c.proceed = !c.proceed;
            }
        }
        WriteMsg::ConfirmAccept => return confirm_accept(app),
        WriteMsg::ConfirmCancel => {
            if let Some(c) = app.boxes.take_confirm() {
                let what = match c.write {
                    Write::Create => "nothing was created",
                    Write::Update => "nothing was changed",
                    Write::Delete { .. } => "nothing was deleted",
                    Write::Op(_) => "nothing was changed",
                };
                app.set_status(StatusKind::Info, format!("Cancelled: {what}"));
            }
        }
    }
    Vec::new()
}
