//! Each of the contract's writes, named by its operation id, with its
//! target: what the journal records and a lookup reads.

use serde::{Deserialize, Serialize};

/// A write, named by the contract's operation id, with its target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "operation", rename_all = "camelCase")]
pub enum Write {
    CreateWorkspace {
        name: String,
    },
    UpdateWorkspace {
        workspace: String,
    },
    ArchiveWorkspace {
        workspace: String,
    },
    AddWorkspaceMember {
        workspace: String,
        user_id: String,
    },
    UpdateWorkspaceMemberRole {
        workspace: String,
        user_id: String,
    },
    RemoveWorkspaceMember {
        workspace: String,
        user_id: String,
    },
    CreateBillingAccount {
        workspace: String,
    },
    UpdateBillingAccount {
        workspace: String,
        account: String,
    },
    DeleteBillingAccount {
        workspace: String,
        account: String,
    },
    CreateSubscription {
        workspace: String,
        account: String,
    },
    UpdateSubscription {
        workspace: String,
        account: String,
        subscription: String,
    },
    CancelSubscription {
        workspace: String,
        account: String,
        subscription: String,
    },
    CreateSetupIntent {
        workspace: String,
        account: String,
    },
    SetDefaultPaymentMethod {
        workspace: String,
        account: String,
        payment_method: String,
    },
    DetachPaymentMethod {
        workspace: String,
        account: String,
        payment_method: String,
    },
    CreateOrganization {
        workspace: String,
    },
    CreateChildOrganization {
        workspace: String,
        parent: String,
    },
    UpdateOrganization {
        workspace: String,
        organization: String,
    },
    DeleteOrganization {
        workspace: String,
        organization: String,
    },
}

impl Write {
    /// The contract's operation id.
    pub fn operation(&self) -> String {
        serde_json::to_value(self).expect("serialises")["operation"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}
