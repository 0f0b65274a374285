//! Payment methods of a billing account (a tab of the account): brand,
//! last 4, expiry (expired marked), the default starred.

use super::On;
use super::common::{BACK, NEXT_TAB, PREV_TAB, RELOAD, copy_selected_id, copy_selected_json};
use super::{Action, Column, Resource, action, column};
use crate::api::model::{PaymentMethod, payment_method_label};
use crate::tui::app::App;
use crate::tui::billing::Tab;
use crate::tui::keymap::KeyAction;
use crate::tui::msg::{BillingMsg, Msg};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};

pub static PAYMENT_METHODS: Resource<PaymentMethod> = Resource {
    title: "Payment methods",
    columns: COLUMNS,
    row_style: super::plain,
    fields: &[],
    list_actions: LIST_ACTIONS,
    detail_actions: &[],
    listed: |app| {
        Some(super::listing(
            app.billing().map(|b| &b.payment_methods),
            None,
        ))
    },
    shown: |app| {
        let l = &app.billing()?.payment_methods;
        l.sel.current().and_then(|i| l.items.get(i))
    },
    list: |app| crate::tui::update::billing::load(app, Tab::PaymentMethods),
    get: None,
    copies: ["the payment method id", "the payment method as JSON"],
    id: |m| &m.id,
};

/// `12/2027`, or `03/2024 ✗ expired` against the session's clock.
fn expiry(app: &App, m: &PaymentMethod) -> String {
    match (m.exp_month, m.exp_year) {
        (Some(mo), Some(y)) => {
            let (year, month) = app.ctx.today;
            if m.expired_at(year, month) {
                format!("{mo:02}/{y} ✗ expired")
            } else {
                format!("{mo:02}/{y}")
            }
        }
        _ => String::new(),
    }
}

const COLUMNS: &[Column<PaymentMethod>] = &[
    column("DEFAULT", Length(9), |_, m| {
        if m.is_default { "★ default" } else { "" }.into()
    }),
    column("METHOD", Fill(3), |_, m| payment_method_label(m)),
    column("EXPIRES", Length(17), expiry),
    column("NAME", Fill(1), |_, m| m.name.clone().unwrap_or_default()),
    column("ID", Length(17), |_, m| m.id.clone()),
];

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Key(KeyCode::Char('D')),
        "D",
        "make the selected one the default (asks first)",
        Some("default"),
        || Msg::Billing(BillingMsg::MakeDefault),
    ),
    action(
        On::Act(KeyAction::Delete),
        "d",
        "detach the selected one (asks first; Cancel is the default)",
        Some("detach"),
        || Msg::Billing(BillingMsg::Detach),
    ),
    action(
        On::Key(KeyCode::Char('a')),
        "a",
        "add a card (in the dashboard: a terminal never takes card numbers)",
        Some("add"),
        || Msg::Billing(BillingMsg::AddCard),
    ),
    RELOAD,
    NEXT_TAB,
    PREV_TAB,
    BACK,
    copy_selected_id("copy the selected payment method's id"),
    copy_selected_json("copy the selected payment method as JSON"),
];
