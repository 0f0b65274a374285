//! `alto invoices list|preview`. `list --all` follows the cursor page by
//! page through the client's request budget (60 a minute), with a progress
//! line on stderr once it has taken more than a second.

use super::subscriptions::{account, pairs};
use super::*;
use crate::api::model::{
    INVOICE_STATUSES, Interval, Invoice, InvoicePage, InvoiceQuery, ProductType, status_label,
};
use crate::money;
use crate::rules::billing as billing_rules;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

pub(super) async fn invoices(c: &ApiClient, command: InvoicesCommand) -> Result<(), Failure> {
    match command {
        InvoicesCommand::List {
            at,
            limit,
            after,
            before,
            all,
            out,
        } => {
            let limit = limit
                .map(billing_rules::invoice_limit)
                .transpose()
                .map_err(|p| problems_failure(&[p]))?;
            let query = InvoiceQuery {
                limit,
                after,
                before,
            };
            let (page, stopped) = if all {
                every_page(c, &at, query).await?
            } else {
                (c.list_invoices(account(&at), &query).await?, None)
            };
            print_page(&page, out, all);
            // What was read is printed; that the API's paging went wrong
            // is said, and the exit code says the list is incomplete.
            if let Some(why) = stopped {
                return Err(Failure {
                    code: 3,
                    message: format!("alto: {why}"),
                });
            }
        }
        InvoicesCommand::Preview {
            at,
            subscription,
            items,
            interval,
            cancel,
            json,
        } => {
            // A change to a subscription keeps each product's interval
            // unless --interval says otherwise, as the change will.
            let sub = match &subscription {
                Some(id) => Some(c.get_subscription(account(&at), id).await?),
                None => None,
            };
            let interval_of = |product: &str| match (&interval, &sub) {
                (Some(i), _) => i.clone(),
                (None, Some(s)) => ProductType::from_key(product)
                    .map_or(Interval::Month, |p| s.interval_of(p))
                    .key()
                    .to_string(),
                (None, None) => Interval::Month.key().to_string(),
            };
            let items: Vec<Value> = match (items, &sub) {
                (Some(text), _) => pairs(&text, true)?
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| item(k, v.clone(), &interval_of(k)))
                    .collect(),
                // Cancelling: the subscription's products as they are.
                (None, sub) => sub
                    .iter()
                    .flat_map(|s| &s.product_quantities)
                    .map(|(k, q)| item(k, Value::from(q.quantity), &interval_of(k)))
                    .collect(),
            };
            let mut body = Map::new();
            if let Some(s) = subscription {
                body.insert("subscription_id".into(), Value::from(s));
            }
            body.insert("items".into(), Value::Array(items));
            body.insert("cancel_subscription".into(), Value::from(cancel));
            let req =
                billing_rules::preview(&Value::Object(body)).map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            let inv = c.preview_invoice(account(&at), &req, &key).await?;
            show_invoice(&inv, json);
        }
    }
    Ok(())
}

fn item(product: &str, quantity: Value, interval: &str) -> Value {
    serde_json::json!({ "product_type": product, "quantity": quantity, "interval": interval })
}

/// Every page from `query`'s place to the last, as one page.
/// Every page from `query`'s place to the last, as one page; and why the
/// paging stopped short, when it did: a cursor handed out before (a loop),
/// or a run of empty pages that each said more would follow.
async fn every_page(
    c: &ApiClient,
    at: &AccountTarget,
    mut query: InvoiceQuery,
) -> Result<(InvoicePage, Option<String>), Failure> {
    // Fewest requests: the largest page the API allows.
    query.limit = Some(query.limit.unwrap_or(billing_rules::INVOICE_LIMIT_MAX));
    let started = Instant::now();
    let mut progress: Option<indicatif::ProgressBar> = None;
    let mut all = c.list_invoices(account(at), &query).await?;
    let mut pages = 1;
    let mut seen = std::collections::HashSet::new();
    let mut empty = 0;
    let mut stopped = None;
    while let Some(next) = all.next_cursor.clone().filter(|_| all.has_more) {
        // A server that hands out a cursor again, or empty pages without
        // end, would page forever.
        if !seen.insert(next.clone()) {
            stopped = Some(format!(
                "the API gave the cursor {} again after {} invoices; stopped rather than loop (the list is incomplete)",
                inert(&next),
                all.data.len()
            ));
            break;
        }
        if empty >= billing_rules::EMPTY_PAGES_MAX {
            stopped = Some(format!(
                "the API sent {empty} empty pages in a row, each saying more would follow; stopped after {} invoices (the list may be incomplete)",
                all.data.len()
            ));
            break;
        }
        if progress.is_none() && started.elapsed() > Duration::from_secs(1) {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            progress = Some(bar);
        }
        if let Some(bar) = &progress {
            bar.set_message(format!(
                "{} invoices in {pages} pages so far (60 requests a minute at most)",
                money::grouped(all.data.len() as u64)
            ));
            bar.tick();
        }
        query.after = Some(next);
        let page = c.list_invoices(account(at), &query).await?;
        empty = if page.data.is_empty() { empty + 1 } else { 0 };
        all.data.extend(page.data);
        all.has_more = page.has_more;
        all.next_cursor = page.next_cursor;
        pages += 1;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok((all, stopped))
}

fn print_page(page: &InvoicePage, out: ListOutput, all: bool) {
    if out.format() == Format::Json {
        return print_json(page);
    }
    // As data the total is the API's number (minor units) beside its
    // currency; a table shows it as money.
    let rows: Vec<Vec<Cell>> = page
        .data
        .iter()
        .map(|i| {
            let due = i.due_date.clone().unwrap_or_default();
            vec![
                i.id.as_str().into(),
                i.number.clone().unwrap_or_default().into(),
                Cell::shown(
                    i.status.as_str(),
                    status_label(&INVOICE_STATUSES, &i.status),
                ),
                Cell::shown(i.total.to_string(), money::format(i.total, &i.currency)),
                i.currency.as_str().into(),
                Cell::shown(i.created_at.as_str(), date(&i.created_at)),
                Cell::shown(due.as_str(), date(&due)),
            ]
        })
        .collect();
    let columns = [
        id_col("ID", "id"),
        col("NUMBER", "number"),
        col("STATUS", "status"),
        col("TOTAL", "total"),
        output::csv_col("currency"),
        col("CREATED", "created_at"),
        col("DUE", "due_date"),
    ];
    output::print_rows(out.format(), &columns, &rows);
    if let (Some(next), false) = (&page.next_cursor, all) {
        eprintln!("more: --after {} (or --all for every page)", inert(next));
    }
}

fn show_invoice(i: &Invoice, json: bool) {
    if json {
        return print_json(i);
    }
    let m = |minor: i64| money::format(minor, &i.currency);
    let mut rows: Vec<(String, String)> = vec![
        ("id".into(), i.id.clone()),
        ("status".into(), status_label(&INVOICE_STATUSES, &i.status)),
    ];
    for l in &i.lines {
        rows.push((
            "line".into(),
            format!(
                "{}  {}",
                m(l.amount),
                l.description.clone().unwrap_or_default()
            ),
        ));
    }
    rows.push(("subtotal".into(), m(i.subtotal)));
    if let Some(d) = i.discount_amount {
        rows.push((
            "discount".into(),
            format!("-{} {}", m(d), i.discount_names.join(", ")),
        ));
    }
    rows.push(("tax".into(), i.tax.map(m).unwrap_or_else(|| "—".into())));
    rows.push(("total".into(), m(i.total)));
    rows.push(("amount due".into(), m(i.amount_due)));
    print_pairs(&rows);
}
