//! What the console holds of one billing account's billing: its
//! subscriptions, payment methods and the invoice pages loaded so far, the
//! cursor on each, and the quantity change being prepared. Kept per
//! account in the Session, so coming back to an account finds its lists.

use super::app::Load;
use super::list::Selection;
use crate::api::model::{Invoice, PaymentMethod, Subscription};

pub use super::boxes::quantities::{QuantityEdit, QuantityStage};

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

impl<T> Listing<T> {
    /// Takes the answer to request `req`, if it is the one awaited: the
    /// items, or why they could not be had (returned, for a 401's prompt).
    /// `None` when the answer is stale.
    pub fn answer(
        &mut self,
        req: crate::tui::msg::ReqId,
        result: Result<crate::api::model::List<T>, crate::api::ApiError>,
        height: usize,
    ) -> Option<Result<(), crate::api::ApiError>> {
        if !self.load.awaits(req) {
            return None;
        }
        Some(match result {
            Ok(list) => {
                self.load = Load::Loaded;
                self.items = list.data;
                self.has_more = list.has_more;
                self.sel
                    .set_visible((0..self.items.len()).collect(), height);
                Ok(())
            }
            Err(e) => {
                self.load = Load::Failed(e.to_string());
                Err(e)
            }
        })
    }
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
    /// The cursors asked with so far: one handed out again (a cycle) ends
    /// the paging.
    pub cursors: std::collections::HashSet<String>,
    /// Empty pages in a row that said more would follow.
    pub empty_pages: u8,
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
