//! Find in the index: accounts by email, `cus_` id, phone or postal code
//! (as plain text, without case or accents) or by name (fuzzy), and
//! workspaces by name (fuzzy) or id. The best first: an exact email or id,
//! then a text that contains the query (earlier is better), then the fuzzy
//! names by score.

use super::{AccountEntry, Index, Millis};
use crate::matcher::{Matcher, Needle, fold};
use memchr::memmem;

/// Between the fields of a key, so no match spans two of them.
const SEP: char = '\u{1}';

/// What find compares of an account as plain text: email, id, the phone's
/// digits, the postal code without spaces, folded, one string.
pub fn key(a: &AccountEntry) -> String {
    let digits: String = a
        .phone
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let postal: String = a
        .postal_code
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    fold(&format!(
        "{}{SEP}{}{SEP}{digits}{SEP}{postal}",
        a.email.trim(),
        a.id
    ))
}

/// One result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// `shard` is the workspace's id; `account` the position in its shard.
    Account {
        workspace: String,
        account: usize,
    },
    Workspace {
        workspace: String,
    },
}

/// The results, best first, and how many matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// Rank: lower is better (tier, then a tier's own order).
type Rank = (u8, i64);

/// The needles of one query: folded; the digits alone when it looks like
/// a phone number; without spaces when it may be a postal code.
struct Needles<'q> {
    fuzzy: Needle,
    text: memmem::Finder<'q>,
    digits: Option<memmem::Finder<'static>>,
    compact: Option<memmem::Finder<'static>>,
}

