//! `alto orgs list|get|limits|parent|create|child|update|delete|usage-pdf`.
//! Every rule is checked before anything is sent; the billing account
//! rule needs the workspace's mode, which is read first (one GET).

use super::*;
use crate::api::model::{Organization, OrganizationLimits, ProductType};
use crate::rules::organization::{self as org_rules, Place};
use output::{csv_col, table_col};
use serde_json::{Map, Value, json};

pub(super) async fn orgs(c: &ApiClient, command: OrgsCommand) -> Result<(), Failure> {
    match command {
        OrgsCommand::List { workspace, out } => list(c, &workspace, out).await?,
        OrgsCommand::Get {
            workspace,
            id,
            json,
        } => show(&c.get_organization(&workspace, &id).await?, json),
        OrgsCommand::Parent {
            workspace,
            id,
            json,
        } => show(&c.get_parent_organization(&workspace, &id).await?, json),
        OrgsCommand::Limits {
            workspace,
            id,
            json,
        } => show_limits(&c.get_organization_limits(&workspace, &id).await?, json),
        OrgsCommand::Create {
            workspace,
            fields,
            json,
        } => {
            let body = body(&fields)?;
            let place = Place::Root(mode(c, &workspace).await?);
            let new =
                org_rules::new_organization(&body, &place).map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            show(&c.create_organization(&workspace, &new, &key).await?, json);
        }
        OrgsCommand::Child {
            workspace,
            parent,
            fields,
            json,
        } => {
            let body = body(&fields)?;
            let new = org_rules::new_organization(&body, &Place::Child)
                .map_err(|p| problems_failure(&p))?;
            let key = uuid::Uuid::new_v4().to_string();
            let made = c
                .create_child_organization(&workspace, &parent, &new, &key)
                .await?;
            show(&made, json);
        }
        OrgsCommand::Update {
            workspace,
            id,
            fields,
            json,
        } => {
            let body = body(&fields)?;
            if body.as_object().is_some_and(Map::is_empty) {
                return Err(usage("nothing to change: give at least one field"));
            }
            // Only the billing account's rule depends on where it sits;
            // the read it needs is also the journal's "before".
            let (place, before) = match fields.billing_account.is_some() {
                true => place_of(c, &workspace, &id).await?,
                false => (Place::Child, None),
            };
            let patch =
                org_rules::organization_patch(&body, &place).map_err(|p| problems_failure(&p))?;
            let sent = c.update_organization(&workspace, &id, &patch);
            show(&crate::api::write::with_before(before, sent).await?, json);
        }
        OrgsCommand::Delete { workspace, id, yes } => {
            if !yes {
                confirm(&format!(
                    "Delete organization {} (and every organization below it) from workspace {}?",
                    inert(&id),
                    inert(&workspace)
                ))?;
            }
            c.delete_organization(&workspace, &id).await?;
            eprintln!("deleted {}", inert(&id));
        }
        OrgsCommand::UsagePdf {
            workspace,
            output,
            force,
        } => super::report::usage_pdf(c, &workspace, &output, force).await?,
    }
    Ok(())
}

/// The tree, parents first and indented; `--json` as the API answered.
async fn list(c: &ApiClient, workspace: &str, out: ListOutput) -> Result<(), Failure> {
    let list = c.list_organizations(workspace).await?;
    if out.format() == Format::Json {
        // The API's answer as it came, in its own order.
        print_json(&list);
        return Ok(());
    }
    let tree = crate::tree::Tree::new(&list.data);
    let shown = crate::api::model::List {
        data: tree.all_rows(),
        has_more: list.has_more,
    };
    // As data: the used amount and the limit apart (empty: no limit).
    let columns = [
        col("NAME", "name"),
        id_col("ID", "id"),
        col("DEPTH", "depth"),
        id_col("BILLING ACCOUNT", "billing_account_id"),
        table_col("LOCATIONS"),
        table_col("USERS"),
        table_col("SSO"),
        csv_col("locations_used"),
        csv_col("locations_limit"),
        csv_col("users_used"),
        csv_col("users_limit"),
        csv_col("sso_used"),
        csv_col("sso_limit"),
    ];
    print_list(&shown, out, &columns, |&(i, level)| {
        let o = &list.data[i];
        // The tree's indent is for people (capped as the console caps
        // it); CSV has the depth for that.
        let account = o.billing_account_id.clone().unwrap_or_default();
        let mut row = vec![
            Cell::shown(
                o.name.as_str(),
                format!("{}{}", crate::tree::indent(level), o.name),
            ),
            o.id.as_str().into(),
            o.depth.to_string().into(),
            Cell::shown(
                account.as_str(),
                if account.is_empty() { "—" } else { &account },
            ),
        ];
        row.extend(
            ProductType::ALL
                .iter()
                .map(|p| Cell::from(o.usage_text(p.key()))),
        );
        for p in ProductType::ALL {
            row.push(o.subtree_used(p.key()).to_string().into());
            row.push(
                o.limit(p.key())
                    .map(|n| n.to_string())
                    .unwrap_or_default()
                    .into(),
            );
        }
        row
    });
    Ok(())
}

