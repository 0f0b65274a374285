//! The billing operations (subscriptions, payment methods, invoices) through
//! the client against the demo sandbox: every documented refusal, replay of
//! POSTs by Idempotency-Key, cursor paging, and the get-one fallback.

mod common;

use alto::api::model::{
    Interval, InvoiceQuery, NewSubscription, PreviewItem, PreviewRequest, ProductType,
    SubscriptionAction, SubscriptionChange,
};
use alto::api::{AccountRef, ApiClient, Token};
use alto::sandbox::RunningSandbox;
use common::sandbox::*;

/// `(workspace id, account id)` of account `k` of the workspace `name`.
fn account(sb: &RunningSandbox, name: &str, k: usize) -> (String, String) {
    let snap = sb.snapshot();
    let ws = snap
        .workspaces
        .iter()
        .find(|w| w.workspace.name == name)
        .unwrap()
        .workspace
        .id
        .clone();
    let id = snap.accounts[&ws][k].account.id.clone();
    (ws, id)
}

#[tokio::test]
async fn cancelling_what_is_in_use_is_refused_whole_and_the_rest_cancels_at_period_end() {
    let sb = demo().await;
    let c = client(&sb);
    let (ws, acc) = account(&sb, "ACME Corporation", 0);
    let at = AccountRef::new(&ws, &acc);
    let subs = c.list_subscriptions(at).await.unwrap().data;
    let active = subs.iter().find(|s| s.status == "active").unwrap();
    let paused = subs.iter().find(|s| s.status == "paused").unwrap();
    assert_eq!(active.quantity(ProductType::Locations), 10);
    let err = c.cancel_subscription(at, &active.id).await.unwrap_err();
    assert_eq!(err.status(), Some(409));
    let body = err.body().unwrap();
    assert_eq!(
        body.code.as_deref(),
        Some("cancellation_would_underprovision")
    );
    assert!(
        body.message
            .as_deref()
            .unwrap()
            .ends_with("Current usage: 8, remaining capacity after deletion: 0."),
        "{body:?}"
    );
    c.cancel_subscription(at, &paused.id).await.unwrap();
    let again = c.cancel_subscription(at, &paused.id).await.unwrap();
    assert_eq!(again.message, "Subscription cancelled successfully");
    let got = c.get_subscription(at, &paused.id).await.unwrap();
    assert!(
        got.cancel_at_period_end && got.is_live(),
        "still live until the period ends"
    );
    let missing = c.get_subscription(at, "sub_nothere").await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

#[tokio::test]
async fn a_change_suits_the_subscriptions_state() {
    let sb = demo().await;
    let c = client(&sb);
    let (ws, acc) = account(&sb, "ACME Corporation", 0);
    let at = AccountRef::new(&ws, &acc);
    let active = c
        .list_subscriptions(at)
        .await
        .unwrap()
        .data
        .into_iter()
        .find(|s| s.status == "active")
        .unwrap();
    let act = |a| SubscriptionChange::Action { action: a };
    let resumed = c
        .update_subscription(at, &active.id, &act(SubscriptionAction::Resume))
        .await;
    assert_eq!(
        resumed.unwrap_err().status(),
        Some(422),
        "only a paused one resumes"
    );
    let paused = c
        .update_subscription(at, &active.id, &act(SubscriptionAction::Pause))
        .await
        .unwrap();
    assert_eq!(paused.status, "paused");
    let back = c
        .update_subscription(at, &active.id, &act(SubscriptionAction::Resume))
        .await
        .unwrap();
    assert_eq!(back.status, "active");
    let q = SubscriptionChange::Quantities {
        product_quantities: [(ProductType::Locations, 12), (ProductType::Users, 25)].into(),
        metadata: Some([("project".to_string(), "p1".to_string())].into()),
    };
    let changed = c.update_subscription(at, &active.id, &q).await.unwrap();
    assert_eq!(changed.quantity(ProductType::Locations), 12);
    assert_eq!(changed.metadata["project"], "p1");
    assert!(
        changed.metadata.contains_key("order_id"),
        "metadata is merged"
    );
    let all = SubscriptionChange::Remove {
        remove_products: vec![ProductType::Locations, ProductType::Users],
    };
    let err = c
        .update_subscription(at, &active.id, &all)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422), "a subscription keeps one product");
}

