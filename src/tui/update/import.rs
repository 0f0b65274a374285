//! The import screen: the path, the preview (re-planned whenever the
//! workspace's accounts arrive), a second Enter to send, then one row at a
//! time, each through the journal. A lost answer stops it (nothing more is
//! sent) and says how `--resume` looks it up.

use super::*;
use crate::import::journal::Entry;
use crate::tui::import::{Fate, ImportCmd, ImportMsg, ImportState, Stage};

pub(super) fn on_import(app: &mut App, msg: ImportMsg) -> Vec<Cmd> {
    match msg {
        ImportMsg::Open => return open(app),
        ImportMsg::Edit(req) => {
            if let Some(s) = app
                .session
                .import
                .as_mut()
                .filter(|s| s.stage == Stage::Path)
            {
                s.path.handle(req);
            }
        }
        ImportMsg::Move(mv) => {
            let height = crate::tui::layout::rows(app);
            if let Some(s) = app.session.import.as_mut() {
                s.sel.apply(mv, height);
            }
        }
        ImportMsg::Enter => return enter(app),
        ImportMsg::Cancel => {
            if let Some(s) = app
                .session
                .import
                .as_mut()
                .filter(|s| s.stage == Stage::Confirm)
            {
                s.stage = Stage::Preview;
                app.set_status(StatusKind::Info, "Nothing was sent");
            }
        }
        ImportMsg::Read { path, result } => read(app, path, result),
        ImportMsg::Sent { line, result, at } => return sent(app, line, result, at),
    }
    Vec::new()
}

/// `U`: an import into the workspace open (or selected), its accounts
/// loaded for the checks.
fn open(app: &mut App) -> Vec<Cmd> {
    let ws = match app.screen() {
        Screen::Workspaces => app.selected_workspace().cloned(),
        _ => app.session.current.clone(),
    };
    let Some(ws) = ws else {
        app.set_status(StatusKind::Info, "Choose a workspace first");
        return Vec::new();
    };
    let keep = app
        .session
        .import
        .as_ref()
        .is_some_and(|s| s.workspace.id == ws.id);
    if !keep {
        app.session.import = Some(ImportState::new(ws.clone()));
    }
    app.session.current = Some(ws.clone());
    app.session.screens.open(Screen::Import);
    load_accounts(app, &ws.id)
}

fn enter(app: &mut App) -> Vec<Cmd> {
    let Some(s) = app.session.import.as_mut() else {
        return Vec::new();
    };
    match s.stage {
        Stage::Path => {
            let path = std::path::PathBuf::from(s.path.value().trim());
            if path.as_os_str().is_empty() {
                app.set_status(StatusKind::Info, "Type the CSV file's path first");
                return Vec::new();
            }
            s.stage = Stage::Reading;
            let workspace_id = s.workspace.id.clone();
            vec![Cmd::Import(ImportCmd::Read { path, workspace_id })]
        }
        Stage::Preview if s.plan.blocked(true) || s.plan.pending.is_empty() => {
            let why = match s.plan.pending.is_empty() {
                true => "Nothing to send: every row is created or has a problem",
                false => {
                    "Nothing can be sent: fix the file (or look up the lost answers with --resume)"
                }
            };
            app.set_status(StatusKind::Info, why);
            Vec::new()
        }
        Stage::Preview => {
            let load = app.session.accounts.get(&s.workspace.id).map(|v| &v.load);
            if load == Some(&Load::Loaded) {
                s.stage = Stage::Confirm;
                return Vec::new();
            }
            // The confirm opens when they arrive; asked again if their
            // read failed or never went.
            s.proceed = true;
            let ws = s.workspace.id.clone();
            let again = !load.is_some_and(Load::is_loading);
            app.set_status(
                StatusKind::Info,
                "Waiting for the workspace's accounts (to check duplicates)",
            );
            match again {
                true => load_accounts(app, &ws),
                false => Vec::new(),
            }
        }
        Stage::Confirm => {
            s.stage = Stage::Sending;
            send_next(app)
        }
        Stage::Done(_) => {
            // Read it again: what is left, and what the journal now says.
            s.stage = Stage::Path;
            enter(app)
        }
        Stage::Reading | Stage::Sending => Vec::new(),
    }
}

