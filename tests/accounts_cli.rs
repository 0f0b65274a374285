//! Billing accounts from the real `alto` binary against an in-process
//! sandbox: create (flags, a file, the documented limits), list, update,
//! delete, the duplicate guard, a workspace by name, a lost answer looked
//! up, with the exit codes the README promises.

use alto::sandbox::{self, SandboxOptions};

mod common;

use common::cli::*;

#[tokio::test]
async fn create_with_every_flag_prints_the_account() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "--workspace",
            &ws,
            "--name",
            "ACME Corp (EU)",
            "--email",
            "billing-eu@acme.com",
            "--phone",
            "+442071234567",
            "--description",
            "For all European operations.",
            "--currency",
            "EUR",
            "--country",
            "gb",
            "--line1",
            "123 Main Street",
            "--line2",
            "Suite 456",
            "--city",
            "London",
            "--state",
            "LDN",
            "--postal-code",
            "EC1A 1BB",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(a["id"].as_str().unwrap().starts_with("cus_"));
    assert_eq!(a["currency"], "eur", "currency normalised to lower case");
    assert_eq!(
        a["address"]["country"], "GB",
        "country normalised to upper case"
    );
    assert_eq!(a["address"]["postal_code"], "EC1A 1BB");
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn a_101_character_name_is_refused_with_exit_2_and_nothing_sent() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let long = "n".repeat(101);
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            &long,
            "--email",
            "nope",
            "--country",
            "UK",
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nothing was sent"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("name: The name field must not be greater than 100 characters.")
    );
    assert!(
        r.stderr
            .contains("email: The email field must be a valid email address.")
    );
    assert!(r.stderr.contains("Did you mean GB (United Kingdom)?"));
    assert!(
        sb.served().is_empty(),
        "no request at all: {:?}",
        sb.served()
    );
}

#[tokio::test]
async fn create_from_file_with_flag_override() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(
        &file,
        r#"{"name":"From File","email":"file@example.com","currency":"zar","address":{"country":"ZA","city":"Cape Town"}}"#,
    )
    .unwrap();
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--from-file",
            file.to_str().unwrap(),
            "--name",
            "Flag Wins",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Flag Wins"));
    assert!(r.stdout.contains("Cape Town"));

    std::fs::write(&file, r#"{"name": 5, "email": "x@y"}"#).unwrap();
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--from-file",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("name: The name field must be a string."),
        "{}",
        r.stderr
    );
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn lists_print_tables_and_json() {
    let sb = demo().await;
    let r = run(&sb, &["workspaces", "list"]).await;
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with("ID") && first.contains("NAME") && first.contains("MODE"));
    assert!(r.stdout.contains("ACME Corporation"));
    let ws = workspace_named(&sb, "Initech Legacy");
    let r = run(&sb, &["accounts", "list", "-w", &ws, "--json"]).await;
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["data"].as_array().unwrap().len(), 500);
    assert_eq!(v["has_more"], true);
    let r = run(&sb, &["accounts", "list", "-w", &ws]).await;
    assert!(r.stderr.contains("documents no paging"), "{}", r.stderr);
}

#[tokio::test]
async fn update_and_delete() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Hooli");
    let id = sb.snapshot().accounts[&ws][1].account.id.clone();
    let r = run(
        &sb,
        &[
            "accounts", "update", "-w", &ws, &id, "--name", "Renamed", "--phone", "",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Renamed"));
    let r = run(
        &sb,
        &["accounts", "update", "-w", &ws, &id, "--currency", "usd"],
    )
    .await;
    assert_eq!(r.code, 2);
    // Not at a terminal and no --yes: refused, nothing sent.
    let r = run(&sb, &["accounts", "delete", "-w", &ws, &id]).await;
    assert_eq!(r.code, 2);
    assert_eq!(sb.count("DELETE"), 0);
    let r = run(&sb, &["accounts", "delete", "-w", &ws, &id, "--yes"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("DELETE"), 1);
}

#[tokio::test]
async fn an_unclear_create_is_looked_up_and_said_done_without_a_resend() {
    let sb = sandbox::start(SandboxOptions {
        faults: vec!["create-500".parse().unwrap()],
        ..Default::default()
    })
    .await
    .unwrap();
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts", "create", "-w", &ws, "--name", "Unclear", "--email", "u@x.co",
        ],
    )
    .await;
    // The server made it and answered 500: looked up, found, shown.
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("HTTP 500") && r.stderr.contains("looked up: it was done"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("Unclear") && r.stdout.contains("cus_"),
        "{}",
        r.stdout
    );
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn input_files_are_capped() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &["accounts", "create", "-w", &ws, "--from-file", "/dev/zero"],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("larger than 1 MiB"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), 0);
}

