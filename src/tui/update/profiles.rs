//! The token prompt, the command palette and switching profiles.

use super::*;
use crate::tui::msg::NavMsg;

pub(super) fn token_submit(app: &mut App) -> Vec<Cmd> {
    let Some(t) = app.boxes.take_token_prompt() else {
        return Vec::new();
    };
    let token = Token::new(t.value().trim());
    if token.is_empty() {
        app.boxes.set_token_prompt(Some(Input::default()));
        app.set_status(StatusKind::Error, "The token cannot be empty");
        return Vec::new();
    }
    app.has_token = true;
    app.user_token = true;
    // `i` shows where the token in use came from: now the prompt.
    let label = format!("{} from {}", token.masked(), crate::token::Source::Prompt);
    app.ctx.user_token = Some(label.clone());
    app.ctx.token = Some(label);
    app.set_status(
        StatusKind::Info,
        "Token set for this session (kept in memory only)",
    );
    let mut cmds = vec![Cmd::UseToken(token)];
    if app.session.workspaces.load != Load::Loaded && !app.session.workspaces.load.is_loading() {
        cmds.extend(load_workspaces(app));
    }
    cmds
}

pub(super) fn palette_run(app: &mut App) -> Vec<Cmd> {
    use crate::tui::palette::Command;
    let Some(p) = app.boxes.take_palette() else {
        return Vec::new();
    };
    let found = p.found;
    let Some(entry) = found.get(p.selected).or(found.first()).cloned() else {
        app.set_status(
            StatusKind::Error,
            format!("No command matches {:?}", inert(p.input.value())),
        );
        return Vec::new();
    };
    // Commands act on the list screens; leave a form (it is kept) first.
    let leave_form = |app: &mut App| {
        if app.screen() == Screen::Form {
            app.editing = false;
            app.session.screens.close();
        }
    };
    match entry.command {
        Command::Workspaces => {
            leave_form(app);
            app.session.screens.jump(&[]);
        }
        Command::Accounts => {
            let ws = app
                .session
                .current
                .clone()
                .or_else(|| app.selected_workspace().cloned());
            if let Some(ws) = ws {
                leave_form(app);
                return open_workspace(app, ws);
            }
            app.set_status(StatusKind::Info, "Choose a workspace first");
        }
        Command::New => {
            let ws = match app.screen() {
                Screen::Workspaces => app.selected_workspace().cloned(),
                _ => app.session.current.clone(),
            };
            if let Some(ws) = ws {
                return new_account_in(app, ws);
            }
            app.set_status(StatusKind::Info, "Choose a workspace first");
        }
        Command::Log => return update(app, Msg::Nav(NavMsg::ShowApiLog)),
        Command::Import => {
            leave_form(app);
            return update(app, Msg::Import(crate::tui::import::ImportMsg::Open));
        }
        Command::Find(text) => {
            leave_form(app);
            return update(app, Msg::Find(crate::tui::msg::FindMsg::Open(text)));
        }
        Command::Ledger => return update(app, Msg::Nav(NavMsg::ShowLedger)),
        Command::Help => app.boxes.set_help(true),
        Command::Info => app.boxes.set_info(true),
        Command::Reload => {
            leave_form(app);
            return reload(app);
        }
        Command::Mouse => return update(app, Msg::ToggleMouse),
        Command::Quit => app.quit = true,
        Command::Profile(name) => return switch_profile(app, &name),
        Command::Members => {
            leave_form(app);
            return super::members::show(app);
        }
        Command::Orgs => {
            leave_form(app);
            return super::orgs::on_org(app, crate::tui::msg::OrgMsg::Open);
        }
        Command::Billing(tab) => {
            leave_form(app);
            return super::billing::open(app, tab);
        }
        Command::Workspace(id) => {
            leave_form(app);
            return open_workspace_by_id(app, id);
        }
    }
    Vec::new()
}

