//! The index in the console: started once the workspaces are listed, fed
//! by every list the console loads anyway (no request of its own), and
//! filled by wakes: each wake asks for what is due (at most one request in
//! flight, one per interval), then asks to be woken when the next thing
//! falls due, so nothing runs while the index is fresh. And the find
//! screen over it.

use super::*;
use crate::api::model::{BillingAccount, Workspace};
use crate::index::files::Store;
use crate::index::fill::Applied;
use crate::index::{Index, Millis, now_ms};
use crate::tui::msg::{FindMsg, IndexCmd};

/// The store this profile's index is kept in (none for the demo, whose
/// sandbox is made anew each run, nor when `[cache] enabled = false`).
fn store(app: &App) -> Option<Store> {
    if app.ctx.demo {
        return None;
    }
    app.ctx.index.store(&app.ctx.api_url, &app.ctx.profile)
}

fn next_generation(app: &mut App) -> u64 {
    app.index_generation += 1;
    app.index_generation
}

/// Starts this session's filler, once: reads the stored index first.
pub(super) fn start(app: &mut App) -> Vec<Cmd> {
    let find = &app.session.find;
    if !app.ctx.index.enabled || find.filler.started {
        return Vec::new();
    }
    let generation = next_generation(app);
    let find = &mut app.session.find;
    find.filler.started = true;
    find.filler.generation = generation;
    match store(app) {
        Some(store) => vec![Cmd::Index(IndexCmd::Load { generation, store })],
        None => {
            app.session.find.loaded = true;
            vec![Cmd::Index(IndexCmd::Wake { generation, at: 0 })]
        }
    }
}

/// A session taken back from the parked ones: its filler's requests were
/// for another generation; it starts again where its index is.
pub(super) fn resumed(app: &mut App) -> Vec<Cmd> {
    let filler = &mut app.session.find.filler;
    if !filler.started {
        return Vec::new();
    }
    filler.in_flight = false;
    let generation = next_generation(app);
    app.session.find.filler.generation = generation;
    vec![Cmd::Index(IndexCmd::Wake { generation, at: 0 })]
}

/// The console's own list of workspaces, into the index; a workspace it
/// names that the index lacks is asked for at once (not at the next wake).
pub(super) fn fed_list(app: &mut App) -> Vec<Cmd> {
    let items = &app.session.workspaces.items;
    let find = &mut app.session.find;
    find.index.put_list(items, now_ms());
    let missing = find
        .index
        .meta
        .workspaces
        .iter()
        .any(|w| !find.index.shards.contains_key(&w.id));
    let mut cmds = changed(app, true, None);
    let f = &app.session.find.filler;
    if missing && f.started && app.session.find.loaded {
        let generation = f.generation;
        cmds.push(Cmd::Index(IndexCmd::Wake { generation, at: 0 }));
    }
    cmds
}

/// One account the console just read, created or changed: the index has
/// it at once (saved when this update ends, see [`flush`]).
pub(super) fn heard_account(app: &mut App, workspace: &str, account: &BillingAccount) {
    let find = &mut app.session.find;
    if find.index.put_account(workspace, account) {
        find.heard.shards.insert(workspace.to_string());
    }
}

/// An account the console just deleted.
pub(super) fn heard_gone(app: &mut App, workspace: &str, id: &str) {
    let find = &mut app.session.find;
    if find.index.drop_account(workspace, id) {
        find.heard.shards.insert(workspace.to_string());
    }
}

/// A workspace the console just created, changed or archived.
pub(super) fn heard_workspace(app: &mut App, workspace: &Workspace, created: bool) {
    let find = &mut app.session.find;
    find.index.put_workspace(workspace, created, now_ms());
    find.heard.meta = true;
    if created {
        find.heard.shards.insert(workspace.id.clone());
    }
}

