//! The sandbox's billing arithmetic: prices, the generated invoice
//! histories, previews, capacity and trial eligibility. Pure functions of
//! the store, so routes stay thin and tests need no server.

use super::seed::timestamp;
use super::store::{Billing, Store};
use crate::api::model::{
    Interval, Invoice, InvoiceLine, PreviewRequest, ProductType, Subscription, TrialEligibility,
    TrialInfo,
};
use std::collections::BTreeMap;

/// Unit price in minor units per month (a year costs ten months).
pub fn unit_price(product: ProductType, interval: Interval) -> i64 {
    let month = match product {
        ProductType::Locations => 1_500,
        ProductType::Users => 400,
        ProductType::Sso => 10_000,
    };
    match interval {
        Interval::Month => month,
        Interval::Year => month * 10,
    }
}

pub fn price_id(product: ProductType, interval: Interval) -> String {
    format!("price_{}_{}", product.key(), interval.key())
}

/// Tax in percent of the subtotal after discounts, by currency (VAT/GST).
fn tax_percent(currency: &str) -> i64 {
    match currency {
        "zar" => 15,
        "gbp" => 20,
        "eur" => 19,
        _ => 10,
    }
}

/// An invoice line for `qty` of `product`.
pub fn line(
    id: String,
    product: ProductType,
    qty: u32,
    interval: Interval,
    currency: &str,
) -> InvoiceLine {
    let unit = unit_price(product, interval);
    InvoiceLine {
        id,
        description: Some(format!(
            "{qty} × {} (at {} / {})",
            product.label(),
            crate::money::format(unit, currency),
            interval.key()
        )),
        amount: unit * i64::from(qty),
        currency: currency.to_string(),
        quantity: Some(i64::from(qty)),
        price_id: Some(price_id(product, interval)),
        unit_amount: Some(unit),
        product_name: Some(product.label().to_string()),
    }
}

/// A draft of `lines` for the account, with its totals (`discount_percent`
/// off the subtotal); the caller numbers, dates and publishes it.
fn draft(
    id: String,
    account_id: &str,
    currency: &str,
    lines: Vec<InvoiceLine>,
    discount_percent: i64,
) -> Invoice {
    let mut inv = Invoice {
        id,
        customer_id: account_id.to_string(),
        number: None,
        status: "draft".into(),
        currency: currency.to_string(),
        amount_due: 0,
        amount_paid: 0,
        subtotal: 0,
        total: 0,
        tax: None,
        discount_amount: None,
        discount_names: Vec::new(),
        lines,
        due_date: None,
        created_at: timestamp(jiff::Timestamp::now()),
        hosted_invoice_url: None,
        invoice_pdf: None,
    };
    total(&mut inv, discount_percent);
    inv
}

/// Subtotal, discount, tax and total of `lines`, into `invoice`.
fn total(invoice: &mut Invoice, discount_percent: i64) {
    let subtotal: i64 = invoice.lines.iter().map(|l| l.amount).sum();
    let discount = subtotal * discount_percent / 100;
    let tax = (subtotal - discount) * tax_percent(&invoice.currency) / 100;
    invoice.subtotal = subtotal;
    invoice.discount_amount = (discount > 0).then_some(discount);
    invoice.tax = Some(tax);
    invoice.total = subtotal - discount + tax;
    invoice.amount_due = invoice.total;
}

/// The tag that makes an account's invoice ids its own.
fn tag(account_id: &str) -> String {
    let tail: String = account_id
        .trim_start_matches("cus_")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("in_{tail}")
}

/// Invoice `i` of the account's history of `count`, newest (0) first. Its
/// number counts up from the oldest, and its id ends in that number, so a
/// cursor names its place without a lookup.
pub fn invoice(account_id: &str, currency: &str, count: u32, i: u32) -> Invoice {
    let n = count - i;
    // One a month for short histories, closer together for long ones; the
    // newest on 2025-11-01.
    let step_days = (3_650 / i64::from(count.max(1))).clamp(1, 30);
    let created = 1_761_955_200 - i64::from(i) * step_days * 86_400;
    let at = |s: i64| timestamp(jiff::Timestamp::from_second(s).expect("valid time"));
    let status = match i {
        0 => "draft",
        1 => "open",
        _ if i % 13 == 5 => "uncollectible",
        _ if i % 11 == 4 => "void",
        _ => "paid",
    };
    let id = format!("{}{n:06}", tag(account_id));
    let locations = 5 + (n * 7 % 11);
    let users = 20 + (n * 3 % 17);
    let mut lines = vec![
        line(
            format!("il_{n:06}a"),
            ProductType::Locations,
            locations,
            Interval::Month,
            currency,
        ),
        line(
            format!("il_{n:06}b"),
            ProductType::Users,
            users,
            Interval::Month,
            currency,
        ),
    ];
    if n.is_multiple_of(4) {
        lines.push(line(
            format!("il_{n:06}c"),
            ProductType::Sso,
            1,
            Interval::Month,
            currency,
        ));
    }
    let discounted = n.is_multiple_of(7);
    let mut inv = draft(
        id.clone(),
        account_id,
        currency,
        lines,
        if discounted { 10 } else { 0 },
    );
    inv.status = status.into();
    inv.created_at = at(created);
    if status != "draft" {
        let prefix: String = tag(account_id).chars().skip(3).take(5).collect();
        inv.number = Some(format!("{}-{n:04}", prefix.to_uppercase()));
        inv.hosted_invoice_url = Some(format!("https://invoice.stripe.com/i/acct_sandbox/{id}"));
        inv.invoice_pdf = Some(format!(
            "https://pay.stripe.com/invoice/acct_sandbox/{id}/pdf"
        ));
    }
    if discounted {
        inv.discount_names = vec!["Loyalty 10%".into()];
    }
    inv.due_date = matches!(status, "open" | "uncollectible").then(|| at(created + 30 * 86_400));
    if status == "paid" {
        inv.amount_paid = inv.total;
    }
    inv
}

