//! Organizations: the resource pools of an MSP's customers, a tree up to 10
//! levels deep inside a workspace, each with its own limits per product,
//! its usage and its subtree's usage.
//!
//! Products are keyed by name (`locations`, `users`, `sso`) rather than by
//! `ProductType`, so an answer naming a product the contract does not list
//! still reads; the rules refuse such a key in what alto sends.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per product: `None` (JSON null) or a missing key is no limit, `0`
/// disables the product.
pub type Limits = BTreeMap<String, Option<i64>>;

/// Product → amount in use.
pub type Usage = BTreeMap<String, i64>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUsage {
    /// In use by the organization itself.
    #[serde(default)]
    pub usage: Usage,
    /// In use by the organization and all its descendants.
    #[serde(default)]
    pub subtree_usage: Usage,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_background: Option<String>,
}

/// The organization's Auth0 login page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<Colors>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub workspace_id: String,
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub parent_org_id: Option<String>,
    /// The ancestors' ids, root first, `#`-separated; `None` (or "") at
    /// the top.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub depth: i64,
    #[serde(default)]
    pub billing_account_id: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub usage: Option<OrgUsage>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl Organization {
    /// The organization's own limit on `product`: `None` is no limit.
    pub fn limit(&self, product: &str) -> Option<i64> {
        self.limits.get(product).copied().flatten()
    }

    /// In use by the organization and its descendants.
    pub fn subtree_used(&self, product: &str) -> i64 {
        self.usage
            .as_ref()
            .and_then(|u| u.subtree_usage.get(product))
            .copied()
            .unwrap_or(0)
    }

    /// `8/50`, `2/no limit`, `0/disabled`: its subtree's use against its
    /// own limit, in words where a number would mislead.
    pub fn usage_text(&self, product: &str) -> String {
        let used = self.subtree_used(product);
        match self.limit(product) {
            None => format!("{used}/no limit"),
            Some(0) => format!("{used}/disabled"),
            Some(n) => format!("{used}/{n}"),
        }
    }

    /// [`Organization::usage_text`] for a narrow column: `2/∞` has no
    /// limit, `0/off` is disabled.
    pub fn usage_short(&self, product: &str) -> String {
        let used = self.subtree_used(product);
        match self.limit(product) {
            None => format!("{used}/∞"),
            Some(0) => format!("{used}/off"),
            Some(n) => format!("{used}/{n}"),
        }
    }

    /// In use by the organization itself.
    pub fn own_used(&self, product: &str) -> i64 {
        self.usage
            .as_ref()
            .and_then(|u| u.usage.get(product))
            .copied()
            .unwrap_or(0)
    }
}

pub type OrganizationList = super::List<Organization>;

/// The body of `POST …/organizations` and `POST …/{id}/children` (where
/// `billing_account_id` is always left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganization {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
}

/// The body of `PATCH …/organizations/{id}`: only what is sent changes;
/// `Some(None)` sends null (no billing account, no picture). Limits merge
/// per product: a product sent as null loses its limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateOrganization {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_account_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
}

/// One product's capacity as `GET …/limits` answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitLine {
    #[serde(rename = "type")]
    pub product: String,
    /// In use by the organization and its descendants.
    pub used: i64,
    /// In use by the organization itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<i64>,
    pub free: i64,
    /// The organization's own limit; `None` when it has none.
    #[serde(default)]
    pub org_limit: Option<i64>,
    /// The capacity that applies.
    pub total: i64,
}

/// Where the binding limit comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitContext {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationLimits {
    pub organization_id: String,
    pub organization_name: String,
    pub limits: Vec<LimitLine>,
    #[serde(default)]
    pub context: Option<LimitContext>,
}
