//! Every write the console makes, as one `WriteOp` sent by `Cmd::SendWrite`
//! and answered by `Msg::Written`. An account's own (create, save, delete)
//! is held by its form or by `App::delete`; the others by a `PendingWrite`
//! on the shared state machine (`write::Phase`): asked, sent once, and an
//! unclear answer looked up (the list it changes, again) before anything
//! else is sent.

use crate::api::model::{
    BillingAccount, Member, NewBillingAccount, NewOrganization, NewWorkspace, Organization,
    PaymentMethod, ProductType, Role, Subscription, UpdateBillingAccount, UpdateOrganization,
    UpdateWorkspace, Workspace,
};

/// A write: what it does and to what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOp {
    Pause(String),
    Resume(String),
    Cancel(String),
    Quantities {
        subscription_id: String,
        quantities: std::collections::BTreeMap<ProductType, u32>,
    },
    MakeDefault(String),
    Detach(String),
    AddMember(crate::api::model::NewMember),
    SetRole {
        user_id: String,
        role: Role,
    },
    RemoveMember(String),
    CreateWorkspace(NewWorkspace),
    UpdateWorkspace {
        id: String,
        patch: UpdateWorkspace,
    },
    ArchiveWorkspace(String),
    /// A top-level organization (`parent` none) or a child.
    CreateOrg {
        parent: Option<String>,
        body: NewOrganization,
    },
    UpdateOrg {
        id: String,
        patch: UpdateOrganization,
    },
    /// An organization and everything below it.
    DeleteOrg(String),
    /// A billing account in the write's workspace. Its form's draft,
    /// marked sent, is on disk before the request leaves (a crash
    /// mid-send is looked up at the next start).
    CreateAccount {
        body: Box<NewBillingAccount>,
        draft: Box<crate::tui::drafts::Draft>,
    },
    /// An account's changed fields only.
    UpdateAccount {
        id: String,
        patch: Box<UpdateBillingAccount>,
    },
    DeleteAccount(String),
}

/// The list a write changes, asked again when its answer is lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lists {
    Subscriptions,
    PaymentMethods,
    Members,
    Workspaces,
    Orgs,
    Accounts,
}

/// The lists as the server holds them now, as far as they were asked
/// for: what a lookup reads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Seen<'a> {
    pub subscriptions: &'a [Subscription],
    pub methods: &'a [PaymentMethod],
    pub members: &'a [Member],
    pub workspaces: &'a [Workspace],
    pub orgs: &'a [Organization],
    pub accounts: &'a [BillingAccount],
}

impl WriteOp {
    /// The confirm box's title and button.
    pub fn words(&self) -> (&'static str, &'static str) {
        match self {
            WriteOp::Pause(_) => ("Pause subscription?", "Pause"),
            WriteOp::Resume(_) => ("Resume subscription?", "Resume"),
            WriteOp::Cancel(_) => ("Cancel subscription?", "Cancel subscription"),
            WriteOp::Quantities { .. } => ("Change quantities?", "Apply"),
            WriteOp::MakeDefault(_) => ("Make default?", "Make default"),
            WriteOp::Detach(_) => ("Detach payment method?", "Detach"),
            WriteOp::AddMember(_) => ("Add member?", "Add"),
            WriteOp::SetRole { .. } => ("Change role?", "Change"),
            WriteOp::RemoveMember(_) => ("Remove member?", "Remove"),
            WriteOp::CreateWorkspace(_) => ("Create workspace?", "Create"),
            WriteOp::UpdateWorkspace { .. } => ("Save workspace?", "Save"),
            WriteOp::ArchiveWorkspace(_) => ("Archive workspace?", "Archive"),
            WriteOp::CreateOrg { parent: None, .. } => ("Create organization?", "Create"),
            WriteOp::CreateOrg { .. } => ("Create child organization?", "Create"),
            WriteOp::UpdateOrg { .. } => ("Save organization?", "Save"),
            WriteOp::DeleteOrg(_) => ("Delete organization?", "Delete"),
            WriteOp::CreateAccount { .. } => ("Create billing account?", "Create"),
            WriteOp::UpdateAccount { .. } => ("Save the changes?", "Save"),
            WriteOp::DeleteAccount(_) => ("Delete billing account?", "Delete"),
        }
    }

