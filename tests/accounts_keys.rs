//! The key contract through the real key path (screens::handle_key, then
//! update), on the one harness: keys in, commands and screen lines out.

use alto::tui::app::Screen;
use alto::tui::msg::NavMsg;
use alto::tui::msg::{Cmd, Move, Msg};
use alto::tui::ops::WriteOp;
use alto::tui::testing;
use alto::tui::testing::Harness;

/// The value on the detail row labelled `label`.
fn row(h: &Harness, label: &str) -> String {
    let lines = h.lines();
    let line = lines
        .iter()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row:\n{}", lines.join("\n")));
    line.trim_start()[label.len()..].trim().to_string()
}

fn copied(h: &mut Harness) -> Vec<(&'static str, String)> {
    h.take_cmds()
        .into_iter()
        .filter_map(|c| match c {
            Cmd::Copy { what, text } => Some((what, text)),
            _ => None,
        })
        .collect()
}

#[test]
fn v_shows_a_workspace_from_its_declaration_and_esc_comes_back() {
    let mut h = Harness::demo(100, 30);
    h.select("ACME Corporation");
    let id = h.app.selected_workspace().unwrap().id.clone();
    h.keys("v");
    assert_eq!(h.app.screen(), Screen::WorkspaceDetail);
    let text = h.text();
    for row in ["Workspace ACME Corporation", "Billing mode", "Created", &id] {
        assert!(text.contains(row), "{row} missing:\n{text}");
    }
    assert_eq!(row(&h, "Accounts"), "—", "not loaded yet");
    h.keys("yY");
    let copies = copied(&mut h);
    assert_eq!(copies[0], ("the workspace id", id.clone()));
    assert!(copies[1].1.contains(&format!("\"id\": \"{id}\"")));
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspaces);

    // From the workspace itself, with its accounts loaded: the count shows.
    h.keys("<Enter>").answer_loads().keys("v");
    assert_eq!(h.app.screen(), Screen::WorkspaceDetail);
    let n = h.accounts_named("ACME Corporation").len();
    assert_eq!(row(&h, "Accounts"), n.to_string());
    h.keys("<Esc>");
    assert_eq!(
        h.app.screen(),
        Screen::Workspace,
        "back where v was pressed"
    );
    h.keys("v<Enter>");
    assert_eq!(
        h.app.screen(),
        Screen::Workspace,
        "Enter opens its accounts"
    );
}

#[test]
fn y_and_capital_y_copy_the_selected_row_of_either_list() {
    let mut h = Harness::demo(100, 30);
    h.select("ACME Corporation");
    let ws = h.app.selected_workspace().unwrap().id.clone();
    h.keys("y");
    assert_eq!(copied(&mut h), vec![("the workspace id", ws)]);
    h.keys("<Enter>").answer_loads().keys("j");
    let second = h.accounts_named("ACME Corporation")[1].clone();
    h.keys("yY");
    let copies = copied(&mut h);
    assert_eq!(copies[0], ("the account id", second.id.clone()));
    assert!(copies[1].1.contains(&second.email), "{}", copies[1].1);
}

#[test]
fn a_help_box_taller_than_the_screen_scrolls_and_keeps_its_keys() {
    let mut h = Harness::demo(80, 24);
    h.keys("?");
    let first = h.text();
    assert!(first.contains("(1-18 of 33 lines)"), "{first}");
    assert!(!first.contains("Ctrl+C"), "the last row is below:\n{first}");
    h.keys(&"<Down>".repeat(15));
    let end = h.text();
    assert!(end.contains("(16-33 of 33 lines)"), "{end}");
    assert!(end.contains("quit from anywhere"), "{end}");
    assert!(end.contains("? or Esc closes this help"), "keys stay");
    h.keys("<Home>");
    assert!(h.text().contains("(1-18 of 33 lines)"));
    h.keys("?");
    assert!(!h.app.boxes.help());
    h.keys("?");
    assert!(h.text().contains("(1-18 of 33 lines)"), "opens at the top");
}

