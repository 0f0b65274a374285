//! `alto find` and `alto cache` against the sandbox: the index's states
//! (empty, partial, stale, cleared, disabled), its pace, a 429's pause kept
//! across a restart.

use alto::sandbox::{self, RunningSandbox, SandboxOptions, Seed};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::cli::*;

/// The demo's first three workspaces: four requests fill the index.
async fn small(rate_limit: Option<usize>) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        seed: Seed::DemoFirst(3),
        rate_limit,
        ..SandboxOptions::default()
    })
    .await
    .unwrap()
}

async fn find(sb: &RunningSandbox, dir: &Path, args: &[&str]) -> Run {
    let e = env(sb);
    let pairs = pairs_of(&e);
    let mut all = vec!["find"];
    all.extend_from_slice(args);
    alto_in(dir, &pairs, &all).await
}

/// The index requests served, with when.
fn index_gets(sb: &RunningSandbox) -> Vec<(String, Instant)> {
    sb.served()
        .into_iter()
        .filter(|s| s.method == "GET")
        .map(|s| (s.path, s.at))
        .collect()
}

/// The shared budget's files in the cache of the config dir `dir`.
fn budget_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.join("cache").join("budget"))
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// An account of the third workspace: found only once all is indexed.
fn last_account(sb: &RunningSandbox) -> alto::api::model::BillingAccount {
    let store = sb.snapshot();
    let ws = &store.workspaces[2].workspace.id;
    store.accounts[ws][0].account.clone()
}

#[tokio::test]
async fn find_fills_the_index_at_its_pace_then_searches_it_at_once() {
    let sb = small(Some(60)).await;
    let dir = tempfile::tempdir().unwrap();
    // Empty: --cached sends nothing and says so.
    let r = find(&sb, dir.path(), &["--cached", "anything"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("nothing indexed yet"), "{}", r.stderr);
    assert!(sb.served().is_empty());

    let target = last_account(&sb);
    let shouted = target.email.to_uppercase();
    let r = find(&sb, dir.path(), &[&shouted, "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(hits[0]["id"], target.id.as_str(), "{}", r.stdout);
    assert_eq!(hits[0]["workspace_id"], target.workspace_id.as_str());
    assert!(
        r.stderr.contains("indexing: "),
        "progress on stderr: {}",
        r.stderr
    );
    assert!(r.stderr.contains("3 of 3 workspaces"), "{}", r.stderr);
    // The list, then each workspace, as the budget allows (no pace of
    // its own): every request took its turn in the budget every alto on
    // the machine shares, and none met a 429.
    let gets = index_gets(&sb);
    assert_eq!(gets.len(), 4, "{gets:?}");
    assert_eq!(gets[0].0, "/workspaces");
    assert!(sb.served().iter().all(|s| s.status != 429));
    let budget = budget_files(dir.path());
    assert_eq!(budget.len(), 1, "{budget:?}");
    let window: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&budget[0]).unwrap()).unwrap();
    assert_eq!(window["sent"].as_array().unwrap().len(), 4, "{window}");
    assert!(
        !window.to_string().contains("demo"),
        "never the token: {window}"
    );

    // Fresh: the next find asks nothing, a name is found fuzzily.
    let first_word = target
        .name
        .split_whitespace()
        .next()
        .unwrap()
        .to_lowercase();
    let r = find(&sb, dir.path(), &[&first_word]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&target.id), "{}", r.stdout);
    assert!(
        r.stdout.contains("ago"),
        "freshness beside each: {}",
        r.stdout
    );
    assert_eq!(index_gets(&sb).len(), 4, "nothing asked when fresh");

    // Stale: made an hour older, everything is fetched again, oldest first.
    age_index(dir.path(), 3_600_000);
    let r = find(&sb, dir.path(), &["--cached", &first_word]).await;
    assert!(r.stderr.contains("oldest 1 h"), "{}", r.stderr);
    let r = find(&sb, dir.path(), &[&first_word]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(index_gets(&sb).len(), 8, "all four again");

    // The duplicate guard reads the index for the other workspaces: the
    // third workspace's account, created again in the first, is refused
    // after one GET (of the first workspace's accounts).
    let e = env(&sb);
    let pairs = pairs_of(&e);
    let first = sb.snapshot().workspaces[0].workspace.id.clone();
    let gets = index_gets(&sb).len();
    let create = [
        "accounts",
        "create",
        "-w",
        &first,
        "--name",
        &target.name,
        "--email",
        "new@else.example",
    ];
    let r = alto_in(dir.path(), &pairs, &create).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("another workspace has an account like it"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&target.id) && r.stderr.contains(&target.workspace_id),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("indexed"), "{}", r.stderr);
    assert_eq!(index_gets(&sb).len(), gets + 1, "one GET");
    assert_eq!(sb.count("POST"), 0, "nothing sent");

    // Cleared: gone from disk; --cached has nothing.
    let status = alto_in(dir.path(), &pairs, &["cache", "status"]).await;
    assert!(
        status.stdout.contains("3 of 3 workspaces"),
        "{}",
        status.stdout
    );
    let cleared = alto_in(dir.path(), &pairs, &["cache", "clear"]).await;
    assert_eq!(cleared.code, 0, "{}", cleared.stderr);
    assert!(!dir.path().join("cache").join("index").exists());
    let r = find(&sb, dir.path(), &["--cached", &first_word]).await;
    assert!(r.stdout.is_empty() && r.stderr.contains("nothing indexed yet"));
}

