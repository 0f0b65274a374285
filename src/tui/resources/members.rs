//! A workspace's members: who, with which role (a word and a symbol), the
//! user's own row marked.

use super::On;
use super::common::{BACK, RELOAD, copy_selected_id, copy_selected_json};
use super::{Action, Column, Resource, action, column};
use crate::api::model::Member;
use crate::tui::app::App;
use crate::tui::keymap::KeyAction;
use crate::tui::msg::{MemberMsg, Msg};
use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::style::Style;

pub static MEMBERS: Resource<Member> = Resource {
    title: "Members",
    columns: COLUMNS,
    row_style: super::plain,
    fields: &[],
    list_actions: LIST_ACTIONS,
    detail_actions: &[],
    listed: |app| {
        let ws = app.session.current.as_ref()?;
        Some(super::listing(app.session.members.get(&ws.id), None))
    },
    shown: |app| {
        let l = app.session.members.get(&app.session.current.as_ref()?.id)?;
        l.sel.current().and_then(|i| l.items.get(i))
    },
    list: crate::tui::update::members::load,
    get: None,
    copies: ["the member's user id", "the member as JSON"],
    id: |m| &m.user_id,
};

/// `★ owner`, `◆ admin`, `· viewer`; another role as `? role`.
pub fn role_label(role: &str) -> String {
    match role {
        "owner" => "★ owner".into(),
        "admin" => "◆ admin".into(),
        "viewer" => "· viewer".into(),
        other => format!("? {other}"),
    }
}

fn role_style(t: &Theme, m: &Member) -> Option<Style> {
    (m.role == "owner").then(|| t.title())
}

fn user(app: &App, m: &Member) -> String {
    match app.ctx.me.as_deref() == Some(m.user_id.as_str()) {
        true => format!("{}  ← you", m.user_id),
        false => m.user_id.clone(),
    }
}

const COLUMNS: &[Column<Member>] = &[
    column("USER", Fill(3), user),
    Column {
        title: "ROLE",
        width: Length(9),
        text: |_, m| role_label(&m.role),
        style: role_style,
    },
    column("SINCE", Length(10), |_, m| {
        m.created_at.get(..10).unwrap_or(&m.created_at).to_string()
    }),
];

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Key(KeyCode::Char('a')),
        "a",
        "add a member (user id and role)",
        Some("add"),
        || Msg::Member(MemberMsg::Add),
    ),
    action(
        On::Key(KeyCode::Char('R')),
        "R",
        "change the selected member's role",
        Some("role"),
        || Msg::Member(MemberMsg::ChangeRole),
    ),
    action(
        On::Act(KeyAction::Delete),
        "d",
        "remove the selected member (asks first; Cancel is the default)",
        Some("remove"),
        || Msg::Member(MemberMsg::Remove),
    ),
    RELOAD,
    BACK,
    copy_selected_id("copy the selected member's user id"),
    copy_selected_json("copy the selected member as JSON"),
];
