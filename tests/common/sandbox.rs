//! The demo sandbox in-process and a client on it, for the API tests:
//! the same four helpers every such file needs.

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

/// A billing account with this name and a fixed email.
pub fn new_account(name: &str) -> alto::rules::AccountInput {
    alto::rules::AccountInput {
        name: name.into(),
        email: "billing@example.com".into(),
        ..Default::default()
    }
}

/// The id of the first workspace in `mode` holding `accounts` accounts.
pub async fn workspace_with(
    c: &ApiClient,
    mode: alto::api::model::BillingMode,
    accounts: usize,
) -> String {
    for w in c.list_workspaces().await.unwrap().data {
        if w.billing_mode.as_ref() == Some(&mode) && !w.archived {
            let n = c.list_accounts(&w.id).await.unwrap().data.len();
            if n == accounts {
                return w.id;
            }
        }
    }
    panic!("no {mode:?} workspace with {accounts} accounts in the demo set");
}
