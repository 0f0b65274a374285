//! New, renamed and archived workspaces through the real key path: the
//! box checked by the rules, the confirm box (the name typed to archive,
//! Cancel focused), one write each.

use alto::api::model::BillingMode;
use alto::tui::msg::{Cmd, Written};
use alto::tui::ops::WriteOp;
use alto::tui::testing;
use alto::tui::testing::Harness;

fn writes(h: &mut Harness) -> Vec<WriteOp> {
    h.take_cmds()
        .into_iter()
        .filter_map(|c| match c {
            Cmd::SendWrite { op, .. } => Some(op),
            _ => None,
        })
        .collect()
}

#[test]
fn n_makes_a_workspace_with_a_permanent_mode_after_the_rules_say_yes() {
    let mut h = Harness::demo(100, 30);
    h.keys("N<Enter>");
    assert!(
        h.text().contains("The name field is required."),
        "{}",
        h.text()
    );
    assert!(
        h.text().contains("permanent"),
        "the mode's permanence is said"
    );
    h.keys("Research Lab<Tab><Right><Tab>R&D<Enter>");
    assert!(h.text().contains("Create workspace?"), "{}", h.text());
    h.keys("<Enter>");
    let w = writes(&mut h);
    let [WriteOp::CreateWorkspace(new)] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(new.name, "Research Lab");
    assert_eq!(new.billing_mode, BillingMode::Assigned);
    assert_eq!(new.description.as_deref(), Some("R&D"));
}

#[test]
fn e_renames_and_a_needs_the_name_typed_with_cancel_first() {
    let mut h = Harness::demo(100, 30);
    h.select("Pied Piper");
    h.keys("e");
    assert!(h.text().contains("Rename or describe"), "{}", h.text());
    h.keys("<C-u>Pied Piper Inc<Enter><Enter>");
    let cmds = h.take_cmds();
    let Some(Cmd::SendWrite {
        req,
        op: WriteOp::UpdateWorkspace { patch, .. },
        ..
    }) = cmds.first()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(patch.name.as_deref(), Some("Pied Piper Inc"));
    let mut renamed = h.app.selected_workspace().unwrap().clone();
    renamed.name = "Pied Piper Inc".into();
    h.send(testing::written(
        *req,
        Ok(Written::Workspace(Box::new(renamed))),
    ));
    assert!(h.text().contains("Pied Piper Inc"), "{}", h.text());
    h.keys("A");
    assert!(
        h.text()
            .contains("cannot be undone: type the workspace's name"),
        "{}",
        h.text()
    );
    h.keys("<Enter>");
    assert!(writes(&mut h).is_empty(), "Cancel is focused");
    h.keys("A<Tab>Pied<Enter>");
    assert!(writes(&mut h).is_empty(), "a wrong name sends nothing");
    h.keys(" Piper Inc<Enter>");
    assert!(matches!(
        writes(&mut h).as_slice(),
        [WriteOp::ArchiveWorkspace(_)]
    ));
}

/// The write the keys asked for, answered by the server as `answer`.
fn answer_write(h: &mut Harness, answer: alto::api::model::Workspace) {
    let cmds = h.take_cmds();
    let Some(Cmd::SendWrite { req, .. }) = cmds.first() else {
        panic!("{cmds:?}");
    };
    h.send(testing::written(
        *req,
        Ok(Written::Workspace(Box::new(answer))),
    ));
}

#[test]
fn a_saved_workspace_shows_the_servers_answer_in_its_details_and_the_index() {
    let mut h = Harness::demo(100, 30);
    h.select("Pied Piper");
    let ws = h.app.selected_workspace().unwrap().clone();
    h.keys("v");
    assert!(h.text().contains(&ws.id), "{}", h.text());
    h.keys("e<Tab><C-u>Compression, middle-out<Enter><Enter>");
    let mut saved = ws.clone();
    saved.description = Some("Compression, middle-out (as saved)".into());
    answer_write(&mut h, saved);
    let text = h.text();
    assert!(text.contains("Saved workspace"), "{text}");
    assert!(
        text.contains("Compression, middle-out (as saved)"),
        "the pane shows the server's answer: {text}"
    );
    // A new workspace is in the index at once, with no accounts to fetch.
    h.keys("<Esc>N<C-u>Hooli XYZ<Tab><Tab><Enter><Enter>");
    let mut made = ws.clone();
    made.id = "ws_hooli0000000001".into();
    made.name = "Hooli XYZ".into();
    answer_write(&mut h, made);
    let index = &h.app.session.find.index;
    assert!(index.workspace("ws_hooli0000000001").is_some());
    assert!(index.shards["ws_hooli0000000001"].accounts.is_empty());
}

/// The one write the keys asked for: its request id, what it does and
/// the key made for it in `update`.
fn the_write(h: &mut Harness) -> (u64, WriteOp, String) {
    let cmds = h.take_cmds();
    let found: Vec<_> = cmds
        .into_iter()
        .filter_map(|c| match c {
            Cmd::SendWrite { req, op, key, .. } => Some((req, op, key)),
            _ => None,
        })
        .collect();
    let [one] = found.as_slice() else {
        panic!("{found:?}")
    };
    one.clone()
}

#[test]
fn a_write_looked_up_not_done_is_offered_again_with_the_same_key() {
    let mut h = Harness::demo(100, 30);
    h.keys("N");
    h.keys("Lost Lab<Enter><Enter>");
    let (req, op, key) = the_write(&mut h);
    assert!(!key.is_empty(), "made in update");
    h.send(testing::written(
        req,
        Err(alto::api::ApiError::NotDone {
            lost: "HTTP 502: Bad gateway".into(),
        }),
    ));
    let text = h.text();
    assert!(
        text.contains("looked up: it was not done") && text.contains("Create workspace?"),
        "the same write offered again: {text}"
    );
    h.keys("<Enter>");
    let (_, again, same) = the_write(&mut h);
    assert_eq!((again, same), (op, key), "the same write, the same key");
}

#[test]
fn a_write_whose_lost_answer_was_found_done_says_so_and_shows_it() {
    let mut h = Harness::demo(100, 30);
    h.select("Pied Piper");
    let mut renamed = h.app.selected_workspace().unwrap().clone();
    h.keys("e<C-u>Pied Piper Found<Enter><Enter>");
    let (req, _, _) = the_write(&mut h);
    renamed.name = "Pied Piper Found".into();
    h.send(testing::written(
        req,
        Ok(Written::LookedUp(Box::new(Written::Workspace(Box::new(
            renamed,
        ))))),
    ));
    let text = h.text();
    assert!(
        text.contains("looked up: it was done") && text.contains("Pied Piper Found"),
        "{text}"
    );
}

#[test]
fn a_write_carries_its_target_as_the_screen_held_it_for_the_journal() {
    let mut h = Harness::demo(100, 30);
    h.select("Pied Piper");
    let shown = h.app.selected_workspace().unwrap().clone();
    h.keys("e<C-u>Pied Piper Inc<Enter><Enter>");
    let cmds = h.take_cmds();
    let Some(Cmd::SendWrite { before, .. }) = cmds.first() else {
        panic!("{cmds:?}");
    };
    let before = before.as_ref().expect("the workspace as listed");
    assert_eq!(before["name"], "Pied Piper");
    assert_eq!(before["id"], shown.id.as_str());
}