async fn mode(c: &ApiClient, workspace: &str) -> Result<crate::api::model::BillingMode, Failure> {
    let w = c.get_workspace(workspace).await?;
    Ok(w.billing_mode
        .unwrap_or(crate::api::model::BillingMode::from("single".to_string())))
}

/// Root (in its workspace's mode) or child, asked of the API; and the
/// organization as it is now.
async fn place_of(
    c: &ApiClient,
    workspace: &str,
    id: &str,
) -> Result<(Place, Option<Value>), Failure> {
    let org = c.get_organization(workspace, id).await?;
    let place = match org.parent_org_id {
        None => Place::Root(mode(c, workspace).await?),
        Some(_) => Place::Child,
    };
    Ok((place, serde_json::to_value(&org).ok()))
}

/// The JSON body the flags describe (the rules read it as the server would).
fn body(f: &OrgFields) -> Result<Value, Failure> {
    let mut map = Map::new();
    if let Some(name) = &f.name {
        map.insert("name".into(), json!(name));
    }
    let nullable = |v: &str| match v.trim().is_empty() {
        true => Value::Null,
        false => json!(v),
    };
    if let Some(a) = &f.billing_account {
        map.insert("billing_account_id".into(), nullable(a));
    }
    if let Some(p) = &f.picture {
        map.insert("picture".into(), nullable(p));
    }
    if !f.limits.is_empty() {
        let mut limits = Map::new();
        for pair in &f.limits {
            let Some((product, n)) = pair.split_once('=') else {
                return Err(usage(format!(
                    "--limit takes PRODUCT=N, not {}",
                    inert(pair)
                )));
            };
            // A number the rules cannot read goes to them as typed, so
            // every broken rule is told at once.
            let value =
                org_rules::limit_text(product.trim(), n).map_or_else(|_| json!(n), |v| json!(v));
            limits.insert(product.trim().to_string(), value);
        }
        map.insert("limits".into(), Value::Object(limits));
    }
    let mut branding = Map::new();
    let mut colors = Map::new();
    for (key, value) in [
        ("display_name", &f.display_name),
        ("login_hint", &f.login_hint),
    ] {
        if let Some(v) = value {
            branding.insert(key.into(), json!(v));
        }
    }
    if let Some(v) = &f.primary_color {
        colors.insert("primary".into(), json!(v));
    }
    if let Some(v) = &f.page_background {
        colors.insert("page_background".into(), json!(v));
    }
    if !colors.is_empty() {
        branding.insert("colors".into(), Value::Object(colors));
    }
    if !branding.is_empty() {
        map.insert("branding".into(), Value::Object(branding));
    }
    Ok(Value::Object(map))
}

fn show(o: &Organization, json: bool) {
    if json {
        return print_json(o);
    }
    let mut pairs = vec![
        ("name", o.name.clone()),
        ("id", o.id.clone()),
        ("workspace", o.workspace_id.clone()),
        ("external id", o.external_id.clone()),
        (
            "parent",
            o.parent_org_id
                .clone()
                .unwrap_or_else(|| "— (top level)".into()),
        ),
        ("depth", o.depth.to_string()),
        (
            "billing account",
            o.billing_account_id.clone().unwrap_or_else(|| "—".into()),
        ),
        ("picture", o.picture.clone().unwrap_or_else(|| "—".into())),
    ];
    for p in ProductType::ALL {
        let own = o.own_used(p.key());
        pairs.push((p.key(), format!("{} (itself {own})", o.usage_text(p.key()))));
    }
    if let Some(b) = &o.branding {
        pairs.push((
            "display name",
            b.display_name.clone().unwrap_or_else(|| "—".into()),
        ));
        pairs.push((
            "login hint",
            b.login_hint.clone().unwrap_or_else(|| "—".into()),
        ));
    }
    print_pairs(&pairs);
}

fn show_limits(l: &OrganizationLimits, json: bool) {
    if json {
        return print_json(l);
    }
    out(&format!(
        "{} ({})",
        inert(&l.organization_name),
        inert(&l.organization_id)
    ));
    let rows: Vec<Vec<String>> = l
        .limits
        .iter()
        .map(|x| {
            vec![
                x.product.clone(),
                x.used.to_string(),
                x.direct.map_or_else(|| "—".into(), |d| d.to_string()),
                x.free.to_string(),
                match x.org_limit {
                    None => "no limit".into(),
                    Some(0) => "disabled".into(),
                    Some(n) => n.to_string(),
                },
                x.total.to_string(),
            ]
        })
        .collect();
    output::print_table(
        &["PRODUCT", "USED", "ITSELF", "FREE", "OWN LIMIT", "TOTAL"],
        &rows,
    );
    if let Some(ctx) = &l.context {
        out(&format!(
            "bound by: {} {}",
            inert(&ctx.kind),
            inert(&ctx.name)
        ));
    }
}