/// Moves every time in the stored index `ms` into the past.
fn age_index(dir: &Path, ms: i64) {
    for entry in walk(&dir.join("cache").join("index")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for key in ["listed_at", "fetched_at"] {
            if let Some(t) = v[key].as_i64() {
                v[key] = (t - ms).into();
            }
        }
        std::fs::write(&entry, v.to_string()).unwrap();
    }
}

/// Waits (up to 20 s) until the files of the config dir `dir` meet `done`.
async fn wait_for_files(dir: &Path, done: impl Fn(&[std::path::PathBuf]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let cache = dir.join("cache");
        let files = if cache.exists() {
            walk(&cache)
        } else {
            Vec::new()
        };
        if done(&files) {
            return;
        }
        assert!(Instant::now() < deadline, "never came: {files:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[tokio::test]
async fn a_killed_fill_resumes_where_it_stopped_and_a_429_pause_outlives_a_restart() {
    let sb = small(None).await;
    let dir = tempfile::tempdir().unwrap();
    // A pause of the filler's own between requests, so that it can be
    // killed half way.
    std::fs::write(
        dir.path().join("config.toml"),
        "[cache]\ninterval_seconds = 3\n",
    )
    .unwrap();
    let e = env(&sb);
    let pairs = pairs_of(&e);
    let mut child = command_in(dir.path(), &pairs, &["find", "x"])
        .spawn()
        .unwrap();
    // Killed once the list and one workspace are saved.
    wait_for_files(dir.path(), |files| {
        // A workspace's file in place (not the one being written beside).
        files.iter().any(|f| {
            f.parent().is_some_and(|p| p.ends_with("ws"))
                && f.extension().is_some_and(|e| e == "json")
                && !f.file_name().unwrap().to_string_lossy().starts_with('.')
        })
    })
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = find(&sb, dir.path(), &["--cached", "x"]).await;
    assert!(
        partial.stderr.contains("1 of 3 workspaces"),
        "{}",
        partial.stderr
    );
    let before = index_gets(&sb).len();
    let r = find(&sb, dir.path(), &["x"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let asked: Vec<String> = index_gets(&sb)[before..]
        .iter()
        .map(|g| g.0.clone())
        .collect();
    assert_eq!(asked.len(), 2, "only the two missing workspaces: {asked:?}");
    assert!(
        asked.iter().all(|p| p.ends_with("/billing-accounts")),
        "{asked:?}"
    );

    // A 429 pauses it; a pause longer than find waits (30 s) answers at
    // once from what the index holds, says why, and a restart during the
    // pause asks nothing.
    let limited = small(Some(1)).await;
    let dir = tempfile::tempdir().unwrap();
    let e = env(&limited);
    let pairs = pairs_of(&e);
    let r = alto_in(dir.path(), &pairs, &["find", "x"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("the API is limiting requests (429)")
            && r.stderr.contains("which may be partial"),
        "{}",
        r.stderr
    );
    let asked = limited.served().len();
    let status = alto_in(dir.path(), &pairs, &["cache", "status"]).await;
    assert!(
        status.stdout.contains("paused   by a 429"),
        "{}",
        status.stdout
    );
    let again = alto_in(dir.path(), &pairs, &["find", "x"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("limiting requests"),
        "{}",
        again.stderr
    );
    assert_eq!(
        limited.served().len(),
        asked,
        "nothing asked during the pause"
    );
}

#[tokio::test]
async fn a_read_only_cache_dir_answers_from_the_api_and_says_so_once() {
    let sb = small(None).await;
    let dir = tempfile::tempdir().unwrap();
    // Nothing can be made under the cache dir (a file stands in its
    // place: refused even to root, which a mode would not stop).
    std::fs::write(dir.path().join("cache"), b"not a directory").unwrap();
    let target = last_account(&sb);
    let r = find(&sb, dir.path(), &["--json", &target.email]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&target.id), "{}", r.stdout);
    assert_eq!(
        r.stderr.matches("the index cannot be kept").count(),
        1,
        "said once: {}",
        r.stderr
    );
}

#[tokio::test]
async fn with_the_cache_off_nothing_is_kept_and_cached_search_is_refused() {
    let sb = small(None).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "[cache]\nenabled = false\n").unwrap();
    let r = find(&sb, dir.path(), &["--cached", "x"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("enabled = false"), "{}", r.stderr);
    let target = last_account(&sb);
    let r = find(&sb, dir.path(), &[&target.id]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&target.id), "{}", r.stdout);
    assert!(r.stderr.contains("not kept"), "{}", r.stderr);
    // No index: only the budget, which every alto shares, is in the cache.
    assert!(
        !dir.path().join("cache").join("index").exists(),
        "nothing indexed"
    );
}

#[tokio::test]
async fn the_index_hears_of_every_list_get_and_write_the_cli_makes() {
    let sb = small(None).await;
    let dir = tempfile::tempdir().unwrap();
    let e = env(&sb);
    let pairs = pairs_of(&e);
    let cli = |args: Vec<&str>| {
        let (dir, pairs) = (dir.path().to_path_buf(), pairs.clone());
        let args: Vec<String> = args.into_iter().map(String::from).collect();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let r = alto_in(&dir, &pairs, &args).await;
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            r
        }
    };
    // Lists fill the index: the list, then each workspace's accounts.
    cli(vec!["workspaces", "list"]).await;
    let target = last_account(&sb);
    let r = find(&sb, dir.path(), &["--cached", "--json", &target.email]).await;
    assert_eq!(r.stdout.trim(), "[]", "no accounts listed yet");
    let ids: Vec<String> = sb
        .snapshot()
        .workspaces
        .iter()
        .map(|w| w.workspace.id.clone())
        .collect();
    for ws in &ids {
        cli(vec!["accounts", "list", "-w", ws]).await;
    }
    let r = find(&sb, dir.path(), &["--cached", "--json", &target.email]).await;
    assert!(r.stdout.contains(&target.id), "{}", r.stdout);

    // A workspace created, and an account in it: found at once.
    let r = cli(vec![
        "workspaces",
        "create",
        "--name",
        "Wayne Enterprises",
        "--billing-mode",
        "pooled",
        "--json",
    ])
    .await;
    let ws: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ws = ws["id"].as_str().unwrap().to_string();
    let r = cli(vec![
        "accounts",
        "create",
        "-w",
        &ws,
        "--name",
        "Bruce Wayne",
        "--email",
        "bruce@wayne.example",
        "--json",
    ])
    .await;
    let acc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let acc = acc["id"].as_str().unwrap().to_string();
    let r = find(
        &sb,
        dir.path(),
        &["--cached", "--json", "bruce@wayne.example"],
    )
    .await;
    assert!(r.stdout.contains(&acc), "{}", r.stdout);
    assert!(r.stderr.contains("4 of 4 workspaces"), "{}", r.stderr);
    // Nothing is missing or stale: a find asks the API nothing.
    let before = sb.served().len();
    let r = find(&sb, dir.path(), &["--json", "Bruce"]).await;
    assert!(r.stdout.contains(&acc), "{}", r.stdout);
    assert_eq!(sb.served().len(), before, "{:?}", &sb.served()[before..]);

    // Changed: found by its new name; deleted: gone.
    cli(vec![
        "accounts",
        "update",
        "-w",
        &ws,
        &acc,
        "--name",
        "Batman Inc",
    ])
    .await;
    let r = find(&sb, dir.path(), &["--cached", "--json", "Batman"]).await;
    assert!(r.stdout.contains(&acc), "{}", r.stdout);
    cli(vec!["accounts", "delete", "-w", &ws, &acc, "--yes"]).await;
    let r = find(
        &sb,
        dir.path(),
        &["--cached", "--json", "bruce@wayne.example"],
    )
    .await;
    assert!(!r.stdout.contains(&acc), "{}", r.stdout);
}