#[tokio::test]
async fn a_subscription_needs_a_trial_or_a_default_payment_method_and_a_repeat_creates_one() {
    let sb = demo().await;
    let c = client(&sb);
    let body = NewSubscription {
        product_quantities: [(ProductType::Users, 5)].into(),
        metadata: None,
    };
    // ACME's second account: three accounts in the workspace, no card.
    let (ws, acc) = account(&sb, "ACME Corporation", 1);
    let at = AccountRef::new(&ws, &acc);
    let e = c.trial_eligibility(at).await.unwrap();
    assert!(!e.trial_eligible && !e.can_create_subscription);
    assert!(e.requirements.unwrap().texts()[0].contains("default payment method"));
    let err = c.create_subscription(at, &body, &key()).await.unwrap_err();
    assert_eq!(
        err.body().unwrap().code.as_deref(),
        Some("payment_method_required")
    );
    // Umbrella: one account and no subscriptions, so a trial.
    let (ws, acc) = account(&sb, "Umbrella Health ZA", 0);
    let at = AccountRef::new(&ws, &acc);
    let e = c.trial_eligibility(at).await.unwrap();
    assert_eq!(e.trial_info.unwrap().trial_days, Some(14));
    let k = key();
    let first = c.create_subscription(at, &body, &k).await.unwrap();
    let repeat = c.create_subscription(at, &body, &k).await.unwrap();
    assert_eq!(first, repeat, "the same key answers the first answer");
    assert_eq!(first.status, "trialing");
    assert_eq!(first.currency, "zar");
    assert_eq!(c.list_subscriptions(at).await.unwrap().data.len(), 1);
    assert!(
        !c.trial_eligibility(at).await.unwrap().trial_eligible,
        "one trial"
    );
}

#[tokio::test]
async fn payment_methods_keep_their_documented_refusals() {
    let sb = demo().await;
    let c = client(&sb);
    let (ws, acc) = account(&sb, "ACME Corporation", 0);
    let at = AccountRef::new(&ws, &acc);
    let methods = c.list_payment_methods(at).await.unwrap().data;
    assert_eq!(methods.len(), 5);
    assert!(
        methods.iter().any(|m| m.expired_at(2025, 11)),
        "one expired"
    );
    assert!(methods.iter().any(|m| m.kind == "us_bank_account"));
    let full = c.create_setup_intent(at, &key()).await.unwrap_err();
    assert_eq!(
        full.body().unwrap().code.as_deref(),
        Some("payment_method_limit_reached")
    );
    let default = methods.iter().find(|m| m.is_default).unwrap();
    let err = c.detach_payment_method(at, &default.id).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(
        err.body().unwrap().code.as_deref(),
        Some("cannot_detach_default_with_subscriptions")
    );
    let other = methods.iter().find(|m| !m.is_default).unwrap();
    c.set_default_payment_method(at, &other.id).await.unwrap();
    c.detach_payment_method(at, &default.id).await.unwrap();
    let now = c.list_payment_methods(at).await.unwrap().data;
    assert_eq!(now.len(), 4);
    assert_eq!(now.iter().filter(|m| m.is_default).count(), 1);
    assert!(now.iter().find(|m| m.id == other.id).unwrap().is_default);
    let intent = c.create_setup_intent(at, &key()).await.unwrap();
    assert!(intent.client_secret.contains("_secret_"));
    // Hooli's one card: the only method cannot go.
    let (ws, acc) = account(&sb, "Hooli", 0);
    let at = AccountRef::new(&ws, &acc);
    let only = c.list_payment_methods(at).await.unwrap().data;
    let err = c.detach_payment_method(at, &only[0].id).await.unwrap_err();
    assert_eq!(
        err.body().unwrap().code.as_deref(),
        Some("cannot_detach_only_payment_method")
    );
}

