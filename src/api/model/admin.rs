//! Workspace administration: creating, renaming and archiving workspaces,
//! and their members with their roles.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A member's role, from most to least privileged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Admin, Role::Viewer];

    pub fn key(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Viewer => "viewer",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// May manage members and rename the workspace.
    pub fn manages(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A member as the API shows it; a role the contract does not list is
/// kept as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: String,
    pub workspace_id: String,
    pub role: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Member {
    pub fn role(&self) -> Option<Role> {
        Role::from_key(&self.role)
    }
}

pub type MemberList = super::List<Member>;

/// The body of `POST /workspaces`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWorkspace {
    pub name: String,
    pub billing_mode: super::BillingMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The body of `PATCH /workspaces/{id}`: only what is sent changes; a
/// `null` description clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateWorkspace {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
}

/// The body of `POST /workspaces/{id}/members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    pub user_id: String,
    pub role: Role,
}

/// The body of `PATCH /workspaces/{id}/members/{user}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRole {
    pub role: Role,
}
