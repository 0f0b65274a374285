//! The demo's organization trees, from flat to 10 levels deep:
//!
//! - ACME Corporation (pooled): a small tree, some limits, one product
//!   disabled, usage at several levels;
//! - Stark Industries (pooled): one branch 10 levels deep (depth 0 to 9),
//!   so the deepest level and the depth cap can be seen;
//! - Wayne Enterprises (assigned): flat, every root on a billing account;
//! - Black Mesa (pooled): 1,000 organizations 10 levels deep, the
//!   workspace's cap, to browse (and benchmark) at scale.
//!
//! Each organization holds its own usage; subtree usage is summed when
//! served (`sandbox::orgs`), so the figures always add up.

use super::random_id;
use crate::api::model::{Branding, Colors, Limits, OrgUsage, Organization, Usage};
use crate::sandbox::store::Store;

const AT: &str = "2025-10-02T09:00:00.000000Z";

/// What a seeded organization is made from.
struct Seed<'a> {
    name: String,
    parent: Option<&'a Organization>,
    account: Option<String>,
    limits: &'a [(&'a str, Option<i64>)],
    usage: &'a [(&'a str, i64)],
}

fn make(rng: &mut fastrand::Rng, ws: &str, s: Seed) -> Organization {
    let id = random_id(rng, "org_", 16);
    let path = s.parent.map(|p| match &p.path {
        Some(up) if !up.is_empty() => format!("{up}#{}", p.id),
        _ => p.id.clone(),
    });
    let hex = |rng: &mut fastrand::Rng, n: usize| -> String {
        (0..n)
            .map(|_| char::from_digit(rng.u32(..16), 16).unwrap_or('0'))
            .collect()
    };
    let external_id = format!(
        "{}-{}-4{}-{}{}-{}",
        hex(rng, 8),
        hex(rng, 4),
        hex(rng, 3),
        ['8', '9', 'a', 'b'][rng.usize(..4)],
        hex(rng, 3),
        hex(rng, 12)
    );
    let limits: Limits = s.limits.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let usage: Usage = s.usage.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    Organization {
        id,
        name: s.name.clone(),
        workspace_id: ws.to_string(),
        external_id,
        parent_org_id: s.parent.map(|p| p.id.clone()),
        path,
        depth: s.parent.map_or(0, |p| p.depth + 1),
        billing_account_id: s.account,
        picture: None,
        usage: Some(OrgUsage {
            usage,
            subtree_usage: Usage::new(),
        }),
        limits,
        branding: s.parent.is_none().then(|| Branding {
            display_name: Some(s.name.clone()),
            login_hint: Some(s.name.to_lowercase().replace(' ', "-")),
            colors: Some(Colors {
                primary: Some("#0059D6".into()),
                page_background: Some("#FFFFFF".into()),
            }),
        }),
        created_at: Some(AT.into()),
        updated_at: Some(AT.into()),
    }
}

pub(super) fn add(store: &mut Store) {
    let mut rng = fastrand::Rng::with_seed(0x0A60);
    let ids: Vec<(String, String)> = store
        .workspaces
        .iter()
        .map(|w| (w.workspace.name.clone(), w.workspace.id.clone()))
        .collect();
    for (name, ws) in ids {
        let orgs = match name.as_str() {
            "ACME Corporation" => acme(&mut rng, &ws),
            "Stark Industries" => stark(&mut rng, &ws),
            "Wayne Enterprises" => wayne(&mut rng, &ws, store),
            "Black Mesa" => thousand(&mut rng, &ws),
            _ => continue,
        };
        store.orgs.insert(ws, orgs);
    }
}

fn acme(rng: &mut fastrand::Rng, ws: &str) -> Vec<Organization> {
    let mut out = Vec::new();
    let root = make(
        rng,
        ws,
        Seed {
            name: "ACME Corporation".into(),
            parent: None,
            account: None,
            limits: &[("locations", Some(20)), ("users", Some(100))],
            usage: &[("locations", 2), ("users", 4)],
        },
    );
    let eng = make(
        rng,
        ws,
        Seed {
            name: "Engineering Department".into(),
            parent: Some(&root),
            account: None,
            limits: &[
                ("locations", Some(10)),
                ("users", Some(50)),
                ("sso", Some(0)),
            ],
            usage: &[("locations", 2), ("users", 8)],
        },
    );
    let platform = make(
        rng,
        ws,
        Seed {
            name: "Platform Team".into(),
            parent: Some(&eng),
            account: None,
            limits: &[("users", Some(12))],
            usage: &[("users", 11)],
        },
    );
    let marketing = make(
        rng,
        ws,
        Seed {
            name: "Marketing Team".into(),
            parent: Some(&root),
            account: None,
            limits: &[("locations", Some(5)), ("users", Some(20))],
            usage: &[("locations", 1), ("users", 6)],
        },
    );
    let sales = make(
        rng,
        ws,
        Seed {
            name: "Sales".into(),
            parent: Some(&root),
            account: None,
            limits: &[],
            usage: &[],
        },
    );
    out.extend([root, eng, platform, marketing, sales]);
    out
}

