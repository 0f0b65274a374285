//! The rules of workspace and member bodies, for the CLI, the console and
//! the sandbox alike: a workspace's name (required, at most 50 characters),
//! its billing mode (single, assigned or pooled; permanent), its
//! description (at most 200); a member's Auth0 user id (required, at most
//! 255) and role (owner, admin or viewer).

use super::body::{Problem, Problems, closed, object, problem, text_field};
use crate::api::model::{
    BillingMode, MemberRole, NewMember, NewWorkspace, Role, UpdateWorkspace, Workspace,
};
use serde_json::Value;

pub const NAME_MAX: usize = 50;
pub const DESCRIPTION_MAX: usize = 200;
pub const USER_ID_MAX: usize = 255;
/// Members a workspace may have.
pub const MEMBERS_MAX: usize = 100;

fn billing_mode(value: Option<&Value>, problems: &mut Problems) -> Option<BillingMode> {
    match value.and_then(Value::as_str) {
        Some(m @ ("single" | "assigned" | "pooled")) => Some(BillingMode::from(m.to_string())),
        None => {
            problems.push(problem("billing_mode", "is required"));
            None
        }
        Some(_) => {
            problems.push(problem(
                "billing_mode",
                "must be single, assigned or pooled",
            ));
            None
        }
    }
}

/// The body of `POST /workspaces`.
pub fn new_workspace(body: &Value) -> Result<NewWorkspace, Problems> {
    let map = object(body)?;
    let mut problems = Vec::new();
    let name = text_field(map, "name", NAME_MAX, true, &mut problems);
    let description = text_field(map, "description", DESCRIPTION_MAX, false, &mut problems);
    let mode = billing_mode(map.get("billing_mode"), &mut problems);
    match (name, mode) {
        (Some(name), Some(billing_mode)) if problems.is_empty() => Ok(NewWorkspace {
            name,
            billing_mode,
            description,
        }),
        _ => Err(problems),
    }
}

/// The body of `PATCH /workspaces/{id}`: name and description only; the
/// billing mode is permanent.
pub fn workspace_patch(body: &Value) -> Result<UpdateWorkspace, Problems> {
    let map = object(body)?;
    let mut problems = Vec::new();
    if map.contains_key("billing_mode") {
        problems.push(Problem {
            key: "billing_mode".into(),
            message: "The billing mode is chosen when the workspace is created and cannot change."
                .into(),
        });
    }
    let mut patch = UpdateWorkspace::default();
    if map.contains_key("name") {
        patch.name = text_field(map, "name", NAME_MAX, true, &mut problems);
    }
    if map.contains_key("description") {
        patch.description = Some(text_field(
            map,
            "description",
            DESCRIPTION_MAX,
            false,
            &mut problems,
        ));
    }
    if problems.is_empty() {
        Ok(patch)
    } else {
        Err(problems)
    }
}

fn role(value: Option<&Value>, problems: &mut Problems) -> Option<Role> {
    match value.and_then(Value::as_str).map(Role::from_key) {
        Some(Some(r)) => Some(r),
        Some(None) | None if value.is_some() => {
            problems.push(problem("role", "must be owner, admin or viewer"));
            None
        }
        _ => {
            problems.push(problem("role", "is required"));
            None
        }
    }
}

/// The body of `POST /workspaces/{id}/members`.
pub fn new_member(body: &Value) -> Result<NewMember, Problems> {
    let map = object(body)?;
    let mut problems = Vec::new();
    let user_id = text_field(map, "user_id", USER_ID_MAX, true, &mut problems);
    let role = role(map.get("role"), &mut problems);
    match (user_id, role) {
        (Some(user_id), Some(role)) if problems.is_empty() => Ok(NewMember { user_id, role }),
        _ => Err(problems),
    }
}

/// The body of `PATCH /workspaces/{id}/members/{user}`.
pub fn member_role(body: &Value) -> Result<MemberRole, Problems> {
    let map = object(body)?;
    let mut problems = closed(map, &["role"]);
    let role = role(map.get("role"), &mut problems);
    match role {
        Some(role) if problems.is_empty() => Ok(MemberRole { role }),
        _ => Err(problems),
    }
}

