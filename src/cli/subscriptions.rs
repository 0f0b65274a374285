//! `alto subscriptions list|get|create|update|cancel|trial`. Every body is
//! built as JSON and read back through `rules::billing`, the same functions
//! the sandbox uses, so nothing the API would refuse for its shape is sent.

use super::*;
use crate::api::AccountRef;
use crate::api::model::{SUBSCRIPTION_STATUSES, Subscription, products_summary, status_label};
use crate::rules::billing as billing_rules;
use serde_json::{Map, Value};

pub(super) async fn subscriptions(
    c: &ApiClient,
    command: SubscriptionsCommand,
) -> Result<(), Failure> {
    match command {
        SubscriptionsCommand::List { at, out } => {
            let list = c.list_subscriptions(account(&at)).await?;
            print_subscriptions(&list, out);
        }
        SubscriptionsCommand::Get { at, id, json } => {
            let s = c.get_subscription(account(&at), &id).await?;
            show(&s, json);
        }
        SubscriptionsCommand::Create {
            at,
            products,
            metadata,
            json,
        } => {
            let mut body = Map::new();
            body.insert("product_quantities".into(), pairs(&products, true)?);
            if let Some(m) = metadata {
                body.insert("metadata".into(), pairs(&m, false)?);
            }
            let new = billing_rules::new_subscription(&Value::Object(body))
                .map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            let s = c
                .create_subscription(account(&at), &new, &key)
                .await
                .map_err(|e| unclear(e, &at))?;
            show(&s, json);
        }
        SubscriptionsCommand::Update {
            at,
            id,
            change,
            json,
        } => {
            let body = change_body(&change)?;
            let change = billing_rules::subscription_change(&Value::Object(body))
                .map_err(|p| problems_failure(&p))?;
            let s = c.update_subscription(account(&at), &id, &change).await?;
            show(&s, json);
        }
        SubscriptionsCommand::Cancel { at, id, yes } => {
            if !yes {
                confirm(&format!(
                    "Cancel subscription {} at the end of its current period?",
                    inert(&id)
                ))?;
            }
            let m = c.cancel_subscription(account(&at), &id).await?;
            let said = if m.message.is_empty() {
                "cancelled at period end".to_string()
            } else {
                m.message
            };
            eprintln!("{}: {}", inert(&id), inert(&said));
        }
        SubscriptionsCommand::Trial { at, json } => {
            let t = c.trial_eligibility(account(&at)).await?;
            if json {
                print_json(&t);
            } else {
                let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
                let mut rows = vec![
                    ("trial eligible", yes_no(t.trial_eligible)),
                    ("has payment method", yes_no(t.has_payment_method)),
                    ("can subscribe", yes_no(t.can_create_subscription)),
                ];
                if let Some(info) = &t.trial_info {
                    let days = info
                        .trial_days
                        .map(|d| format!("{d} days"))
                        .unwrap_or_default();
                    rows.push(("trial", days));
                }
                for text in t.requirements.iter().flat_map(|r| r.texts()) {
                    rows.push(("needs", text.to_string()));
                }
                print_pairs(&rows);
            }
        }
    }
    Ok(())
}

pub(super) fn account(at: &AccountTarget) -> AccountRef<'_> {
    AccountRef::new(&at.workspace, &at.account)
}

/// `a=1,b=2` as JSON (numbers where `numbers`), or a usage error.
pub(super) fn pairs(text: &str, numbers: bool) -> Result<Value, Failure> {
    let parsed = if numbers {
        billing_rules::quantities_json(text)
    } else {
        billing_rules::metadata_json(text)
    };
    parsed.map_err(usage)
}

/// The flags of `update` as the PATCH body they stand for; two changes at
/// once are left for the rules to refuse, with their message.
fn change_body(change: &ChangeArgs) -> Result<Map<String, Value>, Failure> {
    let mut body = Map::new();
    if let Some(a) = &change.action {
        body.insert("action".into(), Value::from(a.as_str()));
    }
    if let Some(q) = &change.quantities {
        // 0 removes a product, as in the console's quantity box.
        let quantities = match pairs(q, true)? {
            Value::Object(map) => billing_rules::kept_products(map)
                .map(Value::Object)
                .map_err(|why| usage(format!("{why}; nothing was sent")))?,
            other => other,
        };
        body.insert("product_quantities".into(), quantities);
    }
    if let Some(q) = &change.add {
        body.insert("add_products".into(), pairs(q, true)?);
    }
    if let Some(r) = &change.remove {
        let items: Vec<Value> = r
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Value::from)
            .collect();
        body.insert("remove_products".into(), Value::Array(items));
    }
    if let Some(m) = &change.metadata {
        body.insert("metadata".into(), pairs(m, false)?);
    }
    Ok(body)
}

/// A create whose answer never came: say so, and how to look.
fn unclear(e: ApiError, at: &AccountTarget) -> Failure {
    let unknown = e.outcome_unknown();
    let mut f = Failure::from(e);
    if unknown {
        f.message.push_str(&format!(
            "\n  outcome unknown: the subscription may have been created. Check with\n  `alto subscriptions list --workspace {} --account {}` before running this again.",
            inert(&at.workspace),
            inert(&at.account)
        ));
    }
    f
}

fn show(s: &Subscription, json: bool) {
    if json {
        return print_json(s);
    }
    let mut rows = vec![
        ("id".to_string(), s.id.clone()),
        ("account".into(), s.billing_account_id.clone()),
        (
            "status".into(),
            status_label(&SUBSCRIPTION_STATUSES, &s.status),
        ),
        ("currency".into(), s.currency.clone()),
    ];
    for (product, q) in &s.product_quantities {
        rows.push((
            product.clone(),
            format!("{} per {} ({})", q.quantity, q.interval, q.price_id),
        ));
    }
    let period = format!(
        "{} → {}",
        s.current_period_start.as_deref().unwrap_or("—"),
        s.current_period_end.as_deref().unwrap_or("—")
    );
    rows.push(("period".into(), period));
    if s.cancel_at_period_end {
        rows.push(("cancels".into(), "at the end of the period".into()));
    }
    for (k, v) in &s.metadata {
        rows.push((format!("metadata.{k}"), v.clone()));
    }
    rows.push(("created".into(), s.created_at.clone()));
    rows.push(("updated".into(), s.updated_at.clone()));
    print_pairs(&rows);
}

/// `subscriptions list`: a table, or the API's words as data (the products
/// as `--quantities` takes them).
fn print_subscriptions(list: &crate::api::model::SubscriptionList, out: ListOutput) {
    let columns = [
        id_col("ID", "id"),
        col("STATUS", "status"),
        col("PRODUCTS", "product_quantities"),
        col("PERIOD END", "current_period_end"),
        col("CREATED", "created_at"),
    ];
    print_list(list, out, &columns, |s| {
        let quantities: Vec<String> = s
            .product_quantities
            .iter()
            .map(|(k, q)| format!("{k}={}", q.quantity))
            .collect();
        vec![
            s.id.as_str().into(),
            Cell::shown(
                s.status.as_str(),
                status_label(&SUBSCRIPTION_STATUSES, &s.status),
            ),
            Cell::shown(quantities.join(","), products_summary(s)),
            s.current_period_end.clone().unwrap_or_default().into(),
            s.created_at.as_str().into(),
        ]
    });
}
