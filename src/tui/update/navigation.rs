//! Moving between screens and in lists: open, back, reload, go to an id, filter.

use super::*;
use crate::tui::resources::invoices::INVOICES;
use crate::tui::resources::subscriptions::SUBSCRIPTIONS;
use crate::tui::resources::workspaces::WORKSPACES;

pub(super) fn refilter(app: &mut App) {
    let ws = &mut app.session.workspaces;
    if ws.lowered.len() != ws.items.len() {
        // Once per list: names and ids folded (case, accents) for the filter.
        ws.lowered = ws
            .items
            .iter()
            .map(|w| [crate::matcher::fold(&w.name), crate::matcher::fold(&w.id)])
            .collect();
        ws.filtered_by.clear();
    }
    let needle = crate::matcher::fold(ws.filter.value().trim());
    let lowered = &ws.lowered;
    let pair = |i: usize| (i, [lowered[i][0].as_str(), lowered[i][1].as_str()]);
    // A longer query only narrows: search the current matches, not all.
    let visible = if !ws.filtered_by.is_empty() && needle.starts_with(&ws.filtered_by) {
        list::filter_lowered(&needle, ws.sel.visible.iter().map(|&i| pair(i)))
    } else {
        list::filter_lowered(&needle, (0..ws.items.len()).map(pair))
    };
    ws.filtered_by = needle;
    let height = crate::tui::layout::rows(app);
    app.session.workspaces.sel.set_visible(visible, height);
}

pub(super) fn back(app: &mut App) {
    use crate::tui::boxes::{self, Esc};
    // Esc closes the box on top, the same one that has the keys: as it is,
    // or its own way; a box that leaves Esc to its screen lets it through.
    if let Some(kind) = crate::tui::layers::top(app) {
        match boxes::spec(kind).esc {
            Esc::Close => return app.boxes.close(kind),
            Esc::Run(esc) => return esc(app),
            Esc::Screen => {}
        }
    }
    match app.screen() {
        Screen::Workspaces => {
            if app.session.workspaces.filtering || !app.session.workspaces.filter.value().is_empty()
            {
                app.session.workspaces.filtering = false;
                app.session.workspaces.filter.reset();
                refilter(app);
            }
        }
        // Esc clears the tree's filter first, as on the workspaces.
        Screen::Orgs => {
            if !super::orgs::clear_filter(app) {
                app.session.screens.close();
            }
        }
        Screen::Form => {
            if let Some(f) = app.form_mut() {
                if !f.changes().is_empty() {
                    app.set_status(StatusKind::Info, "Edits kept: press e to come back to them");
                } else if f.editing.is_none() && !f.is_blank() {
                    app.set_status(StatusKind::Info, "Form kept: press n to come back to it");
                }
            }
            app.editing = false;
            app.session.screens.close();
        }
        _ => app.session.screens.close(),
    }
}

/// `M`, `O`: one of a workspace's screens, for the workspace selected in
/// the list (or open elsewhere); its id, or `None` (and a word) when
/// there is none.
pub(super) fn open_workspace_screen(app: &mut App, screen: Screen) -> Option<String> {
    let ws = match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        _ => app.session.current.clone(),
    };
    let Some(ws) = ws else {
        app.set_status(StatusKind::Info, "Choose a workspace first");
        return None;
    };
    let id = ws.id.clone();
    app.session.current = Some(ws);
    app.session.screens.open(screen);
    Some(id)
}

/// `v`: the details of the workspace selected in the list, or open.
pub(super) fn show_details(app: &mut App) {
    let ws = match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        Screen::Workspace => app.session.current.clone(),
        _ => None,
    };
    if let Some(ws) = ws {
        app.session.current = Some(ws);
        app.session.screens.open(Screen::WorkspaceDetail);
    }
}

pub(super) fn reload(app: &mut App) -> Vec<Cmd> {
    if !app.has_token {
        app.boxes.set_token_prompt(Some(Input::default()));
        return Vec::new();
    }
    match crate::tui::screens::spec(app.screen()).reload {
        Some(request) => request(app),
        None => Vec::new(),
    }
}

pub(super) fn open_workspace(app: &mut App, ws: Workspace) -> Vec<Cmd> {
    let id = ws.id.clone();
    app.recent.retain(|r| *r != id);
    app.recent.insert(0, id.clone());
    app.recent.truncate(10);
    app.session.current = Some(ws);
    app.session.screens.jump(&[Screen::Workspace]);
    let n = app.session.accounts.get(&id).map_or(0, |v| v.items.len());
    app.session.account_sel = Selection::all(n);
    let mut cmds = load_accounts(app, &id);
    cmds.push(Cmd::RememberWorkspace(id));
    cmds
}

