//! Workspaces: list, get, create (the caller becomes the owner; replayed by
//! Idempotency-Key), rename or describe (owners and admins), archive
//! (owners; refused while a billing account has live subscriptions).

use super::*;
use crate::api::model::{Member, Role};
use crate::rules::workspace as ws_rules;
use crate::sandbox::store::{CALLER, WorkspaceRecord};
use axum::routing::get;

pub(super) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/workspaces", get(list_workspaces).post(create))
        .route(
            "/workspaces/{workspace}",
            get(get_workspace).patch(update).delete(archive),
        )
}

async fn list_workspaces(Extract(state): Shared) -> Response {
    if state.faults.contains(&Fault::ListMalformed) {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"data":[{"id":"ws_trunc","name":"Trunc"#,
        )
            .into_response();
    }
    if state.faults.contains(&Fault::List429Once)
        && !state
            .list_429_done
            .swap(true, std::sync::atomic::Ordering::SeqCst)
    {
        return too_many(1);
    }
    let store = state.store.lock().expect("not poisoned");
    let all: Vec<Workspace> = store
        .workspaces
        .iter()
        .map(|w| w.workspace.clone())
        .collect();
    list(&all, state.list_limit)
}

async fn get_workspace(Extract(state): Shared, path: Result<Path<String>, PathRejection>) -> Reply {
    let id = path_or_404(path)?;
    Ok(json_reply(StatusCode::OK, workspace_or_404(&state, &id)?))
}

/// 403 unless the caller has one of `roles` in `ws`.
pub(super) fn require(state: &State, ws: &str, allowed: &[Role]) -> Result<Role, Response> {
    let store = state.store.lock().expect("not poisoned");
    match store.caller_role(ws) {
        Some(r) if allowed.contains(&r) => Ok(r),
        _ => Err(forbidden()),
    }
}

pub(super) fn forbidden() -> Response {
    json_reply(
        StatusCode::FORBIDDEN,
        json!({ "message": "This action is unauthorized." }),
    )
}

async fn create(Extract(state): Shared, headers: HeaderMap, body: Bytes) -> Reply {
    let new = ws_rules::new_workspace(&json_body(&body)?).map_err(refused)?;
    let fingerprint = serde_json::to_string(&new).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        let mut store = state.store.lock().expect("not poisoned");
        let at = now();
        let id = random_id(&mut state.rng.lock().expect("not poisoned"), "ws_", 16).to_lowercase();
        let pooled = new.billing_mode == crate::api::model::BillingMode::Pooled;
        let workspace = Workspace {
            id: id.clone(),
            name: new.name.clone(),
            description: new.description.clone(),
            billing_mode: Some(new.billing_mode.clone()),
            pooled_seat_limit: pooled.then_some(0),
            archived: false,
            created_at: Some(at.clone()),
            updated_at: Some(at.clone()),
            archived_at: None,
        };
        store.workspaces.push(WorkspaceRecord {
            workspace: workspace.clone(),
            default_currency: crate::api::model::Currency::Usd,
        });
        let owner = Member {
            user_id: CALLER.into(),
            workspace_id: id.clone(),
            role: "owner".into(),
            created_at: at.clone(),
            updated_at: at,
        };
        store.members.insert(id, vec![owner]);
        match persist(&state, &store) {
            Ok(()) => (
                StatusCode::CREATED,
                serde_json::to_vec(&workspace).expect("serialises"),
            ),
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string().into_bytes(),
            ),
        }
    })?;
    Ok(idempotency::reply(status, body))
}

async fn update(
    Extract(state): Shared,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Reply {
    let id = path_or_404(path)?;
    workspace_or_404(&state, &id)?;
    require(&state, &id, &[Role::Owner, Role::Admin])?;
    let patch = ws_rules::workspace_patch(&json_body(&body)?).map_err(refused)?;
    let mut store = state.store.lock().expect("not poisoned");
    let w = &mut store
        .workspaces
        .iter_mut()
        .find(|w| w.workspace.id == id)
        .ok_or_else(|| not_found("Workspace not found."))?
        .workspace;
    if w.archived {
        return Err(refused(vec![crate::rules::Problem {
            key: "workspace".into(),
            message: "An archived workspace cannot be changed.".into(),
        }]));
    }
    if let Some(name) = patch.name {
        w.name = name;
    }
    if let Some(description) = patch.description {
        w.description = description;
    }
    w.updated_at = Some(now());
    let w = w.clone();
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, w))
}

async fn archive(Extract(state): Shared, path: Result<Path<String>, PathRejection>) -> Reply {
    let id = path_or_404(path)?;
    workspace_or_404(&state, &id)?;
    require(&state, &id, &[Role::Owner])?;
    let mut store = state.store.lock().expect("not poisoned");
    if let Some(message) = not_empty(&store, &id) {
        return Err(stripe_error(
            StatusCode::CONFLICT,
            "conflict_error",
            "workspace_not_empty",
            message,
        ));
    }
    if let Some(w) = store.workspaces.iter_mut().find(|w| w.workspace.id == id) {
        let at = now();
        w.workspace.archived_at.get_or_insert(at.clone());
        w.workspace.archived = true;
        w.workspace.updated_at = Some(at);
    }
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}

/// Why `ws` cannot be archived: an account with live subscriptions, named
/// with them, in the reference's words; or an organization with usage.
fn not_empty(store: &crate::sandbox::Store, ws: &str) -> Option<String> {
    let subscribed = store.accounts(ws).iter().find_map(|r| {
        let subs: Vec<&str> = store
            .billing
            .get(&r.account.id)?
            .subscriptions
            .iter()
            .filter(|s| s.is_live())
            .map(|s| s.id.as_str())
            .collect();
        (!subs.is_empty()).then(|| {
            format!(
                "Cannot archive workspace because billing account '{}' has active subscriptions: {}. Please cancel or transfer these subscriptions before archiving.",
                r.account.name,
                subs.join(", ")
            )
        })
    });
    subscribed.or_else(|| {
        let o = store
            .orgs(ws)
            .iter()
            .find(|o| o.usage.as_ref().is_some_and(|u| u.usage.values().any(|v| *v > 0)))?;
        Some(format!(
            "Cannot archive workspace because organization '{}' has active resource usage. Please remove the usage before archiving.",
            o.name
        ))
    })
}
