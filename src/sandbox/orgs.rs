//! The sandbox's organization trees: each organization keeps its own
//! usage; subtree usage, the limits that bind and the capacity left are
//! worked out from the tree when asked, so they always add up.

use super::store::Store;
use crate::api::model::{
    BillingMode, LimitContext, LimitLine, OrgUsage, Organization, OrganizationLimits, ProductType,
    Usage,
};
use std::collections::HashMap;

/// The organizations of `ws` as the API serves them: each with its
/// subtree's usage summed from its descendants.
pub fn served(store: &Store, ws: &str) -> Vec<Organization> {
    let orgs = store.orgs(ws);
    let index: HashMap<&str, usize> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut subtree: Vec<Usage> = orgs.iter().map(|o| own(o).clone()).collect();
    // Deepest first, each adds its sum into its parent's.
    let mut order: Vec<usize> = (0..orgs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(orgs[i].depth));
    for i in order {
        let Some(&p) = orgs[i].parent_org_id.as_deref().and_then(|p| index.get(p)) else {
            continue;
        };
        let add = subtree[i].clone();
        for (k, v) in add {
            *subtree[p].entry_or_default(&k) += v;
        }
    }
    orgs.iter()
        .zip(subtree)
        .map(|(o, subtree_usage)| Organization {
            usage: Some(OrgUsage {
                usage: own(o).clone(),
                subtree_usage,
            }),
            ..o.clone()
        })
        .collect()
}

fn own(o: &Organization) -> &Usage {
    static NONE: std::sync::LazyLock<Usage> = std::sync::LazyLock::new(Usage::new);
    o.usage.as_ref().map_or(&NONE, |u| &u.usage)
}

/// One organization as served, if it exists.
pub fn one(store: &Store, ws: &str, id: &str) -> Option<Organization> {
    served(store, ws).into_iter().find(|o| o.id == id)
}

/// `id` and every organization below it.
pub fn subtree_ids(store: &Store, ws: &str, id: &str) -> Vec<String> {
    let mut out = vec![id.to_string()];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i].clone();
        out.extend(
            store
                .orgs(ws)
                .iter()
                .filter(|o| o.parent_org_id.as_deref() == Some(parent.as_str()))
                .map(|o| o.id.clone()),
        );
        i += 1;
    }
    out
}

/// `GET …/limits`: per product, what the organization and its subtree
/// use, the capacity that binds (its own limit, an ancestor's, or what the
/// subscriptions provide) and what is left; the context names the binding
/// one.
pub fn limits(store: &Store, ws: &str, id: &str) -> Option<OrganizationLimits> {
    let all = served(store, ws);
    let org = all.iter().find(|o| o.id == id)?;
    let mut chain = vec![org];
    while let Some(parent) = chain
        .last()
        .and_then(|o| o.parent_org_id.as_deref())
        .and_then(|p| all.iter().find(|o| o.id == p))
    {
        if chain.len() > 10 {
            break;
        }
        chain.push(parent);
    }
    let root = chain.last().copied().unwrap_or(org);
    // The context is that of the product with the least room left.
    let mut lines: Vec<(LimitLine, LimitContext)> = ProductType::ALL
        .iter()
        .map(|p| {
            let key = p.key();
            let (total, context) = capacity(store, ws, &chain, root, *p);
            let used = org.subtree_used(key);
            let line = LimitLine {
                product: key.to_string(),
                used,
                direct: Some(org.own_used(key)),
                free: (total - used).max(0),
                org_limit: org.limit(key),
                total,
            };
            (line, context)
        })
        .collect();
    let binding = lines
        .iter()
        .min_by_key(|(l, _)| l.free)
        .map(|(_, c)| c.clone());
    let lines = lines.drain(..).map(|(l, _)| l).collect();
    Some(OrganizationLimits {
        organization_id: org.id.clone(),
        organization_name: org.name.clone(),
        limits: lines,
        context: binding,
    })
}

/// The tightest capacity for `product` along `chain` (the organization
/// first, then its ancestors), else what the subscriptions provide.
fn capacity(
    store: &Store,
    ws: &str,
    chain: &[&Organization],
    root: &Organization,
    product: ProductType,
) -> (i64, LimitContext) {
    let mut best: Option<(i64, LimitContext)> = None;
    for (i, o) in chain.iter().enumerate() {
        if let Some(limit) = o.limit(product.key())
            && best.as_ref().is_none_or(|(b, _)| limit < *b)
        {
            let kind = if i == 0 { "organization" } else { "parent" };
            best = Some((limit, context(kind, &o.name)));
        }
    }
    best.unwrap_or_else(|| subscribed(store, ws, root, product))
}

fn context(kind: &str, name: &str) -> LimitContext {
    LimitContext {
        kind: kind.into(),
        name: name.into(),
    }
}

/// What the live subscriptions provide: the root's billing account's in
/// single and assigned modes, every account's in a pooled workspace.
fn subscribed(
    store: &Store,
    ws: &str,
    root: &Organization,
    product: ProductType,
) -> (i64, LimitContext) {
    let pooled = store
        .workspace(ws)
        .and_then(|w| w.workspace.billing_mode.clone())
        == Some(BillingMode::Pooled);
    let accounts: Vec<&str> = match pooled {
        true => store
            .accounts(ws)
            .iter()
            .map(|r| r.account.id.as_str())
            .collect(),
        false => root.billing_account_id.as_deref().into_iter().collect(),
    };
    let total: u64 = accounts
        .iter()
        .flat_map(|a| store.billing(a).subscriptions.clone())
        .filter(|s| s.is_live())
        .map(|s| s.quantity(product))
        .sum();
    let name = match pooled {
        true => "the workspace's pool".to_string(),
        false => root
            .billing_account_id
            .as_deref()
            .and_then(|a| store.account(ws, a))
            .map_or_else(|| "no billing account".into(), |a| a.name.clone()),
    };
    (total as i64, context("subscription", &name))
}
