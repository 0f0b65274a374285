//! A workspace's organizations, drawn as a tree: each row indented by its
//! level with ▸ (closed) or ▾ (open) before a name that has children, its
//! depth, billing account, and each product's use against its limit.
//! Rows kept by a filter only as the path to a match say "(path)".

use super::On;
use super::common::{BACK, RELOAD, copy_selected_id, copy_selected_json};
use super::{Action, Column, Field, Resource, action, column, times};
use crate::api::model::Organization;
use crate::tui::app::App;
use crate::tui::keymap::KeyAction;
use crate::tui::msg::{Msg, OrgMsg};
use crate::tui::orgs::OrgTree;
use crate::tui::store::{Read, item};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};

pub static ORGS: Resource<Organization> = Resource {
    title: "Organizations",
    columns: COLUMNS,
    row_style: super::plain,
    fields: FIELDS,
    list_actions: LIST_ACTIONS,
    detail_actions: DETAIL_ACTIONS,
    listed: |app| {
        let t = crate::tui::update::orgs::tree(app);
        Some(super::listing(t.map(|t| &t.list), None))
    },
    shown: |app| crate::tui::update::orgs::tree(app)?.selected(),
    list: crate::tui::update::orgs::load,
    get: None,
    copies: ["the organization id", "the organization as JSON"],
    id: |o| &o.id,
};

/// One organization's capacity as the API works it out (`GET …/limits`),
/// asked when its detail opens and on `r` there; scope `ws/org`.
pub static LIMITS: Read = Read {
    name: "organization limits",
    fetch: |client, scope| {
        Box::pin(async move {
            let (ws, org) = scope.split_once('/').unwrap_or_default();
            item(client.get_organization_limits(ws, org).await)
        })
    },
};

/// The scope of [`LIMITS`] for the selected organization.
pub fn limits_scope(app: &App) -> Option<String> {
    let ws = app.session.current.as_ref()?;
    let org = crate::tui::update::orgs::tree(app)?.selected()?;
    Some(format!("{}/{}", ws.id, org.id))
}

/// Where `o` sits in the tree's list (rows hold references into it).
fn index_of(t: &OrgTree, o: &Organization) -> Option<usize> {
    let items = &t.list.items;
    if !items.as_ptr_range().contains(&(o as *const Organization)) {
        return None;
    }
    let offset = o as *const Organization as usize - items.as_ptr() as usize;
    Some(offset / std::mem::size_of::<Organization>())
}

/// The name, indented by level, with the tree's sign.
fn name(app: &App, o: &Organization) -> String {
    let Some((t, i)) = crate::tui::update::orgs::tree(app).and_then(|t| Some((t, index_of(t, o)?)))
    else {
        return o.name.clone();
    };
    let sign = match (t.tree.children(i).is_empty(), t.expanded[i] || t.filtered()) {
        (true, _) => "  ",
        (false, true) => "▾ ",
        (false, false) => "▸ ",
    };
    // A row kept only as the path to a match says so.
    let path_only = if t.matches(i) { "" } else { "  (path)" };
    format!(
        "{}{sign}{}{path_only}",
        crate::tree::indent(t.tree.level(i)),
        o.name
    )
}

const COLUMNS: &[Column<Organization>] = &[
    column("NAME", Fill(3), name),
    column("DEPTH", Length(5), |_, o| o.depth.to_string()),
    column("BILLING ACCOUNT", Length(18), |_, o| {
        o.billing_account_id.clone().unwrap_or_else(|| "—".into())
    }),
    // Used/limit: ∞ is no limit, off is disabled (the detail says both
    // in words).
    column("LOCATIONS", Length(10), |_, o| o.usage_short("locations")),
    column("USERS", Length(10), |_, o| o.usage_short("users")),
    column("SSO", Length(9), |_, o| o.usage_short("sso")),
];

