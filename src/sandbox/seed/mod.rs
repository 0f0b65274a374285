//! The demo data set: a few dozen workspaces in all three billing modes, some
//! with accounts, one full, one archived, and one legacy workspace with
//! several hundred accounts to browse. Generated from a fixed seed, so ids and
//! times are the same on every run (snapshots rely on it).

mod billing;
mod members;
mod orgs;

use super::store::{AccountRecord, Store, WorkspaceRecord};
use crate::api::model::{Address, BillingAccount, BillingMode, Currency, Workspace};

/// `(name, mode, default currency, accounts to seed)`.
const DEMO: &[(&str, &str, Currency, usize)] = &[
    ("ACME Corporation", "pooled", Currency::Usd, 3),
    ("Globex EU", "single", Currency::Eur, 0),
    ("Initech Legacy", "assigned", Currency::Usd, 640),
    ("Umbrella Health ZA", "single", Currency::Zar, 1),
    ("Stark Industries", "pooled", Currency::Usd, 10),
    ("Wayne Enterprises", "assigned", Currency::Usd, 2),
    ("Cyberdyne Systems", "single", Currency::Usd, 0),
    ("Soylent Foods", "pooled", Currency::Usd, 0),
    ("Tyrell Corporation", "assigned", Currency::Usd, 1),
    ("Hooli", "pooled", Currency::Usd, 4),
    ("Pied Piper", "single", Currency::Usd, 0),
    ("Vandelay Industries", "assigned", Currency::Usd, 0),
    ("Wonka Industries UK", "single", Currency::Gbp, 1),
    ("Oceanic Airlines", "pooled", Currency::Aud, 2),
    ("Massive Dynamic", "assigned", Currency::Usd, 0),
    ("Aperture Science", "single", Currency::Usd, 0),
    ("Black Mesa", "pooled", Currency::Usd, 0),
    ("Nakatomi Trading", "assigned", Currency::Usd, 1),
    ("Gringotts Bank", "single", Currency::Gbp, 0),
    ("Dunder Mifflin", "pooled", Currency::Usd, 2),
    ("Sterling Cooper", "assigned", Currency::Usd, 0),
    ("Blue Sun ZA", "single", Currency::Zar, 0),
    ("Weyland-Yutani", "pooled", Currency::Usd, 1),
    ("Monsters Inc", "assigned", Currency::Usd, 0),
    ("Kruger Networks", "pooled", Currency::Zar, 3),
    ("Sydney Harbour ISP", "single", Currency::Aud, 0),
    ("Berlin Fiber GmbH", "assigned", Currency::Eur, 1),
    ("Cape Town Wireless", "pooled", Currency::Zar, 0),
    ("Paris Metro Net", "single", Currency::Eur, 0),
    ("Old Staging", "pooled", Currency::Usd, 1),
    ("Northwind Traders", "assigned", Currency::Usd, 0),
    ("Contoso Ltd", "pooled", Currency::Gbp, 0),
    ("Fabrikam Inc", "single", Currency::Usd, 0),
    ("Tailspin Toys", "assigned", Currency::Aud, 0),
    ("Lakeshore Hotels", "pooled", Currency::Usd, 0),
    ("Zeta Mining", "single", Currency::Zar, 0),
];

const CITIES: &[(&str, &str, &str, &str)] = &[
    ("US", "San Francisco", "CA", "94105"),
    ("ZA", "Cape Town", "WC", "8001"),
    ("GB", "London", "", "EC1A 1BB"),
    ("DE", "Berlin", "BE", "10115"),
    ("AU", "Sydney", "NSW", "2000"),
    ("US", "New York", "NY", "10001"),
];

/// Stripe-like id: a prefix and random lower-case letters and digits.
pub fn random_id(rng: &mut fastrand::Rng, prefix: &str, len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let tail: String = (0..len)
        .map(|_| ALPHABET[rng.usize(..ALPHABET.len())] as char)
        .collect();
    format!("{prefix}{tail}")
}

/// RFC 3339 with microseconds and `Z`, like the reference's
/// `2025-10-29T00:40:06.000000Z`.
pub fn timestamp(ts: jiff::Timestamp) -> String {
    format!(
        "{}.{:06}Z",
        ts.strftime("%Y-%m-%dT%H:%M:%S"),
        ts.subsec_microsecond()
    )
}

