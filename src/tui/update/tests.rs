//! `update` for every message: state in, message, state and commands out.
//! What a user does goes in as keys (`press`, the real key path); the
//! API's answers and the terminal's events as the messages they are.

use super::*;
use crate::api::model::{BillingAccount, BillingAccountList, WorkspaceList};
use crate::api::{ApiError, ErrorBody};
use crate::sandbox::seed;
use crate::tui::app::{Context, Screen, StatusKind};
use crate::tui::form::CREATE_BUTTON;
use crate::tui::msg::{ApiMsg, BoxMsg, CopyMsg, FormMsg, NavMsg, PaletteMsg};
use crate::tui::ops::WriteOp;
use crate::tui::testing;
use crate::tui::write::Phase;
use std::time::Duration;

fn sent() -> jiff::Timestamp {
    "2025-10-29T00:40:00Z".parse().unwrap()
}

fn ctx() -> Context {
    Context::fixed()
}

fn demo_list() -> WorkspaceList {
    seed::demo_workspaces()
}

/// An app whose workspace list has loaded (the demo data).
fn loaded() -> App {
    crate::tui::testing::Harness::demo(80, 24).app
}

/// `text` typed key by key through the real key path.
fn type_text(app: &mut App, text: &str) {
    press(app, &text.replace('<', "<lt>"));
}

/// Keys through the real key path (`screens::handle_key`, then `update`),
/// as a user presses them; each must mean something where it is pressed.
fn press(app: &mut App, spec: &str) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    for key in testing::parse_keys(spec) {
        let msg = crate::tui::screens::handle_key(app, key)
            .unwrap_or_else(|| panic!("{spec}: {key:?} means nothing on {:?}", app.screen()));
        cmds.extend(update(app, msg));
    }
    cmds
}

fn status(status: u16, body: &str) -> ApiError {
    ApiError::Status {
        status,
        body: Box::new(ErrorBody::parse(body.as_bytes())),
    }
}

fn select(app: &mut App, name: &str) {
    let mut h = crate::tui::testing::Harness::new(80, 24);
    h.app = std::mem::replace(app, App::new(ctx(), (80, 24), true));
    h.select(name);
    *app = h.app;
}

/// Opens the form for `name` and answers its accounts request with `accounts`.
fn open_form(app: &mut App, name: &str, accounts: Vec<BillingAccount>) {
    select(app, name);
    let cmds = update(app, Msg::Nav(NavMsg::NewAccount));
    assert_eq!(app.screen(), Screen::Form);
    for cmd in cmds {
        if let Cmd::LoadAccounts { req, workspace_id } = cmd {
            let result = Ok(BillingAccountList {
                data: accounts.clone(),
                has_more: false,
            });
            update(
                app,
                Msg::Api(ApiMsg::AccountsLoaded {
                    req,
                    workspace_id,
                    result,
                }),
            );
        }
    }
}

/// Fills name and email and submits; returns the request id.
fn fill_and_submit(app: &mut App) -> (u64, Vec<Cmd>) {
    type_text(app, "ACME Corp (EU)");
    update(app, Msg::Form(FormMsg::FocusNext));
    type_text(app, "billing@acme.com");
    let cmds = update(app, Msg::Form(FormMsg::Submit));
    match cmds.as_slice() {
        [
            Cmd::SendWrite {
                req,
                op: WriteOp::CreateAccount { .. },
                ..
            },
        ] => (*req, cmds),
        other => panic!("expected one create, got {other:?}"),
    }
}

fn account(ws: &str) -> BillingAccount {
    BillingAccount {
        id: "cus_TEST000000001".into(),
        workspace_id: ws.into(),
        name: "ACME Corp (EU)".into(),
        email: "billing@acme.com".into(),
        phone: None,
        description: None,
        currency: Some("usd".into()),
        address: None,
        created_at: "2025-10-29T00:40:06.000000Z".into(),
        updated_at: "2025-10-29T00:40:06.000000Z".into(),
    }
}

#[test]
fn init_loads_with_a_token_and_asks_without() {
    let mut app = App::new(ctx(), (80, 24), true);
    assert!(matches!(
        init(&mut app).as_slice(),
        [Cmd::LoadWorkspaces { .. }]
    ));
    assert!(app.session.workspaces.load.is_loading());
    assert!(app.busy());
    let mut app = App::new(ctx(), (80, 24), false);
    assert!(init(&mut app).is_empty());
    assert!(app.boxes.token_prompt().is_some());
}

#[test]
fn workspaces_loaded_preselects_the_last_used() {
    let mut app = App::new(ctx(), (80, 24), true);
    let hooli = demo_list()
        .data
        .into_iter()
        .find(|w| w.name == "Hooli")
        .unwrap();
    app.session.workspaces.preselect = Some(hooli.id.clone());
    let req = match init(&mut app).as_slice() {
        [Cmd::LoadWorkspaces { req }] => *req,
        _ => unreachable!(),
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspacesLoaded {
            req,
            result: Ok(demo_list()),
        }),
    );
    assert_eq!(app.session.workspaces.load, Load::Loaded);
    assert_eq!(app.selected_workspace().unwrap().id, hooli.id);
    assert!(!app.busy());
}

#[test]
fn stale_and_failed_workspace_answers() {
    let mut app = loaded();
    let before = app.session.workspaces.items.len();
    // An answer to a request nobody waits for changes nothing.
    let empty = WorkspaceList {
        data: vec![],
        has_more: false,
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspacesLoaded {
            req: 999,
            result: Ok(empty),
        }),
    );
    assert_eq!(app.session.workspaces.items.len(), before);
    // Reload, then a failure: the old list stays, the error is kept.
    let req = match press(&mut app, "r").as_slice() {
        [Cmd::LoadWorkspaces { req }] => *req,
        other => panic!("{other:?}"),
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspacesLoaded {
            req,
            result: Err(status(500, "boom")),
        }),
    );
    assert_eq!(app.session.workspaces.items.len(), before);
    assert!(matches!(app.session.workspaces.load, Load::Failed(ref e) if e.contains("500")));
}

#[test]
fn unauthorised_list_asks_for_a_token_then_reloads() {
    let mut app = App::new(ctx(), (80, 24), true);
    let req = match init(&mut app).as_slice() {
        [Cmd::LoadWorkspaces { req }] => *req,
        _ => unreachable!(),
    };
    let e = status(
        401,
        r#"{"message":"Unauthorized or invalid token provided."}"#,
    );
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspacesLoaded {
            req,
            result: Err(e),
        }),
    );
    assert!(app.boxes.token_prompt().is_some());
    for c in "sekrit".chars() {
        press(&mut app, &c.to_string());
    }
    let cmds = press(&mut app, "<Enter>");
    assert!(matches!(&cmds[0], Cmd::UseToken(t) if t.expose() == "sekrit"));
    assert!(matches!(cmds[1], Cmd::LoadWorkspaces { .. }));
    assert!(app.boxes.token_prompt().is_none());
    // An empty token is refused and the prompt stays.
    app.boxes.set_token_prompt(Some(Input::default()));
    assert!(press(&mut app, "<Enter>").is_empty());
    assert!(app.boxes.token_prompt().is_some());
    press(&mut app, "<Esc>");
    assert!(app.boxes.token_prompt().is_none());
}

