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

/// What find compares of an account, folded (no case, no accents), one
/// string: email, id, the phone's digits, the postal code without spaces
/// as plain text, and the name last, which the fuzzy matcher reads (all
/// ASCII once folded, so nucleo needs no conversion per keystroke).
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
        "{}{SEP}{}{SEP}{digits}{SEP}{postal}{SEP}{}",
        a.email.trim(),
        a.id,
        a.name
    ))
}

/// One result: positions in the index it was found in (valid until the
/// index changes; find again then).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// In `index.meta.workspaces`.
    pub workspace: usize,
    /// In that workspace's shard; `None` for the workspace itself.
    pub account: Option<usize>,
}

/// The results, best first, and how many matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
    /// The search goes on ([`Searcher::resume`]): these are the best of
    /// the part of the index read so far.
    pub partial: bool,
}

/// Rank: lower is better (tier, then a tier's own order).
type Rank = (u8, i64);

/// The needles of one query: folded; the digits alone when it looks like
/// a phone number; without spaces when it may be a postal code.
struct Needles<'q> {
    fuzzy: Needle,
    folded: &'q str,
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
            folded,
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

    fn account(&self, m: &mut Matcher, key: &str) -> Option<Rank> {
        let bytes = key.as_bytes();
        if let Some(at) = self.find(key) {
            // A whole email or id: the text sits between separators (the
            // first place it is found; the email comes first).
            let end = at + self.folded.len();
            let starts = at == 0 || bytes[at - 1] == SEP as u8;
            let whole = starts
                && bytes.get(end) == Some(&(SEP as u8))
                && memchr::memchr_iter(SEP as u8, &bytes[..at]).count() < 2;
            return Some(if whole { (0, 0) } else { (1, at as i64) });
        }
        let name = memchr::memrchr(SEP as u8, bytes).map_or(key, |i| &key[i + 1..]);
        m.score(&self.fuzzy, name)
            .map(|score| (2, -i64::from(score)))
    }

    fn workspace(&self, m: &mut Matcher, id: &str, name: &str) -> Option<Rank> {
        if id.eq_ignore_ascii_case(self.folded) {
            return Some((0, 0));
        }
        m.score(&self.fuzzy, name)
            .map(|score| (2, -i64::from(score)))
    }
}

/// Searches an index keystroke after keystroke. A query that extends the
/// last one can only match what the last one matched (every word of it is
/// still there, fuzzy or plain), so it is looked for among those only:
/// typing narrows at the speed of the matches left, not of the index.
#[derive(Default)]
pub struct Searcher {
    matcher: Matcher,
    last: Option<Last>,
    pending: Option<Pending>,
}

/// A search read in parts: its query, the next workspace to read (a
/// position in the list) and all it matched before it.
struct Pending {
    query: String,
    digits: bool,
    next: usize,
    ranked: Vec<(Rank, Hit)>,
    /// The best `limit` so far, best first (what is shown meanwhile).
    best: Vec<(Rank, Hit)>,
}

/// The last search: its query, whether it looked for a phone's digits,
/// and all it matched.
struct Last {
    query: String,
    digits: bool,
    hits: Vec<Hit>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Searcher")
    }
}

impl Searcher {
    /// The index changed: the next search reads all of it.
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// The best `limit` results for `query`.
    pub fn find(&mut self, index: &Index, query: &str, limit: usize) -> Found {
        self.find_some(index, query, limit, usize::MAX)
    }

    /// The best `limit` results for `query` among about `budget` accounts
    /// (read whole when it narrows the last query); [`Found::partial`]
    /// when [`Searcher::resume`] has more to read. The console reads a
    /// big index a part per frame, so a key is drawn at once.
    pub fn find_some(&mut self, index: &Index, query: &str, limit: usize, budget: usize) -> Found {
        self.pending = None;
        let fuzzy = Needle::new(query);
        if fuzzy.is_empty() {
            self.last = None;
            return Found::default();
        }
        let folded = fuzzy.folded().to_string();
        let needles = Needles::new(query.trim(), fuzzy, &folded);
        let digits = needles.digits.is_some();
        // Not when the digits needle starts only now ("+" matched nothing
        // that "+27 6" matches) nor across a backslash, which escapes a
        // space in the words.
        // Narrowing pays while what is left is a small part of the index;
        // re-ranking most of it one by one is slower than the scan, which
        // runs on every core.
        let size: usize = index.shards.values().map(|s| s.keys.len()).sum();
        let narrowing = self.last.take().filter(|last| {
            query.starts_with(last.query.as_str())
                && (last.digits || !digits)
                && !query.contains('\\')
                && last.hits.len() <= size / 4
        });
        let Some(last) = narrowing else {
            self.pending = Some(Pending {
                query: query.to_string(),
                digits,
                next: 0,
                ranked: Vec::new(),
                best: Vec::new(),
            });
            return self.resume(index, limit, budget);
        };
        // Each workspace's shard looked up once, not once a hit.
        let shards: Vec<Option<&super::Shard>> = index
            .meta
            .workspaces
            .iter()
            .map(|w| index.shards.get(&w.id))
            .collect();
        let m = &mut self.matcher;
        let ranked = last
            .hits
            .into_iter()
            .filter_map(|h| rank(index, &shards, &needles, m, h).map(|r| (r, h)))
            .collect();
        self.finish(query.to_string(), digits, ranked, limit)
    }