impl<'q> Needles<'q> {
    fn new(query: &str, fuzzy: Needle, folded: &'q str) -> Needles<'q> {
        let phoneish = query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let compact: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        Needles {
            fuzzy,
            text: memmem::Finder::new(folded.as_bytes()),
            digits: (phoneish && digits.len() >= 3 && digits != folded)
                .then(|| memmem::Finder::new(digits.as_bytes()).into_owned()),
            compact: (compact != folded && !compact.is_empty())
                .then(|| memmem::Finder::new(compact.as_bytes()).into_owned()),
        }
    }

    /// Where the plain needles first occur in `key`.
    fn find(&self, key: &str) -> Option<usize> {
        let k = key.as_bytes();
        self.text
            .find(k)
            .or_else(|| self.digits.as_ref().and_then(|d| d.find(k)))
            .or_else(|| self.compact.as_ref().and_then(|c| c.find(k)))
    }
}

/// Finds `query` in `index`: the best `limit` results.
pub fn find(index: &Index, m: &mut Matcher, query: &str, limit: usize) -> Found {
    let fuzzy = Needle::new(query);
    if fuzzy.is_empty() {
        return Found::default();
    }
    let folded = fuzzy.folded().to_string();
    let needles = Needles::new(query.trim(), fuzzy, &folded);
    let mut ranked: Vec<(Rank, Hit)> = Vec::new();
    for w in &index.meta.workspaces {
        if let Some(rank) = rank_workspace(&needles, m, &w.id, &w.name) {
            ranked.push((
                rank,
                Hit::Workspace {
                    workspace: w.id.clone(),
                },
            ));
        }
        let Some(shard) = index.shards.get(&w.id) else {
            continue;
        };
        for (i, (a, key)) in shard.accounts.iter().zip(&shard.keys).enumerate() {
            if let Some(rank) = rank_account(&needles, &folded, m, a, key) {
                ranked.push((
                    rank,
                    Hit::Account {
                        workspace: w.id.clone(),
                        account: i,
                    },
                ));
            }
        }
    }
    let total = ranked.len();
    if ranked.len() > limit {
        ranked.select_nth_unstable_by_key(limit, |(r, _)| *r);
        ranked.truncate(limit);
    }
    ranked.sort_by_key(|(r, _)| *r);
    Found {
        hits: ranked.into_iter().map(|(_, h)| h).collect(),
        total,
    }
}

fn rank_account(
    needles: &Needles,
    folded: &str,
    m: &mut Matcher,
    a: &AccountEntry,
    key: &str,
) -> Option<Rank> {
    if let Some(at) = needles.find(key) {
        let whole = key.split(SEP).take(2).any(|field| field == folded);
        return Some(if whole { (0, 0) } else { (1, at as i64) });
    }
    m.score(&needles.fuzzy, &a.name)
        .map(|score| (2, -i64::from(score)))
}

fn rank_workspace(needles: &Needles, m: &mut Matcher, id: &str, name: &str) -> Option<Rank> {
    if id.eq_ignore_ascii_case(needles.fuzzy.folded()) {
        return Some((0, 0));
    }
    m.score(&needles.fuzzy, name)
        .map(|score| (2, -i64::from(score)))
}

/// How old a hit's answer is, for the "indexed 3 h ago" beside it.
pub fn fetched_at(index: &Index, hit: &Hit) -> Option<Millis> {
    match hit {
        Hit::Account { workspace, .. } => index.shards.get(workspace).map(|s| s.fetched_at),
        Hit::Workspace { .. } => index.meta.listed_at,
    }
}

/// The account a hit names.
pub fn account<'a>(index: &'a Index, hit: &Hit) -> Option<&'a AccountEntry> {
    match hit {
        Hit::Account { workspace, account } => index.shards.get(workspace)?.accounts.get(*account),
        Hit::Workspace { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{BillingAccount, Workspace};
    use serde_json::json;

    fn index() -> Index {
        let list: Vec<Workspace> = serde_json::from_value(json!([
            {"id": "ws_acme", "name": "Acme"},
            {"id": "ws_globex", "name": "Globex Zoë"},
        ]))
        .unwrap();
        let accounts = |v: serde_json::Value| {
            let mut v = v;
            for a in v.as_array_mut().unwrap() {
                a["created_at"] = json!("2026-01-01T00:00:00Z");
                a["updated_at"] = json!("2026-01-01T00:00:00Z");
            }
            serde_json::from_value::<Vec<BillingAccount>>(v).unwrap()
        };
        let mut index = Index::default();
        index.put_list(&list, 1);
        index.put_accounts(
            "ws_acme",
            &accounts(json!([
                {"id": "cus_A1", "workspace_id": "ws_acme", "name": "Zoë Müller",
                 "email": "Zoe@Example.com", "phone": "+27 82 555 0101",
                 "address": {"postal_code": "EC1A 1BB"}},
                {"id": "cus_B2", "workspace_id": "ws_acme", "name": "Bob Stone",
                 "email": "bob@stone.example"},
            ])),
            false,
            2,
        );
        index.put_accounts(
            "ws_globex",
            &accounts(json!([
                {"id": "cus_C3", "workspace_id": "ws_globex", "name": "Zoe Ltd",
                 "email": "ops@zoe.example"},
            ])),
            false,
            3,
        );
        index
    }

    fn ids(index: &Index, query: &str) -> Vec<String> {
        let mut m = Matcher::default();
        find(index, &mut m, query, 10)
            .hits
            .iter()
            .map(|h| match h {
                Hit::Account { .. } => account(index, h).unwrap().id.clone(),
                Hit::Workspace { workspace } => workspace.clone(),
            })
            .collect()
    }

    #[test]
    fn every_field_finds_its_account_without_case_or_accents() {
        let index = index();
        assert_eq!(
            ids(&index, "ZOE@example.COM"),
            ["cus_A1"],
            "email, any case"
        );
        assert_eq!(ids(&index, "cus_b2"), ["cus_B2"], "id");
        assert!(ids(&index, "082 555-0101").is_empty(), "not these digits");
        assert_eq!(
            ids(&index, "82 555 0101"),
            ["cus_A1"],
            "phone by its digits"
        );
        assert_eq!(
            ids(&index, "ec1a1bb"),
            ["cus_A1"],
            "postal code, spacing aside"
        );
        assert_eq!(ids(&index, "EC1A 1BB"), ["cus_A1"]);
        assert!(ids(&index, "mueller").is_empty());
        assert_eq!(ids(&index, "muller"), ["cus_A1"], "accents folded");
        assert_eq!(ids(&index, "bstn"), ["cus_B2"], "fuzzy name");
        assert_eq!(ids(&index, "globex"), ["ws_globex"], "a workspace by name");
        assert_eq!(ids(&index, "WS_ACME")[0], "ws_acme", "a workspace by id");
        // The exact email outranks the names that fuzzily contain it.
        let zoe = ids(&index, "zoe");
        assert_eq!(zoe[0], "cus_A1", "{zoe:?}");
        assert!(zoe.contains(&"cus_C3".to_string()) && zoe.contains(&"ws_globex".to_string()));
        assert!(ids(&index, "   ").is_empty());
    }

    #[test]
    fn the_best_are_kept_and_all_are_counted() {
        let index = index();
        let mut m = Matcher::default();
        let found = find(&index, &mut m, "o", 2);
        assert_eq!(found.hits.len(), 2);
        assert!(found.total > 2);
    }
}
