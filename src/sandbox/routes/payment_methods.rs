//! Payment methods: list, a setup intent (at most 5 methods), make one the
//! default, detach (not the only one, nor the default while subscriptions
//! are live).

use super::*;
use crate::rules::billing::PAYMENT_METHODS_MAX;
use axum::routing::{get, put};

const ACCOUNT: &str = "/workspaces/{workspace}/billing-accounts/{account}";

pub(super) fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(
            &format!("{ACCOUNT}/payment-methods"),
            get(list).post(setup_intent),
        )
        .route(
            &format!("{ACCOUNT}/payment-methods/{{method}}"),
            put(make_default).delete(detach),
        )
}

type AccountPath = Result<Path<(String, String)>, PathRejection>;
type MethodPath = Result<Path<(String, String, String)>, PathRejection>;

async fn list(Extract(state): Shared, path: AccountPath) -> Reply {
    let (ws, id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let store = state.store.lock().expect("not poisoned");
    Ok(super::list(
        &store.billing(&id).payment_methods,
        state.list_limit,
    ))
}

async fn setup_intent(Extract(state): Shared, path: AccountPath, headers: HeaderMap) -> Reply {
    let (ws, id) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let held = {
        let store = state.store.lock().expect("not poisoned");
        store.billing(&id).payment_methods.len()
    };
    if held >= PAYMENT_METHODS_MAX {
        return Err(stripe_error(
            StatusCode::CONFLICT,
            "conflict_error",
            "payment_method_limit_reached",
            format!(
                "A billing account cannot have more than {PAYMENT_METHODS_MAX} payment methods."
            ),
        ));
    }
    let (status, body) = idempotency::once(&state, &headers, String::new(), || {
        let mut rng = state.rng.lock().expect("not poisoned");
        let seti = random_id(&mut rng, "seti_", 24);
        let secret = random_id(&mut rng, "", 24);
        let intent = json!({
            "client_secret": format!("{seti}_secret_{secret}"),
            "publishable_key": "pk_test_sandbox0000000000000000",
        });
        (StatusCode::CREATED, intent.to_string().into_bytes())
    })?;
    Ok(idempotency::reply(status, body))
}

fn not_found_method() -> Response {
    not_found("Payment method not found.")
}

async fn make_default(Extract(state): Shared, path: MethodPath) -> Reply {
    let (ws, id, pm) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let methods = &mut store
        .billing
        .get_mut(&id)
        .ok_or_else(not_found_method)?
        .payment_methods;
    if !methods.iter().any(|m| m.id == pm) {
        return Err(not_found_method());
    }
    for m in methods.iter_mut() {
        m.is_default = m.id == pm;
    }
    save(&state, &store)?;
    Ok(json_reply(
        StatusCode::OK,
        json!({ "message": "Default payment method updated" }),
    ))
}

async fn detach(Extract(state): Shared, path: MethodPath) -> Reply {
    let (ws, id, pm) = path_or_404(path)?;
    account_or_404(&state, &ws, &id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let billing = store.billing.get_mut(&id).ok_or_else(not_found_method)?;
    let pos = billing
        .payment_methods
        .iter()
        .position(|m| m.id == pm)
        .ok_or_else(not_found_method)?;
    let refuse = |code: &str, message: &str| {
        stripe_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unprocessable_entity",
            code,
            message.into(),
        )
    };
    if billing.payment_methods.len() == 1 {
        return Err(refuse(
            "cannot_detach_only_payment_method",
            "You cannot detach the only payment method on the billing account.",
        ));
    }
    let live = billing.subscriptions.iter().any(|s| s.is_live());
    if billing.payment_methods[pos].is_default && live {
        return Err(refuse(
            "cannot_detach_default_with_subscriptions",
            "You cannot detach the default payment method while the billing account has active subscriptions.",
        ));
    }
    billing.payment_methods.remove(pos);
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}