#[tokio::test]
async fn a_created_id_that_is_not_cus_is_printed_with_a_warning() {
    let sb = with_faults(&["create-bad-id"]).await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            "Odd Id",
            "--email",
            "odd@example.com",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("acct_"), "shown: {}", r.stdout);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("does not start with cus_"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn a_duplicate_is_refused_before_anything_is_sent_unless_allowed() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let url = sb.url();
    let env = [
        ("ALTOSTRAT_API_URL", url.as_str()),
        ("ALTOSTRAT_TOKEN", "demo"),
    ];
    let ws = sb
        .snapshot()
        .workspaces
        .iter()
        .find(|w| w.workspace.name == "Hooli")
        .unwrap()
        .workspace
        .id
        .clone();
    let existing = sb.snapshot().accounts[&ws][0].account.clone();
    // The same email in another case, under another name.
    let shouted = existing.email.to_uppercase();
    let args = [
        "accounts",
        "create",
        "--workspace",
        &ws,
        "--name",
        "Someone Else",
        "--email",
        &shouted,
    ];
    let r = alto(&env, &args).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&existing.id) && r.stderr.contains("the same email"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--allow-duplicate"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), 0, "nothing sent");
    assert_eq!(sb.count("GET"), 1, "one GET of the workspace's accounts");
    // The same name with other spacing.
    let spaced = format!("  {}  ", existing.name.replace(' ', "   "));
    let r = alto(
        &env,
        &[
            "accounts",
            "create",
            "--workspace",
            &ws,
            "--name",
            &spaced,
            "--email",
            "new@hooli.example",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("the same name"), "{}", r.stderr);
    let mut allowed = args.to_vec();
    allowed.push("--allow-duplicate");
    let r = alto(&env, &allowed).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn a_workspace_is_taken_by_its_name_and_an_ambiguous_one_sends_nothing() {
    let sb = demo().await;
    let hooli = workspace_named(&sb, "Hooli");
    // Any case, extra spaces: the one named so.
    let r = run(
        &sb,
        &["accounts", "list", "-w", "  hooli ", "--output", "json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(!listed["data"].as_array().unwrap().is_empty());
    assert!(
        listed["data"][0]["workspace_id"] == hooli.as_str(),
        "{}",
        r.stdout
    );
    assert_eq!(
        sb.count("GET"),
        2,
        "the list of workspaces, then the accounts"
    );
    // An id is used as given: no lookup.
    let r = run(&sb, &["workspaces", "get", &hooli, "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("GET"), 3);
    // Two workspaces with one name: both listed, nothing sent.
    let twin = run(
        &sb,
        &[
            "workspaces",
            "create",
            "--name",
            "HOOLI",
            "--billing-mode",
            "pooled",
            "--json",
        ],
    )
    .await;
    assert_eq!(twin.code, 0, "{}", twin.stderr);
    let posts = sb.count("POST");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            "Hooli",
            "--name",
            "N",
            "--email",
            "n@x.example",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 workspaces are named \"Hooli\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&hooli), "{}", r.stderr);
    assert_eq!(sb.count("POST"), posts, "nothing sent");
    // A part of a name is not a match, but is offered.
    let r = run(&sb, &["workspaces", "archive", "Hoo", "--yes"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("no workspace is named \"Hoo\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&hooli), "suggested: {}", r.stderr);
    assert_eq!(sb.count("DELETE"), 0);
}