#[test]
fn moving_jumps_and_clamps() {
    let mut app = loaded();
    let n = app.session.workspaces.items.len();
    press(&mut app, "<Down>");
    assert_eq!(app.session.workspaces.sel.selected, 1);
    press(&mut app, "<End>");
    assert_eq!(app.session.workspaces.sel.selected, n - 1);
    let height = crate::tui::layout::rows(&app);
    assert!(
        app.session.workspaces.sel.offset + height > n - 1,
        "cursor in view"
    );
    press(&mut app, "<PgUp>");
    assert_eq!(app.session.workspaces.sel.selected, n - 1 - height);
    press(&mut app, "<Home>");
    assert_eq!(
        (
            app.session.workspaces.sel.selected,
            app.session.workspaces.sel.offset
        ),
        (0, 0)
    );
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears() {
    let mut app = loaded();
    let n = app.session.workspaces.items.len();
    press(&mut app, "/");
    assert!(crate::tui::layers::typing(&app));
    for c in "ZA".chars() {
        press(&mut app, &c.to_string());
    }
    let mut names: Vec<&str> = app
        .session
        .workspaces
        .sel
        .visible
        .iter()
        .map(|&i| app.session.workspaces.items[i].name.as_str())
        .collect();
    names.truncate(2);
    names.sort();
    assert_eq!(
        names,
        ["Blue Sun ZA", "Umbrella Health ZA"],
        "substring matches first"
    );
    press(&mut app, "<Enter>");
    assert!(!crate::tui::layers::typing(&app));
    assert!(
        app.session.workspaces.sel.visible.len() < n,
        "filter stays after Enter"
    );
    // A workspace id matches too.
    let id = app.session.workspaces.items[5].id.clone();
    press(&mut app, "<Esc>");
    assert_eq!(app.session.workspaces.sel.visible.len(), n);
    press(&mut app, "/");
    update(&mut app, Msg::Paste(id.clone()));
    assert_eq!(app.selected_workspace().unwrap().id, id);
    press(&mut app, "<Esc>");
    assert_eq!(app.session.workspaces.filter.value(), "");
}

#[test]
fn narrowing_as_you_type_matches_a_fresh_filter() {
    let mut app = loaded();
    press(&mut app, "/");
    for query in ["c", "co", "cor", "corp", "cor", "c", "", "zeta", "z"] {
        press(&mut app, "<C-u>");
        // Typed one character at a time, as a person would.
        for c in query.chars() {
            press(&mut app, &c.to_string());
        }
        let fresh = list::filter(
            query,
            app.session
                .workspaces
                .items
                .iter()
                .enumerate()
                .map(|(i, w)| (i, [w.name.as_str(), w.id.as_str()])),
        );
        assert_eq!(app.session.workspaces.sel.visible, fresh, "query {query:?}");
    }
}

#[test]
fn goto_takes_a_name_and_says_when_several_or_none_have_it() {
    let mut app = loaded();
    let listed = app.session.workspaces.items[2].clone();
    press(&mut app, "g");
    update(
        &mut app,
        Msg::Paste(format!(" {} ", listed.name.to_uppercase())),
    );
    let cmds = press(&mut app, "<Enter>");
    assert!(matches!(cmds[0], Cmd::LoadAccounts { .. }), "{cmds:?}");
    assert_eq!(app.session.current.as_ref().unwrap().id, listed.id);

    press(&mut app, "<Esc>");
    let mut twin = listed.clone();
    twin.id = "ws_twin".into();
    app.session.workspaces.items.push(twin);
    press(&mut app, "g");
    update(&mut app, Msg::Paste(listed.name.clone()));
    assert!(press(&mut app, "<Enter>").is_empty(), "nothing sent");
    let said = &app.status.as_ref().unwrap().text;
    assert!(
        said.contains("2 workspaces are named") && said.contains("ws_twin"),
        "{said}"
    );
    assert!(
        app.session.workspaces.goto.is_some(),
        "the prompt keeps the name"
    );
    assert_eq!(app.screen(), Screen::Workspaces);

    press(&mut app, "g");
    update(&mut app, Msg::Paste("no such workspace".into()));
    assert!(press(&mut app, "<Enter>").is_empty());
    let said = &app.status.as_ref().unwrap().text;
    assert!(said.starts_with("No workspace is named"), "{said}");
}

#[test]
fn goto_opens_listed_workspaces_at_once_and_looks_others_up() {
    let mut app = loaded();
    let listed = app.session.workspaces.items[3].clone();
    press(&mut app, "g");
    assert!(crate::tui::layers::typing(&app));
    update(&mut app, Msg::Paste(format!("  {}\n", listed.id)));
    let cmds = press(&mut app, "<Enter>");
    assert!(matches!(cmds[0], Cmd::LoadAccounts { .. }));
    assert_eq!(app.screen(), Screen::Workspace);
    assert_eq!(app.session.current.as_ref().unwrap().id, listed.id);

    press(&mut app, "<Esc>");
    press(&mut app, "g");
    update(&mut app, Msg::Paste("ws_hidden".into()));
    let req = match press(&mut app, "<Enter>").as_slice() {
        [Cmd::LoadWorkspace { req, id }] if id == "ws_hidden" => *req,
        other => panic!("{other:?}"),
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspaceLoaded {
            req,
            result: Err(status(404, r#"{"message":"Workspace not found."}"#)),
        }),
    );
    assert_eq!(app.screen(), Screen::Workspaces);
    assert!(
        app.session.workspaces.goto.is_some(),
        "prompt stays to fix the id"
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    let req = match press(&mut app, "<Enter>").as_slice() {
        [Cmd::LoadWorkspace { req, .. }] => *req,
        other => panic!("{other:?}"),
    };
    let mut hidden = listed.clone();
    hidden.id = "ws_hidden".into();
    let cmds = update(
        &mut app,
        Msg::Api(ApiMsg::WorkspaceLoaded {
            req,
            result: Ok(hidden),
        }),
    );
    assert_eq!(app.screen(), Screen::Workspace);
    assert!(app.session.workspaces.goto.is_none());
    assert!(cmds.contains(&Cmd::RememberWorkspace("ws_hidden".into())));
}

#[test]
fn open_workspace_loads_its_accounts_and_ignores_stale_ones() {
    let mut app = loaded();
    select(&mut app, "Hooli");
    let cmds = press(&mut app, "<Enter>");
    let (req, ws) = match &cmds[..] {
        [
            Cmd::LoadAccounts { req, workspace_id },
            Cmd::RememberWorkspace(_),
        ] => (*req, workspace_id.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(app.screen(), Screen::Workspace);
    let list = |n: usize| BillingAccountList {
        data: (0..n).map(|_| account(&ws)).collect(),
        has_more: false,
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::AccountsLoaded {
            req: req + 100,
            workspace_id: ws.clone(),
            result: Ok(list(9)),
        }),
    );
    assert!(
        app.session.accounts[&ws].items.is_empty(),
        "stale answer ignored"
    );
    update(
        &mut app,
        Msg::Api(ApiMsg::AccountsLoaded {
            req,
            workspace_id: ws.clone(),
            result: Ok(list(3)),
        }),
    );
    assert_eq!(app.session.accounts[&ws].items.len(), 3);
    press(&mut app, "<End>");
    assert_eq!(app.session.account_sel.selected, 2);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Detail);
    assert!(!app.detail_created);
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspace);
    assert!(matches!(
        press(&mut app, "r").as_slice(),
        [Cmd::LoadAccounts { .. }]
    ));
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspaces);
}

#[test]
fn single_workspace_with_its_account_warns_before_the_form() {
    let mut app = loaded();
    open_form(&mut app, "Umbrella Health ZA", vec![account("x")]);
    let ws = app.session.current.clone().unwrap();
    assert!(
        app.workspace_full(&ws)
            .unwrap()
            .contains("single mode allows 1")
    );
    let mut app = loaded();
    open_form(&mut app, "Globex EU", vec![]);
    let ws = app.session.current.clone().unwrap();
    assert_eq!(app.workspace_full(&ws), None);
}

#[test]
fn the_form_is_kept_when_leaving_and_coming_back() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    type_text(&mut app, "Half typed");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspaces);
    assert!(app.status.as_ref().unwrap().text.contains("Form kept"));
    let cmds = press(&mut app, "n");
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::LoadAccounts { .. })),
        "accounts already known"
    );
    assert_eq!(app.form().unwrap().value(Field::Name), "Half typed");
}

