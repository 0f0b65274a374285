//! `alto members list|add|role|remove`. User ids (Auth0 `sub`s such as
//! `auth0|64f5…`) go into paths percent-encoded by the client.

use super::*;
use crate::api::model::Member;
use crate::rules::workspace::{self as ws_rules, MemberChange};
use serde_json::json;

pub(super) async fn members(c: &ApiClient, command: MembersCommand) -> Result<(), Failure> {
    match command {
        MembersCommand::List { workspace, out } => {
            let list = c.list_members(&workspace).await?;
            let columns = [
                id_col("USER", "user_id"),
                col("ROLE", "role"),
                col("SINCE", "created_at"),
            ];
            print_list(&list, out, &columns, |m| {
                vec![
                    m.user_id.as_str().into(),
                    m.role.as_str().into(),
                    Cell::shown(m.created_at.as_str(), date(&m.created_at)),
                ]
            });
        }
        MembersCommand::Add {
            workspace,
            user,
            role,
            json,
        } => {
            let body = json!({ "user_id": user, "role": role });
            let new = ws_rules::new_member(&body).map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            let change = MemberChange::Add(new.role);
            let added = c.add_member(&workspace, &new, &key).await;
            show(&added.map_err(|e| refused(e, change))?, json);
        }
        MembersCommand::Role {
            workspace,
            user,
            role,
            json,
        } => {
            let body = ws_rules::member_role(&json!({ "role": role }))
                .map_err(|p| problems_failure(&p))?;
            let change = MemberChange::SetRole {
                from: None,
                to: body.role,
            };
            let set = c.set_member_role(&workspace, &user, &body).await;
            show(&set.map_err(|e| refused(e, change))?, json);
        }
        MembersCommand::Remove {
            workspace,
            user,
            yes,
        } => {
            if !yes {
                confirm(&format!(
                    "Remove {} from workspace {}?",
                    inert(&user),
                    inert(&workspace)
                ))?;
            }
            let change = MemberChange::Remove {
                role: None,
                own: false,
            };
            c.remove_member(&workspace, &user)
                .await
                .map_err(|e| refused(e, change))?;
            eprintln!("removed {}", inert(&user));
        }
    }
    Ok(())
}

/// The API's refusal; a 403 also says which rule of the role hierarchy
/// applies (the API's own message says only "This action is unauthorized.").
fn refused(e: ApiError, change: MemberChange) -> Failure {
    let forbidden = e.status() == Some(403);
    let mut f = Failure::from(e);
    if forbidden {
        f.message
            .push_str(&format!("\n  the rule: {}", ws_rules::member_rule(change)));
    }
    f
}

fn show(m: &Member, json: bool) {
    if json {
        return print_json(m);
    }
    print_pairs(&[
        ("user", m.user_id.clone()),
        ("workspace", m.workspace_id.clone()),
        ("role", m.role.clone()),
        ("since", m.created_at.clone()),
        ("updated", m.updated_at.clone()),
    ]);
}
