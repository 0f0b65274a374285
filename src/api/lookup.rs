//! How to find out whether each of the contract's writes happened when
//! its answer was lost: a list or a get that shows it, declared once per
//! write here.

use super::billing::AccountRef;
use super::client::ApiClient;
use super::error::ApiError;
use super::writes::Write;
use serde::Serialize;
use serde_json::Value;

/// What a lookup found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// It happened; what shows it (the resource, when there is one).
    Done(Option<Value>),
    NotDone,
    /// No read of the contract can tell (a setup intent, a sync).
    Unknowable(&'static str),
}

/// A create made since this long before it was sent counts as it: the
/// server's clock may be behind ours.
const CLOCK_SLACK_S: i64 = 600;

impl Write {
    /// Whether the write `body`, sent at `at`, happened.
    pub async fn look_up(
        &self,
        c: &ApiClient,
        body: &Value,
        at: jiff::Timestamp,
    ) -> Result<Found, ApiError> {
        use Write::*;
        let since = at.as_second() - CLOCK_SLACK_S;
        Ok(match self {
            CreateWorkspace { name } => {
                let list = c.list_workspaces().await?;
                found(
                    list.data
                        .iter()
                        .find(|w| &w.name == name && made_since(w.created_at.as_deref(), since)),
                )
            }
            UpdateWorkspace { workspace } => {
                let w = json(&c.get_workspace(workspace).await?);
                done_if(holds(body, &w), w)
            }
            ArchiveWorkspace { workspace } => match gone(c.get_workspace(workspace).await)? {
                None => Found::Done(None),
                Some(w) => done_if(w.archived, json(&w)),
            },
            AddWorkspaceMember { workspace, user_id }
            | UpdateWorkspaceMemberRole { workspace, user_id } => {
                let list = c.list_members(workspace).await?;
                let m = list.data.iter().find(|m| &m.user_id == user_id);
                found(m.filter(|m| body["role"].as_str() == Some(m.role.as_str())))
            }
            RemoveWorkspaceMember { workspace, user_id } => {
                let list = c.list_members(workspace).await?;
                done_if(
                    !list.data.iter().any(|m| &m.user_id == user_id),
                    Value::Null,
                )
            }
            CreateBillingAccount { workspace } => {
                let list = c.list_accounts(workspace).await?;
                found(list.data.iter().find(|a| {
                    Some(a.name.as_str()) == body["name"].as_str()
                        && Some(a.email.as_str()) == body["email"].as_str()
                        && made_since(Some(&a.created_at), since)
                }))
            }
            UpdateBillingAccount { workspace, account } => {
                let a = json(&c.get_account(workspace, account).await?);
                done_if(holds(body, &a), a)
            }
            DeleteBillingAccount { workspace, account } => done_if(
                gone(c.get_account(workspace, account).await)?.is_none(),
                Value::Null,
            ),
            CreateSubscription { .. }
            | UpdateSubscription { .. }
            | CancelSubscription { .. }
            | CreateSetupIntent { .. }
            | SetDefaultPaymentMethod { .. }
            | DetachPaymentMethod { .. } => return self.look_up_billing(c, body, since).await,
            CreateOrganization { workspace } => org_made(c, workspace, None, body, since).await?,
            CreateChildOrganization { workspace, parent } => {
                org_made(c, workspace, Some(parent), body, since).await?
            }
            UpdateOrganization {
                workspace,
                organization,
            } => {
                let o = json(&c.get_organization(workspace, organization).await?);
                done_if(holds(body, &o), o)
            }
            DeleteOrganization {
                workspace,
                organization,
            } => done_if(
                gone(c.get_organization(workspace, organization).await)?.is_none(),
                Value::Null,
            ),
        })
    }

