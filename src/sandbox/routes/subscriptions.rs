//! Subscriptions: list, get one, create (a trial when the workspace is
//! eligible, else a default payment method is needed), change (exactly one
//! operation), cancel at period end (refused when it would underprovision),
//! and trial eligibility.

use super::*;
use crate::api::model::{
    Interval, ProductQuantity, ProductType, Subscription, SubscriptionAction, SubscriptionChange,
};
use crate::rules::Problem;
use crate::rules::billing as billing_rules;
use crate::sandbox::billing;
use axum::routing::get;

const ACCOUNT: &str = "/workspaces/{workspace}/billing-accounts/{account}";

pub(super) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(&format!("{ACCOUNT}/subscriptions"), get(list).post(create))
        .route(
            &format!("{ACCOUNT}/subscriptions/{{subscription}}"),
            get(get_one).patch(update).delete(cancel),
        )
        .route(&format!("{ACCOUNT}/trial-eligibility"), get(trial))
}

type AccountPath = Result<Path<(String, String)>, PathRejection>;
type SubscriptionPath = Result<Path<(String, String, String)>, PathRejection>;

async fn list(Extract(state): Shared, path: AccountPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let store = state.store.lock().expect("not poisoned");
    Ok(super::list(
        &store.billing(&id).subscriptions,
        state.list_limit,
    ))
}

fn not_found_sub() -> Response {
    not_found("Subscription not found.")
}

async fn get_one(Extract(state): Shared, path: SubscriptionPath) -> Reply {
    let (ws, id, sub) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let store = state.store.lock().expect("not poisoned");
    store
        .billing(&id)
        .subscriptions
        .iter()
        .find(|s| s.id == sub)
        .map(|s| json_reply(StatusCode::OK, s))
        .ok_or_else(not_found_sub)
}

async fn trial(Extract(state): Shared, path: AccountPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let store = state.store.lock().expect("not poisoned");
    Ok(json_reply(
        StatusCode::OK,
        billing::trial_eligibility(&store, &ws, &id),
    ))
}

async fn create(
    Extract(state): Shared,
    path: AccountPath,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (ws, id) = path_or_404(path)?;
    let account = account_or_404(&state, &ws, &id)?;
    let new = billing_rules::new_subscription(&json_body(&body)?).map_err(refused)?;
    let fingerprint = serde_json::to_string(&new).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        let mut store = state.store.lock().expect("not poisoned");
        let eligibility = billing::trial_eligibility(&store, &ws, &id);
        if !eligibility.can_create_subscription {
            let refusal = json!({
                "type": "unprocessable_entity",
                "code": "payment_method_required",
                "message": "A default payment method must be added before creating subscriptions.",
                "doc_url": format!("{DOC_URL}/payment_method_required"),
            });
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                refusal.to_string().into_bytes(),
            );
        }
        let trial = eligibility.trial_eligible;
        let start = jiff::Timestamp::now();
        let days = if trial { 14 } else { 31 };
        let end = start + jiff::SignedDuration::from_hours(24 * days);
        let currency = account.currency.clone().unwrap_or_else(|| "usd".into());
        let sub = Subscription {
            id: random_id(&mut state.rng.lock().expect("not poisoned"), "sub_", 16),
            billing_account_id: id.clone(),
            status: if trial { "trialing" } else { "active" }.into(),
            currency,
            product_quantities: priced(&new.product_quantities, None),
            metadata: new.metadata.clone().unwrap_or_default(),
            current_period_start: Some(timestamp(start)),
            current_period_end: Some(timestamp(end)),
            created_at: timestamp(start),
            updated_at: timestamp(start),
            cancel_at_period_end: false,
        };
        store
            .billing
            .entry(id.clone())
            .or_default()
            .subscriptions
            .push(sub.clone());
        match persist(&state, &store) {
            Ok(()) => (
                StatusCode::CREATED,
                serde_json::to_vec(&sub).expect("serialises"),
            ),
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string().into_bytes(),
            ),
        }
    })?;
    Ok(idempotency::reply(status, body))
}

/// Quantities with their prices, as the API shows them: a new
/// subscription bills monthly; a change to `sub` keeps each product's
/// interval (a product new to it takes the subscription's).
fn priced(
    quantities: &BTreeMap<ProductType, u32>,
    sub: Option<&Subscription>,
) -> BTreeMap<String, ProductQuantity> {
    quantities
        .iter()
        .map(|(&p, &q)| {
            let interval = sub.map_or(Interval::Month, |s| s.interval_of(p));
            let pq = ProductQuantity {
                price_id: billing::price_id(p, interval),
                quantity: u64::from(q),
                interval: interval.key().into(),
            };
            (p.key().to_string(), pq)
        })
        .collect()
}

