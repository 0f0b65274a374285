//! Subscriptions, payment methods and invoices: what a billing account pays
//! for, with what, and what it was charged.
//!
//! As for the rest of the model, answers are read leniently (a status or a
//! product the contract does not list is kept as text) and request bodies are
//! written strictly (only the contract's keys, built by `rules::billing`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The products a subscription meters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProductType {
    Locations,
    Users,
    Sso,
}

impl ProductType {
    pub const ALL: [ProductType; 3] =
        [ProductType::Locations, ProductType::Users, ProductType::Sso];

    pub fn key(self) -> &'static str {
        match self {
            ProductType::Locations => "locations",
            ProductType::Users => "users",
            ProductType::Sso => "sso",
        }
    }

    /// For people: "Locations", "Users", "SSO".
    pub fn label(self) -> &'static str {
        match self {
            ProductType::Locations => "Locations",
            ProductType::Users => "Users",
            ProductType::Sso => "SSO",
        }
    }

    pub fn from_key(key: &str) -> Option<ProductType> {
        ProductType::ALL.into_iter().find(|p| p.key() == key)
    }
}

impl fmt::Display for ProductType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Month,
    Year,
}

impl Interval {
    pub fn key(self) -> &'static str {
        match self {
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    pub fn from_key(key: &str) -> Option<Interval> {
        [Interval::Month, Interval::Year]
            .into_iter()
            .find(|i| i.key() == key)
    }
}

/// One product of a subscription as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductQuantity {
    #[serde(default)]
    pub price_id: String,
    pub quantity: u64,
    /// Kept as text: an interval the contract does not list stays readable.
    #[serde(default)]
    pub interval: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub billing_account_id: String,
    /// One of the contract's statuses, or a new one kept as text.
    pub status: String,
    pub currency: String,
    /// Product key → price, quantity and interval. Unknown products kept.
    #[serde(default)]
    pub product_quantities: BTreeMap<String, ProductQuantity>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    #[serde(default)]
    pub current_period_start: Option<String>,
    #[serde(default)]
    pub current_period_end: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Cancelled at the end of the period. Not in the contract (which
    /// shows no field for it); read when a server sends it, as Stripe does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancel_at_period_end: bool,
}

impl Subscription {
    /// Counts toward capacity and blocks deleting its account: anything
    /// that is not over (canceled or expired before it started).
    pub fn is_live(&self) -> bool {
        !matches!(self.status.as_str(), "canceled" | "incomplete_expired")
    }

    /// The quantity of `product`, 0 when the subscription has none.
    pub fn quantity(&self, product: ProductType) -> u64 {
        self.product_quantities
            .get(product.key())
            .map_or(0, |q| q.quantity)
    }