#[test]
fn list_keys_move_jump_and_reload_through_the_key_path() {
    let mut h = Harness::demo(80, 24);
    let n = h.app.session.workspaces.items.len();
    for (key, mv) in [
        ("j", Move::Down),
        ("<Down>", Move::Down),
        ("k", Move::Up),
        ("<PgDn>", Move::PageDown),
        ("<PgUp>", Move::PageUp),
        ("<End>", Move::End),
        ("<Home>", Move::Home),
    ] {
        assert!(
            matches!(h.key_msg(key), Some(Msg::Nav(NavMsg::Move(m))) if m == mv),
            "{key}"
        );
    }
    h.keys("<End>");
    assert_eq!(h.app.session.workspaces.sel.selected, n - 1);
    h.keys("<PgUp>");
    assert_eq!(
        h.app.session.workspaces.sel.selected,
        (n - 1).saturating_sub(alto::tui::layout::rows(&h.app))
    );
    h.keys("r");
    assert!(
        matches!(h.cmds.as_slice(), [Cmd::LoadWorkspaces { .. }]),
        "{:?}",
        h.cmds
    );
}

#[test]
fn q_quits_only_when_not_typing() {
    let mut h = Harness::demo(80, 24);
    h.keys("/q");
    assert!(!h.app.quit, "q is text in the filter");
    assert_eq!(h.app.session.workspaces.filter.value(), "q");
    h.keys("<Esc>n");
    assert_eq!(h.app.screen(), Screen::Form);
    h.keys("q");
    assert!(!h.app.quit, "q is text in the form");
    h.keys("<Esc><Esc>q");
    assert!(h.app.quit);
}

/// Fills the new-account form of Soylent Foods by keys and sends it.
fn submit_by_keys(h: &mut Harness) -> Cmd {
    h.select("Soylent Foods").keys("n").answer_loads();
    h.keys("ACME<Tab>a@b.example<C-s>");
    let cmds = h.take_cmds();
    cmds.into_iter()
        .find(|c| {
            matches!(
                c,
                Cmd::SendWrite {
                    op: WriteOp::CreateAccount { .. },
                    ..
                }
            )
        })
        .expect("Ctrl+S sends the create")
}

#[test]
fn update_is_deterministic_even_for_idempotency_keys() {
    let first = submit_by_keys(&mut Harness::demo(80, 24));
    let second = submit_by_keys(&mut Harness::demo(80, 24));
    assert_eq!(first, second, "same inputs, same commands, same key");
    let Cmd::SendWrite {
        key,
        op: WriteOp::CreateAccount { body, .. },
        ..
    } = &first
    else {
        unreachable!()
    };
    assert_eq!(body.name, "ACME");
    assert_eq!(body.email, "a@b.example");
    assert!(uuid::Uuid::parse_str(key).is_ok_and(|u| u.get_version_num() == 4));

    // Another session (another seed) never reuses the key.
    let mut other = Harness::demo(80, 24);
    other.app.ctx.key_seed ^= 1 << 100;
    let Cmd::SendWrite {
        key: other_key,
        op: WriteOp::CreateAccount { .. },
        ..
    } = submit_by_keys(&mut other)
    else {
        unreachable!()
    };
    assert_ne!(&other_key, key);
}

#[test]
fn g_space_and_shift_tab_work_through_the_key_path() {
    let mut h = Harness::demo(100, 30);
    h.keys("g");
    assert!(h.app.session.workspaces.goto.is_some(), "g opens go-to-id");
    h.keys("ws_nope<Enter>");
    assert!(
        matches!(h.cmds.as_slice(), [Cmd::LoadWorkspace { id, .. }] if id == "ws_nope"),
        "{:?}",
        h.cmds
    );
    h.take_cmds();
    h.keys("<Esc>");
    h.select("Soylent Foods").keys("n").answer_loads();
    let focus = |h: &Harness| h.app.form().unwrap().focus;
    assert_eq!(focus(&h), 0);
    h.keys("<Tab><Tab><Tab><Tab>");
    assert_eq!(focus(&h), alto::rules::Field::Currency as usize);
    h.keys("<Space>");
    assert!(
        h.app.form().unwrap().picker.is_some(),
        "Space opens the dropdown"
    );
    h.keys("<Esc><S-Tab>");
    assert_eq!(focus(&h), alto::rules::Field::Description as usize);
}

#[test]
fn a_429_without_retry_after_counts_down_from_30_seconds() {
    let mut h = Harness::demo(80, 24);
    let Cmd::SendWrite {
        req,
        at: _,
        op: WriteOp::CreateAccount { .. },
        ..
    } = submit_by_keys(&mut h)
    else {
        unreachable!()
    };
    h.send(testing::account_created(
        req,
        jiff::Timestamp::UNIX_EPOCH,
        Err(alto::api::ApiError::RateLimited {
            retry_after: None,
            body: Box::default(),
        }),
    ));
    assert_eq!(h.app.form().unwrap().retry_in, Some(30));
    h.send(Msg::Second);
    assert_eq!(h.app.form().unwrap().retry_in, Some(29));
    assert!(
        h.text().contains("Rate limited (429): nothing was created"),
        "{}",
        h.text()
    );
}

