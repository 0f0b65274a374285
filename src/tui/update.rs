//! `update(&mut App, Msg) -> Vec<Cmd>`: synchronous, the only mutator of
//! state. It never waits: HTTP and clipboard work leave as `Cmd`s and come
//! back as `Msg`s, and an answer to anything but the latest request is
//! ignored.

use super::app::{AccountsView, App, Confirm, ErrorPopup, Load, Screen, StatusKind, Write};
use super::form::{self, FormState, Picker};
use super::list::{self, Selection};
use super::msg::{ApiMsg, BoxMsg, Cmd, CopyMsg, FormMsg, Move, Msg, NavMsg, PaletteMsg, ReqId};
use super::screens;
use super::write::Phase;
use crate::api::model::Workspace;
use crate::api::{ApiError, Token};
use crate::inert::inert;
use crate::rules::Field;
use tui_input::{Input, InputRequest};

mod account_writes;
mod answers;
pub(crate) mod billing;
mod billing_quantities;
mod boxes;
mod create;
mod discard;
mod duplicates;
mod edit_delete;
mod fields;
pub(crate) mod find;
mod import;
mod ledger;
pub(crate) mod members;
pub(crate) mod navigation;
mod org_writes;
pub mod orgs;
mod outcomes;
mod pending_writes;
mod profiles;
mod workspaces;

use answers::*;
use boxes::*;
use create::*;
use edit_delete::*;
use fields::*;
use ledger::*;
use navigation::*;
use outcomes::*;
use profiles::*;

pub(crate) use fields::{type_into, unlocked_form};

/// What the boxes' Esc runs (tui/boxes), where it is an update of its own.
pub(crate) mod esc {
    use super::App;

    pub(crate) fn confirm(app: &mut App) {
        super::edit_delete::update_confirm_cancel(app);
    }

    pub(crate) fn quantities(app: &mut App) {
        super::billing_quantities::back(app);
    }

    /// Esc on "an account like it exists" keeps editing the form.
    pub(crate) fn duplicate(app: &mut App) {
        let _ = super::duplicates::on_duplicate(app, super::FormMsg::KeepEditing);
    }
}
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
    let mut cmds = dispatch(app, msg);
    // What alto read or wrote this time is in the index now; saved here.
    cmds.extend(find::flush(app));
    app.settle_status();
    super::reads::track(app, &mut cmds);
    cmds
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Nav(m) => on_nav(app, m),
        Msg::Form(m) => on_form(app, m),
        Msg::Palette(m) => on_palette(app, m),
        Msg::Write(m) => on_write(app, m),
        Msg::Boxes(m) => on_boxes(app, m),
        Msg::Copy(m) => on_copy(app, m),
        Msg::Api(m) => on_api(app, m),
        Msg::Billing(m) => billing::on_billing(app, m),
        Msg::Written {
            req,
            sent_at,
            result,
        } => account_writes::written(app, req, sent_at, result),
        Msg::Member(m) => members::on_member(app, m),
        Msg::Org(m) => orgs::on_org(app, m),
        Msg::Find(m) => find::on_find(app, m),
        Msg::Import(m) => import::on_import(app, m),
        Msg::Loaded {
            read,
            scope,
            req,
            answer,
        } => {
            // A refused token is asked for again, as on every read.
            if let Err(e) = &answer.0
                && app.session.store.load(read, &scope).awaits(req)
            {
                unauthorised(app, e);
            }
            app.session.store.answer(read, &scope, req, answer);
            Vec::new()
        }
        other => global(app, other),
    }
}

/// What concerns the whole console: the terminal, quitting, Esc, the mouse.
fn global(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            let height = crate::tui::layout::rows(app);
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
        Msg::Pacing(pacing) => {
            if let Some(note) = app.budget.heard(pacing) {
                app.set_status(StatusKind::Info, note);
            }
        }
        Msg::Expects(what) => {
            if let Some(f) = app.form_mut().filter(|f| f.offer.is_some()) {
                f.offer_typed = true;
            }
            app.set_status(StatusKind::Info, what);
        }
        Msg::FileProblem(what) => app.set_status(StatusKind::Error, what),
        Msg::Second => {
            for f in app.session.forms.values_mut() {
                f.offer_typed = false;
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
        Msg::Downloads(dir) => app.ctx.downloads = dir,
        other => debug_assert!(false, "{other:?} has a handler of its own"),
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
