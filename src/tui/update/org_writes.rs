//! Organization writes from the tree: `n` a new top-level one, `c` a child
//! of the selected one, `e` a change to it, `d` deleting it (Cancel
//! focused). Each goes through the organization box and the rules, then
//! the shared write machine (asked, sent once, a lost answer looked up by
//! loading the tree again).

use super::*;
use crate::api::model::{BillingMode, Organization, ProductType};
use crate::rules::organization::{self as org_rules, Place};
use crate::tui::boxes::org::{OrgBox, OrgBoxKind};
use crate::tui::msg::{At, OrgBoxKey, Written};
use crate::tui::ops::{PendingWrite, WriteOp};
use serde_json::{Map, Value, json};

fn at(app: &App) -> Option<At> {
    Some(At {
        workspace_id: app.session.current.as_ref()?.id.clone(),
        account_id: String::new(),
    })
}

fn selected(app: &App) -> Option<Organization> {
    super::orgs::tree(app)?.selected().cloned()
}

fn root_place(app: &App) -> Place {
    let mode = app
        .session
        .current
        .as_ref()
        .and_then(|w| w.billing_mode.clone());
    Place::Root(mode.unwrap_or(BillingMode::from("single".to_string())))
}

/// Opens the box; a root in single or assigned mode needs the workspace's
/// accounts to choose from, so they are asked for if not held.
fn open_box(app: &mut App, b: OrgBox) -> Vec<Cmd> {
    let needs = b.asks_account();
    app.boxes.set_org_box(Some(b));
    let Some(ws) = app.session.current.as_ref().map(|w| w.id.clone()) else {
        return Vec::new();
    };
    let held = app
        .session
        .accounts
        .get(&ws)
        .is_some_and(|v| v.load != Load::Idle);
    if needs && !held {
        load_accounts(app, &ws)
    } else {
        Vec::new()
    }
}

pub(super) fn new_root(app: &mut App) -> Vec<Cmd> {
    let place = root_place(app);
    open_box(app, OrgBox::new(OrgBoxKind::Root, place))
}

pub(super) fn new_child(app: &mut App) -> Vec<Cmd> {
    let Some(p) = selected(app) else {
        return Vec::new();
    };
    if p.depth >= org_rules::DEPTH_MAX - 1 {
        app.set_status(
            StatusKind::Info,
            "At depth 9: the tree is 10 levels deep at most",
        );
        return Vec::new();
    }
    open_box(
        app,
        OrgBox::new(OrgBoxKind::Child(p.id, p.name), Place::Child),
    )
}

pub(super) fn edit(app: &mut App) -> Vec<Cmd> {
    let Some(o) = selected(app) else {
        return Vec::new();
    };
    let place = match o.parent_org_id {
        None => root_place(app),
        Some(_) => Place::Child,
    };
    open_box(app, OrgBox::new(OrgBoxKind::Edit(Box::new(o)), place))
}

/// `d`: asks with Cancel focused, saying what goes with it.
pub(super) fn delete(app: &mut App) -> Vec<Cmd> {
    let (Some(o), Some(at)) = (selected(app), at(app)) else {
        return Vec::new();
    };
    let below = super::orgs::tree(app)
        .and_then(|t| Some(t.tree.descendants(t.current()?)))
        .unwrap_or(0);
    let label = match below {
        0 => format!("{} ({})", o.name, o.id),
        1 => format!("{} ({}) and the organization below it", o.name, o.id),
        n => format!("{} ({}) and the {n} organizations below it", o.name, o.id),
    };
    super::pending_writes::ask_at(app, at, WriteOp::DeleteOrg(o.id), label)
}

pub(super) fn on_box(app: &mut App, key: OrgBoxKey) -> Vec<Cmd> {
    let accounts = app
        .session
        .current
        .as_ref()
        .and_then(|w| app.session.accounts.get(&w.id))
        .map(|v| v.items.clone())
        .unwrap_or_default();
    let Some(b) = app.boxes.org_box_mut() else {
        return Vec::new();
    };
    match key {
        OrgBoxKey::Edit(r) => {
            if let Some(input) = b.input_mut() {
                input.handle(r);
            }
            b.problem = None;
        }
        OrgBoxKey::Focus(forward) => b.step(forward),
        OrgBoxKey::Turn(forward) => b.turn(&accounts, forward),
        OrgBoxKey::Submit => return submit(app),
    }
    Vec::new()
}