/// Saves (and searches again) what this update told the index.
pub(super) fn flush(app: &mut App) -> Vec<Cmd> {
    if app.session.find.heard.is_empty() {
        return Vec::new();
    }
    let heard = std::mem::take(&mut app.session.find.heard);
    let mut cmds = changed(app, heard.meta, None);
    let Some(store) = store(app) else {
        return cmds;
    };
    let index = &app.session.find.index;
    for ws in heard.shards {
        if let Some(shard) = index.shards.get(&ws) {
            cmds.push(Cmd::Index(IndexCmd::Save {
                store: store.clone(),
                meta: None,
                shard: Some((ws, shard.clone())),
            }));
        }
    }
    cmds
}

/// A workspace's accounts as the console loaded them, into the index.
pub(super) fn fed_accounts(app: &mut App, workspace: &str) -> Vec<Cmd> {
    let find = &mut app.session.find;
    let (Some(view), true) = (
        app.session.accounts.get(workspace),
        find.index.workspace(workspace).is_some(),
    ) else {
        return Vec::new();
    };
    find.index
        .put_accounts(workspace, &view.items, view.has_more, now_ms());
    changed(app, false, Some(workspace.to_string()))
}

/// Searches again; a big index is read a part per frame from here on.
fn search(app: &mut App, index_changed: bool) -> Vec<Cmd> {
    let height = crate::tui::layout::rows(app);
    let find = &mut app.session.find;
    match find.refresh(index_changed, height) {
        true => vec![Cmd::Index(IndexCmd::Continue {
            search: find.search,
        })],
        false => Vec::new(),
    }
}

/// After the index changed: the results again, and the save.
fn changed(app: &mut App, meta: bool, shard: Option<String>) -> Vec<Cmd> {
    let mut cmds = search(app, true);
    let Some(store) = store(app) else {
        return cmds;
    };
    let index = &app.session.find.index;
    let shard = shard.and_then(|ws| index.shards.get(&ws).map(|s| (ws, s.clone())));
    cmds.push(Cmd::Index(IndexCmd::Save {
        store,
        meta: meta.then(|| index.meta.clone()),
        shard,
    }));
    cmds
}

pub(super) fn on_find(app: &mut App, msg: FindMsg) -> Vec<Cmd> {
    match msg {
        FindMsg::Open(text) => return open(app, text),
        FindMsg::Edit(req) => {
            app.session.find.query.handle(req);
            return search(app, false);
        }
        FindMsg::Continue { search } => {
            let height = crate::tui::layout::rows(app);
            if app.session.find.resume(search, height) {
                return vec![Cmd::Index(IndexCmd::Continue { search })];
            }
        }
        FindMsg::Move(mv) => {
            let height = crate::tui::layout::rows(app);
            app.session.find.sel.apply(mv, height);
        }
        FindMsg::OpenSelected => return open_selected(app),
        FindMsg::Wake { generation, now } => return wake(app, generation, now),
        FindMsg::Answer {
            generation,
            answer,
            at,
        } => return answered(app, generation, *answer, at),
        FindMsg::Loaded {
            generation,
            index,
            problems,
            now,
        } => return loaded(app, generation, *index, problems, now),
        FindMsg::SaveFailed(why) => {
            app.session.find.filler.problem = Some(why.clone());
            app.set_status(StatusKind::Error, why);
        }
    }
    Vec::new()
}

fn open(app: &mut App, text: String) -> Vec<Cmd> {
    let find = &mut app.session.find;
    find.now = find.now.max(now_ms());
    if !text.is_empty() {
        find.query = Input::new(text);
    }
    app.session.screens.open(Screen::Find);
    let cmds = search(app, false);
    if !app.ctx.index.enabled {
        app.set_status(
            StatusKind::Info,
            "The index is off ([cache] enabled = false): find searches only what this session loaded",
        );
    }
    cmds
}

/// A wake: asks for what is due, or sleeps until it is.
fn wake(app: &mut App, generation: u64, now: Millis) -> Vec<Cmd> {
    let pace = app.ctx.index.pace;
    let find = &mut app.session.find;
    let f = &mut find.filler;
    if generation != f.generation || !find.loaded || f.in_flight || f.stopped {
        return Vec::new();
    }
    find.now = now;
    let wake_at = |at| vec![Cmd::Index(IndexCmd::Wake { generation, at })];
    match find.index.due(now, pace) {
        Ok(_) if f.last_sent.is_some_and(|l| now < l + pace.interval_ms) => {
            wake_at(f.last_sent.unwrap_or(now) + pace.interval_ms)
        }
        Ok(due) => {
            f.in_flight = true;
            f.last_sent = Some(now);
            vec![Cmd::Index(IndexCmd::Fetch { generation, due })]
        }
        Err(at) => wake_at(at),
    }
}

