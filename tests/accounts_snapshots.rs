//! A billing account's form, detail pane and delete question, drawn at
//! 80×24 and compared with insta snapshots: empty, filled, refused field
//! by field, the pickers, sending, created, edited.

use alto::api::{ApiError, ErrorBody};
use alto::tui::msg::{Cmd, Move, Msg};
use alto::tui::msg::{FormMsg, NavMsg, WriteMsg};
use alto::tui::ops::WriteOp;
use alto::tui::testing::{self};
use alto::tui::update::update;
use tui_input::InputRequest;

mod common;
use common::console::*;

#[test]
fn form_empty() {
    let mut app = loaded();
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::NewAccount));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_filled() {
    insta::assert_snapshot!(draw(&filled_form()));
}

#[test]
fn form_with_errors() {
    let mut app = loaded();
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::NewAccount));
    update(&mut app, Msg::Form(FormMsg::FocusNext));
    type_text(&mut app, "not-an-email");
    update(&mut app, Msg::Form(FormMsg::Submit));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_warns_when_the_workspace_is_full() {
    let mut app = loaded();
    open(&mut app, "Umbrella Health ZA", Msg::Nav(NavMsg::NewAccount));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_currency_dropdown_open() {
    let mut app = filled_form();
    update(&mut app, Msg::Form(FormMsg::FocusNext));
    update(&mut app, Msg::Form(FormMsg::FocusNext));
    update(&mut app, Msg::Form(FormMsg::OpenPicker));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_country_picker_filtered() {
    let mut app = filled_form();
    for _ in 0..3 {
        update(&mut app, Msg::Form(FormMsg::FocusNext));
    }
    update(&mut app, Msg::Form(FormMsg::OpenPickerWith('s')));
    update(
        &mut app,
        Msg::Form(FormMsg::PickerEdit(InputRequest::InsertChar('o'))),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_submitting() {
    let mut app = filled_form();
    let cmds = update(&mut app, Msg::Form(FormMsg::Submit));
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::SendWrite {
            op: WriteOp::CreateAccount { .. },
            ..
        }]
    ));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_with_server_field_errors() {
    let (mut app, req, _) = submitted();
    let body = r#"{"message":"Invalid.","errors":{"address.country":["Billing is not available for addresses in this country."],"email":["The email domain does not accept mail."]}}"#;
    let e = ApiError::Status {
        status: 422,
        body: Box::new(ErrorBody::parse(body.as_bytes())),
    };
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_with_error_popup() {
    let (mut app, req, _) = submitted();
    let body = r#"{"type":"conflict","code":"billing_account_limit_reached","message":"Workspace is full.","doc_url":"https://docs.altostrat.io/errors"}"#;
    let e = ApiError::Status {
        status: 409,
        body: Box::new(ErrorBody::parse(body.as_bytes())),
    };
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn detail_after_create() {
    insta::assert_snapshot!(draw(&after_create()));
}

#[test]
fn detail_from_the_browser() {
    let mut app = loaded();
    open(&mut app, "ACME Corporation", Msg::Nav(NavMsg::OpenSelected));
    update(&mut app, Msg::Nav(NavMsg::Move(Move::Down)));
    update(&mut app, Msg::Nav(NavMsg::OpenSelected));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn edit_form_with_read_only_currency() {
    let mut app = loaded();
    open(&mut app, "ACME Corporation", Msg::Nav(NavMsg::OpenSelected));
    update(&mut app, Msg::Nav(NavMsg::OpenSelected));
    update(&mut app, Msg::Write(WriteMsg::EditAccount));
    update(&mut app, Msg::Form(FormMsg::Edit(InputRequest::GoToEnd)));
    type_text(&mut app, " Ltd");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn delete_confirm_starts_on_cancel() {
    let mut app = loaded();
    open(&mut app, "ACME Corporation", Msg::Nav(NavMsg::OpenSelected));
    update(&mut app, Msg::Nav(NavMsg::OpenSelected));
    update(&mut app, Msg::Write(WriteMsg::DeleteAccount));
    insta::assert_snapshot!(draw(&app));
}
