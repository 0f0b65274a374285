//! The sandbox's HTTP surface: one handler per operation in the contract.
//!
//! Order of checks follows the real API's framework: authentication (401),
//! then the route's resources (404), then the body (422), then the state of
//! the workspace (409).

// Handlers return `Result<_, Response>` so `?` can answer early, the usual
// axum idiom; the size of `Response` in the error arm does not matter here.
#![allow(clippy::result_large_err)]

use super::seed::{random_id, timestamp};
use super::store::AccountRecord;
use super::{Fault, State, idempotency};
use crate::api::model::{Address, BillingAccount, List, NewBillingAccount, Workspace};
use crate::rules::{self, AccountInput, Field, FieldErrors};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

type Shared = Extract<Arc<State>>;
type Reply = Result<Response, Response>;

pub(super) const DOC_URL: &str = "https://docs.altostrat.io/errors";

pub(super) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(
            "/workspaces",
            get(list_workspaces).post(|| not_implemented("createWorkspace")),
        )
        .route(
            "/workspaces/{workspace}",
            get(get_workspace)
                .patch(|| not_implemented("updateWorkspace"))
                .delete(|| not_implemented("archiveWorkspace")),
        )
        .route(
            "/workspaces/{workspace}/billing-accounts",
            get(list_accounts).post(create_account),
        )
        .route(
            "/workspaces/{workspace}/billing-accounts/{account}",
            get(get_account)
                .patch(update_account)
                .delete(delete_account),
        )
        .fallback(|| async { not_found("No such route.") })
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .with_state(state)
}

/// A method the contract documents on a path the sandbox serves, but which
/// the sandbox does not implement yet: 501 says so (and the path's `Allow`
/// header then lists every documented method, as a 405 must).
async fn not_implemented(operation: &'static str) -> Response {
    json_reply(
        StatusCode::NOT_IMPLEMENTED,
        json!({ "message": format!("The sandbox does not implement {operation} yet.") }),
    )
}

fn json_reply(status: StatusCode, body: impl serde::Serialize) -> Response {
    (status, axum::Json(body)).into_response()
}

fn not_found(message: &str) -> Response {
    json_reply(StatusCode::NOT_FOUND, json!({ "message": message }))
}

fn unprocessable(message: String, errors: BTreeMap<String, Vec<String>>) -> Response {
    json_reply(
        StatusCode::UNPROCESSABLE_ENTITY,
        json!({ "message": message, "errors": errors }),
    )
}

/// 401 unless a usable `Bearer` token is sent; records every request.
async fn authenticate(Extract(state): Shared, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let allowed = match (token, &state.token) {
        (Some(t), Some(expected)) => t == expected,
        (Some(_), None) => true,
        (None, _) => false,
    };
    // Recorded on arrival, so a request the client gave up on still counts.
    let index = {
        let mut served = state.served.lock().expect("not poisoned");
        served.push(super::Served {
            method,
            path,
            status: 0,
        });
        served.len() - 1
    };
    let response = if state.faults.contains(&Fault::Redirect) {
        // A bidi override in the Location (header bytes may be UTF-8): the
        // client must show it inert.
        let mut r = StatusCode::FOUND.into_response();
        r.headers_mut().insert(
            header::LOCATION,
            header::HeaderValue::from_bytes("https://elsewhere.example/\u{202e}nigol".as_bytes())
                .expect("no control characters"),
        );
        r
    } else if allowed {
        for fault in &state.faults {
            if let Fault::Delay(d) = fault {
                tokio::time::sleep(*d).await;
            }
        }
        next.run(req).await
    } else {
        json_reply(
            StatusCode::UNAUTHORIZED,
            json!({ "message": "Unauthorized or invalid token provided." }),
        )
    };
    state.served.lock().expect("not poisoned")[index].status = response.status().as_u16();
    // Like many APIs, every answer names its request (the console's API
    // log shows it); the contract does not promise one.
    let mut response = response;
    if let Ok(id) = header::HeaderValue::from_str(&format!("req_sandbox_{:06}", index + 1)) {
        response.headers_mut().insert("x-request-id", id);
    }
    response
}

fn list<T: Clone + serde::Serialize>(items: &[T], limit: usize) -> Response {
    json_reply(
        StatusCode::OK,
        List {
            data: items.iter().take(limit).cloned().collect::<Vec<T>>(),
            has_more: items.len() > limit,
        },
    )
}

/// A path that cannot be decoded names nothing that exists.
fn path_or_404<T>(path: Result<Path<T>, PathRejection>) -> Result<T, Response> {
    path.map(|Path(p)| p)
        .map_err(|_| not_found("No such workspace or billing account."))
}

