//! The types of the contract (`shared/api/altostrat-workspaces.openapi.yaml`).
//!
//! Responses are decoded leniently: unknown fields are ignored and an enum
//! value the contract does not list (a new billing mode, say) is kept as text
//! rather than failing the whole list. Requests are written strictly: empty
//! optional fields are omitted, never sent as `""`.

mod admin;
mod billing;
mod org;

pub use admin::*;
pub use billing::*;
pub use org::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The five currencies the create operation accepts. Absent means "the
/// workspace default" and is modelled as `Option<Currency>::None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Currency {
    Usd,
    Zar,
    Eur,
    Gbp,
    Aud,
}

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::Usd,
        Currency::Zar,
        Currency::Eur,
        Currency::Gbp,
        Currency::Aud,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "usd",
            Currency::Zar => "zar",
            Currency::Eur => "eur",
            Currency::Gbp => "gbp",
            Currency::Aud => "aud",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Currency::Usd => "US Dollar",
            Currency::Zar => "South African Rand",
            Currency::Eur => "Euro",
            Currency::Gbp => "Pound Sterling",
            Currency::Aud => "Australian Dollar",
        }
    }

    /// Exact, lower-case code only: the API is case-sensitive.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A workspace's billing mode. Unknown values from the server are kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum BillingMode {
    Single,
    Assigned,
    Pooled,
    Other(String),
}

impl BillingMode {
    pub fn as_str(&self) -> &str {
        match self {
            BillingMode::Single => "single",
            BillingMode::Assigned => "assigned",
            BillingMode::Pooled => "pooled",
            BillingMode::Other(s) => s,
        }
    }

    /// How many billing accounts a workspace in this mode may hold.
    pub fn account_limit(&self) -> Option<usize> {
        match self {
            BillingMode::Single => Some(1),
            BillingMode::Assigned | BillingMode::Pooled => Some(10),
            BillingMode::Other(_) => None,
        }
    }
}

impl From<String> for BillingMode {
    fn from(s: String) -> Self {
        match s.as_str() {
            "single" => BillingMode::Single,
            "assigned" => BillingMode::Assigned,
            "pooled" => BillingMode::Pooled,
            _ => BillingMode::Other(s),
        }
    }
}

impl From<BillingMode> for String {
    fn from(m: BillingMode) -> String {
        m.as_str().to_string()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_mode: Option<BillingMode>,
    #[serde(default)]
    pub pooled_seat_limit: Option<i64>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub archived_at: Option<String>,
}

/// `{data, has_more}`: the contract documents no paging, so `has_more: true`
/// only tells the user the list is partial.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct List<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub has_more: bool,
}

pub type WorkspaceList = List<Workspace>;
pub type BillingAccountList = List<BillingAccount>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

impl Address {
    pub fn is_empty(&self) -> bool {
        *self == Address::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingAccount {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Kept as text: a currency the contract does not list must not make the
    /// whole response unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    pub created_at: String,
    pub updated_at: String,
}

impl BillingAccount {
    /// What in this account breaks a promise of the contract, said for the
    /// user (shown, never silently accepted): today, an id that is not a
    /// Stripe customer id (`cus_…`).
    pub fn contract_warning(&self) -> Option<String> {
        (!self.id.starts_with("cus_")).then(|| {
            format!(
                "the API answered with the id {}, which does not start with cus_ as the contract promises (billing account ids are Stripe customer ids): check it before relying on it",
                crate::inert::quoted(&self.id)
            )
        })
    }
}

/// The body of `POST /workspaces/{id}/billing-accounts`. Build it through
/// [`crate::rules::AccountInput::validate`], which trims and checks every field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBillingAccount {
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// The body of `PATCH …/billing-accounts/{id}`: only the fields present are
/// changed. For nullable fields `Some(None)` is sent as `null` and clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateBillingAccount {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// Address fields to change; a `null` value clears that field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<serde_json::Map<String, serde_json::Value>>,
}

impl UpdateBillingAccount {
    pub fn is_empty(&self) -> bool {
        *self == UpdateBillingAccount::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_is_lower_case_on_the_wire() {
        assert_eq!(serde_json::to_string(&Currency::Eur).unwrap(), "\"eur\"");
        assert!(serde_json::from_str::<Currency>("\"EUR\"").is_err());
    }

    #[test]
    fn unknown_billing_mode_is_kept() {
        let w: Workspace =
            serde_json::from_str(r#"{"id":"ws_1","name":"A","billing_mode":"metered","extra":1}"#)
                .unwrap();
        assert_eq!(w.billing_mode, Some(BillingMode::Other("metered".into())));
    }

    #[test]
    fn empty_optionals_are_omitted() {
        let body = NewBillingAccount {
            name: "A".into(),
            email: "a@b".into(),
            phone: None,
            description: None,
            currency: None,
            address: None,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"name":"A","email":"a@b"}"#
        );
    }

    #[test]
    fn patch_null_clears() {
        let p = UpdateBillingAccount {
            phone: Some(None),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"phone":null}"#);
    }
}