#[test]
fn typing_past_a_limit_is_refused_with_a_reason() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    update(&mut app, Msg::Paste("x".repeat(150)));
    assert_eq!(app.form().unwrap().value(Field::Name).chars().count(), 100);
    assert!(app.status.as_ref().unwrap().text.contains("cut to fit"));
    press(&mut app, "y");
    assert_eq!(app.form().unwrap().value(Field::Name).chars().count(), 100);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Name is limited to 100 characters"
    );
}

#[test]
fn leaving_a_field_checks_it_and_focus_wraps() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    press(&mut app, "<Tab>"); // leave Name empty
    let f = app.form().unwrap();
    assert_eq!(
        f.errors[Field::Name as usize].as_deref(),
        Some("The name field is required.")
    );
    assert_eq!(f.focus, Field::Email as usize);
    press(&mut app, "<Up>");
    assert_eq!(app.form().unwrap().focus, Field::Name as usize);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.form().unwrap().focus, CREATE_BUTTON);
    press(&mut app, "<Tab>");
    assert_eq!(app.form().unwrap().focus, 0);
}

#[test]
fn currency_dropdown_filters_and_chooses() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    app.form_mut().unwrap().focus = Field::Currency as usize;
    press(&mut app, "<Enter>");
    assert_eq!(
        app.form().unwrap().picker.as_ref().unwrap().options().len(),
        6
    );
    for c in "pound".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    let f = app.form().unwrap();
    assert_eq!(f.value(Field::Currency), "gbp");
    assert!(f.picker.is_none());
    assert_eq!(
        f.focus,
        Field::Country as usize,
        "focus moves on after choosing"
    );
    // Back to the currency, reopen: the current choice is preselected.
    press(&mut app, "<S-Tab>");
    press(&mut app, "<Enter>");
    let p = app.form().unwrap().picker.clone().unwrap();
    assert_eq!(p.options()[p.selected].value, "gbp");
    press(&mut app, "<Home>");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.form().unwrap().value(Field::Currency),
        "",
        "workspace default"
    );
    // Esc closes an open picker without leaving the form.
    app.form_mut().unwrap().focus = Field::Currency as usize;
    press(&mut app, "<Enter>");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Form);
    assert!(app.form().unwrap().picker.is_none());
}

#[test]
fn country_picker_opens_on_typing_and_clears_on_backspace() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    app.form_mut().unwrap().focus = Field::Country as usize;
    press(&mut app, "z");
    press(&mut app, "a");
    let p = app.form().unwrap().picker.clone().unwrap();
    assert_eq!(p.options()[0].value, "ZA", "exact code first");
    press(&mut app, "<Enter>");
    assert_eq!(app.form().unwrap().value(Field::Country), "ZA");
    press(&mut app, "<S-Tab>");
    press(&mut app, "<BS>");
    assert_eq!(app.form().unwrap().value(Field::Country), "");
    // Nothing matching: Enter keeps the picker open.
    press(&mut app, "q");
    press(&mut app, "q");
    press(&mut app, "<Enter>");
    assert!(app.form().unwrap().picker.is_some());
}

#[test]
fn invalid_submit_sends_nothing_and_focuses_the_first_error() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    type_text(&mut app, "Name only");
    let cmds = press(&mut app, "<C-s>");
    assert!(cmds.is_empty());
    let f = app.form().unwrap();
    assert_eq!(f.focus, Field::Email as usize);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("1 field needs attention")
    );
}

#[test]
fn submit_sends_once_and_locks_the_form() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (_req, cmds) = fill_and_submit(&mut app);
    match &cmds[0] {
        Cmd::SendWrite {
            op: WriteOp::CreateAccount { body, .. },
            ..
        } => {
            assert_eq!(body.name, "ACME Corp (EU)");
            assert_eq!(body.currency, None);
            assert_eq!(body.address, None);
        }
        _ => unreachable!(),
    }
    assert!(app.busy());
    // Double submit: nothing sent.
    assert!(press(&mut app, "<C-s>").is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("nothing sent twice")
    );
    // Locked: edits and moves change nothing.
    press(&mut app, "!");
    press(&mut app, "<Tab>");
    update(&mut app, Msg::Paste("more".into()));
    let f = app.form().unwrap();
    assert_eq!(f.value(Field::Email), "billing@acme.com");
    assert_eq!(f.focus, Field::Email as usize);
}

#[test]
fn created_account_opens_the_detail_pane_and_clears_the_form() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    let (req, _) = fill_and_submit(&mut app);
    // A stale answer (another request id) is ignored.
    update(
        &mut app,
        testing::account_created(req + 1, sent(), Ok(account(&ws))),
    );
    assert_eq!(app.screen(), Screen::Form);
    update(
        &mut app,
        testing::account_created(req, sent(), Ok(account(&ws))),
    );
    assert_eq!(app.screen(), Screen::Detail);
    assert!(app.detail_created);
    assert_eq!(app.session.detail.as_ref().unwrap().id, "cus_TEST000000001");
    assert!(
        !app.session.forms.contains_key(&ws),
        "a created account's form is gone"
    );
    assert_eq!(app.session.accounts[&ws].items.len(), 1);
    // The same answer twice does nothing more.
    update(
        &mut app,
        testing::account_created(req, sent(), Ok(account(&ws))),
    );
    assert_eq!(app.session.accounts[&ws].items.len(), 1);
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspace);
}

#[test]
fn a_422_lands_under_its_fields_including_the_address() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let body = r#"{"message":"Invalid.","errors":{"address.country":["Billing is not available here."],"email":["The email domain does not accept mail."],"tax_id":["Unknown rule."]}}"#;
    update(
        &mut app,
        testing::account_created(req, sent(), Err(status(422, body))),
    );
    let f = app.form().unwrap();
    assert_eq!(app.screen(), Screen::Form);
    assert!(!f.phase.sending(), "unlocked");
    assert_eq!(
        f.errors[Field::Country as usize].as_deref(),
        Some("Billing is not available here.")
    );
    assert_eq!(
        f.errors[Field::Email as usize].as_deref(),
        Some("The email domain does not accept mail.")
    );
    assert_eq!(f.focus, Field::Email as usize, "first in form order");
    let banner = f.banner.as_deref().unwrap();
    assert!(
        banner.contains("HTTP 422")
            && banner.contains("1 message for fields the form does not have: tax_id"),
        "{banner}"
    );
    assert_eq!(f.value(Field::Name), "ACME Corp (EU)", "values kept");
    // The unknown key's message, whole, in a box (no field can show it).
    let popup = app
        .boxes
        .error()
        .cloned()
        .expect("a box lists the unknown keys");
    assert!(
        popup.text.contains("tax_id: Unknown rule."),
        "{}",
        popup.text
    );
    press(&mut app, "<Enter>");
    // Editing the field re-checks it with the local rules.
    press(&mut app, "x");
    assert_eq!(app.form().unwrap().errors[Field::Email as usize], None);
}

#[test]
fn a_401_on_submit_asks_for_a_token_and_keeps_the_form() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let e = status(
        401,
        r#"{"message":"Unauthorized or invalid token provided."}"#,
    );
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    assert!(app.boxes.token_prompt().is_some());
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.form().unwrap().value(Field::Name), "ACME Corp (EU)");
}

