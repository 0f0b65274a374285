//! The organization tree through the real key path: opening, expanding
//! and collapsing (→/← and l/h), the filter that keeps the path to each
//! match, the detail's gauges and capacity, and the report's box that
//! never overwrites a file without a second Enter.

use alto::tui::app::Screen;
use alto::tui::msg::{Cmd, Msg, OrgCmd, OrgMsg, SaveProblem};
use alto::tui::testing;
use alto::tui::testing::Harness;

fn tree_of(name: &str) -> Harness {
    let mut h = Harness::demo(120, 40);
    h.select(name);
    h.keys("O").answer_loads();
    assert_eq!(h.app.screen(), Screen::Orgs);
    h
}

/// The names on screen, in order, as drawn (trimmed).
fn names(h: &Harness) -> Vec<String> {
    h.lines()
        .iter()
        .skip(4)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            l.split("  ")
                .find(|s| !s.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn the_tree_opens_two_levels_deep_and_the_arrows_walk_it() {
    let mut h = tree_of("Stark Industries");
    assert_eq!(names(&h), ["▾ Stark Global", "▸ Stark EMEA"]);
    h.keys("j<Right>");
    assert_eq!(names(&h).len(), 3, "EMEA opened: {:?}", names(&h));
    h.keys("<Right>");
    assert!(h.text().contains("Stark Germany"));
    let sel = |h: &Harness| {
        alto::tui::update::orgs::tree(&h.app)
            .unwrap()
            .selected()
            .unwrap()
            .name
            .clone()
    };
    assert_eq!(
        sel(&h),
        "Stark Germany",
        "→ on an open one goes to its first child"
    );
    h.keys("<Left>");
    assert_eq!(
        sel(&h),
        "Stark EMEA",
        "← on a closed one goes to the parent"
    );
    h.keys("<Left>");
    assert_eq!(names(&h).len(), 2, "← closed EMEA");
    h.keys("+");
    assert_eq!(names(&h).len(), 10, "every level: {:?}", names(&h));
    h.keys("-");
    assert_eq!(names(&h), ["▸ Stark Global"]);
    h.keys("<Space>");
    assert_eq!(names(&h).len(), 2);
}

#[test]
fn l_and_h_expand_and_collapse_here_and_the_api_log_stays_a_palette_away() {
    let mut h = tree_of("Stark Industries");
    h.keys("jl");
    assert_eq!(h.app.screen(), Screen::Orgs, "l did not open the API log");
    assert_eq!(names(&h).len(), 3);
    h.keys("h");
    assert_eq!(names(&h).len(), 2);
    h.keys(":log<Enter>");
    assert_eq!(h.app.screen(), Screen::ApiLog);
}

#[test]
fn the_filter_keeps_the_path_to_each_match_and_esc_clears_it() {
    let mut h = tree_of("Stark Industries");
    h.keys("/shelf");
    let shown = names(&h);
    assert_eq!(shown.len(), 10, "{shown:?}");
    assert!(shown[0].contains("Stark Global"));
    assert!(h.text().contains("Stark Global  (path)"));
    assert!(h.text().contains("1 match"));
    assert!(shown[9].contains("Shelf 1") && !shown[9].contains("(path)"));
    h.keys("<Enter>");
    assert!(
        !alto::tui::layers::typing(&h.app),
        "Enter ends the typing, keeps the filter"
    );
    h.keys("<Esc>");
    assert_eq!(names(&h).len(), 2, "Esc cleared it");
    assert_eq!(h.app.screen(), Screen::Orgs);
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspaces);
}

#[test]
fn the_detail_shows_gauges_in_words_and_the_capacity_that_binds() {
    let mut h = tree_of("Stark Industries");
    h.keys("/building 3<Enter>");
    // The last visible row is Building 3 itself.
    h.keys("<End><Enter>");
    assert_eq!(h.app.screen(), Screen::Org);
    let text = h.text();
    assert!(text.contains("Organization Building 3"), "{text}");
    assert!(text.contains("5 of 8 · 62%"), "{text}");
    assert!(text.contains("50 of 66 · 75%"), "{text}");
    assert!(text.contains("SSO        disabled"), "{text}");
    assert!(text.contains("loading…"), "capacity asked for: {text}");
    h.answer_loads();
    let text = h.text();
    assert!(text.contains("3 free of 8"), "{text}");
    assert!(
        text.contains("Bound by   organization Building 3"),
        "{text}"
    );
}

#[test]
fn the_report_is_saved_where_asked_and_an_existing_file_needs_a_second_enter() {
    let mut h = tree_of("Black Mesa");
    h.take_cmds();
    h.keys("p");
    assert!(
        h.text().contains("usage-black-mesa-2025-11.pdf"),
        "{}",
        h.text()
    );
    h.keys("<C-u>/tmp/report.pdf<Enter>");
    let cmds = h.take_cmds();
    let [
        Cmd::Org(OrgCmd::SaveReport {
            req, path, replace, ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    assert_eq!(
        (path.to_str().unwrap(), *replace),
        ("/tmp/report.pdf", false)
    );
    h.keys("<Enter>");
    assert!(h.take_cmds().is_empty(), "one save at a time");
    h.send(Msg::Org(OrgMsg::Saved {
        req: *req,
        result: Err(SaveProblem {
            exists: true,
            message: "/tmp/report.pdf exists: Enter again replaces it, or change the name.".into(),
        }),
    }));
    assert!(
        h.text().contains("⚠ /tmp/report.pdf exists"),
        "{}",
        h.text()
    );
    h.keys("<Enter>");
    let cmds = h.take_cmds();
    let [
        Cmd::Org(OrgCmd::SaveReport {
            req, replace: true, ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("the second Enter replaces: {cmds:?}")
    };
    h.send(Msg::Org(OrgMsg::Saved {
        req: *req,
        result: Ok(("/tmp/report.pdf".into(), 40_000)),
    }));
    assert!(h.app.boxes.save_box().is_none());
    assert!(
        h.text()
            .contains("Saved the usage report (40 KiB) to /tmp/report.pdf")
    );
    // Editing the path forgets the yes.
    h.keys("p<Enter>");
    let req = h.req_of(|c| matches!(c, Cmd::Org(OrgCmd::SaveReport { .. })));
    h.send(Msg::Org(OrgMsg::Saved {
        req,
        result: Err(SaveProblem {
            exists: true,
            message: "exists".into(),
        }),
    }));
    h.keys("x<Enter>");
    let cmds = h.take_cmds();
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::Org(OrgCmd::SaveReport { replace: false, .. })]
        ),
        "{cmds:?}"
    );
}

#[test]
fn orgs_open_from_the_palette_and_a_failed_load_says_why() {
    let mut h = Harness::demo(100, 30);
    h.select("ACME Corporation");
    h.keys(":orgs<Enter>");
    assert_eq!(h.app.screen(), Screen::Orgs);
    let req = h.req_of(|c| matches!(c, Cmd::Org(OrgCmd::Load { .. })));
    let ws = h.app.session.current.as_ref().unwrap().id.clone();
    h.send(Msg::Org(OrgMsg::Loaded {
        req,
        workspace_id: ws,
        result: Err(alto::api::ApiError::Status {
            status: 500,
            body: Box::default(),
        }),
    }));
    assert!(
        h.text().contains("Could not load the organizations"),
        "{}",
        h.text()
    );
    h.keys("r").answer_loads();
    assert!(h.text().contains("ACME Corporation"));
    assert!(h.text().contains("Engineering Department"));
}

fn writes(h: &mut Harness) -> Vec<(u64, alto::tui::ops::WriteOp)> {
    h.take_cmds()
        .into_iter()
        .filter_map(|c| match c {
            Cmd::SendWrite { req, op, .. } => Some((req, op)),
            _ => None,
        })
        .collect()
}

fn written(
    h: &mut Harness,
    req: u64,
    result: Result<alto::tui::msg::Written, alto::api::ApiError>,
) {
    h.send(testing::written(req, result));
}

#[test]
fn n_makes_a_top_level_organization_once_the_rules_and_the_box_say_yes() {
    use alto::tui::ops::WriteOp;
    let mut h = tree_of("ACME Corporation");
    h.take_cmds();
    h.keys("n");
    assert!(
        h.text().contains("New organization (top level)"),
        "{}",
        h.text()
    );
    assert!(
        !h.text().contains("Billing account"),
        "pooled: no account asked"
    );
    h.keys("<Enter>");
    assert!(
        h.text().contains("The name field is required."),
        "{}",
        h.text()
    );
    h.keys("Operations<Tab>5<Tab><Tab>0<Enter>");
    assert!(h.text().contains("Create organization?"), "{}", h.text());
    h.keys("<Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::CreateOrg { parent: None, body })] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(body.name, "Operations");
    let limits = body.limits.clone().unwrap();
    assert_eq!((limits["locations"], limits["sso"]), (Some(5), Some(0)));
    assert!(
        !limits.contains_key("users"),
        "empty is left out: {limits:?}"
    );
    let mut made = h.store.orgs.values().next().unwrap()[0].clone();
    made.id = "org_new0000000000001".into();
    made.name = "Operations".into();
    made.parent_org_id = None;
    written(
        &mut h,
        *req,
        Ok(alto::tui::msg::Written::Org(Box::new(made))),
    );
    assert!(
        h.text().contains("Created organization Operations"),
        "{}",
        h.text()
    );
    let sel = alto::tui::update::orgs::tree(&h.app)
        .unwrap()
        .selected()
        .unwrap()
        .name
        .clone();
    assert_eq!(sel, "Operations", "the cursor is on the new one");
}

#[test]
fn a_root_in_assigned_mode_needs_one_of_the_workspaces_accounts() {
    use alto::tui::ops::WriteOp;
    let mut h = tree_of("Wayne Enterprises");
    h.take_cmds();
    h.keys("n");
    assert!(
        h.cmds.iter().any(|c| matches!(c, Cmd::LoadAccounts { .. })),
        "accounts asked for"
    );
    h.answer_loads();
    h.keys("Arkham<Enter>");
    assert!(
        h.text()
            .contains("The billing account id field is required"),
        "{}",
        h.text()
    );
    h.keys("<Tab><Right>");
    let first = h.accounts_named("Wayne Enterprises")[0].id.clone();
    assert!(h.text().contains(&first), "{}", h.text());
    h.keys("<Enter><Enter>");
    let w = writes(&mut h);
    let [(_, WriteOp::CreateOrg { body, .. })] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(body.billing_account_id.as_deref(), Some(first.as_str()));
}

#[test]
fn e_sends_only_what_changed_and_d_asks_with_cancel_first() {
    use alto::tui::ops::WriteOp;
    let mut h = tree_of("ACME Corporation");
    h.take_cmds();
    h.keys("j");
    assert!(h.text().contains("Engineering Department"));
    h.keys("e");
    assert!(
        h.text().contains("Change Engineering Department"),
        "{}",
        h.text()
    );
    // Users 50 → 60, SSO 0 (disabled) → empty (no limit).
    h.keys("<Tab><Tab><C-u>60<Tab><C-u><Enter>");
    assert!(h.text().contains("Save organization?"), "{}", h.text());
    h.keys("<Enter>");
    let w = writes(&mut h);
    let [(_, WriteOp::UpdateOrg { patch, .. })] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(
        serde_json::to_string(patch).unwrap(),
        r#"{"limits":{"sso":null,"users":60}}"#
    );
    // A fresh console for the delete (the update above is in flight).
    let mut h = tree_of("ACME Corporation");
    h.take_cmds();
    h.keys("jd");
    let text = h.text();
    assert!(text.contains("Delete organization?"), "{text}");
    assert!(text.contains("and the organization below it"), "{text}");
    assert!(text.contains("› Cancel ‹"), "{text}");
    h.keys("<Enter>");
    assert!(writes(&mut h).is_empty(), "Enter alone deletes nothing");
    h.keys("d<Tab><Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::DeleteOrg(_))] = w.as_slice() else {
        panic!("{w:?}")
    };
    let body = serde_json::json!({"type": "conflict_error", "code": "organization_has_usage",
        "message": "Cannot delete organization 'Engineering Department' because it or its descendants have active resource usage."});
    let e = alto::api::ApiError::Status {
        status: 409,
        body: Box::new(alto::api::ErrorBody::parse(body.to_string().as_bytes())),
    };
    written(&mut h, *req, Err(e));
    let err = h.app.boxes.error().cloned().unwrap();
    assert!(
        err.text.contains("organization_has_usage") && err.text.contains("active resource usage"),
        "{err:?}"
    );
}

#[test]
fn a_lost_answer_to_a_delete_is_looked_up_in_the_tree_first() {
    use alto::tui::ops::WriteOp;
    let mut h = tree_of("ACME Corporation");
    h.take_cmds();
    h.keys("+<End>d<Tab><Enter>");
    let w = writes(&mut h);
    let [(req, WriteOp::DeleteOrg(id))] = w.as_slice() else {
        panic!("{w:?}")
    };
    let id = id.clone();
    let lost = alto::api::ApiError::Timeout {
        url: "u".into(),
        after: std::time::Duration::from_secs(1),
    };
    written(&mut h, *req, Err(lost));
    let cmds = h.take_cmds();
    assert!(
        matches!(cmds.as_slice(), [Cmd::Org(OrgCmd::Load { .. })]),
        "the tree again: {cmds:?}"
    );
    h.keys("d");
    assert!(
        !h.text().contains("Delete organization?"),
        "nothing asked while it is looked up"
    );
    // The server did delete it.
    let ws = h.app.session.current.as_ref().unwrap().id.clone();
    h.store.orgs.get_mut(&ws).unwrap().retain(|o| o.id != id);
    h.cmds = cmds;
    h.answer_loads();
    assert!(
        h.text().contains("the server shows it done"),
        "{}",
        h.text()
    );
}

#[test]
fn after_a_delete_the_cursor_is_on_the_parent_or_the_next_row_never_the_top() {
    use alto::tui::msg::Written;
    let mut h = tree_of("Wayne Enterprises");
    h.take_cmds();
    let sel = |h: &Harness| {
        alto::tui::update::orgs::tree(&h.app)
            .unwrap()
            .selected()
            .unwrap()
            .name
            .clone()
    };
    h.keys("jjd<Tab><Enter>");
    let w = writes(&mut h);
    written(&mut h, w[0].0, Ok(Written::OrgDeleted));
    assert!(h.text().contains("Deleted Wayne Aerospace"), "{}", h.text());
    assert_eq!(sel(&h), "Wayne Biotech", "the row that took its place");
    let mut h = tree_of("ACME Corporation");
    h.take_cmds();
    h.keys("+<End>");
    assert_eq!(sel(&h), "Sales");
    h.keys("d<Tab><Enter>");
    let w = writes(&mut h);
    written(&mut h, w[0].0, Ok(Written::OrgDeleted));
    assert_eq!(sel(&h), "ACME Corporation", "its parent");
}
