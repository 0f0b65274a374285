//! The workspace reads and the billing account operations of the
//! contract, one method each; every answer is told to the client's
//! witness (the CLI's index).

use super::client::{ApiClient, decode};
use super::error::ApiError;
use super::model::{
    BillingAccount, BillingAccountList, NewBillingAccount, UpdateBillingAccount, Workspace,
    WorkspaceList,
};
use super::seen::Seen;
use super::writes::Write;
use reqwest::Method;

impl ApiClient {
    pub async fn list_workspaces(&self) -> Result<WorkspaceList, ApiError> {
        let result = self.get(&["workspaces"]).await;
        self.saw(&result, Seen::Workspaces);
        result
    }

    pub async fn get_workspace(&self, workspace_id: &str) -> Result<Workspace, ApiError> {
        let result = self.get(&["workspaces", workspace_id]).await;
        self.saw(&result, |workspace| Seen::Workspace {
            workspace,
            created: false,
        });
        result
    }

    pub async fn list_accounts(&self, workspace_id: &str) -> Result<BillingAccountList, ApiError> {
        let result = self
            .get(&["workspaces", workspace_id, "billing-accounts"])
            .await;
        self.saw(&result, |list| Seen::Accounts {
            workspace: workspace_id,
            list,
        });
        result
    }

    pub async fn get_account(
        &self,
        workspace_id: &str,
        account_id: &str,
    ) -> Result<BillingAccount, ApiError> {
        let result = self
            .get(&["workspaces", workspace_id, "billing-accounts", account_id])
            .await;
        self.saw(&result, |account| Seen::Account {
            workspace: workspace_id,
            account,
        });
        result
    }

    /// Sends the create once. The API documents no idempotency key, so a
    /// resend could create a second Stripe customer: the only automatic
    /// resend is after a failure proven to happen before anything was sent
    /// (connection refused, DNS, TLS handshake). `idempotency_key` goes out
    /// as an `Idempotency-Key` header (harmless where it is ignored; the
    /// sandbox honours it); a deliberate resend must reuse it. A lost
    /// answer is looked up (an account of that name and email made since).
    pub async fn create_account(
        &self,
        workspace_id: &str,
        body: &NewBillingAccount,
        idempotency_key: &str,
    ) -> Result<BillingAccount, ApiError> {
        self.create_account_as(workspace_id, body, idempotency_key, true)
            .await
    }

    /// [`ApiClient::create_account`] for a caller that looks a lost answer
    /// up itself, with what it knows of the row (the import, whose own
    /// journal resumes by row): the outcome is recorded as unknown and the
    /// error returned as it is.
    pub async fn create_account_for_lookup(
        &self,
        workspace_id: &str,
        body: &NewBillingAccount,
        idempotency_key: &str,
    ) -> Result<BillingAccount, ApiError> {
        self.create_account_as(workspace_id, body, idempotency_key, false)
            .await
    }

    async fn create_account_as(
        &self,
        workspace_id: &str,
        body: &NewBillingAccount,
        idempotency_key: &str,
        look_up: bool,
    ) -> Result<BillingAccount, ApiError> {
        let path = ["workspaces", workspace_id, "billing-accounts"];
        let write = Write::CreateBillingAccount {
            workspace: workspace_id.into(),
        };
        let send = self.post_once(&path, body, idempotency_key);
        let key = Some(idempotency_key);
        let result = self.journaled_with(write, body, key, send, look_up).await;
        self.saw(&result, |account| Seen::Account {
            workspace: workspace_id,
            account,
        });
        result
    }

    pub async fn update_account(
        &self,
        workspace_id: &str,
        account_id: &str,
        body: &UpdateBillingAccount,
    ) -> Result<BillingAccount, ApiError> {
        let path = ["workspaces", workspace_id, "billing-accounts", account_id];
        let write = Write::UpdateBillingAccount {
            workspace: workspace_id.into(),
            account: account_id.into(),
        };
        let send = async {
            let (status, bytes) = self.send(Method::PATCH, &path, Some(body), None).await?;
            decode(status, &bytes)
        };
        let result = self.journaled(write, body, None, send).await;
        self.saw(&result, |account| Seen::Account {
            workspace: workspace_id,
            account,
        });
        result
    }

    pub async fn delete_account(
        &self,
        workspace_id: &str,
        account_id: &str,
    ) -> Result<(), ApiError> {
        let path = ["workspaces", workspace_id, "billing-accounts", account_id];
        let write = Write::DeleteBillingAccount {
            workspace: workspace_id.into(),
            account: account_id.into(),
        };
        let send = async {
            self.send::<()>(Method::DELETE, &path, None, None)
                .await
                .map(drop)
        };
        self.journaled(write, &(), None, send).await?;
        self.saw(&Ok(()), |()| Seen::AccountGone {
            workspace: workspace_id,
            id: account_id,
        });
        Ok(())
    }
}