#[tokio::test]
async fn five_thousand_invoices_page_by_cursor_newest_first() {
    let sb = demo().await;
    let c = client(&sb);
    let (ws, acc) = account(&sb, "ACME Corporation", 2);
    let at = AccountRef::new(&ws, &acc);
    let mut q = InvoiceQuery {
        limit: Some(200),
        ..Default::default()
    };
    let mut all = Vec::new();
    let first = c.list_invoices(at, &q).await.unwrap();
    assert!(first.previous_cursor.is_none());
    let mut page = first.clone();
    loop {
        all.extend(
            page.data
                .iter()
                .map(|i| (i.id.clone(), i.created_at.clone())),
        );
        let Some(next) = page.next_cursor.clone() else {
            break;
        };
        assert!(page.has_more);
        q.after = Some(next);
        page = c.list_invoices(at, &q).await.unwrap();
    }
    assert_eq!(all.len(), 5_000);
    assert!(all.windows(2).all(|w| w[0].1 >= w[1].1), "newest first");
    let ids: std::collections::BTreeSet<_> = all.iter().map(|a| &a.0).collect();
    assert_eq!(ids.len(), 5_000);
    // `before` the second page's first invoice is the first page again.
    q.after = None;
    q.before = Some(all[200].0.clone());
    let back = c.list_invoices(at, &q).await.unwrap();
    assert_eq!(back.data, first.data);
    let zero = InvoiceQuery {
        limit: Some(0),
        ..Default::default()
    };
    assert_eq!(
        c.list_invoices(at, &zero).await.unwrap_err().status(),
        Some(422)
    );
    let nowhere = InvoiceQuery {
        after: Some("in_nothere".into()),
        ..Default::default()
    };
    assert_eq!(
        c.list_invoices(at, &nowhere).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn a_preview_prices_the_change_and_changes_nothing() {
    let sb = demo().await;
    let c = client(&sb);
    let (ws, acc) = account(&sb, "ACME Corporation", 0);
    let at = AccountRef::new(&ws, &acc);
    let active = c
        .list_subscriptions(at)
        .await
        .unwrap()
        .data
        .into_iter()
        .find(|s| s.status == "active")
        .unwrap();
    let item = |p, q| PreviewItem {
        product_type: p,
        quantity: q,
        interval: Interval::Month,
    };
    let req = PreviewRequest {
        subscription_id: Some(active.id.clone()),
        items: vec![
            item(ProductType::Locations, 12),
            item(ProductType::Users, 25),
            item(ProductType::Sso, 0),
        ],
        cancel_subscription: false,
    };
    let inv = c.preview_invoice(at, &req, &key()).await.unwrap();
    assert_eq!(inv.status, "draft");
    assert_eq!(inv.lines.len(), 2, "0 removes a product");
    assert_eq!(inv.subtotal, 12 * 1_500 + 25 * 400);
    assert_eq!(inv.total, inv.subtotal + inv.tax.unwrap());
    let after = c.get_subscription(at, &active.id).await.unwrap();
    assert_eq!(
        after.quantity(ProductType::Locations),
        10,
        "nothing changed"
    );
    let mut other = req.clone();
    other.subscription_id = Some("sub_nothere".into());
    let e = c.preview_invoice(at, &other, &key()).await.unwrap_err();
    assert_eq!(e.status(), Some(422), "a body field naming nothing");
    assert!(e.body().unwrap().errors.contains_key("subscription_id"));
}

/// A server with only the current reference's operations: GET one
/// subscription answers 405, so the client reads the list instead.
#[tokio::test]
async fn get_one_subscription_falls_back_to_the_list_on_405() {
    use axum::routing::get;
    let sub = serde_json::json!({
        "id": "sub_1", "billing_account_id": "cus_1", "status": "active", "currency": "usd",
        "product_quantities": {"users": {"price_id": "p", "quantity": 3, "interval": "month"}},
        "current_period_start": null, "current_period_end": null,
        "created_at": "2025-10-29T00:40:06.000000Z", "updated_at": "2025-10-29T00:40:06.000000Z"
    });
    let list = serde_json::json!({ "data": [sub], "has_more": false });
    let app = axum::Router::new()
        .route(
            "/workspaces/ws_1/billing-accounts/cus_1/subscriptions",
            get(move || async move { axum::Json(list) }),
        )
        // The path is known but GET on it is not: axum answers 405.
        .route(
            "/workspaces/ws_1/billing-accounts/cus_1/subscriptions/{id}",
            axum::routing::patch(|| async { "" }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let c = ApiClient::new(&format!("http://{addr}"), Token::new("t")).unwrap();
    let at = AccountRef::new("ws_1", "cus_1");
    let got = c.get_subscription(at, "sub_1").await.unwrap();
    assert_eq!(got.quantity(ProductType::Users), 3);
    let err = c.get_subscription(at, "sub_2").await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(405),
        "not in the list either: the first answer"
    );
}
