//! Runs a `Cmd` and sends its result back as a `Msg`. HTTP runs on tokio;
//! nothing here touches `App`.

use super::msg::{Cmd, Msg};
use crate::api::ApiClient;
use crate::paths::Paths;
use std::io::Write;
use tokio::sync::mpsc::UnboundedSender;

pub struct Effects {
    api_url: String,
    client: ApiClient,
    tx: UnboundedSender<Msg>,
    paths: Paths,
}

impl Effects {
    /// `client` is built (and its URL checked) before the console starts;
    /// `update` sends nothing before a token is set.
    pub fn new(
        api_url: String,
        client: ApiClient,
        tx: UnboundedSender<Msg>,
        paths: Paths,
    ) -> Effects {
        Effects {
            api_url,
            client,
            tx,
            paths,
        }
    }

    pub fn run(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::UseToken(token) => match ApiClient::new(&self.api_url, token) {
                Ok(c) => self.client = c,
                Err(e) => tracing::error!("cannot use the token: {e}"),
            },
            Cmd::Copy { what, text } => {
                let _ = self
                    .tx
                    .send(Msg::Copied(osc52(&text).map(|_| what.to_string())));
            }
            Cmd::RememberWorkspace(id) => {
                if let Err(e) = super::state::remember_workspace(&self.paths, &id) {
                    tracing::warn!("cannot remember the last workspace: {e}");
                }
            }
            Cmd::LoadWorkspaces { req } => {
                self.spawn(move |c| async move {
                    Msg::WorkspacesLoaded {
                        req,
                        result: c.list_workspaces().await,
                    }
                });
            }
            Cmd::LoadWorkspace { req, id } => {
                self.spawn(move |c| async move {
                    Msg::WorkspaceLoaded {
                        req,
                        result: c.get_workspace(&id).await,
                    }
                });
            }
            Cmd::LoadAccounts { req, workspace_id } => {
                self.spawn(move |c| async move {
                    let result = c.list_accounts(&workspace_id).await;
                    Msg::AccountsLoaded {
                        req,
                        workspace_id,
                        result,
                    }
                });
            }
            Cmd::CreateAccount {
                req,
                workspace_id,
                body,
            } => {
                // One send, no retry: the API has no idempotency key.
                self.spawn(move |c| async move {
                    let result = c.create_account(&workspace_id, &body).await;
                    Msg::AccountCreated {
                        req,
                        workspace_id,
                        result,
                    }
                });
            }
        }
    }

    fn spawn<F, Fut>(&self, job: F)
    where
        F: FnOnce(ApiClient) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Msg> + Send + 'static,
    {
        let tx = self.tx.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = tx.send(job(client).await);
        });
    }
}

/// Copies through the terminal (OSC 52): works over SSH and in tmux with
/// `set-clipboard on`. The text is made inert first.
fn osc52(text: &str) -> Result<(), String> {
    use base64::Engine;
    let clean: String = text
        .chars()
        .filter(|c| *c == '\n' || !crate::rules::is_forbidden_char(*c))
        .collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")
        .and_then(|_| out.flush())
        .map_err(|e| e.to_string())
}