#[test]
fn other_failures_are_shown_in_full_and_copyable() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let e = status(
        409,
        r#"{"type":"conflict","code":"billing_account_limit_reached","message":"Full.","doc_url":"https://docs/x"}"#,
    );
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    let popup = app.boxes.error().cloned().unwrap();
    assert!(popup.title.contains("409"));
    assert!(
        popup.text.contains("billing_account_limit_reached")
            && popup.text.contains("https://docs/x")
    );
    assert!(popup.text.contains("Nothing was created"));
    match press(&mut app, "y").as_slice() {
        [Cmd::Copy { text, .. }] => assert!(text.contains("Full.")),
        other => panic!("{other:?}"),
    }
    press(&mut app, "<Enter>");
    assert!(app.boxes.error().is_none());
    assert_eq!(app.form().unwrap().value(Field::Email), "billing@acme.com");
}

fn create_cmd(cmds: &[Cmd]) -> (u64, String) {
    match cmds {
        [
            Cmd::SendWrite {
                req,
                key: idempotency_key,
                op: WriteOp::CreateAccount { .. },
                ..
            },
        ] => (*req, idempotency_key.clone()),
        other => panic!("expected one create, got {other:?}"),
    }
}

#[test]
fn an_unclear_answer_looks_the_account_up_then_asks_before_resending() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    let (req, cmds) = fill_and_submit(&mut app);
    let (_, key) = create_cmd(&cmds);
    let e = ApiError::Timeout {
        url: "http://x".into(),
        after: Duration::from_secs(30),
    };
    let cmds = update(&mut app, testing::account_created(req, sent(), Err(e)));
    let lookup = match cmds.as_slice() {
        [
            Cmd::FindAccount {
                req,
                name,
                email,
                since,
                ..
            },
        ] => {
            assert_eq!(
                (name.as_str(), email.as_str()),
                ("ACME Corp (EU)", "billing@acme.com")
            );
            assert_eq!(*since, sent());
            *req
        }
        other => panic!("{other:?}"),
    };
    assert!(
        app.form()
            .unwrap()
            .banner
            .as_deref()
            .unwrap()
            .contains("Outcome unknown")
    );
    assert!(app.busy());
    // Ctrl+S while looking: nothing is sent.
    assert!(press(&mut app, "<C-s>").is_empty());
    update(
        &mut app,
        Msg::Api(ApiMsg::AccountFound {
            req: lookup,
            workspace_id: ws.clone(),
            result: Ok(None),
        }),
    );
    assert!(matches!(app.form().unwrap().phase, Phase::Unknown(_)));
    // Ctrl+S now asks first; n sends nothing.
    assert!(press(&mut app, "<C-s>").is_empty());
    assert!(app.form().unwrap().confirm_resend);
    press(&mut app, "n");
    assert!(!app.form().unwrap().confirm_resend);
    // y sends again, with the same Idempotency-Key.
    assert!(press(&mut app, "<C-s>").is_empty());
    let (_, again) = create_cmd(&press(&mut app, "y"));
    assert_eq!(again, key);
}

#[test]
fn the_lookup_finding_the_account_shows_it_once() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    let (req, _) = fill_and_submit(&mut app);
    let e = status(502, "<html>Bad Gateway</html>");
    let lookup = match update(&mut app, testing::account_created(req, sent(), Err(e))).as_slice() {
        [Cmd::FindAccount { req, .. }] => *req,
        other => panic!("{other:?}"),
    };
    // A stale lookup answer is ignored.
    update(
        &mut app,
        Msg::Api(ApiMsg::AccountFound {
            req: lookup + 7,
            workspace_id: ws.clone(),
            result: Ok(Some(account(&ws))),
        }),
    );
    assert_eq!(app.screen(), Screen::Form);
    let cmds = update(
        &mut app,
        Msg::Api(ApiMsg::AccountFound {
            req: lookup,
            workspace_id: ws.clone(),
            result: Ok(Some(account(&ws))),
        }),
    );
    let key = crate::tui::drafts::key(&app.ctx.draft_scope(), &ws);
    assert_eq!(cmds, vec![Cmd::DeleteDraft(key)]);
    assert_eq!(app.screen(), Screen::Detail);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("it was created once")
    );
    assert_eq!(app.session.accounts[&ws].items.len(), 1);
}

#[test]
fn a_new_body_gets_a_new_key_and_the_same_body_keeps_it() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, cmds) = fill_and_submit(&mut app);
    let (_, first) = create_cmd(&cmds);
    let e = status(409, r#"{"message":"Full."}"#);
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    press(&mut app, "<Enter>");
    let (req, same) = create_cmd(&press(&mut app, "<C-s>"));
    assert_eq!(same, first);
    let e = status(409, r#"{"message":"Full."}"#);
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    press(&mut app, "<Enter>");
    press(&mut app, "x");
    let (_, changed) = create_cmd(&press(&mut app, "<C-s>"));
    assert_ne!(changed, first);
}

#[test]
fn a_429_counts_down_before_the_next_send() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let e = ApiError::RateLimited {
        retry_after: Some(Duration::from_secs(2)),
        body: Box::new(ErrorBody::parse(br#"{"message":"Too Many Attempts."}"#)),
    };
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    assert_eq!(app.form().unwrap().retry_in, Some(2));
    assert!(app.counting_down());
    assert!(
        press(&mut app, "<C-s>").is_empty(),
        "refused while counting"
    );
    update(&mut app, Msg::Second);
    assert_eq!(app.form().unwrap().retry_in, Some(1));
    update(&mut app, Msg::Second);
    assert_eq!(app.form().unwrap().retry_in, None);
    assert!(!app.counting_down());
    assert!(matches!(
        press(&mut app, "<C-s>").as_slice(),
        [Cmd::SendWrite {
            op: WriteOp::CreateAccount { .. },
            ..
        }]
    ));
}

#[test]
fn edits_save_the_draft_and_success_deletes_it() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    match press(&mut app, "A").as_slice() {
        [Cmd::SaveDraft { draft, now: false }] => assert_eq!(draft.input.name, "A"),
        other => panic!("{other:?}"),
    }
    // A move changes no value: nothing to save.
    assert!(press(&mut app, "<Home>").is_empty());
    press(&mut app, "<C-u>");
    let (req, _) = fill_and_submit(&mut app);
    let cmds = update(
        &mut app,
        testing::account_created(req, sent(), Ok(account(&ws))),
    );
    let key = crate::tui::drafts::key(&app.ctx.draft_scope(), &ws);
    assert_eq!(cmds, vec![Cmd::DeleteDraft(key)]);
}

fn saved_draft(
    ws: &crate::api::model::Workspace,
    sent_at: Option<&str>,
) -> crate::tui::drafts::Draft {
    crate::tui::drafts::Draft {
        scope: String::new(),
        workspace: ws.clone(),
        input: crate::rules::AccountInput {
            name: "From the draft".into(),
            email: "draft@example.com".into(),
            country: "ZA".into(),
            ..Default::default()
        },
        idempotency_key: Some("key-from-draft".into()),
        sent_at: sent_at.map(String::from),
        saved_at: "2025-10-29T00:41:00Z".into(),
    }
}

#[test]
fn a_saved_draft_is_offered_and_restored_or_discarded() {
    let mut app = loaded();
    select(&mut app, "Soylent Foods");
    let ws = app.selected_workspace().cloned().unwrap();
    app.saved_drafts
        .insert(ws.id.clone(), saved_draft(&ws, None));
    press(&mut app, "n");
    assert!(app.form().unwrap().offer.is_some());
    assert!(
        !crate::tui::layers::typing(&app),
        "the offer has the keyboard, not a field"
    );
    assert!(press(&mut app, "<C-s>").is_empty());
    assert!(press(&mut app, "<Enter>").is_empty());
    let f = app.form().unwrap();
    assert_eq!(f.value(Field::Name), "From the draft");
    assert_eq!(f.value(Field::Country), "ZA");
    let (_, key) = create_cmd(&press(&mut app, "<C-s>"));
    assert_eq!(
        key, "key-from-draft",
        "the draft's key is reused for the same body"
    );

    let mut app = loaded();
    select(&mut app, "Soylent Foods");
    app.saved_drafts
        .insert(ws.id.clone(), saved_draft(&ws, None));
    let mut typed = app.clone();
    press(&mut app, "n");
    // Discarding asks first, and `n` keeps it.
    press(&mut app, "d");
    assert!(app.form().unwrap().discard_asked);
    assert!(press(&mut app, "n").is_empty());
    assert!(app.form().unwrap().offer.is_some());
    press(&mut app, "d");
    assert_eq!(
        press(&mut app, "y"),
        vec![Cmd::DeleteDraft(crate::tui::drafts::key(
            &app.ctx.draft_scope(),
            &ws.id
        ))]
    );
    assert!(app.form().unwrap().is_blank());
    // A stray `y` discards nothing, and once a letter was typed over the
    // box (a name typed at once after `n`), `d` is no discard either.
    press(&mut typed, "n");
    assert!(press(&mut typed, "y").is_empty());
    assert!(press(&mut typed, "d").is_empty());
    let f = typed.form().unwrap();
    assert!(f.offer.is_some() && !f.discard_asked);
}

#[test]
fn a_draft_that_was_being_sent_is_looked_up_before_anything_else() {
    let mut app = loaded();
    select(&mut app, "Soylent Foods");
    let ws = app.selected_workspace().cloned().unwrap();
    app.saved_drafts.insert(
        ws.id.clone(),
        saved_draft(&ws, Some("2025-10-29T00:40:30Z")),
    );
    press(&mut app, "n");
    match press(&mut app, "<Enter>").as_slice() {
        [Cmd::FindAccount { name, since, .. }] => {
            assert_eq!(name, "From the draft");
            assert_eq!(since.to_string(), "2025-10-29T00:40:30Z");
        }
        other => panic!("{other:?}"),
    }
    assert!(press(&mut app, "<C-s>").is_empty(), "no send while looking");
}

#[test]
fn copy_from_the_detail_pane() {
    let mut app = loaded();
    app.session.detail = Some(account("ws_1"));
    app.session.screens.open(Screen::Detail);
    match press(&mut app, "y").as_slice() {
        [Cmd::Copy { text, .. }] => assert_eq!(text, "cus_TEST000000001"),
        other => panic!("{other:?}"),
    }
    match press(&mut app, "Y").as_slice() {
        [Cmd::Copy { text, .. }] => assert!(text.contains("\"workspace_id\": \"ws_1\"")),
        other => panic!("{other:?}"),
    }
    update(
        &mut app,
        Msg::Copy(CopyMsg::Copied(Ok("the account id".into()))),
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Success);
    update(
        &mut app,
        Msg::Copy(CopyMsg::Copied(Err("no terminal".into()))),
    );
    assert!(app.status.as_ref().unwrap().text.contains("Copy failed"));
}

#[test]
fn global_messages() {
    let mut app = loaded();
    update(&mut app, Msg::Resize(120, 40));
    assert_eq!(app.size, (120, 40));
    update(&mut app, Msg::Tick);
    assert_eq!(app.spinner, 1);
    press(&mut app, "?");
    assert!(app.boxes.help());
    press(&mut app, "<Esc>");
    assert!(!app.boxes.help());
    let zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(2));
    update(&mut app, Msg::LocalTimeZone(zone.clone()));
    assert_eq!(app.ctx.tz, zone);
    update(&mut app, Msg::Quit);
    assert!(app.quit);
}

