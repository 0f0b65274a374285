//! `alto workspaces create|update|archive` and `alto members …` as other
//! programs call them: the documented shape, exit codes 0, 2 (nothing
//! sent) and 3 (refused, in full).

mod common;

use common::cli::*;

#[tokio::test]
async fn workspaces_are_created_renamed_and_archived_with_refusals_in_full() {
    let sb = demo().await;
    let r = run(
        &sb,
        &[
            "workspaces",
            "create",
            "--name",
            "Research Lab",
            "--billing-mode",
            "pooled",
            "--description",
            "R&D",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let id = w["id"].as_str().unwrap().to_string();
    assert_eq!(w["billing_mode"], "pooled");
    let r = run(
        &sb,
        &[
            "workspaces",
            "update",
            &id,
            "--name",
            "Research",
            "--description",
            "",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Research") && !r.stdout.contains("R&D"),
        "{}",
        r.stdout
    );
    let before = sb.served().len();
    let long = "n".repeat(51);
    let r = run(
        &sb,
        &[
            "workspaces",
            "create",
            "--name",
            &long,
            "--billing-mode",
            "metered",
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("name: The name field must not be greater than 50 characters."),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("billing_mode"), "{}", r.stderr);
    assert_eq!(sb.served().len(), before, "nothing sent");
    let acme = workspace_named(&sb, "ACME Corporation");
    let r = run(&sb, &["workspaces", "archive", &acme, "--yes"]).await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("workspace_not_empty"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Please cancel or transfer these subscriptions before archiving."),
        "whole: {}",
        r.stderr
    );
    let r = run(&sb, &["workspaces", "archive", &id]).await;
    assert_eq!(r.code, 2, "not at a terminal: --yes needed");
    let r = run(&sb, &["workspaces", "archive", &id, "--yes"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[tokio::test]
async fn members_are_added_re_roled_and_removed_but_never_the_last_owner() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Globex EU");
    let r = run(
        &sb,
        &[
            "members",
            "add",
            "--workspace",
            &ws,
            "--user",
            "auth0|abcdef1234567890",
            "--role",
            "viewer",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(
        &sb,
        &[
            "members",
            "role",
            "--workspace",
            &ws,
            "auth0|abcdef1234567890",
            "--role",
            "admin",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("admin"), "{}", r.stdout);
    let r = run(&sb, &["members", "list", "--workspace", &ws]).await;
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with("auth0|abcdef1234567890"))
        .unwrap();
    assert!(row.contains(" admin "), "{}", r.stdout);
    let r = run(
        &sb,
        &[
            "members",
            "add",
            "--workspace",
            &ws,
            "--user",
            "x",
            "--role",
            "god",
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("role: The role field must be owner, admin or viewer."),
        "{}",
        r.stderr
    );
    let owner = alto::sandbox::store::CALLER;
    let r = run(
        &sb,
        &["members", "remove", "--workspace", &ws, owner, "--yes"],
    )
    .await;
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains(
            "You cannot remove the last owner of the workspace. Please transfer ownership first."
        ),
        "{}",
        r.stderr
    );
    let r = run(
        &sb,
        &[
            "members",
            "remove",
            "--workspace",
            &ws,
            "auth0|abcdef1234567890",
            "--yes",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&sb, &["members", "remove", "--workspace", &ws, ".."]).await;
    assert_eq!(r.code, 2, "not an id: {}", r.stderr);
}

#[tokio::test]
async fn a_403_on_a_member_change_says_which_rule_applies() {
    let sb = demo().await;
    // The demo user is a viewer of Umbrella Health ZA.
    let ws = workspace_named(&sb, "Umbrella Health ZA");
    let other = sb.snapshot().members[&ws]
        .iter()
        .find(|m| m.user_id != alto::sandbox::store::CALLER)
        .unwrap()
        .user_id
        .clone();
    let r = run(
        &sb,
        &["members", "role", "-w", &ws, &other, "--role", "admin"],
    )
    .await;
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the rule: only owners and admins change roles"),
        "{}",
        r.stderr
    );
}
