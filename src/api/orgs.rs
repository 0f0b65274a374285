//! Organization operations of the contract, one method each: list, get,
//! create (top level or as a child), update, delete, parent, limits, and
//! the usage report as a PDF.

use super::client::{ApiClient, decode};
use super::error::ApiError;
use super::model::{
    NewOrganization, Organization, OrganizationLimits, OrganizationList, UpdateOrganization,
};
use super::writes::Write;
use reqwest::Method;

const ORGS: &str = "organizations";

impl ApiClient {
    pub async fn list_organizations(&self, ws: &str) -> Result<OrganizationList, ApiError> {
        self.get(&["workspaces", ws, ORGS]).await
    }

    pub async fn get_organization(&self, ws: &str, org: &str) -> Result<Organization, ApiError> {
        self.get(&["workspaces", ws, ORGS, org]).await
    }

    /// A top-level organization, sent once (see `post_once`).
    pub async fn create_organization(
        &self,
        ws: &str,
        body: &NewOrganization,
        idempotency_key: &str,
    ) -> Result<Organization, ApiError> {
        let path = ["workspaces", ws, ORGS];
        let send = self.post_once(&path, body, idempotency_key);
        let write = Write::CreateOrganization {
            workspace: ws.into(),
        };
        self.journaled(write, body, Some(idempotency_key), send)
            .await
    }

    /// A child of `parent`, sent once.
    pub async fn create_child_organization(
        &self,
        ws: &str,
        parent: &str,
        body: &NewOrganization,
        idempotency_key: &str,
    ) -> Result<Organization, ApiError> {
        let path = ["workspaces", ws, ORGS, parent, "children"];
        let send = self.post_once(&path, body, idempotency_key);
        let write = Write::CreateChildOrganization {
            workspace: ws.into(),
            parent: parent.into(),
        };
        self.journaled(write, body, Some(idempotency_key), send)
            .await
    }

    pub async fn update_organization(
        &self,
        ws: &str,
        org: &str,
        body: &UpdateOrganization,
    ) -> Result<Organization, ApiError> {
        let path = ["workspaces", ws, ORGS, org];
        let send = async {
            let (status, bytes) = self.send(Method::PATCH, &path, Some(body), None).await?;
            decode(status, &bytes)
        };
        let write = Write::UpdateOrganization {
            workspace: ws.into(),
            organization: org.into(),
        };
        self.journaled(write, body, None, send).await
    }

    pub async fn delete_organization(&self, ws: &str, org: &str) -> Result<(), ApiError> {
        let path = ["workspaces", ws, ORGS, org];
        let send = async {
            self.send::<()>(Method::DELETE, &path, None, None)
                .await
                .map(drop)
        };
        let write = Write::DeleteOrganization {
            workspace: ws.into(),
            organization: org.into(),
        };
        self.journaled(write, &(), None, send).await
    }

    /// The parent; a top-level organization answers 404 (it has none).
    pub async fn get_parent_organization(
        &self,
        ws: &str,
        org: &str,
    ) -> Result<Organization, ApiError> {
        self.get(&["workspaces", ws, ORGS, org, "parent"]).await
    }

    pub async fn get_organization_limits(
        &self,
        ws: &str,
        org: &str,
    ) -> Result<OrganizationLimits, ApiError> {
        self.get(&["workspaces", ws, ORGS, org, "limits"]).await
    }

    /// The usage report's bytes; an answer that is not a PDF (an HTML
    /// page from a proxy, say) is an error, never handed on as one.
    pub async fn organization_usage_pdf(&self, ws: &str) -> Result<Vec<u8>, ApiError> {
        let url = self.url(&["workspaces", ws, ORGS, "usage.pdf"])?;
        let (status, bytes) = self.get_raw(url, "application/pdf").await?;
        if !bytes.starts_with(b"%PDF-") {
            let start = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
            return Err(ApiError::Decode {
                status: status.as_u16(),
                reason: format!(
                    "the answer is not a PDF (it starts with {})",
                    crate::inert::quoted(&start)
                ),
            });
        }
        Ok(bytes)
    }
}