/// The detail pane of `account`, opened from ACME's account list.
fn detail_of(account: BillingAccount) -> App {
    let mut app = loaded();
    let ws = account.workspace_id.clone();
    select(&mut app, "ACME Corporation");
    for cmd in press(&mut app, "<Enter>") {
        if let Cmd::LoadAccounts { req, workspace_id } = cmd {
            assert_eq!(workspace_id, ws);
            let result = Ok(BillingAccountList {
                data: vec![account.clone()],
                has_more: false,
            });
            update(
                &mut app,
                Msg::Api(ApiMsg::AccountsLoaded {
                    req,
                    workspace_id,
                    result,
                }),
            );
        }
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Detail);
    app
}

fn acme_account() -> BillingAccount {
    let ws = demo_list()
        .data
        .into_iter()
        .find(|w| w.name == "ACME Corporation")
        .unwrap();
    account(&ws.id)
}

#[test]
fn edit_sends_only_the_changed_fields_and_never_the_currency() {
    let mut app = detail_of(acme_account());
    press(&mut app, "e");
    assert_eq!(app.screen(), Screen::Form);
    let f = app.form().unwrap();
    assert_eq!(f.value(Field::Name), "ACME Corp (EU)");
    assert_eq!(f.value(Field::Currency), "usd");
    // Nothing changed: nothing is sent.
    assert!(press(&mut app, "<C-s>").is_empty());
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Nothing changed: nothing was sent"
    );
    // The currency is never visited: Description → Country.
    for _ in 0..4 {
        press(&mut app, "<Tab>");
    }
    assert_eq!(app.form().unwrap().focused_field(), Some(Field::Country));
    for _ in 0..4 {
        press(&mut app, "<S-Tab>");
    }
    type_text(&mut app, " Ltd");
    let cmds = press(&mut app, "<C-s>");
    let (req, body) = match cmds.as_slice() {
        [
            Cmd::SendWrite {
                req,
                op:
                    WriteOp::UpdateAccount {
                        patch: body,
                        id: account_id,
                        ..
                    },
                ..
            },
        ] => {
            assert_eq!(account_id, "cus_TEST000000001");
            (*req, serde_json::to_value(body).unwrap())
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(body, serde_json::json!({ "name": "ACME Corp (EU) Ltd" }));
    // The server's answer replaces the account everywhere it is shown.
    let mut saved = acme_account();
    saved.name = "ACME Corp (EU) Ltd".into();
    update(&mut app, testing::account_saved(req, Ok(saved)));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(
        app.session.detail.as_ref().unwrap().name,
        "ACME Corp (EU) Ltd"
    );
    assert_eq!(app.selected_account().unwrap().name, "ACME Corp (EU) Ltd");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("1 field changed")
    );
    assert!(app.session.edit.is_none());
}

#[test]
fn a_refused_edit_keeps_the_edits_and_puts_messages_under_fields() {
    let mut app = detail_of(acme_account());
    press(&mut app, "e");
    press(&mut app, "<Tab>");
    press(&mut app, "<C-u>");
    type_text(&mut app, "taken@acme.com");
    let req = match press(&mut app, "<C-s>").as_slice() {
        [
            Cmd::SendWrite {
                req,
                op: WriteOp::UpdateAccount { .. },
                ..
            },
        ] => *req,
        other => panic!("{other:?}"),
    };
    let e = status(
        422,
        r#"{"message":"The given data was invalid.","errors":{"email":["The email has already been taken."]}}"#,
    );
    update(&mut app, testing::account_saved(req, Err(e)));
    let f = app.form().unwrap();
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(f.value(Field::Email), "taken@acme.com");
    assert_eq!(
        f.errors[Field::Email as usize].as_deref(),
        Some("The email has already been taken.")
    );
    // Leaving keeps the edits; `e` comes back to them.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Detail);
    press(&mut app, "e");
    assert_eq!(app.form().unwrap().value(Field::Email), "taken@acme.com");
    // A cleared country is refused before anything is sent.
    let mut with_country = acme_account();
    with_country.address = Some(crate::api::model::Address {
        country: Some("ZA".into()),
        ..Default::default()
    });
    let mut app = detail_of(with_country);
    press(&mut app, "e");
    app.session
        .edit
        .as_mut()
        .unwrap()
        .set_value(Field::Country, "");
    assert!(press(&mut app, "<C-s>").is_empty());
    assert!(
        app.form().unwrap().errors[Field::Country as usize]
            .as_deref()
            .unwrap()
            .contains("cannot be cleared")
    );
}

