//! Writes whose answer is lost, as a proxy between alto and the API would
//! lose them: the server acted (`write-502`), alto looked it up, said so
//! and exited 0, sending nothing again; or the server never saw it
//! (`write-502-unsent-once`): alto looked, said it was not done (exit 4),
//! sent nothing again, and a second run does it once. Every write is in
//! the journal with its outcome, and the token is not.

use alto::sandbox::{self, Fault, RunningSandbox, SandboxOptions};

mod common;
use common::cli::*;

async fn lossy(fault: Fault) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        faults: vec![fault],
        ..SandboxOptions::default()
    })
    .await
    .unwrap()
}

/// Writes (anything but GET) the sandbox saw.
fn writes(sb: &RunningSandbox) -> usize {
    sb.served().iter().filter(|s| s.method != "GET").count()
}

/// Runs a write whose answer is lost: exit 0, said, sent once.
async fn lost_but_done(sb: &RunningSandbox, dir: &std::path::Path, args: &[&str]) -> Run {
    let e = env(sb);
    let pairs = pairs_of(&e);
    let before = writes(sb);
    let r = alto_in(dir, &pairs, args).await;
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(
        r.stderr.contains("HTTP 502") && r.stderr.contains("looked up: it was done"),
        "{args:?}: {}",
        r.stderr
    );
    assert_eq!(writes(sb), before + 1, "{args:?}: sent once, never again");
    r
}

fn id_of(sb: &RunningSandbox, ws: &str, k: usize) -> String {
    sb.snapshot().accounts[ws][k].account.id.clone()
}

