//! Organizations through the client against the demo sandbox: the trees
//! (flat to 10 deep), usage that adds up, limits and their context, every
//! documented refusal, replay by Idempotency-Key, and the usage PDF.

mod common;

use alto::api::model::{NewOrganization, Organization, UpdateOrganization};
use alto::api::{ApiClient, ApiError, Token};
use common::sandbox::*;

fn code(e: &ApiError) -> Option<String> {
    e.body().and_then(|b| b.code.clone())
}

fn named<'a>(orgs: &'a [Organization], name: &str) -> &'a Organization {
    orgs.iter().find(|o| o.name == name).unwrap()
}

fn new(name: &str) -> NewOrganization {
    NewOrganization {
        name: name.into(),
        ..NewOrganization::default()
    }
}

#[tokio::test]
async fn subtree_usage_adds_up_at_every_level() {
    let sb = demo().await;
    let c = client(&sb);
    for name in ["ACME Corporation", "Stark Industries", "Black Mesa"] {
        let orgs = c.list_organizations(&ws(&sb, name)).await.unwrap().data;
        for o in &orgs {
            for p in ["locations", "users", "sso"] {
                let below: i64 = orgs
                    .iter()
                    .filter(|x| x.parent_org_id.as_deref() == Some(o.id.as_str()))
                    .map(|x| x.subtree_used(p))
                    .sum();
                assert_eq!(o.subtree_used(p), o.own_used(p) + below, "{} {p}", o.name);
            }
        }
    }
    let mesa = c.list_organizations(&ws(&sb, "Black Mesa")).await.unwrap();
    assert_eq!(mesa.data.len(), 1000);
    assert!(!mesa.has_more);
    assert_eq!(mesa.data.iter().map(|o| o.depth).max(), Some(9));
}

#[tokio::test]
async fn the_ten_levels_of_stark_and_their_parents() {
    let sb = demo().await;
    let c = client(&sb);
    let stark = ws(&sb, "Stark Industries");
    let orgs = c.list_organizations(&stark).await.unwrap().data;
    let b3 = named(&orgs, "Building 3");
    assert_eq!(b3.depth, 5);
    assert_eq!(b3.path.as_deref().unwrap().split('#').count(), 5);
    let up = c.get_parent_organization(&stark, &b3.id).await.unwrap();
    assert_eq!(up.name, "Mitte Campus");
    let top = named(&orgs, "Stark Global");
    let e = c
        .get_parent_organization(&stark, &top.id)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404), "a root has no parent");
    // Shelf 1 is at depth 9: no child below it.
    let shelf = named(&orgs, "Shelf 1");
    let e = c
        .create_child_organization(&stark, &shelf.id, &new("Bin"), &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(409));
    assert_eq!(
        code(&e).as_deref(),
        Some("organization_depth_limit_reached")
    );
    // Rack 7 (depth 8) takes one.
    let rack = named(&orgs, "Rack 7");
    let bin = c
        .create_child_organization(&stark, &rack.id, &new("Bin"), &key())
        .await
        .unwrap();
    assert_eq!(
        (bin.depth, bin.parent_org_id.as_deref()),
        (9, Some(rack.id.as_str()))
    );
    assert!(bin.path.unwrap().ends_with(&rack.id));
}

#[tokio::test]
async fn limits_name_the_binding_context_and_say_no_limit_and_disabled() {
    let sb = demo().await;
    let c = client(&sb);
    let acme = ws(&sb, "ACME Corporation");
    let orgs = c.list_organizations(&acme).await.unwrap().data;
    let eng = named(&orgs, "Engineering Department");
    let l = c.get_organization_limits(&acme, &eng.id).await.unwrap();
    assert_eq!(l.organization_name, "Engineering Department");
    let line = |p: &str| l.limits.iter().find(|x| x.product == p).unwrap().clone();
    let users = line("users");
    assert_eq!(
        (users.used, users.org_limit, users.total),
        (19, Some(50), 50)
    );
    assert_eq!(users.direct, Some(8));
    assert_eq!(users.free, 31);
    assert_eq!(line("sso").org_limit, Some(0), "disabled");
    assert_eq!(line("sso").total, 0);
    assert_eq!(l.context.unwrap().kind, "organization");
    // Platform Team limits users to 12 itself; Engineering's 10 locations bind it.
    let platform = named(&orgs, "Platform Team");
    let l = c
        .get_organization_limits(&acme, &platform.id)
        .await
        .unwrap();
    let locations = l.limits.iter().find(|x| x.product == "locations").unwrap();
    assert_eq!((locations.org_limit, locations.total), (None, 10));
}

