//! A workspace's organizations (`O`): the tree's load and answer, its
//! keys, the detail's capacity, and saving the usage report.

use super::*;
use crate::tui::msg::{OrgCmd, OrgMsg, SaveProblem};
use crate::tui::orgs::{OrgTree, SaveBox};

/// The tree of the workspace open, if it was looked at.
pub fn tree(app: &App) -> Option<&OrgTree> {
    app.session.orgs.get(&app.session.current.as_ref()?.id)
}

fn tree_mut(app: &mut App) -> Option<&mut OrgTree> {
    let ws = app.session.current.as_ref()?.id.clone();
    Some(app.session.orgs.entry(ws).or_default())
}

pub(super) fn on_org(app: &mut App, msg: OrgMsg) -> Vec<Cmd> {
    let height = crate::tui::layout::rows(app);
    match msg {
        OrgMsg::Open => return open(app),
        OrgMsg::Expand => tree_mut(app).map_or((), |t| t.expand(height)),
        OrgMsg::Collapse => tree_mut(app).map_or((), |t| t.collapse(height)),
        OrgMsg::Toggle => tree_mut(app).map_or((), |t| t.toggle(height)),
        OrgMsg::ExpandAll(open) => tree_mut(app).map_or((), |t| t.expand_all(open, height)),
        OrgMsg::FilterStart => tree_mut(app).map_or((), |t| t.filtering = true),
        OrgMsg::FilterEdit(req) => {
            if let Some(t) = tree_mut(app) {
                t.filter.handle(req);
                t.refresh(height);
            }
        }
        OrgMsg::FilterDone => tree_mut(app).map_or((), |t| t.filtering = false),
        OrgMsg::Show => return show(app),
        OrgMsg::SaveReport => {
            if let Some(ws) = &app.session.current {
                app.boxes.set_save_box(Some(SaveBox::new(
                    ws,
                    app.ctx.downloads.as_ref(),
                    app.ctx.today,
                )));
            }
        }
        OrgMsg::PathEdit(req) => {
            if let Some(b) = app.boxes.save_box_mut().filter(|b| b.saving.is_none()) {
                b.path.handle(req);
                b.problem = None;
                b.replace = false;
            }
        }
        OrgMsg::PathSubmit => return save(app),
        OrgMsg::New => return super::org_writes::new_root(app),
        OrgMsg::NewChild => return super::org_writes::new_child(app),
        OrgMsg::Edit => return super::org_writes::edit(app),
        OrgMsg::Delete => return super::org_writes::delete(app),
        OrgMsg::Box(key) => return super::org_writes::on_box(app, key),
        OrgMsg::Loaded {
            req,
            workspace_id,
            result,
        } => loaded(app, req, &workspace_id, result),
        OrgMsg::Saved { req, result } => saved(app, req, result),
    }
    Vec::new()
}

/// Esc on the tree: clears the filter if there is one (true), else
/// leaves it to go back.
pub(super) fn clear_filter(app: &mut App) -> bool {
    let height = crate::tui::layout::rows(app);
    match tree_mut(app).filter(|t| t.filtering || t.filtered()) {
        Some(t) => {
            t.filtering = false;
            t.filter.reset();
            t.refresh(height);
            true
        }
        None => false,
    }
}

/// `O` (or `:orgs`): the tree of the workspace open, or selected.
fn open(app: &mut App) -> Vec<Cmd> {
    let Some(id) = open_workspace_screen(app, Screen::Orgs) else {
        return Vec::new();
    };
    let idle = app
        .session
        .orgs
        .get(&id)
        .is_none_or(|t| t.list.load == Load::Idle);
    if idle { load(app) } else { Vec::new() }
}

/// Loads the open workspace's organizations (again, for `r`).
pub fn load(app: &mut App) -> Vec<Cmd> {
    let Some(ws) = app.session.current.as_ref().map(|w| w.id.clone()) else {
        return Vec::new();
    };
    let req = app.req();
    app.session.orgs.entry(ws.clone()).or_default().list.load = Load::Loading(req);
    vec![Cmd::Org(OrgCmd::Load {
        req,
        workspace_id: ws,
    })]
}

fn loaded(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    result: Result<crate::api::model::OrganizationList, ApiError>,
) {
    let height = crate::tui::layout::rows(app);
    let t = app
        .session
        .orgs
        .entry(workspace_id.to_string())
        .or_default();
    let kept = t.kept();
    match t.list.answer(req, result, height) {
        None => return,
        Some(Err(e)) => {
            unauthorised(app, &e);
        }
        Some(Ok(())) => t.take(&kept, height),
    }
    // The lookup of an organization write whose answer was lost, if it
    // was one.
    super::pending_writes::looked_up(app, req);
}

/// Enter: the detail of the selected organization, its capacity asked for.
fn show(app: &mut App) -> Vec<Cmd> {
    if tree(app).and_then(|t| t.selected()).is_none() {
        return Vec::new();
    }
    app.session.screens.open(Screen::Org);
    reload_limits(app)
}

/// Asks for the selected organization's capacity (again, for `r` on the
/// detail), through the store.
pub fn reload_limits(app: &mut App) -> Vec<Cmd> {
    use crate::tui::resources::orgs::{LIMITS, limits_scope};
    let Some(scope) = limits_scope(app) else {
        return Vec::new();
    };
    let req = app.req();
    vec![app.session.store.request(&LIMITS, scope, req)]
}

/// Enter in the report box: refuses an empty path, else asks for the
/// report to be saved there (the effect says, before downloading, when
/// the file exists: then a second Enter replaces it).
fn save(app: &mut App) -> Vec<Cmd> {
    let Some(b) = app.boxes.save_box_mut().filter(|b| b.saving.is_none()) else {
        return Vec::new();
    };
    let raw = b.path.value().trim().to_string();
    if raw.is_empty() {
        b.problem = Some("Type where to save the report.".into());
        return Vec::new();
    }
    let (workspace_id, replace) = (b.workspace_id.clone(), b.replace);
    let req = app.req();
    let b = app.boxes.save_box_mut().expect("checked above");
    b.saving = Some(req);
    b.problem = None;
    vec![Cmd::Org(OrgCmd::SaveReport {
        req,
        workspace_id,
        path: expand_home(&raw),
        replace,
    })]
}

/// `~/reports/x.pdf` as the shell would read it.
fn expand_home(raw: &str) -> std::path::PathBuf {
    match raw.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()
            .map(|d| d.home_dir().join(rest))
            .unwrap_or_else(|| raw.into()),
        None => raw.into(),
    }
}

fn saved(app: &mut App, req: ReqId, result: Result<(String, usize), SaveProblem>) {
    let Some(b) = app.boxes.save_box_mut().filter(|b| b.saving == Some(req)) else {
        return;
    };
    b.saving = None;
    match result {
        Ok((path, bytes)) => {
            app.boxes.set_save_box(None);
            let said = format!(
                "Saved the usage report ({} KiB) to {}",
                bytes.div_ceil(1024),
                inert(&path)
            );
            app.set_status(StatusKind::Success, said);
        }
        // The box stays with the path as typed, and says why.
        Err(p) => {
            b.replace = p.exists;
            b.problem = Some(p.message);
        }
    }
}
