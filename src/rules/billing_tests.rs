//! The billing rules' tests (beside them, so billing.rs stays short).

use super::*;
use serde_json::Map;
use serde_json::json;

fn keys(p: Problems) -> Vec<String> {
    p.into_iter().map(|p| p.key).collect()
}

#[test]
fn quantities_are_1_to_a_million_of_known_products() {
    let ok = new_subscription(&json!({"product_quantities": {"locations": 5, "users": 25}}));
    assert_eq!(ok.unwrap().product_quantities[&ProductType::Users], 25);
    let zero = new_subscription(&json!({"product_quantities": {"users": 0}})).unwrap_err();
    assert_eq!(
        zero[0].message,
        "The product quantities.users field must be at least 1."
    );
    let big = new_subscription(&json!({"product_quantities": {"sso": 1_000_001}}));
    assert_eq!(keys(big.unwrap_err()), ["product_quantities.sso"]);
    let frac = new_subscription(&json!({"product_quantities": {"sso": 1.5}}));
    assert!(frac.unwrap_err()[0].message.contains("integer"));
    let robots = new_subscription(&json!({"product_quantities": {"robots": 1}}));
    assert_eq!(keys(robots.unwrap_err()), ["product_quantities.robots"]);
    let none = new_subscription(&json!({"product_quantities": {}}));
    assert_eq!(keys(none.unwrap_err()), ["product_quantities"]);
    let missing = new_subscription(&json!({}));
    assert_eq!(keys(missing.unwrap_err()), ["product_quantities"]);
    let extra = new_subscription(&json!({"product_quantities": {"users": 1}, "x": 1}));
    assert!(extra.is_ok(), "the create body is open");
    let closed = subscription_change(&json!({"action": "sync", "x": 1}));
    assert_eq!(keys(closed.unwrap_err()), ["x"], "a change is closed");
}

#[test]
fn metadata_keeps_stripes_limits() {
    let eleven: Map<String, Value> = (0..11).map(|i| (format!("k{i}"), json!("v"))).collect();
    let e = new_subscription(&json!({"product_quantities": {"users": 1}, "metadata": eleven}));
    assert_eq!(keys(e.unwrap_err()), ["metadata"]);
    let long_key = "k".repeat(41);
    let e =
        new_subscription(&json!({"product_quantities": {"users": 1}, "metadata": {long_key: "v"}}));
    assert!(e.unwrap_err()[0].message.contains("1 to 40"));
    let e =
        new_subscription(&json!({"product_quantities": {"users": 1}, "metadata": {"a[b]": "v"}}));
    assert!(e.unwrap_err()[0].message.contains("square brackets"));
    let e = new_subscription(
        &json!({"product_quantities": {"users": 1}, "metadata": {"k": "x".repeat(501)}}),
    );
    assert_eq!(keys(e.unwrap_err()), ["metadata.k"]);
    let e = new_subscription(
        &json!({"product_quantities": {"users": 1}, "metadata": {"k": "a\u{202e}b"}}),
    );
    assert!(e.unwrap_err()[0].message.contains("U+202E"));
    let e = new_subscription(&json!({"product_quantities": {"users": 1}, "metadata": {"k": 5}}));
    assert_eq!(keys(e.unwrap_err()), ["metadata.k"]);
    let ok = new_subscription(
        &json!({"product_quantities": {"users": 1}, "metadata": {"order": "6735"}}),
    );
    assert_eq!(ok.unwrap().metadata.unwrap()["order"], "6735");
}

#[test]
fn a_change_is_exactly_one_operation() {
    assert!(matches!(
        subscription_change(&json!({"action": "pause"})),
        Ok(SubscriptionChange::Action {
            action: SubscriptionAction::Pause
        })
    ));
    let two = subscription_change(&json!({"action": "pause", "add_products": {"users": 1}}));
    assert!(two.unwrap_err()[0].message.contains("one change at a time"));
    let none = subscription_change(&json!({}));
    assert_eq!(keys(none.unwrap_err()), ["action"]);
    let meta_alone = subscription_change(&json!({"metadata": {"a": "b"}}));
    assert!(matches!(
        meta_alone,
        Ok(SubscriptionChange::Metadata { .. })
    ));
    let meta_with_q =
        subscription_change(&json!({"product_quantities": {"users": 2}, "metadata": {"a": "b"}}));
    assert!(matches!(
        meta_with_q,
        Ok(SubscriptionChange::Quantities {
            metadata: Some(_),
            ..
        })
    ));
    let meta_with_action = subscription_change(&json!({"action": "sync", "metadata": {"a": "b"}}));
    assert_eq!(keys(meta_with_action.unwrap_err()), ["metadata"]);
    let bad_action = subscription_change(&json!({"action": "explode"}));
    assert_eq!(keys(bad_action.unwrap_err()), ["action"]);
    let dup = subscription_change(&json!({"remove_products": ["sso", "sso"]}));
    assert_eq!(keys(dup.unwrap_err()), ["remove_products.1"]);
    let four = subscription_change(&json!({"remove_products": ["sso", "users", "locations", "x"]}));
    assert_eq!(keys(four.unwrap_err()), ["remove_products"]);
    let add_zero = subscription_change(&json!({"add_products": {"users": 0}}));
    assert_eq!(keys(add_zero.unwrap_err()), ["add_products.users"]);
}

#[test]
fn a_preview_takes_zero_to_remove_and_needs_every_part_of_an_item() {
    let ok = preview(&json!({"subscription_id": "sub_1", "items": [
        {"product_type": "users", "quantity": 0, "interval": "month"}]}))
    .unwrap();
    assert_eq!(ok.items[0].quantity, 0);
    let e = preview(&json!({"items": [{"product_type": "robots", "interval": "week"}]}));
    assert_eq!(
        keys(e.unwrap_err()),
        [
            "items.0.product_type",
            "items.0.quantity",
            "items.0.interval"
        ]
    );
    assert_eq!(keys(preview(&json!({"items": []})).unwrap_err()), ["items"]);
    assert_eq!(
        keys(
            preview(&json!({"subscription_id": "cus_1", "items": [
            {"product_type": "users", "quantity": 1, "interval": "year"}]}))
            .unwrap_err()
        ),
        ["subscription_id"]
    );
}

#[test]
fn pairs_and_limits() {
    let m = quantities_json("locations=5, users=25").unwrap();
    assert_eq!(m["users"], json!(25));
    assert_eq!(
        quantities_json("users=five").unwrap()["users"],
        json!("five")
    );
    assert_eq!(metadata_json("order=6735").unwrap()["order"], json!("6735"));
    assert!(parse_pairs("users").unwrap_err().contains("name=value"));
    assert!(
        parse_pairs("users=1,users=2")
            .unwrap_err()
            .contains("twice")
    );
    assert_eq!(invoice_limit(200), Ok(200));
    assert!(invoice_limit(0).is_err());
    assert!(invoice_limit(201).is_err());
}
