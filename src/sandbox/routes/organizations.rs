//! Organizations: list, get, create (top level: the billing account the
//! workspace's mode asks for; at most 1,000), create a child (at most 10
//! levels, 100 children), update, delete (refused while the subtree has
//! usage; the subtree goes with it), parent, limits, and the usage PDF.

use super::*;
use crate::api::model::{BillingMode, NewOrganization, OrgUsage, Organization};
use crate::rules::organization::{self as org_rules, ORGANIZATIONS_MAX, Place};
use crate::sandbox::orgs;
use axum::routing::{get, post};

pub(super) fn routes() -> Router<Arc<State>> {
    let org = "/workspaces/{workspace}/organizations";
    Router::new()
        .route(org, get(list_orgs).post(create_root))
        .route(&format!("{org}/usage.pdf"), get(usage_pdf))
        .route(
            &format!("{org}/{{organization}}"),
            get(get_org).patch(update).delete(delete),
        )
        .route(
            &format!("{org}/{{organization}}/children"),
            post(create_child),
        )
        .route(&format!("{org}/{{organization}}/parent"), get(parent))
        .route(&format!("{org}/{{organization}}/limits"), get(limits))
}

type WsPath = Result<Path<String>, PathRejection>;
type OrgPath = Result<Path<(String, String)>, PathRejection>;

fn no_org() -> Response {
    not_found("Organization not found.")
}

/// The organization of an organization path (its workspace first), or 404.
fn org_or_404(state: &State, ws: &str, id: &str) -> Result<Organization, Response> {
    workspace_or_404(state, ws)?;
    let store = state.store.lock().expect("not poisoned");
    orgs::one(&store, ws, id).ok_or_else(no_org)
}

async fn list_orgs(Extract(state): Shared, path: WsPath) -> Reply {
    let ws = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let store = state.store.lock().expect("not poisoned");
    let all = orgs::served(&store, &ws);
    // The workspace's cap is 1,000: the whole tree is always listed.
    Ok(super::list(&all, state.list_limit.max(ORGANIZATIONS_MAX)))
}

async fn get_org(Extract(state): Shared, path: OrgPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    Ok(json_reply(StatusCode::OK, org_or_404(&state, &ws, &id)?))
}

async fn parent(Extract(state): Shared, path: OrgPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    // The tree is served once: the organization and its parent from it.
    let all = orgs::served(&state.store.lock().expect("not poisoned"), &ws);
    let org = all.iter().find(|o| o.id == id).ok_or_else(no_org)?;
    let Some(parent) = &org.parent_org_id else {
        return Err(not_found(
            "The organization is at the top level: it has no parent.",
        ));
    };
    let found = all.iter().find(|o| o.id == *parent).ok_or_else(no_org)?;
    Ok(json_reply(StatusCode::OK, found))
}

async fn limits(Extract(state): Shared, path: OrgPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let store = state.store.lock().expect("not poisoned");
    let l = orgs::limits(&store, &ws, &id).ok_or_else(no_org)?;
    Ok(json_reply(StatusCode::OK, l))
}

