//! Workspace administration through the client against the demo sandbox:
//! create, rename and archive workspaces; members and the role hierarchy,
//! with every documented refusal.

mod common;

use alto::api::model::{BillingMode, MemberRole, NewMember, NewWorkspace, Role, UpdateWorkspace};
use alto::sandbox::store::CALLER;
use common::sandbox::*;

#[tokio::test]
async fn a_created_workspace_is_the_callers_and_a_repeat_creates_one() {
    let sb = demo().await;
    let c = client(&sb);
    let body = NewWorkspace {
        name: "Research Lab".into(),
        billing_mode: BillingMode::Pooled,
        description: Some("For the next big thing.".into()),
    };
    let k = key();
    let w = c.create_workspace(&body, &k).await.unwrap();
    assert_eq!(c.create_workspace(&body, &k).await.unwrap(), w, "replayed");
    assert_eq!(w.billing_mode, Some(BillingMode::Pooled));
    assert_eq!(w.pooled_seat_limit, Some(0));
    let list = c.list_workspaces().await.unwrap().data;
    assert_eq!(list.iter().filter(|x| x.name == "Research Lab").count(), 1);
    let members = c.list_members(&w.id).await.unwrap().data;
    assert_eq!(members.len(), 1);
    assert_eq!(
        (members[0].user_id.as_str(), members[0].role()),
        (CALLER, Some(Role::Owner))
    );
}

#[tokio::test]
async fn renaming_needs_a_manager_and_an_archived_workspace_stays_as_it_is() {
    let sb = demo().await;
    let c = client(&sb);
    let rename = UpdateWorkspace {
        name: Some("Globex Europe".into()),
        description: Some(None),
    };
    let globex = ws(&sb, "Globex EU");
    let w = c.update_workspace(&globex, &rename).await.unwrap();
    assert_eq!((w.name.as_str(), w.description), ("Globex Europe", None));
    // The demo user is a viewer in Umbrella.
    let e = c
        .update_workspace(&ws(&sb, "Umbrella Health ZA"), &rename)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
    // Pied Piper has no accounts: it archives, and then cannot change.
    let piper = ws(&sb, "Pied Piper");
    c.archive_workspace(&piper).await.unwrap();
    let got = c.get_workspace(&piper).await.unwrap();
    assert!(got.archived && got.archived_at.is_some());
    let e = c.update_workspace(&piper, &rename).await.unwrap_err();
    assert_eq!(e.status(), Some(422));
}

#[tokio::test]
async fn archiving_a_workspace_with_live_subscriptions_is_refused_whole() {
    let sb = demo().await;
    let c = client(&sb);
    let e = c
        .archive_workspace(&ws(&sb, "ACME Corporation"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(409));
    let body = e.body().unwrap();
    assert_eq!(body.code.as_deref(), Some("workspace_not_empty"));
    let message = body.message.as_deref().unwrap();
    assert!(
        message.starts_with("Cannot archive workspace because billing account 'ACME Corporation Billing 001' has active subscriptions: sub_"),
        "{message}"
    );
    // Black Mesa has no subscriptions, but its organizations have usage.
    let e = c
        .archive_workspace(&ws(&sb, "Black Mesa"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(409));
    assert!(
        e.to_string()
            .contains("organization 'Region 0001' has active resource usage"),
        "{e}"
    );
    // Only an owner archives: the demo user is an admin in Initech.
    let e = c
        .archive_workspace(&ws(&sb, "Initech Legacy"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
}

#[tokio::test]
async fn members_follow_the_role_hierarchy_and_the_last_owner_stays() {
    let sb = demo().await;
    let c = client(&sb);
    let globex = ws(&sb, "Globex EU");
    let add = |user: &str, role| NewMember {
        user_id: user.into(),
        role,
    };
    let m = c
        .add_member(&globex, &add("auth0|new|user", Role::Viewer), &key())
        .await
        .unwrap();
    assert_eq!(m.role(), Some(Role::Viewer));
    let dup = c
        .add_member(&globex, &add("auth0|new|user", Role::Admin), &key())
        .await
        .unwrap_err();
    assert_eq!(dup.status(), Some(422), "already a member");
    // The id with its "|" reaches the member (percent-encoded in the path).
    let admin = MemberRole { role: Role::Admin };
    assert_eq!(
        c.set_member_role(&globex, "auth0|new|user", &admin)
            .await
            .unwrap()
            .role(),
        Some(Role::Admin)
    );
    // Globex's single owner is the demo user: not demoted, not removed.
    let viewer = MemberRole { role: Role::Viewer };
    let e = c
        .set_member_role(&globex, CALLER, &viewer)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(422));
    let e = c.remove_member(&globex, CALLER).await.unwrap_err();
    assert_eq!(
        e.body().unwrap().code.as_deref(),
        Some("cannot_remove_last_owner")
    );
    c.remove_member(&globex, "auth0|new|user").await.unwrap();
    assert_eq!(c.list_members(&globex).await.unwrap().data.len(), 1);
    // An admin (the demo user in Initech) makes no owner, and changes none.
    let initech = ws(&sb, "Initech Legacy");
    let e = c
        .add_member(&initech, &add("auth0|x", Role::Owner), &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
    let members = c.list_members(&initech).await.unwrap().data;
    let owner = members
        .iter()
        .find(|m| m.role() == Some(Role::Owner))
        .unwrap();
    let e = c
        .set_member_role(&initech, &owner.user_id, &viewer)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
    let missing = c
        .set_member_role(&initech, "auth0|nobody", &viewer)
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

/// What lets the contract test leave ST301 (use after free) off for reads
/// under a workspace: the hard deletes are gone (404), the archive is not.
#[tokio::test]
async fn hard_deletes_are_gone_and_an_archived_workspace_stays_readable() {
    use alto::api::model::NewBillingAccount;
    let sb = demo().await;
    let c = client(&sb);
    let body = NewWorkspace {
        name: "Short Lived".into(),
        billing_mode: BillingMode::Single,
        description: None,
    };
    let w = c.create_workspace(&body, &key()).await.unwrap().id;
    let account = NewBillingAccount {
        name: "Short Co".into(),
        email: "short@example.com".into(),
        phone: None,
        description: None,
        currency: None,
        address: None,
    };
    let a = c.create_account(&w, &account, &key()).await.unwrap().id;
    let org = alto::api::model::NewOrganization {
        name: "Short Org".into(),
        billing_account_id: Some(a.clone()),
        limits: None,
        picture: None,
        branding: None,
    };
    let o = c.create_organization(&w, &org, &key()).await.unwrap().id;
    let member = NewMember {
        user_id: "auth0|short-lived".into(),
        role: Role::Viewer,
    };
    c.add_member(&w, &member, &key()).await.unwrap();

    c.delete_organization(&w, &o).await.unwrap();
    assert_eq!(
        c.get_organization(&w, &o).await.unwrap_err().status(),
        Some(404)
    );
    c.remove_member(&w, &member.user_id).await.unwrap();
    let e = c.remove_member(&w, &member.user_id).await.unwrap_err();
    assert_eq!(e.status(), Some(404));
    c.delete_account(&w, &a).await.unwrap();
    assert_eq!(c.get_account(&w, &a).await.unwrap_err().status(), Some(404));

    c.archive_workspace(&w).await.unwrap();
    assert!(c.get_workspace(&w).await.unwrap().archived);
    assert_eq!(c.list_members(&w).await.unwrap().data.len(), 1, "its owner");
    assert!(c.list_accounts(&w).await.unwrap().data.is_empty());
    assert!(c.list_organizations(&w).await.unwrap().data.is_empty());
}
