//! A made-up tenant for the benchmarks: `workspaces` workspaces of
//! `per_workspace` accounts each, with varied names (some accented),
//! emails, phones and postal codes, the same for the same sizes.

use super::{AccountEntry, Index, Shard, WorkspaceEntry};

const FIRST: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Zoë",
    "Müller",
    "Søren",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Vandelay",
    "Dunder",
];
const SECOND: &[&str] = &[
    "Holdings",
    "Labs",
    "Trading",
    "Logistics",
    "Health",
    "Foods",
    "Energy",
    "Mining",
    "Studios",
    "Partners",
    "Ventures",
    "Systems",
    "Café",
    "Bäckerei",
    "Group",
    "Legacy",
];
const PLACES: &[&str] = &[
    "EU",
    "ZA",
    "UK",
    "US",
    "AU",
    "Cape Town",
    "London",
    "Berlin",
];

/// The tenant, listed and fetched at `at`.
pub fn tenant(workspaces: usize, per_workspace: usize, at: super::Millis) -> Index {
    let mut rng = fastrand::Rng::with_seed((workspaces * 7919 + per_workspace) as u64);
    let mut index = Index::default();
    index.meta.listed_at = Some(at);
    for w in 0..workspaces {
        let id = format!("ws_{w:016}");
        index.meta.workspaces.push(WorkspaceEntry {
            id: id.clone(),
            name: format!("{} {} {w}", pick(&mut rng, FIRST), pick(&mut rng, PLACES)),
            archived: false,
        });
        let accounts = (0..per_workspace)
            .map(|i| {
                let (a, b) = (pick(&mut rng, FIRST), pick(&mut rng, SECOND));
                AccountEntry {
                    id: format!("cus_{:014X}", rng.u64(..1 << 56)),
                    name: format!("{a} {b} {}", pick(&mut rng, PLACES)),
                    email: format!("billing{i}@{}.example", a.to_lowercase()),
                    phone: Some(format!(
                        "+27 {} {:03} {:04}",
                        rng.u8(60..90),
                        rng.u16(..1000),
                        rng.u16(..10_000)
                    )),
                    postal_code: Some(format!("{:04}", rng.u16(..10_000))),
                }
            })
            .collect();
        index.shards.insert(id, Shard::new(accounts, at, false));
    }
    index
}

fn pick(rng: &mut fastrand::Rng, from: &[&'static str]) -> &'static str {
    from[rng.usize(..from.len())]
}
