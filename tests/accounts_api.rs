//! Workspaces and billing accounts through the API client against the
//! sandbox over loopback: the round trip, the workspace's default
//! currency, the modes' caps (409), the 401/404/422 paths, long lists, and
//! the sandbox's own persistence and loopback rule.

use alto::api::model::{BillingMode, Currency};
use alto::api::{ApiClient, Token};
use alto::rules::{Field, validate_patch};
use alto::sandbox::{self, SandboxOptions, Seed};

mod common;
use common::sandbox::{client, demo, key, new_account, workspace_with};

#[tokio::test]
async fn workspaces_list_and_get() {
    let sb = demo().await;
    let c = client(&sb);
    let list = c.list_workspaces().await.unwrap();
    assert!(list.data.len() >= 30);
    assert!(!list.has_more);
    let first = &list.data[0];
    let got = c.get_workspace(&first.id).await.unwrap();
    assert_eq!(&got, first);
    let err = c.get_workspace("ws_does_not_exist").await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.exit_code(), 3);
}

#[tokio::test]
async fn create_get_update_delete_round_trip() {
    let sb = demo().await;
    let c = client(&sb);
    let ws = workspace_with(&c, BillingMode::Pooled, 0).await;

    let mut input = new_account("ACME Corp (EU)");
    input.phone = "+442071234567".into();
    input.description = "For all European operations.".into();
    input.currency = "eur".into();
    input.country = "US".into();
    input.line1 = "123 Main Street".into();
    input.line2 = "Suite 456".into();
    input.city = "San Francisco".into();
    input.state = "CA".into();
    input.postal_code = "94105".into();
    let created = c
        .create_account(&ws, &input.validate().unwrap(), &key())
        .await
        .unwrap();
    assert!(created.id.starts_with("cus_"), "{}", created.id);
    assert_eq!(created.workspace_id, ws);
    assert_eq!(created.currency.as_deref(), Some("eur"));
    let addr = created.address.clone().unwrap();
    assert_eq!(addr.postal_code.as_deref(), Some("94105"));
    assert!(
        created.created_at.parse::<jiff::Timestamp>().is_ok(),
        "RFC 3339"
    );
    assert!(created.created_at.ends_with('Z') && created.created_at.contains('.'));

    assert_eq!(c.get_account(&ws, &created.id).await.unwrap(), created);
    let listed = c.list_accounts(&ws).await.unwrap();
    assert_eq!(listed.data, vec![created.clone()]);

    let patch = validate_patch(&[
        (Field::Name, "ACME EU".into()),
        (Field::Phone, "".into()),
        (Field::City, "Oakland".into()),
    ])
    .unwrap();
    let updated = c.update_account(&ws, &created.id, &patch).await.unwrap();
    assert_eq!(updated.name, "ACME EU");
    assert_eq!(updated.phone, None);
    assert_eq!(
        updated.address.as_ref().unwrap().city.as_deref(),
        Some("Oakland")
    );
    assert_eq!(
        updated.address.as_ref().unwrap().line1.as_deref(),
        Some("123 Main Street")
    );
    assert_eq!(
        updated.currency.as_deref(),
        Some("eur"),
        "currency never changes"
    );

    c.delete_account(&ws, &created.id).await.unwrap();
    assert_eq!(sb.served().last().unwrap().status, 204);
    let gone = c.get_account(&ws, &created.id).await.unwrap_err();
    assert_eq!(gone.status(), Some(404));
    let again = c.delete_account(&ws, &created.id).await.unwrap_err();
    assert_eq!(again.status(), Some(404));
}

#[tokio::test]
async fn omitted_currency_takes_the_workspace_default() {
    let sb = demo().await;
    let c = client(&sb);
    let za = c
        .list_workspaces()
        .await
        .unwrap()
        .data
        .into_iter()
        .find(|w| w.name == "Cape Town Wireless")
        .unwrap();
    let a = c
        .create_account(
            &za.id,
            &new_account("Default currency").validate().unwrap(),
            &key(),
        )
        .await
        .unwrap();
    assert_eq!(a.currency.as_deref(), Some(Currency::Zar.code()));
}

