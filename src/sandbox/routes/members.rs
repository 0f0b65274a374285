//! Members: list; add (owners and admins; at most 100; an admin adds no
//! owner); change a role (the hierarchy: an admin neither makes nor
//! changes an owner; the last owner stays one); remove (yourself, or
//! anyone as owner/admin; never the last owner).

use super::workspaces::{forbidden, require};
use super::*;
use crate::api::model::{Member, Role};
use crate::rules::workspace::{
    self as ws_rules, MEMBERS_MAX, MemberChange, member_refusal, role_change_refusal,
};
use crate::sandbox::store::CALLER;
use axum::routing::{get, patch};

pub(super) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(
            "/workspaces/{workspace}/members",
            get(list_members).post(add),
        )
        .route(
            "/workspaces/{workspace}/members/{member}",
            patch(change_role).delete(remove),
        )
}

type WsPath = Result<Path<String>, PathRejection>;
type MemberPath = Result<Path<(String, String)>, PathRejection>;

async fn list_members(Extract(state): Shared, path: WsPath) -> Reply {
    let ws = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let store = state.store.lock().expect("not poisoned");
    Ok(super::list(store.members(&ws), state.list_limit))
}

fn not_found_member() -> Response {
    not_found("Member not found.")
}

async fn add(Extract(state): Shared, path: WsPath, headers: HeaderMap, body: Bytes) -> Reply {
    let ws = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let actor = require(&state, &ws, &[Role::Owner, Role::Admin])?;
    let new = ws_rules::new_member(&json_body(&body)?).map_err(refused)?;
    if member_refusal(actor, MemberChange::Add(new.role)).is_some() {
        return Err(forbidden());
    }
    let fingerprint = serde_json::to_string(&new).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        let mut store = state.store.lock().expect("not poisoned");
        let list = store.members.entry(ws.clone()).or_default();
        if list.iter().any(|m| m.user_id == new.user_id) {
            let e = refusal_json(vec![crate::rules::Problem {
                key: "user_id".into(),
                message: "The user is already a member of this workspace.".into(),
            }]);
            return (StatusCode::UNPROCESSABLE_ENTITY, e.to_string().into_bytes());
        }
        if list.len() >= MEMBERS_MAX {
            let e = json!({
                "type": "conflict_error",
                "code": "member_limit_reached",
                "message": format!("A workspace cannot have more than {MEMBERS_MAX} members."),
                "doc_url": format!("{DOC_URL}/member_limit_reached"),
            });
            return (StatusCode::CONFLICT, e.to_string().into_bytes());
        }
        let at = now();
        let member = Member {
            user_id: new.user_id.clone(),
            workspace_id: ws.clone(),
            role: new.role.key().into(),
            created_at: at.clone(),
            updated_at: at,
        };
        list.push(member.clone());
        match persist(&state, &store) {
            Ok(()) => (
                StatusCode::CREATED,
                serde_json::to_vec(&member).expect("serialises"),
            ),
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string().into_bytes(),
            ),
        }
    })?;
    Ok(idempotency::reply(status, body))
}

/// How many owners `list` has.
fn owners(list: &[Member]) -> usize {
    list.iter()
        .filter(|m| m.role() == Some(Role::Owner))
        .count()
}

fn last_owner(message: &str) -> Response {
    stripe_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable_entity",
        "cannot_remove_last_owner",
        message.into(),
    )
}

/// The member a member path names: the store locked, the caller's role
/// in the workspace, and where the member is in its list (or 404).
fn member_at<'a>(
    state: &'a State,
    ws: &str,
    user: &str,
) -> Result<
    (
        std::sync::MutexGuard<'a, crate::sandbox::Store>,
        Option<Role>,
        usize,
    ),
    Response,
> {
    workspace_or_404(state, ws)?;
    let store = state.store.lock().expect("not poisoned");
    let actor = store.caller_role(ws);
    let pos = store
        .members(ws)
        .iter()
        .position(|m| m.user_id == user)
        .ok_or_else(not_found_member)?;
    Ok((store, actor, pos))
}

async fn change_role(Extract(state): Shared, path: MemberPath, body: Bytes) -> Reply {
    let (ws, user) = path_or_404(path)?;
    let (mut store, actor, pos) = member_at(&state, &ws, &user)?;
    let list = store.members.entry(ws.clone()).or_default();
    let to = ws_rules::member_role(&json_body(&body)?)
        .map_err(refused)?
        .role;
    let from = list[pos].role();
    let Some(actor) = actor else {
        return Err(forbidden());
    };
    if let Some(why) = role_change_refusal(actor, from, to) {
        return Err(json_reply(StatusCode::FORBIDDEN, json!({ "message": why })));
    }
    if from == Some(Role::Owner) && to != Role::Owner && owners(list) == 1 {
        return Err(last_owner(
            "You cannot change the role of the last owner of the workspace. Please transfer ownership first.",
        ));
    }
    list[pos].role = to.key().into();
    list[pos].updated_at = now();
    let member = list[pos].clone();
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, member))
}

async fn remove(Extract(state): Shared, path: MemberPath) -> Reply {
    let (ws, user) = path_or_404(path)?;
    let (mut store, actor, pos) = member_at(&state, &ws, &user)?;
    let list = store.members.entry(ws.clone()).or_default();
    let target = list[pos].role();
    let change = MemberChange::Remove {
        role: target,
        own: user == CALLER,
    };
    let allowed = match actor {
        Some(actor) => member_refusal(actor, change).is_none(),
        None => user == CALLER,
    };
    if !allowed {
        return Err(forbidden());
    }
    if target == Some(Role::Owner) && owners(list) == 1 {
        return Err(last_owner(
            "You cannot remove the last owner of the workspace. Please transfer ownership first.",
        ));
    }
    list.remove(pos);
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}
