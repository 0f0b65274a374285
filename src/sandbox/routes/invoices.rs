//! Invoices: pages of the account's history by cursor (`limit`, `after`,
//! `before`), and the preview of a change (which changes nothing).

use super::*;
use crate::rules::Problem;
use crate::rules::billing as billing_rules;
use crate::sandbox::billing;
use axum::extract::RawQuery;
use axum::routing::{get, post};

const ACCOUNT: &str = "/workspaces/{workspace}/billing-accounts/{account}";

pub(super) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(&format!("{ACCOUNT}/invoices"), get(list))
        .route(&format!("{ACCOUNT}/invoices/preview"), post(preview))
}

type AccountPath = Result<Path<(String, String)>, PathRejection>;

/// Where the page starts: `limit`, and `after` or `before` as indices.
struct PageQuery {
    limit: u32,
    after: Option<String>,
    before: Option<String>,
}

fn page_query(raw: Option<String>) -> Result<PageQuery, Response> {
    let mut q = PageQuery {
        limit: 100,
        after: None,
        before: None,
    };
    let bad = |key: &str, message: String| {
        refused(vec![Problem {
            key: key.into(),
            message,
        }])
    };
    for (k, v) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "limit" => {
                let n = v
                    .parse::<i64>()
                    .map_err(|_| bad("limit", "The limit field must be an integer.".into()))?;
                q.limit = billing_rules::invoice_limit(n).map_err(|p| refused(vec![p]))?;
            }
            "after" => q.after = Some(v.into_owned()),
            "before" => q.before = Some(v.into_owned()),
            _ => {}
        }
    }
    if q.after.is_some() && q.before.is_some() {
        return Err(bad("before", "Send after or before, not both.".into()));
    }
    Ok(q)
}

async fn list(Extract(state): Shared, path: AccountPath, RawQuery(raw): RawQuery) -> Reply {
    let (ws, id) = path_or_404(path)?;
    let account = account_or_404(&state, &ws, &id)?;
    let q = page_query(raw)?;
    let count = state
        .store
        .lock()
        .expect("not poisoned")
        .billing(&id)
        .invoices;
    let currency = account.currency.as_deref().unwrap_or("usd");
    // A cursor naming no invoice of this account: 404, as Stripe's "No
    // such invoice".
    let cursor = |_: &str, v: &str| {
        billing::invoice_index(&id, count, v)
            .ok_or_else(|| not_found(&format!("No such invoice: {}", crate::inert::quoted(v))))
    };
    let from = match (&q.after, &q.before) {
        (Some(after), _) => cursor("after", after)? + 1,
        (None, Some(before)) => cursor("before", before)?.saturating_sub(q.limit),
        (None, None) => 0,
    };
    // `before` ends the page just above its invoice.
    let limit = match &q.before {
        Some(before) => (cursor("before", before)? - from).min(q.limit),
        None => q.limit,
    };
    let page = billing::page(&id, currency, count, from, limit);
    Ok(json_reply(StatusCode::OK, page))
}

async fn preview(
    Extract(state): Shared,
    path: AccountPath,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (ws, id) = path_or_404(path)?;
    let account = account_or_404(&state, &ws, &id)?;
    let req = billing_rules::preview(&json_body(&body)?).map_err(refused)?;
    if let Some(sub) = &req.subscription_id {
        let store = state.store.lock().expect("not poisoned");
        if !store
            .billing(&id)
            .subscriptions
            .iter()
            .any(|s| s.id == *sub)
        {
            // A body field naming nothing is a validation error (422), as
            // the framework's `exists` rule answers; 404 is for the path.
            return Err(refused(vec![Problem {
                key: "subscription_id".into(),
                message: "The selected subscription id is invalid.".into(),
            }]));
        }
    }
    let fingerprint = serde_json::to_string(&req).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        let invoice_id = random_id(&mut state.rng.lock().expect("not poisoned"), "in_", 14);
        let currency = account.currency.as_deref().unwrap_or("usd");
        let invoice = billing::preview(&id, currency, &req, invoice_id);
        (
            StatusCode::OK,
            serde_json::to_vec(&invoice).expect("serialises"),
        )
    })?;
    Ok(idempotency::reply(status, body))
}
