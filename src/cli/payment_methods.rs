//! `alto payment-methods list|default|detach|add`. Cards are never typed
//! here: `add` asks the API for a setup intent only to check that one may
//! be added, and sends the user to the dashboard; its client secret is
//! never printed.

use super::subscriptions::account;
use super::*;
use crate::api::model::payment_method_label;
use output::{csv_col, table_col};

use crate::config::DASHBOARD_URL;

pub(super) async fn payment_methods(
    c: &ApiClient,
    command: PaymentMethodsCommand,
) -> Result<(), Failure> {
    match command {
        PaymentMethodsCommand::List { at, out } => {
            let list = c.list_payment_methods(account(&at)).await?;
            let (year, month) = crate::api::model::this_month();
            // The table combines what CSV keeps apart, in the API's words.
            let columns = [
                id_col("ID", "id"),
                table_col("METHOD"),
                csv_col("type"),
                csv_col("brand"),
                csv_col("last4"),
                table_col("EXPIRES"),
                csv_col("exp_month"),
                csv_col("exp_year"),
                col("DEFAULT", "is_default"),
                col("NAME", "name"),
            ];
            print_list(&list, out, &columns, |m| {
                let expires = match (m.exp_month, m.exp_year) {
                    (Some(mo), Some(y)) if m.expired_at(year, month) => {
                        format!("{mo:02}/{y} expired")
                    }
                    (Some(mo), Some(y)) => format!("{mo:02}/{y}"),
                    _ => String::new(),
                };
                let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
                vec![
                    m.id.as_str().into(),
                    payment_method_label(m).into(),
                    m.kind.as_str().into(),
                    m.brand.clone().unwrap_or_default().into(),
                    m.last4.clone().unwrap_or_default().into(),
                    expires.into(),
                    number(m.exp_month.map(i64::from)).into(),
                    number(m.exp_year.map(i64::from)).into(),
                    Cell::shown(
                        m.is_default.to_string(),
                        if m.is_default { "★ default" } else { "" },
                    ),
                    m.name.clone().unwrap_or_default().into(),
                ]
            });
        }
        PaymentMethodsCommand::Default { at, id } => {
            let m = c.set_default_payment_method(account(&at), &id).await?;
            eprintln!("{}: {}", inert(&id), inert(&m.message));
        }
        PaymentMethodsCommand::Detach { at, id, yes } => {
            if !yes {
                confirm(&format!(
                    "Detach payment method {} from billing account {}?",
                    inert(&id),
                    inert(&at.account)
                ))?;
            }
            c.detach_payment_method(account(&at), &id).await?;
            eprintln!("detached {}", inert(&id));
        }
        PaymentMethodsCommand::Add { at } => {
            let key = uuid::Uuid::new_v4().to_string();
            let intent = c.create_setup_intent(account(&at), &key).await?;
            match intent.url {
                Some(url) => out(&format!(
                    "Finish adding the card in the browser: {}",
                    inert(&url)
                )),
                None => out(&format!(
                    "A card can be added (the account has room for one). Cards are entered in Stripe's form, not in a terminal: add it in the dashboard, {DASHBOARD_URL}"
                )),
            }
        }
    }
    Ok(())
}
