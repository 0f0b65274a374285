//! The rules of subscription, preview and invoice bodies, in one place: the
//! CLI and the console check typed values with them before sending, and the
//! sandbox reads raw JSON through the same functions.
//!
//! Problems carry the framework's dotted key (`product_quantities.users`)
//! and its wording ("The product quantities.users field must be at least 1.").

use super::body::{Problem, Problems, closed, object, part, problem};
use crate::api::model::{
    Interval, NewSubscription, PreviewItem, PreviewRequest, ProductType, SubscriptionAction,
    SubscriptionChange,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// A product quantity: 0 is refused (omit or remove the product instead).
pub const QUANTITY_MAX: u32 = 1_000_000;
pub const METADATA_MAX_PAIRS: usize = 10;
pub const METADATA_KEY_MAX: usize = 40;
pub const METADATA_VALUE_MAX: usize = 500;
/// `limit` on the invoice list.
pub const INVOICE_LIMIT_MAX: u32 = 200;
/// Payment methods per billing account.
pub const PAYMENT_METHODS_MAX: usize = 5;

/// `value` as a quantity under `key` (1 to 1,000,000; `min` 0 for previews).
pub fn quantity(key: &str, value: &Value, min: u32) -> Result<u32, Problem> {
    let Some(n) = value.as_i64().or_else(|| {
        // 5.0 is an integer to the framework; 5.5 is not.
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0)
            .map(|f| f as i64)
    }) else {
        return Err(problem(key, "must be an integer"));
    };
    if n < i64::from(min) {
        return Err(problem(key, &format!("must be at least {min}")));
    }
    if n > i64::from(QUANTITY_MAX) {
        return Err(problem(
            key,
            &format!(
                "must not be greater than {}",
                crate::money::grouped(QUANTITY_MAX.into())
            ),
        ));
    }
    Ok(n as u32)
}

