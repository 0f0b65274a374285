//! `update(&mut App, Msg) -> Vec<Cmd>`: synchronous, the only mutator of
//! state. It never waits: HTTP and clipboard work leave as `Cmd`s and come
//! back as `Msg`s, and an answer to anything but the latest request is
//! ignored.

use super::app::{AccountsView, App, Confirm, ErrorPopup, Load, Screen, Stash, StatusKind, Write};
use super::form::{self, FormState, Outcome, Picker};
use super::list::{self, Selection};
use super::msg::{Cmd, Move, Msg, ReqId};
use crate::api::model::Workspace;
use crate::api::{ApiError, Token};
use crate::inert::inert;
use crate::rules::Field;
use std::collections::HashMap;
use tui_input::{Input, InputRequest};

/// The commands to run when the console starts.
pub fn init(app: &mut App) -> Vec<Cmd> {
    if app.has_token {
        load_workspaces(app)
    } else {
        Vec::new()
    }
}

/// How far the error box scrolls at most; the view stops at the text's
/// last row, this only keeps the number sane.
const MAX_SCROLL: u16 = 10_000;

pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            let height = app.list_height();
            app.workspaces.sel.scroll(height);
            app.account_sel.scroll(height);
        }
        Msg::Paste(text) => return paste(app, &text),
        Msg::Tick => app.spinner = app.spinner.wrapping_add(1),
        Msg::Quit => app.quit = true,
        Msg::ToggleHelp => app.help = !app.help,
        Msg::ToggleInfo => app.info = !app.info,
        Msg::Back => back(app),
        Msg::Reload => return reload(app),
        Msg::OpenSelected => return open_selected(app),
        Msg::NewAccount => return new_account(app),
        Msg::Move(mv) => move_cursor(app, mv),

        Msg::FilterStart => {
            app.workspaces.filtering = true;
        }
        Msg::FilterEdit(req) => {
            app.workspaces.filter.handle(req);
            refilter(app);
        }
        Msg::FilterDone => app.workspaces.filtering = false,
        Msg::GotoStart => app.workspaces.goto = Some(Input::default()),
        Msg::GotoEdit(req) => {
            if let Some(goto) = &mut app.workspaces.goto {
                goto.handle(req);
            }
        }
        Msg::GotoSubmit => return goto_submit(app),

        Msg::FocusNext | Msg::FocusPrev => {
            let forward = matches!(msg, Msg::FocusNext);
            if let Some(f) = unlocked_form(app) {
                f.picker = None;
                f.move_focus(forward);
            }
        }
        Msg::Edit(req) => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            let before = f.input();
            if let Err(reason) = f.edit(req) {
                app.set_status(StatusKind::Error, reason);
            }
            return save_draft_if_changed(app, &before);
        }
        Msg::ClearChoice => {
            if let Some(f) = unlocked_form(app)
                && let Some(field) = f.focused_field().filter(|f| form::is_picker(*f))
            {
                let before = f.input();
                f.set_value(field, "");
                return save_draft_if_changed(app, &before);
            }
        }
        Msg::OpenPicker => open_picker(app, None),
        Msg::OpenPickerWith(c) => open_picker(app, Some(c)),
        Msg::PickerEdit(req) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.filter.handle(req);
                p.selected = 0;
            }
        }
        Msg::PickerChoose => {
            let before = app.form().map(|f| f.input());
            choose(app);
            if let Some(before) = before {
                return save_draft_if_changed(app, &before);
            }
        }
        Msg::Submit => return submit(app, false, false),
        Msg::ConfirmResend => {
            if let Some(f) = app.form_mut()
                && f.confirm_resend
            {
                f.confirm_resend = false;
                return submit(app, true, false);
            }
        }
        Msg::PaletteOpen(text) => {
            app.palette = Some(super::palette::Palette {
                input: Input::new(text),
                selected: 0,
            })
        }
        Msg::PaletteEdit(req) => {
            if let Some(p) = &mut app.palette {
                p.input.handle(req);
                p.selected = 0;
            }
        }
        Msg::PaletteMove(mv) => {
            if let Some(p) = &app.palette {
                let n = super::palette::matches(app, p.input.value()).len();
                let mut s = Selection::all(n);
                s.selected = p.selected.min(n.saturating_sub(1));
                s.apply(mv, super::palette::ROWS);
                if let Some(p) = &mut app.palette {
                    p.selected = s.selected;
                }
            }
        }
        Msg::PaletteRun => return palette_run(app),
        Msg::ClickRow(pos) => {
            let height = app.list_height();
            let sel = match app.screen {
                Screen::Workspaces => &mut app.workspaces.sel,
                Screen::Workspace => &mut app.account_sel,
                Screen::Ledger => &mut app.ledger_sel,
                Screen::ApiLog => &mut app.log_sel,
                _ => return Vec::new(),
            };
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
        Msg::ClickField(i) => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            f.picker = None;
            // The field left behind is checked, as Tab would.
            if let Some(left) = f.focused_field().filter(|l| *l as usize != i) {
                f.touched[left as usize] = true;
                f.check(left);
            }
            match Field::ALL.get(i) {
                Some(field) if f.read_only(*field) => {}
                Some(field) => {
                    f.focus = i;
                    if form::is_picker(*field) {
                        open_picker(app, None);
                    }
                }
                // The Create (or Save) button: a click presses it.
                None if i == form::CREATE_BUTTON => {
                    f.focus = i;
                    return submit(app, false, false);
                }
                None => {}
            }
        }
        Msg::ClickOption(i) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.selected = i;
                let before = app.form().map(|f| f.input());
                choose(app);
                if let Some(before) = before {
                    return save_draft_if_changed(app, &before);
                }
            }
        }
        Msg::SwitchProfile(name) => return switch_profile(app, &name),
        Msg::ToggleMouse => {
            app.mouse = !app.mouse;
            app.set_status(
                StatusKind::Info,
                if app.mouse {
                    "Mouse captured: click and scroll (m releases it)"
                } else {
                    "Mouse released: the terminal selects text (m captures it again)"
                },
            );
            return vec![Cmd::SetMouse(app.mouse)];
        }
        Msg::ShowApiLog | Msg::ShowLedger => {
            if !matches!(app.screen, Screen::Ledger | Screen::ApiLog) {
                app.pane_back = app.screen;
            }
            let (screen, n) = match msg {
                Msg::ShowApiLog => (Screen::ApiLog, app.api_log.len()),
                _ => (Screen::Ledger, app.ledger.len()),
            };
            app.screen = screen;
            let height = app.list_height();
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
        Msg::ApiLogged(entry) => api_logged(app, entry),
        Msg::DuplicateAsNew => return duplicate_as_new(app),
        Msg::CopyAll => {
            if app.screen == Screen::ApiLog {
                let text: Vec<String> = app.api_log.iter().map(|e| e.line()).collect();
                return vec![Cmd::Copy {
                    what: "the API log",
                    text: text.join("\n"),
                }];
            }
        }
        Msg::EditAccount => edit_account(app),
        Msg::DeleteAccount => ask_delete(app),
        Msg::ConfirmEdit(req) => {
            if let Some(c) = &mut app.confirm
                && let Some(typed) = &mut c.typed
            {
                typed.handle(req);
                c.problem = None;
            }
        }
        Msg::ConfirmToggle => {
            if let Some(c) = &mut app.confirm {
                c.proceed = !c.proceed;
            }
        }
        Msg::ConfirmAccept => return confirm_accept(app),
        Msg::ConfirmCancel => {
            if let Some(c) = app.confirm.take() {
                let what = match c.write {
                    Write::Create => "nothing was created",
                    Write::Update => "nothing was changed",
                    Write::Delete { .. } => "nothing was deleted",
                };
                app.set_status(StatusKind::Info, format!("Cancelled: {what}"));
            }
        }
        Msg::AccountUpdated { req, result } => return account_updated(app, req, result),
        Msg::AccountDeleted {
            req,
            workspace_id,
            account_id,
            result,
        } => account_deleted(app, req, &workspace_id, &account_id, result),
        Msg::CancelResend => {
            if let Some(f) = app.form_mut() {
                f.confirm_resend = false;
            }
        }
        Msg::RestoreDraft => return restore_draft(app),
        Msg::DraftWritten {
            workspace_id,
            result,
        } => {
            let problem = result.err();
            if let Some(why) = &problem {
                app.set_status(
                    StatusKind::Error,
                    format!("The draft could not be saved ({why}); it is kept in memory only"),
                );
            }
            if let Some(f) = app.forms.get_mut(&workspace_id) {
                f.draft_problem = problem;
            }
        }
        Msg::AskDiscardDraft => {
            if let Some(f) = app.form_mut()
                && f.offer.is_some()
            {
                f.discard_asked = true;
            }
        }
        Msg::KeepDraft => {
            if let Some(f) = app.form_mut() {
                f.discard_asked = false;
            }
        }
        Msg::Expects(what) => app.set_status(StatusKind::Info, what),
        Msg::FileProblem(what) => app.set_status(StatusKind::Error, what),
        Msg::ScrollError(by) => {
            if let Some(e) = &mut app.error {
                e.scroll = if by == i16::MIN {
                    0
                } else {
                    e.scroll.saturating_add_signed(by).min(MAX_SCROLL)
                };
            }
        }
        Msg::ShowStatus => {
            if let Some(s) = &app.status {
                app.error = Some(ErrorPopup::new("Last message", s.text.clone()));
            }
        }
        Msg::DiscardDraft => {
            if let Some(f) = app.form_mut()
                && f.discard_asked
                && f.offer.take().is_some()
            {
                f.discard_asked = false;
                let ws = f.workspace.id.clone();
                app.set_status(StatusKind::Info, "Draft discarded");
                return vec![Cmd::DeleteDraft(ws)];
            }
        }
        Msg::Second => {
            for f in app.forms.values_mut() {
                match f.retry_in {
                    Some(n) if n > 1 => f.retry_in = Some(n - 1),
                    Some(_) => {
                        f.retry_in = None;
                        f.skip_wait_asked = false;
                        f.banner = Some("The rate limit has passed: Ctrl+S sends.".into());
                    }
                    None => {}
                }
            }
        }
        Msg::DismissError => app.error = None,

        Msg::CopyId if app.screen == Screen::ApiLog => {
            if let Some(e) = app.log_sel.current().and_then(|i| app.api_log.get(i)) {
                return vec![Cmd::Copy {
                    what: "the log entry",
                    text: e.line(),
                }];
            }
        }
        Msg::CopyId if app.screen == Screen::Ledger => {
            if let Some(e) = app.ledger_sel.current().and_then(|i| app.ledger.get(i)) {
                return vec![Cmd::Copy {
                    what: "the account id",
                    text: e.account.id.clone(),
                }];
            }
        }
        Msg::CopyId => {
            if let Some(a) = &app.detail {
                return vec![Cmd::Copy {
                    what: "the account id",
                    text: a.id.clone(),
                }];
            }
        }
        Msg::CopyJson => {
            if let Some(a) = &app.detail {
                return vec![Cmd::Copy {
                    what: "the account as JSON",
                    text: crate::inert::json(a),
                }];
            }
        }
        Msg::CopyError => {
            if let Some(e) = &app.error {
                return vec![Cmd::Copy {
                    what: "the error",
                    text: match &e.full {
                        Some(full) => format!("{}\n{}\n\n{full}", e.title, e.text),
                        None => format!("{}\n{}", e.title, e.text),
                    },
                }];
            }
        }

        Msg::TokenEdit(req) => {
            if let Some(t) = &mut app.token_prompt {
                t.handle(req);
            }
        }
        Msg::TokenSubmit => return token_submit(app),

        Msg::WorkspacesLoaded { req, result } => {
            if !app.workspaces.load.awaits(req) {
                tracing::debug!(req, "stale workspaces answer ignored");
                return Vec::new();
            }
            match result {
                Ok(list) => {
                    app.workspaces.load = Load::Loaded;
                    app.workspaces.items = list.data;
                    app.workspaces.lowered.clear();
                    app.workspaces.has_more = list.has_more;
                    refilter(app);
                    if let Some(id) = app.workspaces.preselect.take()
                        && let Some(i) = app.workspaces.items.iter().position(|w| w.id == id)
                    {
                        let height = app.list_height();
                        app.workspaces.sel.select_item(i, height);
                    }
                }
                Err(e) => {
                    app.workspaces.load = Load::Failed(e.to_string());
                    unauthorised(app, &e);
                }
            }
        }
        Msg::WorkspaceLoaded { req, result } => {
            if !app.workspaces.goto_load.awaits(req) {
                return Vec::new();
            }
            match result {
                Ok(ws) => {
                    app.workspaces.goto_load = Load::Loaded;
                    app.workspaces.goto = None;
                    return open_workspace(app, ws);
                }
                Err(e) => {
                    app.workspaces.goto_load = Load::Failed(e.to_string());
                    if !unauthorised(app, &e) {
                        app.set_status(
                            StatusKind::Error,
                            format!("Cannot open that workspace: {e}"),
                        );
                    }
                }
            }
        }
        Msg::AccountsLoaded {
            req,
            workspace_id,
            result,
        } => {
            let Some(view) = app.accounts.get_mut(&workspace_id) else {
                return Vec::new();
            };
            if !view.load.awaits(req) {
                return Vec::new();
            }
            match result {
                Ok(list) => {
                    view.load = Load::Loaded;
                    view.items = list.data;
                    view.has_more = list.has_more;
                    let n = view.items.len();
                    if app.current.as_ref().is_some_and(|w| w.id == workspace_id) {
                        let height = app.list_height();
                        app.account_sel.set_visible((0..n).collect(), height);
                    }
                }
                Err(e) => {
                    view.load = Load::Failed(e.to_string());
                    unauthorised(app, &e);
                }
            }
        }
        Msg::AccountCreated {
            req,
            workspace_id,
            sent_at,
            result,
        } => return account_created(app, req, &workspace_id, sent_at, result),
        Msg::AccountFound {
            req,
            workspace_id,
            result,
        } => return account_found(app, req, &workspace_id, result),
        Msg::LocalTimeZone(tz) => app.ctx.tz = tz,
        Msg::Copied(result) => match result {
            Ok(what) => app.set_status(StatusKind::Success, format!("Copied {what}")),
            Err(e) => app.set_status(StatusKind::Error, format!("Copy failed: {e}")),
        },
    }
    Vec::new()
}

