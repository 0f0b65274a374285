//! Invoices of a billing account (a tab of the account): newest first,
//! paged as the cursor nears the end; the detail with lines, totals, tax,
//! discounts and due date. `o` opens the hosted page, `y` copies its URL.

use super::On;
use super::common::{BACK, COPY_JSON, NEXT_TAB, PREV_TAB, RELOAD, copy_selected_json};
use super::{Action, Column, Field, Labelled, Resource, action, column, times};
use crate::api::model::{INVOICE_STATUSES, Invoice, status_label};
use crate::money;
use crate::tui::billing::Tab;
use crate::tui::keymap::KeyAction;
use crate::tui::msg::{BillingMsg, Msg, NavMsg};
use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::style::Style;

pub static INVOICES: Resource<Invoice> = Resource {
    title: "Invoices",
    columns: COLUMNS,
    row_style: |t, i| {
        if i.status == "void" {
            t.dim()
        } else {
            Style::new()
        }
    },
    fields: FIELDS,
    list_actions: LIST_ACTIONS,
    detail_actions: DETAIL_ACTIONS,
    listed: |app| {
        Some(super::listing(
            app.billing().map(|b| &b.invoices.list),
            Some(app.billing().is_some_and(|b| b.invoices.next.is_some())),
        ))
    },
    shown: |app| {
        let l = &app.billing()?.invoices.list;
        l.sel.current().and_then(|i| l.items.get(i))
    },
    list: |app| crate::tui::update::billing::load(app, Tab::Invoices),
    get: None,
    copies: ["the invoice URL", "the invoice as JSON"],
    // `y` copies where the invoice can be seen; a draft has no page yet,
    // so its id.
    id: |i| i.hosted_invoice_url.as_deref().unwrap_or(&i.id),
};

fn status_style(t: &Theme, i: &Invoice) -> Option<Style> {
    match i.status.as_str() {
        "paid" => Some(t.success()),
        "open" => Some(t.warning()),
        "uncollectible" => Some(t.error()),
        _ => None,
    }
}

fn day(d: &str) -> String {
    d.get(..10).unwrap_or(d).to_string()
}

const COLUMNS: &[Column<Invoice>] = &[
    column("DATE", Length(10), |_, i| day(&i.created_at)),
    column("NUMBER", Length(10), |_, i| {
        i.number.clone().unwrap_or_default()
    }),
    Column {
        title: "STATUS",
        width: Length(15),
        text: |_, i| status_label(&INVOICE_STATUSES, &i.status),
        style: status_style,
    },
    column("TOTAL", Length(11), |_, i| {
        money::format(i.total, &i.currency)
    }),
    column("DUE", Length(10), |_, i| {
        i.due_date.as_deref().map(day).unwrap_or_default()
    }),
    column("ID", Fill(1), |_, i| i.id.clone()),
];

/// Each line as `amount  description`, then the totals.
fn lines(i: &Invoice) -> Vec<Labelled> {
    let m = |minor: i64| money::format(minor, &i.currency);
    let mut rows: Vec<Labelled> = i
        .lines
        .iter()
        .map(|l| {
            let what = l.description.clone().or_else(|| l.product_name.clone());
            (
                format!("  {}", m(l.amount)),
                Some(what.unwrap_or_else(|| l.id.clone())),
            )
        })
        .collect();
    if rows.is_empty() {
        rows.push(("  —".into(), Some("no lines".into())));
    }
    rows.push(("Subtotal".into(), Some(m(i.subtotal))));
    if let Some(d) = i.discount_amount {
        let names = i.discount_names.join(", ");
        rows.push(("Discount".into(), Some(format!("-{}  {names}", m(d)))));
    }
    rows.push(("Tax".into(), i.tax.map(m)));
    rows.push(("Total".into(), Some(m(i.total))));
    rows.push(("Amount due".into(), Some(m(i.amount_due))));
    rows.push(("Amount paid".into(), Some(m(i.amount_paid))));
    rows
}

const FIELDS: &[Field<Invoice>] = &[
    Field::Value("ID", |_, i| Some(i.id.clone())),
    Field::Value("Number", |_, i| i.number.clone()),
    Field::Value("Status", |_, i| {
        Some(status_label(&INVOICE_STATUSES, &i.status))
    }),
    Field::Value("Created", |app, i| Some(times(&i.created_at, &app.ctx.tz))),
    Field::Value("Due", |app, i| {
        i.due_date.as_deref().map(|d| times(d, &app.ctx.tz))
    }),
    Field::Section("Lines"),
    Field::Rows(|_, i| lines(i)),
    Field::Value("Page", |_, i| i.hosted_invoice_url.clone()),
    Field::Value("PDF", |_, i| i.invoice_pdf.clone()),
];

const OPEN_PAGE: Action = action(
    On::Key(KeyCode::Char('o')),
    "o",
    "open the invoice's page in the browser",
    Some("browser"),
    || Msg::Billing(BillingMsg::OpenHosted),
);

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "lines, totals, tax",
        Some("open"),
        || Msg::Nav(NavMsg::OpenSelected),
    ),
    OPEN_PAGE,
    action(
        On::Act(KeyAction::CopyId),
        "y",
        "copy the invoice's URL",
        None,
        || Msg::Copy(crate::tui::msg::CopyMsg::CopyId),
    ),
    copy_selected_json("copy the selected invoice as JSON"),
    RELOAD,
    NEXT_TAB,
    PREV_TAB,
    BACK,
];

const DETAIL_ACTIONS: &[Action] = &[
    OPEN_PAGE,
    action(
        On::Act(KeyAction::CopyId),
        "y",
        "copy the invoice's URL",
        Some("copy URL"),
        || Msg::Copy(crate::tui::msg::CopyMsg::CopyId),
    ),
    COPY_JSON,
    BACK,
];
