//! The sandbox's data: workspaces and their billing accounts, in memory, and
//! saved atomically to a JSON file after every change when one is given.

use crate::api::model::{BillingAccount, Currency, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the sandbox knows about a workspace beyond what it serves.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WorkspaceRecord {
    #[serde(flatten)]
    pub workspace: Workspace,
    /// The currency picked when a create request names none.
    pub default_currency: Currency,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountRecord {
    #[serde(flatten)]
    pub account: BillingAccount,
    /// Deleting an account with active subscriptions is refused (422).
    #[serde(default)]
    pub active_subscriptions: bool,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    pub workspaces: Vec<WorkspaceRecord>,
    /// Accounts by workspace id, oldest first.
    pub accounts: BTreeMap<String, Vec<AccountRecord>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read sandbox data {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("sandbox data {path} is not valid (left as it is): {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("cannot save sandbox data {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Store {
    pub fn workspace(&self, id: &str) -> Option<&WorkspaceRecord> {
        self.workspaces.iter().find(|w| w.workspace.id == id)
    }

    pub fn accounts(&self, workspace_id: &str) -> &[AccountRecord] {
        self.accounts
            .get(workspace_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Loads the file, or returns `None` when it does not exist yet. A file
    /// that exists but cannot be read is an error, never replaced.
    pub fn load(path: &Path) -> Result<Option<Store>, StoreError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.into(),
                    source,
                });
            }
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| StoreError::Parse {
                path: path.into(),
                source,
            })
    }

    /// Atomic: a crash leaves the old file or the new one, never half.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(self).expect("the store always serialises");
        crate::paths::write_private_atomic(path, &bytes).map_err(|source| StoreError::Write {
            path: path.into(),
            source,
        })
    }
}