    /// [`Write::look_up`] for subscriptions and payment methods.
    async fn look_up_billing(
        &self,
        c: &ApiClient,
        body: &Value,
        since: i64,
    ) -> Result<Found, ApiError> {
        use Write::*;
        Ok(match self {
            CreateSubscription { workspace, account } => {
                let list = c
                    .list_subscriptions(AccountRef::new(workspace, account))
                    .await?;
                found(list.data.iter().find(|s| {
                    made_since(Some(&s.created_at), since)
                        && quantities_hold(&body["product_quantities"], s)
                }))
            }
            UpdateSubscription {
                workspace,
                account,
                subscription,
            }
            | CancelSubscription {
                workspace,
                account,
                subscription,
            } => {
                let s = c
                    .get_subscription(AccountRef::new(workspace, account), subscription)
                    .await?;
                match self {
                    CancelSubscription { .. } => {
                        done_if(s.status == "canceled" || s.cancel_at_period_end, json(&s))
                    }
                    _ => subscription_change_found(body, &s),
                }
            }
            CreateSetupIntent { .. } => Found::Unknowable(
                "a setup intent cannot be listed; an unused one expires on its own",
            ),
            SetDefaultPaymentMethod {
                workspace,
                account,
                payment_method,
            }
            | DetachPaymentMethod {
                workspace,
                account,
                payment_method,
            } => {
                let list = c
                    .list_payment_methods(AccountRef::new(workspace, account))
                    .await?;
                let pm = list.data.iter().find(|p| &p.id == payment_method);
                match self {
                    DetachPaymentMethod { .. } => done_if(pm.is_none(), Value::Null),
                    _ => found(pm.filter(|p| p.is_default)),
                }
            }
            _ => Found::Unknowable("not a billing write"),
        })
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn found<T: Serialize>(value: Option<&T>) -> Found {
    value.map_or(Found::NotDone, |v| Found::Done(Some(json(v))))
}

fn done_if(done: bool, after: Value) -> Found {
    match done {
        true => Found::Done(Some(after).filter(|a| !a.is_null())),
        false => Found::NotDone,
    }
}

/// `Ok(None)` for a 404 (it is gone), the resource otherwise.
fn gone<T>(result: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Made at or after `since` (seconds); a time that cannot be read counts
/// (the name or ids matched already).
fn made_since(created_at: Option<&str>, since: i64) -> bool {
    created_at
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .is_none_or(|t| t.as_second() >= since)
}

/// Every field of the write's `body` is as the resource now has it (a
/// `null` or empty one cleared): the change is in place.
pub fn holds(body: &Value, resource: &Value) -> bool {
    let Some(fields) = body.as_object() else {
        return false;
    };
    fields.iter().all(|(k, want)| {
        let have = resource.get(k).unwrap_or(&Value::Null);
        match want {
            Value::Object(_) => holds(want, have),
            Value::Null => have.is_null() || have.as_str() == Some(""),
            _ => have == want,
        }
    })
}

/// Each product of `wanted` (`{product: quantity}`) has that quantity on
/// `s`, and 0 means it is not there.
fn quantities_hold(wanted: &Value, s: &super::model::Subscription) -> bool {
    wanted.as_object().is_some_and(|m| {
        m.iter().all(|(product, q)| {
            let have = s.product_quantities.get(product).map_or(0, |p| p.quantity);
            q.as_u64() == Some(have)
        })
    })
}

/// Whether a subscription change is in place, by its one operation.
fn subscription_change_found(body: &Value, s: &super::model::Subscription) -> Found {
    let after = json(s);
    if let Some(action) = body["action"].as_str() {
        return match action {
            "pause" => done_if(s.status == "paused", after),
            "resume" => done_if(s.status != "paused", after),
            _ => Found::Unknowable("a sync changes nothing a read can show"),
        };
    }
    if body.get("product_quantities").is_some() || body.get("add_products").is_some() {
        let wanted = body
            .get("product_quantities")
            .unwrap_or(&body["add_products"]);
        return done_if(quantities_hold(wanted, s), after);
    }
    if let Some(removed) = body["remove_products"].as_array() {
        let gone = removed
            .iter()
            .filter_map(Value::as_str)
            .all(|p| !s.product_quantities.contains_key(p));
        return done_if(gone, after);
    }
    done_if(holds(body, &after), after)
}

/// An organization named as the body says, under `parent` (or at the
/// top), made since `since`.
async fn org_made(
    c: &ApiClient,
    workspace: &str,
    parent: Option<&String>,
    body: &Value,
    since: i64,
) -> Result<Found, ApiError> {
    let list = c.list_organizations(workspace).await?;
    Ok(found(list.data.iter().find(|o| {
        Some(o.name.as_str()) == body["name"].as_str()
            && o.parent_org_id.as_ref().filter(|p| !p.is_empty()) == parent
            && made_since(o.created_at.as_deref(), since)
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_change_holds_when_every_field_sent_is_in_place() {
        let account =
            json!({"name": "Acme", "phone": null, "address": {"city": "Paris", "country": "FR"}});
        assert!(holds(&json!({"name": "Acme"}), &account));
        assert!(holds(&json!({"phone": null}), &account), "cleared");
        assert!(holds(&json!({"address": {"city": "Paris"}}), &account));
        assert!(!holds(&json!({"address": {"city": "Lyon"}}), &account));
        assert!(!holds(&json!({"name": "Other"}), &account));
    }

    #[test]
    fn every_write_is_named_by_its_operation_id() {
        let w = Write::AddWorkspaceMember {
            workspace: "ws_1".into(),
            user_id: "auth0|1".into(),
        };
        assert_eq!(w.operation(), "addWorkspaceMember");
        let back: Write = serde_json::from_value(serde_json::to_value(&w).unwrap()).unwrap();
        assert_eq!(back, w);
    }
}
