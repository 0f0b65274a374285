//! The import screen's effects: reading the file and its journal off the
//! UI thread; sending a row as the CLI does, the journal synced before the
//! POST and written after it.

use super::Effects;
use crate::api::model::{BillingAccount, NewBillingAccount};
use crate::api::{ApiClient, ApiError};
use crate::import::journal::{Entry, Journal, Lock, Outcome};
use crate::tui::import::{ImportCmd, ImportMsg};
use crate::tui::msg::Msg;
use std::path::PathBuf;

impl Effects {
    pub(super) fn import(&mut self, cmd: ImportCmd) {
        let state_dir = self.paths.state_dir.clone();
        match cmd {
            ImportCmd::Read { path, workspace_id } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let journal = Journal::path_for(&state_dir, &workspace_id, &path);
                    let result = crate::import::read_file(&path).and_then(|text| {
                        let j = Journal::open(&journal)?;
                        Ok((text, j.rows.into_values().collect()))
                    });
                    let _ = tx.send(Msg::Import(ImportMsg::Read { path, result }));
                });
            }
            ImportCmd::Send {
                workspace_id,
                line,
                body,
                key,
                file,
            } => {
                let journal = Journal::path_for(&state_dir, &workspace_id, &file);
                let row = Row {
                    workspace_id,
                    line,
                    body: *body,
                    key,
                    journal,
                };
                self.spawn(move |c| async move {
                    let result = row.send(&c).await.map(Box::new);
                    Msg::Import(ImportMsg::Sent {
                        line,
                        result,
                        at: crate::index::now_ms(),
                    })
                });
            }
        }
    }
}

/// One row to send.
struct Row {
    workspace_id: String,
    line: u64,
    body: NewBillingAccount,
    key: String,
    journal: PathBuf,
}

impl Row {
    fn entry(&self, outcome: Outcome) -> Entry {
        Entry {
            line: self.line,
            key: self.key.clone(),
            name: self.body.name.clone(),
            email: self.body.email.clone(),
            outcome,
        }
    }

    /// Writes `entry` to the journal (synced), off the runtime's threads.
    async fn record(&self, entry: Entry) -> Result<(), String> {
        let path = self.journal.clone();
        let written = tokio::task::spawn_blocking(move || {
            Journal::open(&path)?
                .record(entry)
                .map_err(|e| e.to_string())
        })
        .await;
        written.map_err(|e| e.to_string())?
    }

    /// Under the journal's lock (one import of the file at a time, the
    /// CLI's too), a row no one has sent yet: "Sending" first (if it
    /// cannot be written, nothing is sent), then the POST, then its outcome.
    async fn send(self, c: &ApiClient) -> Result<BillingAccount, ApiError> {
        let not_sent = |message: String| ApiError::Connect {
            url: self.journal.display().to_string(),
            message,
        };
        let (path, line) = (self.journal.clone(), self.line);
        let locked = tokio::task::spawn_blocking(move || {
            let lock = Lock::take(&path, "the console's import")?;
            let journal = Journal::open(&path)?;
            match journal.rows.get(&line).map(|e| &e.outcome) {
                Some(Outcome::Created { .. } | Outcome::Sending) => Err(format!(
                    "line {line} was sent by another import of this file; nothing was sent again"
                )),
                _ => Ok(lock),
            }
        })
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r);
        let _lock = match locked {
            Ok(lock) => lock,
            Err(why) => return Err(not_sent(why)),
        };
        if let Err(e) = self.record(self.entry(Outcome::Sending)).await {
            return Err(ApiError::Connect {
                url: self.journal.display().to_string(),
                message: format!("the import's journal cannot be written ({e}); nothing was sent"),
            });
        }
        let result = c
            .bulk()
            .create_account_for_lookup(&self.workspace_id, &self.body, &self.key)
            .await;
        let outcome = match &result {
            Ok(a) => Some(Outcome::Created { id: a.id.clone() }),
            Err(e) if e.outcome_unknown() => None,
            Err(e) => Some(Outcome::Refused {
                message: e.to_string(),
            }),
        };
        if let Some(outcome) = outcome
            && let Err(e) = self.record(self.entry(outcome)).await
        {
            tracing::warn!("the import's journal cannot be written: {e}");
        }
        result
    }
}