/// A filler's answer: into the index, saved, and the next wake.
fn answered(
    app: &mut App,
    generation: u64,
    answer: crate::index::fill::Answer,
    at: Millis,
) -> Vec<Cmd> {
    if generation != app.session.find.filler.generation {
        return Vec::new();
    }
    let find = &mut app.session.find;
    find.filler.in_flight = false;
    find.now = at;
    let applied: Applied = find.index.apply(answer, at);
    find.filler.problem = applied.problem.clone();
    find.filler.stopped = applied.unauthorised;
    let mut cmds = changed(app, applied.meta, applied.shard);
    if !applied.unauthorised {
        let next = applied
            .paused_until
            .unwrap_or(at + app.ctx.index.pace.interval_ms);
        cmds.push(Cmd::Index(IndexCmd::Wake {
            generation,
            at: next,
        }));
    }
    cmds
}

/// The stored index: what the console fed meanwhile is newer.
fn loaded(
    app: &mut App,
    generation: u64,
    mut index: Index,
    problems: Vec<String>,
    now: Millis,
) -> Vec<Cmd> {
    let find = &mut app.session.find;
    if generation != find.filler.generation {
        return Vec::new();
    }
    index.absorb(std::mem::take(&mut find.index));
    find.index = index;
    find.loaded = true;
    find.now = now;
    if !problems.is_empty() {
        let said = problems.join("; ");
        find.filler.problem = Some(said.clone());
        app.set_status(StatusKind::Error, format!("The index: {said}"));
    }
    let mut cmds = search(app, true);
    cmds.push(Cmd::Index(IndexCmd::Wake { generation, at: 0 }));
    cmds
}

/// Enter: an account opens in its workspace once the workspace's accounts
/// are loaded; a workspace opens at once.
fn open_selected(app: &mut App) -> Vec<Cmd> {
    let find = &app.session.find;
    let Some(hit) = find.current() else {
        return Vec::new();
    };
    let Some(entry) = crate::index::search::workspace(&find.index, &hit) else {
        return Vec::new();
    };
    let account = crate::index::search::account(&find.index, &hit).map(|a| a.id.clone());
    let ws = workspace_by_id(app, &entry.id.clone());
    // Esc from the account goes back to the workspace, then to the
    // results (open_workspace alone would start the stack afresh).
    let before = app.session.screens.clone();
    let mut cmds = open_workspace(app, ws);
    app.session.screens = before;
    app.session.screens.open(Screen::Workspace);
    app.session.open_account = account;
    // Already loaded: shown now (the reload will not move it).
    cmds.extend(super::find::reveal(app));
    cmds
}

/// Opens the account find chose, once its workspace's accounts are in
/// (or says it is no longer there).
pub(super) fn reveal(app: &mut App) -> Vec<Cmd> {
    let Some(id) = app.session.open_account.clone() else {
        return Vec::new();
    };
    let Some(ws) = app.session.current.clone() else {
        return Vec::new();
    };
    let Some(view) = app.session.accounts.get(&ws.id) else {
        return Vec::new();
    };
    if let Some(i) = view.items.iter().position(|a| a.id == id) {
        let account = view.items[i].clone();
        app.session.open_account = None;
        let height = crate::tui::layout::rows(app);
        app.session.account_sel.select_item(i, height);
        app.session.detail = Some(account);
        app.detail_created = false;
        app.session.screens.open(Screen::Detail);
    } else if view.load == Load::Loaded {
        app.session.open_account = None;
        app.set_status(
            StatusKind::Error,
            format!(
                "{} is no longer in {}: the index was older than the account's deletion or move",
                inert(&id),
                inert(&ws.name)
            ),
        );
    }
    Vec::new()
}