#[tokio::test]
async fn wrong_or_missing_token_is_401() {
    let sb = sandbox::start(SandboxOptions {
        token: Some("right".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let wrong = ApiClient::new(&sb.url(), Token::new("wrong")).unwrap();
    let err = wrong.list_workspaces().await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        err.body().unwrap().message.as_deref().map(String::as_str),
        Some("Unauthorized or invalid token provided.")
    );
    let right = ApiClient::new(&sb.url(), Token::new("right")).unwrap();
    assert!(right.list_workspaces().await.is_ok());
    // Without --token any non-empty token is accepted, an empty one is not.
    let open = demo().await;
    let empty = ApiClient::new(&open.url(), Token::new(" ")).unwrap();
    assert_eq!(
        empty.list_workspaces().await.unwrap_err().status(),
        Some(401)
    );
}

#[tokio::test]
async fn single_workspace_refuses_a_second_account_with_409() {
    let sb = demo().await;
    let c = client(&sb);
    let ws = workspace_with(&c, BillingMode::Single, 1).await;
    let err = c
        .create_account(&ws, &new_account("Second").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
    let body = err.body().unwrap();
    assert_eq!(body.code.as_deref(), Some("billing_account_limit_reached"));
    assert!(body.message.as_deref().unwrap().contains("single"));
}

#[tokio::test]
async fn pooled_workspace_holds_at_most_ten() {
    let sb = demo().await;
    let c = client(&sb);
    let ws = workspace_with(&c, BillingMode::Pooled, 0).await;
    for i in 0..10 {
        c.create_account(
            &ws,
            &new_account(&format!("A{i}")).validate().unwrap(),
            &key(),
        )
        .await
        .unwrap();
    }
    let err = c
        .create_account(&ws, &new_account("Eleventh").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
}

#[tokio::test]
async fn sandbox_answers_422_with_nested_field_errors() {
    let sb = demo().await;
    let ws = sb.snapshot().workspaces[7].workspace.id.clone();
    // Sent raw, past the client's own checks, as another program might.
    let resp = {
        alto::api::client::install_tls_provider();
        reqwest::Client::new()
    }
    .post(format!("{}/workspaces/{ws}/billing-accounts", sb.url()))
    .bearer_auth("demo")
    .header("content-type", "application/json")
    .body(
        serde_json::to_vec(&serde_json::json!({
            "name": "n".repeat(101),
            "email": "not an email",
            "phone": 5,
            "currency": "EUR",
            "address": {"country": "UK", "city": null}
        }))
        .unwrap(),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status().as_u16(), 422);
    let body: serde_json::Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    let errors = body["errors"].as_object().unwrap();
    let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["address.country", "currency", "email", "name", "phone"]
    );
    assert_eq!(
        errors["name"][0],
        "The name field must not be greater than 100 characters."
    );
    assert_eq!(errors["phone"][0], "The phone field must be a string.");
    assert!(
        errors["address.country"][0]
            .as_str()
            .unwrap()
            .contains("GB")
    );
    assert!(body["message"].as_str().unwrap().contains("4 more errors"));
    assert_eq!(sb.count("POST"), 1);
    assert!(
        !sb.snapshot().accounts.contains_key(&ws),
        "nothing was created"
    );
}

#[tokio::test]
async fn client_reads_the_sandbox_422_into_field_errors() {
    let sb = demo().await;
    let c = client(&sb);
    let ws = sb.snapshot().workspaces[7].workspace.id.clone();
    // An email the client's shape check lets through but the name is too long
    // once the server counts it: forge a body to prove the mapping.
    let mut body = new_account("ok").validate().unwrap();
    body.name = "x".repeat(101);
    body.address = Some(alto::api::model::Address {
        country: Some("XX".into()),
        ..Default::default()
    });
    let err = c.create_account(&ws, &body, &key()).await.unwrap_err();
    let fields = err.field_errors().unwrap();
    assert!(fields.contains_key("name"));
    assert_eq!(Field::from_key("address.country"), Some(Field::Country));
    assert!(fields.contains_key("address.country"));
}

#[tokio::test]
async fn delete_with_active_subscriptions_is_refused_stripe_style() {
    let sb = demo().await;
    let c = client(&sb);
    let snap = sb.snapshot();
    let (ws, rec) = snap
        .accounts
        .iter()
        .find_map(|(ws, v)| {
            v.iter()
                .find(|r| {
                    snap.billing
                        .get(&r.account.id)
                        .is_some_and(|b| b.subscriptions.iter().any(|s| s.is_live()))
                })
                .map(|r| (ws.clone(), r.clone()))
        })
        .unwrap();
    let err = c.delete_account(&ws, &rec.account.id).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    let body = err.body().unwrap();
    assert_eq!(body.kind.as_deref(), Some("unprocessable_entity"));
    assert_eq!(body.code.as_deref(), Some("active_subscriptions_exist"));
    assert!(body.doc_url.is_some());
}

#[tokio::test]
async fn long_lists_are_cut_with_has_more() {
    let sb = sandbox::start(SandboxOptions {
        seed: Seed::Generated(120),
        list_limit: 100,
        ..Default::default()
    })
    .await
    .unwrap();
    let list = client(&sb).list_workspaces().await.unwrap();
    assert_eq!(list.data.len(), 100);
    assert!(list.has_more);
}

#[tokio::test]
async fn sandbox_persists_atomically_and_keeps_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("sandbox.json");
    let opts = SandboxOptions {
        data: Some(data.clone()),
        ..Default::default()
    };
    let sb = sandbox::start(opts.clone()).await.unwrap();
    let c = client(&sb);
    let ws = workspace_with(&c, BillingMode::Pooled, 0).await;
    let a = c
        .create_account(&ws, &new_account("Persisted").validate().unwrap(), &key())
        .await
        .unwrap();
    sb.stop().await;
    let sb = sandbox::start(opts.clone()).await.unwrap();
    assert_eq!(client(&sb).get_account(&ws, &a.id).await.unwrap(), a);
    sb.stop().await;
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");

    std::fs::write(&data, b"{ not json").unwrap();
    let err = sandbox::start(opts).await.err().unwrap();
    assert!(err.to_string().contains("left as it is"), "{err}");
    assert_eq!(std::fs::read(&data).unwrap(), b"{ not json");
}

#[tokio::test]
async fn sandbox_refuses_non_loopback_addresses() {
    let err = sandbox::start(SandboxOptions {
        addr: "0.0.0.0:0".parse().unwrap(),
        ..Default::default()
    })
    .await
    .err()
    .unwrap();
    assert!(err.to_string().contains("loopback"));
}
