//! `alto workspaces list|get|create|update|archive`. Bodies go through
//! `rules::workspace`, as the sandbox's do, before anything is sent.

use super::*;
use crate::rules::workspace as ws_rules;
use serde_json::{Value, json};

pub(super) async fn workspaces(c: &ApiClient, command: WorkspacesCommand) -> Result<(), Failure> {
    match command {
        WorkspacesCommand::List { out } => {
            let list = c.list_workspaces().await?;
            let columns = [
                id_col("ID", "id"),
                col("NAME", "name"),
                col("MODE", "billing_mode"),
                col("ARCHIVED", "archived"),
            ];
            print_list(&list, out, &columns, |w| {
                vec![
                    w.id.as_str().into(),
                    w.name.as_str().into(),
                    w.billing_mode.as_ref().map_or("", |m| m.as_str()).into(),
                    Cell::shown(
                        w.archived.to_string(),
                        if w.archived { "archived" } else { "" },
                    ),
                ]
            });
        }
        WorkspacesCommand::Get { id, json } => show(&c.get_workspace(&id).await?, json),
        WorkspacesCommand::Create {
            name,
            billing_mode,
            description,
            json,
        } => {
            let mut body = json!({ "name": name, "billing_mode": billing_mode });
            if let Some(d) = description {
                body["description"] = Value::from(d);
            }
            let new = ws_rules::new_workspace(&body).map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            show(&c.create_workspace(&new, &key).await?, json);
        }
        WorkspacesCommand::Update {
            id,
            name,
            description,
            json,
        } => {
            let mut body = serde_json::Map::new();
            if let Some(n) = name {
                body.insert("name".into(), Value::from(n));
            }
            if let Some(d) = description {
                // "" clears it: sent as null.
                let d = Some(d).filter(|d| !d.trim().is_empty());
                body.insert("description".into(), d.map_or(Value::Null, Value::from));
            }
            if body.is_empty() {
                return Err(usage("nothing to change: give --name or --description"));
            }
            let patch = ws_rules::workspace_patch(&Value::Object(body))
                .map_err(|p| problems_failure(&p))?;
            show(&c.update_workspace(&id, &patch).await?, json);
        }
        WorkspacesCommand::Archive { id, yes } => {
            if !yes {
                confirm(&format!(
                    "Archive workspace {}? It can no longer be changed, and the API has no un-archive.",
                    inert(&id)
                ))?;
            }
            c.archive_workspace(&id).await?;
            eprintln!("archived {}", inert(&id));
        }
    }
    Ok(())
}

fn show(w: &Workspace, json: bool) {
    if json {
        print_json(w);
    } else {
        print_pairs(&workspace_pairs(w));
    }
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