/// Why `actor` may not give `target` (now `from`) the role `to`, if not,
/// in the words the API's 403 uses: viewers change nothing, an admin
/// neither makes nor changes an owner. The hierarchy is decided by
/// [`member_refusal`], once.
pub fn role_change_refusal(actor: Role, from: Option<Role>, to: Role) -> Option<&'static str> {
    member_refusal(actor, MemberChange::SetRole { from, to })?;
    Some(match actor {
        Role::Viewer => "A viewer cannot change roles.",
        _ => "An admin cannot promote a member to owner or change an owner's role.",
    })
}

/// A change to a workspace's members, as the role hierarchy sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// Adding a member with this role.
    Add(Role),
    /// A member's role from `from` (when known) to `to`.
    SetRole { from: Option<Role>, to: Role },
    /// Removing a member (with this role, when known); `own` when it is the
    /// caller.
    Remove { role: Option<Role>, own: bool },
}

/// The hierarchy's rule for `change`, as one sentence: what the API's 403
/// means for it.
pub fn member_rule(change: MemberChange) -> &'static str {
    match change {
        MemberChange::Add(_) => {
            "only owners and admins add members, and only an owner adds an owner"
        }
        MemberChange::SetRole { .. } => {
            "only owners and admins change roles, and only an owner can make or change an owner"
        }
        MemberChange::Remove { .. } => {
            "a member can remove themselves; owners and admins remove others, and only an owner removes an owner"
        }
    }
}

/// Why a caller who is `actor` in the workspace may not make `change`,
/// said to them ("you are an admin of this workspace; …"), or `None` when
/// the hierarchy allows it. The same rules as the sandbox's.
pub fn member_refusal(actor: Role, change: MemberChange) -> Option<String> {
    use MemberChange::*;
    let owner = Some(Role::Owner);
    let rule = match (actor, change) {
        (Role::Owner, _) | (_, Remove { own: true, .. }) => return None,
        (Role::Viewer, Add(_)) => "only owners and admins add members",
        (Role::Viewer, SetRole { .. }) => "only owners and admins change roles",
        (Role::Viewer, Remove { .. }) => "a viewer can remove only themselves",
        (Role::Admin, Add(Role::Owner)) => "only an owner can add an owner",
        (Role::Admin, SetRole { from, to }) if from == owner || to == Role::Owner => {
            "only an owner can make or change an owner"
        }
        (Role::Admin, Remove { role, .. }) if role == owner => "only an owner can remove an owner",
        (Role::Admin, _) => return None,
    };
    let article = if actor == Role::Admin { "an" } else { "a" };
    Some(format!(
        "you are {article} {actor} of this workspace; {rule}"
    ))
}

/// Whether a `--workspace` (or `g`) value is an id (`ws_…`) rather than a
/// name: an id is used as given, with no request.
pub fn is_id(value: &str) -> bool {
    value.trim().starts_with("ws_")
}

/// The workspaces named `name` (white space collapsed, any case, as the
/// duplicate guard compares names). One is the answer; several are listed
/// to the user and nothing is sent; only an exact name counts, so a typo
/// never picks a workspace to write to.
pub fn named<'a>(workspaces: &'a [Workspace], name: &str) -> Vec<&'a Workspace> {
    let key = super::duplicate::name_key(name);
    workspaces
        .iter()
        .filter(|w| super::duplicate::name_key(&w.name) == key)
        .collect()
}

