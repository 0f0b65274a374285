//! The API's budget shared by alto processes: several commands at once on
//! one token stay within the sandbox's limiter (no 429), `--no-wait` exits
//! 5 without sending, and a 429 met by one process holds the others.

use alto::sandbox::{self, RunningSandbox, SandboxOptions, Seed};
use std::path::Path;

mod common;
use common::cli::*;

async fn limited(workspaces: usize, per_minute: usize) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        seed: Seed::DemoFirst(workspaces),
        rate_limit: Some(per_minute),
        ..SandboxOptions::default()
    })
    .await
    .unwrap()
}

fn vars<'a>(
    e: &'a [(&'static str, String)],
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut pairs = pairs_of(e);
    pairs.extend_from_slice(extra);
    pairs
}

fn four_twenty_nines(sb: &RunningSandbox) -> usize {
    sb.served().iter().filter(|s| s.status == 429).count()
}

#[tokio::test]
async fn two_processes_at_once_share_one_budget_and_no_wait_exits_5_sending_nothing() {
    // A budget of 14 a minute on both sides, of which background work may
    // take 12 (a reserve of 2 is the user's): the index's fill (9
    // requests) and a list (the user's) at once, in whatever order, fit;
    // the turns left are the user's.
    let sb = limited(8, 14).await;
    let dir = tempfile::tempdir().unwrap();
    let e = env(&sb);
    let pairs = vars(&e, &[("ALTO_BUDGET_PER_MINUTE", "14")]);
    let (fill, list) = tokio::join!(
        alto_in(dir.path(), &pairs, &["find", "x"]),
        alto_in(
            dir.path(),
            &pairs,
            &["workspaces", "list", "--output", "json"]
        ),
    );
    assert_eq!(fill.code, 0, "{}", fill.stderr);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(fill.stderr.contains("8 of 8 workspaces"), "{}", fill.stderr);
    // The list's answer may reach the index before the fill asks for the
    // workspaces, and the fill then takes them from there: 9 or 10.
    let served = sb.served().len();
    assert!((9..=10).contains(&served), "{:?}", sb.served());
    assert_eq!(four_twenty_nines(&sb), 0, "no 429: {:?}", sb.served());

    for _ in served..14 {
        let r = alto_in(dir.path(), &pairs, &["--no-wait", "workspaces", "list"]).await;
        assert_eq!(r.code, 0, "the user's reserve: {}", r.stderr);
    }
    // Spent: --no-wait exits at once with the rate-limited code and sends
    // nothing; another process's view of the budget says so.
    let r = alto_in(
        dir.path(),
        &[&pairs[..], &[("ALTO_NO_WAIT", "1")]].concat(),
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("not sent") && r.stderr.contains("budget"),
        "{}",
        r.stderr
    );
    let r = alto_in(dir.path(), &pairs, &["--no-wait", "workspaces", "list"]).await;
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(sb.served().len(), 14, "nothing more was sent");
    let status = alto_in(dir.path(), &pairs, &["cache", "status"]).await;
    assert!(
        status.stdout.contains("budget   0 of 14 left"),
        "{}",
        status.stdout
    );
}

#[tokio::test]
async fn a_429_met_by_one_process_holds_every_other_on_that_token() {
    // The sandbox allows 1 a minute; alto believes the API's 60. The
    // second command meets a 429 whose Retry-After is about a minute.
    let sb = limited(2, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let e = env(&sb);
    let pairs = vars(&e, &[]);
    let first = alto_in(dir.path(), &pairs, &["workspaces", "list"]).await;
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = alto_in(dir.path(), &pairs, &["--no-wait", "workspaces", "list"]).await;
    assert_eq!(second.code, 5, "{}", second.stderr);
    assert_eq!(four_twenty_nines(&sb), 1);
    // A third process sends nothing while the pause lasts: it knows.
    let third = alto_in(
        dir.path(),
        &pairs,
        &["--no-wait", "workspaces", "get", "ws_x"],
    )
    .await;
    assert_eq!(third.code, 5, "{}", third.stderr);
    assert!(third.stderr.contains("HTTP 429"), "{}", third.stderr);
    assert_eq!(sb.served().len(), 2, "the third sent nothing");
    let status = alto_in(dir.path(), &pairs, &["cache", "status"]).await;
    assert!(
        status.stdout.contains("budget   paused by a 429"),
        "{}",
        status.stdout
    );
    no_token_in(dir.path());
}

/// The token ("demo") is in no file alto wrote.
fn no_token_in(dir: &Path) {
    for entry in std::fs::read_dir(dir.join("cache").join("budget")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.contains("\"demo\""), "{}: {text}", path.display());
    }
}
