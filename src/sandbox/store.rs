//! The sandbox's data: workspaces, their billing accounts and what those pay
//! for, in memory, and saved atomically to a JSON file after every change
//! when one is given.

use crate::api::model::{
    BillingAccount, Currency, Member, Organization, PaymentMethod, ProductType, Role, Subscription,
    Workspace,
};
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
}

/// An account's billing: what it subscribes to, how it pays, what it was
/// charged. Invoices are a generated history (see `sandbox::billing`):
/// 5,000 of them cost a count, not megabytes, and read the same every run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Billing {
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    /// How many invoices the account's history holds.
    #[serde(default)]
    pub invoices: u32,
    /// Capacity in use, per product: a cancel that would leave less is
    /// refused (`cancellation_would_underprovision`).
    #[serde(default)]
    pub usage: BTreeMap<ProductType, u64>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    pub workspaces: Vec<WorkspaceRecord>,
    /// Accounts by workspace id, oldest first.
    pub accounts: BTreeMap<String, Vec<AccountRecord>>,
    /// Billing by account id (absent: none yet).
    #[serde(default)]
    pub billing: BTreeMap<String, Billing>,
    /// Members by workspace id, oldest first.
    #[serde(default)]
    pub members: BTreeMap<String, Vec<Member>>,
    /// Organizations by workspace id, parents before their children; each
    /// holds its own usage only (see `sandbox::orgs`).
    #[serde(default)]
    pub orgs: BTreeMap<String, Vec<Organization>>,
}

/// Who the sandbox takes the caller to be, whatever the token: the demo
/// user, a member of every demo workspace (in some an admin or a viewer).
pub const CALLER: &str = "auth0|64f5a6b7c8d9e0f1a2b3c4d5";

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

    /// The account `id` of workspace `ws`, if both exist.
    pub fn account(&self, ws: &str, id: &str) -> Option<&BillingAccount> {
        self.accounts(ws)
            .iter()
            .map(|r| &r.account)
            .find(|a| a.id == id)
    }

    /// The account's billing (empty when it has none).
    pub fn billing(&self, account_id: &str) -> std::borrow::Cow<'_, Billing> {
        match self.billing.get(account_id) {
            Some(b) => std::borrow::Cow::Borrowed(b),
            None => std::borrow::Cow::Owned(Billing::default()),
        }
    }

    pub fn orgs(&self, ws: &str) -> &[Organization] {
        self.orgs.get(ws).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn members(&self, ws: &str) -> &[Member] {
        self.members.get(ws).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The caller's role in `ws`, if a member.
    pub fn caller_role(&self, ws: &str) -> Option<Role> {
        self.members(ws)
            .iter()
            .find(|m| m.user_id == CALLER)
            .and_then(Member::role)
    }

    /// Any subscription in workspace `ws` that is not over.
    pub fn workspace_has_live_subscriptions(&self, ws: &str) -> bool {
        self.accounts(ws).iter().any(|r| {
            self.billing
                .get(&r.account.id)
                .is_some_and(|b| b.subscriptions.iter().any(Subscription::is_live))
        })
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