fn workspace_or_404(state: &State, id: &str) -> Result<Workspace, Response> {
    let store = state.store.lock().expect("not poisoned");
    store
        .workspace(id)
        .map(|w| w.workspace.clone())
        .ok_or_else(|| not_found("Workspace not found."))
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

async fn list_accounts(Extract(state): Shared, path: Result<Path<String>, PathRejection>) -> Reply {
    let id = path_or_404(path)?;
    workspace_or_404(&state, &id)?;
    let store = state.store.lock().expect("not poisoned");
    let accounts: Vec<BillingAccount> = store
        .accounts(&id)
        .iter()
        .map(|r| r.account.clone())
        .collect();
    Ok(list(&accounts, state.list_limit))
}

async fn get_account(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Reply {
    let (ws, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let store = state.store.lock().expect("not poisoned");
    store
        .accounts(&ws)
        .iter()
        .find(|r| r.account.id == id)
        .map(|r| json_reply(StatusCode::OK, &r.account))
        .ok_or_else(|| not_found("Billing account not found."))
}

/// Reads a request body, answering 422 when it is not a JSON object.
fn fields_from_body(body: &Bytes) -> Result<(Vec<(Field, String)>, FieldErrors), Response> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        unprocessable(
            format!("The request body is not valid JSON: {e}."),
            BTreeMap::new(),
        )
    })?;
    rules::fields_from_json(&value).map_err(|message| unprocessable(message, BTreeMap::new()))
}

fn first_message(errors: &BTreeMap<String, Vec<String>>) -> String {
    let first = errors
        .values()
        .next()
        .and_then(|m| m.first())
        .cloned()
        .unwrap_or_default();
    match errors.len() {
        0 | 1 => first,
        n => format!(
            "{first} (and {} more error{})",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    }
}

fn add_violations(errors: &mut BTreeMap<String, Vec<String>>, violations: Vec<rules::Violation>) {
    for v in violations {
        errors
            .entry(v.field.key().into())
            .or_insert_with(|| vec![v.message]);
    }
}

fn now() -> String {
    timestamp(jiff::Timestamp::now())
}

/// Saves the data file, if there is one; on failure logs why and gives the
/// 500 body to answer with.
fn persist(state: &State, store: &super::Store) -> Result<(), Value> {
    match &state.data {
        Some(path) => store.save(path).map_err(|e| {
            tracing::error!("{e}");
            json!({ "message": "The sandbox could not save its data." })
        }),
        None => Ok(()),
    }
}

fn save(state: &State, store: &super::Store) -> Result<(), Response> {
    persist(state, store).map_err(|body| json_reply(StatusCode::INTERNAL_SERVER_ERROR, body))
}

async fn create_account(
    Extract(state): Shared,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let ws_id = path_or_404(path)?;
    let workspace = workspace_or_404(&state, &ws_id)?;
    let (present, mut errors) = fields_from_body(&body)?;
    let mut input = AccountInput::default();
    for (field, value) in present {
        *input.get_mut(field) = value;
    }
    let violations = input.violations();
    add_violations(&mut errors, violations);
    if !errors.is_empty() {
        return Err(unprocessable(first_message(&errors), errors));
    }
    if let Some(secs) = state.faults.iter().find_map(|f| match f {
        Fault::Create429(secs) => Some(*secs),
        _ => None,
    }) {
        return Err(too_many(secs));
    }
    let new = input.validate().map_err(|v| {
        let mut errors = BTreeMap::new();
        add_violations(&mut errors, v);
        unprocessable(first_message(&errors), errors)
    })?;
    // From here on the request may create something: an Idempotency-Key
    // makes a repeat of it answer the first answer again.
    let fingerprint = serde_json::to_string(&new).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        match create(&state, &ws_id, &workspace, new) {
            Ok(account) => (
                StatusCode::CREATED,
                serde_json::to_vec(&account).expect("serialises"),
            ),
            Err((status, body)) => (status, body),
        }
    })?;
    if status != StatusCode::CREATED {
        return Err(idempotency::reply(status, body));
    }
    super::faults::after_create(&state.faults, body)
}