    /// The interval `product` bills by on this subscription: its own when
    /// it is on it, else the subscription's (its first product's), else a
    /// month. A change keeps each product's interval unless it says
    /// otherwise; the sandbox, the console's preview and the CLI's all
    /// ask here, so what is previewed is what is applied.
    pub fn interval_of(&self, product: ProductType) -> Interval {
        let own = |q: &ProductQuantity| Interval::from_key(&q.interval);
        self.product_quantities
            .get(product.key())
            .and_then(own)
            .or_else(|| self.product_quantities.values().find_map(own))
            .unwrap_or(Interval::Month)
    }
}

pub type SubscriptionList = super::List<Subscription>;

/// The subscription statuses the contract lists, each with a word or a
/// symbol so that status never rests on colour alone.
pub const SUBSCRIPTION_STATUSES: [(&str, &str); 8] = [
    ("active", "● active"),
    ("trialing", "◐ trialing"),
    ("past_due", "! past due"),
    ("unpaid", "! unpaid"),
    ("paused", "‖ paused"),
    ("incomplete", "… incomplete"),
    ("incomplete_expired", "× expired"),
    ("canceled", "× canceled"),
];

/// `status` with its symbol (`● active`); one the contract does not list
/// as `? status`. Never colour alone.
pub fn status_label(table: &[(&str, &'static str)], status: &str) -> String {
    table
        .iter()
        .find(|(s, _)| *s == status)
        .map_or_else(|| format!("? {status}"), |(_, label)| (*label).to_string())
}

/// `locations 10, users 25`: a subscription's products in the contract's
/// order (unknown ones after).
pub fn products_summary(sub: &Subscription) -> String {
    let mut parts: Vec<String> = ProductType::ALL
        .iter()
        .filter_map(|p| {
            sub.product_quantities
                .get(p.key())
                .map(|q| format!("{} {}", p.key(), q.quantity))
        })
        .collect();
    parts.extend(
        sub.product_quantities
            .iter()
            .filter(|(k, _)| ProductType::from_key(k).is_none())
            .map(|(k, q)| format!("{k} {}", q.quantity)),
    );
    parts.join(", ")
}

/// `visa •••• 4242` or `STRIPE TEST BANK •••• 6789`.
pub fn payment_method_label(pm: &PaymentMethod) -> String {
    let what = pm
        .brand
        .clone()
        .or_else(|| pm.bank_name.clone())
        .unwrap_or_else(|| pm.kind.replace('_', " "));
    match &pm.last4 {
        Some(last4) => format!("{what} •••• {last4}"),
        None => what,
    }
}

/// `GET …/trial-eligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialEligibility {
    pub trial_eligible: bool,
    pub has_payment_method: bool,
    pub can_create_subscription: bool,
    #[serde(default)]
    pub trial_info: Option<TrialInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialInfo {
    #[serde(default)]
    pub trial_days: Option<u32>,
    #[serde(default)]
    pub message: Option<String>,
}

/// What is still needed: reason → text in the current reference, a list of
/// texts in the legacy one. Both are read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Requirements {
    ByReason(BTreeMap<String, String>),
    Texts(Vec<String>),
}

impl Requirements {
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Requirements::ByReason(m) => m.values().map(String::as_str).collect(),
            Requirements::Texts(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub is_default: bool,
    #[serde(default)]
    pub brand: Option<String>,
    #[serde(default)]
    pub last4: Option<String>,
    #[serde(default)]
    pub exp_month: Option<u32>,
    #[serde(default)]
    pub exp_year: Option<i32>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub bank_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_holder_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
}

impl PaymentMethod {
    /// A card whose expiry month is before `(year, month)`.
    pub fn expired_at(&self, year: i32, month: u32) -> bool {
        match (self.exp_year, self.exp_month) {
            (Some(y), Some(m)) => (y, m) < (year, month),
            _ => false,
        }
    }
}

pub type PaymentMethodList = super::List<PaymentMethod>;

/// This year and month by the clock (UTC): what `expired_at` is asked
/// against. The console reads it once, at start, into its Context.
pub fn this_month() -> (i32, u32) {
    let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
    (i32::from(now.year()), now.month() as u32)
}

/// `POST …/payment-methods`: for Stripe.js, which a terminal is not. The
/// client secret is never shown, logged or printed (Debug hides it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupIntent {
    pub client_secret: String,
    pub publishable_key: String,
    /// A page that finishes the setup in a browser, when the server gives
    /// one (the contract does not; alto opens it if it comes).
    #[serde(
        default,
        alias = "setup_url",
        alias = "hosted_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
}

impl fmt::Debug for SetupIntent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetupIntent")
            .field("client_secret", &"<hidden>")
            .field("publishable_key", &self.publishable_key)
            .field("url", &self.url)
            .finish()
    }
}

/// `{message}`: what setting a default and cancelling answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    #[serde(default)]
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    /// In the currency's minor unit (cents).
    pub amount: i64,
    pub currency: String,
    #[serde(default)]
    pub quantity: Option<i64>,
    #[serde(default)]
    pub price_id: Option<String>,
    #[serde(default)]
    pub unit_amount: Option<i64>,
    #[serde(default)]
    pub product_name: Option<String>,
}

/// A Stripe invoice; every amount in the currency's minor unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    pub customer_id: String,
    #[serde(default)]
    pub number: Option<String>,
    pub status: String,
    pub currency: String,
    pub amount_due: i64,
    pub amount_paid: i64,
    pub subtotal: i64,
    pub total: i64,
    #[serde(default)]
    pub tax: Option<i64>,
    #[serde(default)]
    pub discount_amount: Option<i64>,
    #[serde(default)]
    pub discount_names: Vec<String>,
    #[serde(default)]
    pub lines: Vec<InvoiceLine>,
    #[serde(default)]
    pub due_date: Option<String>,
    pub created_at: String,
    #[serde(default)]
    pub hosted_invoice_url: Option<String>,
    #[serde(default)]
    pub invoice_pdf: Option<String>,
}

/// The invoice statuses with their words and symbols.
pub const INVOICE_STATUSES: [(&str, &str); 5] = [
    ("paid", "✓ paid"),
    ("open", "○ open"),
    ("draft", "… draft"),
    ("uncollectible", "! uncollectible"),
    ("void", "× void"),
];

