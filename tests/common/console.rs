//! The console as the snapshot tests draw it: the demo's workspaces
//! loaded, a workspace selected, the new-account form filled and sent,
//! the account created; times fixed, so every drawing is stable.

use alto::api::model::{BillingAccount, WorkspaceList};
use alto::sandbox::seed;
use alto::tui::app::App;
use alto::tui::msg::{Cmd, Msg};
use alto::tui::msg::{FormMsg, NavMsg};
use alto::tui::ops::WriteOp;
use alto::tui::testing::{self, Harness};
use alto::tui::update::update;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tui_input::InputRequest;

pub fn sent() -> jiff::Timestamp {
    "2025-10-29T00:40:00Z".parse().unwrap()
}

pub fn draw_at(app: &App, w: u16, h: u16) -> Buffer {
    testing::draw(app, w, h)
}

/// At 80×24, as the snapshots keep it.
pub fn draw(app: &App) -> TestBackend {
    testing::backend(app, 80, 24)
}

pub fn demo_list() -> WorkspaceList {
    seed::demo_workspaces()
}

/// The first load sent, not answered yet.
pub fn loading() -> (App, u64) {
    let mut h = Harness::new(80, 24);
    let req = h.req_of(|c| matches!(c, Cmd::LoadWorkspaces { .. }));
    (h.app, req)
}

pub fn loaded_with(list: WorkspaceList) -> App {
    Harness::with_workspaces(list, 80, 24).app
}

pub fn loaded() -> App {
    Harness::demo(80, 24).app
}

pub fn select(app: &mut App, name: &str) {
    let mut h = on(app.clone());
    h.select(name);
    *app = h.app;
}

/// A harness over `app` (its loads answered from the demo data).
pub fn on(app: App) -> Harness {
    let mut h = Harness::new(app.size.0, app.size.1);
    h.take_cmds();
    h.app = app;
    h
}

pub fn demo_accounts(name: &str) -> Vec<BillingAccount> {
    Harness::new(80, 24).accounts_named(name)
}

/// Selects `name`, sends `msg` and answers the loads it starts.
pub fn open(app: &mut App, name: &str, msg: Msg) {
    let mut h = on(app.clone());
    h.select(name).send(msg).answer_loads();
    *app = h.app;
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Msg::Form(FormMsg::Edit(InputRequest::InsertChar(c))));
    }
}

pub fn filled_form() -> App {
    let mut app = loaded();
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::NewAccount));
    type_text(&mut app, "ACME Corp (EU)");
    update(&mut app, Msg::Form(FormMsg::FocusNext));
    type_text(&mut app, "billing-eu@acme.com");
    update(&mut app, Msg::Form(FormMsg::FocusNext));
    type_text(&mut app, "+442071234567");
    app
}

pub fn submitted() -> (App, u64, String) {
    let mut app = filled_form();
    let (req, ws) = match update(&mut app, Msg::Form(FormMsg::Submit)).as_slice() {
        [
            Cmd::SendWrite {
                req,
                at,
                op: WriteOp::CreateAccount { .. },
                ..
            },
        ] => (*req, at.workspace_id.clone()),
        other => panic!("{other:?}"),
    };
    (app, req, ws)
}

pub fn created() -> BillingAccount {
    let mut a = demo_accounts("ACME Corporation")[1].clone();
    a.id = "cus_a1b2c3d4e5f6g7".into();
    a.created_at = "2025-10-29T00:40:06.000000Z".into();
    a.updated_at = "2025-10-29T00:40:06.000000Z".into();
    a
}

/// The app just after the server answered the create with `created()`.
pub fn after_create() -> App {
    let (mut app, req, ws) = submitted();
    let mut a = created();
    a.workspace_id = ws.clone();
    update(&mut app, testing::account_created(req, sent(), Ok(a)));
    app
}
