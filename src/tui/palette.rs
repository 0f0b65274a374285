//! The command palette (`:`, as in k9s): every action by name, and the
//! workspaces opened recently by id, matched fuzzily as you type.

use super::app::App;
use super::list;
use tui_input::Input;

/// Matches shown at once.
pub const ROWS: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Workspaces,
    Accounts,
    New,
    Log,
    Ledger,
    Help,
    Info,
    Reload,
    Mouse,
    Quit,
    Profile(String),
    Workspace(String),
    /// A billing tab of the account selected or shown.
    Billing(super::billing::Tab),
    /// The members of the workspace open or selected.
    Members,
    /// Its organizations.
    Orgs,
    /// The find screen, with this typed.
    Find(String),
    /// The import screen for the workspace open or selected.
    Import,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub command: Command,
    /// What is typed to find it.
    pub name: String,
    pub what: String,
}

#[derive(Clone, Debug, Default)]
pub struct Palette {
    pub input: Input,
    /// Position in `found`.
    pub selected: usize,
    /// The entries matching `input`, best first: computed once per edit
    /// (by [`refresh`]); moves, Enter and the drawing read them.
    pub found: Vec<Entry>,
}

/// Opens the palette with `text` typed, its matches found.
pub fn open(app: &mut App, text: String) {
    app.boxes.set_palette(Some(Palette {
        input: Input::new(text),
        ..Palette::default()
    }));
    refresh(app);
}

/// After the typed text changed: the matches again, the first selected.
pub fn refresh(app: &mut App) {
    if let Some(p) = app.boxes.take_palette() {
        let found = matches(app, p.input.value());
        app.boxes.set_palette(Some(Palette {
            found,
            selected: 0,
            ..p
        }));
    }
}

fn e(command: Command, name: impl Into<String>, what: impl Into<String>) -> Entry {
    Entry {
        command,
        name: name.into(),
        what: what.into(),
    }
}

/// Every entry the palette can offer now.
pub fn entries(app: &App) -> Vec<Entry> {
    use Command::*;
    let mut all = vec![
        e(Workspaces, "workspaces", "the workspace list"),
        e(
            Accounts,
            "accounts",
            "billing accounts of the current workspace",
        ),
        e(New, "new", "new billing account in the current workspace"),
        e(
            Members,
            "members",
            "the workspace's members and their roles",
        ),
        e(
            Orgs,
            "orgs",
            "the workspace's organizations: tree, limits, usage",
        ),
        e(
            Billing(super::billing::Tab::Subscriptions),
            "subscriptions",
            "the account's subscriptions",
        ),
        e(
            Billing(super::billing::Tab::PaymentMethods),
            "payment-methods",
            "the account's payment methods",
        ),
        e(
            Billing(super::billing::Tab::Invoices),
            "invoices",
            "the account's invoices, and the chart",
        ),
        e(
            Find(String::new()),
            "find",
            "any account (email, name, id, phone) or workspace",
        ),
        e(
            Import,
            "import",
            "billing accounts from a CSV file, into this workspace",
        ),
        e(Log, "log", "API log: every request this session"),
        e(Ledger, "ledger", "accounts created this session"),
        e(Reload, "reload", "load the list on screen again"),
        e(Help, "help", "the keys of this screen"),
        e(Info, "info", "session: API, token source, paths"),
        e(
            Mouse,
            "mouse",
            if app.mouse {
                "release the mouse (terminal text selection)"
            } else {
                "capture the mouse (click, wheel)"
            },
        ),
        e(Quit, "quit", "leave alto (forms are kept as drafts)"),
    ];
    for p in app.ctx.profiles.iter().map(|p| &p.name) {
        let mark = if *p == app.ctx.profile {
            " (current)"
        } else {
            ""
        };
        all.push(e(
            Profile(p.clone()),
            format!("profile {p}"),
            format!("switch to the {p} profile{mark}"),
        ));
    }
    for id in &app.recent {
        let name = app
            .session
            .workspaces
            .items
            .iter()
            .find(|w| &w.id == id)
            .map(|w| w.name.clone())
            .unwrap_or_default();
        all.push(e(
            Workspace(id.clone()),
            id.clone(),
            format!("open {}", crate::inert::inert(&name)),
        ));
    }
    all
}

/// The entries matching `query`, best first.
pub fn matches(app: &App, query: &str) -> Vec<Entry> {
    // `:find TEXT` runs the search with TEXT typed.
    if let Some(text) = query.strip_prefix("find ").filter(|t| !t.trim().is_empty()) {
        let text = text.trim().to_string();
        return vec![e(
            Command::Find(text.clone()),
            format!("find {text}"),
            "in every workspace, as far as it is indexed",
        )];
    }
    let all = entries(app);
    let order = list::filter(
        query,
        all.iter()
            .enumerate()
            .map(|(i, e)| (i, [e.name.as_str(), e.what.as_str()])),
    );
    order.into_iter().map(|i| all[i].clone()).collect()
}