/// One page of invoices, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePage {
    pub data: Vec<Invoice>,
    #[serde(default)]
    pub has_more: bool,
    /// `after` for the next (older) page; null on the last.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// `before` for the previous (newer) page; null on the first.
    #[serde(default)]
    pub previous_cursor: Option<String>,
}

/// Where a page of invoices starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceQuery {
    /// 1 to 200 (the server's default is 100).
    pub limit: Option<u32>,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// The body of `POST …/subscriptions`: product → quantity (≥ 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubscription {
    pub product_quantities: BTreeMap<ProductType, u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriptionAction {
    Pause,
    Resume,
    Sync,
}

impl SubscriptionAction {
    pub fn key(self) -> &'static str {
        match self {
            SubscriptionAction::Pause => "pause",
            SubscriptionAction::Resume => "resume",
            SubscriptionAction::Sync => "sync",
        }
    }
}

/// The body of `PATCH …/subscriptions/{id}`: exactly one operation (the
/// contract's oneOf), each written as its own closed object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum SubscriptionChange {
    Action {
        action: SubscriptionAction,
    },
    Quantities {
        product_quantities: BTreeMap<ProductType, u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        metadata: Option<BTreeMap<String, String>>,
    },
    Add {
        add_products: BTreeMap<ProductType, u32>,
    },
    Remove {
        remove_products: Vec<ProductType>,
    },
    Metadata {
        metadata: BTreeMap<String, String>,
    },
}

/// One product after the change being previewed (0 removes it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewItem {
    pub product_type: ProductType,
    pub quantity: u32,
    pub interval: Interval,
}

/// The body of `POST …/invoices/preview`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    pub items: Vec<PreviewItem>,
    #[serde(default)]
    pub cancel_subscription: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_written_as_the_one_operation_it_is() {
        let q = SubscriptionChange::Quantities {
            product_quantities: [(ProductType::Users, 25), (ProductType::Locations, 12)].into(),
            metadata: None,
        };
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"product_quantities":{"locations":12,"users":25}}"#
        );
        let a = SubscriptionChange::Action {
            action: SubscriptionAction::Pause,
        };
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"action":"pause"}"#);
        let r = SubscriptionChange::Remove {
            remove_products: vec![ProductType::Sso],
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"remove_products":["sso"]}"#
        );
    }

    #[test]
    fn requirements_are_read_in_either_shape_and_unknown_statuses_kept() {
        let new: TrialEligibility = serde_json::from_str(
            r#"{"trial_eligible":false,"has_payment_method":false,"can_create_subscription":false,
                "trial_info":null,"requirements":{"add_payment_method":"Add one."}}"#,
        )
        .unwrap();
        assert_eq!(new.requirements.unwrap().texts(), ["Add one."]);
        let old: TrialEligibility = serde_json::from_str(
            r#"{"trial_eligible":true,"has_payment_method":true,"can_create_subscription":true,
                "requirements":["Add one."]}"#,
        )
        .unwrap();
        assert_eq!(old.requirements.unwrap().texts(), ["Add one."]);
        let s: Subscription = serde_json::from_str(
            r#"{"id":"sub_1","billing_account_id":"cus_1","status":"frozen","currency":"usd",
                "product_quantities":{"robots":{"price_id":"p","quantity":3,"interval":"week"}},
                "created_at":"x","updated_at":"x"}"#,
        )
        .unwrap();
        assert_eq!(s.status, "frozen");
        assert_eq!(s.product_quantities["robots"].quantity, 3);
    }

    #[test]
    fn the_setup_intent_secret_never_shows_in_debug() {
        let s = SetupIntent {
            client_secret: "seti_1_secret_XYZ".into(),
            publishable_key: "pk_test_1".into(),
            url: None,
        };
        assert!(!format!("{s:?}").contains("secret_XYZ"));
    }

    #[test]
    fn expiry_is_compared_by_month() {
        let mut pm: PaymentMethod = serde_json::from_str(
            r#"{"id":"pm_1","type":"card","is_default":false,"exp_month":3,"exp_year":2026}"#,
        )
        .unwrap();
        assert!(pm.expired_at(2026, 4));
        assert!(!pm.expired_at(2026, 3), "valid through its month");
        pm.exp_year = None;
        assert!(!pm.expired_at(2030, 1), "a bank account never expires");
    }
}