#[test]
fn esc_goes_back_down_the_screens_the_user_opened() {
    let mut h = Harness::demo(100, 30);
    h.select("ACME Corporation");
    h.keys("<Enter>").answer_loads().keys("<Enter>");
    assert_eq!(h.app.screen(), Screen::Detail);
    // The panes open over the detail; one over the other takes its place.
    h.keys("Ll");
    assert_eq!(h.app.screen(), Screen::ApiLog);
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Detail, "both panes left at once");
    // A new account from the detail pane: Esc comes back to that account.
    h.keys("n");
    assert_eq!(h.app.screen(), Screen::Form);
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Detail);
    h.keys("v");
    assert_eq!(h.app.screen(), Screen::Detail, "v is not a detail-pane key");
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspace);
    h.keys("<Esc><Esc><Esc>");
    assert_eq!(h.app.screen(), Screen::Workspaces, "the bottom stays");
    assert_eq!(h.app.session.screens.as_slice(), [Screen::Workspaces]);
}

#[test]
fn a_created_account_is_shown_over_its_workspace_wherever_the_form_opened() {
    let mut h = Harness::demo(100, 30);
    h.select("Globex EU");
    // `n` straight from the workspaces list.
    h.keys("n").answer_loads();
    assert_eq!(h.app.screen(), Screen::Form);
    h.keys("Stack Test<Tab>stack@example.com<C-s>");
    let req = h.req_of(|c| {
        matches!(
            c,
            Cmd::SendWrite {
                op: WriteOp::CreateAccount { .. },
                ..
            }
        )
    });
    let ws = h.app.session.current.clone().unwrap().id;
    let mut account = h.accounts_named("ACME Corporation")[0].clone();
    account.id = "cus_STACK0000001".into();
    account.workspace_id = ws.clone();
    account.name = "Stack Test".into();
    h.send(testing::account_created(
        req,
        jiff::Timestamp::UNIX_EPOCH,
        Ok(account),
    ));
    assert_eq!(h.app.screen(), Screen::Detail);
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspace, "its workspace's list");
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspaces);
}

#[test]
fn m_lists_the_workspaces_members_with_roles_as_words_and_your_own_row_marked() {
    let mut h = Harness::demo(100, 30);
    h.select("Initech Legacy");
    h.keys("M").answer_loads();
    assert_eq!(h.app.screen(), Screen::Members);
    let text = h.text();
    assert!(
        text.contains("Initech Legacy") && text.contains("Members 4"),
        "{text}"
    );
    let mine = text
        .lines()
        .find(|l| l.contains("← you"))
        .expect("your row");
    assert!(
        mine.contains("auth0|64f5a6b7c8d9e0f1a2b3c4d5") && mine.contains("◆ admin"),
        "{mine}"
    );
    assert!(
        text.contains("★ owner") && text.contains("· viewer"),
        "{text}"
    );
    h.keys("y");
    let copied = h.take_cmds().into_iter().find_map(|c| match c {
        Cmd::Copy { text, .. } => Some(text),
        _ => None,
    });
    assert_eq!(copied.as_deref(), Some("auth0|64f5a6b7c8d9e0f1a2b3c4d5"));
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspaces);
    // From the workspace itself, and through the palette.
    h.keys("<Enter>")
        .answer_loads()
        .keys(":members<Enter>")
        .answer_loads();
    assert_eq!(h.app.screen(), Screen::Members);
}

#[test]
fn what_the_console_creates_changes_and_deletes_is_in_its_index_at_once() {
    let mut h = Harness::demo(100, 30);
    let Cmd::SendWrite {
        req,
        at,
        op: WriteOp::CreateAccount { .. },
        ..
    } = submit_by_keys(&mut h)
    else {
        unreachable!()
    };
    let found = |h: &Harness, q: &str| {
        alto::index::search::find(&h.app.session.find.index, q, 10)
            .hits
            .len()
    };
    assert_eq!(found(&h, "a@b.example"), 0);
    let mut account = h.accounts_named("ACME Corporation")[0].clone();
    account.workspace_id = at.workspace_id.clone();
    account.id = "cus_new0000000001".into();
    account.email = "a@b.example".into();
    account.name = "ACME".into();
    h.send(testing::account_created(
        req,
        jiff::Timestamp::UNIX_EPOCH,
        Ok(account.clone()),
    ));
    assert_eq!(found(&h, "a@b.example"), 1, "created: found at once");
    h.keys("d<Tab><Enter>");
    let req = h.req_of(|c| {
        matches!(
            c,
            Cmd::SendWrite {
                op: WriteOp::DeleteAccount(_),
                ..
            }
        )
    });
    h.send(testing::account_deleted(req, Ok(())));
    assert_eq!(found(&h, "a@b.example"), 0, "deleted: gone at once");
}

