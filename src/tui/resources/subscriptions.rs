//! Subscriptions of a billing account: the list (a tab of the account) and
//! the detail with its quantity bars.

use super::On;
use super::common::{BACK, COPY_ID, COPY_JSON, copy_selected_id, copy_selected_json};
use super::{Action, Column, Field, Resource, action, column, times};
use crate::api::model::{SUBSCRIPTION_STATUSES, Subscription, products_summary, status_label};
use crate::tui::billing::Tab;
use crate::tui::keymap::KeyAction;
use crate::tui::msg::{BillingMsg, Msg, NavMsg};
use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::style::Style;

pub static SUBSCRIPTIONS: Resource<Subscription> = Resource {
    title: "Subscriptions",
    columns: COLUMNS,
    row_style: |t, s| if s.is_live() { Style::new() } else { t.dim() },
    fields: FIELDS,
    list_actions: LIST_ACTIONS,
    detail_actions: DETAIL_ACTIONS,
    listed: |app| {
        Some(super::listing(
            app.billing().map(|b| &b.subscriptions),
            None,
        ))
    },
    shown: |app| {
        let l = &app.billing()?.subscriptions;
        l.sel.current().and_then(|i| l.items.get(i))
    },
    list: |app| crate::tui::update::billing::load(app, Tab::Subscriptions),
    get: None,
    copies: ["the subscription id", "the subscription as JSON"],
    id: |s| &s.id,
};

/// A status that needs someone's attention is shown in the warning or
/// error colour; its word and symbol say the same without colour.
fn status_style(t: &Theme, s: &Subscription) -> Option<Style> {
    match s.status.as_str() {
        "past_due" | "unpaid" | "incomplete" => Some(t.error()),
        "paused" | "trialing" => Some(t.warning()),
        "active" => Some(t.success()),
        _ => None,
    }
}

/// "trial ends 2025-11-12", "cancels 2025-11-29", or the period's end.
fn ends(s: &Subscription) -> String {
    let day = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| d.get(..10))
            .unwrap_or("")
            .to_string()
    };
    let end = day(&s.current_period_end);
    if s.cancel_at_period_end {
        format!("cancels {end}")
    } else if s.status == "trialing" {
        format!("trial ends {end}")
    } else if s.status == "paused" && !end.is_empty() {
        format!("ends {end}")
    } else if end.is_empty() {
        String::new()
    } else {
        format!("renews {end}")
    }
}

const COLUMNS: &[Column<Subscription>] = &[
    Column {
        title: "STATUS",
        width: Length(12),
        text: |_, s| status_label(&SUBSCRIPTION_STATUSES, &s.status),
        style: status_style,
    },
    column("PRODUCTS", Fill(3), |_, s| products_summary(s)),
    column("PERIOD", Length(21), |_, s| ends(s)),
    column("ID", Length(20), |_, s| s.id.clone()),
];

const FIELDS: &[Field<Subscription>] = &[
    Field::Value("ID", |_, s| Some(s.id.clone())),
    Field::Value("Status", |_, s| {
        Some(status_label(&SUBSCRIPTION_STATUSES, &s.status))
    }),
    Field::Value("Billing account", |_, s| Some(s.billing_account_id.clone())),
    Field::Value("Currency", |_, s| Some(s.currency.clone())),
    Field::Value("Period start", |app, s| {
        s.current_period_start
            .as_deref()
            .map(|t| times(t, &app.ctx.tz))
    }),
    Field::Value("Period end", |app, s| {
        s.current_period_end
            .as_deref()
            .map(|t| times(t, &app.ctx.tz))
    }),
    Field::Value("Ends", |_, s| Some(ends(s)).filter(|e| !e.is_empty())),
    Field::Section("Metadata"),
    Field::Rows(|_, s| {
        s.metadata
            .iter()
            .map(|(k, v)| (format!("  {k}"), Some(v.clone())))
            .collect()
    }),
    Field::Value("Created", |app, s| Some(times(&s.created_at, &app.ctx.tz))),
    Field::Value("Updated", |app, s| Some(times(&s.updated_at, &app.ctx.tz))),
];

/// The writes, on the list and the detail alike.
const PAUSE: Action = action(
    On::Key(KeyCode::Char('p')),
    "p",
    "pause billing (asks first)",
    Some("pause"),
    || Msg::Billing(BillingMsg::Pause),
);
const RESUME: Action = action(
    On::Act(KeyAction::Reload),
    "r",
    "resume a paused one (asks first)",
    Some("resume"),
    || Msg::Billing(BillingMsg::Resume),
);
const CANCEL: Action = action(
    On::Key(KeyCode::Char('c')),
    "c",
    "cancel at period end (asks first; Cancel is the default)",
    Some("cancel"),
    || Msg::Billing(BillingMsg::Cancel),
);
const QUANTITIES: Action = action(
    On::Act(KeyAction::Edit),
    "e",
    "change quantities: the next invoice is previewed before anything is sent",
    Some("quantities"),
    || Msg::Billing(BillingMsg::EditQuantities),
);

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "details and quantity bars",
        Some("open"),
        || Msg::Nav(NavMsg::OpenSelected),
    ),
    PAUSE,
    RESUME,
    CANCEL,
    QUANTITIES,
    super::common::RELOAD_SHIFTED,
    super::common::NEXT_TAB,
    super::common::PREV_TAB,
    BACK,
    copy_selected_id("copy the selected subscription's id"),
    copy_selected_json("copy the selected subscription as JSON"),
];

const DETAIL_ACTIONS: &[Action] = &[PAUSE, RESUME, CANCEL, QUANTITIES, COPY_ID, COPY_JSON, BACK];
