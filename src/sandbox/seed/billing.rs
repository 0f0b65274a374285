//! The demo's billing: subscriptions in every status, accounts with 0, 1
//! and 5 payment methods (cards, a bank account, an expired card), and
//! invoice histories from a handful to 5,000. Fixed, like the rest of the
//! seed: the same ids every run.

use super::timestamp;
use crate::api::model::{Interval, PaymentMethod, ProductQuantity, ProductType, Subscription};
use crate::sandbox::billing::price_id;
use crate::sandbox::store::{Billing, Store};
use std::collections::BTreeMap;

/// A subscription to seed: status, products with quantities, interval.
type Seeded = (&'static str, &'static [(ProductType, u64)], Interval);

/// What one account gets (`PLANS` names the workspace and account index).
struct Plan {
    subscriptions: &'static [Seeded],
    /// How many of [`CARDS`] it holds (the first is the default).
    payment_methods: usize,
    invoices: u32,
    usage: &'static [(ProductType, u64)],
}

use Interval::{Month, Year};
use ProductType::{Locations, Sso, Users};

const PLANS: &[(&str, usize, Plan)] = &[
    // The first account anyone opens: paying, with a paused add-on, five
    // payment methods (the most there may be) and two years of invoices.
    // Its usage makes cancelling the main subscription an underprovision.
    (
        "ACME Corporation",
        0,
        Plan {
            subscriptions: &[
                ("active", &[(Locations, 10), (Users, 25)], Month),
                ("paused", &[(Sso, 1)], Month),
            ],
            payment_methods: 5,
            invoices: 24,
            usage: &[(Locations, 8), (Users, 20)],
        },
    ),
    // A trial and the long history (5,000 invoices) to page through. (The
    // second account stays bare: it can be deleted.)
    (
        "ACME Corporation",
        2,
        Plan {
            subscriptions: &[("trialing", &[(Locations, 2), (Users, 5)], Month)],
            payment_methods: 1,
            invoices: 5_000,
            usage: &[],
        },
    ),
    (
        "Stark Industries",
        0,
        Plan {
            subscriptions: &[("past_due", &[(Users, 40)], Month)],
            payment_methods: 1,
            invoices: 7,
            usage: &[(Users, 12)],
        },
    ),
    (
        "Stark Industries",
        1,
        Plan {
            subscriptions: &[("unpaid", &[(Locations, 3)], Month)],
            payment_methods: 2,
            invoices: 4,
            usage: &[],
        },
    ),
    (
        "Stark Industries",
        2,
        Plan {
            subscriptions: &[("canceled", &[(Users, 10)], Month)],
            payment_methods: 0,
            invoices: 11,
            usage: &[],
        },
    ),
    (
        "Stark Industries",
        3,
        Plan {
            subscriptions: &[("incomplete", &[(Users, 1)], Month)],
            payment_methods: 1,
            invoices: 1,
            usage: &[],
        },
    ),
    (
        "Stark Industries",
        4,
        Plan {
            subscriptions: &[("incomplete_expired", &[(Sso, 1)], Month)],
            payment_methods: 0,
            invoices: 0,
            usage: &[],
        },
    ),
    (
        "Stark Industries",
        5,
        Plan {
            subscriptions: &[("active", &[(Locations, 120), (Users, 300), (Sso, 1)], Year)],
            payment_methods: 2,
            invoices: 3,
            usage: &[(Locations, 90)],
        },
    ),
    (
        "Stark Industries",
        6,
        Plan {
            subscriptions: &[("paused", &[(Users, 8)], Month)],
            payment_methods: 1,
            invoices: 6,
            usage: &[],
        },
    ),
    // Kruger (rand): a few pages of invoices, small enough to page to the end.
    (
        "Kruger Networks",
        0,
        Plan {
            subscriptions: &[("active", &[(Locations, 14), (Users, 60)], Month)],
            payment_methods: 2,
            invoices: 250,
            usage: &[(Locations, 3)],
        },
    ),
    (
        "Wonka Industries UK",
        0,
        Plan {
            subscriptions: &[("active", &[(Users, 15)], Month)],
            payment_methods: 1,
            invoices: 12,
            usage: &[],
        },
    ),
    (
        "Berlin Fiber GmbH",
        0,
        Plan {
            subscriptions: &[("active", &[(Locations, 6)], Month)],
            payment_methods: 1,
            invoices: 8,
            usage: &[],
        },
    ),
    (
        "Oceanic Airlines",
        0,
        Plan {
            subscriptions: &[("trialing", &[(Users, 3)], Month)],
            payment_methods: 0,
            invoices: 0,
            usage: &[],
        },
    ),
    // One card and no subscription: detaching it is refused (the only one).
    (
        "Hooli",
        0,
        Plan {
            subscriptions: &[],
            payment_methods: 1,
            invoices: 2,
            usage: &[],
        },
    ),
];