async fn usage_pdf(Extract(state): Shared, path: WsPath) -> Reply {
    let ws = path_or_404(path)?;
    let w = workspace_or_404(&state, &ws)?;
    let all = {
        let store = state.store.lock().expect("not poisoned");
        orgs::served(&store, &ws)
    };
    let at = now();
    let pdf = crate::sandbox::usage_pdf::report(&w.name, at.get(..10).unwrap_or(&at), &all);
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"usage.pdf\"".to_string(),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// The workspace's billing mode (single when it names none).
fn mode(state: &State, ws: &str) -> BillingMode {
    let store = state.store.lock().expect("not poisoned");
    store
        .workspace(ws)
        .and_then(|w| w.workspace.billing_mode.clone())
        .unwrap_or(BillingMode::from("single".to_string()))
}

/// A billing account that is not the workspace's is refused as the
/// framework's `exists` rule refuses it.
fn account_exists(state: &State, ws: &str, account: Option<&str>) -> Result<(), Response> {
    let store = state.store.lock().expect("not poisoned");
    match account {
        Some(a) if store.account(ws, a).is_none() => Err(refused(vec![crate::rules::Problem {
            key: "billing_account_id".into(),
            message: "The selected billing account id is invalid.".into(),
        }])),
        _ => Ok(()),
    }
}

fn hierarchy(code: &str, message: &str) -> (StatusCode, Vec<u8>) {
    let body = json!({
        "type": "conflict_error",
        "code": code,
        "message": message,
        "doc_url": format!("{DOC_URL}/{code}"),
    });
    (StatusCode::CONFLICT, body.to_string().into_bytes())
}

async fn create_root(
    Extract(state): Shared,
    path: WsPath,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let ws = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let place = Place::Root(mode(&state, &ws));
    let new = org_rules::new_organization(&json_body(&body)?, &place).map_err(refused)?;
    account_exists(&state, &ws, new.billing_account_id.as_deref())?;
    insert(&state, &ws, None, new, &headers)
}

async fn create_child(
    Extract(state): Shared,
    path: OrgPath,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (ws, parent) = path_or_404(path)?;
    org_or_404(&state, &ws, &parent)?;
    let new = org_rules::new_organization(&json_body(&body)?, &Place::Child).map_err(refused)?;
    insert(&state, &ws, Some(parent), new, &headers)
}

/// Creates the organization once per Idempotency-Key, within the caps.
fn insert(
    state: &State,
    ws: &str,
    parent: Option<String>,
    new: NewOrganization,
    headers: &HeaderMap,
) -> Reply {
    let fingerprint = format!(
        "{parent:?}{}",
        serde_json::to_string(&new).expect("serialises")
    );
    let (status, body) = idempotency::once(state, headers, fingerprint, || {
        let mut store = state.store.lock().expect("not poisoned");
        let list = store.orgs(ws);
        let up = parent
            .as_deref()
            .and_then(|p| list.iter().find(|o| o.id == p));
        let siblings = list.iter().filter(|o| o.parent_org_id == parent).count();
        if let Some((code, message)) =
            org_rules::hierarchy_refusal(up.map(|p| p.depth), siblings, list.len())
        {
            return hierarchy(code, message);
        }
        let at = now();
        let id = random_id(&mut state.rng.lock().expect("not poisoned"), "org_", 16);
        let external = uuid_like(&mut state.rng.lock().expect("not poisoned"));
        let org = Organization {
            id,
            name: new.name.clone(),
            workspace_id: ws.to_string(),
            external_id: external,
            parent_org_id: parent.clone(),
            path: up.map(|p| match p.path.as_deref() {
                Some(path) if !path.is_empty() => format!("{path}#{}", p.id),
                _ => p.id.clone(),
            }),
            depth: up.map_or(0, |p| p.depth + 1),
            billing_account_id: new.billing_account_id.clone(),
            picture: new.picture.clone(),
            usage: Some(OrgUsage::default()),
            limits: new.limits.clone().unwrap_or_default(),
            branding: new.branding.clone(),
            created_at: Some(at.clone()),
            updated_at: Some(at),
        };
        store
            .orgs
            .entry(ws.to_string())
            .or_default()
            .push(org.clone());
        match persist(state, &store) {
            Ok(()) => (
                StatusCode::CREATED,
                serde_json::to_vec(&org).expect("serialises"),
            ),
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string().into_bytes(),
            ),
        }
    })?;
    Ok(idempotency::reply(status, body))
}

fn uuid_like(rng: &mut fastrand::Rng) -> String {
    let n = rng.u128(..);
    let h = format!("{n:032x}");
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

async fn update(Extract(state): Shared, path: OrgPath, body: Bytes) -> Reply {
    let (ws, id) = path_or_404(path)?;
    let org = org_or_404(&state, &ws, &id)?;
    let place = match org.parent_org_id {
        None => Place::Root(mode(&state, &ws)),
        Some(_) => Place::Child,
    };
    let patch = org_rules::organization_patch(&json_body(&body)?, &place).map_err(refused)?;
    if let Some(Some(a)) = &patch.billing_account_id {
        account_exists(&state, &ws, Some(a))?;
    }
    let mut store = state.store.lock().expect("not poisoned");
    let list = store.orgs.entry(ws.clone()).or_default();
    let o = list.iter_mut().find(|o| o.id == id).ok_or_else(no_org)?;
    if let Some(name) = patch.name {
        o.name = name;
    }
    if let Some(a) = patch.billing_account_id {
        o.billing_account_id = a;
    }
    for (product, limit) in patch.limits.unwrap_or_default() {
        match limit {
            Some(n) => o.limits.insert(product, Some(n)),
            None => o.limits.remove(&product),
        };
    }
    if let Some(p) = patch.picture {
        o.picture = p;
    }
    if let Some(b) = patch.branding {
        o.branding = Some(b);
    }
    o.updated_at = Some(now());
    save(&state, &store)?;
    Ok(json_reply(
        StatusCode::OK,
        orgs::one(&store, &ws, &id).ok_or_else(no_org)?,
    ))
}

async fn delete(Extract(state): Shared, path: OrgPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    let org = org_or_404(&state, &ws, &id)?;
    if org
        .usage
        .as_ref()
        .is_some_and(|u| u.subtree_usage.values().any(|v| *v > 0))
    {
        return Err(stripe_error(
            StatusCode::CONFLICT,
            "conflict_error",
            "organization_has_usage",
            format!(
                "Cannot delete organization '{}' because it or its descendants have active resource usage.",
                org.name
            ),
        ));
    }
    let mut store = state.store.lock().expect("not poisoned");
    let gone = orgs::subtree_ids(&store, &ws, &id);
    store
        .orgs
        .entry(ws.clone())
        .or_default()
        .retain(|o| !gone.contains(&o.id));
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}
