//! The organization box: a new top-level organization (`n`), a child of
//! the selected one (`c`), or a change to the selected one (`e`). Its
//! fields: the name, the billing account when the workspace's mode asks a
//! root for one (chosen among the workspace's accounts with ←/→), and a
//! limit per product (empty is no limit, 0 disables it).

use crate::api::model::{BillingAccount, Organization, ProductType};
use crate::rules::organization::Place;
use tui_input::Input;

#[derive(Clone, Debug)]
pub enum OrgBoxKind {
    Root,
    /// A child of this organization (id, name).
    Child(String, String),
    /// A change to this organization.
    Edit(Box<Organization>),
}

#[derive(Clone, Debug)]
pub struct OrgBox {
    pub kind: OrgBoxKind,
    /// Where it sits: decides the billing account rule.
    pub place: Place,
    pub name: Input,
    /// The billing account chosen (when `place` needs one), among the
    /// workspace's accounts as the console holds them.
    pub account: Option<String>,
    /// Locations, users, sso, in `ProductType::ALL` order.
    pub limits: [Input; 3],
    /// 0 name, 1 account, 2–4 limits (1 only when an account is needed).
    pub focus: usize,
    pub problem: Option<String>,
}

impl OrgBox {
    pub fn new(kind: OrgBoxKind, place: Place) -> OrgBox {
        let (name, limits) = match &kind {
            OrgBoxKind::Edit(o) => (
                Input::new(o.name.clone()),
                ProductType::ALL.map(|p| {
                    Input::new(o.limit(p.key()).map_or_else(String::new, |n| n.to_string()))
                }),
            ),
            _ => (Input::default(), Default::default()),
        };
        let account = match &kind {
            OrgBoxKind::Edit(o) => o.billing_account_id.clone(),
            _ => None,
        };
        OrgBox {
            kind,
            place,
            name,
            account,
            limits,
            focus: 0,
            problem: None,
        }
    }

    /// The billing account field is shown (a root in single or assigned
    /// mode).
    pub fn asks_account(&self) -> bool {
        self.place.needs_account()
    }

    /// The next (or previous) field, the account only when asked.
    pub fn step(&mut self, forward: bool) {
        let fields: &[usize] = if self.asks_account() {
            &[0, 1, 2, 3, 4]
        } else {
            &[0, 2, 3, 4]
        };
        self.focus = crate::tui::list::cycle(fields, self.focus, forward);
    }

    /// ←/→ on the account: the next or previous of `accounts`.
    pub fn turn(&mut self, accounts: &[BillingAccount], forward: bool) {
        let n = accounts.len();
        if self.focus != 1 || n == 0 {
            return;
        }
        let at = self
            .account
            .as_ref()
            .and_then(|id| accounts.iter().position(|a| a.id == *id));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.account = Some(accounts[next].id.clone());
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self.focus {
            0 => Some(&mut self.name),
            f @ 2..=4 => Some(&mut self.limits[f - 2]),
            _ => None,
        }
    }

    pub fn typing(&self) -> bool {
        self.focus != 1
    }

    pub fn title(&self) -> String {
        match &self.kind {
            OrgBoxKind::Root => "New organization (top level)".into(),
            OrgBoxKind::Child(_, parent) => format!("New organization under {parent}"),
            OrgBoxKind::Edit(o) => format!("Change {}", o.name),
        }
    }
}