/// The rules of the workspace (the create-422 fault, the account limit),
/// then the new account, saved. Refusals are a status and a JSON body.
fn create(
    state: &State,
    ws_id: &str,
    workspace: &Workspace,
    new: NewBillingAccount,
) -> Result<BillingAccount, (StatusCode, Vec<u8>)> {
    let body = |v: Value| v.to_string().into_bytes();
    if state.faults.contains(&Fault::Create422Unknown) {
        let long = "This is a long explanation from the server, the kind that does not fit on one line of any terminal, and whose end matters as much as its start: the last words say what to do. Contact billing support with reference R-20261125.";
        let mut errors = FieldErrors::new();
        errors.insert(
            "tax_id".into(),
            vec![format!("The tax id is required for this country. {long}")],
        );
        errors.insert(
            "address.region".into(),
            vec![format!("The region is not served. {long}")],
        );
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": "The given data was invalid.", "errors": errors })),
        ));
    }
    if let Some(mib) = state.faults.iter().find_map(|f| match f {
        Fault::CreateHuge422(mib) => Some(*mib),
        _ => None,
    }) {
        let mut message = String::from("The request could not be processed: ");
        message.push_str(&"all work and no play ".repeat(mib * 1024 * 1024 / 21));
        message.push_str("THE END");
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": message })),
        ));
    }
    if state.faults.contains(&Fault::Create422) {
        let mut errors = FieldErrors::new();
        errors.insert(
            "address.country".into(),
            vec!["Billing is not available for addresses in this country.".into()],
        );
        errors.insert(
            "email".into(),
            vec!["The email domain does not accept mail.".into()],
        );
        let message = first_message(&errors);
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": message, "errors": errors })),
        ));
    }
    let mut store = state.store.lock().expect("not poisoned");
    let default_currency = store
        .workspace(ws_id)
        .map(|w| w.default_currency)
        .unwrap_or(crate::api::model::Currency::Usd);
    let held = store.accounts(ws_id).len();
    let mode = workspace.billing_mode.as_ref();
    if let Some(limit) = mode.and_then(|m| m.account_limit())
        && held >= limit
    {
        let mode = mode.map(|m| m.as_str()).unwrap_or("?");
        return Err((
            StatusCode::CONFLICT,
            body(json!({
                "type": "conflict",
                "code": "billing_account_limit_reached",
                "message": format!(
                    "Workspace {ws_id} is in billing mode {mode} and already holds {held} billing account{} (the most it may hold is {limit}).",
                    if held == 1 { "" } else { "s" }
                ),
                "doc_url": DOC_URL,
            })),
        ));
    }
    let at = now();
    let id = random_id(&mut state.rng.lock().expect("not poisoned"), "cus_", 14);
    let account = BillingAccount {
        id,
        workspace_id: ws_id.to_string(),
        name: new.name,
        email: new.email,
        phone: new.phone,
        description: new.description,
        currency: Some(new.currency.unwrap_or(default_currency).code().into()),
        address: new.address,
        created_at: at.clone(),
        updated_at: at,
    };
    store
        .accounts
        .entry(ws_id.to_string())
        .or_default()
        .push(AccountRecord {
            account: account.clone(),
            active_subscriptions: false,
        });
    persist(state, &store).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, body(e)))?;
    Ok(account)
}

fn too_many(retry_after: u64) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, retry_after.to_string())],
        axum::Json(json!({ "message": "Too Many Attempts." })),
    )
        .into_response()
}

async fn update_account(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Reply {
    let (ws_id, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws_id)?;
    {
        let store = state.store.lock().expect("not poisoned");
        if !store.accounts(&ws_id).iter().any(|r| r.account.id == id) {
            return Err(not_found("Billing account not found."));
        }
    }
    let (present, mut errors) = fields_from_body(&body)?;
    // A currency in the body is refused by validate_patch: it cannot change.
    let patch = match rules::validate_patch(&present) {
        Ok(patch) if errors.is_empty() => patch,
        Ok(_) => return Err(unprocessable(first_message(&errors), errors)),
        Err(v) => {
            add_violations(&mut errors, v);
            return Err(unprocessable(first_message(&errors), errors));
        }
    };
    let mut store = state.store.lock().expect("not poisoned");
    let record = store
        .accounts
        .get_mut(&ws_id)
        .and_then(|v| v.iter_mut().find(|r| r.account.id == id))
        .ok_or_else(|| not_found("Billing account not found."))?;
    let account = &mut record.account;
    if let Some(name) = patch.name {
        account.name = name;
    }
    if let Some(email) = patch.email {
        account.email = email;
    }
    if let Some(phone) = patch.phone {
        account.phone = phone;
    }
    if let Some(description) = patch.description {
        account.description = description;
    }
    if let Some(changes) = patch.address {
        let address = account.address.get_or_insert_with(Address::default);
        for (key, value) in changes {
            let value = value.as_str().map(String::from);
            match key.as_str() {
                "country" => address.country = value,
                "line1" => address.line1 = value,
                "line2" => address.line2 = value,
                "city" => address.city = value,
                "state" => address.state = value,
                "postal_code" => address.postal_code = value,
                _ => {}
            }
        }
    }
    account.updated_at = now();
    let account = account.clone();
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, account))
}

async fn delete_account(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Reply {
    let (ws_id, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws_id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let accounts = store.accounts.entry(ws_id.clone()).or_default();
    let Some(pos) = accounts.iter().position(|r| r.account.id == id) else {
        return Err(not_found("Billing account not found."));
    };
    if accounts[pos].active_subscriptions {
        return Err(json_reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({
                "type": "unprocessable_entity",
                "code": "active_subscriptions_exist",
                "message": "This billing account has active subscriptions and cannot be deleted. Cancel them first.",
                "doc_url": DOC_URL,
            }),
        ));
    }
    accounts.remove(pos);
    if accounts.is_empty() {
        store.accounts.remove(&ws_id);
    }
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}