/// The place of invoice `id` in the account's history (0 = newest).
pub fn invoice_index(account_id: &str, count: u32, id: &str) -> Option<u32> {
    let n: u32 = id.strip_prefix(&tag(account_id))?.parse().ok()?;
    (1..=count).contains(&n).then(|| count - n)
}

/// A page: up to `limit` invoices from index `from` on, with its cursors.
pub fn page(
    account_id: &str,
    currency: &str,
    count: u32,
    from: u32,
    limit: u32,
) -> crate::api::model::InvoicePage {
    let end = from.saturating_add(limit).min(count);
    let data: Vec<Invoice> = (from..end)
        .map(|i| invoice(account_id, currency, count, i))
        .collect();
    crate::api::model::InvoicePage {
        has_more: end < count,
        next_cursor: (end < count)
            .then(|| data.last().map(|l| l.id.clone()))
            .flatten(),
        previous_cursor: (from > 0)
            .then(|| data.first().map(|f| f.id.clone()))
            .flatten(),
        data,
    }
}

/// What the next invoice would be after `req`, for an account in
/// `currency`. Nothing is changed.
pub fn preview(account_id: &str, currency: &str, req: &PreviewRequest, id: String) -> Invoice {
    let lines = if req.cancel_subscription {
        Vec::new()
    } else {
        req.items
            .iter()
            .filter(|it| it.quantity > 0)
            .enumerate()
            .map(|(k, it)| {
                line(
                    format!("il_preview_{k}"),
                    it.product_type,
                    it.quantity,
                    it.interval,
                    currency,
                )
            })
            .collect()
    };
    draft(id, account_id, currency, lines, 0)
}

/// The product whose usage a cancel of `sub` would leave without capacity:
/// `(product, in use, capacity left)`.
pub fn underprovision(billing: &Billing, sub: &Subscription) -> Option<(ProductType, u64, u64)> {
    let others = billing
        .subscriptions
        .iter()
        .filter(|s| s.id != sub.id && s.is_live() && !s.cancel_at_period_end);
    let mut left: BTreeMap<ProductType, u64> = BTreeMap::new();
    for s in others {
        for p in ProductType::ALL {
            *left.entry(p).or_default() += s.quantity(p);
        }
    }
    billing.usage.iter().find_map(|(&p, &used)| {
        let cap = left.get(&p).copied().unwrap_or(0);
        (sub.quantity(p) > 0 && used > cap).then_some((p, used, cap))
    })
}

/// Eligible for a trial when the workspace has one billing account and no
/// subscriptions yet; able to subscribe when eligible or paying by default.
pub fn trial_eligibility(store: &Store, ws: &str, account_id: &str) -> TrialEligibility {
    let accounts = store.accounts(ws).len();
    let any_subscription = store.accounts(ws).iter().any(|r| {
        store
            .billing
            .get(&r.account.id)
            .is_some_and(|b| !b.subscriptions.is_empty())
    });
    let eligible = accounts == 1 && !any_subscription;
    let has_pm = store
        .billing(account_id)
        .payment_methods
        .iter()
        .any(|p| p.is_default);
    let mut requirements = BTreeMap::new();
    if !has_pm {
        requirements.insert(
            "add_payment_method".to_string(),
            "A default payment method must be added before creating subscriptions.".to_string(),
        );
    }
    TrialEligibility {
        trial_eligible: eligible,
        has_payment_method: has_pm,
        can_create_subscription: eligible || has_pm,
        trial_info: eligible.then(|| TrialInfo {
            trial_days: Some(14),
            message: Some("Your first subscription includes a 14-day free trial.".into()),
        }),
        requirements: Some(crate::api::model::Requirements::ByReason(requirements)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_history_pages_by_cursor_and_adds_up() {
        let count = 250;
        let first = page("cus_abc123", "usd", count, 0, 100);
        assert_eq!(first.data.len(), 100);
        assert!(first.has_more && first.previous_cursor.is_none());
        let after = first.next_cursor.unwrap();
        let from = invoice_index("cus_abc123", count, &after).unwrap() + 1;
        let last = page("cus_abc123", "usd", count, from, 200);
        assert_eq!(last.data.len(), 150);
        assert!(!last.has_more && last.next_cursor.is_none());
        assert_eq!(
            last.data.last().unwrap().number.as_deref(),
            Some("ABC12-0001")
        );
        for inv in first.data.iter().chain(&last.data) {
            let lines: i64 = inv.lines.iter().map(|l| l.amount).sum();
            assert_eq!(inv.subtotal, lines);
            assert_eq!(
                inv.total,
                inv.subtotal - inv.discount_amount.unwrap_or(0) + inv.tax.unwrap_or(0)
            );
        }
        let statuses: std::collections::BTreeSet<_> =
            first.data.iter().map(|i| i.status.as_str()).collect();
        assert_eq!(statuses.len(), 5, "every status: {statuses:?}");
        assert!(first.data.iter().any(|i| i.discount_amount.is_some()));
        assert_eq!(invoice_index("cus_abc123", count, "in_other000001"), None);
        assert_eq!(invoice_index("cus_abc123", count, "in_abc123000251"), None);
    }
}