    /// True while a search read in parts has more to read.
    pub fn searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Reads the next part (about `budget` accounts) of the search in
    /// progress; the index must be the one it started on.
    pub fn resume(&mut self, index: &Index, limit: usize, budget: usize) -> Found {
        let Some(mut p) = self.pending.take() else {
            return Found::default();
        };
        let fuzzy = Needle::new(&p.query);
        let folded = fuzzy.folded().to_string();
        let needles = Needles::new(p.query.trim(), fuzzy, &folded);
        let workspaces = &index.meta.workspaces;
        let (mut end, mut read) = (p.next, 0usize);
        while end < workspaces.len() && read < budget {
            read += index
                .shards
                .get(&workspaces[end].id)
                .map_or(0, |s| s.keys.len())
                + 1;
            end += 1;
        }
        let part = scan(index, &needles, &mut self.matcher, p.next..end, read);
        p.next = end;
        if end == workspaces.len() {
            p.ranked.extend(part);
            return self.finish(p.query, p.digits, p.ranked, limit);
        }
        // The best so far from the last best and this part alone: each
        // part costs what it matched, not all that matched before it.
        p.best.extend_from_slice(&part);
        p.ranked.extend(part);
        p.best = top(std::mem::take(&mut p.best), limit);
        let found = Found {
            hits: p.best.iter().map(|(_, h)| *h).collect(),
            total: p.ranked.len(),
            partial: true,
        };
        self.pending = Some(p);
        found
    }

    /// A whole search's results, kept for the next query to narrow.
    fn finish(
        &mut self,
        query: String,
        digits: bool,
        ranked: Vec<(Rank, Hit)>,
        limit: usize,
    ) -> Found {
        self.last = Some(Last {
            query,
            digits,
            hits: ranked.iter().map(|(_, h)| *h).collect(),
        });
        best(ranked, limit)
    }
}

/// The best `limit` of `ranked`, best first, and how many there were.
fn best(ranked: Vec<(Rank, Hit)>, limit: usize) -> Found {
    let total = ranked.len();
    Found {
        hits: top(ranked, limit).into_iter().map(|(_, h)| h).collect(),
        total,
        partial: false,
    }
}

/// The best `limit` of `ranked`, best first.
fn top(mut ranked: Vec<(Rank, Hit)>, limit: usize) -> Vec<(Rank, Hit)> {
    if ranked.len() > limit {
        ranked.select_nth_unstable_by_key(limit, |(r, _)| *r);
        ranked.truncate(limit);
    }
    ranked.sort_by_key(|(r, _)| *r);
    ranked
}

/// Every workspace in `part` (positions in the list) and every account of
/// theirs that matches; `accounts` is about how many they hold.
fn scan(
    index: &Index,
    needles: &Needles,
    m: &mut Matcher,
    part: std::ops::Range<usize>,
    accounts: usize,
) -> Vec<(Rank, Hit)> {
    // A big part is read on every core (a fresh query over 100,000
    // accounts in half the time on two); a small one is not worth a thread.
    let workers = match accounts {
        0..10_000 => 1,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
    };
    if workers == 1 {
        return scan_part(index, needles, m, part);
    }
    let (start, len) = (part.start, part.len());
    let chunk = len.div_ceil(workers);
    std::thread::scope(|scope| {
        let jobs: Vec<_> = (0..workers)
            .map(|k| {
                let part = start + (k * chunk).min(len)..start + ((k + 1) * chunk).min(len);
                scope.spawn(move || scan_part(index, needles, &mut Matcher::default(), part))
            })
            .collect();
        jobs.into_iter()
            .flat_map(|j| j.join().unwrap_or_default())
            .collect()
    })
}