#[test]
fn delete_asks_with_cancel_focused_and_shows_the_refusal_in_full() {
    let mut app = detail_of(acme_account());
    press(&mut app, "d");
    let c = app.boxes.confirm().unwrap();
    assert!(!c.proceed, "Cancel has the focus");
    // Enter alone cancels.
    assert!(press(&mut app, "<Enter>").is_empty());
    assert!(app.boxes.confirm().is_none());
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Cancelled: nothing was deleted"
    );
    press(&mut app, "d");
    press(&mut app, "<Tab>");
    let req = match press(&mut app, "<Enter>").as_slice() {
        [
            Cmd::SendWrite {
                req,
                op: WriteOp::DeleteAccount(account_id),
                ..
            },
        ] => {
            assert_eq!(account_id, "cus_TEST000000001");
            *req
        }
        other => panic!("{other:?}"),
    };
    let ws = acme_account().workspace_id;
    let refusal = status(
        422,
        r#"{"type":"unprocessable_entity","code":"active_subscriptions_exist","message":"This billing account has active subscriptions and cannot be deleted. Cancel them first.","doc_url":"https://docs.altostrat.io/errors"}"#,
    );
    update(&mut app, testing::account_deleted(req, Err(refusal)));
    let e = app.boxes.error().unwrap();
    assert_eq!(e.title, "Refused (422)");
    assert!(
        e.text
            .contains("active subscriptions and cannot be deleted"),
        "{}",
        e.text
    );
    assert!(e.text.contains("active_subscriptions_exist"));
    assert!(e.text.ends_with("Nothing was deleted."));
    assert_eq!(app.screen(), Screen::Detail);
    // A delete the server accepts leaves the list and the pane, and the
    // session ledger marks the account deleted (it was created here).
    app.ledger.push(crate::tui::app::LedgerEntry {
        account: acme_account(),
        deleted: false,
    });
    press(&mut app, "<Enter>");
    press(&mut app, "d");
    press(&mut app, "<Tab>");
    let req = match press(&mut app, "<Enter>").as_slice() {
        [
            Cmd::SendWrite {
                req,
                op: WriteOp::DeleteAccount(_),
                ..
            },
        ] => *req,
        other => panic!("{other:?}"),
    };
    update(&mut app, testing::account_deleted(req, Ok(())));
    assert_eq!(app.screen(), Screen::Workspace);
    assert!(app.session.accounts[&ws].items.is_empty());
    assert!(app.session.detail.is_none());
    assert!(app.ledger[0].deleted, "the ledger says it is gone");
}

#[test]
fn confirm_writes_asks_for_the_workspace_name_before_any_write() {
    let mut app = loaded();
    app.ctx.confirm_writes = true;
    open_form(&mut app, "Hooli", Vec::new());
    type_text(&mut app, "ACME Corp (EU)");
    press(&mut app, "<Tab>");
    type_text(&mut app, "billing@acme.com");
    assert!(press(&mut app, "<C-s>").is_empty(), "asks first");
    assert!(
        crate::tui::layers::typing(&app),
        "the name prompt has the keyboard"
    );
    for c in "hooli".chars() {
        press(&mut app, &c.to_string());
    }
    assert!(press(&mut app, "<Enter>").is_empty(), "wrong case");
    assert!(
        app.boxes
            .confirm()
            .unwrap()
            .problem
            .as_deref()
            .unwrap()
            .contains("Hooli")
    );
    press(&mut app, "<C-u>");
    for c in "Hooli".chars() {
        press(&mut app, &c.to_string());
    }
    let cmds = press(&mut app, "<Enter>");
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::SendWrite {
                op: WriteOp::CreateAccount { .. },
                ..
            }]
        ),
        "{cmds:?}"
    );
    // A delete on such a profile needs the name and the Delete button.
    let mut app = detail_of(acme_account());
    app.ctx.confirm_writes = true;
    press(&mut app, "d");
    press(&mut app, "<Tab>");
    assert!(press(&mut app, "<Enter>").is_empty());
    for c in "ACME Corporation".chars() {
        press(&mut app, &c.to_string());
    }
    let cmds = press(&mut app, "<Enter>");
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::SendWrite {
                op: WriteOp::DeleteAccount(_),
                ..
            }]
        ),
        "{cmds:?}"
    );
}

fn log_entry(method: &str, status: Option<u16>) -> crate::api::ApiLogEntry {
    crate::api::ApiLogEntry {
        at: sent(),
        method: method.into(),
        path: "/workspaces".into(),
        status,
        latency: Duration::from_millis(12),
        request_id: status.map(|s| format!("req_{s}")),
        failure: status.is_none().then(|| "could not connect".into()),
    }
}

#[test]
fn the_api_log_follows_new_entries_copies_one_and_is_capped() {
    let mut app = loaded();
    update(&mut app, Msg::ApiLogged(log_entry("GET", Some(200))));
    press(&mut app, "l");
    assert_eq!(app.screen(), Screen::ApiLog);
    update(&mut app, Msg::ApiLogged(log_entry("POST", Some(201))));
    assert_eq!(app.log_sel.current(), Some(1), "follows the newest");
    press(&mut app, "<Up>");
    update(&mut app, Msg::ApiLogged(log_entry("GET", None)));
    assert_eq!(app.log_sel.current(), Some(0), "stays where the user moved");
    match press(&mut app, "y").as_slice() {
        [Cmd::Copy { text, .. }] => {
            assert_eq!(text, "00:40:00  GET /workspaces  200  12 ms  req_200")
        }
        other => panic!("{other:?}"),
    }
    match press(&mut app, "Y").as_slice() {
        [Cmd::Copy { text, .. }] => assert_eq!(text.lines().count(), 3),
        other => panic!("{other:?}"),
    }
    for _ in 0..crate::tui::app::API_LOG_CAP {
        update(&mut app, Msg::ApiLogged(log_entry("GET", Some(200))));
    }
    assert_eq!(app.api_log.len(), crate::tui::app::API_LOG_CAP);
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspaces);
}

#[test]
fn the_ledger_holds_what_was_created_reopens_it_and_duplicates_it() {
    let mut app = loaded();
    open_form(&mut app, "Hooli", Vec::new());
    let (req, cmds) = fill_and_submit(&mut app);
    let ws = match &cmds[0] {
        Cmd::SendWrite {
            at,
            op: WriteOp::CreateAccount { .. },
            ..
        } => at.workspace_id.clone(),
        _ => unreachable!(),
    };
    let mut created = account(&ws);
    created.phone = Some("+27 21 555 0100".into());
    update(&mut app, testing::account_created(req, sent(), Ok(created)));
    press(&mut app, "L");
    assert_eq!(app.screen(), Screen::Ledger);
    assert_eq!(app.ledger.len(), 1);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.session.detail.as_ref().unwrap().id, "cus_TEST000000001");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Ledger);
    // Duplicate as new: the form of the same workspace, prefilled.
    let cmds = press(&mut app, "N");
    assert_eq!(app.screen(), Screen::Form);
    let f = app.form().unwrap();
    assert_eq!(f.workspace.id, ws);
    assert_eq!(f.value(Field::Name), "ACME Corp (EU)");
    assert_eq!(f.value(Field::Phone), "+27 21 555 0100");
    assert_eq!(f.value(Field::Currency), "usd");
    assert!(cmds.iter().any(|c| matches!(c, Cmd::SaveDraft { .. })));
    // A form with typed values is never overwritten.
    press(&mut app, "<End>");
    type_text(&mut app, " II");
    press(&mut app, "<Esc>");
    press(&mut app, "N");
    assert_eq!(app.form().unwrap().value(Field::Name), "ACME Corp (EU) II");
    assert!(app.status.as_ref().unwrap().text.contains("kept them"));
}