/// Another profile: its API, colour and confirm_writes. This profile's
/// lists, forms and edits are kept for when the user comes back.
pub(super) fn switch_profile(app: &mut App, name: &str) -> Vec<Cmd> {
    if name == app.ctx.profile {
        app.set_status(
            StatusKind::Info,
            format!("Already on profile {}", inert(name)),
        );
        return Vec::new();
    }
    let Some(p) = app.ctx.profiles.iter().find(|p| p.name == name).cloned() else {
        app.set_status(StatusKind::Error, format!("No profile {}", inert(name)));
        return Vec::new();
    };
    let url = match crate::api::client::check_base_url(&p.api_url) {
        Ok(url) => url,
        Err(e) => {
            app.set_status(
                StatusKind::Error,
                format!("Profile {} cannot be used: {e}", inert(name)),
            );
            return Vec::new();
        }
    };
    if app.session.forms.values().any(|f| f.phase.sending())
        || app.session.edit.as_ref().is_some_and(|f| f.phase.sending())
        || app.delete.busy()
    {
        app.set_status(
            StatusKind::Info,
            "A write is waiting for its answer: switch when it has come",
        );
        return Vec::new();
    }
    let is_new = swap_session(app, name);
    use_profile(app, &p, &url);
    app.set_status(
        StatusKind::Info,
        format!(
            "Profile {} · {}{}",
            inert(&p.name),
            inert(&app.ctx.api_host),
            if p.confirm_writes {
                " · writes ask for the workspace name"
            } else {
                ""
            }
        ),
    );
    let mut cmds = vec![Cmd::SwitchApi {
        api_url: p.api_url,
        demo: p.demo,
        profile: p.name.clone(),
    }];
    if is_new {
        if app.has_token {
            cmds.extend(load_workspaces(app));
        } else {
            app.boxes.set_token_prompt(Some(Input::default()));
        }
    } else {
        cmds.extend(super::find::resumed(app));
    }
    cmds
}

/// Parks this profile's session (with the screen it was on) and takes
/// `name`'s, or a fresh one: one swap. True when it is fresh.
fn swap_session(app: &mut App, name: &str) -> bool {
    let restored = app.parked.remove(name);
    let is_new = restored.is_none();
    let mut old = std::mem::replace(&mut app.session, restored.unwrap_or_default());
    // The panes belong to the console, not to a profile.
    old.screens = old.screens.without_panes();
    app.parked.insert(app.ctx.profile.clone(), old);
    is_new
}

/// The context (API, colour, confirm_writes, token) of profile `p`.
fn use_profile(app: &mut App, p: &crate::tui::app::ProfileInfo, url: &url::Url) {
    app.editing = false;
    app.boxes.set_confirm(None);
    app.ctx.profile = p.name.clone();
    app.ctx.api_url = p.api_url.clone();
    app.ctx.api_host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or("?")),
        None => url.host_str().unwrap_or("?").to_string(),
    };
    app.ctx.demo = p.demo;
    app.ctx.color = p.color;
    app.ctx.confirm_writes = p.confirm_writes;
    app.has_token = p.demo || app.user_token;
    // `i` names the token this profile uses.
    app.ctx.token = if p.demo {
        Some(format!("•••••• from {}", crate::token::Source::Demo))
    } else {
        app.ctx.user_token.clone()
    };
    if app.has_token {
        app.boxes.set_token_prompt(None);
    }
}

/// The command palette and switching profiles.
pub(super) fn on_palette(app: &mut App, msg: PaletteMsg) -> Vec<Cmd> {
    match msg {
        PaletteMsg::PaletteOpen(text) => crate::tui::palette::open(app, text),
        PaletteMsg::PaletteEdit(req) => {
            if let Some(p) = app.boxes.palette_mut() {
                p.input.handle(req);
            }
            crate::tui::palette::refresh(app);
        }
        PaletteMsg::PaletteMove(mv) => {
            if let Some(p) = app.boxes.palette_mut() {
                let rows = crate::tui::palette::ROWS;
                let mut s = Selection::at(p.found.len(), p.selected, rows);
                s.apply(mv, rows);
                p.selected = s.selected;
            }
        }
        PaletteMsg::PaletteRun => return palette_run(app),
        PaletteMsg::SwitchProfile(name) => return switch_profile(app, &name),
    }
    Vec::new()
}
