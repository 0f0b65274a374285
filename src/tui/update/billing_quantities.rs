//! `e` on a subscription: the quantity box. Enter previews the next invoice
//! (nothing changes), Enter again applies it (once), Esc goes back a step.
//! The quantities are checked by `rules::billing`, as the CLI's and the
//! sandbox's are, before the preview is asked for.

use super::billing::at;
use super::pending_writes::send;
use super::*;
use crate::api::model::{Invoice, ProductType};
use crate::rules::billing as rules_billing;
use crate::tui::billing::QuantityStage;
use crate::tui::msg::BillingCmd;
use crate::tui::ops::{PendingWrite, WriteOp};
use std::collections::BTreeMap;

/// Enter in the box.
pub(super) fn submit(app: &mut App) -> Vec<Cmd> {
    let Some(q) = app.boxes.quantities() else {
        return Vec::new();
    };
    match &q.stage {
        QuantityStage::Typing => preview(app),
        QuantityStage::Previewing(_) => {
            app.set_status(StatusKind::Info, "Waiting for the preview");
            Vec::new()
        }
        QuantityStage::Previewed(_) => apply(app),
    }
}

/// The typed quantities (blank is 0: the product goes), checked.
fn typed(app: &App) -> Result<BTreeMap<ProductType, u32>, String> {
    let q = app.boxes.quantities().ok_or_else(String::new)?;
    let mut items = Vec::new();
    for (p, input) in ProductType::ALL.iter().zip(&q.inputs) {
        let text = input.value().trim();
        let value = if text.is_empty() {
            serde_json::Value::from(0)
        } else {
            text.parse::<i64>()
                .map_or_else(|_| serde_json::Value::from(text), serde_json::Value::from)
        };
        items.push(
            serde_json::json!({"product_type": p.key(), "quantity": value, "interval": "month"}),
        );
    }
    let body = serde_json::json!({ "items": items });
    let req = rules_billing::preview(&body).map_err(|p| {
        // "items.1.quantity" reads better as the product's name.
        p.iter()
            .map(|p| {
                let i: usize = p
                    .key
                    .split('.')
                    .nth(1)
                    .and_then(|i| i.parse().ok())
                    .unwrap_or(0);
                let name = ProductType::ALL.get(i).map_or("quantity", |p| p.label());
                format!(
                    "{name}: {}",
                    p.message
                        .replace(&format!("The {} field ", p.key.replace('_', " ")), "")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let quantities: BTreeMap<ProductType, u32> = req
        .items
        .iter()
        .filter(|i| i.quantity > 0)
        .map(|i| (i.product_type, i.quantity))
        .collect();
    if quantities.is_empty() {
        return Err("Keep at least one product: to end the subscription, cancel it (c)".into());
    }
    let s = &q.subscription;
    if ProductType::ALL
        .iter()
        .all(|p| s.quantity(*p) == quantities.get(p).map_or(0, |n| u64::from(*n)))
    {
        return Err("Nothing changed: type the new quantities".into());
    }
    Ok(quantities)
}

fn preview(app: &mut App) -> Vec<Cmd> {
    let quantities = match typed(app) {
        Ok(q) => q,
        Err(why) => {
            if let Some(q) = app.boxes.quantities_mut() {
                q.problem = Some(why);
            }
            return Vec::new();
        }
    };
    let Some(at) = at(app) else {
        return Vec::new();
    };
    let req = app.req();
    let idempotency_key = app.ctx.idempotency_key(req);
    let Some(q) = app.boxes.quantities_mut() else {
        return Vec::new();
    };
    // Every product, 0 for those that go: the preview is of the whole set,
    // each product at the interval the change will keep.
    let items = ProductType::ALL
        .iter()
        .map(|p| crate::api::model::PreviewItem {
            product_type: *p,
            quantity: quantities.get(p).copied().unwrap_or(0),
            interval: q.subscription.interval_of(*p),
        })
        .collect();
    let body = crate::api::model::PreviewRequest {
        subscription_id: Some(q.subscription.id.clone()),
        items,
        cancel_subscription: false,
    };
    q.stage = QuantityStage::Previewing(req);
    q.problem = None;
    vec![Cmd::Billing(BillingCmd::Preview {
        req,
        at,
        body,
        idempotency_key,
    })]
}

pub(super) fn previewed(app: &mut App, req: ReqId, result: Result<Invoice, ApiError>) -> Vec<Cmd> {
    let Some(q) = app
        .boxes
        .quantities_mut()
        .filter(|q| matches!(q.stage, QuantityStage::Previewing(r) if r == req))
    else {
        return Vec::new();
    };
    match result {
        Ok(invoice) => q.stage = QuantityStage::Previewed(Box::new(invoice)),
        Err(e) => {
            q.stage = QuantityStage::Typing;
            let mut why = format!("No preview: {e}");
            if let Some(body) = e.body() {
                for line in body.details() {
                    why.push_str(&format!(" · {line}"));
                }
            }
            q.problem = Some(why);
        }
    }
    Vec::new()
}

/// Enter on the preview: the change, sent once (a profile that confirms
/// writes asks for the workspace's name first).
fn apply(app: &mut App) -> Vec<Cmd> {
    let Ok(quantities) = typed(app) else {
        return Vec::new();
    };
    let (Some(q), Some(at)) = (app.boxes.take_quantities(), at(app)) else {
        return Vec::new();
    };
    let op = WriteOp::Quantities {
        subscription_id: q.subscription.id.clone(),
        quantities,
    };
    let label = format!("{} quantities", q.subscription.id);
    // A profile that confirms writes asks for the workspace's name; a
    // write still in flight or unsettled is waited for or looked up first.
    if app.ctx.confirm_writes || app.pending_write.is_some() {
        return super::pending_writes::ask(app, op, label);
    }
    let req = app.req();
    let key = app.ctx.idempotency_key(req);
    let before = serde_json::to_value(&q.subscription).ok();
    send(
        app,
        PendingWrite {
            at,
            op,
            label,
            phase: Phase::Idle,
            key,
            before,
        },
    )
}

/// Esc in the box: from the preview back to the numbers, else closed.
pub(super) fn back(app: &mut App) {
    let Some(q) = app.boxes.quantities_mut() else {
        return;
    };
    match q.stage {
        QuantityStage::Typing => app.boxes.set_quantities(None),
        _ => q.stage = QuantityStage::Typing,
    }
}
