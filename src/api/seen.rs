//! What the client saw of workspaces and billing accounts, told to whoever
//! keeps a copy of them (the CLI's index), so a copy hears of every list,
//! get and write alto makes the moment its answer arrives.

use super::model::{BillingAccount, BillingAccountList, Workspace, WorkspaceList};
use std::sync::Arc;

/// One answer worth keeping, as the server gave it.
#[derive(Clone, Copy, Debug)]
pub enum Seen<'a> {
    /// The workspace list.
    Workspaces(&'a WorkspaceList),
    /// One workspace as read or written; `created` when it is new (and so
    /// has no accounts yet).
    Workspace {
        workspace: &'a Workspace,
        created: bool,
    },
    Archived(&'a str),
    /// A workspace's accounts, all of them.
    Accounts {
        workspace: &'a str,
        list: &'a BillingAccountList,
    },
    /// One account as read, created or changed.
    Account {
        workspace: &'a str,
        account: &'a BillingAccount,
    },
    /// An account deleted.
    AccountGone {
        workspace: &'a str,
        id: &'a str,
    },
}

/// Called with every [`Seen`], on whichever task got the answer.
pub type Witness = Arc<dyn Fn(Seen<'_>) + Send + Sync>;
