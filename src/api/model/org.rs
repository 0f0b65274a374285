//! Organizations: the resource pools of an MSP's customers, a tree up to 10
//! levels deep inside a workspace, each with its own limits per product,
//! its usage and its subtree's usage.
//!
//! Products are keyed by name (`locations`, `users`, `sso`) rather than by
//! `ProductType`, so an answer naming a product the contract does not list
//! still reads; the rules refuse such a key in what alto sends.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per product: `None` (JSON null) or a missing key is no limit, `0`
/// disables the product.
pub type Limits = ProductMap<Option<i64>>;

/// Product → amount in use.
pub type Usage = ProductMap<i64>;

/// A JSON object of a few products, kept as a small vector: an
/// organization holds three of them, and a `BTreeMap` allocates room for
/// eleven entries per map (1,000 organizations took a megabyte more).
/// Keys stay in the order first seen; a key given twice keeps the last.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductMap<V>(Vec<(String, V)>);

impl<V> ProductMap<V> {
    pub fn new() -> ProductMap<V> {
        ProductMap(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, returning the value it had.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// The value at `key`, made with `Default` if it is not there.
    pub fn entry_or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.0.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                self.0.push((key.to_string(), V::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<V> FromIterator<(String, V)> for ProductMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> ProductMap<V> {
        let mut m = ProductMap::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<V> IntoIterator for ProductMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V> std::ops::Index<&str> for ProductMap<V> {
    type Output = V;
    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no such product in the map")
    }
}

impl<V: Serialize> Serialize for ProductMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for ProductMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ProductMap<V>, D::Error> {
        // Read as a map once (a transient BTreeMap), kept as a vector.
        let map = BTreeMap::<String, V>::deserialize(d)?;
        Ok(ProductMap(map.into_iter().collect()))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUsage {
    /// In use by the organization itself.
    #[serde(default)]
    pub usage: Usage,
    /// In use by the organization and all its descendants.
    #[serde(default)]
    pub subtree_usage: Usage,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_background: Option<String>,
}

/// The organization's Auth0 login page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<Colors>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub workspace_id: String,
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub parent_org_id: Option<String>,
    /// The ancestors' ids, root first, `#`-separated; `None` (or "") at
    /// the top.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub depth: i64,
    #[serde(default)]
    pub billing_account_id: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub usage: Option<OrgUsage>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl Organization {
    /// The organization's own limit on `product`: `None` is no limit.
    pub fn limit(&self, product: &str) -> Option<i64> {
        self.limits.get(product).copied().flatten()
    }

    /// In use by the organization and its descendants.
    pub fn subtree_used(&self, product: &str) -> i64 {
        self.usage
            .as_ref()
            .and_then(|u| u.subtree_usage.get(product))
            .copied()
            .unwrap_or(0)
    }

    /// `8/50`, `2/no limit`, `0/disabled`: its subtree's use against its
    /// own limit, in words where a number would mislead.
    pub fn usage_text(&self, product: &str) -> String {
        let used = self.subtree_used(product);
        match self.limit(product) {
            None => format!("{used}/no limit"),
            Some(0) => format!("{used}/disabled"),
            Some(n) => format!("{used}/{n}"),
        }
    }

    /// [`Organization::usage_text`] for a narrow column: `2/∞` has no
    /// limit, `0/off` is disabled.
    pub fn usage_short(&self, product: &str) -> String {
        let used = self.subtree_used(product);
        match self.limit(product) {
            None => format!("{used}/∞"),
            Some(0) => format!("{used}/off"),
            Some(n) => format!("{used}/{n}"),
        }
    }

    /// In use by the organization itself.
    pub fn own_used(&self, product: &str) -> i64 {
        self.usage
            .as_ref()
            .and_then(|u| u.usage.get(product))
            .copied()
            .unwrap_or(0)
    }
}

pub type OrganizationList = super::List<Organization>;

/// The body of `POST …/organizations` and `POST …/{id}/children` (where
/// `billing_account_id` is always left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganization {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
}

/// The body of `PATCH …/organizations/{id}`: only what is sent changes;
/// `Some(None)` sends null (no billing account, no picture). Limits merge
/// per product: a product sent as null loses its limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateOrganization {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_account_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
}

/// One product's capacity as `GET …/limits` answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitLine {
    #[serde(rename = "type")]
    pub product: String,
    /// In use by the organization and its descendants.
    pub used: i64,
    /// In use by the organization itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<i64>,
    pub free: i64,
    /// The organization's own limit; `None` when it has none.
    #[serde(default)]
    pub org_limit: Option<i64>,
    /// The capacity that applies.
    pub total: i64,
}

/// Where the binding limit comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitContext {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationLimits {
    pub organization_id: String,
    pub organization_name: String,
    pub limits: Vec<LimitLine>,
    #[serde(default)]
    pub context: Option<LimitContext>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_map_reads_and_writes_a_json_object_keeping_null() {
        let l: Limits = serde_json::from_str(r#"{"users": 60, "sso": null}"#).unwrap();
        assert_eq!(l.get("users"), Some(&Some(60)));
        assert_eq!(
            l.get("sso"),
            Some(&None),
            "null is kept: it removes a limit"
        );
        assert_eq!(l.get("locations"), None);
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            r#"{"sso":null,"users":60}"#
        );
        let mut u = Usage::new();
        *u.entry_or_default("users") += 3;
        *u.entry_or_default("users") += 4;
        assert_eq!((u["users"], u.len()), (7, 1));
        assert_eq!(u.insert("users".into(), 1), Some(7));
        assert_eq!(u.remove("users"), Some(1));
        assert!(u.is_empty());
        assert!(serde_json::from_str::<Usage>(r#"{"users": "x"}"#).is_err());
    }
}