fn load_workspaces(app: &mut App) -> Vec<Cmd> {
    let req = app.req();
    app.workspaces.load = Load::Loading(req);
    vec![Cmd::LoadWorkspaces { req }]
}

fn load_accounts(app: &mut App, workspace_id: &str) -> Vec<Cmd> {
    let req = app.req();
    app.accounts
        .entry(workspace_id.to_string())
        .or_insert_with(AccountsView::idle)
        .load = Load::Loading(req);
    vec![Cmd::LoadAccounts {
        req,
        workspace_id: workspace_id.to_string(),
    }]
}

/// On 401, asks for a token. True when it did.
fn unauthorised(app: &mut App, e: &ApiError) -> bool {
    if e.status() != Some(401) {
        return false;
    }
    app.token_prompt = Some(Input::default());
    app.set_status(
        StatusKind::Error,
        "The API did not accept the token (401): enter one to continue",
    );
    true
}

/// The form on screen, unless a request for it is in flight.
fn unlocked_form(app: &mut App) -> Option<&mut FormState> {
    if app.screen != Screen::Form {
        return None;
    }
    app.form_mut().filter(|f| f.submitting.is_none())
}

fn refilter(app: &mut App) {
    let ws = &mut app.workspaces;
    if ws.lowered.len() != ws.items.len() {
        // Once per list: names and ids in lower case for the filter.
        ws.lowered = ws
            .items
            .iter()
            .map(|w| [w.name.to_lowercase(), w.id.to_lowercase()])
            .collect();
        ws.filtered_by.clear();
    }
    let needle = ws.filter.value().trim().to_lowercase();
    let lowered = &ws.lowered;
    let pair = |i: usize| (i, [lowered[i][0].as_str(), lowered[i][1].as_str()]);
    // A longer query only narrows: search the current matches, not all.
    let visible = if !ws.filtered_by.is_empty() && needle.starts_with(&ws.filtered_by) {
        list::filter_lowered(&needle, ws.sel.visible.iter().map(|&i| pair(i)))
    } else {
        list::filter_lowered(&needle, (0..ws.items.len()).map(pair))
    };
    ws.filtered_by = needle;
    let height = app.list_height();
    app.workspaces.sel.set_visible(visible, height);
}

