//! What the console holds of one billing account's billing: its
//! subscriptions, payment methods and the invoice pages loaded so far, the
//! cursor on each, and the quantity change being prepared. Kept per
//! account in the Session, so coming back to an account finds its lists.

use super::app::Load;
use super::list::Selection;
use crate::api::model::{Invoice, PaymentMethod, ProductType, Subscription};
use tui_input::Input;

/// The three lists of an account, as tabs (Tab and Shift-Tab cycle them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Subscriptions,
    PaymentMethods,
    Invoices,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Subscriptions, Tab::PaymentMethods, Tab::Invoices];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Subscriptions => "Subscriptions",
            Tab::PaymentMethods => "Payment methods",
            Tab::Invoices => "Invoices",
        }
    }

    /// The next tab (or the previous one), round.
    pub fn step(self, forward: bool) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Tab::ALL.len();
        Tab::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// A list the API answers whole (`{data, has_more}`).
#[derive(Clone, Debug)]
pub struct Listing<T> {
    pub load: Load,
    pub items: Vec<T>,
    pub has_more: bool,
    pub sel: Selection,
}

impl<T> Default for Listing<T> {
    fn default() -> Listing<T> {
        Listing {
            load: Load::Idle,
            items: Vec::new(),
            has_more: false,
            sel: Selection::default(),
        }
    }
}

/// The invoices loaded so far, newest first, and where the next page
/// starts. Pages are asked for as the cursor nears the end, one at a time.
#[derive(Clone, Debug, Default)]
pub struct Invoices {
    pub list: Listing<Invoice>,
    /// `after` for the next page; `None` once the last page is in.
    pub next: Option<String>,
    /// The page in flight (its `after`), while one is.
    pub paging: Option<crate::tui::msg::ReqId>,
    /// Why the last page could not be loaded (r tries again).
    pub page_failed: Option<String>,
}

/// Rows from the end of the loaded invoices at which the next page is
/// asked for.
pub const PAGE_AHEAD: usize = 20;
/// Invoices asked for per page.
pub const PAGE_SIZE: u32 = 100;

/// One account's billing.
#[derive(Clone, Debug, Default)]
pub struct AccountBilling {
    pub subscriptions: Listing<Subscription>,
    pub payment_methods: Listing<PaymentMethod>,
    pub invoices: Invoices,
}

/// `e` on a subscription: one input per product, then the preview, then
/// the user's yes.
#[derive(Clone, Debug)]
pub struct QuantityEdit {
    pub subscription: Subscription,
    /// The quantity typed for each product, in `ProductType::ALL` order.
    pub inputs: [Input; 3],
    pub focus: usize,
    /// Why the quantities cannot be previewed, if they cannot.
    pub problem: Option<String>,
    pub stage: QuantityStage,
}

#[derive(Clone, Debug)]
pub enum QuantityStage {
    Typing,
    /// The preview is being asked for.
    Previewing(crate::tui::msg::ReqId),
    /// What the next invoice would be: Enter applies, Esc goes back.
    Previewed(Box<Invoice>),
}

impl QuantityEdit {
    pub fn new(subscription: Subscription) -> QuantityEdit {
        let inputs = ProductType::ALL.map(|p| {
            let q = subscription.quantity(p);
            Input::new(if q > 0 { q.to_string() } else { String::new() })
        });
        QuantityEdit {
            subscription,
            inputs,
            focus: 0,
            problem: None,
            stage: QuantityStage::Typing,
        }
    }
}

/// A billing write: what it does and to what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BillingOp {
    Pause(String),
    Resume(String),
    Cancel(String),
    Quantities {
        subscription_id: String,
        quantities: std::collections::BTreeMap<ProductType, u32>,
    },
    MakeDefault(String),
    Detach(String),
}

impl BillingOp {
    /// The confirm box's title and button.
    pub fn words(&self) -> (&'static str, &'static str) {
        match self {
            BillingOp::Pause(_) => ("Pause subscription?", "Pause"),
            BillingOp::Resume(_) => ("Resume subscription?", "Resume"),
            BillingOp::Cancel(_) => ("Cancel subscription?", "Cancel it"),
            BillingOp::Quantities { .. } => ("Change quantities?", "Apply"),
            BillingOp::MakeDefault(_) => ("Make default?", "Make default"),
            BillingOp::Detach(_) => ("Detach payment method?", "Detach"),
        }
    }

    /// The box starts on Cancel: Enter alone never does it.
    pub fn destructive(&self) -> bool {
        matches!(self, BillingOp::Cancel(_) | BillingOp::Detach(_))
    }

    /// The thing it acts on (a subscription or payment method id).
    pub fn target(&self) -> &str {
        match self {
            BillingOp::Pause(id)
            | BillingOp::Resume(id)
            | BillingOp::Cancel(id)
            | BillingOp::MakeDefault(id)
            | BillingOp::Detach(id) => id,
            BillingOp::Quantities {
                subscription_id, ..
            } => subscription_id,
        }
    }

    /// Acts on a payment method (else on a subscription).
    pub fn on_payment_method(&self) -> bool {
        matches!(self, BillingOp::MakeDefault(_) | BillingOp::Detach(_))
    }

    /// Whether the lists as the server holds them now show this write
    /// done: the lookup after an answer that never came.
    pub fn done_in(&self, subs: &[Subscription], methods: &[PaymentMethod]) -> bool {
        let sub = |id: &str| subs.iter().find(|s| s.id == id);
        match self {
            BillingOp::Pause(id) => sub(id).is_some_and(|s| s.status == "paused"),
            BillingOp::Resume(id) => sub(id).is_some_and(|s| s.status != "paused"),
            BillingOp::Cancel(id) => sub(id).is_none_or(|s| s.cancel_at_period_end || !s.is_live()),
            BillingOp::Quantities {
                subscription_id,
                quantities,
            } => sub(subscription_id).is_some_and(|s| {
                ProductType::ALL
                    .iter()
                    .all(|p| s.quantity(*p) == quantities.get(p).map_or(0, |q| u64::from(*q)))
            }),
            BillingOp::MakeDefault(id) => methods.iter().any(|m| m.id == *id && m.is_default),
            BillingOp::Detach(id) => !methods.iter().any(|m| m.id == *id),
        }
    }
}

/// A billing write waiting for its answer (or its lookup).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillingWrite {
    pub at: crate::tui::msg::At,
    pub op: BillingOp,
    /// What the user saw it as ("sub_… (locations 10, users 25)").
    pub label: String,
    pub phase: crate::tui::write::Phase,
}
