//! The billing operations of the contract (subscriptions, payment methods,
//! invoices), one method each, on the same client and with the same rules
//! as the rest: GETs may be retried, writes never are (a POST only after a
//! failure proven to happen before anything left), and every POST carries
//! the caller's `Idempotency-Key`.

use super::client::{ApiClient, decode};
use super::error::ApiError;
use super::model::{
    Invoice, InvoicePage, InvoiceQuery, Message, NewSubscription, PaymentMethodList,
    PreviewRequest, SetupIntent, Subscription, SubscriptionChange, SubscriptionList,
    TrialEligibility,
};
use super::writes::Write;
use reqwest::Method;

/// Which billing account: its workspace and its id.
#[derive(Clone, Copy, Debug)]
pub struct AccountRef<'a> {
    pub workspace_id: &'a str,
    pub account_id: &'a str,
}

impl<'a> AccountRef<'a> {
    pub fn new(workspace_id: &'a str, account_id: &'a str) -> AccountRef<'a> {
        AccountRef {
            workspace_id,
            account_id,
        }
    }

    /// The path of the account, then `rest`.
    fn path(&self, rest: &[&'a str]) -> Vec<&'a str> {
        let mut p = vec![
            "workspaces",
            self.workspace_id,
            "billing-accounts",
            self.account_id,
        ];
        p.extend_from_slice(rest);
        p
    }
}

impl ApiClient {
    pub async fn list_subscriptions(
        &self,
        at: AccountRef<'_>,
    ) -> Result<SubscriptionList, ApiError> {
        self.get(&at.path(&["subscriptions"])).await
    }

    /// One subscription. Only the legacy reference has this operation: when
    /// the server answers 404 or 405 for it, the list is asked instead (a
    /// subscription missing there is a 404 of its own).
    pub async fn get_subscription(
        &self,
        at: AccountRef<'_>,
        subscription_id: &str,
    ) -> Result<Subscription, ApiError> {
        match self
            .get(&at.path(&["subscriptions", subscription_id]))
            .await
        {
            Err(e) if matches!(e.status(), Some(404 | 405)) => {
                let list = self.list_subscriptions(at).await?;
                list.data
                    .into_iter()
                    .find(|s| s.id == subscription_id)
                    .ok_or(e)
            }
            other => other,
        }
    }

    pub async fn create_subscription(
        &self,
        at: AccountRef<'_>,
        body: &NewSubscription,
        idempotency_key: &str,
    ) -> Result<Subscription, ApiError> {
        let path = at.path(&["subscriptions"]);
        let send = self.post_once(&path, body, idempotency_key);
        let write = Write::CreateSubscription {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
        };
        self.journaled(write, body, Some(idempotency_key), send)
            .await
    }

    pub async fn update_subscription(
        &self,
        at: AccountRef<'_>,
        subscription_id: &str,
        change: &SubscriptionChange,
    ) -> Result<Subscription, ApiError> {
        let path = at.path(&["subscriptions", subscription_id]);
        let send = async {
            let (status, bytes) = self.send(Method::PATCH, &path, Some(change), None).await?;
            decode(status, &bytes)
        };
        let write = Write::UpdateSubscription {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
            subscription: subscription_id.into(),
        };
        self.journaled(write, change, None, send).await
    }

    /// Cancels at the end of the current period.
    pub async fn cancel_subscription(
        &self,
        at: AccountRef<'_>,
        subscription_id: &str,
    ) -> Result<Message, ApiError> {
        let path = at.path(&["subscriptions", subscription_id]);
        let send = async {
            let (status, bytes) = self.send::<()>(Method::DELETE, &path, None, None).await?;
            // The current reference shows no body; the legacy one a message.
            Ok(decode(status, &bytes).unwrap_or(Message {
                message: String::new(),
            }))
        };
        let write = Write::CancelSubscription {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
            subscription: subscription_id.into(),
        };
        self.journaled(write, &(), None, send).await
    }

    pub async fn trial_eligibility(
        &self,
        at: AccountRef<'_>,
    ) -> Result<TrialEligibility, ApiError> {
        self.get(&at.path(&["trial-eligibility"])).await
    }

    pub async fn list_payment_methods(
        &self,
        at: AccountRef<'_>,
    ) -> Result<PaymentMethodList, ApiError> {
        self.get(&at.path(&["payment-methods"])).await
    }

    /// A Stripe Setup Intent (no body); its client secret is for Stripe.js.
    pub async fn create_setup_intent(
        &self,
        at: AccountRef<'_>,
        idempotency_key: &str,
    ) -> Result<SetupIntent, ApiError> {
        let path = at.path(&["payment-methods"]);
        // No body at all: the operation takes none.
        let send = async {
            let (status, bytes) = self
                .send::<()>(Method::POST, &path, None, Some(idempotency_key))
                .await?;
            decode(status, &bytes)
        };
        let write = Write::CreateSetupIntent {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
        };
        self.journaled(write, &(), Some(idempotency_key), send)
            .await
    }

    pub async fn set_default_payment_method(
        &self,
        at: AccountRef<'_>,
        payment_method_id: &str,
    ) -> Result<Message, ApiError> {
        let path = at.path(&["payment-methods", payment_method_id]);
        let send = async {
            let (status, bytes) = self.send::<()>(Method::PUT, &path, None, None).await?;
            Ok(decode(status, &bytes).unwrap_or(Message {
                message: String::new(),
            }))
        };
        let write = Write::SetDefaultPaymentMethod {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
            payment_method: payment_method_id.into(),
        };
        self.journaled(write, &(), None, send).await
    }

    pub async fn detach_payment_method(
        &self,
        at: AccountRef<'_>,
        payment_method_id: &str,
    ) -> Result<(), ApiError> {
        let path = at.path(&["payment-methods", payment_method_id]);
        let send = async {
            self.send::<()>(Method::DELETE, &path, None, None)
                .await
                .map(drop)
        };
        let write = Write::DetachPaymentMethod {
            workspace: at.workspace_id.into(),
            account: at.account_id.into(),
            payment_method: payment_method_id.into(),
        };
        self.journaled(write, &(), None, send).await
    }

    /// One page of invoices, newest first.
    pub async fn list_invoices(
        &self,
        at: AccountRef<'_>,
        query: &InvoiceQuery,
    ) -> Result<InvoicePage, ApiError> {
        let mut url = self.url(&at.path(&["invoices"]))?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(limit) = query.limit {
                q.append_pair("limit", &limit.to_string());
            }
            if let Some(after) = &query.after {
                q.append_pair("after", after);
            }
            if let Some(before) = &query.before {
                q.append_pair("before", before);
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        self.get_url(url).await
    }

    /// What the next invoice would be after a change; changes nothing.
    pub async fn preview_invoice(
        &self,
        at: AccountRef<'_>,
        body: &PreviewRequest,
        idempotency_key: &str,
    ) -> Result<Invoice, ApiError> {
        self.post_once(&at.path(&["invoices", "preview"]), body, idempotency_key)
            .await
    }
}
