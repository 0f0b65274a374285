//! The API client against what a server may answer: every error shape
//! decoded, retries of reads only, 429s, network failures, redirects,
//! huge or wrongly typed bodies, idempotency replays, paging without end,
//! and reads dropped when nobody wants them.

use alto::api::model::BillingMode;
use alto::api::{ApiClient, ApiError, ClientOptions, Token};
use std::time::Duration;

mod common;
use common::sandbox::{client, demo, key, new_account, workspace_with};

/// A scripted server: answers each request with the next canned response.
mod scripted {
    use axum::Router;
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};
    use std::sync::{Arc, Mutex};

    pub struct Canned {
        pub status: u16,
        pub headers: Vec<(&'static str, &'static str)>,
        pub body: Vec<u8>,
    }

    pub fn canned(status: u16, body: &str) -> Canned {
        Canned {
            status,
            headers: vec![("content-type", "application/json")],
            body: body.as_bytes().to_vec(),
        }
    }

    pub struct Server {
        pub url: String,
        pub hits: Arc<Mutex<Vec<String>>>,
    }

    pub async fn serve(script: Vec<Canned>) -> Server {
        let script = Arc::new(Mutex::new(script.into_iter()));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let h = hits.clone();
        let app = Router::new().fallback(move |req: axum::extract::Request| {
            let script = script.clone();
            let hits = h.clone();
            async move {
                hits.lock()
                    .unwrap()
                    .push(format!("{} {}", req.method(), req.uri().path()));
                let next = script.lock().unwrap().next();
                let Some(c) = next else {
                    return (StatusCode::IM_A_TEAPOT, "script exhausted").into_response();
                };
                let mut resp = Response::builder().status(c.status);
                for (k, v) in c.headers {
                    resp = resp.header(k, v);
                }
                resp.body(axum::body::Body::from(c.body)).unwrap()
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Server { url, hits }
    }
}

fn fast(url: &str) -> ApiClient {
    ApiClient::with_options(
        url,
        Token::new("t"),
        ClientOptions {
            backoff: Duration::from_millis(1),
            max_retry_wait: Duration::from_secs(10),
            ..Default::default()
        },
    )
    .unwrap()
}

#[tokio::test]
async fn every_error_shape_is_decoded() {
    use scripted::canned;
    let s = scripted::serve(vec![
        canned(401, r#"{"message":"Unauthorized or invalid token provided."}"#),
        canned(
            422,
            r#"{"type":"unprocessable_entity","code":"active_subscriptions_exist","message":"Cancel first.","doc_url":"https://x/e"}"#,
        ),
        canned(
            422,
            r#"{"message":"The name field is required.","errors":{"name":["The name field is required."],"address.country":["Bad."]}}"#,
        ),
        canned(404, "<html>Not Found</html>"),
        canned(200, r#"{"data": "not a list"}"#),
    ])
    .await;
    let c = fast(&s.url);
    let e = c.get_workspace("a").await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "HTTP 401: Unauthorized or invalid token provided."
    );
    let e = c.delete_account("a", "b").await.unwrap_err();
    let b = e.body().unwrap();
    assert_eq!(
        (b.kind.as_deref(), b.code.as_deref(), b.doc_url.as_deref()),
        (
            Some("unprocessable_entity"),
            Some("active_subscriptions_exist"),
            Some("https://x/e")
        )
    );
    let e = c
        .create_account("a", &new_account("x").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert_eq!(e.field_errors().unwrap()["address.country"], vec!["Bad."]);
    let e = c.get_workspace("a").await.unwrap_err();
    assert_eq!(e.to_string(), "HTTP 404: <html>Not Found</html>");
    let e = c.list_workspaces().await.unwrap_err();
    assert!(matches!(e, ApiError::Decode { status: 200, .. }), "{e:?}");
}

#[tokio::test]
async fn get_retries_429_and_5xx_but_post_never_retries() {
    use scripted::{Canned, canned};
    let s = scripted::serve(vec![
        Canned {
            status: 429,
            headers: vec![("retry-after", "0")],
            body: br#"{"message":"Too Many Attempts."}"#.to_vec(),
        },
        canned(503, "busy"),
        canned(200, r#"{"data":[],"has_more":false}"#),
        canned(503, "busy"),
        canned(200, "{}"),
    ])
    .await;
    let c = fast(&s.url);
    let list = c.list_workspaces().await.unwrap();
    assert!(list.data.is_empty());
    assert_eq!(s.hits.lock().unwrap().len(), 3, "two retries, then success");
    let e = c
        .create_account_for_lookup("ws", &new_account("Once").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(
        s.hits.lock().unwrap().len(),
        4,
        "the POST was sent exactly once"
    );
}

#[tokio::test]
async fn rate_limit_is_its_own_error_with_retry_after() {
    use scripted::Canned;
    let s = scripted::serve(vec![Canned {
        status: 429,
        headers: vec![("retry-after", "42")],
        body: br#"{"message":"Too Many Attempts."}"#.to_vec(),
    }])
    .await;
    // 42 s is longer than the client will sleep: it reports instead.
    let e = fast(&s.url).list_workspaces().await.unwrap_err();
    match &e {
        ApiError::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(42)))
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("retry after 42s"));
    assert_eq!(e.exit_code(), 5, "rate-limited has its own exit code");
}

#[tokio::test]
async fn network_failures_are_typed() {
    // A port bound but not listening: connection refused, nothing was
    // sent (and the port stays ours for the test).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let c = ApiClient::with_options(
        &format!("http://{}", socket.local_addr().unwrap()),
        Token::new("t"),
        ClientOptions {
            get_retries: 0,
            ..Default::default()
        },
    )
    .unwrap();
    let e = c.list_workspaces().await.unwrap_err();
    assert!(matches!(e, ApiError::Connect { .. }), "{e:?}");
    assert!(e.nothing_sent());
    assert_eq!(e.exit_code(), 4);

    // A server that accepts and never answers: timeout, outcome unknown.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let (sock, _) = listener.accept().await.unwrap();
            held.push(sock);
        }
    });
    let c = ApiClient::with_options(
        &format!("http://{addr}"),
        Token::new("t"),
        ClientOptions {
            timeout: Duration::from_millis(200),
            get_retries: 0,
            ..Default::default()
        },
    )
    .unwrap();
    let e = c
        .create_account_for_lookup("ws", &new_account("x").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Timeout { .. }), "{e:?}");
    assert!(!e.nothing_sent());
    assert_eq!(e.exit_code(), 4);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    use scripted::Canned;
    let s = scripted::serve(vec![Canned {
        status: 302,
        headers: vec![("location", "http://127.0.0.1:1/steal")],
        body: vec![],
    }])
    .await;
    let e = fast(&s.url)
        .create_account("ws", &new_account("x").validate().unwrap(), &key())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(302));
}