/// A draft saved for `ws` in `scope`, as the last run left it.
fn left_draft(scope: &str, ws: &alto::api::model::Workspace) -> alto::tui::drafts::Draft {
    alto::tui::drafts::Draft {
        scope: scope.into(),
        workspace: ws.clone(),
        input: alto::rules::AccountInput {
            name: "Old draft".into(),
            email: "old@draft.example".into(),
            ..Default::default()
        },
        idempotency_key: None,
        sent_at: None,
        saved_at: "2026-10-29T00:41:00Z".into(),
    }
}

#[test]
fn a_draft_is_offered_only_to_its_own_api_and_profile() {
    let mut h = Harness::demo(100, 30);
    h.select("Soylent Foods");
    let ws = h.app.selected_workspace().unwrap().clone();
    // Typed against another server whose workspace has the same id.
    let other = alto::tui::drafts::scope(false, "prod", "https://api.example.com");
    let d = left_draft(&other, &ws);
    h.app.saved_drafts.insert(d.key(), d);
    h.keys("n").answer_loads();
    assert!(h.app.form().unwrap().offer.is_none(), "{}", h.text());
    // The demo's own (whatever its port) is offered.
    let mut h = Harness::demo(100, 30);
    h.select("Soylent Foods");
    let demo = alto::tui::drafts::scope(true, "demo", "http://127.0.0.1:1");
    assert_eq!(h.app.ctx.draft_scope(), demo);
    let d = left_draft(&demo, &ws);
    h.app.saved_drafts.insert(d.key(), d);
    h.keys("n").answer_loads();
    assert!(h.app.form().unwrap().offer.is_some(), "{}", h.text());
}

#[test]
fn a_name_typed_over_the_draft_box_neither_restores_nor_discards() {
    let mut h = Harness::demo(100, 30);
    h.select("Soylent Foods");
    let ws = h.app.selected_workspace().unwrap().clone();
    let d = left_draft(&h.app.ctx.draft_scope(), &ws);
    h.app.saved_drafts.insert(d.key(), d);
    h.keys("n").answer_loads();
    h.keys("Confirm Sandy Corry");
    let f = h.app.form().unwrap();
    assert!(f.offer.is_some(), "still offered");
    assert!(
        f.is_blank(),
        "nothing restored, nothing typed: {:?}",
        f.input()
    );
    assert!(
        h.text().contains("Draft box: Enter restores"),
        "the box's own hint: {}",
        h.text()
    );
    let cmds = h.take_cmds();
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::DeleteDraft(_))),
        "{cmds:?}"
    );
    // A second later `d` is meant: it asks (and only `y` then discards).
    h.send(Msg::Second);
    h.keys("d");
    assert!(h.app.form().unwrap().discard_asked);
    h.keys("n<Enter>");
    assert_eq!(
        h.app.form().unwrap().value(alto::rules::Field::Name),
        "Old draft"
    );
}

#[test]
fn a_read_whose_screen_is_closed_before_its_answer_is_dropped() {
    use alto::tui::msg::Cmd;
    let mut h = Harness::demo(100, 30);
    h.select("ACME Corporation");
    h.take_cmds();
    h.keys("<Enter>");
    let asked = h
        .take_cmds()
        .iter()
        .find_map(|c| match c {
            Cmd::LoadAccounts { req, .. } => Some(*req),
            _ => None,
        })
        .expect("the workspace's accounts asked for");
    // Back before the answer: the read is dropped, not sent later.
    h.keys("<Esc>");
    let cmds = h.take_cmds();
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Cmd::DropReads(reqs) if reqs.contains(&asked))),
        "{cmds:?}"
    );
    // A read of a screen still open is kept.
    h.keys("<Enter>");
    let cmds = h.take_cmds();
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::DropReads(_))),
        "{cmds:?}"
    );
}