/// One branch from the group down to a shelf: depth 0 to 9.
fn stark(rng: &mut fastrand::Rng, ws: &str) -> Vec<Organization> {
    const LEVELS: [&str; 10] = [
        "Stark Global",
        "Stark EMEA",
        "Stark Germany",
        "Berlin Office",
        "Mitte Campus",
        "Building 3",
        "Floor 2",
        "Lab A",
        "Rack 7",
        "Shelf 1",
    ];
    let mut out: Vec<Organization> = Vec::new();
    for (depth, name) in LEVELS.iter().enumerate() {
        let cap = 400 / (depth as i64 + 1);
        let limits: &[(&str, Option<i64>)] = match depth {
            0 => &[
                ("locations", None),
                ("users", Some(1000)),
                ("sso", Some(50)),
            ],
            5 => &[
                ("locations", Some(8)),
                ("users", Some(cap)),
                ("sso", Some(0)),
            ],
            _ if depth % 2 == 1 => &[("users", Some(cap))],
            _ => &[],
        };
        let org = make(
            rng,
            ws,
            Seed {
                name: name.to_string(),
                parent: out.last(),
                account: None,
                limits,
                usage: &[("locations", 1), ("users", 3 + depth as i64)],
            },
        );
        out.push(org);
    }
    out
}

/// Flat: every organization is a root on one of the two accounts.
fn wayne(rng: &mut fastrand::Rng, ws: &str, store: &Store) -> Vec<Organization> {
    let accounts: Vec<String> = store
        .accounts(ws)
        .iter()
        .map(|r| r.account.id.clone())
        .collect();
    [
        "Gotham HQ",
        "Wayne Foundation",
        "Wayne Aerospace",
        "Wayne Biotech",
        "Wayne Shipping",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| {
        let usage = [("locations", i as i64), ("users", 5 * i as i64)];
        make(
            rng,
            ws,
            Seed {
                name: name.to_string(),
                parent: None,
                account: accounts.get(i % accounts.len().max(1)).cloned(),
                limits: &[("locations", Some(10)), ("users", Some(40))],
                usage: &usage,
            },
        )
    })
    .collect()
}

/// 1,000 organizations: one branch down to depth 9 under the first root,
/// the rest under random parents (never deeper than 9, never more than
/// 100 children), with usage on most and limits on some.
pub fn thousand(rng: &mut fastrand::Rng, ws: &str) -> Vec<Organization> {
    const KIND: [&str; 10] = [
        "Region", "Country", "City", "Campus", "Building", "Floor", "Wing", "Room", "Rack", "Shelf",
    ];
    let mut out: Vec<Organization> = Vec::with_capacity(1000);
    let mut children = vec![0usize; 1000];
    for i in 0..1000 {
        let parent = if i < 4 {
            None
        } else if i < 13 {
            // The deep branch: 4 under the first root, then each under
            // the one before, down to depth 9.
            Some(if i == 4 { 0 } else { i - 1 })
        } else {
            loop {
                let p = rng.usize(..i);
                if out[p].depth < 9 && children[p] < 100 {
                    break Some(p);
                }
            }
        };
        if let Some(p) = parent {
            children[p] += 1;
        }
        let depth = parent.map_or(0, |p| out[p].depth as usize + 1);
        // Limits are set once the usage below is known (see `limit`).
        let limits: &[(&str, Option<i64>)] = &[];
        let usage = [
            ("locations", rng.i64(0..3)),
            ("users", rng.i64(0..12)),
            ("sso", rng.i64(0..2)),
        ];
        let org = make(
            rng,
            ws,
            Seed {
                name: format!("{} {:04}", KIND[depth], i),
                parent: parent.map(|p| &out[p]),
                account: None,
                limits,
                usage: if i % 5 == 0 { &[] } else { &usage },
            },
        );
        out.push(org);
    }
    limit(&mut out);
    out
}

/// Every seventh organization gets limits a little above what its
/// subtree uses (some nearly full), as an MSP would set them; some with
/// no SSO below them have it disabled.
fn limit(orgs: &mut [Organization]) {
    let mut store = Store::default();
    store.orgs.insert(String::new(), orgs.to_vec());
    let served = crate::sandbox::orgs::served(&store, "");
    for (i, (o, s)) in orgs.iter_mut().zip(served).enumerate() {
        if i % 7 == 3 && s.subtree_used("sso") == 0 {
            o.limits.insert("sso".into(), Some(0));
        }
        if i % 7 != 0 {
            continue;
        }
        for p in ["locations", "users"] {
            let used = s.subtree_used(p);
            let headroom = if i % 3 == 0 { used / 10 } else { used / 2 };
            o.limits.insert(p.into(), Some(used + headroom + 1));
        }
    }
}
