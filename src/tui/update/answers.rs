//! The API's answers: lists, one workspace, and each write's answer (the
//! writes themselves live with their features).

use super::*;

/// The API's answers.
pub(super) fn on_api(app: &mut App, msg: ApiMsg) -> Vec<Cmd> {
    match msg {
        ApiMsg::MembersLoaded {
            req,
            workspace_id,
            result,
        } => super::members::loaded(app, req, &workspace_id, result),
        ApiMsg::AccountChecked {
            req,
            workspace_id,
            account_id,
            result,
        } => return account_checked(app, req, &workspace_id, &account_id, result),
        ApiMsg::WorkspacesLoaded { req, result } => {
            if !app.session.workspaces.load.awaits(req) {
                tracing::debug!(req, "stale workspaces answer ignored");
                return Vec::new();
            }
            let mut cmds = Vec::new();
            match result {
                Ok(list) => {
                    app.session.workspaces.load = Load::Loaded;
                    app.session.workspaces.items = list.data;
                    app.session.workspaces.lowered.clear();
                    app.session.workspaces.has_more = list.has_more;
                    refilter(app);
                    if let Some(id) = app.session.workspaces.preselect.take()
                        && let Some(i) =
                            app.session.workspaces.items.iter().position(|w| w.id == id)
                    {
                        let height = crate::tui::layout::rows(app);
                        app.session.workspaces.sel.select_item(i, height);
                    }
                    cmds.extend(super::find::start(app));
                    cmds.extend(super::find::fed_list(app));
                }
                Err(e) => {
                    app.session.workspaces.load = Load::Failed(e.to_string());
                    unauthorised(app, &e);
                }
            }
            // The lookup of a workspace write whose answer was lost.
            cmds.extend(super::pending_writes::looked_up(app, req));
            return cmds;
        }
        ApiMsg::WorkspaceLoaded { req, result } => {
            if !app.session.workspaces.goto_load.awaits(req) {
                return Vec::new();
            }
            match result {
                Ok(ws) => {
                    app.session.workspaces.goto_load = Load::Loaded;
                    app.session.workspaces.goto = None;
                    return open_workspace(app, ws);
                }
                Err(e) => {
                    app.session.workspaces.goto_load = Load::Failed(e.to_string());
                    if !unauthorised(app, &e) {
                        app.set_status(
                            StatusKind::Error,
                            format!("Cannot open that workspace: {e}"),
                        );
                    }
                }
            }
        }
        ApiMsg::AccountsLoaded {
            req,
            workspace_id,
            result,
        } => return accounts_loaded(app, req, &workspace_id, result),
        ApiMsg::AccountFound {
            req,
            workspace_id,
            result,
        } => return account_found(app, req, &workspace_id, result),
    }
    Vec::new()
}

/// A workspace's accounts arrived (or did not).
pub(super) fn accounts_loaded(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    result: Result<crate::api::model::BillingAccountList, ApiError>,
) -> Vec<Cmd> {
    let Some(view) = app.session.accounts.get_mut(workspace_id) else {
        return Vec::new();
    };
    if !view.load.awaits(req) {
        return Vec::new();
    }
    let mut cmds = Vec::new();
    match result {
        Ok(list) => {
            view.load = Load::Loaded;
            view.items = list.data;
            view.has_more = list.has_more;
            let n = view.items.len();
            if app
                .session
                .current
                .as_ref()
                .is_some_and(|w| w.id == workspace_id)
            {
                let height = crate::tui::layout::rows(app);
                app.session
                    .account_sel
                    .set_visible((0..n).collect(), height);
            }
            cmds.extend(super::find::fed_accounts(app, workspace_id));
            super::import::replan(app);
            cmds.extend(super::find::reveal(app));
        }
        Err(e) => {
            view.load = Load::Failed(e.to_string());
            unauthorised(app, &e);
            app.session.open_account = None;
        }
    }
    cmds
}
