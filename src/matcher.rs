//! The one matcher alto searches with: `nucleo-matcher` (helix's), which
//! ranks fuzzy matches as fzf does, folds case and Latin accents
//! ("Zoë" is found by "zoe") and gives the matched positions to highlight.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Utf32Str};

/// What the user typed, parsed once per keystroke.
pub struct Needle {
    pattern: Pattern,
    folded: String,
}

impl Needle {
    /// Every word must match (fuzzy, any order of words), as in fzf.
    pub fn new(query: &str) -> Needle {
        Needle {
            pattern: Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            folded: fold(query.trim()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The query folded as [`fold`] folds a text, for plain substring tests.
    pub fn folded(&self) -> &str {
        &self.folded
    }
}

/// A text as compared without case or accents: "Zoë ÅSE" → "zoe ase".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| {
            nucleo_matcher::chars::normalize(c)
                .to_lowercase()
                .next()
                .unwrap_or(c)
        })
        .collect()
}

/// Scores texts against a needle; keep one and reuse it (it holds buffers).
pub struct Matcher {
    inner: nucleo_matcher::Matcher,
    buf: Vec<char>,
    positions: Vec<u32>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            inner: nucleo_matcher::Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            positions: Vec::new(),
        }
    }
}

impl Matcher {
    /// The fuzzy score of `text` (higher is better), `None` when some word
    /// of the needle is not in it.
    pub fn score(&mut self, needle: &Needle, text: &str) -> Option<u32> {
        let hay = Utf32Str::new(text, &mut self.buf);
        needle.pattern.score(hay, &mut self.inner)
    }

    /// The character positions in `text` that the needle matched, sorted.
    pub fn positions(&mut self, needle: &Needle, text: &str) -> Vec<usize> {
        self.positions.clear();
        let hay = Utf32Str::new(text, &mut self.buf);
        needle
            .pattern
            .indices(hay, &mut self.inner, &mut self.positions);
        let mut out: Vec<usize> = self.positions.iter().map(|&p| p as usize).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_are_folded_and_positions_given() {
        let mut m = Matcher::default();
        assert!(m.score(&Needle::new("zoe"), "Zoë Müller").is_some());
        assert!(m.score(&Needle::new("muller zo"), "Zoë Müller").is_some());
        assert!(m.score(&Needle::new("zx"), "Zoë Müller").is_none());
        assert_eq!(m.positions(&Needle::new("zm"), "Zoë Müller"), [0, 4]);
        assert_eq!(fold("Zoë ÅSE"), "zoe ase");
        // A closer match ranks higher.
        let exact = m.score(&Needle::new("acme"), "ACME Corp").unwrap();
        let spread = m
            .score(&Needle::new("acme"), "A Cool Mountain Estate")
            .unwrap();
        assert!(exact > spread);
    }
}