/// `:`, `text`, Enter: a palette command as typed (where a field has the
/// keyboard `:` is text, so there the palette is opened by its message).
fn palette(app: &mut App, text: &str) -> Vec<Cmd> {
    match crate::tui::layers::typing(app) {
        true => update(app, Msg::Palette(PaletteMsg::PaletteOpen(String::new()))),
        false => press(app, ":"),
    };
    assert!(
        crate::tui::layers::typing(app),
        "the palette has the keyboard"
    );
    type_text(app, text);
    press(app, "<Enter>")
}

#[test]
fn the_palette_finds_actions_fuzzily_and_recent_workspaces_by_id() {
    let mut app = loaded();
    palette(&mut app, "ldgr");
    assert_eq!(app.screen(), Screen::Ledger, "subsequence match");
    assert!(app.boxes.palette().is_none());
    palette(&mut app, "workspaces");
    assert_eq!(app.screen(), Screen::Workspaces);
    // A workspace opened once is offered by its id.
    select(&mut app, "Hooli");
    press(&mut app, "<Enter>");
    let hooli = app.session.current.clone().unwrap();
    palette(&mut app, "workspaces");
    let names: Vec<String> = crate::tui::palette::matches(&app, &hooli.id[..6])
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(names.contains(&hooli.id), "{names:?}");
    let cmds = palette(&mut app, &hooli.id);
    assert_eq!(app.screen(), Screen::Workspace);
    assert_eq!(app.session.current.as_ref().unwrap().id, hooli.id);
    assert!(cmds.iter().any(|c| matches!(c, Cmd::LoadAccounts { .. })));
    // Nothing matching says so; Esc closes.
    palette(&mut app, "zzzz");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("No command matches")
    );
    press(&mut app, ":");
    press(&mut app, "<Esc>");
    assert!(app.boxes.palette().is_none());
    palette(&mut app, "quit");
    assert!(app.quit);
}

fn with_profiles(app: &mut App) {
    app.ctx.profiles.push(crate::tui::app::ProfileInfo {
        name: "prod".into(),
        api_url: "https://api.altostrat.io".into(),
        color: Some(ratatui::style::Color::Red),
        confirm_writes: true,
        demo: false,
    });
    app.ctx.profiles.push(crate::tui::app::ProfileInfo {
        name: "plain".into(),
        api_url: "http://example.com".into(),
        color: None,
        confirm_writes: false,
        demo: false,
    });
}

#[test]
fn profiles_switch_at_run_time_and_keep_each_session() {
    let mut app = loaded();
    with_profiles(&mut app);
    app.user_token = false;
    open_form(&mut app, "Hooli", Vec::new());
    type_text(&mut app, "Half typed");
    // A profile whose URL would send the token over plain http is refused.
    assert!(
        update(
            &mut app,
            Msg::Palette(PaletteMsg::SwitchProfile("plain".into()))
        )
        .is_empty()
    );
    assert!(app.status.as_ref().unwrap().text.contains("cannot be used"));
    assert_eq!(app.ctx.profile, "demo");
    let cmds = update(
        &mut app,
        Msg::Palette(PaletteMsg::SwitchProfile("prod".into())),
    );
    assert_eq!(
        cmds,
        vec![Cmd::SwitchApi {
            api_url: "https://api.altostrat.io".into(),
            demo: false,
            profile: "prod".into(),
        }]
    );
    assert_eq!(app.ctx.profile, "prod");
    assert_eq!(app.ctx.api_host, "api.altostrat.io");
    assert_eq!(app.ctx.color, Some(ratatui::style::Color::Red));
    assert!(app.ctx.confirm_writes);
    assert!(!app.ctx.demo);
    assert_eq!(app.screen(), Screen::Workspaces);
    assert!(app.session.workspaces.items.is_empty(), "prod's own lists");
    assert!(
        app.boxes.token_prompt().is_some(),
        "no user token yet: asks"
    );
    // Back to the demo: everything as it was left, nothing reloaded.
    let cmds = update(
        &mut app,
        Msg::Palette(PaletteMsg::SwitchProfile("demo".into())),
    );
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::SwitchApi { demo: true, .. }]
    ));
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.form().unwrap().value(Field::Name), "Half typed");
    assert_eq!(app.session.workspaces.items.len(), demo_list().data.len());
    assert!(app.has_token);
    assert!(app.boxes.token_prompt().is_none());
    assert!(!app.ctx.confirm_writes);
}

#[test]
fn clicks_focus_fields_open_dropdowns_and_pick_options() {
    let mut app = loaded();
    open_form(&mut app, "Hooli", Vec::new());
    update(
        &mut app,
        Msg::Form(FormMsg::ClickField(Field::Currency as usize)),
    );
    let f = app.form().unwrap();
    assert_eq!(f.focused_field(), Some(Field::Currency));
    assert!(f.picker.is_some(), "the dropdown opened");
    update(&mut app, Msg::Form(FormMsg::ClickOption(2)));
    let f = app.form().unwrap();
    assert!(f.picker.is_none());
    assert_eq!(f.value(Field::Currency), "zar");
    assert!(
        f.errors[Field::Name as usize].is_some(),
        "the field left was checked"
    );
    update(
        &mut app,
        Msg::Form(FormMsg::ClickField(Field::Email as usize)),
    );
    assert_eq!(app.form().unwrap().focused_field(), Some(Field::Email));
}

#[test]
fn a_paste_goes_to_the_box_on_top_not_the_form_under_it() {
    let mut app = loaded();
    app.ctx.confirm_writes = true;
    open_form(&mut app, "Hooli", Vec::new());
    // From the Create button (a field takes `:` as text) the palette opens.
    press(&mut app, "<S-Tab>:");
    update(&mut app, Msg::Paste("ledger\n".into()));
    assert_eq!(app.boxes.palette().unwrap().input.value(), "ledger");
    assert_eq!(app.form().unwrap().value(Field::Name), "");
    press(&mut app, "<Esc><Tab>");
    type_text(&mut app, "Paste Co");
    press(&mut app, "<Tab>");
    type_text(&mut app, "p@hooli.example");
    press(&mut app, "<C-s>");
    update(&mut app, Msg::Paste("Hooli".into()));
    assert_eq!(
        app.boxes.confirm().unwrap().typed.as_ref().unwrap().value(),
        "Hooli"
    );
    assert_eq!(app.form().unwrap().value(Field::Email), "p@hooli.example");
    let cmds = press(&mut app, "<Enter>");
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::SendWrite {
                op: WriteOp::CreateAccount { .. },
                ..
            }]
        ),
        "{cmds:?}"
    );
}

#[test]
fn e_and_d_work_on_the_selected_account_in_a_list_too() {
    let mut app = detail_of(acme_account());
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspace);
    press(&mut app, "d");
    assert!(app.boxes.confirm().is_some());
    assert_eq!(app.screen(), Screen::Workspace, "asked over the list");
    press(&mut app, "<Esc>");
    press(&mut app, "e");
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.form().unwrap().value(Field::Name), "ACME Corp (EU)");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Workspace, "Esc goes back to the list");
}

/// Issue 10: the answers a hostile or broken server gives, through `update`.
fn answer_create(app: &mut App, req: u64, result: Result<BillingAccount, ApiError>) -> Vec<Cmd> {
    update(app, testing::account_created(req, sent(), result))
}

