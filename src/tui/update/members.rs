//! A workspace's members (`M`): opening the list and its answer.

use super::*;
use crate::api::model::Role;
use crate::rules::workspace::{MemberChange, member_refusal};

/// `M` (or `:members`): the members of the workspace open, or selected.
pub(super) fn show(app: &mut App) -> Vec<Cmd> {
    let Some(id) = open_workspace_screen(app, Screen::Members) else {
        return Vec::new();
    };
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
    let l = app
        .session
        .members
        .entry(workspace_id.to_string())
        .or_default();
    match l.answer(req, result, height) {
        None => return,
        Some(Err(e)) => {
            unauthorised(app, &e);
        }
        Some(Ok(())) => {}
    }
    // The lookup of a member write whose answer was lost, if it was one.
    super::pending_writes::looked_up(app, req);
}

/// A done member write, on the list.
pub(super) fn apply(
    app: &mut App,
    w: &crate::tui::ops::PendingWrite,
    written: crate::tui::msg::Written,
) {
    use crate::tui::msg::Written;
    let height = crate::tui::layout::rows(app);
    let l = app
        .session
        .members
        .entry(w.at.workspace_id.clone())
        .or_default();
    let said = match written {
        Written::Member(m) => {
            let said = format!("{} is now {}", m.user_id, m.role);
            match l.items.iter_mut().find(|x| x.user_id == m.user_id) {
                Some(slot) => *slot = *m,
                None => l.items.push(*m),
            }
            said
        }
        Written::Removed => {
            l.items.retain(|m| m.user_id != w.op.target());
            format!("Removed {}", w.op.target())
        }
        _ => return,
    };
    l.sel.set_visible((0..l.items.len()).collect(), height);
    app.set_status(StatusKind::Success, inert(&said).into_owned());
}

/// Where a member write goes: the open workspace.
fn at(app: &App) -> Option<crate::tui::msg::At> {
    Some(crate::tui::msg::At {
        workspace_id: app.session.current.as_ref()?.id.clone(),
        account_id: String::new(),
    })
}

/// A member write as the role hierarchy sees it (the target's role as the
/// open list shows it).
pub(super) fn change_of(app: &App, op: &crate::tui::ops::WriteOp) -> Option<MemberChange> {
    use crate::tui::ops::WriteOp;
    let role_of = |user: &str| {
        let ws = app.session.current.as_ref()?;
        let list = app.session.members.get(&ws.id)?;
        let m = list.items.iter().find(|m| m.user_id == user)?;
        Role::from_key(&m.role)
    };
    Some(match op {
        WriteOp::AddMember(new) => MemberChange::Add(new.role),
        WriteOp::SetRole { user_id, role } => MemberChange::SetRole {
            from: role_of(user_id),
            to: *role,
        },
        WriteOp::RemoveMember(user) => MemberChange::Remove {
            role: role_of(user),
            own: app.ctx.me.as_deref() == Some(user.as_str()),
        },
        _ => return None,
    })
}

/// Why the caller may not make `op`, when the open members list says who
/// the caller is: refused here, before anything is sent.
fn refusal(app: &App, op: &crate::tui::ops::WriteOp) -> Option<String> {
    let me = app.ctx.me.as_deref()?;
    let ws = app.session.current.as_ref()?;
    let mine = app
        .session
        .members
        .get(&ws.id)?
        .items
        .iter()
        .find(|m| m.user_id == me)?;
    let actor = Role::from_key(&mine.role)?;
    let why = member_refusal(actor, change_of(app, op)?)?;
    // "You are an admin …": the rule, said to the caller.
    let mut chars = why.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    Some(format!(
        "{}{}: nothing was sent",
        first.unwrap_or_default(),
        chars.as_str()
    ))
}

fn selected(app: &App) -> Option<crate::api::model::Member> {
    (crate::tui::resources::members::MEMBERS.shown)(app).cloned()
}

/// `a`, `R`, `d` and the member box's keys.
pub(super) fn on_member(app: &mut App, msg: crate::tui::msg::MemberMsg) -> Vec<Cmd> {
    use crate::tui::boxes::member::MemberEdit;
    use crate::tui::msg::MemberMsg;
    match msg {
        MemberMsg::Add => app.boxes.set_member_edit(Some(MemberEdit::add())),
        MemberMsg::ChangeRole => {
            if let Some(m) = selected(app) {
                app.boxes.set_member_edit(Some(MemberEdit::role(&m)));
            }
        }
        MemberMsg::Remove => {
            let (Some(m), Some(at)) = (selected(app), at(app)) else {
                return Vec::new();
            };
            let label = format!("{} ({})", m.user_id, m.role);
            let op = crate::tui::ops::WriteOp::RemoveMember(m.user_id);
            if let Some(why) = refusal(app, &op) {
                app.set_status(StatusKind::Error, why);
                return Vec::new();
            }
            return super::pending_writes::ask_at(app, at, op, label);
        }
        MemberMsg::Edit(r) => {
            if let Some(e) = app.boxes.member_edit_mut() {
                e.user.handle(r);
                e.problem = None;
            }
        }
        MemberMsg::Focus => {
            if let Some(e) = app.boxes.member_edit_mut().filter(|e| e.adding) {
                e.focus = 1 - e.focus;
            }
        }
        MemberMsg::CycleRole(forward) => {
            if let Some(e) = app.boxes.member_edit_mut() {
                e.cycle(forward);
            }
        }
        MemberMsg::Submit => return submit(app),
    }
    Vec::new()
}

/// Enter in the member box: checked by the rules, then asked and sent.
fn submit(app: &mut App) -> Vec<Cmd> {
    use crate::rules::workspace as rules_ws;
    use crate::tui::ops::WriteOp;
    let (Some(e), Some(at)) = (app.boxes.member_edit().cloned(), at(app)) else {
        return Vec::new();
    };
    let user = e.user.value().to_string();
    let checked = match e.adding {
        true => rules_ws::new_member(&serde_json::json!({ "user_id": user, "role": e.role.key() }))
            .map(WriteOp::AddMember),
        false => rules_ws::member_role(&serde_json::json!({ "role": e.role.key() })).map(|r| {
            WriteOp::SetRole {
                user_id: user.clone(),
                role: r.role,
            }
        }),
    };
    match checked {
        Ok(op) if refusal(app, &op).is_some() => {
            // The box stays with what was typed, and says why.
            let why = refusal(app, &op);
            if let Some(e) = app.boxes.member_edit_mut() {
                e.problem = why;
            }
            Vec::new()
        }
        Ok(op) => {
            app.boxes.set_member_edit(None);
            let label = format!("{} as {}", user.trim(), e.role);
            super::pending_writes::ask_at(app, at, op, label)
        }
        Err(problems) => {
            if let Some(e) = app.boxes.member_edit_mut() {
                e.problem = Some(crate::rules::body::describe(&problems));
            }
            Vec::new()
        }
    }
}
