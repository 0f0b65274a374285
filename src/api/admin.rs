//! Workspace administration operations of the contract, one method each:
//! create, rename and archive workspaces; list, add, re-role and remove
//! members. Member ids (Auth0 `sub`s such as `auth0|64f5…`) go into paths
//! percent-encoded, by the URL's own path-segment encoding.

use super::client::{ApiClient, decode};
use super::error::ApiError;
use super::model::{
    Member, MemberList, MemberRole, NewMember, NewWorkspace, UpdateWorkspace, Workspace,
};
use super::seen::Seen;
use super::writes::Write;
use reqwest::Method;

impl ApiClient {
    /// Sent once (the caller's key makes a repeat harmless where honoured).
    pub async fn create_workspace(
        &self,
        body: &NewWorkspace,
        idempotency_key: &str,
    ) -> Result<Workspace, ApiError> {
        let write = Write::CreateWorkspace {
            name: body.name.clone(),
        };
        let send = self.post_once(&["workspaces"], body, idempotency_key);
        let result = self
            .journaled(write, body, Some(idempotency_key), send)
            .await;
        self.saw(&result, |workspace| Seen::Workspace {
            workspace,
            created: true,
        });
        result
    }

    pub async fn update_workspace(
        &self,
        workspace_id: &str,
        body: &UpdateWorkspace,
    ) -> Result<Workspace, ApiError> {
        let path = ["workspaces", workspace_id];
        let write = Write::UpdateWorkspace {
            workspace: workspace_id.into(),
        };
        let send = async {
            let (status, bytes) = self.send(Method::PATCH, &path, Some(body), None).await?;
            decode(status, &bytes)
        };
        let result = self.journaled(write, body, None, send).await;
        self.saw(&result, |workspace| Seen::Workspace {
            workspace,
            created: false,
        });
        result
    }

    /// Archives (soft-deletes) the workspace.
    pub async fn archive_workspace(&self, workspace_id: &str) -> Result<(), ApiError> {
        let path = ["workspaces", workspace_id];
        let write = Write::ArchiveWorkspace {
            workspace: workspace_id.into(),
        };
        let send = async {
            self.send::<()>(Method::DELETE, &path, None, None)
                .await
                .map(drop)
        };
        self.journaled(write, &(), None, send).await?;
        self.saw(&Ok(()), |()| Seen::Archived(workspace_id));
        Ok(())
    }

    pub async fn list_members(&self, workspace_id: &str) -> Result<MemberList, ApiError> {
        self.get(&["workspaces", workspace_id, "members"]).await
    }

    pub async fn add_member(
        &self,
        workspace_id: &str,
        body: &NewMember,
        idempotency_key: &str,
    ) -> Result<Member, ApiError> {
        let path = ["workspaces", workspace_id, "members"];
        let write = Write::AddWorkspaceMember {
            workspace: workspace_id.into(),
            user_id: body.user_id.clone(),
        };
        let send = self.post_once(&path, body, idempotency_key);
        self.journaled(write, body, Some(idempotency_key), send)
            .await
    }

    pub async fn set_member_role(
        &self,
        workspace_id: &str,
        user_id: &str,
        body: &MemberRole,
    ) -> Result<Member, ApiError> {
        let path = ["workspaces", workspace_id, "members", user_id];
        let write = Write::UpdateWorkspaceMemberRole {
            workspace: workspace_id.into(),
            user_id: user_id.into(),
        };
        let send = async {
            let (status, bytes) = self.send(Method::PATCH, &path, Some(body), None).await?;
            decode(status, &bytes)
        };
        self.journaled(write, body, None, send).await
    }

    pub async fn remove_member(&self, workspace_id: &str, user_id: &str) -> Result<(), ApiError> {
        let path = ["workspaces", workspace_id, "members", user_id];
        let write = Write::RemoveWorkspaceMember {
            workspace: workspace_id.into(),
            user_id: user_id.into(),
        };
        let send = async {
            self.send::<()>(Method::DELETE, &path, None, None)
                .await
                .map(drop)
        };
        self.journaled(write, &(), None, send).await
    }
}