pub(super) fn open_selected(app: &mut App) -> Vec<Cmd> {
    match app.screen() {
        Screen::Workspaces => match app.selected_workspace().cloned() {
            Some(ws) => open_workspace(app, ws),
            None => Vec::new(),
        },
        Screen::WorkspaceDetail => match app.session.current.clone() {
            Some(ws) => open_workspace(app, ws),
            None => Vec::new(),
        },
        Screen::Workspace => {
            if let Some(a) = app.selected_account().cloned() {
                app.session.detail = Some(a);
                app.detail_created = false;
                app.session.screens.open(Screen::Detail);
            }
            Vec::new()
        }
        Screen::Subscriptions if (SUBSCRIPTIONS.shown)(app).is_some() => {
            app.session.screens.open(Screen::Subscription);
            Vec::new()
        }
        Screen::Invoices if (INVOICES.shown)(app).is_some() => {
            app.session.screens.open(Screen::Invoice);
            Vec::new()
        }
        Screen::Ledger => {
            if let Some(e) = app.ledger_sel.current().and_then(|i| app.ledger.get(i)) {
                let a = e.account.clone();
                app.session.current = Some(workspace_by_id(app, &a.workspace_id));
                app.session.detail = Some(a);
                app.detail_created = false;
                app.session.screens.open(Screen::Detail);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn new_account(app: &mut App) -> Vec<Cmd> {
    let ws = match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        Screen::Workspace | Screen::Detail | Screen::WorkspaceDetail => app.session.current.clone(),
        Screen::Form | Screen::Ledger | Screen::ApiLog | Screen::Find | Screen::Import => None,
        // The billing tabs are about an account: a new one goes beside it.
        Screen::Subscriptions
        | Screen::PaymentMethods
        | Screen::Invoices
        | Screen::Subscription
        | Screen::Invoice
        | Screen::Members
        | Screen::Orgs
        | Screen::Org
        | Screen::Pane(_) => None,
    };
    match ws {
        Some(ws) => new_account_in(app, ws),
        None => Vec::new(),
    }
}

/// The new-account form of `ws` (the one kept from before, if any).
pub(super) fn new_account_in(app: &mut App, ws: Workspace) -> Vec<Cmd> {
    let id = ws.id.clone();
    app.editing = false;
    if !app.session.forms.contains_key(&id) {
        let mut f = FormState::new(ws.clone());
        f.scope = app.ctx.draft_scope();
        // A draft left by an earlier run (quit, crash, kill -9) against
        // this API and profile is offered (or one from before drafts were
        // kept per API, which could be from anywhere).
        f.offer = app
            .saved_drafts
            .remove(&f.draft_key())
            .or_else(|| app.saved_drafts.remove(&id));
        app.session.forms.insert(id.clone(), f);
    }
    app.session.current = Some(ws);
    app.session.screens.open(Screen::Form);
    let mut cmds = Vec::new();
    // Knowing the accounts lets the form warn before a certain 409.
    if app
        .session
        .accounts
        .get(&id)
        .is_none_or(|v| v.load == Load::Idle)
    {
        cmds.extend(load_accounts(app, &id));
    }
    cmds.push(Cmd::RememberWorkspace(id));
    cmds
}

pub(super) fn move_cursor(app: &mut App, mv: Move) -> Vec<Cmd> {
    let height = crate::tui::layout::rows(app);
    if let Some(list) = &crate::tui::screens::spec(app.screen()).list {
        (list.sel_mut)(app).apply(mv, height);
        // End on a list loaded page by page says where it stopped.
        if mv == Move::End
            && let Some(inv) = app
                .billing()
                .map(|b| &b.invoices)
                .filter(|_| app.screen() == Screen::Invoices)
            && inv.next.is_some()
        {
            let n = inv.list.items.len();
            app.set_status(
                StatusKind::Info,
                format!("The last of {n} invoices loaded: the API pages by cursor, and the next page loads now"),
            );
        }
        // A list that loads as it is read asks for more here.
        return list.more.map_or_else(Vec::new, |more| more(app));
    }
    if app.screen() != Screen::Form {
        return Vec::new();
    }
    let Some(f) = unlocked_form(app) else {
        return Vec::new();
    };
    if let Some(p) = &mut f.picker {
        let n = p.options().len();
        let rows = crate::tui::form::PICKER_ROWS;
        let mut s = Selection::at(n, p.selected, rows);
        s.apply(mv, rows);
        p.selected = s.selected;
    } else {
        match mv {
            Move::Up => f.move_focus(false),
            Move::Down => f.move_focus(true),
            _ => {}
        }
    }
    Vec::new()
}

pub(super) fn goto_submit(app: &mut App) -> Vec<Cmd> {
    let Some(goto) = &app.session.workspaces.goto else {
        return Vec::new();
    };
    let value = goto.value().trim().to_string();
    if value.is_empty() {
        app.session.workspaces.goto = None;
        return Vec::new();
    }
    if crate::rules::workspace::is_id(&value) {
        return open_workspace_by_id(app, value);
    }
    open_workspace_by_name(app, &value)
}

/// `g` with a name: the one listed workspace with that exact name (any
/// case) opens; several, or none, are said and the prompt stays open with
/// what was typed.
fn open_workspace_by_name(app: &mut App, name: &str) -> Vec<Cmd> {
    use crate::rules::workspace::{named, near};
    let items = &app.session.workspaces.items;
    let found: Vec<Workspace> = named(items, name).into_iter().cloned().collect();
    let ids = |ws: Vec<&Workspace>| {
        ws.iter()
            .take(5)
            .map(|w| w.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = match found.as_slice() {
        [one] => {
            app.session.workspaces.goto = None;
            return open_workspace(app, one.clone());
        }
        [] => match near(items, name) {
            near if near.is_empty() => format!("No workspace is named \"{name}\""),
            near => format!(
                "No workspace is named \"{name}\"; {} contain it: {}",
                near.len(),
                ids(near)
            ),
        },
        several => format!(
            "{} workspaces are named \"{name}\": {}. Go to one by its id",
            several.len(),
            ids(several.iter().collect())
        ),
    };
    app.set_status(StatusKind::Error, message);
    Vec::new()
}

/// Opens the workspace with this id: at once if it is listed, else once
/// the request that gets it (the declaration's) has answered.
pub(super) fn open_workspace_by_id(app: &mut App, id: String) -> Vec<Cmd> {
    let workspaces = &app.session.workspaces;
    match workspaces.items.iter().find(|w| w.id == id).cloned() {
        Some(ws) => {
            app.session.workspaces.goto = None;
            open_workspace(app, ws)
        }
        None => WORKSPACES.get.map_or_else(Vec::new, |get| get(app, id)),
    }
}

pub(crate) fn load_workspaces(app: &mut App) -> Vec<Cmd> {
    let req = app.req();
    app.session.workspaces.load = Load::Loading(req);
    vec![Cmd::LoadWorkspaces { req }]
}

pub(crate) fn load_accounts(app: &mut App, workspace_id: &str) -> Vec<Cmd> {
    let req = app.req();
    app.session
        .accounts
        .entry(workspace_id.to_string())
        .or_insert_with(AccountsView::idle)
        .load = Load::Loading(req);
    vec![Cmd::LoadAccounts {
        req,
        workspace_id: workspace_id.to_string(),
    }]
}

/// On 401, asks for a token. True when it did.
pub(super) fn unauthorised(app: &mut App, e: &ApiError) -> bool {
    if e.status() != Some(401) {
        return false;
    }
    app.boxes.set_token_prompt(Some(Input::default()));
    app.set_status(
        StatusKind::Error,
        "The API did not accept the token (401): enter one to continue",
    );
    true
}

/// Moving: screens, lists, the filter and go-to prompts, the panes.
pub(super) fn on_nav(app: &mut App, msg: NavMsg) -> Vec<Cmd> {
    match msg {
        NavMsg::OpenPane(pane) => return crate::tui::screens::pane::open(app, pane),
        NavMsg::ToggleHelp => {
            let open = !app.boxes.help();
            app.boxes.set_help(open);
        }
        NavMsg::ToggleInfo => {
            let open = !app.boxes.info();
            app.boxes.set_info(open);
        }
        NavMsg::Reload => return reload(app),
        NavMsg::OpenSelected => return open_selected(app),
        NavMsg::NewAccount => return new_account(app),
        NavMsg::Move(mv) => return move_cursor(app, mv),

        NavMsg::FilterStart => {
            app.session.workspaces.filtering = true;
        }
        NavMsg::FilterEdit(req) => {
            app.session.workspaces.filter.handle(req);
            refilter(app);
        }
        NavMsg::FilterDone => app.session.workspaces.filtering = false,
        NavMsg::GotoStart => app.session.workspaces.goto = Some(Input::default()),
        NavMsg::GotoEdit(req) => {
            if let Some(goto) = &mut app.session.workspaces.goto {
                goto.handle(req);
            }
        }
        NavMsg::GotoSubmit => return goto_submit(app),

        NavMsg::ClickRow(pos) => {
            let height = crate::tui::layout::rows(app);
            let Some(list) = &screens::spec(app.screen()).list else {
                return Vec::new();
            };
            let sel = (list.sel_mut)(app);
            if pos >= sel.visible.len() {
                return Vec::new();
            }
            // A click on the selected row opens it (like Enter).
            if sel.selected == pos {
                return open_selected(app);
            }
            sel.selected = pos;
            sel.scroll(height);
        }
        NavMsg::ShowDetails => show_details(app),
        NavMsg::ShowApiLog | NavMsg::ShowLedger => {
            let (screen, n) = match msg {
                NavMsg::ShowApiLog => (Screen::ApiLog, app.api_log.len()),
                _ => (Screen::Ledger, app.ledger.len()),
            };
            app.session.screens.open(screen);
            let height = crate::tui::layout::rows(app);
            let sel = if screen == Screen::ApiLog {
                &mut app.log_sel
            } else {
                &mut app.ledger_sel
            };
            // Opens on the newest entry.
            *sel = Selection::all(n);
            sel.selected = n.saturating_sub(1);
            sel.scroll(height);
        }
        NavMsg::DuplicateAsNew => return duplicate_as_new(app),
        NavMsg::ShowMembers => return super::members::show(app),
        NavMsg::NewWorkspace => super::workspaces::new_box(app),
        NavMsg::EditWorkspace => super::workspaces::edit_box(app),
        NavMsg::ArchiveWorkspace => return super::workspaces::archive(app),
        NavMsg::WorkspaceBox(key) => return super::workspaces::on_box(app, key),
    }
    Vec::new()
}
