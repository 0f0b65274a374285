//! `update(&mut App, Msg) -> Vec<Cmd>`: synchronous, the only mutator of
//! state. It never waits: HTTP and clipboard work leave as `Cmd`s and come
//! back as `Msg`s, and an answer to anything but the latest request is
//! ignored.

use super::app::{AccountsView, App, Confirm, ErrorPopup, Load, Screen, StatusKind, Write};
use super::form::{self, FormState, Picker};
use super::list::{self, Selection};
use super::msg::{Cmd, Move, Msg, ReqId};
use super::screens;
use super::write::Phase;
use crate::api::model::Workspace;
use crate::api::{ApiError, Token};
use crate::inert::inert;
use crate::rules::Field;
use crate::tui::msg::{ApiMsg, BoxMsg, CopyMsg, FormMsg, NavMsg, PaletteMsg, WriteMsg};
use tui_input::{Input, InputRequest};

mod create;
mod edit_delete;
mod fields;
mod ledger;
pub(crate) mod navigation;
mod outcomes;
mod profiles;

use create::*;
use edit_delete::*;
use fields::*;
use ledger::*;
use navigation::*;
use outcomes::*;
use profiles::*;
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

/// State in, message, state and commands out: each group of messages goes
/// to its feature's handler.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Nav(m) => on_nav(app, m),
        Msg::Form(m) => on_form(app, m),
        Msg::Palette(m) => on_palette(app, m),
        Msg::Write(m) => on_write(app, m),
        Msg::Boxes(m) => on_boxes(app, m),
        Msg::Copy(m) => on_copy(app, m),
        Msg::Api(m) => on_api(app, m),
        other => global(app, other),
    }
}

/// What concerns the whole console: the terminal, quitting, Esc, the mouse.
fn global(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            let height = app.list_height();
            app.session.workspaces.sel.scroll(height);
            app.session.account_sel.scroll(height);
        }
        Msg::Paste(text) => return paste(app, &text),
        Msg::Tick => app.spinner = app.spinner.wrapping_add(1),
        Msg::Quit => app.quit = true,
        Msg::Back => back(app),
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
        Msg::ApiLogged(entry) => api_logged(app, entry),
        Msg::Expects(what) => app.set_status(StatusKind::Info, what),
        Msg::FileProblem(what) => app.set_status(StatusKind::Error, what),
        Msg::Second => {
            for f in app.session.forms.values_mut() {
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
        Msg::LocalTimeZone(tz) => app.ctx.tz = tz,
        other => debug_assert!(false, "{other:?} has a handler of its own"),
    }
    Vec::new()
}

/// Moving: screens, lists, the filter and go-to prompts, the panes.
fn on_nav(app: &mut App, msg: NavMsg) -> Vec<Cmd> {
    match msg {
        NavMsg::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        NavMsg::ToggleInfo => app.info = !app.info,
        NavMsg::Reload => return reload(app),
        NavMsg::OpenSelected => return open_selected(app),
        NavMsg::NewAccount => return new_account(app),
        NavMsg::Move(mv) => move_cursor(app, mv),

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
            let height = app.list_height();
            let Some(list) = &screens::spec(app.screen).list else {
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
            if !matches!(app.screen, Screen::Ledger | Screen::ApiLog) {
                app.pane_back = app.screen;
            }
            let (screen, n) = match msg {
                NavMsg::ShowApiLog => (Screen::ApiLog, app.api_log.len()),
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
        NavMsg::DuplicateAsNew => return duplicate_as_new(app),
    }
    Vec::new()
}

/// The create and edit form.
fn on_form(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    match msg {
        FormMsg::FocusNext | FormMsg::FocusPrev => {
            let forward = matches!(msg, FormMsg::FocusNext);
            if let Some(f) = unlocked_form(app) {
                f.picker = None;
                f.move_focus(forward);
            }
        }
        FormMsg::Edit(req) => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            let before = f.input();
            if let Err(reason) = f.edit(req) {
                app.set_status(StatusKind::Error, reason);
            }
            return save_draft_if_changed(app, &before);
        }
        FormMsg::ClearChoice => {
            if let Some(f) = unlocked_form(app)
                && let Some(field) = f.focused_field().filter(|f| form::is_picker(*f))
            {
                let before = f.input();
                f.set_value(field, "");
                return save_draft_if_changed(app, &before);
            }
        }
        FormMsg::OpenPicker => open_picker(app, None),
        FormMsg::OpenPickerWith(c) => open_picker(app, Some(c)),
        FormMsg::PickerEdit(req) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.filter.handle(req);
                p.selected = 0;
            }
        }
        FormMsg::PickerChoose => {
            let before = app.form().map(|f| f.input());
            choose(app);
            if let Some(before) = before {
                return save_draft_if_changed(app, &before);
            }
        }
        FormMsg::Submit => return submit(app, false, false),
        FormMsg::ConfirmResend => {
            if let Some(f) = app.form_mut()
                && f.confirm_resend
            {
                f.confirm_resend = false;
                return submit(app, true, false);
            }
        }
        FormMsg::ClickField(i) => return click_field(app, i),
        FormMsg::ClickOption(i) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.selected = i;
                let before = app.form().map(|f| f.input());
                choose(app);
                if let Some(before) = before {
                    return save_draft_if_changed(app, &before);
                }
            }
        }
        FormMsg::CancelResend => {
            if let Some(f) = app.form_mut() {
                f.confirm_resend = false;
            }
        }
        FormMsg::RestoreDraft
        | FormMsg::DraftWritten { .. }
        | FormMsg::AskDiscardDraft
        | FormMsg::KeepDraft
        | FormMsg::DiscardDraft => return on_draft(app, msg),
    }
    Vec::new()
}

