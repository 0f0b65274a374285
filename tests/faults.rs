//! Under every fault the sandbox can inject, a create is sent once, and
//! what happened on the server can be found out afterwards.

use alto::api::model::BillingMode;
use alto::api::{ApiClient, ApiError, ClientOptions, Token};
use alto::rules::AccountInput;
use alto::sandbox::{self, Fault, RunningSandbox, SandboxOptions};
use alto::tui::effects::find_match;
use std::time::Duration;

async fn with_faults(faults: &[&str]) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        faults: faults.iter().map(|f| f.parse::<Fault>().unwrap()).collect(),
        ..Default::default()
    })
    .await
    .unwrap()
}

fn client(sb: &RunningSandbox, timeout: Duration) -> ApiClient {
    ApiClient::with_options(
        &sb.url(),
        Token::new("demo"),
        ClientOptions {
            timeout,
            backoff: Duration::from_millis(5),
            ..Default::default()
        },
    )
    .unwrap()
}

fn body() -> alto::api::model::NewBillingAccount {
    AccountInput {
        name: "Fault Tolerant Ltd".into(),
        email: "billing@fault.example".into(),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

fn empty_pooled(sb: &RunningSandbox) -> String {
    let snap = sb.snapshot();
    snap.workspaces
        .iter()
        .find(|w| {
            w.workspace.billing_mode == Some(BillingMode::Pooled)
                && snap.accounts(&w.workspace.id).is_empty()
        })
        .unwrap()
        .workspace
        .id
        .clone()
}

/// Sends one create under `fault`; returns the error, the POSTs the server
/// saw, and the accounts it holds afterwards.
async fn create_under(fault: &str) -> (ApiError, usize, usize, RunningSandbox) {
    let sb = with_faults(&[fault]).await;
    let ws = empty_pooled(&sb);
    let c = client(&sb, Duration::from_secs(5));
    let err = c
        .create_account_for_lookup(&ws, &body(), "k1")
        .await
        .unwrap_err();
    let posts = sb.count("POST");
    let held = sb.snapshot().accounts(&ws).len();
    (err, posts, held, sb)
}

#[tokio::test]
async fn a_500_after_the_create_is_sent_once_and_found_by_the_lookup() {
    let (err, posts, held, sb) = create_under("create-500").await;
    assert_eq!(err.status(), Some(500));
    assert_eq!((posts, held), (1, 1));
    let ws = empty_pooled_after(&sb);
    let list = client(&sb, Duration::from_secs(5))
        .list_accounts(&ws)
        .await
        .unwrap();
    let since = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(5);
    let found = find_match(
        list.data,
        "Fault Tolerant Ltd",
        "BILLING@fault.example",
        since,
    )
    .unwrap();
    assert!(found.id.starts_with("cus_"));
}

/// The workspace the fault tests created in (the first pooled one).
fn empty_pooled_after(sb: &RunningSandbox) -> String {
    let snap = sb.snapshot();
    snap.workspaces
        .iter()
        .find(|w| {
            snap.accounts(&w.workspace.id)
                .iter()
                .any(|a| a.account.name == "Fault Tolerant Ltd")
        })
        .unwrap()
        .workspace
        .id
        .clone()
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error_and_sent_once() {
    let (err, posts, held, _sb) = create_under("create-drop").await;
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert!(!err.nothing_sent());
    assert_eq!((posts, held), (1, 1));
}

#[tokio::test]
async fn an_unreadable_201_is_a_decode_error_and_sent_once() {
    let (err, posts, held, _sb) = create_under("create-malformed").await;
    assert!(
        matches!(err, ApiError::Decode { status: 201, .. }),
        "{err:?}"
    );
    assert_eq!((posts, held), (1, 1));
}

#[tokio::test]
async fn a_429_is_sent_once_and_creates_nothing() {
    let (err, posts, held, _sb) = create_under("create-429").await;
    match err {
        ApiError::RateLimited { retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(2)))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((posts, held), (1, 0));
}

#[tokio::test]
async fn a_422_is_sent_once_and_creates_nothing() {
    let (err, posts, held, _sb) = create_under("create-422").await;
    assert!(err.field_errors().unwrap().contains_key("address.country"));
    assert_eq!((posts, held), (1, 0));
}

#[tokio::test]
async fn a_timeout_is_sent_once_and_a_confirmed_resend_with_the_key_creates_once() {
    let sb = with_faults(&["delay=400"]).await;
    let ws = empty_pooled(&sb);
    let impatient = client(&sb, Duration::from_millis(100));
    let err = impatient
        .create_account_for_lookup(&ws, &body(), "k-timeout")
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert_eq!(sb.count("POST"), 1);
    // The user confirms a resend: same key, same body, patient client.
    let patient = client(&sb, Duration::from_secs(5));
    let first = patient
        .create_account_for_lookup(&ws, &body(), "k-timeout")
        .await
        .unwrap();
    let again = patient
        .create_account_for_lookup(&ws, &body(), "k-timeout")
        .await
        .unwrap();
    assert_eq!(
        first.id, again.id,
        "the same key answers the first answer again"
    );
    assert_eq!(sb.snapshot().accounts(&ws).len(), 1);
    assert_eq!(sb.count("POST"), 3);
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused() {
    let sb = with_faults(&[]).await;
    let ws = empty_pooled(&sb);
    let c = client(&sb, Duration::from_secs(5));
    c.create_account_for_lookup(&ws, &body(), "k-same")
        .await
        .unwrap();
    let mut other = body();
    other.name = "Someone Else".into();
    let err = c
        .create_account_for_lookup(&ws, &other, "k-same")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(sb.snapshot().accounts(&ws).len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_because_nothing_was_sent() {
    // A socket bound but not listening: connections to it are refused, and
    // it stays ours for the whole test (no other test can take the port).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = socket.local_addr().unwrap().port();
    let attempts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = attempts.clone();
    let c = ApiClient::with_options(
        &format!("http://127.0.0.1:{port}"),
        Token::new("t"),
        ClientOptions {
            backoff: Duration::from_millis(1),
            ..Default::default()
        },
    )
    .unwrap()
    .with_observer(std::sync::Arc::new(move |e| seen.lock().unwrap().push(e)));
    let err = c
        .create_account_for_lookup("ws", &body(), "k")
        .await
        .unwrap_err();
    assert!(err.nothing_sent(), "{err:?}");
    let attempts = attempts.lock().unwrap();
    assert_eq!(attempts.len(), 3, "the first try and two retries");
    assert!(
        attempts
            .iter()
            .all(|a| a.method == "POST" && a.failure.as_deref() == Some("could not connect")),
        "{attempts:?}"
    );
    drop(socket);
}

#[tokio::test]
async fn list_faults_are_readable_errors_or_retried() {
    let sb = with_faults(&["list-malformed"]).await;
    let err = client(&sb, Duration::from_secs(5))
        .list_workspaces()
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Decode { status: 200, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("unreadable response"));

    let sb = with_faults(&["list-429-once"]).await;
    let list = client(&sb, Duration::from_secs(5))
        .list_workspaces()
        .await
        .unwrap();
    assert!(!list.data.is_empty());
    assert_eq!(sb.count("GET"), 2, "retried once, after Retry-After");
}

#[tokio::test]
async fn hostile_names_reach_the_cli_inert() {
    let sb = with_faults(&["hostile-names"]).await;
    let dir = tempfile::tempdir().unwrap();
    let url = sb.url();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_alto"))
            .args(["workspaces", "list"])
            .env_clear()
            .env("ALTO_CONFIG_DIR", dir.path())
            .env("ALTOSTRAT_API_URL", url)
            .env("ALTOSTRAT_TOKEN", "demo")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && alto::rules::is_forbidden_char(c)),
        "{text:?}"
    );
    assert!(text.contains("Evil\\u{1b}]0;pwned"), "{text}");
}

#[test]
fn unknown_faults_are_named() {
    let err = "explode".parse::<Fault>().unwrap_err();
    assert!(err.contains("create-500"), "{err}");
    assert_eq!(
        "delay=250".parse::<Fault>(),
        Ok(Fault::Delay(Duration::from_millis(250)))
    );
}
