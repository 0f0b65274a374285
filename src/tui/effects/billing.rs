//! The billing requests: each a task whose answer comes back as a
//! `BillingMsg` (the writes are in `writes.rs`).

use super::Effects;
use crate::api::AccountRef;
use crate::tui::msg::{BillingCmd, BillingMsg, Msg};

impl Effects {
    pub(super) fn billing(&mut self, cmd: BillingCmd) {
        match cmd {
            BillingCmd::LoadSubscriptions { req, at } => self.spawn(move |c| async move {
                let result = c.list_subscriptions(at_ref(&at)).await;
                Msg::Billing(BillingMsg::SubscriptionsLoaded {
                    req,
                    account_id: at.account_id,
                    result,
                })
            }),
            BillingCmd::LoadPaymentMethods { req, at } => self.spawn(move |c| async move {
                let result = c.list_payment_methods(at_ref(&at)).await;
                Msg::Billing(BillingMsg::PaymentMethodsLoaded {
                    req,
                    account_id: at.account_id,
                    result,
                })
            }),
            BillingCmd::LoadInvoices { req, at, after } => self.spawn(move |c| async move {
                let query = crate::api::model::InvoiceQuery {
                    limit: Some(crate::tui::billing::PAGE_SIZE),
                    after,
                    before: None,
                };
                let result = c.list_invoices(at_ref(&at), &query).await;
                Msg::Billing(BillingMsg::InvoicesLoaded {
                    req,
                    account_id: at.account_id,
                    result,
                })
            }),
            BillingCmd::Preview {
                req,
                at,
                body,
                idempotency_key,
            } => self.spawn(move |c| async move {
                let result = c
                    .preview_invoice(at_ref(&at), &body, &idempotency_key)
                    .await;
                Msg::Billing(BillingMsg::Previewed { req, result })
            }),
            BillingCmd::SetupIntent {
                req,
                at,
                idempotency_key,
            } => self.spawn(move |c| async move {
                let result = c.create_setup_intent(at_ref(&at), &idempotency_key).await;
                Msg::Billing(BillingMsg::SetupIntent { req, result })
            }),
            BillingCmd::OpenUrl(url) => {
                // The browser may take a moment to start: off the UI thread.
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let result = open::that_detached(&url)
                        .map(|()| url.clone())
                        .map_err(|e| {
                            tracing::info!("no browser: {e}");
                            "No browser could be opened here: y copies the page's URL instead"
                                .to_string()
                        });
                    let _ = tx.send(Msg::Billing(BillingMsg::Opened(result)));
                });
            }
        }
    }
}

pub(super) fn at_ref(at: &crate::tui::msg::At) -> AccountRef<'_> {
    AccountRef::new(&at.workspace_id, &at.account_id)
}