#[tokio::test]
async fn huge_truncated_and_wrongly_typed_bodies_are_readable_errors() {
    use scripted::canned;
    let huge = format!("{{\"data\":[{}]}}", "1,".repeat(33 * 1024 * 1024));
    let s = scripted::serve(vec![
        canned(200, &huge),
        canned(200, r#"{"data":[{"id":5,"name":"x"}],"has_more":false}"#),
        canned(200, r#"{"data":[{"id":"ws_1","na"#),
        canned(
            200,
            r#"{"data":[{"id":"ws_1","name":"ok","unknown":{"deep":[1,2]}}],"extra":true}"#,
        ),
    ])
    .await;
    let c = fast(&s.url);
    let e = c.list_workspaces().await.unwrap_err();
    assert!(e.to_string().contains("larger than 64 MiB"), "{e}");
    let e = c.list_workspaces().await.unwrap_err();
    // The shape that was expected, never the value it could not read.
    assert!(
        e.to_string()
            .contains("the answer has an integer where a string was expected"),
        "{e}"
    );
    let e = c.list_workspaces().await.unwrap_err();
    assert!(e.to_string().contains("the answer ended early"), "{e}");
    // Unknown fields are ignored.
    let list = c.list_workspaces().await.unwrap();
    assert_eq!(list.data[0].name, "ok");
}

/// A method a path does not have is a 405 whose `Allow` lists the path's
/// documented methods (an OpenAPI checker's 405 probe relies on it).
#[tokio::test]
async fn a_method_a_path_does_not_have_is_405_with_allow() {
    let sb = demo().await;
    let http = {
        alto::api::client::install_tls_provider();
        reqwest::Client::new()
    };
    let put = http
        .put(format!("{}/workspaces/ws_x/organizations/org_1", sb.url()))
        .bearer_auth("demo")
        .send()
        .await
        .unwrap();
    assert_eq!(put.status().as_u16(), 405);
    let allow = put.headers()["allow"].to_str().unwrap().to_string();
    for method in ["GET", "PATCH", "DELETE"] {
        assert!(allow.contains(method), "{allow}");
    }
    let options = http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/workspaces/ws_x", sb.url()),
        )
        .bearer_auth("demo")
        .send()
        .await
        .unwrap();
    assert_eq!(options.status().as_u16(), 405);
    let allow = options.headers()["allow"].to_str().unwrap().to_string();
    for method in ["GET", "PATCH", "DELETE"] {
        assert!(allow.contains(method), "{allow}");
    }
}

#[tokio::test]
async fn an_idempotency_key_replays_its_create_refuses_another_body_and_forgets_refusals() {
    let sb = demo().await;
    let c = client(&sb);
    let full = workspace_with(&c, BillingMode::Single, 1).await;
    let k = key();
    let refused = c
        .create_account(&full, &new_account("Second").validate().unwrap(), &k)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409));
    // The refusal is not remembered: the same key works elsewhere.
    let ws = workspace_with(&c, BillingMode::Pooled, 0).await;
    let body = new_account("Once").validate().unwrap();
    let first = c.create_account(&ws, &body, &k).await.unwrap();
    let again = c.create_account(&ws, &body, &k).await.unwrap();
    assert_eq!(first.id, again.id, "the first answer, again");
    assert_eq!(c.list_accounts(&ws).await.unwrap().data.len(), 1);
    let other = new_account("Other").validate().unwrap();
    let err = c.create_account(&ws, &other, &k).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    let message = err.body().unwrap().message.clone().unwrap();
    assert!(message.contains("different request body"), "{message}");
    assert_eq!(c.list_accounts(&ws).await.unwrap().data.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn invoices_list_all_stops_on_empty_pages_without_end_and_says_so() {
    use scripted::canned;
    let invoice =
        serde_json::to_string(&alto::sandbox::billing::invoice("cus_x", "usd", 2, 1)).unwrap();
    let page = |data: &str, cursor: &str| {
        canned(
            200,
            &format!(
                r#"{{"data":[{data}],"has_more":true,"next_cursor":"{cursor}","previous_cursor":null}}"#
            ),
        )
    };
    let mut script = vec![page(&invoice, "c0")];
    script.extend((1..=10).map(|n| page("", &format!("c{n}"))));
    let s = scripted::serve(script).await;
    let dir = tempfile::tempdir().unwrap();
    let url = s.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_alto"))
            .args([
                "invoices",
                "list",
                "-w",
                "ws_1",
                "--account",
                "cus_x",
                "--all",
            ])
            .env_clear()
            .env("ALTO_CONFIG_DIR", dir.path())
            .env("ALTOSTRAT_API_URL", &url)
            .env("ALTOSTRAT_TOKEN", "t")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("3 empty pages in a row"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("in_"),
        "what was read is printed"
    );
    assert_eq!(
        s.hits.lock().unwrap().len(),
        4,
        "the first page and three empty ones"
    );
}

#[tokio::test]
async fn a_refused_connection_is_said_once_in_one_sentence() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let e = fast(&url).list_workspaces().await.unwrap_err();
    let said = e.to_string();
    assert!(said.ends_with(": connection refused"), "{said}");
    assert_eq!(
        said.matches("onnect").count(),
        2,
        "'could not connect', 'connection refused': {said}"
    );
}

