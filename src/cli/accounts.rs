//! `alto accounts list|get|create|update|delete`.

use super::*;

/// `index`: where the index is kept, for the duplicate guard across
/// workspaces (`None` when it is off).
pub(super) async fn accounts(
    c: &ApiClient,
    command: AccountsCommand,
    index: Option<&crate::index::files::Store>,
) -> Result<(), Failure> {
    match command {
        AccountsCommand::List { workspace, out } => {
            let list = c.list_accounts(&workspace).await?;
            print_accounts(&list, out);
        }
        AccountsCommand::Get {
            workspace,
            id,
            json,
        } => {
            let a = c.get_account(&workspace, &id).await?;
            show_account(&a, json);
        }
        AccountsCommand::Create {
            workspace,
            fields,
            from_file,
            allow_duplicate,
            json,
        } => {
            let mut input = AccountInput::default();
            if let Some(path) = from_file {
                for (field, value) in read_body_file(&path)? {
                    *input.get_mut(field) = crate::rules::normalise(field, &value);
                }
            }
            for (field, value) in fields.given() {
                *input.get_mut(field) = value;
            }
            let body = input.validate().map_err(|v| violations_failure(&v))?;
            if !allow_duplicate {
                refuse_duplicate(c, &workspace, &body.name, &body.email, index).await?;
            }
            // One key per invocation: a server that honours it will not
            // create twice even if a proxy repeats the request.
            let key = uuid::Uuid::new_v4().to_string();
            let a = c
                .create_account(&workspace, &body, &key)
                .await
                .map_err(|e| {
                    let unclear = e.outcome_unknown();
                    let mut f = Failure::from(e);
                    if unclear {
                        f.message.push_str(&format!(
                            "\n  outcome unknown: the account may have been created. Check with\n  `alto accounts list --workspace {}` before running this again.",
                            inert(&workspace)
                        ));
                    }
                    f
                })?;
            show_account(&a, json);
        }
        AccountsCommand::Update {
            workspace,
            id,
            fields,
            json,
        } => {
            let changes = fields.given();
            if changes.is_empty() {
                return Err(usage("nothing to change: give at least one field flag"));
            }
            let body = rules::validate_patch(&changes).map_err(|v| violations_failure(&v))?;
            let a = c.update_account(&workspace, &id, &body).await?;
            show_account(&a, json);
        }
        AccountsCommand::Import(_) => return Err(usage("the import runs from cli::api_command")),
        AccountsCommand::Delete { workspace, id, yes } => {
            if !yes {
                confirm(&format!(
                    "Delete billing account {} from workspace {}? This cannot be undone.",
                    inert(&id),
                    inert(&workspace)
                ))?;
            }
            c.delete_account(&workspace, &id).await?;
            eprintln!("deleted {}", inert(&id));
        }
    }
    Ok(())
}

fn read_body_file(path: &std::path::Path) -> Result<Vec<(Field, String)>, Failure> {
    let shown = path.display();
    let text =
        crate::paths::read_text(path).map_err(|e| usage(format!("cannot read {shown}: {e}")))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| usage(format!("{shown}: not valid JSON: {e}")))?;
    let (fields, errors) =
        rules::fields_from_json(&value).map_err(|m| usage(format!("{shown}: {m}")))?;
    if !errors.is_empty() {
        let mut message = format!("alto: nothing was sent; {shown} has fields of the wrong type:");
        for (key, msgs) in errors {
            message.push_str(&format!("\n  {key}: {}", msgs.join(" ")));
        }
        return Err(Failure {
            code: EXIT_USAGE,
            message,
        });
    }
    Ok(fields)
}

fn show_account(a: &BillingAccount, json: bool) {
    if let Some(warning) = a.contract_warning() {
        eprintln!("alto: warning: {warning}");
    }
    if json {
        print_json(a);
    } else {
        print_pairs(&account_pairs(a));
    }
}

/// Label/value rows for a billing account: id and workspace, the form's
/// fields in the form's order (rules::Field::ALL), then its times.
pub fn account_pairs(a: &BillingAccount) -> Vec<(String, String)> {
    let input = crate::rules::AccountInput::from_account(a);
    let mut rows = vec![
        ("id".to_string(), a.id.clone()),
        ("workspace".to_string(), a.workspace_id.clone()),
    ];
    rows.extend(
        crate::rules::Field::ALL
            .into_iter()
            .map(|f| (f.short_name(), input.get(f).to_string())),
    );
    rows.push(("created".into(), a.created_at.clone()));
    rows.push(("updated".into(), a.updated_at.clone()));
    rows
}

/// The duplicate guard: one GET of the workspace's accounts, and the index
/// for the other workspaces (no request); an account with the same email
/// or name stops the create (exit 2, nothing sent) unless
/// `--allow-duplicate` is given.
async fn refuse_duplicate(
    c: &ApiClient,
    workspace: &str,
    name: &str,
    email: &str,
    index: Option<&crate::index::files::Store>,
) -> Result<(), Failure> {
    let list = c.list_accounts(workspace).await?;
    let mut lines: Vec<String> = rules::duplicate::matches(&list.data, name, email)
        .iter()
        .map(|(a, same)| {
            format!(
                "\n  {} {} <{}> in {} ({})",
                inert(&a.id),
                inert(&a.name),
                inert(&a.email),
                inert(&a.workspace_id),
                same.word()
            )
        })
        .collect();
    let here = !lines.is_empty();
    let stored = index.map(|s| s.load().0).unwrap_or_default();
    let now = crate::index::now_ms();
    for (w, a, same) in stored.same_as(name, email, workspace) {
        let age = stored.shards.get(&w.id).map_or(0, |s| now - s.fetched_at);
        lines.push(format!(
            "\n  {} {} <{}> in {} {} ({}; indexed {} ago)",
            inert(&a.id),
            inert(&a.name),
            inert(&a.email),
            inert(&w.id),
            inert(&w.name),
            same.word(),
            crate::index::age(age)
        ));
    }
    if lines.is_empty() {
        return Ok(());
    }
    let mut message = String::from(match here {
        true => "alto: nothing was sent: this workspace already has an account like it:",
        false => "alto: nothing was sent: another workspace has an account like it:",
    });
    message.extend(lines);
    message.push_str("\n  pass --allow-duplicate to create it anyway");
    Err(Failure {
        code: EXIT_USAGE,
        message,
    })
}

/// `accounts list`: a table, or the API's fields as data.
fn print_accounts(list: &crate::api::model::BillingAccountList, out: ListOutput) {
    let columns = [
        id_col("ID", "id"),
        col("NAME", "name"),
        col("EMAIL", "email"),
        col("CUR", "currency"),
        col("COUNTRY", "country"),
        col("CREATED", "created_at"),
    ];
    print_list(list, out, &columns, |a| {
        vec![
            a.id.as_str().into(),
            a.name.as_str().into(),
            a.email.as_str().into(),
            a.currency.clone().unwrap_or_default().into(),
            a.address
                .as_ref()
                .and_then(|ad| ad.country.clone())
                .unwrap_or_default()
                .into(),
            a.created_at.as_str().into(),
        ]
    });
}
