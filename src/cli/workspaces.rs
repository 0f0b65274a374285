//! `alto workspaces list|get`.

use super::*;

pub(super) async fn workspaces(c: &ApiClient, command: WorkspacesCommand) -> Result<(), Failure> {
    match command {
        WorkspacesCommand::List { json } => {
            let list = c.list_workspaces().await?;
            print_list(&list, json, &["ID", "NAME", "MODE", ""], |w| {
                vec![
                    w.id.clone(),
                    w.name.clone(),
                    w.billing_mode
                        .as_ref()
                        .map(|m| m.as_str().to_string())
                        .unwrap_or_default(),
                    if w.archived {
                        "archived".into()
                    } else {
                        String::new()
                    },
                ]
            });
        }
        WorkspacesCommand::Get { id, json } => {
            let w = c.get_workspace(&id).await?;
            if json {
                print_json(&w);
            } else {
                print_pairs(&workspace_pairs(&w));
            }
        }
    }
    Ok(())
}

fn workspace_pairs(w: &Workspace) -> Vec<(&'static str, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("id", w.id.clone()),
        ("name", w.name.clone()),
        ("description", opt(&w.description)),
        (
            "billing mode",
            w.billing_mode
                .as_ref()
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        ),
        (
            "seat limit",
            w.pooled_seat_limit
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        ("archived", w.archived.to_string()),
        ("created", opt(&w.created_at)),
        ("updated", opt(&w.updated_at)),
    ]
}
