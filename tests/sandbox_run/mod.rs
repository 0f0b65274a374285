//! The demo sandbox in-process and a client on it, for the API tests:
//! the same four helpers every such file needs.
#![allow(dead_code)] // each test file uses part of it

use alto::api::{ApiClient, Token};
use alto::sandbox::{self, RunningSandbox, SandboxOptions};

pub async fn demo() -> RunningSandbox {
    sandbox::start(SandboxOptions::default()).await.unwrap()
}

pub fn client(sb: &RunningSandbox) -> ApiClient {
    ApiClient::new(&sb.url(), Token::new("demo")).unwrap()
}

/// The id of the demo workspace called `name`.
pub fn ws(sb: &RunningSandbox, name: &str) -> String {
    sb.snapshot()
        .workspaces
        .iter()
        .find(|w| w.workspace.name == name)
        .unwrap()
        .workspace
        .id
        .clone()
}

/// A fresh Idempotency-Key.
pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The demo sandbox with these faults (`--sandbox-faults` words).
pub async fn with_faults(faults: &[&str]) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        faults: faults.iter().map(|f| f.parse().unwrap()).collect(),
        ..Default::default()
    })
    .await
    .unwrap()
}
