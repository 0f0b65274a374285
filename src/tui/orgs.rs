//! What the console holds of a workspace's organizations: the list as the
//! API answered it, the tree built from it once, which rows are expanded,
//! the filter, and the capacity answers of the organizations looked at.
//! Expanding, collapsing and filtering only recompute the visible rows
//! (indices, no copies), in time linear in the list.

use super::billing::Listing;
use crate::api::model::Organization;
use crate::tree::Tree;
use tui_input::Input;

pub use super::boxes::save_report::SaveBox;

/// What survives a rebuild of the tree (see [`OrgTree::take`]).
#[derive(Clone, Debug, Default)]
pub struct Kept {
    pub open: Vec<String>,
    pub selected: Option<String>,
    pub position: usize,
}

#[derive(Clone, Debug, Default)]
pub struct OrgTree {
    pub list: Listing<Organization>,
    pub tree: Tree,
    pub expanded: Vec<bool>,
    /// Each one's name and id in lower case, for the filter.
    lowered: Vec<String>,
    pub filter: Input,
    /// The filter has the keyboard.
    pub filtering: bool,
    /// The filter as matched (lower case, trimmed), and how many match.
    needle: String,
    pub matched: usize,
}

impl OrgTree {
    /// Takes a loaded list: the tree is built once; what `kept` names
    /// stays open and selected (nothing open: the top level opens, so the
    /// first screen shows two levels; the selected one gone: the row that
    /// took its place).
    pub fn take(&mut self, kept: &Kept, height: usize) {
        let open = &kept.open;
        self.tree = Tree::new(&self.list.items);
        let n = self.list.items.len();
        self.expanded = vec![false; n];
        if open.is_empty() {
            for (i, level) in self.tree.all_rows() {
                self.expanded[i] = level == 0;
            }
        } else {
            let open: std::collections::HashSet<&str> = open.iter().map(String::as_str).collect();
            for (i, o) in self.list.items.iter().enumerate() {
                self.expanded[i] = open.contains(o.id.as_str());
            }
        }
        self.lowered = self
            .list
            .items
            .iter()
            .map(|o| format!("{}\u{0}{}", o.name.to_lowercase(), o.id.to_lowercase()))
            .collect();
        // Indices from before the answer mean nothing now.
        self.list.sel = super::list::Selection::default();
        self.refresh(height);
        let found = kept
            .selected
            .as_ref()
            .and_then(|id| self.list.items.iter().position(|o| o.id == *id));
        match found {
            Some(i) if self.list.sel.select_item(i, height) => {}
            _ => {
                let last = self.list.sel.visible.len().saturating_sub(1);
                self.list.sel.selected = kept.position.min(last);
                self.list.sel.scroll(height);
            }
        }
    }

    /// What a rebuild keeps: the open ones, the selected one and where.
    pub fn kept(&self) -> Kept {
        Kept {
            open: self.open_ids(),
            selected: self.selected().map(|o| o.id.clone()),
            position: self.list.sel.selected,
        }
    }

    /// The ids of the expanded organizations (kept across a rebuild).
    pub fn open_ids(&self) -> Vec<String> {
        self.expanded
            .iter()
            .zip(&self.list.items)
            .filter(|(e, _)| **e)
            .map(|(_, o)| o.id.clone())
            .collect()
    }

    /// `id` and every organization below it.
    pub fn subtree_ids(&self, id: &str) -> Vec<String> {
        let Some(i) = self.list.items.iter().position(|o| o.id == id) else {
            return vec![id.to_string()];
        };
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            out.extend_from_slice(self.tree.children(out[k]));
            k += 1;
        }
        out.into_iter()
            .map(|i| self.list.items[i].id.clone())
            .collect()
    }

    /// The visible rows again: the filter's matches with their paths, or
    /// what is expanded.
    pub fn refresh(&mut self, height: usize) {
        self.needle = self.filter.value().trim().to_lowercase();
        let rows = match self.needle.is_empty() {
            true => {
                self.matched = self.list.items.len();
                self.tree.rows(&self.expanded)
            }
            false => {
                let matches: Vec<bool> = self
                    .lowered
                    .iter()
                    .map(|l| l.contains(&self.needle))
                    .collect();
                self.matched = matches.iter().filter(|m| **m).count();
                self.tree.rows_matching(&matches)
            }
        };
        self.list.sel.set_visible(rows, height);
    }

    pub fn filtered(&self) -> bool {
        !self.needle.is_empty()
    }

    /// Whether the organization at `i` matches the filter (rows kept only
    /// as a path to a match are drawn dim).
    pub fn matches(&self, i: usize) -> bool {
        self.needle.is_empty()
            || self
                .lowered
                .get(i)
                .is_some_and(|l| l.contains(&self.needle))
    }

    pub fn current(&self) -> Option<usize> {
        self.list.sel.current()
    }

    pub fn selected(&self) -> Option<&Organization> {
        self.current().and_then(|i| self.list.items.get(i))
    }

    /// `→`: open the selected one, or, open already, go to its first child.
    pub fn expand(&mut self, height: usize) {
        let Some(i) = self.current() else { return };
        let Some(&first) = self.tree.children(i).first() else {
            return;
        };
        if self.filtered() || self.expanded[i] {
            self.list.sel.select_item(first, height);
        } else {
            self.expanded[i] = true;
            self.refresh(height);
        }
    }

    /// `←`: close the selected one, or, closed already, go to its parent.
    pub fn collapse(&mut self, height: usize) {
        let Some(i) = self.current() else { return };
        if !self.filtered() && self.expanded[i] && !self.tree.children(i).is_empty() {
            self.expanded[i] = false;
            self.refresh(height);
        } else if let Some(p) = self.tree.parent(i) {
            self.list.sel.select_item(p, height);
        }
    }

    /// Space: open or close the selected one.
    pub fn toggle(&mut self, height: usize) {
        if let Some(i) = self.current() {
            self.expanded[i] = !self.expanded[i];
            self.refresh(height);
        }
    }

    /// `+` and `-`: every level open, or only the top.
    pub fn expand_all(&mut self, open: bool, height: usize) {
        self.expanded.iter_mut().for_each(|e| *e = open);
        // Closing all keeps the cursor on a visible row: its root.
        if !open && let Some(mut i) = self.current() {
            while let Some(p) = self.tree.parent(i) {
                i = p;
            }
            self.list
                .sel
                .set_visible(self.tree.rows(&self.expanded), height);
            self.list.sel.select_item(i, height);
            return;
        }
        self.refresh(height);
    }

    /// The names from the top down to the organization at `i`.
    pub fn path_names(&self, i: usize) -> Vec<&str> {
        let mut out = vec![self.list.items[i].name.as_str()];
        let mut up = self.tree.parent(i);
        while let Some(p) = up {
            out.push(&self.list.items[p].name);
            up = self.tree.parent(p);
        }
        out.reverse();
        out
    }
}
