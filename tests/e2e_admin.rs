//! Workspace administration in a real terminal (a pseudo-terminal) against
//! the demo sandbox, as an admin would go: create a workspace, add a
//! member, change the role, fail to remove the last owner (the server's
//! refusal shown whole), then browse Stark Industries' organization tree
//! down to a depth-5 organization, read its gauges, and save the usage
//! report as a PDF.

mod common;

use common::pty::Term;

fn members(t: &Term, ws: &str) -> Vec<(String, String)> {
    let d = t.data();
    let id = d["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == ws)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    d["members"][&id]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["user_id"].as_str().unwrap().into(),
                m["role"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_workspace_its_members_and_the_organization_tree() {
    let t = Term::demo("");
    t.wait_for("Workspaces 36");
    // A new workspace: the box, then the confirm.
    t.keys(&["N"]);
    t.wait_for("permanent");
    t.type_text("E2E Lab");
    t.keys(&["Tab", "Right", "Right", "Tab"]);
    t.type_text("Made by the e2e test");
    t.keys(&["Enter"]);
    t.wait_for("Create workspace?");
    t.keys(&["Enter"]);
    t.wait_for("Workspaces 37");
    // Its members: only the creator, as owner.
    t.keys(&["/"]);
    t.type_text("E2E Lab");
    t.wait_for("1 of 37 match");
    t.keys(&["Enter", "M"]);
    t.wait_all(&["Members", "← you", "★ owner"]);
    t.keys(&["a"]);
    t.wait_for("Add a member");
    t.type_text("auth0|e2e0000000000000000000001");
    // The role starts at viewer; ← turns it to admin.
    t.keys(&["Tab", "Left", "Enter"]);
    t.wait_for("Add member?");
    t.keys(&["Enter"]);
    t.wait_all(&["auth0|e2e0000000000000000000001", "◆ admin"]);
    assert!(
        members(&t, "E2E Lab")
            .contains(&("auth0|e2e0000000000000000000001".into(), "admin".into()))
    );
    // The new member is the second row: make them a viewer.
    t.keys(&["End", "R", "Right", "Enter"]);
    t.wait_for("Change role?");
    t.keys(&["Enter"]);
    t.wait_for("· viewer");
    assert!(
        members(&t, "E2E Lab")
            .contains(&("auth0|e2e0000000000000000000001".into(), "viewer".into()))
    );
    // The last owner (the user, first row) cannot be removed: Cancel is
    // focused, Tab moves to Remove, and the server says no.
    t.keys(&["Home", "d"]);
    t.wait_for("Remove member?");
    t.keys(&["Tab", "Enter"]);
    t.wait_all(&[
        "code: cannot_remove_last_owner",
        "You cannot remove the last owner",
        "Nothing was changed.",
    ]);
    t.keys(&["Enter"]);
    assert_eq!(members(&t, "E2E Lab").len(), 2, "nobody was removed");
    // The organization tree of Stark Industries, down to depth 5.
    t.keys(&["Escape", "Escape", "Escape"]);
    t.wait_for("Workspaces 37");
    t.keys(&["/"]);
    t.type_text("Stark");
    t.wait_for("1 of 37 match");
    t.keys(&["Enter", "O"]);
    t.wait_all(&[
        "Organizations 10, 10 levels deep",
        "▾ Stark Global",
        "▸ Stark EMEA",
    ]);
    // Down to EMEA, then → twice a level (open it, go to its child), four
    // times: Building 3, at depth 5.
    t.keys(&["Down"]);
    for _ in 0..4 {
        t.keys(&["Right", "Right"]);
    }
    t.wait_all(&["▾ Mitte Campus", "▸ Building 3"]);
    t.keys(&["Enter"]);
    t.wait_all(&[
        "Organization Building 3",
        "5 of 8 · 62%",
        "50 of 66 · 75%",
        "SSO        disabled",
        "Bound by   organization Building 3",
    ]);
    // The usage report, saved where asked.
    let file = t.dir.path().join("stark-usage.pdf");
    t.keys(&["p"]);
    t.wait_for("Save the usage report");
    t.keys(&["C-u"]);
    t.type_text(&file.display().to_string());
    t.keys(&["Enter"]);
    t.wait_for("Saved the usage report");
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "{:?}", &pdf[..8.min(pdf.len())]);
    // Asked again, it does not overwrite without a second Enter.
    t.keys(&["p", "C-u"]);
    t.type_text(&file.display().to_string());
    t.keys(&["Enter"]);
    t.wait_for("exists: Enter again replaces it");
    t.keys(&["Escape"]);
}

#[test]
fn a_write_whose_answer_a_proxy_lost_is_looked_up_and_shown_done_once() {
    // Every write is done by the server and answered 502 on the way back.
    let t = Term::demo("--sandbox-faults write-502");
    t.wait_for("Workspaces 36");
    t.keys(&["N"]);
    t.wait_for("permanent");
    t.type_text("Lost Lab");
    t.keys(&["Enter"]);
    t.wait_for("Create workspace?");
    t.keys(&["Enter"]);
    t.wait_all(&["looked up: it was done", "Workspaces 37"]);
    let made = t.data()["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["name"] == "Lost Lab")
        .count();
    assert_eq!(made, 1, "created once, never sent again");
}

#[test]
fn an_account_whose_answer_a_proxy_lost_is_looked_up_and_created_once() {
    // The form's create goes the way of every write: the server makes the
    // account, the proxy answers 502, the client looks it up.
    let t = Term::demo("--sandbox-faults write-502");
    t.wait_for("Workspaces 36");
    t.keys(&["/"]);
    t.type_text("soylent");
    t.wait_for("1 of 36 match");
    t.keys(&["Enter", "n"]);
    t.wait_for("New billing account in Soylent Foods");
    t.type_text("Proxy Lost Ltd");
    t.keys(&["Tab"]);
    t.type_text("proxy@lost.example");
    t.wait_for("proxy@lost.example");
    t.keys(&["C-s"]);
    t.wait_for("looked up: it was created once");
    let made = t.data()["accounts"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|list| list.as_array().unwrap().iter())
        .filter(|a| a["name"] == "Proxy Lost Ltd")
        .count();
    assert_eq!(made, 1, "created once, never sent again");
}
