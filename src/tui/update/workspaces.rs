//! New, renamed and archived workspaces: the workspace box, then the shared
//! write machine (asked, sent once, a lost answer looked up by loading the
//! workspaces again).

use super::*;
use crate::rules::workspace as rules_ws;
use crate::tui::boxes::workspace::{MODES, WorkspaceBox};
use crate::tui::msg::{At, WorkspaceBoxKey, Written};
use crate::tui::ops::{PendingWrite, WriteOp};

/// The workspace `e` and `A` act on: selected in the list, or shown.
fn target(app: &App) -> Option<Workspace> {
    match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        Screen::WorkspaceDetail => app.session.current.clone(),
        _ => None,
    }
}

fn at(id: &str) -> At {
    At {
        workspace_id: id.to_string(),
        account_id: String::new(),
    }
}

pub(super) fn new_box(app: &mut App) {
    app.boxes.set_workspace_box(Some(WorkspaceBox::new()));
}

pub(super) fn edit_box(app: &mut App) {
    match target(app) {
        Some(w) if w.archived => app.set_status(StatusKind::Info, "Archived: it cannot change"),
        Some(w) => app.boxes.set_workspace_box(Some(WorkspaceBox::rename(&w))),
        None => {}
    }
}

/// `A`: archive, once its name is typed (Cancel focused).
pub(super) fn archive(app: &mut App) -> Vec<Cmd> {
    let Some(w) = target(app) else {
        return Vec::new();
    };
    if w.archived {
        app.set_status(StatusKind::Info, "Already archived");
        return Vec::new();
    }
    let label = format!("{} ({})", w.name, w.id);
    super::pending_writes::ask_at(app, at(&w.id), WriteOp::ArchiveWorkspace(w.id), label)
}

pub(super) fn on_box(app: &mut App, key: WorkspaceBoxKey) -> Vec<Cmd> {
    let Some(b) = app.boxes.workspace_box_mut() else {
        return Vec::new();
    };
    match key {
        WorkspaceBoxKey::Edit(r) => {
            if let Some(input) = b.input_mut() {
                input.handle(r);
            }
            b.problem = None;
        }
        WorkspaceBoxKey::Focus(forward) => b.step(forward),
        WorkspaceBoxKey::Mode(forward) => {
            if b.editing.is_none() {
                b.mode = (b.mode + if forward { 1 } else { MODES.len() - 1 }) % MODES.len();
            }
        }
        WorkspaceBoxKey::Submit => return submit(app),
    }
    Vec::new()
}

/// Enter: the fields checked by the rules, then asked and sent.
fn submit(app: &mut App) -> Vec<Cmd> {
    let Some(b) = app.boxes.workspace_box().cloned() else {
        return Vec::new();
    };
    let (name, description) = (b.name.value(), b.description.value());
    let checked = match &b.editing {
        None => rules_ws::new_workspace(&serde_json::json!({
            "name": name, "billing_mode": MODES[b.mode], "description": description,
        }))
        .map(|new| (String::new(), WriteOp::CreateWorkspace(new))),
        Some(w) => {
            let desc = Some(description).filter(|d| !d.trim().is_empty());
            rules_ws::workspace_patch(&serde_json::json!({ "name": name, "description": desc }))
                .map(|patch| {
                    (
                        w.id.clone(),
                        WriteOp::UpdateWorkspace {
                            id: w.id.clone(),
                            patch,
                        },
                    )
                })
        }
    };
    match checked {
        Ok((id, op)) => {
            app.boxes.set_workspace_box(None);
            let label = name.trim().to_string();
            super::pending_writes::ask_at(app, at(&id), op, label)
        }
        Err(problems) => {
            if let Some(b) = app.boxes.workspace_box_mut() {
                b.problem = Some(crate::rules::body::describe(&problems));
            }
            Vec::new()
        }
    }
}

/// A done workspace write, on the list.
pub(super) fn apply(app: &mut App, w: &PendingWrite, written: Written) {
    let list = &mut app.session.workspaces.items;
    let (said, now) = match written {
        Written::Workspace(ws) => {
            let verb = match w.op {
                WriteOp::CreateWorkspace(_) => "Created",
                _ => "Saved",
            };
            let said = format!("{verb} workspace {} ({})", ws.name, ws.id);
            match list.iter_mut().find(|x| x.id == ws.id) {
                Some(slot) => *slot = (*ws).clone(),
                None => list.push((*ws).clone()),
            }
            (said, *ws)
        }
        Written::Archived => {
            let Some(ws) = list.iter_mut().find(|x| x.id == w.op.target()) else {
                return;
            };
            ws.archived = true;
            (format!("Archived {}", w.label), ws.clone())
        }
        _ => return,
    };
    // Every pane that shows the workspace shows the server's answer.
    if let Some(current) = app.session.current.as_mut().filter(|c| c.id == now.id) {
        *current = now.clone();
    }
    let created = matches!(w.op, WriteOp::CreateWorkspace(_));
    super::find::heard_workspace(app, &now, created);
    app.session.workspaces.lowered.clear();
    refilter(app);
    app.set_status(StatusKind::Success, inert(&said).into_owned());
}