/// Workspaces whose name contains `name` (any case): the suggestions
/// when none is named exactly so.
pub fn near<'a>(workspaces: &'a [Workspace], name: &str) -> Vec<&'a Workspace> {
    let key = super::duplicate::name_key(name);
    workspaces
        .iter()
        .filter(|w| super::duplicate::name_key(&w.name).contains(&key))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(p: Problems) -> Vec<String> {
        p.into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn a_workspace_needs_a_name_of_50_and_a_mode() {
        let ok = new_workspace(&json!({"name": "  Lab ", "billing_mode": "pooled"})).unwrap();
        assert_eq!(ok.name, "Lab", "trimmed");
        let long = new_workspace(&json!({"name": "n".repeat(51), "billing_mode": "single"}));
        assert_eq!(keys(long.unwrap_err()), ["name"]);
        let blank = new_workspace(&json!({"name": "   ", "billing_mode": "single"}));
        assert!(blank.unwrap_err()[0].message.contains("required"));
        let mode = new_workspace(&json!({"name": "Lab", "billing_mode": "metered"}));
        assert_eq!(keys(mode.unwrap_err()), ["billing_mode"]);
        let none = new_workspace(&json!({"name": "Lab"}));
        assert_eq!(keys(none.unwrap_err()), ["billing_mode"]);
        let desc = new_workspace(
            &json!({"name": "Lab", "billing_mode": "single", "description": "d".repeat(201)}),
        );
        assert_eq!(keys(desc.unwrap_err()), ["description"]);
        let bidi = new_workspace(&json!({"name": "La\u{202e}b", "billing_mode": "single"}));
        assert!(bidi.unwrap_err()[0].message.contains("U+202E"));
    }

    #[test]
    fn a_patch_changes_name_and_description_only() {
        let p = workspace_patch(&json!({"description": null})).unwrap();
        assert_eq!(p.description, Some(None), "null clears");
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"description":null}"#
        );
        let mode = workspace_patch(&json!({"billing_mode": "single"}));
        assert!(mode.unwrap_err()[0].message.contains("cannot change"));
        let blank = workspace_patch(&json!({"name": ""}));
        assert_eq!(keys(blank.unwrap_err()), ["name"]);
    }

    #[test]
    fn members_need_an_id_and_a_known_role() {
        let m = new_member(&json!({"user_id": "auth0|64f5", "role": "admin"})).unwrap();
        assert_eq!(m.role, Role::Admin);
        assert_eq!(
            keys(new_member(&json!({"user_id": "", "role": "admin"})).unwrap_err()),
            ["user_id"]
        );
        assert_eq!(
            keys(new_member(&json!({"user_id": "a", "role": "god"})).unwrap_err()),
            ["role"]
        );
        assert_eq!(
            keys(new_member(&json!({"user_id": "a"})).unwrap_err()),
            ["role"]
        );
        let long = "x".repeat(256);
        assert_eq!(
            keys(new_member(&json!({"user_id": long, "role": "viewer"})).unwrap_err()),
            ["user_id"]
        );
        assert_eq!(
            member_role(&json!({"role": "viewer"})).unwrap().role,
            Role::Viewer
        );
    }

    #[test]
    fn the_role_hierarchy() {
        use Role::*;
        assert!(role_change_refusal(Viewer, Some(Viewer), Admin).is_some());
        assert!(role_change_refusal(Admin, Some(Viewer), Owner).is_some());
        assert!(role_change_refusal(Admin, Some(Owner), Viewer).is_some());
        assert!(role_change_refusal(Admin, Some(Viewer), Admin).is_none());
        assert!(role_change_refusal(Owner, Some(Admin), Owner).is_none());
    }

    #[test]
    fn member_changes_are_refused_with_the_rule_that_applies() {
        use MemberChange::*;
        use Role::*;
        let admin_makes_owner = member_refusal(
            Admin,
            SetRole {
                from: Some(Viewer),
                to: Owner,
            },
        );
        assert_eq!(
            admin_makes_owner.as_deref(),
            Some("you are an admin of this workspace; only an owner can make or change an owner")
        );
        assert!(member_refusal(Admin, Add(Owner)).is_some());
        assert!(member_refusal(Admin, Add(Admin)).is_none());
        assert!(member_refusal(Viewer, Add(Viewer)).is_some());
        let remove = |role, own| Remove {
            role: Some(role),
            own,
        };
        assert!(member_refusal(Viewer, remove(Viewer, true)).is_none());
        assert!(member_refusal(Viewer, remove(Viewer, false)).is_some());
        assert!(member_refusal(Admin, remove(Owner, false)).is_some());
        assert!(member_refusal(Owner, remove(Owner, false)).is_none());
    }

    #[test]
    fn a_workspace_is_found_by_its_exact_name_in_any_case() {
        let list: Vec<Workspace> = serde_json::from_value(json!([
            {"id": "ws_1", "name": "Acme  Corp"},
            {"id": "ws_2", "name": "acme corp"},
            {"id": "ws_3", "name": "Acme Labs"},
        ]))
        .unwrap();
        let ids = |v: Vec<&Workspace>| v.iter().map(|w| w.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(named(&list, "ACME corp")), ["ws_1", "ws_2"]);
        assert_eq!(ids(named(&list, " acme labs ")), ["ws_3"]);
        assert!(
            named(&list, "Acme").is_empty(),
            "a part of a name is no match"
        );
        assert_eq!(ids(near(&list, "acme")), ["ws_1", "ws_2", "ws_3"]);
        assert!(is_id("ws_1") && !is_id("Acme"));
    }
}
