//! The workspaces list and one workspace's accounts, drawn at 80×24 and
//! compared with insta snapshots: loading, loaded, empty, failed,
//! filtered, scrolled, the keys, the go-to and token prompts.

use alto::api::ApiError;
use alto::api::model::WorkspaceList;
use alto::tui::app::{App, Context};
use alto::tui::msg::{ApiMsg, NavMsg};
use alto::tui::msg::{Move, Msg};
use alto::tui::testing::Harness;
use alto::tui::update::update;
use tui_input::InputRequest;

mod common;
use common::console::*;

#[test]
fn workspace_details() {
    let mut h = Harness::demo(80, 24);
    h.select("ACME Corporation")
        .keys("<Enter>")
        .answer_loads()
        .keys("v");
    insta::assert_snapshot!(draw(&h.app));
}

#[test]
fn workspaces_loading() {
    let (app, _) = loading();
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_loaded() {
    insta::assert_snapshot!(draw(&loaded()));
}

#[test]
fn workspaces_empty() {
    let app = loaded_with(WorkspaceList {
        data: vec![],
        has_more: false,
    });
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_partial_list() {
    let mut list = demo_list();
    list.has_more = true;
    insta::assert_snapshot!(draw(&loaded_with(list)));
}

#[test]
fn workspaces_failed() {
    let (mut app, req) = loading();
    let e = ApiError::Connect {
        url: "http://127.0.0.1:8787/workspaces".into(),
        message: "connection refused".into(),
    };
    update(
        &mut app,
        Msg::Api(ApiMsg::WorkspacesLoaded {
            req,
            result: Err(e),
        }),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_filtered() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::FilterStart));
    for c in "za".chars() {
        update(
            &mut app,
            Msg::Nav(NavMsg::FilterEdit(InputRequest::InsertChar(c))),
        );
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_filter_matches_nothing() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::FilterStart));
    update(&mut app, Msg::Paste("nothing like this".into()));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_scrolled_to_the_end() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::Move(Move::End)));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspaces_help_overlay() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::ToggleHelp));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn goto_prompt() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::GotoStart));
    update(&mut app, Msg::Paste("ws_somewhere".into()));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn token_prompt() {
    let mut app = App::new(Context::fixed(), (80, 24), false);
    alto::tui::update::init(&mut app);
    update(&mut app, Msg::Paste("secret-token".into()));
    let backend = draw(&app);
    assert!(
        !format!("{backend}").contains("secret-token"),
        "the token is masked"
    );
    insta::assert_snapshot!(backend);
}

#[test]
fn workspace_with_accounts() {
    let mut app = loaded();
    open(&mut app, "ACME Corporation", Msg::Nav(NavMsg::OpenSelected));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspace_single_and_full() {
    let mut app = loaded();
    open(
        &mut app,
        "Umbrella Health ZA",
        Msg::Nav(NavMsg::OpenSelected),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn workspace_without_accounts() {
    let mut app = loaded();
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::OpenSelected));
    insta::assert_snapshot!(draw(&app));
}
