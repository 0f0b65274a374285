//! Workspaces: the picker list and the workspace detail (`v`).

use super::On;
use super::common::{
    BACK, COPY_ID, COPY_JSON, NEW_ACCOUNT, RELOAD, copy_selected_id, copy_selected_json,
};
use super::{Action, Column, Field, Listed, Resource, action, column, times};
use crate::api::model::Workspace;
use crate::tui::app::{App, Load};
use crate::tui::keymap::KeyAction;
use crate::tui::msg::NavMsg;
use crate::tui::msg::{Cmd, Msg};
use crate::tui::update::navigation::load_workspaces;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::style::Style;

pub static WORKSPACES: Resource<Workspace> = Resource {
    title: "Workspaces",
    columns: COLUMNS,
    row_style: |t, w| {
        if w.archived { t.dim() } else { Style::new() }
    },
    fields: FIELDS,
    list_actions: LIST_ACTIONS,
    detail_actions: DETAIL_ACTIONS,
    listed: |app| {
        Some(Listed {
            items: &app.session.workspaces.items,
            sel: &app.session.workspaces.sel,
            load: &app.session.workspaces.load,
            has_more: app.session.workspaces.has_more,
        })
    },
    shown: |app| app.session.current.as_ref(),
    list: load_workspaces,
    get: Some(|app, id| {
        let req = app.req();
        app.session.workspaces.goto_load = Load::Loading(req);
        vec![Cmd::LoadWorkspace { req, id }]
    }),
    copies: ["the workspace id", "the workspace as JSON"],
    id: |w| &w.id,
};

/// How many accounts `ws` holds, as far as alto has seen ("3", "10+").
/// How many accounts the workspace has: as this session loaded them, else
/// as the index knows them, with their age once past the index's
/// `max_age` (so an old count says it is old).
fn account_count(app: &App, ws: &Workspace) -> Option<(String, Option<String>)> {
    let plus = |more: bool| if more { "+" } else { "" };
    if let Some(v) = app
        .session
        .accounts
        .get(&ws.id)
        .filter(|v| v.load == Load::Loaded || !v.items.is_empty())
    {
        return Some((format!("{}{}", v.items.len(), plus(v.has_more)), None));
    }
    let find = &app.session.find;
    let shard = find
        .index
        .shards
        .get(&ws.id)
        .filter(|s| s.error.is_none())?;
    let count = format!("{}{}", shard.accounts.len(), plus(shard.has_more));
    let age = find.now - shard.fetched_at;
    let old = age > app.ctx.index.pace.max_age_ms;
    Some((count, old.then(|| crate::index::age(age))))
}

fn mode(w: &Workspace) -> String {
    w.billing_mode
        .as_ref()
        .map(|m| m.as_str().to_string())
        .unwrap_or_default()
}

const COLUMNS: &[Column<Workspace>] = &[
    column("NAME", Fill(1), |_, w| {
        if w.archived {
            format!("{} (archived)", w.name)
        } else {
            w.name.clone()
        }
    }),
    column("ID", Length(22), |_, w| w.id.clone()),
    column("MODE", Length(9), |_, w| mode(w)),
    // An old count from the index carries its age, tight: "12 3h".
    column("ACCOUNTS", Length(8), |app, w| {
        match account_count(app, w) {
            Some((n, Some(age))) => format!("{n} {}", age.replace(' ', "")),
            Some((n, None)) => n,
            None => "–".into(),
        }
    }),
];

const FIELDS: &[Field<Workspace>] = &[
    Field::Value("ID", |_, w| Some(w.id.clone())),
    Field::Value("Name", |_, w| Some(w.name.clone())),
    Field::Value("Description", |_, w| w.description.clone()),
    Field::Value("Billing mode", |_, w| {
        let m = w.billing_mode.as_ref()?;
        Some(match m.account_limit() {
            Some(1) => format!("{}  (1 billing account)", m.as_str()),
            Some(n) => format!("{}  (up to {n} billing accounts)", m.as_str()),
            None => m.as_str().to_string(),
        })
    }),
    Field::Value("Pooled seats", |_, w| {
        w.pooled_seat_limit.map(|n| n.to_string())
    }),
    Field::Value("Accounts", |app, w| {
        account_count(app, w).map(|(n, age)| match age {
            Some(age) => format!("{n} (as indexed {age} ago)"),
            None => n,
        })
    }),
    Field::Value("Archived", |app, w| {
        Some(match (&w.archived_at, w.archived) {
            (Some(at), _) => format!("yes, {}", times(at, &app.ctx.tz)),
            (None, true) => "yes".into(),
            (None, false) => "no".into(),
        })
    }),
    Field::Value("Created", |app, w| {
        w.created_at.as_deref().map(|t| times(t, &app.ctx.tz))
    }),
    Field::Value("Updated", |app, w| {
        w.updated_at.as_deref().map(|t| times(t, &app.ctx.tz))
    }),
];

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "open workspace",
        Some("open"),
        || Msg::Nav(NavMsg::OpenSelected),
    ),
    NEW_ACCOUNT,
    action(
        On::Act(KeyAction::Filter),
        "/",
        "filter by name or id",
        Some("filter"),
        || Msg::Nav(NavMsg::FilterStart),
    ),
    action(
        On::Act(KeyAction::Back),
        "Esc",
        "clear the filter",
        None,
        || Msg::Back,
    ),
    action(
        On::Act(KeyAction::Goto),
        "g",
        "go to a workspace by id or exact name",
        Some("go to id"),
        || Msg::Nav(NavMsg::GotoStart),
    ),
    RELOAD,
    action(
        On::Key(KeyCode::Char('v')),
        "v",
        "details of the selected workspace",
        None,
        || Msg::Nav(NavMsg::ShowDetails),
    ),
    copy_selected_id("copy the selected id"),
    copy_selected_json("copy the selected workspace as JSON"),
    super::common::MEMBERS,
    super::common::ORGS,
    action(
        On::Act(KeyAction::Duplicate),
        "N",
        "new workspace (its billing mode is permanent)",
        None,
        || Msg::Nav(NavMsg::NewWorkspace),
    ),
    RENAME,
    ARCHIVE,
];

/// `e` on a workspace (its list or details): rename or describe it.
const RENAME: Action = action(
    On::Act(KeyAction::Edit),
    "e",
    "rename or describe the workspace",
    None,
    || Msg::Nav(NavMsg::EditWorkspace),
);

/// `A`: archive, once its name is typed (Cancel focused).
const ARCHIVE: Action = action(
    On::Key(KeyCode::Char('A')),
    "A",
    "archive the workspace (type its name; cannot be undone)",
    None,
    || Msg::Nav(NavMsg::ArchiveWorkspace),
);

const DETAIL_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "open its billing accounts",
        Some("open"),
        || Msg::Nav(NavMsg::OpenSelected),
    ),
    NEW_ACCOUNT,
    RENAME,
    ARCHIVE,
    super::common::MEMBERS,
    super::common::ORGS,
    COPY_ID,
    COPY_JSON,
    BACK,
];