/// The matches among the workspaces in `part` (positions in the list).
fn scan_part(
    index: &Index,
    needles: &Needles,
    m: &mut Matcher,
    part: std::ops::Range<usize>,
) -> Vec<(Rank, Hit)> {
    let mut ranked = Vec::new();
    for (wi, w) in index
        .meta
        .workspaces
        .iter()
        .enumerate()
        .skip(part.start)
        .take(part.len())
    {
        if let Some(rank) = needles.workspace(m, &w.id, &w.name) {
            ranked.push((
                rank,
                Hit {
                    workspace: wi,
                    account: None,
                },
            ));
        }
        let Some(shard) = index.shards.get(&w.id) else {
            continue;
        };
        for (ai, key) in shard.keys.iter().enumerate() {
            if let Some(rank) = needles.account(m, key) {
                ranked.push((
                    rank,
                    Hit {
                        workspace: wi,
                        account: Some(ai),
                    },
                ));
            }
        }
    }
    ranked
}

/// One earlier match ranked again.
fn rank(
    index: &Index,
    shards: &[Option<&super::Shard>],
    needles: &Needles,
    m: &mut Matcher,
    hit: Hit,
) -> Option<Rank> {
    match hit.account {
        None => {
            let w = index.meta.workspaces.get(hit.workspace)?;
            needles.workspace(m, &w.id, &w.name)
        }
        Some(ai) => needles.account(m, (*shards.get(hit.workspace)?)?.keys.get(ai)?),
    }
}

/// Finds once (the CLI): see [`Searcher::find`].
pub fn find(index: &Index, query: &str, limit: usize) -> Found {
    Searcher::default().find(index, query, limit)
}

/// A hit's workspace.
pub fn workspace<'a>(index: &'a Index, hit: &Hit) -> Option<&'a super::WorkspaceEntry> {
    index.meta.workspaces.get(hit.workspace)
}

/// How old a hit's answer is, for the "indexed 3 h ago" beside it.
pub fn fetched_at(index: &Index, hit: &Hit) -> Option<Millis> {
    let w = workspace(index, hit)?;
    match hit.account {
        Some(_) => index.shards.get(&w.id).map(|s| s.fetched_at),
        None => index.meta.listed_at,
    }
}

/// The account a hit names.
pub fn account<'a>(index: &'a Index, hit: &Hit) -> Option<&'a AccountEntry> {
    let w = workspace(index, hit)?;
    index.shards.get(&w.id)?.accounts.get(hit.account?)
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
        find(index, query, 10)
            .hits
            .iter()
            .map(|h| match account(index, h) {
                Some(a) => a.id.clone(),
                None => workspace(index, h).unwrap().id.clone(),
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
        let found = find(&index, "o", 2);
        assert_eq!(found.hits.len(), 2);
        assert!(found.total > 2);
    }

    #[test]
    fn narrowing_as_the_query_grows_finds_what_a_fresh_search_finds() {
        let index = super::super::sample::tenant(30, 40, 0);
        let mut typing = Searcher::default();
        for query in [
            "z", "zo", "zoe", "zoe ", "zoe c", "zoe caf", "b", "bi", "billing1", "+", "+27 6",
            "a\\", "a\\ b",
        ] {
            let typed = typing.find(&index, query, 1_000);
            let fresh = find(&index, query, 1_000);
            assert_eq!(typed, fresh, "{query:?}");
        }
        typing.find(&index, "zoe", 5);
        assert_eq!(
            typing.find(&index, "zo", 5),
            find(&index, "zo", 5),
            "shorter: read again"
        );
    }

    #[test]
    fn a_search_read_in_parts_finds_what_one_read_finds() {
        let index = super::super::sample::tenant(30, 40, 0);
        for query in ["z", "zoe caf", "billing1", "+27 6", "nothing like it"] {
            let mut parts = Searcher::default();
            let mut found = parts.find_some(&index, query, 100, 150);
            let mut reads = 1;
            while found.partial {
                assert!(found.hits.len() <= 100);
                found = parts.resume(&index, 100, 150);
                reads += 1;
            }
            assert!(reads >= 8, "{query:?}: read in {reads} parts");
            assert_eq!(found, find(&index, query, 100), "{query:?}");
            // A whole search is kept for the next to narrow from.
            let longer = format!("{query}x");
            assert_eq!(parts.find(&index, &longer, 100), find(&index, &longer, 100));
        }
        // A new query drops the one in progress.
        let mut parts = Searcher::default();
        assert!(parts.find_some(&index, "a", 100, 150).partial);
        assert_eq!(parts.find(&index, "zoe", 100), find(&index, "zoe", 100));
        assert_eq!(parts.resume(&index, 100, 150), Found::default());
    }
}
