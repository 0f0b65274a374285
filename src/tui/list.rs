//! A selectable, scrollable, filterable list of indices into some items.
//! Only the indices are kept, so filtering 100k workspaces copies no names.

use super::msg::Move;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Indices of the items shown, in order.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// First position in `visible` that is drawn.
    pub offset: usize,
}

impl Selection {
    pub fn all(n: usize) -> Selection {
        Selection {
            visible: (0..n).collect(),
            ..Selection::default()
        }
    }

    /// `n` items with the cursor on `selected` (clamped), scrolled for a
    /// `height`-row window: for the lists that keep only a cursor (the
    /// palette's matches, a dropdown's options).
    pub fn at(n: usize, selected: usize, height: usize) -> Selection {
        let mut s = Selection::all(n);
        s.selected = selected.min(n.saturating_sub(1));
        s.scroll(height);
        s
    }

    /// The item index under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Puts the cursor on item `index` if it is visible.
    pub fn select_item(&mut self, index: usize, height: usize) -> bool {
        match self.visible.iter().position(|&i| i == index) {
            Some(pos) => {
                self.selected = pos;
                self.scroll(height);
                true
            }
            None => false,
        }
    }

    /// Replaces the visible set, keeping the same item selected if it is
    /// still there, else the first.
    pub fn set_visible(&mut self, visible: Vec<usize>, height: usize) {
        let keep = self.current();
        self.visible = visible;
        self.selected = 0;
        self.offset = 0;
        if let Some(item) = keep {
            self.select_item(item, height);
        }
        self.scroll(height);
    }

    pub fn apply(&mut self, mv: Move, height: usize) {
        let last = self.visible.len().saturating_sub(1);
        let page = height.max(1);
        self.selected = match mv {
            Move::Up => self.selected.saturating_sub(1),
            Move::Down => (self.selected + 1).min(last),
            Move::PageUp => self.selected.saturating_sub(page),
            Move::PageDown => (self.selected + page).min(last),
            Move::Home => 0,
            Move::End => last,
        };
        self.scroll(height);
    }

    /// Keeps the cursor inside the `height` rows that are drawn.
    pub fn scroll(&mut self, height: usize) {
        self.offset = self.start(height);
    }

    /// The first position drawn in `height` rows: the offset kept, moved
    /// just enough to hold the cursor and fill the rows when there are
    /// rows enough.
    fn start(&self, height: usize) -> usize {
        let rows = height.max(1);
        let last = self.visible.len().saturating_sub(rows);
        let start = self.offset.min(last);
        let held = if self.selected < start {
            self.selected
        } else if self.selected >= start + rows {
            self.selected + 1 - rows
        } else {
            start
        };
        held.min(last)
    }

    /// The positions drawn in a viewport of `height` rows. The offset kept
    /// is only a wish: the window is clamped here, at whatever size the
    /// terminal is now (as [`Selection::scroll`] clamps it), so an offset
    /// left by a 1x1 terminal, or by a list that shrank, never shows an
    /// empty or short list.
    pub fn window(&self, height: usize) -> std::ops::Range<usize> {
        let len = self.visible.len();
        let start = self.start(height);
        let end = (start + height).min(len);
        start.min(end)..end
    }
}

/// The field after (or before) `focus` in a box's ring of `fields`.
pub fn cycle(fields: &[usize], focus: usize, forward: bool) -> usize {
    let i = fields.iter().position(|f| *f == focus).unwrap_or(0);
    let n = fields.len().max(1);
    fields
        .get(if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        })
        .copied()
        .unwrap_or(focus)
}

/// Fuzzy filter: matches containing the query first, then the rest, each
/// ranked by the one matcher (`crate::matcher`: nucleo's fzf scoring, case
/// and accents folded: "acmc" finds "ACME Corp", "zoe" finds "Zoë").
pub fn filter<'a>(query: &str, items: impl Iterator<Item = (usize, [&'a str; 2])>) -> Vec<usize> {
    use crate::matcher::fold;
    let folded: Vec<(usize, [String; 2])> =
        items.map(|(i, [a, b])| (i, [fold(a), fold(b)])).collect();
    filter_lowered(
        &fold(query.trim()),
        folded
            .iter()
            .map(|(i, [a, b])| (*i, [a.as_str(), b.as_str()])),
    )
}

/// [`filter`] over texts already folded (`crate::matcher::fold`), with a
/// folded query: the console folds each name once, when the list arrives.
pub fn filter_lowered<'a>(
    needle: &str,
    items: impl Iterator<Item = (usize, [&'a str; 2])>,
) -> Vec<usize> {
    let query = crate::matcher::Needle::new(needle);
    if query.is_empty() {
        return items.map(|(i, _)| i).collect();
    }
    let mut m = crate::matcher::Matcher::default();
    let mut ranked: Vec<(u8, std::cmp::Reverse<u32>, usize)> = Vec::new();
    for (i, texts) in items {
        let contains = texts.iter().any(|t| t.contains(query.folded()));
        let best = texts.iter().filter_map(|t| m.score(&query, t)).max();
        if let Some(score) = best {
            ranked.push((u8::from(!contains), std::cmp::Reverse(score), i));
        }
    }
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_and_scroll() {
        let mut s = Selection::all(50);
        s.apply(Move::Up, 10);
        assert_eq!(s.selected, 0);
        s.apply(Move::PageDown, 10);
        assert_eq!((s.selected, s.offset), (10, 1));
        s.apply(Move::End, 10);
        assert_eq!((s.selected, s.offset), (49, 40));
        assert_eq!(s.window(10), 40..50);
        s.apply(Move::Home, 10);
        assert_eq!((s.selected, s.offset), (0, 0));
        let mut empty = Selection::all(0);
        empty.apply(Move::End, 10);
        assert_eq!(empty.current(), None);
    }

    #[test]
    fn filter_ranks_substring_before_fuzzy() {
        let names = ["Globex EU", "ACME Corporation", "Macme", "Acorn Media Co"];
        let items = names.iter().enumerate().map(|(i, n)| (i, [*n, ""]));
        assert_eq!(filter("acme", items.clone()), vec![1, 2, 3]);
        assert_eq!(filter("ACME", items.clone())[0], 1);
        assert_eq!(filter("zz", items.clone()), Vec::<usize>::new());
        assert_eq!(filter("", items).len(), 4);
    }

    #[test]
    fn set_visible_keeps_the_selected_item() {
        let mut s = Selection::all(10);
        s.apply(Move::Down, 5);
        s.apply(Move::Down, 5);
        s.set_visible(vec![0, 2, 4], 5);
        assert_eq!(s.current(), Some(2));
        s.set_visible(vec![5, 6], 5);
        assert_eq!(s.current(), Some(5));
    }
}