/// A map of product → quantity (at least one product, known products only).
pub fn quantities(key: &str, value: &Value) -> Result<BTreeMap<ProductType, u32>, Problems> {
    let Some(map) = value.as_object() else {
        return Err(vec![problem(
            key,
            "must be an object of product quantities",
        )]);
    };
    if map.is_empty() {
        return Err(vec![problem(key, "must name at least one product")]);
    }
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, v) in map {
        let field = format!("{key}.{name}");
        match ProductType::from_key(name) {
            None => problems.push(problem(
                &field,
                "is not a product (locations, users or sso)",
            )),
            Some(p) => match quantity(&field, v, 1) {
                Ok(n) => {
                    out.insert(p, n);
                }
                Err(e) => problems.push(e),
            },
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Metadata: up to 10 pairs, keys 1 to 40 characters without `[` `]`,
/// values at most 500 characters and none of the forbidden characters.
pub fn check_metadata(meta: &BTreeMap<String, String>) -> Problems {
    let mut problems = Vec::new();
    if meta.len() > METADATA_MAX_PAIRS {
        problems.push(problem(
            "metadata",
            &format!("must not have more than {METADATA_MAX_PAIRS} items"),
        ));
    }
    for (k, v) in meta {
        let field = format!("metadata.{k}");
        let klen = k.chars().count();
        if klen == 0 || klen > METADATA_KEY_MAX || k.contains(['[', ']']) {
            problems.push(Problem {
                key: "metadata".into(),
                message: format!(
                    "The metadata key {} must be 1 to {METADATA_KEY_MAX} characters without square brackets.",
                    crate::inert::quoted(k)
                ),
            });
        } else if k.chars().any(super::is_forbidden_char) {
            problems.push(problem(
                "metadata",
                "has a key with a control or invisible character",
            ));
        }
        if v.chars().count() > METADATA_VALUE_MAX {
            problems.push(problem(
                &field,
                &format!("must not be greater than {METADATA_VALUE_MAX} characters"),
            ));
        } else if let Some((at, c)) = super::forbidden_char(v) {
            problems.push(problem(
                &field,
                &format!(
                    "has a control or invisible character (U+{:04X}) at position {at}",
                    c as u32
                ),
            ));
        }
    }
    problems
}

fn metadata(value: &Value) -> Result<BTreeMap<String, String>, Problems> {
    let Some(map) = value.as_object() else {
        return Err(vec![problem("metadata", "must be an object of strings")]);
    };
    let mut out = BTreeMap::new();
    for (k, v) in map {
        match v.as_str() {
            Some(s) => {
                out.insert(k.clone(), s.to_string());
            }
            None => return Err(vec![problem(&format!("metadata.{k}"), "must be a string")]),
        }
    }
    let problems = check_metadata(&out);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The body of `POST …/subscriptions`. Keys the contract does not name are
/// ignored (the body is not closed, unlike a change's).
pub fn new_subscription(body: &Value) -> Result<NewSubscription, Problems> {
    let map = object(body)?;
    let mut problems = Vec::new();
    let product_quantities = match map.get("product_quantities") {
        Some(v) => part(&mut problems, quantities("product_quantities", v)),
        None => {
            problems.push(problem("product_quantities", "is required"));
            None
        }
    };
    let meta = map
        .get("metadata")
        .and_then(|v| part(&mut problems, metadata(v)));
    match product_quantities {
        Some(product_quantities) if problems.is_empty() => Ok(NewSubscription {
            product_quantities,
            metadata: meta,
        }),
        _ => Err(problems),
    }
}

/// The body of `PATCH …/subscriptions/{id}`: exactly one operation;
/// metadata alone or with product_quantities.
pub fn subscription_change(body: &Value) -> Result<SubscriptionChange, Problems> {
    let map = object(body)?;
    let ops: Vec<&str> = [
        "action",
        "product_quantities",
        "add_products",
        "remove_products",
    ]
    .into_iter()
    .filter(|k| map.contains_key(*k))
    .collect();
    let mut problems = closed(
        map,
        &[
            "action",
            "product_quantities",
            "add_products",
            "remove_products",
            "metadata",
        ],
    );
    if ops.len() > 1 {
        problems.push(Problem {
            key: ops[1].into(),
            message: format!(
                "Send one change at a time: {} cannot be combined with {}.",
                ops[0], ops[1]
            ),
        });
    }
    let has_meta = map.contains_key("metadata");
    if has_meta && !matches!(ops.as_slice(), [] | ["product_quantities"]) {
        problems.push(problem(
            "metadata",
            "can only be sent alone or with product quantities",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let meta = map.get("metadata").map(metadata).transpose()?;
    let change = match ops.first().copied() {
        Some("action") => SubscriptionChange::Action {
            action: action(&map["action"])?,
        },
        Some("product_quantities") => SubscriptionChange::Quantities {
            product_quantities: quantities("product_quantities", &map["product_quantities"])?,
            metadata: meta,
        },
        Some("add_products") => SubscriptionChange::Add {
            add_products: quantities("add_products", &map["add_products"])?,
        },
        Some(_) => SubscriptionChange::Remove {
            remove_products: remove_products(&map["remove_products"])?,
        },
        None => match meta {
            Some(metadata) => SubscriptionChange::Metadata { metadata },
            None => {
                return Err(vec![Problem {
                    key: "action".into(),
                    message: "Name one change: action, product_quantities, add_products, remove_products or metadata.".into(),
                }]);
            }
        },
    };
    Ok(change)
}

fn action(value: &Value) -> Result<SubscriptionAction, Problems> {
    match value.as_str() {
        Some("pause") => Ok(SubscriptionAction::Pause),
        Some("resume") => Ok(SubscriptionAction::Resume),
        Some("sync") => Ok(SubscriptionAction::Sync),
        _ => Err(vec![problem(
            "action",
            "must be one of pause, resume or sync",
        )]),
    }
}

fn remove_products(value: &Value) -> Result<Vec<ProductType>, Problems> {
    let Some(items) = value.as_array() else {
        return Err(vec![problem(
            "remove_products",
            "must be a list of products",
        )]);
    };
    if items.is_empty() || items.len() > 3 {
        return Err(vec![problem(
            "remove_products",
            "must name 1 to 3 products",
        )]);
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = format!("remove_products.{i}");
        match item.as_str().and_then(ProductType::from_key) {
            Some(p) if out.contains(&p) => {
                return Err(vec![problem(&key, "has a duplicate value")]);
            }
            Some(p) => out.push(p),
            None => {
                return Err(vec![problem(
                    &key,
                    "is not a product (locations, users or sso)",
                )]);
            }
        }
    }
    Ok(out)
}

/// The body of `POST …/invoices/preview` (other keys are ignored).
pub fn preview(body: &Value) -> Result<PreviewRequest, Problems> {
    let map = object(body)?;
    let mut problems = Vec::new();
    let subscription_id = match map.get("subscription_id") {
        None => None,
        Some(Value::String(s)) if s.starts_with("sub_") => Some(s.clone()),
        Some(_) => {
            problems.push(problem(
                "subscription_id",
                "must be a subscription id (sub_…)",
            ));
            None
        }
    };
    let cancel_subscription = match map.get("cancel_subscription") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push(problem("cancel_subscription", "must be true or false"));
            false
        }
    };
    let items = match map.get("items") {
        None => {
            problems.push(problem("items", "is required"));
            Vec::new()
        }
        Some(v) => part(&mut problems, preview_items(v)).unwrap_or_default(),
    };
    if problems.is_empty() {
        Ok(PreviewRequest {
            subscription_id,
            items,
            cancel_subscription,
        })
    } else {
        Err(problems)
    }
}

fn preview_items(value: &Value) -> Result<Vec<PreviewItem>, Problems> {
    let Some(list) = value.as_array().filter(|l| !l.is_empty()) else {
        return Err(vec![problem("items", "must have at least 1 item")]);
    };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let key = |k: &str| format!("items.{i}.{k}");
        let Some(obj) = item.as_object() else {
            problems.push(problem(&format!("items.{i}"), "must be an object"));
            continue;
        };
        let product = obj
            .get("product_type")
            .and_then(Value::as_str)
            .and_then(ProductType::from_key);
        let interval = obj
            .get("interval")
            .and_then(Value::as_str)
            .and_then(Interval::from_key);
        let qty = obj.get("quantity").map_or_else(
            || Err(problem(&key("quantity"), "is required")),
            |v| quantity(&key("quantity"), v, 0),
        );
        match (product, qty, interval) {
            (Some(product_type), Ok(quantity), Some(interval)) => out.push(PreviewItem {
                product_type,
                quantity,
                interval,
            }),
            (p, q, iv) => {
                if p.is_none() {
                    problems.push(problem(
                        &key("product_type"),
                        "must be locations, users or sso",
                    ));
                }
                if let Err(e) = q {
                    problems.push(e);
                }
                if iv.is_none() {
                    problems.push(problem(&key("interval"), "must be month or year"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// `locations=5,users=25` or `order_id=6735` (how the CLI and the console
/// write maps): the pairs in order, each name once.
pub fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(format!("{} is not name=value", crate::inert::quoted(pair)));
        };
        let k = k.trim().to_string();
        if out.iter().any(|(seen, _)| *seen == k) {
            return Err(format!("{} is given twice", crate::inert::quoted(&k)));
        }
        out.push((k, v.trim().to_string()));
    }
    Ok(out)
}

/// Quantities as the JSON the rules read: numbers where they are numbers
/// (anything else stays text, and the integer rule says what is wrong).
pub fn quantities_json(text: &str) -> Result<Value, String> {
    let map = parse_pairs(text)?
        .into_iter()
        .map(|(k, v)| {
            let value = v.parse::<i64>().map_or(Value::from(v), Value::from);
            (k, value)
        })
        .collect();
    Ok(Value::Object(map))
}

/// Metadata as the JSON the rules read: every value a string.
pub fn metadata_json(text: &str) -> Result<Value, String> {
    let map = parse_pairs(text)?
        .into_iter()
        .map(|(k, v)| (k, Value::from(v)))
        .collect();
    Ok(Value::Object(map))
}

/// The invoice list's `limit`: 1 to 200.
pub fn invoice_limit(n: i64) -> Result<u32, Problem> {
    if (1..=i64::from(INVOICE_LIMIT_MAX)).contains(&n) {
        Ok(n as u32)
    } else {
        Err(problem(
            "limit",
            &format!("must be between 1 and {INVOICE_LIMIT_MAX}"),
        ))
    }
}

/// A quantity change's products, as the console and the CLI both take
/// them: a product at 0 is removed (as a preview's items say), so it is
/// left out of the body; none left is refused (cancel the subscription
/// instead).
pub fn kept_products(
    quantities: serde_json::Map<String, Value>,
) -> Result<serde_json::Map<String, Value>, &'static str> {
    let kept: serde_json::Map<String, Value> = quantities
        .into_iter()
        .filter(|(_, q)| q.as_u64() != Some(0))
        .collect();
    match kept.is_empty() {
        true => Err("keep at least one product: to end the subscription, cancel it"),
        false => Ok(kept),
    }
}

/// Empty pages of invoices in a row, each saying more would follow, that
/// end paging (console and CLI): a server that never stops is not followed
/// forever.
pub const EMPTY_PAGES_MAX: u8 = 3;

#[cfg(test)]
#[path = "billing_tests.rs"]
mod tests;
