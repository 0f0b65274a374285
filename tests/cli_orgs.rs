//! `alto orgs …` as other programs call it: the tree, limits, every rule
//! checked before anything is sent (exit 2), refusals in full (exit 3),
//! and the usage report that never overwrites a file without --force.

mod common;

use common::cli::*;

fn posts(sb: &alto::sandbox::RunningSandbox) -> usize {
    sb.served().iter().filter(|s| s.method != "GET").count()
}

fn org_id(sb: &alto::sandbox::RunningSandbox, ws: &str, name: &str) -> String {
    sb.snapshot().orgs[ws]
        .iter()
        .find(|o| o.name == name)
        .unwrap()
        .id
        .clone()
}

#[tokio::test]
async fn the_tree_is_listed_parents_first_and_indented() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Stark Industries");
    let r = run(&sb, &["orgs", "list", "-w", &ws]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("NAME"));
    assert!(lines[1].starts_with("Stark Global "));
    assert!(
        lines[6].starts_with("          Building 3 "),
        "{}",
        lines[6]
    );
    assert!(
        lines[6].contains("0/disabled") && lines[6].contains("5/8"),
        "{}",
        lines[6]
    );
    let r = run(
        &sb,
        &["orgs", "limits", "-w", &ws, &org_id(&sb, &ws, "Building 3")],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("disabled") && r.stdout.contains("bound by"),
        "{}",
        r.stdout
    );
    let top = org_id(&sb, &ws, "Stark Global");
    let r = run(&sb, &["orgs", "parent", "-w", &ws, &top]).await;
    assert_eq!(r.code, 3, "a root has no parent: {}", r.stderr);
}

#[tokio::test]
async fn broken_rules_are_all_told_and_nothing_is_sent() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Wayne Enterprises");
    let r = run(
        &sb,
        &[
            "orgs",
            "create",
            "-w",
            &ws,
            "--name",
            "",
            "--limit",
            "users=-1",
            "--primary-color",
            "blue",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    for key in [
        "name:",
        "limits.users:",
        "branding.colors.primary:",
        "billing_account_id:",
    ] {
        assert!(r.stderr.contains(key), "{key} in {}", r.stderr);
    }
    assert_eq!(posts(&sb), 0, "only the workspace was read");
    let account = sb.snapshot().accounts[&ws][0].account.id.clone();
    let r = run(
        &sb,
        &[
            "orgs",
            "create",
            "-w",
            &ws,
            "--name",
            "Arkham",
            "--billing-account",
            &account,
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let made: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(made["billing_account_id"], account.as_str());
    let r = run(
        &sb,
        &[
            "orgs",
            "child",
            "-w",
            &ws,
            made["id"].as_str().unwrap(),
            "--name",
            "Cells",
            "--limit",
            "sso=0",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0/disabled"), "{}", r.stdout);
}

#[tokio::test]
async fn a_delete_refused_for_usage_is_said_whole() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "ACME Corporation");
    let eng = org_id(&sb, &ws, "Engineering Department");
    let r = run(&sb, &["orgs", "delete", "-w", &ws, &eng, "--yes"]).await;
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("organization_has_usage") || r.stderr.contains("active resource usage"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Engineering Department"), "{}", r.stderr);
    let r = run(&sb, &["orgs", "delete", "-w", &ws, &eng]).await;
    assert_eq!(r.code, 2, "no terminal and no --yes: nothing sent");
}

#[tokio::test]
async fn the_usage_report_never_overwrites_without_force() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Black Mesa");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("usage.pdf");
    let path = file.to_str().unwrap();
    let r = run(&sb, &["orgs", "usage-pdf", "-w", &ws, "-o", path]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    std::fs::write(&file, b"mine").unwrap();
    let before = sb.served().len();
    let r = run(&sb, &["orgs", "usage-pdf", "-w", &ws, "-o", path]).await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), b"mine", "left as it was");
    assert_eq!(sb.served().len(), before, "nothing was sent");
    let r = run(
        &sb,
        &["orgs", "usage-pdf", "-w", &ws, "-o", path, "--force"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
    // Standard output, when it is a pipe (as here).
    let r = run(&sb, &["orgs", "usage-pdf", "-w", &ws, "-o", "-"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("%PDF-"));
}

#[tokio::test]
async fn every_list_prints_as_a_table_json_or_csv() {
    let sb = demo().await;
    let r = run(&sb, &["workspaces", "list", "--output", "csv"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut rows = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        ["id", "name", "billing_mode", "archived"]
    );
    assert_eq!(rows.records().count(), 36);
    let json = run(&sb, &["workspaces", "list", "--output", "json"]).await;
    let synonym = run(&sb, &["workspaces", "list", "--json"]).await;
    assert_eq!(json.stdout, synonym.stdout, "--json is --output json");
    let both = run(&sb, &["workspaces", "list", "--json", "--output", "csv"]).await;
    assert_eq!(both.code, 2, "one or the other");
    // The tree as CSV: names without the indent, the depth beside them.
    let ws = workspace_named(&sb, "Stark Industries");
    let r = run(&sb, &["orgs", "list", "-w", &ws, "--output", "csv"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("Building 3"))
        .unwrap()
        .to_string();
    assert!(
        line.starts_with("Building 3,org_") && line.contains(",5,"),
        "{line}"
    );
    for args in [
        vec!["members", "list", "-w", &ws, "--output", "csv"],
        vec!["accounts", "list", "-w", &ws, "--output", "csv"],
    ] {
        let r = run(&sb, &args).await;
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.lines().count() > 1, "{args:?}: {}", r.stdout);
    }
}
