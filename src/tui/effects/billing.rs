//! The billing requests: each a task whose answer comes back as a
//! `BillingMsg`; writes sent once (the client never resends them).

use super::Effects;
use crate::api::AccountRef;
use crate::tui::msg::{BillingCmd, BillingMsg, Msg, Written};
use crate::tui::ops::WriteOp;

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
            BillingCmd::Write {
                req,
                at,
                op,
                key,
                before,
            } => self.spawn(move |c| async move {
                let sent = crate::api::write::with_before(before, write(&c, &at, op, &key));
                let (result, lost) = crate::api::write::noting_lookups(sent).await;
                let result = result.map(|w| match lost {
                    true => Written::LookedUp(Box::new(w)),
                    false => w,
                });
                Msg::Billing(BillingMsg::Written { req, result })
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

fn at_ref(at: &crate::tui::msg::At) -> AccountRef<'_> {
    AccountRef::new(&at.workspace_id, &at.account_id)
}

/// Sends one write and says what it answered.
async fn write(
    c: &crate::api::ApiClient,
    at: &crate::tui::msg::At,
    op: WriteOp,
    key: &str,
) -> Result<Written, crate::api::ApiError> {
    use crate::api::model::{SubscriptionAction, SubscriptionChange};
    let at = at_ref(at);
    let change = |action| SubscriptionChange::Action { action };
    Ok(match op {
        WriteOp::Pause(id) => Written::Subscription(Box::new(
            c.update_subscription(at, &id, &change(SubscriptionAction::Pause))
                .await?,
        )),
        WriteOp::Resume(id) => Written::Subscription(Box::new(
            c.update_subscription(at, &id, &change(SubscriptionAction::Resume))
                .await?,
        )),
        WriteOp::Quantities {
            subscription_id,
            quantities,
        } => {
            let body = SubscriptionChange::Quantities {
                product_quantities: quantities,
                metadata: None,
            };
            let s = c.update_subscription(at, &subscription_id, &body).await?;
            Written::Subscription(Box::new(s))
        }
        WriteOp::Cancel(id) => {
            c.cancel_subscription(at, &id).await?;
            Written::Cancelled
        }
        WriteOp::MakeDefault(id) => {
            c.set_default_payment_method(at, &id).await?;
            Written::DefaultSet
        }
        WriteOp::Detach(id) => {
            c.detach_payment_method(at, &id).await?;
            Written::Detached
        }
        WriteOp::AddMember(m) => {
            Written::Member(Box::new(c.add_member(at.workspace_id, &m, key).await?))
        }
        WriteOp::SetRole { user_id, role } => {
            let body = crate::api::model::MemberRole { role };
            let m = c.set_member_role(at.workspace_id, &user_id, &body).await?;
            Written::Member(Box::new(m))
        }
        WriteOp::RemoveMember(user_id) => {
            c.remove_member(at.workspace_id, &user_id).await?;
            Written::Removed
        }
        WriteOp::CreateWorkspace(new) => {
            Written::Workspace(Box::new(c.create_workspace(&new, key).await?))
        }
        WriteOp::UpdateWorkspace { id, patch } => {
            Written::Workspace(Box::new(c.update_workspace(&id, &patch).await?))
        }
        WriteOp::ArchiveWorkspace(id) => {
            c.archive_workspace(&id).await?;
            Written::Archived
        }
        WriteOp::CreateOrg { parent, body } => {
            let ws = at.workspace_id;
            let o = match parent {
                None => c.create_organization(ws, &body, key).await?,
                Some(p) => c.create_child_organization(ws, &p, &body, key).await?,
            };
            Written::Org(Box::new(o))
        }
        WriteOp::UpdateOrg { id, patch } => Written::Org(Box::new(
            c.update_organization(at.workspace_id, &id, &patch).await?,
        )),
        WriteOp::DeleteOrg(id) => {
            c.delete_organization(at.workspace_id, &id).await?;
            Written::OrgDeleted
        }
    })
}