/// The saved draft: written or not, and the restore box's answers.
fn on_draft(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    match msg {
        FormMsg::RestoreDraft => return restore_draft(app),
        FormMsg::DraftWritten {
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
            if let Some(f) = app.session.forms.get_mut(&workspace_id) {
                f.draft_problem = problem;
            }
        }
        FormMsg::AskDiscardDraft => {
            if let Some(f) = app.form_mut()
                && f.offer.is_some()
            {
                f.discard_asked = true;
            }
        }
        FormMsg::KeepDraft => {
            if let Some(f) = app.form_mut() {
                f.discard_asked = false;
            }
        }
        FormMsg::DiscardDraft => {
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
        _ => debug_assert!(false, "{msg:?} is not about drafts"),
    }
    Vec::new()
}

/// The command palette and switching profiles.
fn on_palette(app: &mut App, msg: PaletteMsg) -> Vec<Cmd> {
    match msg {
        PaletteMsg::PaletteOpen(text) => super::palette::open(app, text),
        PaletteMsg::PaletteEdit(req) => {
            if let Some(p) = &mut app.palette {
                p.input.handle(req);
            }
            super::palette::refresh(app);
        }
        PaletteMsg::PaletteMove(mv) => {
            if let Some(p) = &mut app.palette {
                let rows = super::palette::ROWS;
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

/// Edit and delete, and the confirm box over every write.
fn on_write(app: &mut App, msg: WriteMsg) -> Vec<Cmd> {
    match msg {
        WriteMsg::EditAccount => edit_account(app),
        WriteMsg::DeleteAccount => ask_delete(app),
        WriteMsg::ConfirmEdit(req) => {
            if let Some(c) = &mut app.confirm
                && let Some(typed) = &mut c.typed
            {
                typed.handle(req);
                c.problem = None;
            }
        }
        WriteMsg::ConfirmToggle => {
            if let Some(c) = &mut app.confirm {
                c.proceed = !c.proceed;
            }
        }
        WriteMsg::ConfirmAccept => return confirm_accept(app),
        WriteMsg::ConfirmCancel => {
            if let Some(c) = app.confirm.take() {
                let what = match c.write {
                    Write::Create => "nothing was created",
                    Write::Update => "nothing was changed",
                    Write::Delete { .. } => "nothing was deleted",
                };
                app.set_status(StatusKind::Info, format!("Cancelled: {what}"));
            }
        }
    }
    Vec::new()
}

/// The error and message boxes, and the token prompt.
fn on_boxes(app: &mut App, msg: BoxMsg) -> Vec<Cmd> {
    match msg {
        BoxMsg::ScrollBox(by) => {
            use super::layers::{self, Modal};
            let scroll = match layers::top(app) {
                Some(Modal::Error) => app.error.as_mut().map(|e| &mut e.scroll),
                Some(Modal::Help) => Some(&mut app.help_scroll),
                _ => None,
            };
            if let Some(scroll) = scroll {
                *scroll = if by == i16::MIN {
                    0
                } else {
                    scroll.saturating_add_signed(by).min(MAX_SCROLL)
                };
            }
        }
        BoxMsg::ShowStatus => {
            if let Some(s) = &app.status {
                app.error = Some(ErrorPopup::new("Last message", s.text.clone()));
            }
        }
        BoxMsg::DismissError => app.error = None,

        BoxMsg::TokenEdit(req) => {
            if let Some(t) = &mut app.token_prompt {
                t.handle(req);
            }
        }
        BoxMsg::TokenSubmit => return token_submit(app),
    }
    Vec::new()
}

/// Copying.
fn on_copy(app: &mut App, msg: CopyMsg) -> Vec<Cmd> {
    match msg {
        CopyMsg::CopyAll => {
            if app.screen == Screen::ApiLog {
                let text: Vec<String> = app.api_log.iter().map(|e| e.line()).collect();
                return vec![Cmd::Copy {
                    what: "the API log",
                    text: text.join("\n"),
                }];
            }
        }
        CopyMsg::CopyId if app.screen == Screen::ApiLog => {
            if let Some(e) = app.log_sel.current().and_then(|i| app.api_log.get(i)) {
                return vec![Cmd::Copy {
                    what: "the log entry",
                    text: e.line(),
                }];
            }
        }
        CopyMsg::CopyId if app.screen == Screen::Ledger => {
            if let Some(e) = app.ledger_sel.current().and_then(|i| app.ledger.get(i)) {
                return vec![Cmd::Copy {
                    what: "the account id",
                    text: e.account.id.clone(),
                }];
            }
        }
        CopyMsg::CopyId | CopyMsg::CopyJson => {
            let json = matches!(msg, CopyMsg::CopyJson);
            return (screens::spec(app.screen).copy)(app, json)
                .into_iter()
                .collect();
        }
        CopyMsg::CopyError => {
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

        CopyMsg::Copied(result) => match result {
            Ok(what) => app.set_status(StatusKind::Success, format!("Copied {what}")),
            Err(e) => app.set_status(StatusKind::Error, format!("Copy failed: {e}")),
        },
    }
    Vec::new()
}

/// The API's answers.
fn on_api(app: &mut App, msg: ApiMsg) -> Vec<Cmd> {
    match msg {
        ApiMsg::AccountUpdated { req, result } => {
            return account_updated(app, req, result);
        }
        ApiMsg::AccountDeleted {
            req,
            workspace_id,
            account_id,
            result,
        } => return account_deleted(app, req, &workspace_id, &account_id, result),
        ApiMsg::AccountChecked {
            req,
            workspace_id,
            account_id,
            result,
        } => return account_checked(app, req, &workspace_id, &account_id, result),
        ApiMsg::WorkspacesLoaded { req, result } => {
            if !app.session.workspaces.load.awaits(req) {
                tracing::debug!(req, "stale workspaces answer ignored");
                return Vec::new();
            }
            match result {
                Ok(list) => {
                    app.session.workspaces.load = Load::Loaded;
                    app.session.workspaces.items = list.data;
                    app.session.workspaces.lowered.clear();
                    app.session.workspaces.has_more = list.has_more;
                    refilter(app);
                    if let Some(id) = app.session.workspaces.preselect.take()
                        && let Some(i) =
                            app.session.workspaces.items.iter().position(|w| w.id == id)
                    {
                        let height = app.list_height();
                        app.session.workspaces.sel.select_item(i, height);
                    }
                }
                Err(e) => {
                    app.session.workspaces.load = Load::Failed(e.to_string());
                    unauthorised(app, &e);
                }
            }
        }
        ApiMsg::WorkspaceLoaded { req, result } => {
            if !app.session.workspaces.goto_load.awaits(req) {
                return Vec::new();
            }
            match result {
                Ok(ws) => {
                    app.session.workspaces.goto_load = Load::Loaded;
                    app.session.workspaces.goto = None;
                    return open_workspace(app, ws);
                }
                Err(e) => {
                    app.session.workspaces.goto_load = Load::Failed(e.to_string());
                    if !unauthorised(app, &e) {
                        app.set_status(
                            StatusKind::Error,
                            format!("Cannot open that workspace: {e}"),
                        );
                    }
                }
            }
        }
        ApiMsg::AccountsLoaded {
            req,
            workspace_id,
            result,
        } => accounts_loaded(app, req, &workspace_id, result),
        ApiMsg::AccountCreated {
            req,
            workspace_id,
            sent_at,
            result,
        } => return account_created(app, req, &workspace_id, sent_at, result),
        ApiMsg::AccountFound {
            req,
            workspace_id,
            result,
        } => return account_found(app, req, &workspace_id, result),
    }
    Vec::new()
}

/// A workspace's accounts arrived (or did not).
fn accounts_loaded(
    app: &mut App,
    req: ReqId,
    workspace_id: &str,
    result: Result<crate::api::model::BillingAccountList, ApiError>,
) {
    let Some(view) = app.session.accounts.get_mut(workspace_id) else {
        return;
    };
    if !view.load.awaits(req) {
        return;
    }
    match result {
        Ok(list) => {
            view.load = Load::Loaded;
            view.items = list.data;
            view.has_more = list.has_more;
            let n = view.items.len();
            if app
                .session
                .current
                .as_ref()
                .is_some_and(|w| w.id == workspace_id)
            {
                let height = app.list_height();
                app.session
                    .account_sel
                    .set_visible((0..n).collect(), height);
            }
        }
        Err(e) => {
            view.load = Load::Failed(e.to_string());
            unauthorised(app, &e);
        }
    }
}

#[cfg(test)]
mod tests;