const FIELDS: &[Field<Organization>] = &[
    Field::Value("Id", |_, o| Some(o.id.clone())),
    Field::Value("Path", |app, o| {
        let t = crate::tui::update::orgs::tree(app)?;
        Some(t.path_names(index_of(t, o)?).join(" › "))
    }),
    Field::Value("Depth", |_, o| Some(o.depth.to_string())),
    Field::Value("Parent", |_, o| o.parent_org_id.clone()),
    Field::Value("Billing account", |_, o| o.billing_account_id.clone()),
    Field::Value("External id", |_, o| Some(o.external_id.clone())),
    Field::Value("Picture", |_, o| o.picture.clone()),
    Field::Value("Display name", |_, o| {
        o.branding.as_ref()?.display_name.clone()
    }),
    Field::Value("Login hint", |_, o| o.branding.as_ref()?.login_hint.clone()),
    Field::Value("Created", |app, o| {
        o.created_at.as_deref().map(|t| times(t, &app.ctx.tz))
    }),
];

const SAVE_REPORT: Action = action(
    On::Key(KeyCode::Char('p')),
    "p",
    "save the usage report (PDF; asks where, never overwrites silently)",
    Some("report"),
    || Msg::Org(OrgMsg::SaveReport),
);

const LIST_ACTIONS: &[Action] = &[
    action(
        On::Act(KeyAction::Open),
        "Enter",
        "the organization's limits and usage",
        Some("open"),
        || Msg::Org(OrgMsg::Show),
    ),
    action(
        On::Key(KeyCode::Right),
        "→ l",
        "expand (or go to the first child)",
        Some("expand"),
        || Msg::Org(OrgMsg::Expand),
    ),
    action(
        On::Key(KeyCode::Char('l')),
        "l",
        "expand (here l is not the API log: :log opens it)",
        None,
        || Msg::Org(OrgMsg::Expand),
    ),
    action(
        On::Key(KeyCode::Left),
        "← h",
        "collapse (or go to the parent)",
        Some("collapse"),
        || Msg::Org(OrgMsg::Collapse),
    ),
    action(On::Key(KeyCode::Char('h')), "h", "collapse", None, || {
        Msg::Org(OrgMsg::Collapse)
    }),
    action(
        On::Key(KeyCode::Char(' ')),
        "Space",
        "expand or collapse",
        None,
        || Msg::Org(OrgMsg::Toggle),
    ),
    action(
        On::Key(KeyCode::Char('+')),
        "+",
        "expand every level",
        None,
        || Msg::Org(OrgMsg::ExpandAll(true)),
    ),
    action(
        On::Key(KeyCode::Char('-')),
        "-",
        "collapse to the top level",
        None,
        || Msg::Org(OrgMsg::ExpandAll(false)),
    ),
    action(
        On::Act(KeyAction::Filter),
        "/",
        "filter by name or id (keeps the path to each match)",
        Some("filter"),
        || Msg::Org(OrgMsg::FilterStart),
    ),
    SAVE_REPORT,
    action(
        On::Act(KeyAction::New),
        "n",
        "new top-level organization",
        Some("new"),
        || Msg::Org(OrgMsg::New),
    ),
    action(
        On::Key(KeyCode::Char('c')),
        "c",
        "new child of the selected organization",
        None,
        || Msg::Org(OrgMsg::NewChild),
    ),
    action(
        On::Act(KeyAction::Edit),
        "e",
        "rename it or change its limits",
        None,
        || Msg::Org(OrgMsg::Edit),
    ),
    action(
        On::Act(KeyAction::Delete),
        "d",
        "delete it and everything below (asks; refused while in use)",
        None,
        || Msg::Org(OrgMsg::Delete),
    ),
    RELOAD,
    BACK,
    copy_selected_id("copy the selected organization's id"),
    copy_selected_json("copy the selected organization as JSON"),
];

const DETAIL_ACTIONS: &[Action] = &[
    SAVE_REPORT,
    RELOAD,
    super::common::COPY_ID,
    super::common::COPY_JSON,
    BACK,
];