/// `(type, brand, last4, exp month, exp year, name, bank)`.
type Card = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<u32>,
    Option<i32>,
    &'static str,
    Option<&'static str>,
);

const CARDS: [Card; 5] = [
    (
        "card",
        Some("visa"),
        "4242",
        Some(12),
        Some(2027),
        "Jane Doe",
        None,
    ),
    (
        "card",
        Some("mastercard"),
        "4444",
        Some(3),
        Some(2024),
        "Jane Doe",
        None,
    ),
    (
        "us_bank_account",
        None,
        "6789",
        None,
        None,
        "ACME Corporation",
        Some("STRIPE TEST BANK"),
    ),
    (
        "card",
        Some("amex"),
        "0005",
        Some(8),
        Some(2028),
        "Sam Lee",
        None,
    ),
    (
        "card",
        Some("visa"),
        "1881",
        Some(1),
        Some(2029),
        "Sam Lee",
        None,
    ),
];

pub(super) fn add(store: &mut Store) {
    let mut rng = fastrand::Rng::with_seed(0xB111);
    for (ws_name, k, plan) in PLANS {
        let Some(ws) = store
            .workspaces
            .iter()
            .find(|w| w.workspace.name == *ws_name)
        else {
            continue;
        };
        let Some(record) = store.accounts(&ws.workspace.id).get(*k) else {
            continue;
        };
        let account = record.account.clone();
        let currency = account.currency.clone().unwrap_or_else(|| "usd".into());
        let subscriptions = plan
            .subscriptions
            .iter()
            .map(|(status, products, interval)| {
                subscription(
                    &mut rng,
                    &account.id,
                    &currency,
                    status,
                    products,
                    *interval,
                )
            })
            .collect();
        let payment_methods = CARDS
            .iter()
            .take(plan.payment_methods)
            .enumerate()
            .map(|(i, card)| payment_method(&mut rng, i == 0, card))
            .collect();
        store.billing.insert(
            account.id,
            Billing {
                subscriptions,
                payment_methods,
                invoices: plan.invoices,
                usage: plan.usage.iter().copied().collect(),
            },
        );
    }
}

fn subscription(
    rng: &mut fastrand::Rng,
    account_id: &str,
    currency: &str,
    status: &str,
    products: &[(ProductType, u64)],
    interval: Interval,
) -> Subscription {
    let at = |s: i64| timestamp(jiff::Timestamp::from_second(s).expect("valid time"));
    // Periods around the demo's "now" (2025-11-05).
    let start = 1_761_698_406; // 2025-10-29T00:40:06Z
    let length = match (status, interval) {
        ("trialing", _) => 14 * 86_400,
        (_, Interval::Year) => 365 * 86_400,
        _ => 31 * 86_400,
    };
    let over = matches!(status, "canceled" | "incomplete_expired");
    Subscription {
        id: super::random_id(rng, "sub_", 16),
        billing_account_id: account_id.to_string(),
        status: status.to_string(),
        currency: currency.to_string(),
        product_quantities: products
            .iter()
            .map(|&(p, quantity)| {
                let q = ProductQuantity {
                    price_id: price_id(p, interval),
                    quantity,
                    interval: interval.key().into(),
                };
                (p.key().to_string(), q)
            })
            .collect(),
        metadata: BTreeMap::from([(
            "order_id".to_string(),
            format!("{}", 6_700 + rng.u32(..300)),
        )]),
        current_period_start: (!over).then(|| at(start)),
        current_period_end: (!over).then(|| at(start + length)),
        created_at: at(start - 200 * 86_400),
        updated_at: at(start),
        cancel_at_period_end: false,
    }
}

fn payment_method(rng: &mut fastrand::Rng, is_default: bool, card: &Card) -> PaymentMethod {
    let (kind, brand, last4, exp_month, exp_year, name, bank) = *card;
    PaymentMethod {
        id: super::random_id(rng, "pm_", 14),
        kind: kind.into(),
        is_default,
        brand: brand.map(String::from),
        last4: Some(last4.into()),
        exp_month,
        exp_year,
        name: Some(name.into()),
        bank_name: bank.map(String::from),
        account_holder_type: None,
        account_type: None,
    }
}
