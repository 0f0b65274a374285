//! `alto payment-methods list|default|detach|add`. Cards are never typed
//! here: `add` asks the API for a setup intent only to check that one may
//! be added, and sends the user to the dashboard; its client secret is
//! never printed.

use super::subscriptions::account;
use super::*;
use crate::api::model::payment_method_label;

use crate::config::DASHBOARD_URL;

pub(super) async fn payment_methods(
    c: &ApiClient,
    command: PaymentMethodsCommand,
) -> Result<(), Failure> {
    match command {
        PaymentMethodsCommand::List { at, out } => {
            let list = c.list_payment_methods(account(&at)).await?;
            let (year, month) = crate::api::model::this_month();
            let headers = ["ID", "METHOD", "EXPIRES", "DEFAULT", "NAME"];
            print_list(&list, out, &headers, |m| {
                let expires = match (m.exp_month, m.exp_year) {
                    (Some(mo), Some(y)) if m.expired_at(year, month) => {
                        format!("{mo:02}/{y} expired")
                    }
                    (Some(mo), Some(y)) => format!("{mo:02}/{y}"),
                    _ => String::new(),
                };
                vec![
                    m.id.clone(),
                    payment_method_label(m),
                    expires,
                    if m.is_default { "★ default" } else { "" }.into(),
                    m.name.clone().unwrap_or_default(),
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