pub fn demo() -> Store {
    let mut rng = fastrand::Rng::with_seed(0xA170);
    // 2025-10-01T09:00:00Z, then a step per record.
    let start = 1_759_309_200;
    let mut clock = 0i64;
    let mut tick = |step: i64| {
        clock += step;
        timestamp(jiff::Timestamp::from_second(start + clock).expect("valid time"))
    };
    let mut store = Store::default();
    for (i, (name, mode, currency, n_accounts)) in DEMO.iter().enumerate() {
        let created = tick(3_600 * 7);
        let mode = BillingMode::from(mode.to_string());
        // The one archived workspace: the console adds "(archived)" itself.
        let archived = *name == "Old Staging";
        let id = random_id(&mut rng, "ws_", 16).to_lowercase();
        let workspace = Workspace {
            id: id.clone(),
            name: name.to_string(),
            description: (i % 3 != 1).then(|| format!("{name} production workspace.")),
            pooled_seat_limit: (mode == BillingMode::Pooled).then_some(10 * (1 + i as i64 % 5)),
            billing_mode: Some(mode),
            archived,
            created_at: Some(created.clone()),
            updated_at: Some(created.clone()),
            archived_at: archived.then(|| created.clone()),
        };
        let mut accounts = Vec::new();
        for k in 0..*n_accounts {
            let at = tick(97);
            let (country, city, state, postal) = CITIES[(i + k) % CITIES.len()];
            let slug: String = name
                .to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let label = if *n_accounts > 1 {
                format!("{name} Billing {:03}", k + 1)
            } else {
                format!("{name} Billing")
            };
            accounts.push(AccountRecord {
                account: BillingAccount {
                    id: random_id(&mut rng, "cus_", 14),
                    workspace_id: id.clone(),
                    name: label,
                    email: format!("billing+{}@{slug}.example", k + 1),
                    phone: (k % 2 == 0).then(|| format!("+1555{:07}", 1_000_000 + i * 1000 + k)),
                    description: (k % 3 == 0).then(|| "Invoices go to the finance team.".into()),
                    currency: Some(currency.code().to_string()),
                    address: Some(Address {
                        country: Some(country.into()),
                        line1: Some(format!("{} Main Street", 100 + k)),
                        line2: (k % 4 == 1).then(|| format!("Suite {}", 200 + k)),
                        city: Some(city.into()),
                        state: Some(state.into()).filter(|s: &String| !s.is_empty()),
                        postal_code: Some(postal.into()),
                    }),
                    created_at: at.clone(),
                    updated_at: at,
                },
            });
        }
        if !accounts.is_empty() {
            store.accounts.insert(id.clone(), accounts);
        }
        store.workspaces.push(WorkspaceRecord {
            workspace,
            default_currency: *currency,
        });
    }
    // The first account of ACME has live subscriptions: deleting it shows
    // the server's refusal.
    billing::add(&mut store);
    members::add(&mut store, true);
    orgs::add(&mut store);
    store
}

/// The demo workspaces as `GET /workspaces` answers them.
pub fn demo_workspaces() -> crate::api::model::WorkspaceList {
    crate::api::model::WorkspaceList {
        data: demo().workspaces.into_iter().map(|w| w.workspace).collect(),
        has_more: false,
    }
}

/// The demo's first `n` workspaces and what belongs to them.
pub fn demo_first(n: usize) -> Store {
    let mut store = demo();
    store.workspaces.truncate(n);
    let kept: std::collections::BTreeSet<String> = store
        .workspaces
        .iter()
        .map(|w| w.workspace.id.clone())
        .collect();
    store.accounts.retain(|ws, _| kept.contains(ws));
    store.members.retain(|ws, _| kept.contains(ws));
    store.orgs.retain(|ws, _| kept.contains(ws));
    let accounts: std::collections::BTreeSet<String> = store
        .accounts
        .values()
        .flatten()
        .map(|a| a.account.id.clone())
        .collect();
    store.billing.retain(|id, _| accounts.contains(id));
    store
}

/// `n` generated workspaces (for large-list benchmarks), no accounts.
pub fn generated(n: usize) -> Store {
    let mut rng = fastrand::Rng::with_seed(n as u64);
    let modes = ["single", "assigned", "pooled"];
    let workspaces = (0..n)
        .map(|i| {
            let at =
                timestamp(jiff::Timestamp::from_second(1_735_689_600 + i as i64).expect("valid"));
            WorkspaceRecord {
                workspace: Workspace {
                    id: random_id(&mut rng, "ws_", 16).to_lowercase(),
                    name: format!("Workspace {i:06}"),
                    description: None,
                    billing_mode: Some(BillingMode::from(modes[i % 3].to_string())),
                    pooled_seat_limit: None,
                    archived: false,
                    created_at: Some(at.clone()),
                    updated_at: Some(at),
                    archived_at: None,
                },
                default_currency: Currency::Usd,
            }
        })
        .collect();
    let mut store = Store {
        workspaces,
        ..Store::default()
    };
    members::add(&mut store, false);
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_realistic() {
        let a = demo();
        let b = demo();
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert!(a.workspaces.len() >= 30);
        let modes: std::collections::BTreeSet<_> = a
            .workspaces
            .iter()
            .filter_map(|w| {
                w.workspace
                    .billing_mode
                    .clone()
                    .map(|m| m.as_str().to_string())
            })
            .collect();
        assert_eq!(modes.len(), 3);
        assert!(a.accounts.values().any(|v| v.len() >= 300));
        let all_ids: std::collections::BTreeSet<_> = a
            .accounts
            .values()
            .flatten()
            .map(|r| r.account.id.clone())
            .collect();
        assert_eq!(
            all_ids.len(),
            a.accounts.values().map(Vec::len).sum::<usize>()
        );
        assert!(all_ids.iter().all(|id| id.starts_with("cus_")));
    }

    #[test]
    fn timestamps_look_like_the_reference() {
        let t = timestamp(jiff::Timestamp::from_second(1_761_698_406).unwrap());
        assert_eq!(t, "2025-10-29T00:40:06.000000Z");
    }
}