#[tokio::test]
async fn a_root_needs_the_account_its_workspaces_mode_asks_for() {
    let sb = demo().await;
    let c = client(&sb);
    let wayne = ws(&sb, "Wayne Enterprises");
    let e = c
        .create_organization(&wayne, &new("Arkham"), &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(422));
    assert!(e.to_string().contains("required"), "{e}");
    let account = sb.snapshot().accounts[&wayne][0].account.id.clone();
    let body = NewOrganization {
        billing_account_id: Some(account.clone()),
        ..new("Arkham")
    };
    let k = key();
    let made = c.create_organization(&wayne, &body, &k).await.unwrap();
    assert_eq!(made.billing_account_id.as_deref(), Some(account.as_str()));
    assert_eq!(
        c.create_organization(&wayne, &body, &k).await.unwrap(),
        made,
        "replayed, not made twice"
    );
    let all = c.list_organizations(&wayne).await.unwrap().data;
    assert_eq!(all.iter().filter(|o| o.name == "Arkham").count(), 1);
    let stranger = NewOrganization {
        billing_account_id: Some("cus_nobody".into()),
        ..new("Elsewhere")
    };
    let e = c
        .create_organization(&wayne, &stranger, &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(422));
    // Pooled: no account at the top.
    let pooled = c
        .create_organization(&ws(&sb, "ACME Corporation"), &body, &key())
        .await
        .unwrap_err();
    assert_eq!(pooled.status(), Some(422));
    // The 1,001st organization of Black Mesa.
    let e = c
        .create_organization(&ws(&sb, "Black Mesa"), &new("One too many"), &key())
        .await
        .unwrap_err();
    assert_eq!(code(&e).as_deref(), Some("organization_limit_reached"));
}

#[tokio::test]
async fn a_parent_takes_100_children_and_no_more() {
    let sb = demo().await;
    // 102 requests: past the client's budget of 60 a minute, which is not
    // what this is about.
    let opts = alto::api::ClientOptions {
        per_minute: 1000,
        ..alto::api::ClientOptions::default()
    };
    let c = ApiClient::with_options(&sb.url(), Token::new("demo"), opts).unwrap();
    let acme = ws(&sb, "ACME Corporation");
    let sales = named(&c.list_organizations(&acme).await.unwrap().data, "Sales")
        .id
        .clone();
    for i in 0..100 {
        c.create_child_organization(&acme, &sales, &new(&format!("Rep {i}")), &key())
            .await
            .unwrap();
    }
    let e = c
        .create_child_organization(&acme, &sales, &new("Rep 100"), &key())
        .await
        .unwrap_err();
    assert_eq!(
        code(&e).as_deref(),
        Some("organization_children_limit_reached")
    );
}

#[tokio::test]
async fn updates_merge_limits_and_deletes_refuse_usage() {
    let sb = demo().await;
    let c = client(&sb);
    let acme = ws(&sb, "ACME Corporation");
    let orgs = c.list_organizations(&acme).await.unwrap().data;
    let eng = named(&orgs, "Engineering Department");
    let patch = UpdateOrganization {
        name: Some("Platform Engineering".into()),
        limits: Some(
            [("users".into(), Some(60)), ("sso".into(), None)]
                .into_iter()
                .collect(),
        ),
        ..UpdateOrganization::default()
    };
    let got = c.update_organization(&acme, &eng.id, &patch).await.unwrap();
    assert_eq!(got.name, "Platform Engineering");
    assert_eq!(got.limit("users"), Some(60));
    assert_eq!(got.limit("locations"), Some(10), "kept");
    assert_eq!(got.limit("sso"), None, "null removes it");
    let e = c.delete_organization(&acme, &eng.id).await.unwrap_err();
    assert_eq!(e.status(), Some(409));
    assert_eq!(code(&e).as_deref(), Some("organization_has_usage"));
    assert!(e.to_string().contains("Platform Engineering"), "{e}");
    let sales = named(&orgs, "Sales");
    c.delete_organization(&acme, &sales.id).await.unwrap();
    let e = c.get_organization(&acme, &sales.id).await.unwrap_err();
    assert_eq!(e.status(), Some(404));
}

#[tokio::test]
async fn the_usage_report_is_a_pdf_and_a_non_pdf_answer_is_refused() {
    let sb = demo().await;
    let c = client(&sb);
    let pdf = c
        .organization_usage_pdf(&ws(&sb, "Stark Industries"))
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("Shelf 1"));
    let served = sb.served();
    let last = served.last().unwrap();
    assert!(last.path.ends_with("/organizations/usage.pdf"), "{last:?}");
    // A server answering HTML is not saved as a PDF.
    let app = axum::Router::new().fallback(|| async { "<html>login</html>" });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let other = ApiClient::new(&format!("http://{addr}"), Token::new("t")).unwrap();
    let e = other.organization_usage_pdf("ws_1").await.unwrap_err();
    assert!(e.to_string().contains("not a PDF"), "{e}");
}