#[test]
fn a_huge_retry_after_is_capped_and_the_wait_can_be_skipped() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let e = ApiError::RateLimited {
        retry_after: crate::api::error::parse_retry_after("99999999999999999999999"),
        body: Box::new(ErrorBody::parse(b"{}")),
    };
    answer_create(&mut app, req, Err(e));
    let f = app.form().unwrap();
    assert_eq!(f.retry_in, Some(600), "ten minutes at most");
    let banner = f.banner.clone().unwrap();
    assert!(banner.contains("alto waits at most 10 minutes"), "{banner}");
    // The user may cancel the wait: the first Ctrl+S says how, the second sends.
    assert!(press(&mut app, "<C-s>").is_empty());
    let said = app.status.clone().unwrap().text;
    assert!(said.contains("Ctrl+S again sends now"), "{said}");
    assert!(matches!(
        press(&mut app, "<C-s>").as_slice(),
        [Cmd::SendWrite {
            op: WriteOp::CreateAccount { .. },
            ..
        }]
    ));
    assert_eq!(app.form().unwrap().retry_in, None);
}

#[test]
fn a_redirect_and_an_unusable_token_are_named() {
    for (e, title, says) in [
        (
            ApiError::Redirect {
                status: 302,
                location: "https://elsewhere.example/\\u{202e}nigol".into(),
            },
            "Redirect refused (302)",
            "a redirect to https://elsewhere.example/\\u{202e}nigol",
        ),
        (
            ApiError::BadToken {
                what: "a line break".into(),
            },
            "The token cannot be used",
            "holds a line break",
        ),
    ] {
        let mut app = loaded();
        open_form(&mut app, "Soylent Foods", vec![]);
        let (req, _) = fill_and_submit(&mut app);
        answer_create(&mut app, req, Err(e));
        let popup = app.boxes.error().cloned().unwrap();
        assert_eq!(popup.title, title);
        assert!(popup.text.contains(says), "{}", popup.text);
        assert!(!popup.text.contains("HTTP 302: \n"), "{}", popup.text);
    }
}

#[test]
fn a_created_id_that_is_not_cus_is_shown_with_a_warning() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    let (req, _) = fill_and_submit(&mut app);
    let mut a = account(&ws);
    a.id = "acct_123".into();
    answer_create(&mut app, req, Ok(a));
    assert_eq!(app.screen(), Screen::Detail, "shown");
    let s = app.status.clone().unwrap();
    assert_eq!(s.kind, StatusKind::Error);
    assert!(
        s.text.contains("Created acct_123")
            && s.text
                .contains("does not start with cus_ as the contract promises"),
        "{}",
        s.text
    );
}

#[test]
fn a_huge_error_message_is_bounded_for_display_and_copied_whole() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let (req, _) = fill_and_submit(&mut app);
    let message = format!("{}THE END", "x".repeat(10 * 1024 * 1024));
    let body = serde_json::json!({ "message": message }).to_string();
    answer_create(&mut app, req, Err(status(400, &body)));
    let popup = app.boxes.error().cloned().unwrap();
    assert!(
        popup.text.len() < 8 * 1024,
        "{} bytes drawn",
        popup.text.len()
    );
    assert!(popup.text.contains("more characters)"), "the cut is said");
    match press(&mut app, "y").as_slice() {
        [Cmd::Copy { text, .. }] => assert!(text.ends_with("THE END"), "copied whole"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_draft_that_cannot_be_written_is_said_until_one_is() {
    let mut app = loaded();
    open_form(&mut app, "Soylent Foods", vec![]);
    let ws = app.session.current.clone().unwrap().id;
    update(
        &mut app,
        Msg::Form(FormMsg::DraftWritten {
            workspace_id: ws.clone(),
            result: Err("cannot write /ro/drafts/x.json: Read-only file system".into()),
        }),
    );
    let s = app.status.clone().unwrap();
    assert!(
        s.text.contains("could not be saved") && s.text.contains("Read-only"),
        "{}",
        s.text
    );
    assert!(
        app.form().unwrap().draft_problem.is_some(),
        "kept on the form"
    );
    update(
        &mut app,
        Msg::Form(FormMsg::DraftWritten {
            workspace_id: ws,
            result: Ok(()),
        }),
    );
    assert!(app.form().unwrap().draft_problem.is_none());
}

#[test]
fn the_draft_offer_starts_nothing_from_a_stray_key() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = loaded();
    select(&mut app, "Soylent Foods");
    let ws = app.session.workspaces.items[app.session.workspaces.sel.current().unwrap()].clone();
    app.saved_drafts.insert(
        ws.id.clone(),
        saved_draft(&ws, Some("2025-10-29T00:40:30Z")),
    );
    press(&mut app, "n");
    let handle = |app: &App, k| crate::tui::screens::handle_key(app, k);
    assert!(matches!(handle(&app, key('x')), Some(Msg::Expects(_))));
    assert!(matches!(
        handle(&app, key('d')),
        Some(Msg::Form(FormMsg::AskDiscardDraft))
    ));
    press(&mut app, "d");
    assert!(matches!(handle(&app, key('d')), Some(Msg::Expects(_))));
    assert!(matches!(
        handle(&app, key('y')),
        Some(Msg::Form(FormMsg::DiscardDraft))
    ));
    assert!(matches!(
        handle(&app, key('n')),
        Some(Msg::Form(FormMsg::KeepDraft))
    ));
    let said = match handle(&app, key('x')) {
        Some(Msg::Expects(what)) => what,
        other => panic!("{other:?}"),
    };
    update(&mut app, Msg::Expects(said));
    assert!(app.status.clone().unwrap().text.contains("y discards"));
    assert!(app.form().unwrap().offer.is_some(), "still offered");
}

#[test]
fn an_error_over_the_palette_takes_the_keys_paste_and_esc() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let mut app = loaded();
    update(
        &mut app,
        Msg::Palette(PaletteMsg::PaletteOpen("led".into())),
    );
    app.boxes.set_error(Some(ErrorPopup::new(
        "Arrived late",
        "while the palette was open",
    )));
    let handle = |app: &App, k| crate::tui::screens::handle_key(app, k);
    assert!(matches!(
        handle(&app, key(KeyCode::Enter)),
        Some(Msg::Boxes(BoxMsg::DismissError))
    ));
    assert!(matches!(
        handle(&app, key(KeyCode::Char('x'))),
        Some(Msg::Expects(_))
    ));
    assert!(matches!(
        handle(&app, key(KeyCode::Char('y'))),
        Some(Msg::Copy(CopyMsg::CopyError))
    ));
    update(&mut app, Msg::Paste("pasted".into()));
    assert_eq!(
        app.boxes.palette().unwrap().input.value(),
        "led",
        "not under the error"
    );
    press(&mut app, "<Esc>");
    assert!(app.boxes.error().is_none(), "Esc closes the top box first");
    assert!(app.boxes.palette().is_some());
    assert!(matches!(
        handle(&app, key(KeyCode::Enter)),
        Some(Msg::Palette(PaletteMsg::PaletteRun))
    ));
}

#[test]
fn the_session_box_names_the_token_in_use_after_a_prompt_or_a_switch() {
    let mut app = loaded();
    with_profiles(&mut app);
    app.user_token = false;
    update(
        &mut app,
        Msg::Palette(PaletteMsg::SwitchProfile("prod".into())),
    );
    assert_eq!(app.ctx.token, None, "prod has no token yet");
    press(&mut app, "s");
    for c in "k_typed_secret_123".chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    let shown = app.ctx.token.clone().unwrap();
    assert!(
        shown.starts_with("sk_t••••••") && shown.contains("typed at the prompt"),
        "{shown}"
    );
    assert!(!shown.contains("secret"));
    update(
        &mut app,
        Msg::Palette(PaletteMsg::SwitchProfile("demo".into())),
    );
    assert!(app.ctx.token.clone().unwrap().contains("demo sandbox"));
    update(
        &mut app,
        Msg::Palette(PaletteMsg::SwitchProfile("prod".into())),
    );
    assert_eq!(app.ctx.token, Some(shown), "the prompt's token again");
}