/// The body the box describes, as the server would read it: only what
/// changed when editing.
fn body(b: &OrgBox) -> Value {
    let mut map = Map::new();
    let old = match &b.kind {
        OrgBoxKind::Edit(o) => Some(o.as_ref()),
        _ => None,
    };
    if old.is_none_or(|o| o.name != b.name.value().trim()) {
        map.insert("name".into(), json!(b.name.value()));
    }
    if b.asks_account() && old.is_none_or(|o| o.billing_account_id != b.account) {
        map.insert("billing_account_id".into(), json!(b.account));
    }
    let mut limits = Map::new();
    for (p, input) in ProductType::ALL.iter().zip(&b.limits) {
        let typed = org_rules::limit_text(p.key(), input.value());
        let value = match &typed {
            Ok(v) => json!(v),
            Err(_) => json!(input.value()),
        };
        let same = old.is_some_and(|o| typed.as_ref().is_ok_and(|v| *v == o.limit(p.key())));
        // A new organization sends only the limits it has.
        let empty = old.is_none() && value.is_null();
        if !same && !empty {
            limits.insert(p.key().into(), value);
        }
    }
    if !limits.is_empty() {
        map.insert("limits".into(), Value::Object(limits));
    }
    Value::Object(map)
}

/// Enter: the rules, then the confirm box.
fn submit(app: &mut App) -> Vec<Cmd> {
    let (Some(b), Some(at)) = (app.boxes.org_box().cloned(), at(app)) else {
        return Vec::new();
    };
    let body = body(&b);
    let checked = match &b.kind {
        OrgBoxKind::Root => org_rules::new_organization(&body, &b.place)
            .map(|body| WriteOp::CreateOrg { parent: None, body }),
        OrgBoxKind::Child(parent, _) => {
            org_rules::new_organization(&body, &b.place).map(|body| WriteOp::CreateOrg {
                parent: Some(parent.clone()),
                body,
            })
        }
        OrgBoxKind::Edit(o) => {
            if body.as_object().is_some_and(Map::is_empty) {
                app.boxes.set_org_box(None);
                app.set_status(StatusKind::Info, "Nothing changed: nothing sent");
                return Vec::new();
            }
            org_rules::organization_patch(&body, &b.place).map(|patch| WriteOp::UpdateOrg {
                id: o.id.clone(),
                patch,
            })
        }
    };
    match checked {
        Ok(op) => {
            app.boxes.set_org_box(None);
            let label = b.name.value().trim().to_string();
            super::pending_writes::ask_at(app, at, op, label)
        }
        Err(problems) => {
            if let Some(b) = app.boxes.org_box_mut() {
                b.problem = Some(crate::rules::body::describe(&problems));
            }
            Vec::new()
        }
    }
}

/// A done organization write, on the tree (built again, the cursor on
/// what was written).
pub(super) fn apply(app: &mut App, w: &PendingWrite, written: Written) {
    let height = crate::tui::layout::rows(app);
    let Some(t) = app.session.orgs.get_mut(&w.at.workspace_id) else {
        return;
    };
    let mut kept = t.kept();
    let said = match written {
        Written::Org(o) => {
            let verb = match w.op {
                WriteOp::CreateOrg { .. } => "Created",
                _ => "Saved",
            };
            let said = format!("{verb} organization {} ({})", o.name, o.id);
            // The cursor goes to it, its parent open so it is seen.
            kept.selected = Some(o.id.clone());
            kept.open.extend(o.parent_org_id.clone());
            match t.list.items.iter_mut().find(|x| x.id == o.id) {
                Some(slot) => *slot = *o,
                None => t.list.items.push(*o),
            }
            said
        }
        Written::OrgDeleted => {
            // The cursor goes to its parent, or to the row that follows.
            kept.selected = t
                .list
                .items
                .iter()
                .find(|o| o.id == w.op.target())
                .and_then(|o| o.parent_org_id.clone());
            let gone = t.subtree_ids(w.op.target());
            t.list.items.retain(|o| !gone.contains(&o.id));
            format!("Deleted {}", w.label)
        }
        _ => return,
    };
    t.take(&kept, height);
    app.set_status(StatusKind::Success, inert(&said).into_owned());
}