fn read(app: &mut App, path: std::path::PathBuf, result: Result<(String, Vec<Entry>), String>) {
    let Some(s) = app
        .session
        .import
        .as_mut()
        .filter(|s| s.stage == Stage::Reading)
    else {
        return;
    };
    match result {
        Ok((text, journal)) => {
            s.parsed = crate::import::parse(&text);
            s.journal = journal;
            s.file = Some(path);
            s.stage = Stage::Preview;
            replan(app);
        }
        Err(why) => {
            s.stage = Stage::Path;
            app.set_status(StatusKind::Error, why);
        }
    }
}

/// The preview again (the workspace's accounts are what it checks against).
pub(super) fn replan(app: &mut App) {
    let height = crate::tui::layout::rows(app);
    let Some(s) = app.session.import.as_mut() else {
        return;
    };
    if !matches!(s.stage, Stage::Preview | Stage::Confirm) {
        return;
    }
    let existing = app
        .session
        .accounts
        .get(&s.workspace.id)
        .map_or(&[][..], |v| v.items.as_slice());
    s.replan(existing, height);
    if std::mem::take(&mut s.proceed) && s.stage == Stage::Preview && !s.plan.blocked(true) {
        s.stage = Stage::Confirm;
    }
}

/// The next pending row, journal and all, or the end.
fn send_next(app: &mut App) -> Vec<Cmd> {
    let req = app.req();
    let key = app.ctx.idempotency_key(req);
    let Some(s) = app.session.import.as_mut() else {
        return Vec::new();
    };
    let Some(line) = s.next_pending() else {
        s.stage = Stage::Done(None);
        let created = s.count(|f| matches!(f, Fate::Created(_) | Fate::Before(_)));
        let total = s.fates.len();
        app.set_status(
            StatusKind::Info,
            format!("Import done: {created} of {total} rows created"),
        );
        return Vec::new();
    };
    let Some(body) = s
        .parsed
        .rows
        .iter()
        .find(|r| r.line == line)
        .and_then(|r| r.body.clone())
    else {
        return Vec::new();
    };
    s.fates.insert(line, Fate::Sending);
    vec![Cmd::Import(ImportCmd::Send {
        workspace_id: s.workspace.id.clone(),
        line,
        body: Box::new(body),
        key,
        file: s.file.clone().unwrap_or_default(),
    })]
}

fn sent(
    app: &mut App,
    line: u64,
    result: Result<Box<crate::api::model::BillingAccount>, ApiError>,
    at: crate::index::Millis,
) -> Vec<Cmd> {
    let Some(s) = app
        .session
        .import
        .as_mut()
        .filter(|s| s.stage == Stage::Sending)
    else {
        return Vec::new();
    };
    s.started.get_or_insert(at);
    match result {
        Ok(a) => {
            s.fates.insert(line, Fate::Created(a.id.clone()));
            super::find::heard_account(app, &a.workspace_id.clone(), &a);
            if let Some(view) = app.session.accounts.get_mut(&a.workspace_id) {
                view.items.push(*a);
            }
        }
        Err(e) if e.outcome_unknown() => {
            s.fates.insert(line, Fate::Unknown);
            let why = format!(
                "Line {line}: no answer ({e}). Nothing more is sent: `alto accounts import … --resume` looks it up first"
            );
            s.stage = Stage::Done(Some(why.clone()));
            app.set_status(StatusKind::Error, why);
            return Vec::new();
        }
        Err(e) => {
            s.fates.insert(line, Fate::Failed(e.to_string()));
        }
    }
    send_next(app)
}
