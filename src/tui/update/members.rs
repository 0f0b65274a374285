//! A workspace's members (`M`): opening the list and its answer.

use super::*;
use crate::tui::billing::Listing;

/// `M` (or `:members`): the members of the workspace open, or selected.
pub(super) fn show(app: &mut App) -> Vec<Cmd> {
    let ws = match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        _ => app.session.current.clone(),
    };
    let Some(ws) = ws else {
        app.set_status(StatusKind::Info, "Choose a workspace first");
        return Vec::new();
    };
    let id = ws.id.clone();
    app.session.current = Some(ws);
    app.session.screens.open(Screen::Members);
    let idle = app
        .session
        .members
        .get(&id)
        .is_none_or(|l| l.load == Load::Idle);
    if idle { load(app) } else { Vec::new() }
}

/// Loads the open workspace's members (again, for `r`).
pub fn load(app: &mut App) -> Vec<Cmd> {
    let Some(ws) = app.session.current.as_ref().map(|w| w.id.clone()) else {
        return Vec::new();
    };
    let req = app.req();
    app.session.members.entry(ws.clone()).or_default().load = Load::Loading(req);
    vec![Cmd::LoadMembers {
        req,
        workspace_id: ws,
    }]
}

pub(super) fn loaded(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    result: Result<crate::api::model::MemberList, ApiError>,
) {
    let height = crate::tui::layout::rows(app);
    let l: &mut Listing<_> = app
        .session
        .members
        .entry(workspace_id.to_string())
        .or_default();
    if !l.load.awaits(req) {
        return;
    }
    match result {
        Ok(list) => {
            l.load = Load::Loaded;
            l.items = list.data;
            l.has_more = list.has_more;
            l.sel.set_visible((0..l.items.len()).collect(), height);
        }
        Err(e) => {
            l.load = Load::Failed(e.to_string());
            unauthorised(app, &e);
        }
    }
}
