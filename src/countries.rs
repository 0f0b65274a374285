//! ISO 3166-1 alpha-2 codes, shipped in `assets/iso3166-1.tsv` and compiled in.

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

const TABLE: &str = include_str!("../assets/iso3166-1.tsv");

/// Every country, sorted by code.
pub fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(code, name)| Country { code, name })
            .collect()
    })
}

/// The country with exactly this (upper-case) code.
pub fn by_code(code: &str) -> Option<&'static Country> {
    let all = all();
    all.binary_search_by(|c| c.code.cmp(code))
        .ok()
        .map(|i| &all[i])
}

/// Codes people often type that are not ISO 3166-1 alpha-2, and what they mean.
const NOT_ISO: &[(&str, &str)] = &[("UK", "GB"), ("EN", "GB"), ("EL", "GR"), ("XK", "RS")];

/// A suggestion for a value that is not a code: `uk` → GB, `germany` → DE.
pub fn hint(value: &str) -> Option<&'static Country> {
    let upper = value.trim().to_uppercase();
    if let Some(c) = by_code(&upper) {
        return Some(c); // right code, wrong case
    }
    if let Some((_, code)) = NOT_ISO.iter().find(|(k, _)| *k == upper) {
        return by_code(code);
    }
    let lower = value.trim().to_lowercase();
    all().iter().find(|c| c.name.to_lowercase() == lower)
}

/// Countries matching a picker query: an exact code or name first, then
/// codes and names that start with it, then names containing it, then
/// names the one matcher (`crate::matcher`) finds fuzzily, best first
/// ("cote" finds Côte d'Ivoire, "untd kng" the United Kingdom).
pub fn search(query: &str) -> Vec<&'static Country> {
    use crate::matcher::{Matcher, Needle, fold};
    let q = fold(query.trim());
    if q.is_empty() {
        return all().iter().collect();
    }
    let needle = Needle::new(&q);
    let mut m = Matcher::default();
    let mut ranked: Vec<(u8, std::cmp::Reverse<u32>, &'static Country)> = all()
        .iter()
        .filter_map(|c| {
            let code = c.code.to_lowercase();
            let name = fold(c.name);
            let score = m.score(&needle, &name).unwrap_or(0);
            let rank = if code == q || name == q {
                0
            } else if code.starts_with(&q) {
                1
            } else if name.starts_with(&q) {
                2
            } else if name.contains(&q) {
                3
            } else if score > 0 {
                4
            } else {
                return None;
            };
            Some((rank, std::cmp::Reverse(score), c))
        })
        .collect();
    // A code people type that is not ISO (`uk`) means one country, and
    // that one comes first: before Ukraine's `UA`-less name match.
    let alias = NOT_ISO
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&q))
        .and_then(|(_, code)| by_code(code));
    if let Some(meant) = alias {
        match ranked.iter_mut().find(|(_, _, c)| c.code == meant.code) {
            Some(entry) => entry.0 = 0,
            None => ranked.push((0, std::cmp::Reverse(0), meant)),
        }
    }
    ranked.sort_by_key(|(rank, score, c)| {
        (
            *rank,
            if *rank == 4 {
                *score
            } else {
                std::cmp::Reverse(0)
            },
            c.name,
        )
    });
    ranked.into_iter().map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_sorted() {
        assert_eq!(all().len(), 249);
        assert!(all().windows(2).all(|w| w[0].code < w[1].code));
        assert!(
            all()
                .iter()
                .all(|c| c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn lookups_and_hints() {
        assert_eq!(by_code("ZA").unwrap().name, "South Africa");
        assert!(by_code("UK").is_none());
        assert_eq!(hint("UK").unwrap().code, "GB");
        assert_eq!(hint("us").unwrap().code, "US");
        assert_eq!(hint("germany").unwrap().code, "DE");
        assert!(hint("Atlantis").is_none());
    }

    #[test]
    fn an_alias_ranks_its_country_first() {
        assert_eq!(search("uk")[0].code, "GB");
        assert_eq!(search("UK")[0].code, "GB");
        assert!(
            search("uk").iter().any(|c| c.code == "UA"),
            "Ukraine still listed"
        );
        assert_eq!(search("el")[0].code, "GR");
    }

    #[test]
    fn exact_match_ranks_first() {
        assert_eq!(search("in")[0].code, "IN");
        assert_eq!(search("india")[0].code, "IN");
        assert_eq!(search("niger")[0].code, "NE");
        assert!(search("zzz").is_empty());
        assert_eq!(search("cote")[0].code, "CI", "accents folded");
        assert_eq!(search("untd kngdm")[0].code, "GB", "fuzzy, last");
    }
}
