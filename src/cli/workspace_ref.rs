//! `--workspace` takes a name as well as an id, as gh takes a repository by
//! name. An id (`ws_…`) is used as given with no request; a name costs one
//! GET of the workspace list, and only an exact one (any case) is used: a
//! name shared by several workspaces lists them and nothing is sent.

use super::*;
use crate::rules::workspace::{is_id, named, near};

/// The command's workspace argument, if it has one, to resolve in place.
fn workspace_arg(command: &mut Command) -> Option<&mut String> {
    use AccountsCommand as A;
    use MembersCommand as M;
    use OrgsCommand as O;
    use WorkspacesCommand as W;
    match command {
        Command::Workspaces { command } => match command {
            W::Get { id, .. } | W::Update { id, .. } | W::Archive { id, .. } => Some(id),
            W::List { .. } | W::Create { .. } => None,
        },
        Command::Members { command } => match command {
            M::List { workspace, .. }
            | M::Add { workspace, .. }
            | M::Role { workspace, .. }
            | M::Remove { workspace, .. } => Some(workspace),
        },
        Command::Accounts { command } => match command {
            A::List { workspace, .. }
            | A::Get { workspace, .. }
            | A::Create { workspace, .. }
            | A::Update { workspace, .. }
            | A::Delete { workspace, .. } => Some(workspace),
            A::Import(args) => Some(&mut args.workspace),
        },
        Command::Orgs { command } => match command {
            O::List { workspace, .. }
            | O::Get { workspace, .. }
            | O::Limits { workspace, .. }
            | O::Parent { workspace, .. }
            | O::Create { workspace, .. }
            | O::Child { workspace, .. }
            | O::Update { workspace, .. }
            | O::Delete { workspace, .. }
            | O::UsagePdf { workspace, .. } => Some(workspace),
        },
        Command::Subscriptions { command } => Some(&mut subscription_target(command).workspace),
        Command::PaymentMethods { command } => Some(&mut payment_target(command).workspace),
        Command::Invoices { command } => Some(&mut invoice_target(command).workspace),
        _ => None,
    }
}

fn subscription_target(command: &mut SubscriptionsCommand) -> &mut AccountTarget {
    use SubscriptionsCommand as S;
    match command {
        S::List { at, .. }
        | S::Get { at, .. }
        | S::Create { at, .. }
        | S::Update { at, .. }
        | S::Cancel { at, .. }
        | S::Trial { at, .. } => at,
    }
}

fn payment_target(command: &mut PaymentMethodsCommand) -> &mut AccountTarget {
    use PaymentMethodsCommand as P;
    match command {
        P::List { at, .. } | P::Default { at, .. } | P::Detach { at, .. } | P::Add { at, .. } => at,
    }
}

fn invoice_target(command: &mut InvoicesCommand) -> &mut AccountTarget {
    match command {
        InvoicesCommand::List { at, .. } | InvoicesCommand::Preview { at, .. } => at,
    }
}

/// Replaces a workspace name in `command` by its id: unchanged when it is
/// an id; exit 2 with nothing sent when no workspace or several have it.
pub(super) async fn resolve(c: &ApiClient, command: &mut Command) -> Result<(), Failure> {
    let Some(value) = workspace_arg(command) else {
        return Ok(());
    };
    if value.trim().is_empty() {
        return Err(usage(
            "the workspace is empty: give its id (ws_…) or its name; nothing was sent",
        ));
    }
    if is_id(value) {
        *value = value.trim().to_string();
        return Ok(());
    }
    let list = c.list_workspaces().await?;
    *value = pick(&list.data, value)?;
    Ok(())
}

/// The id of the one workspace named `name`, or why not.
fn pick(list: &[Workspace], name: &str) -> Result<String, Failure> {
    let exact = named(list, name);
    let lines = |ws: &[&Workspace]| {
        ws.iter()
            .map(|w| format!("\n  {}  {}", inert(&w.id), inert(&w.name)))
            .collect::<String>()
    };
    match exact.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => {
            let near = near(list, name);
            let mut message = format!(
                "no workspace is named \"{}\"; nothing was sent",
                inert(name)
            );
            if !near.is_empty() {
                message.push_str(&format!(
                    "\nworkspaces whose name contains it:{}",
                    lines(&near)
                ));
            }
            Err(usage(message))
        }
        several => Err(usage(format!(
            "{} workspaces are named \"{}\"; nothing was sent. Give one by its id:{}",
            several.len(),
            inert(name),
            lines(several)
        ))),
    }
}
