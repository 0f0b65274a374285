//! Billing accounts: the list on the workspace screen and the detail pane.

pub mod trial;

use super::On;
use super::common::{
    BACK, COPY_ID, COPY_JSON, INVOICES, NEW_ACCOUNT, PAYMENT_METHODS, RELOAD, SUBSCRIPTIONS,
    copy_selected_id, copy_selected_json,
};
use super::{
    Action, Column, Field, IDLE, Labelled, Listed, Resource, action, column, plain, times,
};
use crate::api::model::BillingAccount;
use crate::rules::{self, AccountInput};
use crate::tui::app::App;
use crate::tui::form::{self, choice_label};
use crate::tui::keymap::KeyAction;
use crate::tui::msg::Msg;
use crate::tui::msg::{NavMsg, WriteMsg};
use crate::tui::update::navigation::load_accounts;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};

pub static ACCOUNTS: Resource<BillingAccount> = Resource {
    title: "Billing accounts",
    columns: COLUMNS,
    row_style: plain,
    fields: FIELDS,
    list_actions: LIST_ACTIONS,
    detail_actions: DETAIL_ACTIONS,
    listed,
    shown: |app| app.session.detail.as_ref(),
    list: |app| match app.session.current.clone() {
        Some(ws) => load_accounts(app, &ws.id),
        None => Vec::new(),
    },
    // The pane shows what the list or the create answered; nothing yet
    // asks for one account alone (a write's lookup is its own request).
    get: None,
    copies: ["the account id", "the account as JSON"],
    id: |a| &a.id,
};

fn listed(app: &App) -> Option<Listed<'_, BillingAccount>> {
    let ws = app.session.current.as_ref()?;
    Some(match app.session.accounts.get(&ws.id) {
        Some(v) => Listed {
            items: &v.items,
            sel: &app.session.account_sel,
            load: &v.load,
            has_more: v.has_more,
        },
        None => Listed {
            items: &[],
            sel: &app.session.account_sel,
            load: &IDLE,
            has_more: false,
        },
    })
}

const COLUMNS: &[Column<BillingAccount>] = &[
    column("NAME", Fill(3), |_, a| a.name.clone()),
    column("EMAIL", Fill(2), |_, a| a.email.clone()),
    column("CUR", Length(3), |_, a| {
        a.currency.clone().unwrap_or_default()
    }),
    column("CC", Length(2), |_, a| {
        a.address
            .as_ref()
            .and_then(|ad| ad.country.clone())
            .unwrap_or_default()
    }),
    column("ID", Length(18), |_, a| a.id.clone()),
];

/// The form's fields of `a` (address ones, or the others), in the form's
/// order and with its labels; the pickers' values as the pickers show them.
fn form_rows(a: &BillingAccount, address: bool) -> Vec<Labelled> {
    let input = AccountInput::from_account(a);
    rules::Field::ALL
        .into_iter()
        .filter(|f| f.is_address() == address)
        .map(|f| {
            let indent = if address { "  " } else { "" };
            let value =
                Some(input.get(f))
                    .filter(|v| !v.is_empty())
                    .map(|v| match form::is_picker(f) {
                        true => choice_label(f, v),
                        false => v.to_string(),
                    });
            (format!("{indent}{}", f.title()), value)
        })
        .collect()
}

/// The detail pane: the form's fields between the id and the times.
const FIELDS: &[Field<BillingAccount>] = &[
    Field::Value("ID", |_, a| Some(a.id.clone())),
    Field::Value("Workspace", |app, a| {
        Some(
            match app
                .session
                .current
                .as_ref()
                .filter(|w| w.id == a.workspace_id)
            {
                Some(w) => format!("{}  ({})", w.name, a.workspace_id),
                None => a.workspace_id.clone(),
            },
        )
    }),
    Field::Rows(|_, a| form_rows(a, false)),
    Field::Section("Address"),
    Field::Rows(|_, a| form_rows(a, true)),
    Field::Value("Created", |app, a| Some(times(&a.created_at, &app.ctx.tz))),
    Field::Value("Updated", |app, a| Some(times(&a.updated_at, &app.ctx.tz))),
];

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "open account",
        Some("open"),
        || Msg::Nav(NavMsg::OpenSelected),
    ),
    NEW_ACCOUNT,
    action(
        On::Act(KeyAction::Edit),
        "e",
        "edit the selected account",
        None,
        || Msg::Write(WriteMsg::EditAccount),
    ),
    action(
        On::Act(KeyAction::Delete),
        "d",
        "delete the selected account (asks first)",
        None,
        || Msg::Write(WriteMsg::DeleteAccount),
    ),
    RELOAD,
    BACK,
    action(
        On::Key(KeyCode::Char('v')),
        "v",
        "details of this workspace",
        None,
        || Msg::Nav(NavMsg::ShowDetails),
    ),
    copy_selected_id("copy the selected account's id"),
    copy_selected_json("copy the selected account as JSON"),
    SUBSCRIPTIONS,
    PAYMENT_METHODS,
    INVOICES,
    super::common::MEMBERS,
    super::common::ORGS,
];

const DETAIL_ACTIONS: &[Action] = &[
    COPY_ID,
    COPY_JSON,
    action(
        On::Act(KeyAction::New),
        "n",
        "another account in this workspace",
        Some("new"),
        || Msg::Nav(NavMsg::NewAccount),
    ),
    action(
        On::Act(KeyAction::Edit),
        "e",
        "edit (sends only the changed fields)",
        Some("edit"),
        || Msg::Write(WriteMsg::EditAccount),
    ),
    action(
        On::Act(KeyAction::Duplicate),
        "N",
        "duplicate as new: the form, prefilled",
        None,
        || Msg::Nav(NavMsg::DuplicateAsNew),
    ),
    action(
        On::Act(KeyAction::Delete),
        "d",
        "delete (asks first; Cancel is the default)",
        Some("delete"),
        || Msg::Write(WriteMsg::DeleteAccount),
    ),
    SUBSCRIPTIONS,
    PAYMENT_METHODS,
    INVOICES,
    action(
        On::Key(KeyCode::Char('T')),
        "T",
        "trial eligibility: a free trial, a payment method, what is needed",
        None,
        || Msg::Nav(NavMsg::OpenPane(&trial::PANE)),
    ),
    BACK,
];