#[tokio::test]
async fn a_request_nobody_wants_any_more_is_dropped_unsent() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let s = scripted::serve(vec![scripted::canned(
        200,
        r#"{"data":[],"has_more":false}"#,
    )])
    .await;
    let wanted = Arc::new(AtomicBool::new(true));
    let c = fast(&s.url).with_interest(wanted.clone());
    wanted.store(false, Ordering::Relaxed);
    let e = c.list_workspaces().await.unwrap_err();
    assert!(matches!(e, ApiError::Dropped), "{e:?}");
    assert!(e.nothing_sent());
    assert!(s.hits.lock().unwrap().is_empty(), "never sent");
    // Wanted again (another request with the same flag): sent.
    wanted.store(true, Ordering::Relaxed);
    assert!(c.list_workspaces().await.is_ok());
}

#[tokio::test]
async fn the_journal_keeps_a_writes_target_as_it_was_before_when_the_caller_knew_it() {
    use alto::api::journal::Journal;
    let s = scripted::serve(vec![scripted::canned(
        200,
        r#"{"id":"ws_1","name":"New","archived":false}"#,
    )])
    .await;
    let state = tempfile::tempdir().unwrap();
    let c = fast(&s.url).with_journal(Journal::new(state.path()), "prod");
    let patch = alto::api::model::UpdateWorkspace {
        name: Some("New".into()),
        ..Default::default()
    };
    let before = serde_json::json!({"id": "ws_1", "name": "Old"});
    alto::api::write::with_before(Some(before), c.update_workspace("ws_1", &patch))
        .await
        .unwrap();
    let text = std::fs::read_to_string(state.path().join("journal").join("writes.jsonl")).unwrap();
    let intent: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(intent["before"]["name"], "Old", "{text}");
    assert_eq!(intent["operation"], "updateWorkspace");
    assert_eq!(intent["profile"], "prod");
    let outcome: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(outcome["after"]["name"], "New", "{text}");
}
