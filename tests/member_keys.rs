//! The members screen through the real key path: adding, re-roling and
//! removing, each checked, asked and sent once, refusals whole, and a lost
//! answer looked up before anything else is sent.

use alto::api::ApiError;
use alto::api::model::{Member, Role};
use alto::tui::app::Screen;
use alto::tui::msg::{Cmd, Written};
use alto::tui::ops::WriteOp;
use alto::tui::testing;
use alto::tui::testing::Harness;

fn members_of(name: &str) -> Harness {
    let mut h = Harness::demo(100, 30);
    h.select(name);
    h.keys("M").answer_loads();
    assert_eq!(h.app.screen(), Screen::Members);
    h.take_cmds();
    h
}

fn writes(h: &mut Harness) -> Vec<(u64, WriteOp)> {
    h.take_cmds()
        .into_iter()
        .filter_map(|c| match c {
            Cmd::SendWrite { req, op, .. } => Some((req, op)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_member_is_added_with_a_role_after_the_rules_and_the_box_say_yes() {
    let mut h = members_of("Globex EU");
    h.keys("a<Enter>");
    assert!(
        h.text().contains("The user id field is required."),
        "{}",
        h.text()
    );
    assert!(writes(&mut h).is_empty());
    h.keys("auth0|new<Tab><Left><Enter>");
    assert!(h.text().contains("Add member?"), "{}", h.text());
    h.keys("<Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::AddMember(m))] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!((m.user_id.as_str(), m.role), ("auth0|new", Role::Admin));
    let added = Member {
        user_id: "auth0|new".into(),
        workspace_id: h.app.session.current.clone().unwrap().id,
        role: "admin".into(),
        created_at: "2025-11-05T00:00:00.000000Z".into(),
        updated_at: "2025-11-05T00:00:00.000000Z".into(),
    };
    h.send(testing::written(*req, Ok(Written::Member(Box::new(added)))));
    let text = h.text();
    assert!(
        text.contains("auth0|new") && text.contains("Members 2"),
        "{text}"
    );
}

#[test]
fn the_last_owners_role_change_is_refused_whole_and_remove_starts_on_cancel() {
    let mut h = members_of("Globex EU");
    h.keys("R<Right><Enter><Enter>");
    let w = writes(&mut h);
    let [
        (
            req,
            WriteOp::SetRole {
                role: Role::Admin, ..
            },
        ),
    ] = w.as_slice()
    else {
        panic!("{w:?}")
    };
    let body = serde_json::json!({"type": "unprocessable_entity", "code": "cannot_remove_last_owner",
        "message": "You cannot change the role of the last owner of the workspace. Please transfer ownership first."});
    let e = ApiError::Status {
        status: 422,
        body: Box::new(alto::api::ErrorBody::parse(body.to_string().as_bytes())),
    };
    h.send(testing::written(*req, Err(e)));
    let err = h.app.boxes.error().cloned().unwrap();
    assert!(
        err.text.contains("Please transfer ownership first.")
            && err.text.contains("cannot_remove_last_owner"),
        "{err:?}"
    );
    h.keys("<Enter>d<Enter>");
    assert!(writes(&mut h).is_empty(), "Enter alone removes nobody");
    h.keys("d<Tab><Enter>");
    assert!(matches!(
        writes(&mut h).as_slice(),
        [(_, WriteOp::RemoveMember(_))]
    ));
}

#[test]
fn a_lost_answer_to_a_removal_is_looked_up_first() {
    let mut h = members_of("ACME Corporation");
    h.keys("j");
    let user = h.app.session.members.values().next().unwrap().items[1]
        .user_id
        .clone();
    h.keys("d<Tab><Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::RemoveMember(id))] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(*id, user);
    let timeout = ApiError::Timeout {
        url: "u".into(),
        after: std::time::Duration::from_secs(30),
    };
    h.send(testing::written(*req, Err(timeout)));
    let cmds = h.take_cmds();
    assert!(
        matches!(cmds.as_slice(), [Cmd::LoadMembers { .. }]),
        "the lookup, no resend: {cmds:?}"
    );
    // The server still has them: nothing changed, and it is said.
    h.cmds = cmds;
    h.answer_loads();
    let status = h.app.status.clone().unwrap().text;
    assert!(status.contains("shows nothing changed"), "{status}");
}

/// The cursor on the member with `role` who is not the caller.
fn on_other(h: &mut Harness, role: &str) -> Member {
    let ws = h.app.session.current.clone().unwrap().id;
    let me = h.app.ctx.me.clone().unwrap();
    let items = h.app.session.members[&ws].items.clone();
    let i = items
        .iter()
        .position(|m| m.role == role && m.user_id != me)
        .unwrap();
    h.keys(&"j".repeat(i));
    items[i].clone()
}

#[test]
fn an_admin_is_refused_an_owners_change_before_anything_is_sent_with_the_rule() {
    // The demo user is an admin of Initech Legacy.
    let mut h = members_of("Initech Legacy");
    let owner = on_other(&mut h, "owner");
    h.keys("R<Right><Enter>");
    let text = h.text();
    let said = h.app.boxes.member_edit().and_then(|e| e.problem.clone());
    assert_eq!(
        said.as_deref(),
        Some(
            "You are an admin of this workspace; only an owner can make or change an owner: nothing was sent"
        ),
        "{text}"
    );
    assert!(
        text.contains("You are an admin of this workspace"),
        "{text}"
    );
    assert!(
        h.app.boxes.member_edit().is_some(),
        "the box stays as typed"
    );
    assert!(writes(&mut h).is_empty(), "nothing sent");
    h.keys("<Esc>d");
    assert!(
        h.app.boxes.confirm().is_none(),
        "no question for what cannot be done"
    );
    assert!(
        h.text()
            .contains("only an owner can remove an owner: nothing was sent"),
        "{}",
        h.text()
    );
    assert!(writes(&mut h).is_empty());
    assert_eq!(owner.role, "owner");
}

#[test]
fn a_403_the_server_gives_anyway_says_which_rule_applies() {
    let mut h = members_of("ACME Corporation");
    on_other(&mut h, "viewer");
    h.keys("R<Left><Enter><Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::SetRole { .. })] = w.as_slice() else {
        panic!("{w:?}")
    };
    let body = serde_json::json!({"message": "This action is unauthorized."});
    h.send(testing::written(
        *req,
        Err(ApiError::Status {
            status: 403,
            body: Box::new(alto::api::ErrorBody::parse(body.to_string().as_bytes())),
        }),
    ));
    let text = h.text();
    assert!(
        text.contains("The rule: only owners and admins change roles"),
        "{text}"
    );
}
