//! The sandbox's HTTP surface: one handler per operation in the contract.
//!
//! Order of checks follows the real API's framework: authentication (401),
//! then the route's resources (404), then the body (422), then the state of
//! the workspace (409).

// Handlers return `Result<_, Response>` so `?` can answer early, the usual
// axum idiom; the size of `Response` in the error arm does not matter here.
#![allow(clippy::result_large_err)]

mod accounts;
mod invoices;
mod members;
mod organizations;
mod payment_methods;
mod subscriptions;
mod workspaces;

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
        .merge(workspaces::routes())
        .merge(members::routes())
        .route(
            "/workspaces/{workspace}/billing-accounts",
            get(accounts::list_accounts).post(accounts::create_account),
        )
        .route(
            "/workspaces/{workspace}/billing-accounts/{account}",
            get(accounts::get)
                .patch(accounts::update_account)
                .delete(accounts::delete_account),
        )
        .merge(subscriptions::routes())
        .merge(payment_methods::routes())
        .merge(invoices::routes())
        .merge(organizations::routes())
        .fallback(|| async { not_found("No such route.") })
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .with_state(state)
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

/// The request, through the proxy faults: `write-502` lets a write be
/// done and loses its answer; `write-502-unsent-once` fails the first
/// write before it is done.
async fn lossy_proxy(state: &State, req: Request, next: Next) -> Response {
    use std::sync::atomic::Ordering;
    let write = req.method() != axum::http::Method::GET;
    let bad_gateway = || json_reply(StatusCode::BAD_GATEWAY, json!({ "message": "Bad gateway" }));
    if write
        && state.faults.contains(&Fault::Write502UnsentOnce)
        && !state.unsent_502_done.swap(true, Ordering::SeqCst)
    {
        return bad_gateway();
    }
    let response = next.run(req).await;
    match write && state.faults.contains(&Fault::Write502) && response.status().is_success() {
        true => bad_gateway(),
        false => response,
    }
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
            at: std::time::Instant::now(),
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
    } else if let (true, Some(rl), Some(t)) = (allowed, &state.rate_limit, token)
        && let Err(wait) = rl.check(t, std::time::Instant::now())
    {
        too_many(wait)
    } else if allowed {
        for fault in &state.faults {
            if let Fault::Delay(d) = fault {
                tokio::time::sleep(*d).await;
            }
        }
        lossy_proxy(&state, req, next).await
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

/// The account of a billing path (its workspace first), or 404.
fn account_or_404(state: &State, ws: &str, id: &str) -> Result<BillingAccount, Response> {
    workspace_or_404(state, ws)?;
    let store = state.store.lock().expect("not poisoned");
    store
        .account(ws, id)
        .cloned()
        .ok_or_else(|| not_found("Billing account not found."))
}

/// A JSON body, or the 422 that says it is not one.
fn json_body(body: &Bytes) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|e| {
        unprocessable(
            format!("The request body is not valid JSON: {e}."),
            BTreeMap::new(),
        )
    })
}

/// The 422 body for broken rules: the first message, and every one by key.
fn refusal_json(problems: rules::Problems) -> Value {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in problems {
        errors.entry(p.key).or_default().push(p.message);
    }
    json!({ "message": first_message(&errors), "errors": errors })
}

/// The 422 for broken rules.
fn refused(problems: rules::Problems) -> Response {
    json_reply(StatusCode::UNPROCESSABLE_ENTITY, refusal_json(problems))
}

/// A Stripe-style refusal, `{type, code, message, doc_url}`.
fn stripe_error(status: StatusCode, kind: &str, code: &str, message: String) -> Response {
    json_reply(
        status,
        json!({
            "type": kind,
            "code": code,
            "message": message,
            "doc_url": format!("{DOC_URL}/{code}"),
        }),
    )
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

fn too_many(retry_after: u64) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, retry_after.to_string())],
        axum::Json(json!({ "message": "Too Many Attempts." })),
    )
        .into_response()
}