    /// The button that does nothing, named by its effect where "Cancel"
    /// would be read as the write itself.
    pub fn keep(&self) -> &'static str {
        match self {
            WriteOp::Cancel(_) => "Keep it",
            _ => "Cancel",
        }
    }

    /// The box starts on Cancel: Enter alone never does it.
    pub fn destructive(&self) -> bool {
        matches!(
            self,
            WriteOp::Cancel(_)
                | WriteOp::Detach(_)
                | WriteOp::RemoveMember(_)
                | WriteOp::ArchiveWorkspace(_)
                | WriteOp::DeleteOrg(_)
                | WriteOp::DeleteAccount(_)
        )
    }

    /// The workspace's name must be typed to go on, whatever the profile
    /// (archiving cannot be undone).
    pub fn typed(&self) -> bool {
        matches!(self, WriteOp::ArchiveWorkspace(_))
    }

    /// The thing it acts on (a subscription or payment method id).
    pub fn target(&self) -> &str {
        match self {
            WriteOp::Pause(id)
            | WriteOp::Resume(id)
            | WriteOp::Cancel(id)
            | WriteOp::MakeDefault(id)
            | WriteOp::Detach(id)
            | WriteOp::RemoveMember(id)
            | WriteOp::SetRole { user_id: id, .. } => id,
            WriteOp::AddMember(m) => &m.user_id,
            WriteOp::CreateWorkspace(w) => &w.name,
            WriteOp::UpdateWorkspace { id, .. } | WriteOp::ArchiveWorkspace(id) => id,
            WriteOp::CreateOrg { body, .. } => &body.name,
            WriteOp::UpdateOrg { id, .. } | WriteOp::DeleteOrg(id) => id,
            WriteOp::CreateAccount { body, .. } => &body.name,
            WriteOp::UpdateAccount { id, .. } | WriteOp::DeleteAccount(id) => id,
            WriteOp::Quantities {
                subscription_id, ..
            } => subscription_id,
        }
    }

    /// The list it changes.
    pub fn list(&self) -> Lists {
        match self {
            WriteOp::MakeDefault(_) | WriteOp::Detach(_) => Lists::PaymentMethods,
            WriteOp::AddMember(_) | WriteOp::SetRole { .. } | WriteOp::RemoveMember(_) => {
                Lists::Members
            }
            WriteOp::CreateWorkspace(_)
            | WriteOp::UpdateWorkspace { .. }
            | WriteOp::ArchiveWorkspace(_) => Lists::Workspaces,
            WriteOp::CreateOrg { .. } | WriteOp::UpdateOrg { .. } | WriteOp::DeleteOrg(_) => {
                Lists::Orgs
            }
            WriteOp::CreateAccount { .. }
            | WriteOp::UpdateAccount { .. }
            | WriteOp::DeleteAccount(_) => Lists::Accounts,
            WriteOp::Pause(_)
            | WriteOp::Resume(_)
            | WriteOp::Cancel(_)
            | WriteOp::Quantities { .. } => Lists::Subscriptions,
        }
    }

    /// What the write's target is before it is sent, as the lists on
    /// screen hold it (the journal keeps it beside the write): nothing for
    /// a create, whose target does not exist yet.
    pub fn before(&self, seen: &Seen) -> Option<serde_json::Value> {
        fn find<T: serde::Serialize>(
            items: &[T],
            id: impl Fn(&T) -> &str,
            target: &str,
        ) -> Option<serde_json::Value> {
            items
                .iter()
                .find(|x| id(x) == target)
                .and_then(|x| serde_json::to_value(x).ok())
        }
        let target = self.target();
        match self {
            WriteOp::AddMember(_)
            | WriteOp::CreateWorkspace(_)
            | WriteOp::CreateOrg { .. }
            | WriteOp::CreateAccount { .. } => None,
            _ => match self.list() {
                Lists::Subscriptions => find(seen.subscriptions, |s| &s.id, target),
                Lists::PaymentMethods => find(seen.methods, |m| &m.id, target),
                Lists::Members => find(seen.members, |m| &m.user_id, target),
                Lists::Workspaces => find(seen.workspaces, |w| &w.id, target),
                Lists::Orgs => find(seen.orgs, |o| &o.id, target),
                Lists::Accounts => find(seen.accounts, |a| &a.id, target),
            },
        }
    }

    /// Whether the lists as the server holds them now show this write
    /// done: the lookup after an answer that never came.
    pub fn done_in(&self, seen: &Seen) -> bool {
        let Seen {
            subscriptions: subs,
            methods,
            workspaces,
            ..
        } = *seen;
        let workspace = |id: &str| workspaces.iter().find(|w| w.id == id);
        let member = |id: &str| seen.members.iter().find(|m| m.user_id == id);
        let sub = |id: &str| subs.iter().find(|s| s.id == id);
        let org = |id: &str| seen.orgs.iter().find(|o| o.id == id);
        match self {
            WriteOp::Pause(id) => sub(id).is_some_and(|s| s.status == "paused"),
            WriteOp::Resume(id) => sub(id).is_some_and(|s| s.status != "paused"),
            WriteOp::Cancel(id) => sub(id).is_none_or(|s| s.cancel_at_period_end || !s.is_live()),
            WriteOp::Quantities {
                subscription_id,
                quantities,
            } => sub(subscription_id).is_some_and(|s| {
                ProductType::ALL
                    .iter()
                    .all(|p| s.quantity(*p) == quantities.get(p).map_or(0, |q| u64::from(*q)))
            }),
            WriteOp::MakeDefault(id) => methods.iter().any(|m| m.id == *id && m.is_default),
            WriteOp::Detach(id) => !methods.iter().any(|m| m.id == *id),
            WriteOp::AddMember(m) => member(&m.user_id).is_some(),
            WriteOp::SetRole { user_id, role } => {
                member(user_id).is_some_and(|m| m.role() == Some(*role))
            }
            WriteOp::RemoveMember(id) => member(id).is_none(),
            WriteOp::CreateWorkspace(new) => workspaces.iter().any(|w| w.name == new.name),
            WriteOp::UpdateWorkspace { id, patch } => workspace(id).is_some_and(|w| {
                patch.name.as_ref().is_none_or(|n| *n == w.name)
                    && patch
                        .description
                        .as_ref()
                        .is_none_or(|d| *d == w.description)
            }),
            WriteOp::ArchiveWorkspace(id) => workspace(id).is_none_or(|w| w.archived),
            WriteOp::CreateOrg { parent, body } => seen
                .orgs
                .iter()
                .any(|o| o.name == body.name && o.parent_org_id == *parent),
            WriteOp::UpdateOrg { id, patch } => org(id).is_some_and(|o| {
                patch.name.as_ref().is_none_or(|n| *n == o.name)
                    && patch.limits.as_ref().is_none_or(|l| {
                        l.iter()
                            .all(|(k, v)| o.limits.get(k).copied().flatten() == *v)
                    })
            }),
            WriteOp::DeleteOrg(id) => org(id).is_none(),
            WriteOp::CreateAccount { body, .. } => seen
                .accounts
                .iter()
                .any(|a| a.name == body.name && a.email == body.email),
            WriteOp::UpdateAccount { id, patch } => {
                let account = seen.accounts.iter().find(|a| a.id == *id);
                account.is_some_and(|a| {
                    let sent = serde_json::to_value(patch.as_ref()).unwrap_or_default();
                    let now = serde_json::to_value(a).unwrap_or_default();
                    crate::api::lookup::holds(&sent, &now)
                })
            }
            WriteOp::DeleteAccount(id) => !seen.accounts.iter().any(|a| a.id == *id),
        }
    }
}

/// A write (but an account's own) waiting for its answer (or its lookup).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingWrite {
    pub at: crate::tui::msg::At,
    pub op: WriteOp,
    /// What the user saw it as ("sub_… (locations 10, users 25)").
    pub label: String,
    pub phase: crate::tui::write::Phase,
    /// The write's idempotency key, made in `update` when it was asked
    /// for: a deliberate resend of the same write sends the same key.
    pub key: String,
    /// Its target as the screen held it before (for the journal).
    pub before: Option<serde_json::Value>,
}