fn state_refusal(message: &str) -> Response {
    refused(vec![Problem {
        key: "action".into(),
        message: message.into(),
    }])
}

async fn update(Extract(state): Shared, path: SubscriptionPath, body: Bytes) -> Reply {
    let (ws, id, sub_id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let sub = store
        .billing
        .get_mut(&id)
        .and_then(|b| b.subscriptions.iter_mut().find(|s| s.id == sub_id))
        .ok_or_else(not_found_sub)?;
    let change = billing_rules::subscription_change(&json_body(&body)?).map_err(refused)?;
    if !sub.is_live() {
        return Err(state_refusal("A canceled subscription cannot be changed."));
    }
    apply(sub, change).map_err(|m| state_refusal(&m))?;
    sub.updated_at = now();
    let sub = sub.clone();
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, sub))
}

/// One change to a subscription, or why this one cannot take it.
fn apply(sub: &mut Subscription, change: SubscriptionChange) -> Result<(), String> {
    let merge = |sub: &mut Subscription, meta: Option<BTreeMap<String, String>>| {
        sub.metadata.extend(meta.unwrap_or_default());
    };
    match change {
        SubscriptionChange::Action { action } => match action {
            SubscriptionAction::Pause
                if matches!(sub.status.as_str(), "active" | "trialing" | "past_due") =>
            {
                sub.status = "paused".into();
            }
            SubscriptionAction::Pause => {
                return Err(format!(
                    "A subscription that is {} cannot be paused.",
                    sub.status
                ));
            }
            SubscriptionAction::Resume if sub.status == "paused" => sub.status = "active".into(),
            SubscriptionAction::Resume => {
                return Err(format!(
                    "Only a paused subscription can be resumed; this one is {}.",
                    sub.status
                ));
            }
            SubscriptionAction::Sync => {}
        },
        SubscriptionChange::Quantities {
            product_quantities,
            metadata,
        } => {
            sub.product_quantities = priced(&product_quantities, Some(sub));
            merge(sub, metadata);
        }
        SubscriptionChange::Add { add_products } => {
            for (p, q) in add_products {
                let now = sub.quantity(p) + u64::from(q);
                let capped = now.min(u64::from(billing_rules::QUANTITY_MAX)) as u32;
                let added = priced(&BTreeMap::from([(p, capped)]), Some(sub));
                sub.product_quantities.extend(added);
            }
        }
        SubscriptionChange::Remove { remove_products } => {
            if remove_products.iter().all(|p| sub.quantity(*p) == 0) {
                return Err("None of those products is on this subscription.".into());
            }
            let left = ProductType::ALL
                .iter()
                .filter(|p| sub.quantity(**p) > 0 && !remove_products.contains(p))
                .count();
            if left == 0 {
                return Err(
                    "A subscription must keep at least one product: cancel it instead.".into(),
                );
            }
            for p in remove_products {
                sub.product_quantities.remove(p.key());
            }
        }
        SubscriptionChange::Metadata { metadata } => merge(sub, Some(metadata)),
    }
    Ok(())
}

async fn cancel(Extract(state): Shared, path: SubscriptionPath) -> Reply {
    let (ws, id, sub_id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let done = json!({ "message": "Subscription cancelled successfully" });
    let Some(billing) = store.billing.get_mut(&id) else {
        return Err(not_found_sub());
    };
    let Some(sub) = billing
        .subscriptions
        .iter()
        .find(|s| s.id == sub_id)
        .cloned()
    else {
        return Err(not_found_sub());
    };
    // Cancelling again answers as the first time did.
    if !sub.is_live() || sub.cancel_at_period_end {
        return Ok(json_reply(StatusCode::OK, done));
    }
    if let Some((product, used, left)) = billing::underprovision(billing, &sub) {
        return Err(stripe_error(
            StatusCode::CONFLICT,
            "conflict_error",
            "cancellation_would_underprovision",
            format!(
                "Cannot delete subscription. Deleting it would leave the account under-provisioned for '{product}'. Current usage: {used}, remaining capacity after deletion: {left}."
            ),
        ));
    }
    if let Some(s) = billing.subscriptions.iter_mut().find(|s| s.id == sub_id) {
        s.cancel_at_period_end = true;
        s.updated_at = now();
    }
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, done))
}
