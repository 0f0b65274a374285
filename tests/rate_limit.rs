//! The sandbox started with `--rate-limit` enforces the API's budget: 60
//! requests a minute per bearer token, then 429 with a Retry-After that
//! says when the oldest request leaves the minute.

use alto::sandbox::{self, SandboxOptions};

#[tokio::test]
async fn the_61st_request_in_a_minute_is_429_with_retry_after_per_token() {
    let sb = sandbox::start(SandboxOptions {
        rate_limit: Some(60),
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let http = {
        alto::api::client::install_tls_provider();
        reqwest::Client::new()
    };
    let get = |token: &'static str| {
        http.get(format!("{}/workspaces", sb.url()))
            .bearer_auth(token)
            .send()
    };
    for _ in 0..60 {
        assert_eq!(get("alice").await.unwrap().status().as_u16(), 200);
    }
    let refused = get("alice").await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((55..=60).contains(&wait), "{wait}");
    assert_eq!(
        get("bob").await.unwrap().status().as_u16(),
        200,
        "per token"
    );
    // Without a token it is still a 401, not a 429.
    let anonymous = http
        .get(format!("{}/workspaces", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
}

#[tokio::test]
async fn without_the_flag_there_is_no_limit() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let http = {
        alto::api::client::install_tls_provider();
        reqwest::Client::new()
    };
    for _ in 0..80 {
        let r = http
            .get(format!("{}/workspaces", sb.url()))
            .bearer_auth("alice")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
}