#[tokio::test]
async fn every_kind_of_write_whose_answer_is_lost_is_looked_up_and_never_resent() {
    let sb = lossy(Fault::Write502).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Workspaces: create (its new id shown from the lookup), update, archive.
    let r = lost_but_done(
        &sb,
        d,
        &[
            "workspaces",
            "create",
            "--name",
            "Lost Lab",
            "--billing-mode",
            "pooled",
            "--json",
        ],
    )
    .await;
    let made: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ws = made["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.snapshot()
            .workspaces
            .iter()
            .filter(|w| w.workspace.name == "Lost Lab")
            .count(),
        1
    );
    lost_but_done(
        &sb,
        d,
        &["workspaces", "update", &ws, "--description", "found"],
    )
    .await;
    // Members: add, change the role, remove.
    let user = "auth0|lost0000000000000001";
    lost_but_done(
        &sb,
        d,
        &[
            "members",
            "add",
            "--workspace",
            &ws,
            "--user",
            user,
            "--role",
            "viewer",
        ],
    )
    .await;
    lost_but_done(
        &sb,
        d,
        &[
            "members",
            "role",
            "--workspace",
            &ws,
            user,
            "--role",
            "admin",
        ],
    )
    .await;
    lost_but_done(
        &sb,
        d,
        &["members", "remove", "--workspace", &ws, user, "--yes"],
    )
    .await;
    lost_but_done(&sb, d, &["workspaces", "archive", &ws, "--yes"]).await;
    // Organizations: create at the top, change, delete.
    let wayne = workspace_named(&sb, "Wayne Enterprises");
    let account = id_of(&sb, &wayne, 0);
    let r = lost_but_done(
        &sb,
        d,
        &[
            "orgs",
            "create",
            "-w",
            &wayne,
            "--name",
            "Lost Tower",
            "--billing-account",
            &account,
            "--json",
        ],
    )
    .await;
    let org: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let org = org["id"].as_str().unwrap().to_string();
    lost_but_done(
        &sb,
        d,
        &[
            "orgs",
            "update",
            "-w",
            &wayne,
            &org,
            "--name",
            "Found Tower",
            "--billing-account",
            &account,
        ],
    )
    .await;
    let r = lost_but_done(
        &sb,
        d,
        &[
            "orgs",
            "child",
            "-w",
            &wayne,
            &org,
            "--name",
            "Lost Wing",
            "--json",
        ],
    )
    .await;
    let wing: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let wing = wing["id"].as_str().unwrap().to_string();
    lost_but_done(&sb, d, &["orgs", "delete", "-w", &wayne, &wing, "--yes"]).await;
    lost_but_done(&sb, d, &["orgs", "delete", "-w", &wayne, &org, "--yes"]).await;
    // Billing: a quantity change, an account's change.
    let acme = workspace_named(&sb, "ACME Corporation");
    let acc = id_of(&sb, &acme, 0);
    let sub = sb.snapshot().billing[&acc].subscriptions[0].id.clone();
    let at = ["--workspace", acme.as_str(), "--account", acc.as_str()];
    let update = [
        &[
            "subscriptions",
            "update",
            sub.as_str(),
            "--quantities",
            "locations=12,users=25",
        ][..],
        &at[..],
    ]
    .concat();
    lost_but_done(&sb, d, &update).await;
    let now = sb.snapshot().billing[&acc].subscriptions[0].clone();
    assert_eq!(now.product_quantities["locations"].quantity, 12);
    lost_but_done(
        &sb,
        d,
        &[
            "accounts",
            "update",
            "--workspace",
            &acme,
            &acc,
            "--phone",
            "+1 555 0100",
        ],
    )
    .await;
    // Payment methods: another made the default, then the old one detached.
    let methods = sb.snapshot().billing[&acc].payment_methods.clone();
    let old = methods.iter().find(|m| m.is_default).unwrap().id.clone();
    let other = methods.iter().find(|m| !m.is_default).unwrap().id.clone();
    lost_but_done(
        &sb,
        d,
        &[
            &["payment-methods", "default"][..],
            &at[..],
            &[other.as_str()],
        ]
        .concat(),
    )
    .await;
    lost_but_done(
        &sb,
        d,
        &[
            &["payment-methods", "detach"][..],
            &at[..],
            &[old.as_str(), "--yes"],
        ]
        .concat(),
    )
    .await;
    // An account: created (looked up, shown), then deleted.
    let r = lost_but_done(
        &sb,
        d,
        &[
            "accounts",
            "create",
            "-w",
            &acme,
            "--name",
            "Lost Ltd",
            "--email",
            "lost@ltd.example",
            "--json",
        ],
    )
    .await;
    let made: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let lost = made["id"].as_str().unwrap().to_string();
    subscription_made_and_cancelled(&sb, d, &acme, &acc).await;
    lost_but_done(
        &sb,
        d,
        &["accounts", "delete", "--workspace", &acme, &lost, "--yes"],
    )
    .await;

    // The journal holds each with its outcome, and never the token.
    let journal =
        std::fs::read_to_string(d.join("state").join("journal").join("writes.jsonl")).unwrap();
    let intents = journal
        .lines()
        .filter(|l| l.contains(r#""line":"intent""#))
        .count();
    let looked = journal
        .lines()
        .filter(|l| l.contains(r#""outcome":"looked_up""#) && l.contains(r#""done":true"#))
        .count();
    // The setup intent's lost answer cannot be looked up: an intent, and
    // its outcome unknown.
    assert_eq!((intents, looked), (20, 19), "{journal}");
    assert!(
        journal.contains(r#""operation":"addWorkspaceMember""#),
        "{journal}"
    );
    // A read the command made anyway is kept as the write's "before".
    let renamed = journal
        .lines()
        .find(|l| l.contains(r#""operation":"updateOrganization""#))
        .unwrap();
    let renamed: serde_json::Value = serde_json::from_str(renamed).unwrap();
    assert_eq!(renamed["before"]["name"], "Lost Tower", "{renamed}");
    assert!(
        !journal.contains("Bearer") && !journal.contains(r#""demo""#),
        "{journal}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("state").join("journal").join("writes.jsonl"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// A subscription made for `account` (its default card pays), then cancelled, each
/// answer lost and looked up; a card's setup intent, whose lost answer no
/// read can find: said unknown (exit 4), not sent again.
async fn subscription_made_and_cancelled(
    sb: &RunningSandbox,
    d: &std::path::Path,
    ws: &str,
    account: &str,
) {
    let at = ["--workspace", ws, "--account", account];
    let made = [
        &["subscriptions", "create"][..],
        &at,
        &["--products", "locations=2", "--json"],
    ];
    let r = lost_but_done(sb, d, &made.concat()).await;
    let sub: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let sub = sub["id"].as_str().unwrap().to_string();
    let of = |id: &str| {
        let subs = sb.snapshot().billing[account].subscriptions.clone();
        subs.into_iter().filter(|s| s.id == id).collect::<Vec<_>>()
    };
    assert_eq!(of(&sub).len(), 1, "made once");
    let cancel = [
        &["subscriptions", "cancel"][..],
        &at,
        &[sub.as_str(), "--yes"],
    ];
    lost_but_done(sb, d, &cancel.concat()).await;
    let now = of(&sub).remove(0);
    assert!(
        now.cancel_at_period_end || now.status == "canceled",
        "{now:?}"
    );
    let e = env(sb);
    let pairs = pairs_of(&e);
    let before = writes(sb);
    let add = [&["payment-methods", "add"][..], &at].concat();
    let r = alto_in(d, &pairs, &add).await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr.contains("a setup intent cannot be listed"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("pi_") && !r.stdout.contains("secret"),
        "{}",
        r.stdout
    );
    assert_eq!(writes(sb), before + 1, "sent once, never again");
}

#[tokio::test]
async fn a_write_the_server_never_saw_is_said_not_done_and_nothing_is_sent_again() {
    let sb = lossy(Fault::Write502UnsentOnce).await;
    let dir = tempfile::tempdir().unwrap();
    let e = env(&sb);
    let pairs = pairs_of(&e);
    let create = [
        "workspaces",
        "create",
        "--name",
        "Never Seen",
        "--billing-mode",
        "pooled",
    ];
    let r = alto_in(dir.path(), &pairs, &create).await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("looked up: it was not done, and nothing was sent again"),
        "{}",
        r.stderr
    );
    assert_eq!(writes(&sb), 1, "sent once");
    let named = |sb: &RunningSandbox| {
        sb.snapshot()
            .workspaces
            .iter()
            .filter(|w| w.workspace.name == "Never Seen")
            .count()
    };
    assert_eq!(named(&sb), 0);
    let r = alto_in(dir.path(), &pairs, &create).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(named(&sb), 1, "done once, by the second run");
}

#[tokio::test]
async fn a_write_left_without_an_outcome_by_a_killed_alto_is_looked_up_at_the_next_start() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = env(&sb);
    let pairs = pairs_of(&e);
    // The server made it; the alto that sent it was killed before its
    // answer was recorded: the journal holds the intent alone.
    let r = alto_in(
        dir.path(),
        &pairs,
        &[
            "workspaces",
            "create",
            "--name",
            "Ghost Lab",
            "--billing-mode",
            "pooled",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let journal = dir
        .path()
        .join("state")
        .join("journal")
        .join("writes.jsonl");
    let dead = std::process::Command::new("true").spawn().unwrap();
    let pid = dead.id();
    let mut dead = dead;
    dead.wait().unwrap();
    let api = format!("{}/", sb.url().trim_end_matches('/'));
    let intent = serde_json::json!({
        "line": "intent", "v": 1, "op": "op_ghost", "at": jiff::Timestamp::now().to_string(),
        "api": api, "profile": "(custom URL)", "operation": "createWorkspace", "name": "Ghost Lab",
        "body": {"name": "Ghost Lab", "billing_mode": "pooled"}, "key": "k", "before": null, "pid": pid,
    });
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str(&format!("{intent}\n"));
    std::fs::write(&journal, text).unwrap();

    let r = alto_in(dir.path(), &pairs, &["workspaces", "list"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("a write from before alto stopped, createWorkspace")
            && r.stderr.contains("looked up: it was done"),
        "{}",
        r.stderr
    );
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        text.lines().last().unwrap().contains(r#""op":"op_ghost""#),
        "the outcome recorded"
    );
    let r = alto_in(dir.path(), &pairs, &["workspaces", "list"]).await;
    assert!(
        !r.stderr.contains("before alto stopped"),
        "said once: {}",
        r.stderr
    );
}