fn paste(app: &mut App, text: &str) -> Vec<Cmd> {
    use super::layers::{self, Modal};
    let one_line = |t: &str| -> String { t.chars().filter(|c| !c.is_control()).collect() };
    // A paste goes where the keys go: the box on top, if it takes text.
    match layers::top(app) {
        Some(Modal::TokenPrompt) => {
            if let Some(t) = &mut app.token_prompt {
                for c in one_line(text).trim().chars() {
                    t.handle(InputRequest::InsertChar(c));
                }
            }
            return Vec::new();
        }
        Some(Modal::Palette) => {
            if let Some(p) = &mut app.palette {
                for c in one_line(text).chars() {
                    p.input.handle(InputRequest::InsertChar(c));
                }
                p.selected = 0;
            }
            return Vec::new();
        }
        Some(Modal::Confirm) => {
            if let Some(c) = &mut app.confirm
                && let Some(typed) = &mut c.typed
            {
                for ch in one_line(text).trim().chars() {
                    typed.handle(InputRequest::InsertChar(ch));
                }
                c.problem = None;
            }
            return Vec::new();
        }
        Some(Modal::Goto) => {
            if let Some(g) = &mut app.workspaces.goto {
                for c in one_line(text).trim().chars() {
                    g.handle(InputRequest::InsertChar(c));
                }
            }
            return Vec::new();
        }
        // Boxes that take no text: the paste is not for the screen below.
        Some(Modal::Error | Modal::Info | Modal::Help | Modal::DraftOffer | Modal::Resend) => {
            return Vec::new();
        }
        None => {}
    }
    match app.screen {
        Screen::Workspaces if app.workspaces.filtering => {
            for c in one_line(text).chars() {
                app.workspaces.filter.handle(InputRequest::InsertChar(c));
            }
            refilter(app);
        }
        Screen::Form => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            if let Some(p) = &mut f.picker {
                for c in one_line(text).chars() {
                    p.filter.handle(InputRequest::InsertChar(c));
                }
                p.selected = 0;
            } else {
                let before = f.input();
                if let Some(note) = f.paste(text) {
                    app.set_status(StatusKind::Info, note);
                }
                return save_draft_if_changed(app, &before);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// A draft save (debounced) when the form's values changed.
fn save_draft_if_changed(app: &App, before: &crate::rules::AccountInput) -> Vec<Cmd> {
    match app.form() {
        // Edits of an existing account are not drafts of a new one.
        Some(f) if f.editing.is_none() && f.input() != *before => vec![Cmd::SaveDraft {
            draft: Box::new(f.draft()),
            now: false,
        }],
        _ => Vec::new(),
    }
}

fn back(app: &mut App) {
    use super::layers::{self, Modal};
    // Esc closes the box on top, the same one that has the keys.
    match layers::top(app) {
        Some(Modal::TokenPrompt) => {
            app.token_prompt = None;
            if !app.has_token {
                app.set_status(
                    StatusKind::Info,
                    "No token: press r to try again and enter one",
                );
            }
            return;
        }
        Some(Modal::Error) => {
            app.error = None;
            return;
        }
        Some(Modal::Confirm) => return update_confirm_cancel(app),
        Some(Modal::Palette) => {
            app.palette = None;
            return;
        }
        Some(Modal::Info | Modal::Help) => {
            app.help = false;
            app.info = false;
            return;
        }
        Some(Modal::Goto) => {
            app.workspaces.goto = None;
            app.workspaces.goto_load = Load::Idle;
            return;
        }
        // "Decide later" on the draft box leaves the form, as Esc does.
        Some(Modal::DraftOffer | Modal::Resend) | None => {}
    }
    match app.screen {
        Screen::Workspaces => {
            if app.workspaces.filtering || !app.workspaces.filter.value().is_empty() {
                app.workspaces.filtering = false;
                app.workspaces.filter.reset();
                refilter(app);
            }
        }
        Screen::Workspace => app.screen = Screen::Workspaces,
        Screen::Ledger | Screen::ApiLog => app.screen = app.pane_back,
        Screen::Form => {
            let back_to = app.form_back;
            if let Some(f) = app.form_mut() {
                if f.picker.take().is_some() {
                    return;
                }
                if !f.changes().is_empty() {
                    app.set_status(StatusKind::Info, "Edits kept: press e to come back to them");
                } else if f.editing.is_none() && !f.is_blank() {
                    app.set_status(StatusKind::Info, "Form kept: press n to come back to it");
                }
            }
            app.editing = false;
            app.screen = back_to;
        }
        Screen::Detail => app.screen = app.detail_back,
    }
}

fn reload(app: &mut App) -> Vec<Cmd> {
    if !app.has_token {
        app.token_prompt = Some(Input::default());
        return Vec::new();
    }
    match app.screen {
        Screen::Workspaces => load_workspaces(app),
        Screen::Workspace => match app.current.clone() {
            Some(ws) => load_accounts(app, &ws.id),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn open_workspace(app: &mut App, ws: Workspace) -> Vec<Cmd> {
    let id = ws.id.clone();
    app.recent.retain(|r| *r != id);
    app.recent.insert(0, id.clone());
    app.recent.truncate(10);
    app.current = Some(ws);
    app.screen = Screen::Workspace;
    let n = app.accounts.get(&id).map_or(0, |v| v.items.len());
    app.account_sel = Selection::all(n);
    let mut cmds = load_accounts(app, &id);
    cmds.push(Cmd::RememberWorkspace(id));
    cmds
}

fn open_selected(app: &mut App) -> Vec<Cmd> {
    match app.screen {
        Screen::Workspaces => match app.selected_workspace().cloned() {
            Some(ws) => open_workspace(app, ws),
            None => Vec::new(),
        },
        Screen::Workspace => {
            if let Some(a) = app.selected_account().cloned() {
                app.detail = Some(a);
                app.detail_created = false;
                app.detail_back = Screen::Workspace;
                app.screen = Screen::Detail;
            }
            Vec::new()
        }
        Screen::Ledger => {
            if let Some(e) = app.ledger_sel.current().and_then(|i| app.ledger.get(i)) {
                let a = e.account.clone();
                app.current = Some(workspace_by_id(app, &a.workspace_id));
                app.detail = Some(a);
                app.detail_created = false;
                app.detail_back = Screen::Ledger;
                app.screen = Screen::Detail;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn new_account(app: &mut App) -> Vec<Cmd> {
    let ws = match app.screen {
        Screen::Workspaces => app.selected_workspace().cloned(),
        Screen::Workspace | Screen::Detail => app.current.clone(),
        Screen::Form | Screen::Ledger | Screen::ApiLog => None,
    };
    match ws {
        Some(ws) => new_account_in(app, ws),
        None => Vec::new(),
    }
}

/// The new-account form of `ws` (the one kept from before, if any).
fn new_account_in(app: &mut App, ws: Workspace) -> Vec<Cmd> {
    let id = ws.id.clone();
    app.editing = false;
    app.form_back = match app.screen {
        Screen::Detail => Screen::Workspace,
        other => other,
    };
    if !app.forms.contains_key(&id) {
        let mut f = FormState::new(ws.clone());
        // A draft left by an earlier run (quit, crash, kill -9) is offered.
        f.offer = app.saved_drafts.remove(&id);
        app.forms.insert(id.clone(), f);
    }
    app.current = Some(ws);
    app.screen = Screen::Form;
    let mut cmds = Vec::new();
    // Knowing the accounts lets the form warn before a certain 409.
    if app.accounts.get(&id).is_none_or(|v| v.load == Load::Idle) {
        cmds.extend(load_accounts(app, &id));
    }
    cmds.push(Cmd::RememberWorkspace(id));
    cmds
}

fn move_cursor(app: &mut App, mv: Move) {
    let height = app.list_height();
    match app.screen {
        Screen::Workspaces => app.workspaces.sel.apply(mv, height),
        Screen::Workspace => app.account_sel.apply(mv, height),
        Screen::Form => {
            let Some(f) = unlocked_form(app) else { return };
            if let Some(p) = &mut f.picker {
                let n = p.options().len();
                let mut s = Selection::all(n);
                s.selected = p.selected.min(n.saturating_sub(1));
                s.apply(mv, 8);
                p.selected = s.selected;
            } else {
                match mv {
                    Move::Up => f.move_focus(false),
                    Move::Down => f.move_focus(true),
                    _ => {}
                }
            }
        }
        Screen::Ledger => app.ledger_sel.apply(mv, height),
        Screen::ApiLog => app.log_sel.apply(mv, height),
        Screen::Detail => {}
    }
}

fn goto_submit(app: &mut App) -> Vec<Cmd> {
    let Some(goto) = &app.workspaces.goto else {
        return Vec::new();
    };
    let id = goto.value().trim().to_string();
    if id.is_empty() {
        app.workspaces.goto = None;
        return Vec::new();
    }
    if let Some(ws) = app.workspaces.items.iter().find(|w| w.id == id).cloned() {
        app.workspaces.goto = None;
        return open_workspace(app, ws);
    }
    let req = app.req();
    app.workspaces.goto_load = Load::Loading(req);
    vec![Cmd::LoadWorkspace { req, id }]
}

fn open_picker(app: &mut App, first: Option<char>) {
    let Some(f) = unlocked_form(app) else { return };
    let Some(field) = f.focused_field().filter(|f| form::is_picker(*f)) else {
        return;
    };
    let mut picker = Picker::new(field);
    match first {
        Some(c) => {
            picker.filter.handle(InputRequest::InsertChar(c));
        }
        None => {
            let current = f.value(field).to_string();
            picker.selected = picker
                .options()
                .iter()
                .position(|c| c.value == current)
                .unwrap_or(0);
        }
    }
    f.picker = Some(picker);
}

fn choose(app: &mut App) {
    let Some(f) = unlocked_form(app) else { return };
    let Some(picker) = f.picker.take() else {
        return;
    };
    if let Some(choice) = picker.options().get(picker.selected) {
        f.set_value(picker.field, &choice.value);
        f.move_focus(true);
    } else {
        // Nothing matches the filter: keep the picker open.
        f.picker = Some(picker);
    }
}

/// `confirmed`: the user said yes to sending again after an unclear
/// answer; `write_confirmed`: to the profile's confirm_writes question.
fn submit(app: &mut App, confirmed: bool, write_confirmed: bool) -> Vec<Cmd> {
    if app.screen != Screen::Form {
        return Vec::new();
    }
    if app.editing {
        return submit_edit(app, write_confirmed);
    }
    let confirm_writes = app.ctx.confirm_writes;
    let has_token = app.has_token;
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    if f.submitting.is_some() || matches!(f.outcome, Outcome::Checking(_)) {
        app.set_status(
            StatusKind::Info,
            "Already sent: waiting for the server's answer (nothing sent twice)",
        );
        return Vec::new();
    }
    if f.offer.is_some() {
        return Vec::new();
    }
    if let Some(n) = f.retry_in {
        // The wait is the user's to cancel: a second Ctrl+S sends now.
        if !f.skip_wait_asked {
            f.skip_wait_asked = true;
            app.set_status(
                StatusKind::Error,
                format!("Rate limited: {n} s left; Ctrl+S again sends now anyway"),
            );
            return Vec::new();
        }
        f.retry_in = None;
        f.skip_wait_asked = false;
    }
    f.picker = None;
    if let Err(why) = check_fields(f) {
        app.set_status(StatusKind::Error, why);
        return Vec::new();
    }
    let Ok(body) = f.input().validate() else {
        return Vec::new(); // check_all passed, so the body is valid
    };
    if matches!(f.outcome, Outcome::Unknown(_)) && !confirmed {
        f.confirm_resend = true;
        return Vec::new();
    }
    if !has_token {
        app.token_prompt = Some(Input::default());
        app.set_status(StatusKind::Info, "Enter the API token, then Ctrl+S to send");
        return Vec::new();
    }
    if confirm_writes && !write_confirmed {
        let name = f.workspace.name.clone();
        ask_write(app, Write::Create, name);
        return Vec::new();
    }
    // The same body keeps its key, so a resend cannot create a second
    // account where the server honours Idempotency-Key.
    let key = match &f.idem {
        Some((key, sent)) if *sent == body => key.clone(),
        _ => uuid::Uuid::new_v4().to_string(),
    };
    f.idem = Some((key.clone(), body.clone()));
    f.banner = None;
    let workspace_id = f.workspace.id.clone();
    let draft = Box::new(f.draft());
    let req = app.req();
    if let Some(f) = app.form_mut() {
        f.submitting = Some(req);
    }
    app.set_status(StatusKind::Info, "Creating the billing account…");
    vec![Cmd::CreateAccount {
        req,
        workspace_id,
        body: Box::new(body),
        idempotency_key: key,
        draft,
    }]
}

fn account_created(
    app: &mut App,
    req: u64,
    workspace_id: &str,
    sent_at: jiff::Timestamp,
    result: Result<crate::api::model::BillingAccount, ApiError>,
) -> Vec<Cmd> {
    let Some(f) = app.forms.get_mut(workspace_id) else {
        return Vec::new();
    };
    if f.submitting != Some(req) {
        tracing::debug!(req, "stale create answer ignored");
        return Vec::new();
    }
    f.submitting = None;
    let e = match result {
        Ok(account) => return show_created(app, workspace_id, account, false),
        Err(e) => e,
    };
    if e.outcome_unknown() {
        let since = *f.sent_at.get_or_insert(sent_at);
        let (name, email) = f
            .idem
            .as_ref()
            .map(|(_, b)| (b.name.clone(), b.email.clone()))
            .unwrap_or_default();
        f.banner = Some(format!(
            "Outcome unknown ({}): looking for the account in the workspace…",
            short(&e)
        ));
        let lookup = app.req();
        if let Some(f) = app.forms.get_mut(workspace_id) {
            f.outcome = Outcome::Checking(lookup);
        }
        app.set_status(
            StatusKind::Error,
            format!("Outcome unknown: {}", inert(&e.to_string())),
        );
        return vec![Cmd::FindAccount {
            req: lookup,
            workspace_id: workspace_id.to_string(),
            name,
            email,
            since,
        }];
    }
    // Certain that nothing was created.
    f.outcome = Outcome::Settled;
    f.sent_at = None;
    let draft = Cmd::SaveDraft {
        draft: Box::new(f.draft()),
        now: true,
    };
    if apply_field_errors(f, &e) {
        refused_fields(app, &e);
    } else if e.status() == Some(401) {
        f.banner = Some(
            "The API did not accept the token (401). Enter a token, then Ctrl+S to send again."
                .into(),
        );
        unauthorised(app, &e);
    } else if let ApiError::RateLimited { retry_after, .. } = &e {
        let secs = crate::api::error::wait_after_429(*retry_after)
            .as_secs()
            .max(1);
        f.retry_in = Some(secs);
        f.skip_wait_asked = false;
        let capped = retry_after.is_some_and(|d| d > crate::api::error::MAX_WAIT);
        f.banner = Some(if capped {
            format!(
                "Rate limited (429): nothing was created. The server asked for {} s; alto waits at most {} minutes. Ctrl+S twice sends sooner.",
                retry_after.map_or(0, |d| d.as_secs()),
                crate::api::error::MAX_WAIT.as_secs() / 60
            )
        } else {
            "Rate limited (429): nothing was created. Ctrl+S twice sends sooner.".into()
        });
        app.set_status(
            StatusKind::Error,
            format!("Rate limited: you can send again in {secs} s"),
        );
    } else {
        f.banner = Some(format!("Not created: {}", short(&e)));
        app.error = Some(error_popup(&e, &Write::Create));
        app.set_status(
            StatusKind::Error,
            "The account was not created: the form is kept",
        );
    }
    vec![draft]
}

fn account_found(
    app: &mut App,
    req: u64,
    workspace_id: &str,
    result: Result<Option<crate::api::model::BillingAccount>, ApiError>,
) -> Vec<Cmd> {
    let Some(f) = app.forms.get_mut(workspace_id) else {
        return Vec::new();
    };
    if f.outcome != Outcome::Checking(req) {
        return Vec::new();
    }
    let why = match result {
        Ok(Some(account)) => return show_created(app, workspace_id, account, true),
        Ok(None) => "no account with this name and email has appeared".to_string(),
        Err(e) => format!("the lookup failed ({})", short(&e)),
    };
    f.banner = Some(format!(
        "Outcome unknown: {why}. Ctrl+S asks before sending again, with the same Idempotency-Key."
    ));
    f.outcome = Outcome::Unknown(why);
    app.set_status(
        StatusKind::Error,
        "The account may or may not exist: check before resending",
    );
    Vec::new()
}

/// The account exists: the form and its draft go, the detail pane shows it.
fn show_created(
    app: &mut App,
    workspace_id: &str,
    account: crate::api::model::BillingAccount,
    found: bool,
) -> Vec<Cmd> {
    let Some(f) = app.forms.remove(workspace_id) else {
        return Vec::new();
    };
    if let Some(view) = app.accounts.get_mut(workspace_id)
        && view.load == Load::Loaded
        && !view.items.iter().any(|a| a.id == account.id)
    {
        view.items.push(account.clone());
    }
    let n = app.accounts.get(workspace_id).map_or(0, |v| v.items.len());
    app.account_sel = Selection::all(n);
    app.account_sel.selected = n.saturating_sub(1);
    app.current = Some(f.workspace);
    let id = inert(&account.id).into_owned();
    let text = if found {
        format!("Found {id} after the unclear answer: it was created once")
    } else {
        format!("Created {id}")
    };
    match account.contract_warning() {
        Some(warning) => app.set_status(StatusKind::Error, format!("{text}, but {warning}")),
        None => app.set_status(StatusKind::Success, text),
    }
    if !app.ledger.iter().any(|e| e.account.id == account.id) {
        app.ledger.push(super::app::LedgerEntry {
            account: account.clone(),
            deleted: false,
        });
    }
    app.detail = Some(account);
    app.detail_created = true;
    app.detail_back = Screen::Workspace;
    app.screen = Screen::Detail;
    vec![Cmd::DeleteDraft(workspace_id.to_string())]
}

fn restore_draft(app: &mut App) -> Vec<Cmd> {
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    let Some(draft) = f.offer.take() else {
        return Vec::new();
    };
    f.restore(&draft);
    let Some(since) = f.sent_at else {
        app.set_status(StatusKind::Success, "Draft restored");
        return Vec::new();
    };
    // The last run sent this and never heard back: find out first.
    let (name, email) = (
        draft.input.name.trim().to_string(),
        draft.input.email.trim().to_string(),
    );
    let ws = f.workspace.id.clone();
    f.banner = Some("This draft was being sent when alto stopped: looking for the account…".into());
    let req = app.req();
    if let Some(f) = app.form_mut() {
        f.outcome = Outcome::Checking(req);
    }
    vec![Cmd::FindAccount {
        req,
        workspace_id: ws,
        name,
        email,
        since,
    }]
}

fn short(e: &ApiError) -> String {
    match e.status() {
        Some(s) => format!("HTTP {s}"),
        None => match e {
            ApiError::Timeout { .. } => "no answer in time".into(),
            ApiError::Connect { .. } => "could not connect".into(),
            ApiError::BadToken { .. } => "the token cannot be sent".into(),
            _ => "network error".into(),
        },
    }
}

/// After a 422 with field errors: the status line, and every message for a
/// key the form does not have (`tax_id`, `address.region`) listed whole in
/// a box, since no field can show it.
fn refused_fields(app: &mut App, e: &ApiError) {
    let unknown: Vec<String> = e
        .field_errors()
        .into_iter()
        .flatten()
        .filter(|(key, _)| Field::from_key(key).is_none())
        .map(|(key, msgs)| format!("{}: {}", key, msgs.join(" ")))
        .collect();
    if unknown.is_empty() {
        app.set_status(
            StatusKind::Error,
            "The API refused some fields: see the messages under them",
        );
        return;
    }
    app.set_status(
        StatusKind::Error,
        "The API refused fields this form does not have: see the box",
    );
    let text = format!(
        "The API answered HTTP {} and named {} field{} this form does not have:\n\n{}\n\nNothing was saved; what you typed is kept.",
        e.status().unwrap_or(422),
        unknown.len(),
        if unknown.len() == 1 { "" } else { "s" },
        unknown.join("\n\n")
    );
    app.error = Some(ErrorPopup::new(
        "Refused: fields the form does not know",
        text,
    ));
}

/// The server's per-field messages (a 422), put under the fields; the
/// banner says what the server refused. False when `e` has none.
fn apply_field_errors(f: &mut FormState, e: &ApiError) -> bool {
    let Some(fields) = e.field_errors() else {
        return false;
    };
    let mut unknown = Vec::new();
    for (key, msgs) in fields {
        let text = inert(&msgs.join(" ")).into_owned();
        match Field::from_key(key) {
            Some(field) => {
                f.errors[field as usize] = Some(text);
                f.touched[field as usize] = true;
            }
            None => unknown.push(inert(key).into_owned()),
        }
    }
    f.focus_first_error();
    let what = if f.editing.is_some() {
        "the changes"
    } else {
        "the account"
    };
    let mut banner = format!(
        "The API refused {what} (HTTP {}).",
        e.status().unwrap_or(422)
    );
    if !unknown.is_empty() {
        banner.push_str(&format!(
            " {} message{} for fields the form does not have: {} (in the box)",
            unknown.len(),
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        ));
    }
    f.banner = Some(banner);
    true
}

/// Checks every field (focusing the first wrong one); the status line's
/// text when some fail.
fn check_fields(f: &mut FormState) -> Result<(), String> {
    if f.check_all() {
        Ok(())
    } else {
        Err(need_attention(f.error_count()))
    }
}

fn need_attention(n: usize) -> String {
    format!(
        "{n} field{} need{} attention: nothing was sent",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" }
    )
}

/// The whole error, as text a user can read and copy; the last paragraph
/// says what `write` did or may have done.
pub fn error_popup(e: &ApiError, write: &Write) -> ErrorPopup {
    let title = match e.status() {
        Some(409) => "Refused: the workspace cannot take another account (409)".to_string(),
        Some(404) => "Not found (404)".to_string(),
        Some(429) => "Rate limited (429)".to_string(),
        Some(s) if s >= 500 => format!("Server error ({s})"),
        Some(s) if (300..400).contains(&s) => format!("Redirect refused ({s})"),
        Some(s) => format!("Refused ({s})"),
        None if matches!(e, ApiError::BadToken { .. }) => "The token cannot be used".to_string(),
        None => "Network error".to_string(),
    };
    let mut text = e.to_string();
    if let Some(body) = e.body() {
        for line in body.details() {
            text.push('\n');
            text.push_str(&line);
        }
    }
    let after = match (write, e.outcome_unknown()) {
        (Write::Create, true) => {
            "The request may have reached the server. The API has no idempotency key: check the workspace's accounts (Esc, then r) before sending again."
        }
        (Write::Create, false) => "Nothing was created. The form is kept as you left it.",
        (Write::Update, true) => {
            "The request may have reached the server. Saving again sends the same values, which is safe."
        }
        (Write::Update, false) => "Nothing was changed. Your edits are kept.",
        (Write::Delete { .. }, true) => {
            "The request may have reached the server: reload the workspace (Esc, then r) to see whether the account is still there."
        }
        (Write::Delete { .. }, false) => "Nothing was deleted.",
    };
    text.push_str("\n\n");
    text.push_str(after);
    // Server text in `text` is already inert and bounded
    // (ErrorBody::summary); the view makes every line safe again as it
    // draws. `y` copies the server's message whole.
    let mut popup = ErrorPopup::new(title, text);
    if let Some(message) = e.body().and_then(|b| b.message.clone())
        && message.len() > crate::api::error::SUMMARY_MAX
    {
        popup.full = Some(message);
    }
    popup
}

fn token_submit(app: &mut App) -> Vec<Cmd> {
    let Some(t) = app.token_prompt.take() else {
        return Vec::new();
    };
    let token = Token::new(t.value().trim());
    if token.is_empty() {
        app.token_prompt = Some(Input::default());
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
    if app.workspaces.load != Load::Loaded && !app.workspaces.load.is_loading() {
        cmds.extend(load_workspaces(app));
    }
    cmds
}

fn palette_run(app: &mut App) -> Vec<Cmd> {
    use super::palette::Command;
    let Some(p) = app.palette.take() else {
        return Vec::new();
    };
    let found = super::palette::matches(app, p.input.value());
    let Some(entry) = found.get(p.selected).or(found.first()).cloned() else {
        app.set_status(
            StatusKind::Error,
            format!("No command matches {:?}", inert(p.input.value())),
        );
        return Vec::new();
    };
    // Commands act on the list screens; leave a form (it is kept) first.
    let leave_form = |app: &mut App| {
        if app.screen == Screen::Form {
            app.editing = false;
            app.screen = app.form_back;
        }
    };
    match entry.command {
        Command::Workspaces => {
            leave_form(app);
            app.screen = Screen::Workspaces;
        }
        Command::Accounts => {
            let ws = app
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
            let ws = match app.screen {
                Screen::Workspaces => app.selected_workspace().cloned(),
                _ => app.current.clone(),
            };
            if let Some(ws) = ws {
                return new_account_in(app, ws);
            }
            app.set_status(StatusKind::Info, "Choose a workspace first");
        }
        Command::Log => return update(app, Msg::ShowApiLog),
        Command::Ledger => return update(app, Msg::ShowLedger),
        Command::Help => app.help = true,
        Command::Info => app.info = true,
        Command::Reload => {
            leave_form(app);
            return reload(app);
        }
        Command::Mouse => return update(app, Msg::ToggleMouse),
        Command::Quit => app.quit = true,
        Command::Profile(name) => return switch_profile(app, &name),
        Command::Workspace(id) => {
            leave_form(app);
            if let Some(ws) = app.workspaces.items.iter().find(|w| w.id == id).cloned() {
                return open_workspace(app, ws);
            }
            let req = app.req();
            app.workspaces.goto_load = Load::Loading(req);
            return vec![Cmd::LoadWorkspace { req, id }];
        }
    }
    Vec::new()
}

/// Another profile: its API, colour and confirm_writes. This profile's
/// lists, forms and edits are kept for when the user comes back.
fn switch_profile(app: &mut App, name: &str) -> Vec<Cmd> {
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
    if app.forms.values().any(|f| f.submitting.is_some())
        || app.edit.as_ref().is_some_and(|f| f.submitting.is_some())
        || app.deleting.is_some()
    {
        app.set_status(
            StatusKind::Info,
            "A write is waiting for its answer: switch when it has come",
        );
        return Vec::new();
    }
    let fresh = Stash {
        screen: Screen::Workspaces,
        workspaces: App::new(app.ctx.clone(), app.size, true).workspaces,
        current: None,
        accounts: HashMap::new(),
        account_sel: Selection::default(),
        forms: HashMap::new(),
        edit: None,
        detail: None,
    };
    let restored = app.stash.remove(name);
    let is_new = restored.is_none();
    let next = restored.unwrap_or(fresh);
    let screen = match app.screen {
        // The panes belong to the session, not to a profile.
        Screen::Ledger | Screen::ApiLog => app.pane_back,
        s => s,
    };
    let old = Stash {
        screen,
        workspaces: std::mem::replace(&mut app.workspaces, next.workspaces),
        current: std::mem::replace(&mut app.current, next.current),
        accounts: std::mem::replace(&mut app.accounts, next.accounts),
        account_sel: std::mem::replace(&mut app.account_sel, next.account_sel),
        forms: std::mem::replace(&mut app.forms, next.forms),
        edit: std::mem::replace(&mut app.edit, next.edit),
        detail: std::mem::replace(&mut app.detail, next.detail),
    };
    app.stash.insert(app.ctx.profile.clone(), old);
    app.screen = next.screen;
    app.editing = false;
    app.confirm = None;
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
        app.token_prompt = None;
    }
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
    }];
    if is_new {
        if app.has_token {
            cmds.extend(load_workspaces(app));
        } else {
            app.token_prompt = Some(Input::default());
        }
    }
    cmds
}

fn api_logged(app: &mut App, entry: crate::api::ApiLogEntry) {
    let sel = &app.log_sel;
    // Following the newest entry unless the user moved up.
    let follow = sel.selected + 1 >= sel.visible.len();
    let mut selected = sel.selected;
    app.api_log.push(entry);
    if app.api_log.len() > super::app::API_LOG_CAP {
        app.api_log.remove(0);
        selected = selected.saturating_sub(1);
    }
    let n = app.api_log.len();
    let height = super::view::list_height(Screen::ApiLog, app.frame_size());
    app.log_sel.visible = (0..n).collect();
    app.log_sel.selected = if follow { n - 1 } else { selected };
    app.log_sel.scroll(height);
}

/// `N`: the new-account form of the account's workspace, prefilled from it
/// (every field, the currency too) for the next one.
fn duplicate_as_new(app: &mut App) -> Vec<Cmd> {
    let account = match app.screen {
        Screen::Detail => app.detail.clone(),
        Screen::Ledger => app
            .ledger_sel
            .current()
            .and_then(|i| app.ledger.get(i))
            .map(|e| e.account.clone()),
        _ => None,
    };
    let Some(account) = account else {
        return Vec::new();
    };
    let ws = workspace_by_id(app, &account.workspace_id);
    let back = app.screen;
    let mut cmds = new_account_in(app, ws);
    app.form_back = back;
    let Some(f) = app.form_mut() else {
        return cmds;
    };
    if !f.is_blank() || f.offer.is_some() {
        // Never over what the user typed (or a draft waiting to be restored).
        app.set_status(
            StatusKind::Info,
            "This workspace's form already holds typed values: kept them, not duplicated",
        );
        return cmds;
    }
    let input = crate::rules::AccountInput::from_account(&account);
    for field in Field::ALL {
        f.values[field as usize] = Input::new(input.get(field).to_string());
    }
    f.focus = Field::Name as usize;
    cmds.push(Cmd::SaveDraft {
        draft: Box::new(f.draft()),
        now: false,
    });
    app.set_status(
        StatusKind::Info,
        format!(
            "Prefilled from {}: change what differs, then Ctrl+S",
            inert(&account.id)
        ),
    );
    cmds
}

fn update_confirm_cancel(app: &mut App) {
    update(app, Msg::ConfirmCancel);
}

/// Opens the confirm box for `write` in the workspace called `workspace_name`.
fn ask_write(app: &mut App, write: Write, workspace_name: String) {
    let delete = matches!(write, Write::Delete { .. });
    app.confirm = Some(Confirm {
        write,
        workspace_name,
        typed: app.ctx.confirm_writes.then(Input::default),
        // A delete starts on Cancel: Enter alone never deletes.
        proceed: !delete,
        problem: None,
    });
}

/// The workspace with this id, as far as this session knows it.
fn workspace_by_id(app: &App, id: &str) -> Workspace {
    app.current
        .iter()
        .chain(app.workspaces.items.iter())
        .find(|w| w.id == id)
        .cloned()
        .unwrap_or_else(|| {
            serde_json::from_value(serde_json::json!({ "id": id, "name": id }))
                .expect("a workspace from id and name")
        })
}

/// `e` on the detail pane: the form, filled with the account's values.
/// The account `e` and `d` act on: the one on the detail pane, or the one
/// selected in a workspace's list.
fn target_account(app: &App) -> Option<crate::api::model::BillingAccount> {
    match app.screen {
        Screen::Detail => app.detail.clone(),
        Screen::Workspace => app.selected_account().cloned(),
        _ => None,
    }
}

fn edit_account(app: &mut App) {
    let Some(account) = target_account(app) else {
        return;
    };
    // Saving shows the account; Esc goes back where `e` was pressed.
    let back = app.screen;
    if back == Screen::Workspace {
        app.detail = Some(account.clone());
        app.detail_created = false;
        app.detail_back = Screen::Workspace;
    }
    let ws = workspace_by_id(app, &account.workspace_id);
    // Edits left earlier for this same account are kept.
    let keep = app
        .edit
        .as_ref()
        .and_then(|f| f.editing.as_ref())
        .is_some_and(|a| a.id == account.id);
    if !keep {
        app.edit = Some(FormState::for_account(ws.clone(), account));
    }
    app.current = Some(ws);
    app.editing = true;
    app.form_back = back;
    app.screen = Screen::Form;
}

fn submit_edit(app: &mut App, write_confirmed: bool) -> Vec<Cmd> {
    let confirm_writes = app.ctx.confirm_writes;
    let req = app.req();
    let Some(f) = app.edit.as_mut() else {
        return Vec::new();
    };
    if f.submitting.is_some() {
        app.set_status(
            StatusKind::Info,
            "Already sent: waiting for the server's answer",
        );
        return Vec::new();
    }
    f.picker = None;
    if let Err(why) = check_fields(f) {
        app.set_status(StatusKind::Error, why);
        return Vec::new();
    }
    let changes = f.changes();
    if changes.is_empty() {
        app.set_status(StatusKind::Info, "Nothing changed: nothing was sent");
        return Vec::new();
    }
    let body = match crate::rules::validate_patch(&changes) {
        Ok(body) => body,
        Err(violations) => {
            let n = violations.len();
            for v in violations {
                f.errors[v.field as usize] = Some(v.message);
            }
            f.focus_first_error();
            app.set_status(StatusKind::Error, need_attention(n));
            return Vec::new();
        }
    };
    if confirm_writes && !write_confirmed {
        let name = f.workspace.name.clone();
        ask_write(app, Write::Update, name);
        return Vec::new();
    }
    let Some(account) = f.editing.as_ref() else {
        return Vec::new();
    };
    let cmd = Cmd::UpdateAccount {
        req,
        workspace_id: account.workspace_id.clone(),
        account_id: account.id.clone(),
        body: Box::new(body),
    };
    f.submitting = Some(req);
    f.banner = None;
    let n = changes.len();
    app.set_status(
        StatusKind::Info,
        format!("Saving {n} changed field{}…", if n == 1 { "" } else { "s" }),
    );
    vec![cmd]
}

fn account_updated(
    app: &mut App,
    req: ReqId,
    result: Result<crate::api::model::BillingAccount, ApiError>,
) -> Vec<Cmd> {
    let Some(f) = app.edit.as_mut().filter(|f| f.submitting == Some(req)) else {
        return Vec::new();
    };
    f.submitting = None;
    let e = match result {
        Ok(account) => {
            let n = f.changes().len();
            app.edit = None;
            app.editing = false;
            replace_account(app, &account);
            app.set_status(
                StatusKind::Success,
                format!(
                    "Saved {}: {n} field{} changed",
                    inert(&account.id),
                    if n == 1 { "" } else { "s" }
                ),
            );
            app.detail = Some(account);
            app.detail_created = false;
            app.screen = Screen::Detail;
            return Vec::new();
        }
        Err(e) => e,
    };
    if apply_field_errors(f, &e) {
        refused_fields(app, &e);
    } else if !unauthorised(app, &e) {
        if let Some(f) = app.edit.as_mut() {
            f.banner = Some(format!("Not saved: {}", short(&e)));
        }
        app.error = Some(error_popup(&e, &Write::Update));
        app.set_status(StatusKind::Error, "Not saved: your edits are kept");
    }
    Vec::new()
}

/// Puts a fresher copy of an account wherever this session shows it.
fn replace_account(app: &mut App, account: &crate::api::model::BillingAccount) {
    if let Some(view) = app.accounts.get_mut(&account.workspace_id)
        && let Some(slot) = view.items.iter_mut().find(|a| a.id == account.id)
    {
        *slot = account.clone();
    }
    for e in app.ledger.iter_mut().filter(|e| e.account.id == account.id) {
        e.account = account.clone();
    }
}

/// `d` on the detail pane: asks, with Cancel focused.
fn ask_delete(app: &mut App) {
    let Some(a) = target_account(app) else {
        return;
    };
    if app.deleting.is_some() {
        app.set_status(
            StatusKind::Info,
            "A delete is already waiting for its answer",
        );
        return;
    }
    let write = Write::Delete {
        workspace_id: a.workspace_id.clone(),
        account_id: a.id.clone(),
        account_name: a.name.clone(),
    };
    let name = workspace_by_id(app, &a.workspace_id).name;
    ask_write(app, write, name);
}

fn confirm_accept(app: &mut App) -> Vec<Cmd> {
    let Some(c) = app.confirm.as_mut() else {
        return Vec::new();
    };
    if !c.proceed {
        update_confirm_cancel(app);
        return Vec::new();
    }
    if let Some(typed) = &c.typed
        && typed.value().trim() != c.workspace_name.trim()
    {
        c.problem = Some(format!(
            "Type the workspace name exactly ({}) to go on",
            inert(&c.workspace_name)
        ));
        return Vec::new();
    }
    let Some(c) = app.confirm.take() else {
        return Vec::new();
    };
    match c.write {
        Write::Create => submit(app, true, true),
        Write::Update => submit_edit(app, true),
        Write::Delete {
            workspace_id,
            account_id,
            ..
        } => {
            let req = app.req();
            app.deleting = Some(req);
            app.set_status(
                StatusKind::Info,
                format!("Deleting {}…", inert(&account_id)),
            );
            vec![Cmd::DeleteAccount {
                req,
                workspace_id,
                account_id,
            }]
        }
    }
}

fn account_deleted(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    account_id: &str,
    result: Result<(), ApiError>,
) {
    if app.deleting != Some(req) {
        return;
    }
    app.deleting = None;
    match result {
        Ok(()) => {
            // The ledger keeps what was created, and now says it is gone.
            for e in app.ledger.iter_mut().filter(|e| e.account.id == account_id) {
                e.deleted = true;
            }
            if let Some(view) = app.accounts.get_mut(workspace_id) {
                view.items.retain(|a| a.id != account_id);
                if app.current.as_ref().is_some_and(|w| w.id == workspace_id) {
                    let n = view.items.len();
                    let keep = app.account_sel.selected.min(n.saturating_sub(1));
                    let height = app.list_height();
                    app.account_sel.set_visible((0..n).collect(), height);
                    app.account_sel.selected = keep;
                }
            }
            if app.detail.as_ref().is_some_and(|a| a.id == account_id) {
                app.detail = None;
                if app.screen == Screen::Detail {
                    app.screen = Screen::Workspace;
                }
            }
            if app
                .edit
                .as_ref()
                .and_then(|f| f.editing.as_ref())
                .is_some_and(|a| a.id == account_id)
            {
                app.edit = None;
            }
            app.set_status(
                StatusKind::Success,
                format!("Deleted {}", inert(account_id)),
            );
        }
        Err(e) => {
            if !unauthorised(app, &e) {
                app.error = Some(error_popup(
                    &e,
                    &Write::Delete {
                        workspace_id: workspace_id.into(),
                        account_id: account_id.into(),
                        account_name: String::new(),
                    },
                ));
                app.set_status(StatusKind::Error, format!("Not deleted: {}", short(&e)));
            }
        }
    }
}

#[cfg(test)]
mod tests;
