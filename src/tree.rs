//! An organization list as a tree: who is whose child, each one's level,
//! and the rows a view shows (everything, what is expanded, or the
//! matches of a filter with the path to each). Built once per answer, in
//! time linear in the list; the CLI, the console and the sandbox's report
//! all walk it.
//!
//! The list is server data and is not trusted to be a tree: an
//! organization whose parent is not listed is shown at the top, and a
//! cycle is cut where it is found, so every organization appears exactly
//! once.

use crate::api::model::Organization;
use std::collections::HashMap;

/// How deep an indent grows where a tree is drawn (console and CLI alike):
/// a chain 10,000 deep is drawn as wide as one 12 deep (its DEPTH column
/// says how deep it really is), not 10,000 indents of every row.
pub const MAX_INDENT: usize = 12;

/// The indent of a row at `level`.
pub fn indent(level: usize) -> String {
    "  ".repeat(level.min(MAX_INDENT))
}

#[derive(Clone, Debug, Default)]
pub struct Tree {
    roots: Vec<usize>,
    children: Vec<Vec<usize>>,
    parent: Vec<Option<usize>>,
    /// Each one's level in the tree as drawn (0 at the top).
    level: Vec<usize>,
    /// Every index, parents before children, siblings in list order.
    order: Vec<usize>,
}

impl Tree {
    pub fn new(orgs: &[Organization]) -> Tree {
        let n = orgs.len();
        let index: HashMap<&str, usize> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut parent: Vec<Option<usize>> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let p = *index.get(o.parent_org_id.as_deref()?)?;
                (p != i).then_some(p)
            })
            .collect();
        let mut tree = Tree {
            level: vec![0; n],
            ..Tree::default()
        };
        tree.link(&parent);
        let mut seen = vec![false; n];
        for r in tree.roots.clone() {
            tree.walk(r, &mut seen);
        }
        // What no root reached is on a cycle: cut it there, walk on.
        for i in 0..n {
            if !seen[i] {
                if let Some(p) = parent[i].take() {
                    tree.children[p].retain(|&c| c != i);
                }
                tree.roots.push(i);
                tree.walk(i, &mut seen);
            }
        }
        tree.parent = parent;
        tree
    }

    fn link(&mut self, parent: &[Option<usize>]) {
        self.children = vec![Vec::new(); parent.len()];
        for (i, p) in parent.iter().enumerate() {
            match p {
                Some(p) => self.children[*p].push(i),
                None => self.roots.push(i),
            }
        }
    }

    /// Depth first from `root`: the order and each level.
    fn walk(&mut self, root: usize, seen: &mut [bool]) {
        let mut stack = vec![(root, 0)];
        while let Some((i, level)) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            self.level[i] = level;
            self.order.push(i);
            stack.extend(self.children[i].iter().rev().map(|&c| (c, level + 1)));
        }
    }

    pub fn len(&self) -> usize {
        self.level.len()
    }

    pub fn is_empty(&self) -> bool {
        self.level.is_empty()
    }

    pub fn level(&self, i: usize) -> usize {
        self.level.get(i).copied().unwrap_or(0)
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }

    pub fn children(&self, i: usize) -> &[usize] {
        self.children.get(i).map_or(&[], Vec::as_slice)
    }

    /// How many organizations are below `i`.
    pub fn descendants(&self, i: usize) -> usize {
        let mut stack = self.children(i).to_vec();
        let mut n = 0;
        while let Some(c) = stack.pop() {
            n += 1;
            stack.extend_from_slice(self.children(c));
        }
        n
    }

    /// Every organization with its level, parents first.
    pub fn all_rows(&self) -> Vec<(usize, usize)> {
        self.order.iter().map(|&i| (i, self.level[i])).collect()
    }

    /// The rows shown: the roots, and the children of every expanded one
    /// that is itself shown.
    pub fn rows(&self, expanded: &[bool]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut hidden_below: Option<usize> = None;
        for &i in &self.order {
            let level = self.level[i];
            if hidden_below.is_some_and(|l| level > l) {
                continue;
            }
            hidden_below = None;
            out.push(i);
            if !expanded.get(i).copied().unwrap_or(false) {
                hidden_below = Some(level);
            }
        }
        out
    }

    /// The rows of a filter: each match and the path down to it (its
    /// ancestors), in tree order.
    pub fn rows_matching(&self, matches: &[bool]) -> Vec<usize> {
        let mut keep = matches.to_vec();
        keep.resize(self.len(), false);
        for i in 0..self.len() {
            if matches.get(i).copied().unwrap_or(false) {
                let mut up = self.parent(i);
                while let Some(p) = up {
                    if std::mem::replace(&mut keep[p], true) {
                        break;
                    }
                    up = self.parent(p);
                }
            }
        }
        self.order.iter().copied().filter(|&i| keep[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, parent: Option<&str>) -> Organization {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id, "workspace_id": "ws", "parent_org_id": parent,
        }))
        .unwrap()
    }

    #[test]
    fn parents_come_before_children_whatever_the_list_order() {
        let orgs = [
            org("c", Some("b")),
            org("a", None),
            org("b", Some("a")),
            org("d", None),
        ];
        let t = Tree::new(&orgs);
        assert_eq!(t.all_rows(), vec![(1, 0), (2, 1), (0, 2), (3, 0)]);
        assert_eq!(t.rows(&[false; 4]), vec![1, 3], "collapsed: the roots");
        assert_eq!(t.rows(&[false, true, false, false]), vec![1, 2, 3]);
        assert_eq!(t.rows(&[true, true, true, false]), vec![1, 2, 0, 3]);
        // c matches: its path a, b is kept, d is not.
        assert_eq!(t.rows_matching(&[true, false, false, false]), vec![1, 2, 0]);
    }

    #[test]
    fn orphans_go_to_the_top_and_cycles_are_cut() {
        let orgs = [
            org("x", Some("missing")),
            org("p", Some("q")),
            org("q", Some("p")),
            org("self", Some("self")),
        ];
        let t = Tree::new(&orgs);
        let rows = t.all_rows();
        assert_eq!(rows.len(), 4, "each exactly once: {rows:?}");
        assert_eq!(t.level(0), 0);
        assert_eq!(t.level(3), 0);
        assert_eq!(t.level(1) + t.level(2), 1, "one of p, q is cut to the top");
    }

    #[test]
    fn a_deep_chain_is_indented_no_deeper_than_the_cap() {
        assert_eq!(indent(3), "      ");
        assert_eq!(indent(10_000).len(), 2 * MAX_INDENT);
    }
}
