//! Every write: each sent once by a task, through the client's journal
//! (which looks a lost answer up), with the key and the "before" made in
//! `update`; the answer comes back as `Msg::Written`, marked when the
//! client had to look a lost answer up.

use super::Effects;
use super::billing::at_ref;
use crate::tui::msg::{At, Msg, Written};
use crate::tui::ops::WriteOp;

impl Effects {
    pub(super) fn send_write(
        &mut self,
        (req, at, mut op): (crate::tui::msg::ReqId, At, WriteOp),
        key: String,
        before: Option<serde_json::Value>,
        despite_pause: bool,
    ) {
        let sent_at = jiff::Timestamp::now();
        // An account's draft, with its key and "sent" mark, is on disk
        // before the request leaves: after a crash the next run knows to
        // look for the account before sending again. A resend keeps the
        // first send's time, so that lookup covers the first request too.
        let draft_written = match &mut op {
            WriteOp::CreateAccount { draft, .. } => {
                draft.sent_at.get_or_insert_with(|| sent_at.to_string());
                Some(self.write_draft(draft.as_ref().clone()))
            }
            _ => None,
        };
        self.spawn(move |c| async move {
            if let Some(written) = draft_written {
                let _ = written.await;
            }
            let c = if despite_pause { c.despite_pause() } else { c };
            let sent = crate::api::write::with_before(before, write(&c, &at, op, &key));
            let (result, lost) = crate::api::write::noting_lookups(sent).await;
            let result = result.map(|w| match lost {
                true => Written::LookedUp(Box::new(w)),
                false => w,
            });
            Msg::Written {
                req,
                sent_at,
                result,
            }
        });
    }
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
        WriteOp::CreateAccount { body, .. } => Written::Account(Box::new(
            c.create_account(at.workspace_id, &body, key).await?,
        )),
        WriteOp::UpdateAccount { id, patch } => Written::Account(Box::new(
            c.update_account(at.workspace_id, &id, &patch).await?,
        )),
        WriteOp::DeleteAccount(id) => {
            c.delete_account(at.workspace_id, &id).await?;
            Written::AccountDeleted(crate::tui::msg::At {
                workspace_id: at.workspace_id.to_string(),
                account_id: id,
            })
        }
    })
}
